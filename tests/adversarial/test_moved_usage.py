"""A moved model setting keeps the usage configured for where it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

CONFIG = (
    "version: 1\nusage:\n  models:\n    sites:\n"
    '      "config/a.yaml#chat.model": {requests_per_month: 900000, input_tokens: 2000, '
    "output_tokens: 500}\n"
)


def _run(tmp_path: Path, head_file: str, head_model: str) -> dict:
    base, head = tmp_path / "base", tmp_path / "head"
    for side, rel, model in ((base, "config/a.yaml", "gpt-4o"), (head, head_file, head_model)):
        (side / rel).parent.mkdir(parents=True, exist_ok=True)
        (side / rel).write_text(f"chat:\n  model: {model}\n")
        (side / ".finops-gate.yml").write_text(CONFIG)
    result = CliRunner().invoke(
        main, ["check", "--base", str(base), "--head", str(head), "--format", "json"]
    )
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_a_moved_setting_keeps_its_usage_binding(tmp_path: Path) -> None:
    doc = _run(tmp_path, "config/b.yaml", "gpt-4o")
    (r,) = doc["resources"]
    assert r["address"] == "config/b.yaml#chat.model"
    assert r["monthly_before"] == r["monthly_after"] and r["monthly_after"] not in (None, "0")


def test_a_moved_and_switched_setting_is_priced_with_the_old_usage(tmp_path: Path) -> None:
    doc = _run(tmp_path, "config/b.yaml", "gpt-4o-mini")
    (r,) = doc["resources"]
    assert r["action"] == "update" and r["monthly_after"] is not None
    assert doc["totals"]["monthly_delta"].startswith("-")


# --- Terraform: moved blocks in .tf trees, previous_address in plans -------------------------

TF_USAGE = (
    "version: 1\nusage:\n  terraform:\n    resource_usage:\n"
    "      aws_nat_gateway.old: {monthly_data_processed_gb: 2500}\n"
    "      module.net.aws_nat_gateway.a: {monthly_data_processed_gb: 1000}\n"
)
PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'
NAT = 'resource "aws_nat_gateway" "%s" {\n  allocation_id = "eipalloc-1"\n  subnet_id = "s-1"\n}\n'


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _check(base: Path, head: Path, *extra: str) -> dict:
    result = CliRunner().invoke(
        main, ["check", "--base", str(base), "--head", str(head), "--format", "json", *extra]
    )
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_a_resource_and_a_module_renamed_by_moved_blocks_keep_their_usage(tmp_path: Path) -> None:
    net = {"net/main.tf": NAT % "a", ".finops-gate.yml": TF_USAGE}
    base = _tree(
        tmp_path / "base",
        {"main.tf": PROVIDER + NAT % "old" + 'module "net" {\n  source = "./net"\n}\n', **net},
    )
    moved = (
        "moved {\n  from = aws_nat_gateway.old\n  to = aws_nat_gateway.new\n}\n"
        "moved {\n  from = module.net\n  to = module.network\n}\n"
    )
    head = _tree(
        tmp_path / "head",
        {
            "main.tf": PROVIDER
            + NAT % "new"
            + 'module "network" {\n  source = "./net"\n}\n'
            + moved,
            **net,
        },
    )
    doc = _check(base, head)
    rows = {r["address"]: r for r in doc["resources"]}
    assert set(rows) == {"aws_nat_gateway.new", "module.network.aws_nat_gateway.a"}
    assert rows["aws_nat_gateway.new"]["moved_from"] == "aws_nat_gateway.old"
    assert rows["module.network.aws_nat_gateway.a"]["moved_from"] == "module.net.aws_nat_gateway.a"
    for r in rows.values():
        assert r["action"] == "no-op"
        assert r["monthly_before"] == r["monthly_after"]
    assert doc["totals"]["monthly_delta"] == "0"
    carried = [a for a in doc["assumptions"] if a["subject"] == "aws_nat_gateway.new"]
    assert carried and "before it moved" in carried[0]["origin"]


def test_a_moved_resource_whose_new_address_has_its_own_usage_uses_that(tmp_path: Path) -> None:
    usage = TF_USAGE + "      aws_nat_gateway.new: {monthly_data_processed_gb: 10}\n"
    base = _tree(tmp_path / "base", {"main.tf": PROVIDER + NAT % "old", ".finops-gate.yml": usage})
    head = _tree(
        tmp_path / "head",
        {
            "main.tf": PROVIDER
            + NAT % "new"
            + "moved {\n  from = aws_nat_gateway.old\n  to = aws_nat_gateway.new\n}\n",
            ".finops-gate.yml": usage,
        },
    )
    (r,) = _check(base, head)["resources"]
    assert r["moved_from"] == "aws_nat_gateway.old"
    assert float(r["monthly_after"]) < float(r["monthly_before"])  # 10 GB instead of 2500


def _plan_change(address: str, previous: str | None) -> dict:
    change = {
        "address": address,
        "mode": "managed",
        "type": "aws_nat_gateway",
        "name": address.rsplit(".", 1)[1],
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {
            "actions": ["no-op"],
            "before": {"allocation_id": "eipalloc-1", "subnet_id": "s-1", "tags": {}},
            "after": {"allocation_id": "eipalloc-1", "subnet_id": "s-1", "tags": {}},
            "after_unknown": {},
        },
    }
    if previous is not None:
        change["previous_address"] = previous
    return change


def test_a_plan_move_keeps_the_usage_of_the_previous_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            {
                "format_version": "1.2",
                "resource_changes": [_plan_change("aws_nat_gateway.new", "aws_nat_gateway.old")],
            }
        )
    )
    config = tmp_path / "gate.yml"
    config.write_text(TF_USAGE)
    result = CliRunner().invoke(
        main, ["check", "--plan", str(plan), "--config", str(config), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    (r,) = json.loads(result.stdout)["resources"]
    assert (r["address"], r["moved_from"]) == ("aws_nat_gateway.new", "aws_nat_gateway.old")
    # 2,500 GB processed on both sides: the move is not a saving
    assert r["monthly_before"] == r["monthly_after"]
    assert float(r["monthly_after"]) > 100


# --- Kubernetes: a renamed workload --------------------------------------------------------

K8S_USAGE = (
    "version: 1\nusage:\n  kubernetes:\n    workloads:\n"
    '      "Deployment/shop/api": {replicas: 12}\n'
)


def _deployment(name: str) -> str:
    return (
        "apiVersion: apps/v1\nkind: Deployment\n"
        f"metadata: {{name: {name}, namespace: shop}}\n"
        "spec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n"
        "        - {name: c, image: x, resources: {requests: {cpu: '1', memory: 1Gi}}}\n"
    )


def test_a_renamed_workload_keeps_its_usage_entry(tmp_path: Path) -> None:
    base = _tree(
        tmp_path / "base", {"k8s/api.yaml": _deployment("api"), ".finops-gate.yml": K8S_USAGE}
    )
    head = _tree(
        tmp_path / "head", {"k8s/api.yaml": _deployment("api-v2"), ".finops-gate.yml": K8S_USAGE}
    )
    doc = _check(base, head)
    (r,) = doc["resources"]
    assert (r["address"], r["moved_from"]) == ("Deployment/shop/api-v2", "Deployment/shop/api")
    assert r["monthly_before"] == r["monthly_after"]  # 12 replicas on both sides
    assert doc["totals"]["monthly_delta"] == "0"


def test_two_workloads_renamed_in_one_file_are_not_guessed(tmp_path: Path) -> None:
    base = _tree(
        tmp_path / "base",
        {"k8s/api.yaml": _deployment("api") + "---\n" + _deployment("web")},
    )
    head = _tree(
        tmp_path / "head",
        {"k8s/api.yaml": _deployment("api-v2") + "---\n" + _deployment("web-v2")},
    )
    actions = sorted(r["action"] for r in _check(base, head)["resources"])
    assert actions == ["create", "create", "delete", "delete"]


def test_an_undeclared_rename_says_which_usage_no_longer_binds(tmp_path: Path) -> None:
    # no moved block: Terraform sees a delete and a create, and so does the gate — but the
    # usage written for the old address must not vanish without a word
    base = _tree(
        tmp_path / "base", {"main.tf": PROVIDER + NAT % "old", ".finops-gate.yml": TF_USAGE}
    )
    head = _tree(
        tmp_path / "head", {"main.tf": PROVIDER + NAT % "new", ".finops-gate.yml": TF_USAGE}
    )
    doc = _check(base, head)
    assert sorted(r["action"] for r in doc["resources"]) == ["create", "delete"]
    (note,) = [n for n in doc["notes"] if "aws_nat_gateway.new is created" in n]
    assert "usage.terraform.resource_usage.aws_nat_gateway.old" in note and "moved" in note


def test_a_real_delete_and_an_unrelated_create_with_its_own_usage_say_nothing(
    tmp_path: Path,
) -> None:
    usage = TF_USAGE + "      aws_nat_gateway.new: {monthly_data_processed_gb: 10}\n"
    base = _tree(tmp_path / "base", {"main.tf": PROVIDER + NAT % "old", ".finops-gate.yml": usage})
    head = _tree(tmp_path / "head", {"main.tf": PROVIDER + NAT % "new", ".finops-gate.yml": usage})
    assert not [n for n in _check(base, head)["notes"] if "is created while" in n]
