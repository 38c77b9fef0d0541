"""Huge counts and quantities (replicas 10**30, count 1e9, memory 1e30Ei, a plan's size 10**30)
are refused or unpriced with a reason, in bounded time and memory: never a crash, a hang, or a
figure nobody could pay."""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from finops_gate.cli import main

DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "api", "namespace": "shop"},
    "spec": {
        "replicas": 2,
        "template": {
            "spec": {
                "containers": [
                    {"name": "c", "resources": {"requests": {"cpu": "1", "memory": "1Gi"}}}
                ]
            }
        },
    },
}


def _check(tmp_path: Path, base: dict[str, str], head: dict[str, str], *extra: str) -> Any:
    for side, files in (("base", base), ("head", head)):
        (tmp_path / side).mkdir()
        for rel, text in files.items():
            (tmp_path / side / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / side / rel).write_text(text)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    start, peak = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = CliRunner().invoke(main, [*args, "--format", "json", *extra])
    assert time.monotonic() - start < 30, "a huge number must not take long"
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak
    assert grown_kib < 500_000, "a huge number must not allocate per instance"
    assert "internal error" not in result.stderr, result.stderr
    return result


def _deployment(path: tuple[str, ...], value: Any) -> str:
    doc = json.loads(json.dumps(DEPLOYMENT))
    node = doc
    for key in path[:-1]:
        node = node[key] if not isinstance(node, list) else node[int(key)]
    node[path[-1]] = value
    return yaml.safe_dump(doc)


REPLICAS = ("spec", "replicas")
REQUESTS = ("spec", "template", "spec", "containers", "0", "resources", "requests")


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        (REPLICAS, 10**30, "not a count Kubernetes accepts"),
        (REPLICAS, -3, "not a count Kubernetes accepts"),
        (REPLICAS, "3", "not a count"),
        (REPLICAS, 2_000_000_000, "beyond what any resource costs"),
        ((*REQUESTS, "memory"), "1e30Ei", "bad quantity"),
        ((*REQUESTS, "memory"), "9999999999999999999999999999999", "bad quantity"),
        ((*REQUESTS, "cpu"), "9e18", "beyond what any resource costs"),
    ],
)
def test_a_huge_or_negative_workload_size_is_unpriced_with_a_reason(
    tmp_path: Path, path: tuple[str, ...], value: Any, reason: str
) -> None:
    result = _check(
        tmp_path,
        {"k8s/api.yaml": _deployment(REPLICAS, 2)},
        {"k8s/api.yaml": _deployment(path, value)},
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    (api,) = doc["resources"]
    assert api["status"] == "unpriced" and api["monthly_after"] is None
    assert reason in api["reason"]
    assert doc["totals"]["not_counted"] == 1


def test_a_huge_workload_size_requires_approval_when_thresholds_are_configured(
    tmp_path: Path,
) -> None:
    config = "version: 1\npolicies:\n  approval:\n    monthly_increase: 100\n"
    result = _check(
        tmp_path,
        {"k8s/api.yaml": _deployment(REPLICAS, 2), ".finops-gate.yml": config},
        {"k8s/api.yaml": _deployment(REPLICAS, 10**30), ".finops-gate.yml": config},
    )
    assert result.exit_code == 1, result.stderr
    doc = json.loads(result.stdout)
    assert doc["verdict"] == "approval_required"
    assert any("cost unknown" in r for r in doc["approval"]["reasons"])


def test_a_custom_resource_with_huge_replicas_is_unpriced(tmp_path: Path) -> None:
    rollout = {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Rollout",
        "metadata": {"name": "api", "namespace": "shop"},
        "spec": {"replicas": 10**30, "template": DEPLOYMENT["spec"]["template"]},  # type: ignore[index]
    }
    result = _check(tmp_path, {}, {"k8s/rollout.yaml": yaml.safe_dump(rollout)})
    assert result.exit_code == 0, result.stderr
    (ro,) = json.loads(result.stdout)["resources"]
    assert ro["status"] == "unpriced" and "not a count Kubernetes accepts" in ro["reason"]


TF = (
    'provider "aws" {\n  region = "us-east-1"\n}\n'
    'resource "aws_instance" "a" {\n  %s\n  ami = "ami-1"\n  instance_type = "t3.micro"\n}\n'
)


@pytest.mark.parametrize("count", ["1000000000", "1e9", str(10**30)])
def test_a_huge_count_in_a_tf_tree_is_exit_2_naming_the_file(tmp_path: Path, count: str) -> None:
    result = _check(tmp_path, {"main.tf": TF % "count = 2"}, {"main.tf": TF % f"count = {count}"})
    assert result.exit_code == 2, result.stdout
    assert "main.tf" in result.stderr and "count" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "meta",
    [
        "for_each = toset([for i in range(100000000) : tostring(i)])",
        "count = length(range(1000000000))",
    ],
)
def test_a_huge_computed_count_in_a_tf_tree_is_bounded_and_never_free(
    tmp_path: Path, meta: str
) -> None:
    result = _check(tmp_path, {}, {"main.tf": TF % meta})
    assert result.exit_code in (0, 2), result.stderr
    if result.exit_code == 0:
        doc = json.loads(result.stdout)
        (a,) = doc["resources"]
        assert a["status"] == "unpriced" and a["monthly_after"] is None


