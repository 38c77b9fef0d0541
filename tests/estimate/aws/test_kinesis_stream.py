"""aws_kinesis_stream: shard hours, and extended retention per shard-hour on provisioned streams."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from tests.sides import check_sides

_TF = """
provider "aws" { region = "us-east-1" }
resource "aws_kinesis_stream" "audit" {
  name             = "audit"
  shard_count      = 4
  retention_period = 168
}
resource "aws_kinesis_stream" "clicks" {
  name        = "clicks"
  shard_count = 4
}
"""


def test_a_provisioned_stream_kept_7_days_bills_extended_retention_per_shard_hour(
    tmp_path: Path,
) -> None:
    # AWS: "Extended data retention (up to 7 days), per shard hour" (Extended-ShardHour), set by
    # retention_period; it was left out unless usage gave GB retained, and then billed per GB
    usage = {"aws_kinesis_stream.clicks": {"monthly_provisioned_extended_retention_gb": 100}}
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    report = check_sides(tmp_path, {}, {"main.tf": _TF, ".finops-gate.yml": config})
    rows = {r["address"]: r for r in report["resources"]}
    audit = {x["name"]: x for x in rows["aws_kinesis_stream.audit"]["lines"]}
    line = audit["Extended retention (24H to 7D; 168 h retention)"]
    assert (line["monthly_quantity"], line["unit"]) == ("2920", "shard-hours")
    # 4 shards x 730 h x ($0.015 + $0.020)
    assert Decimal(rows["aws_kinesis_stream.audit"]["monthly_after"]) == Decimal("102.20")
    # the default 24 hours cost nothing more, whatever GB usage says was retained
    assert Decimal(rows["aws_kinesis_stream.clicks"]["monthly_after"]) == Decimal("43.80")
    assert any(
        "'monthly_provisioned_extended_retention_gb'" in n and "is ignored" in n
        for n in report["notes"]
    )


def test_a_retention_period_known_only_after_apply_is_unpriced(tmp_path: Path) -> None:
    tf = _TF.replace("retention_period = 168", "retention_period = var.hours")
    tf = 'variable "hours" { type = number }\n' + tf
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    row = next(r for r in report["resources"] if r["address"] == "aws_kinesis_stream.audit")
    assert (
        row["status"] == "unpriced" and "retention_period is unknown until apply" in row["reason"]
    )
