"""Instances the other side's code cannot list are not deleted nor created: a block whose
``count`` the head no longer tells, or a module the head now fetches from a registry, is never
a saving (and the reverse never a new cost): each instance is an update, unpriced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sides import check_sides

_NAT = """
provider "aws" { region = "us-east-1" }
resource "aws_nat_gateway" "this" {
  count         = %s
  allocation_id = "eipalloc-1"
  subnet_id     = "subnet-1"
}
"""
_KNOWN = "1"
_UNKNOWN = "length(data.aws_availability_zones.available.names)"


def _rows(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(r["address"], r["action"], r["status"]) for r in doc["resources"]]


def test_a_count_the_head_no_longer_tells_is_not_a_deletion(tmp_path: Path) -> None:
    doc = check_sides(tmp_path, {"main.tf": _NAT % _KNOWN}, {"main.tf": _NAT % _UNKNOWN})
    assert _rows(doc) == [("aws_nat_gateway.this[0]", "update", "unpriced")]
    (row,) = doc["resources"]
    assert row["monthly_before"] == "32.85"  # $0.045/h x 730, shown but not counted
    assert "count is not known" in row["reason"]
    assert doc["totals"]["monthly_delta"] == "0"
    assert doc["totals"]["not_counted"] == 1


def test_a_count_the_base_did_not_tell_is_a_cost_counted_not_a_saving(tmp_path: Path) -> None:
    doc = check_sides(tmp_path, {"main.tf": _NAT % _UNKNOWN}, {"main.tf": _NAT % "2"})
    assert sorted(_rows(doc)) == [
        ("aws_nat_gateway.this", "delete", "unpriced"),
        ("aws_nat_gateway.this[0]", "create", "priced"),
        ("aws_nat_gateway.this[1]", "create", "priced"),
    ]
    assert doc["totals"]["monthly_delta"] == "65.7"


def test_a_module_now_fetched_by_terraform_init_is_not_a_removal(tmp_path: Path) -> None:
    root = 'module "nat" {\n  source = "%s"\n}\n'
    nat = (_NAT % "2").replace('provider "aws" { region = "us-east-1" }', "")
    provider = 'provider "aws" { region = "us-east-1" }\n'
    doc = check_sides(
        tmp_path,
        {"main.tf": provider + root % "./nat", "nat/main.tf": nat},
        {"main.tf": provider + root % "terraform-aws-modules/vpc/aws"},  # (the local copy deleted)
    )
    assert _rows(doc) == [
        ("module.nat.aws_nat_gateway.this[0]", "update", "unpriced"),
        ("module.nat.aws_nat_gateway.this[1]", "update", "unpriced"),
    ]
    assert "fetched by terraform init" in doc["resources"][0]["reason"]
    assert doc["totals"]["monthly_delta"] == "0"
    assert doc["verdict"] != "pass"


def test_other_deletions_next_to_an_unknown_count_stay_deletions(tmp_path: Path) -> None:
    eip = 'resource "aws_eip" "nat" {\n  domain = "vpc"\n}\n'
    doc = check_sides(
        tmp_path,
        {"main.tf": _NAT % _KNOWN + eip},
        {"main.tf": _NAT % _UNKNOWN},
    )
    assert _rows(doc) == [
        ("aws_eip.nat", "delete", "priced"),
        ("aws_nat_gateway.this[0]", "update", "unpriced"),
    ]


def test_the_marker_of_a_code_row_is_the_readers() -> None:
    from finops_gate import changes
    from finops_gate.sources.terraform_hcl import UNKNOWN_INPUTS

    assert changes._CODE_UNKNOWN == UNKNOWN_INPUTS