def _plan(size: Any) -> str:
    change = {
        "address": "aws_ebs_volume.v",
        "mode": "managed",
        "type": "aws_ebs_volume",
        "name": "v",
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {
            "actions": ["create"],
            "before": None,
            "after": {"size": "@", "type": "gp3", "availability_zone": "us-east-1a"},
        },
    }
    text = json.dumps({"format_version": "1.2", "resource_changes": [change]})
    return text.replace('"@"', size)


@pytest.mark.parametrize("size", [str(10**30), "1e999", "1e300", str(10**15)])
def test_a_huge_size_in_a_plan_is_unpriced_never_a_crash(
    tmp_path: Path, size: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    plan = tmp_path / "plan.json"
    plan.write_text(_plan(size))
    result = CliRunner().invoke(main, ["check", "--plan", str(plan), "--format", "json"])
    assert result.exit_code in (0, 2), result.stderr
    if result.exit_code == 0:
        (v,) = json.loads(result.stdout)["resources"]
        assert v["status"] == "unpriced" and v["monthly_after"] is None
        assert "absurd" in v["reason"]
    else:
        assert "plan.json" in result.stderr


@pytest.mark.parametrize("size", ["-100", "-0.5"])
def test_a_negative_size_in_a_plan_is_unpriced_never_negative_money(
    tmp_path: Path, size: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    plan = tmp_path / "plan.json"
    plan.write_text(_plan(size))
    result = CliRunner().invoke(main, ["check", "--plan", str(plan), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    (v,) = doc["resources"]
    assert v["status"] == "unpriced" and v["monthly_after"] is None
    assert "negative" in v["reason"]
    assert not doc["totals"]["monthly_after"].startswith("-")


def test_a_negative_nested_size_makes_the_resource_unpriced_not_cheaper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one negative line inside a positive total must not quietly lower it
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    plan = tmp_path / "plan.json"
    after = {"instance_type": "t3.micro", "ami": "x",
             "root_block_device": [{"volume_size": -50, "volume_type": "gp3"}]}  # fmt: skip
    change = {
        "address": "aws_instance.a", "mode": "managed", "type": "aws_instance", "name": "a",
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {"actions": ["create"], "before": None, "after": after},
    }  # fmt: skip
    plan.write_text(json.dumps({"format_version": "1.2", "resource_changes": [change]}))
    result = CliRunner().invoke(main, ["check", "--plan", str(plan), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    (a,) = json.loads(result.stdout)["resources"]
    assert a["status"] == "unpriced" and "root_block_device" in a["reason"]
