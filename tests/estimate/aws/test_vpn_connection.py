"""aws_vpn_connection: an accelerated connection pays for its two Global Accelerator
accelerators (https://aws.amazon.com/vpn/pricing/, https://aws.amazon.com/global-accelerator/pricing/)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.sides import check_sides

_TF = """
provider "aws" { region = "us-east-1" }
variable "fast" { type = bool }
resource "aws_vpn_connection" "fast" {
  customer_gateway_id = "cgw-1"
  transit_gateway_id  = "tgw-1"
  type                = "ipsec.1"
  enable_acceleration = true
}
resource "aws_vpn_connection" "plain" {
  customer_gateway_id = "cgw-1"
  transit_gateway_id  = "tgw-1"
  type                = "ipsec.1"
}
resource "aws_vpn_connection" "maybe" {
  customer_gateway_id = "cgw-1"
  transit_gateway_id  = "tgw-1"
  type                = "ipsec.1"
  enable_acceleration = var.fast
}
"""


def test_an_accelerated_connection_bills_two_accelerators_and_an_unknown_switch_is_unpriced(
    tmp_path: Path,
) -> None:
    report = check_sides(tmp_path, {}, {"main.tf": _TF})
    rows = {r["address"]: r for r in report["resources"]}
    fast = {x["name"]: x for x in rows["aws_vpn_connection.fast"]["lines"]}
    line = fast["Acceleration (2 Global Accelerator accelerators)"]
    # was left out: 2 x 730 h x $0.025
    assert (line["monthly_quantity"], Decimal(line["monthly_cost"])) == ("1460", Decimal("36.5"))
    # connection $36.50 + attachment $36.50 + accelerators $36.50 (data depends on usage)
    assert Decimal(rows["aws_vpn_connection.fast"]["monthly_after"]) == Decimal("109.50")
    assert Decimal(rows["aws_vpn_connection.plain"]["monthly_after"]) == Decimal("73.00")
    maybe = rows["aws_vpn_connection.maybe"]
    assert maybe["status"] == "unpriced"
    assert "enable_acceleration is unknown until apply" in maybe["reason"]
