"""Fixtures: a local GitHub API server per test and a publisher pointed at it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.publish.fake_github import FakeGitHub
from tests.publish.fake_gitlab import FakeGitLab


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        yield server


def git(repo: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "HOME": str(repo),
        "PATH": os.environ["PATH"],
    }
    out = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def make_pr_repo(
    repo: Path, state: Any, config: str | None = None, files: Mapping[str, str] | None = None
) -> Path:
    """``repo`` as a pull request sees it: a base commit holding the example plan, ``config``
    as ``.finops-gate.yml`` (the example's when None) and ``files``, then a head commit; the
    two SHAs go into ``state`` (a fake platform's), as the platform reports them."""
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(EXAMPLES / "terraform-plan" / "plan.json", repo / "plan.json")
    if config is None:
        shutil.copy(EXAMPLES / "terraform-plan" / ".finops-gate.yml", repo / ".finops-gate.yml")
    else:
        (repo / ".finops-gate.yml").write_text(config, encoding="utf-8")
    for name, text in (files or {}).items():
        (repo / name).write_text(text, encoding="utf-8")
    state.base_sha = commit(repo, "base")
    (repo / "README.md").write_text("head\n", encoding="utf-8")
    state.head_sha = commit(repo, "head")
    return repo


def deployment(name: str, replicas: int, cpu: str) -> str:
    return (
        f"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n"
        f"  replicas: {replicas}\n  template:\n    spec:\n      containers:\n"
        f"        - name: app\n          image: app:1\n"
        f"          resources: {{requests: {{cpu: '{cpu}', memory: 1Gi}}}}\n"
    )


def diverged_repo(repo: Path) -> tuple[str, str, str]:
    """A change branched at ``fork`` (Deployment web: 2 -> 3 replicas) while the target branch
    gained ``target`` (someone else's new 40-replica Deployment big): ``(fork, target, head)``,
    with the head checked out."""
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "web.yaml").write_text(deployment("web", 2, "1"), encoding="utf-8")
    fork = commit(repo, "base")
    (repo / "big.yaml").write_text(deployment("big", 40, "16"), encoding="utf-8")
    target = commit(repo, "someone else's change on main")
    git(repo, "checkout", "-q", "-b", "feature", fork)
    (repo / "web.yaml").write_text(deployment("web", 3, "1"), encoding="utf-8")
    return fork, target, commit(repo, "the change")


@pytest.fixture
def pr_repo(tmp_path: Path, fake_github: FakeGitHub) -> Path:
    """A git repository with the example plan: a base commit and a PR head commit whose SHAs
    the fake GitHub reports for pull request #7."""
    return make_pr_repo(tmp_path / "repo", fake_github.state)


GATED_CONFIG = """\
version: 1
usage:
  terraform:
    resource_type_default_usage:
      aws_lambda_function: {monthly_requests: 2000000, request_duration_ms: 350}
    resource_usage:
      aws_nat_gateway.egress: {monthly_data_processed_gb: 2500}
policies:
  tags: {required: []}
  approval:
    monthly_increase: 500
    approvers: {github: [alice, "acme/platform-leads"]}
"""


@pytest.fixture
def gated_repo(tmp_path: Path, fake_github: FakeGitHub) -> Path:
    """Like ``pr_repo``, with a base config that requires an approval above $500/month."""
    return make_pr_repo(tmp_path / "gated", fake_github.state, GATED_CONFIG)


@pytest.fixture
def fake_gitlab() -> Iterator[FakeGitLab]:
    with FakeGitLab() as server:
        yield server


GITLAB_GATED_CONFIG = GATED_CONFIG.replace(
    'approvers: {github: [alice, "acme/platform-leads"]}',
    'approvers: {gitlab: [alice, "acme/platform-leads"]}',
)


@pytest.fixture
def gated_mr_repo(tmp_path: Path, fake_gitlab: FakeGitLab) -> Path:
    """A git repository whose base config requires an approval above $500/month (approvers on
    GitLab: alice and the group acme/platform-leads), with a base and an MR head commit that the
    fake GitLab reports for MR !12."""
    return make_pr_repo(tmp_path / "gated-mr", fake_gitlab.state, GITLAB_GATED_CONFIG)
