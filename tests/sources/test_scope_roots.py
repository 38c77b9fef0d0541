"""A module directory read because the change reaches it is not a root on a side where only
unread directories call it: the project of a module, counted on one side only, would cancel the
cost the change adds (or show a removal as new resources)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sides import check_sides

_PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'
_MODULE = 'resource "aws_nat_gateway" "gw" {\n  allocation_id = "a"\n  subnet_id = "s"\n}\n'
_CALL = 'module "net" {\n  source = "%s"\n}\n'


def _rows(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(r["project"], r["address"], r["action"]) for r in doc["resources"]]


TREE = {
    "modules/net/main.tf": _MODULE,
    "live/a/main.tf": _PROVIDER + _CALL % "../../modules/net",
    "live/b/main.tf": _PROVIDER + _CALL % "../../modules/net",
    "live/c/main.tf": _PROVIDER,
}


def test_a_new_call_of_a_shared_module_is_the_cost_it_adds(tmp_path: Path) -> None:
    head = {**TREE, "live/c/main.tf": _PROVIDER + _CALL % "../../modules/net"}
    doc = check_sides(tmp_path, TREE, head)
    assert _rows(doc) == [("live/c", "module.net.aws_nat_gateway.gw", "create")]
    assert doc["totals"]["monthly_delta"] == "32.85"  # $0.045/h x 730


def test_a_call_moved_to_the_registry_leaves_the_shared_module_alone(tmp_path: Path) -> None:
    head = {**TREE, "live/a/main.tf": _PROVIDER + _CALL % "terraform-aws-modules/vpc/aws"}
    doc = check_sides(tmp_path, TREE, head)
    assert [p for p, _, _ in _rows(doc)] == ["live/a"]
    assert not any(a == "create" for _, _, a in _rows(doc))
