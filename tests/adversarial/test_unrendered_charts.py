"""A Helm chart or kustomize overlay that cannot be rendered here (no helm, no kustomize) is one
row holding a digest of its files. Before, the chart's own directory (the row's file) tripped the
fail-closed check as "a directory, not a regular file" (exit 2 on every run of a repository with
a chart, wherever helm is absent), and a chart whose values changed read as no change."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

CHART = {
    "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
    "chart/templates/web.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
        "  replicas: {{ .Values.replicas }}\n  template:\n    spec:\n      containers:\n"
        '      - {name: c, image: nginx, resources: {requests: {cpu: "4", memory: 16Gi}}}\n'
    ),
    "chart/values.yaml": "replicas: 2\n",
    ".finops-gate.yml": "version: 1\npolicies:\n  approval:\n    monthly_increase: 10\n",
}


@pytest.fixture(autouse=True)
def _no_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no helm, kustomize nor kubectl


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def _check(*args: str) -> Any:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_an_unchanged_chart_without_helm_is_no_error_and_no_change(tmp_path: Path) -> None:
    _write(tmp_path / "base", CHART)
    _write(tmp_path / "head", CHART)
    code, report = _check("--base", str(tmp_path / "base"), "--head", str(tmp_path / "head"))
    assert code == 0 and report["verdict"] == "pass"
    assert all(r["action"] == "no-op" for r in report["resources"])


def test_a_changed_chart_without_helm_is_a_change_whose_cost_is_unknown(tmp_path: Path) -> None:
    _write(tmp_path / "base", CHART)
    _write(tmp_path / "head", {**CHART, "chart/values.yaml": "replicas: 200\n"})
    code, report = _check("--base", str(tmp_path / "base"), "--head", str(tmp_path / "head"))
    assert code == 1 and report["verdict"] == "approval_required"
    (row,) = report["resources"]
    assert (row["address"], row["action"], row["monthly_after"]) == (
        "HelmChart/chart",
        "update",
        None,
    )
    assert "helm is not installed" in row["reason"]


def test_git_mode_sees_a_changed_chart_without_helm(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _write(repo, CHART)
    git = ["git", "-C", str(repo), "-c", "user.email=a@b.c", "-c", "user.name=a"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    _write(repo, {"chart/values.yaml": "replicas: 200\n"})
    code, report = _check(str(repo), "--base-ref", "main")
    assert code == 1 and report["verdict"] == "approval_required"
    assert [(r["address"], r["action"]) for r in report["resources"]] == [
        ("HelmChart/chart", "update")
    ]


def test_a_changed_overlay_base_without_kustomize_changes_the_overlay(tmp_path: Path) -> None:
    files = {
        "k/base/kustomization.yaml": "resources: [web.yaml]\n",
        "k/base/web.yaml": CHART["chart/templates/web.yaml"].replace("{{ .Values.replicas }}", "2"),
        "k/prod/kustomization.yaml": "resources: [../base]\n",
        ".finops-gate.yml": CHART[".finops-gate.yml"],
    }
    _write(tmp_path / "base", files)
    changed = files["k/base/web.yaml"].replace("replicas: 2", "replicas: 200")
    _write(tmp_path / "head", {**files, "k/base/web.yaml": changed})
    code, report = _check("--base", str(tmp_path / "base"), "--head", str(tmp_path / "head"))
    assert code == 1, report
    assert ("Kustomization/k/prod", "update") in {
        (r["address"], r["action"]) for r in report["resources"]
    }
