"""Argo Rollouts with ``workloadRef``: the referenced Deployment's pod template x the Rollout's
replicas, and a Deployment that Argo scales down (``scaleDown: onsuccess|progressively``) is
not counted twice; a reference to nothing read leaves the Rollout unpriced, never free."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  replicas: %d
  template:
    metadata: {labels: {app: api, finops/team: shop}}
    spec:
      containers: [{name: c, image: x, resources: {requests: {cpu: "1", memory: 2Gi}}}]
"""
ROLLOUT = """---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: api, namespace: %s}
spec:
  replicas: 5
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: %s%s}
  strategy: {canary: {steps: [{setWeight: 20}]}}
"""


def _check(tmp_path: Path, head: str) -> dict[str, dict[str, Any]]:
    for side, text in (("base", DEPLOYMENT % 3), ("head", head)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "app.yaml").write_text(text)
    result = CliRunner().invoke(
        main,
        ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head"),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return {r["address"]: r for r in json.loads(result.stdout)["resources"]}


def _money(value: str | None) -> float:
    assert value is not None
    return float(value)


@pytest.mark.parametrize("mode", ["onsuccess", "progressively"])
def test_a_rollout_prices_the_referenced_template_and_argo_scales_the_deployment_down(
    tmp_path: Path, mode: str
) -> None:
    rows = _check(tmp_path, DEPLOYMENT % 3 + ROLLOUT % ("shop", "api", f", scaleDown: {mode}"))
    rollout, deployment = rows["Rollout/shop/api"], rows["Deployment/shop/api"]
    per_pod = _money(deployment["monthly_before"]) / 3
    assert rollout["status"] == "priced"
    assert _money(rollout["monthly_after"]) == pytest.approx(5 * per_pod, abs=0.02)
    assert deployment["status"] == "free" and deployment["monthly_after"] == "0"
    assert "Rollout/shop/api" in deployment["reason"]


def test_the_migration_pattern_with_the_deployment_at_zero_counts_the_pods_once(
    tmp_path: Path,
) -> None:
    rows = _check(tmp_path, DEPLOYMENT % 0 + ROLLOUT % ("shop", "api", ""))
    assert _money(rows["Deployment/shop/api"]["monthly_after"]) == 0
    assert _money(rows["Rollout/shop/api"]["monthly_after"]) > 0


def test_scale_down_never_keeps_both_running(tmp_path: Path) -> None:
    # Argo's default: the Deployment keeps its replicas beside the Rollout's, so both cost
    rows = _check(tmp_path, DEPLOYMENT % 3 + ROLLOUT % ("shop", "api", ", scaleDown: never"))
    assert rows["Deployment/shop/api"]["action"] == "no-op"
    assert _money(rows["Deployment/shop/api"]["monthly_after"]) > 0
    assert _money(rows["Rollout/shop/api"]["monthly_after"]) > 0


@pytest.mark.parametrize(("namespace", "name"), [("shop", "missing"), ("other", "api")])
def test_a_reference_to_nothing_read_is_unpriced_not_free(
    tmp_path: Path, namespace: str, name: str
) -> None:
    rows = _check(tmp_path, DEPLOYMENT % 3 + ROLLOUT % (namespace, name, ", scaleDown: onsuccess"))
    (rollout,) = [r for a, r in rows.items() if a.startswith("Rollout/")]
    assert rollout["status"] == "unpriced" and rollout["monthly_after"] is None
    assert "workloadRef" in rollout["reason"]
    assert rows["Deployment/shop/api"]["status"] == "priced"  # not scaled down by nothing


ROLLOUT_TEMPLATE = """apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web, namespace: shop}
spec:
  replicas: %s
  template:
    spec:
      containers: [{name: c, image: x, resources: {requests: {cpu: "1", memory: 2Gi}}}]
"""


@pytest.mark.parametrize("replicas", ['"three"', "2.5", "true", "[3]", "'{{ .Values.replicas }}'"])
def test_a_count_set_to_no_whole_number_is_unpriced_naming_it_not_one(
    tmp_path: Path, replicas: str
) -> None:
    rows = _check(tmp_path, ROLLOUT_TEMPLATE % replicas)
    row = rows["Rollout/shop/web"]
    assert row["status"] == "unpriced" and row["monthly_after"] is None
    assert "spec.replicas" in row["reason"] and "whole number" in row["reason"]


@pytest.mark.parametrize(("replicas", "pods"), [("4", 4), ("4.0", 4), ('"4"', 4)])
def test_a_whole_number_count_is_read_as_written(tmp_path: Path, replicas: str, pods: int) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "n").mkdir()
    one = _check(tmp_path / "one", ROLLOUT_TEMPLATE % "1")["Rollout/shop/web"]
    rows = _check(tmp_path / "n", ROLLOUT_TEMPLATE % replicas)
    assert _money(rows["Rollout/shop/web"]["monthly_after"]) == pytest.approx(
        pods * _money(one["monthly_after"]), abs=0.01 * pods
    )
