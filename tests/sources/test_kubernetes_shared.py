"""The Kubernetes reader holds each distinct value it builds once (a tree repeats the same pod
specs and labels): equal values are one object, and values that only look alike are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from finops_gate.config import Settings
from finops_gate.model import Resource
from finops_gate.sources import kubernetes
from finops_gate.sources.tree import Tree

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata: {{name: {name}, namespace: shop, labels: {{team: {team}}}}}
spec:
  replicas: {replicas}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers:
        - name: app
          resources: {{requests: {{cpu: {cpu}, memory: 1Gi}}}}
"""


@pytest.fixture(autouse=True)
def _fresh() -> None:
    kubernetes.forget()


def _load(tmp_path: Path, manifests: dict[str, dict[str, str]]) -> dict[str, Resource]:
    for name, fields in manifests.items():
        (tmp_path / f"{name}.yaml").write_text(DEPLOY.format(name=name, **fields))
    return {r.address.rsplit("/", 1)[1]: r for r in kubernetes.load(Tree(tmp_path), Settings())}


def test_equal_pod_specs_are_one_value_and_different_ones_stay_apart(tmp_path: Path) -> None:
    found = _load(
        tmp_path,
        {
            "a": {"team": "x", "replicas": "2", "cpu": '"1"'},
            "b": {"team": "x", "replicas": "3", "cpu": '"1"'},
            "c": {"team": "x", "replicas": "2", "cpu": '"2"'},
        },
    )
    pods = {n: r.attributes["pod"] for n, r in found.items()}
    assert pods["a"] is pods["b"]
    assert pods["a"] is not pods["c"] and pods["a"] != pods["c"]
    assert [found[n].attributes["replicas"] for n in "ab"] == [2, 3]


def test_values_equal_to_python_but_not_of_one_type_are_not_merged() -> None:
    one, true, text = {"n": 1}, {"n": True}, {"n": "1"}
    held = [kubernetes._one(v) for v in (one, true, text, {"n": 1.0})]
    assert [type(v["n"]) for v in held] == [int, bool, str, float]
    assert kubernetes._one({"n": 1}) is held[0]
