"""kustomize layouts of real repositories: components, remote bases deep in the chain,
mutually exclusive overlays."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.config import Settings
from finops_gate.sources import kubernetes
from finops_gate.sources.k8s_render import _kustomize_cmd
from finops_gate.sources.tree import Tree

pytestmark = pytest.mark.skipif(
    _kustomize_cmd() is None, reason="neither kustomize nor kubectl is installed"
)

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: example/api:1
        resources: {requests: {cpu: "1", memory: 1Gi}}
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def _overlay(replicas: int) -> str:
    patch = f'[{{"op": "replace", "path": "/spec/replicas", "value": {replicas}}}]'
    return (
        "resources: [../../base]\n"
        "components: [../../components/monitoring]\n"
        f"patches:\n- target: {{kind: Deployment, name: api}}\n  patch: '{patch}'\n"
    )


LAYOUT = {
    "base/kustomization.yaml": "resources: [deploy.yaml]\n",
    "base/deploy.yaml": DEPLOY,
    "components/monitoring/kustomization.yaml": (
        "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
        "commonLabels: {monitored: 'true'}\n"
    ),
    "overlays/dev/kustomization.yaml": _overlay(1),
    "overlays/prod/kustomization.yaml": _overlay(6),
}


def test_overlays_are_separate_projects_and_components_are_not_built_alone(
    tmp_path: Path,
) -> None:
    _write(tmp_path, LAYOUT)
    found = kubernetes.load(Tree(tmp_path), Settings())
    by_project = {r.project: r for r in found if r.kind == "Deployment"}
    assert set(by_project) == {"overlays/dev", "overlays/prod"}
    assert by_project["overlays/prod"].attributes["replicas"] == 6
    assert not [r for r in found if r.kind == "Kustomization"]  # nothing left unrendered


def test_config_chooses_the_overlay_to_check(tmp_path: Path) -> None:
    _write(tmp_path, LAYOUT)
    raw = {"version": 1, "sources": {"kubernetes": {"overlays": ["overlays/prod"]}}}
    found = kubernetes.load(Tree(tmp_path), Settings(raw=raw))
    assert [r.attributes["replicas"] for r in found if r.kind == "Deployment"] == [6]


def test_a_remote_base_deep_in_the_chain_is_not_rendered_with_its_cause(tmp_path: Path) -> None:
    layout = dict(LAYOUT)
    layout["base/kustomization.yaml"] = (
        "resources:\n- deploy.yaml\n- github.com/example/platform//monitoring?ref=v1.2.0\n"
    )
    _write(tmp_path, layout)
    found = kubernetes.load(Tree(tmp_path), Settings())
    reasons = {r.address: r.attributes.get("not_rendered") for r in found}
    assert set(reasons) == {"Kustomization/overlays/dev", "Kustomization/overlays/prod"}
    why = reasons["Kustomization/overlays/prod"] or ""
    assert "github.com/example/platform//monitoring?ref=v1.2.0" in why and "through base" in why


def test_prod_scale_up_shows_in_its_own_project_total(tmp_path: Path) -> None:
    _write(tmp_path / "base", LAYOUT)
    shutil.copytree(tmp_path / "base", tmp_path / "head")
    _write(tmp_path / "head", {"overlays/prod/kustomization.yaml": _overlay(12)})
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    # every overlay read (--all-resources reads the whole tree): each its own project total
    whole = [*args, "--format", "json", "--all-resources"]
    doc = json.loads(CliRunner().invoke(main, whole).output)
    projects = {p["name"]: p for p in doc["projects"]}
    assert projects["overlays/dev"]["monthly_delta"] == "0"
    assert projects["overlays/prod"]["monthly_delta"] != "0"
    # by default only the overlay the change touches is rendered (dev is unchanged)
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).output)
    assert {r["file"] for r in doc["resources"]} == {"overlays/prod (rendered)"}
    assert doc["totals"]["monthly_delta"] == projects["overlays/prod"]["monthly_delta"]
