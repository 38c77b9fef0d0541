"""The pre-commit hook, run the way users run it: `pre-commit try-repo` on a scratch repository.

pre-commit builds the hook's own virtualenv with pip; the test points pip at the wheels of the
locked runtime set that `.ci/run` downloads into .ci/wheels (no index: the test reaches no
network), and skips, saying how to get them, where they are absent.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WHEELS = ROOT / ".ci" / "wheels"

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {finops/team: web, finops/service: shop, finops/environment: prod,
           finops/cost-center: cc1}
spec:
  replicas: REPLICAS
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web, finops/team: web, finops/service: shop, finops/environment: prod,
               finops/cost-center: cc1}
    spec:
      containers:
        - name: web
          image: nginx
          resources: {requests: {cpu: "1", memory: 2Gi}}
"""
CONFIG = "version: 1\npolicies:\n  approval:\n    monthly_increase: 100\n"


def test_the_hook_definition_runs_the_check_once_per_commit() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "finops-gate"
    assert hook["entry"] == "finops-gate check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False  # the gate reads the change itself, from git


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _wheelhouse_covers_the_lock() -> bool:
    """Every package pinned in requirements/runtime.txt has its file in .ci/wheels."""
    if not WHEELS.is_dir():
        return False
    have = {
        re.sub(r"[-_.]+", "-", f.name.split("-")[0]).lower() + "==" + f.name.split("-")[1]
        for f in WHEELS.iterdir()
    }
    lock = (ROOT / "requirements" / "runtime.txt").read_text(encoding="utf-8")
    pins = {
        re.sub(r"[-_.]+", "-", m.group(1)).lower() + "==" + m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==(\S+)", lock, re.M)
    }
    return pins <= have


@pytest.mark.skipif(
    not _wheelhouse_covers_the_lock() or shutil.which("git") is None,
    reason="needs git and .ci/wheels holding the locked runtime set (python -m pip download "
    "--require-hashes --no-deps -r requirements/runtime.txt -d .ci/wheels, as .ci/run does)",
)
def test_pre_commit_try_repo_blocks_a_costly_change_and_passes_a_cheap_one(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "scratch"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "t@example.com")
    _git(repo, "config", "user.name", "t")
    (repo / "k8s").mkdir()
    (repo / "k8s" / "web.yaml").write_text(DEPLOY.replace("REPLICAS", "2"), encoding="utf-8")
    (repo / ".finops-gate.yml").write_text(CONFIG, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "checkout", "-q", "-b", "feature")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "GITHUB_", "CI"))},
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELS),
        "PIP_CONFIG_FILE": os.devnull,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "VIRTUALENV_NO_DOWNLOAD": "1",
    }
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "finops-gate"]

    # a small change under the threshold: the hook passes
    (repo / "k8s" / "web.yaml").write_text(DEPLOY.replace("REPLICAS", "3"), encoding="utf-8")
    _git(repo, "add", "-A")
    cheap = subprocess.run(
        [*try_repo, "--verbose"], cwd=repo, env=env, capture_output=True, text=True, timeout=600
    )
    assert cheap.returncode == 0, cheap.stdout + cheap.stderr
    assert "Deployment/shop/web" in cheap.stdout

    # 2 -> 40 replicas: far above the approval threshold, the hook fails the commit
    (repo / "k8s" / "web.yaml").write_text(DEPLOY.replace("REPLICAS", "40"), encoding="utf-8")
    _git(repo, "add", "-A")
    costly = subprocess.run(
        [*try_repo, "--verbose"], cwd=repo, env=env, capture_output=True, text=True, timeout=600
    )
    assert costly.returncode == 1, costly.stdout + costly.stderr
    assert "APPROVAL" in costly.stdout.upper()
