"""Step Functions Express duration needs its memory; a Kinesis shard count must be a count.

https://aws.amazon.com/step-functions/pricing/: Express workflows are billed per request and per
GB-second, memory in 64 MB steps. https://aws.amazon.com/kinesis/data-streams/pricing/: a
provisioned stream is billed per shard-hour, for a whole number of shards.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from tests.sides import check_sides

_SFN = """
provider "aws" { region = "us-east-1" }
resource "aws_sfn_state_machine" "%s" {
  name       = "flow"
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = "{}"
  type       = "EXPRESS"
}
"""


def _usage(resources: dict[str, dict[str, int]]) -> str:
    return yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": resources}}})


def test_express_duration_without_memory_depends_on_memory_not_the_64_mb_minimum(
    tmp_path: Path,
) -> None:
    tf = _SFN % "no_memory" + (_SFN % "zero_memory").split("\n", 2)[2]
    base = {"monthly_requests": 10_000_000, "workflow_duration_ms": 150}
    config = _usage(
        {
            "aws_sfn_state_machine.no_memory": base,
            "aws_sfn_state_machine.zero_memory": {**base, "memory_mb": 0},
        }
    )
    report = check_sides(tmp_path, {}, {"main.tf": tf, ".finops-gate.yml": config})
    rows = {r["address"]: r for r in report["resources"]}
    lines = {x["name"]: x for x in rows["aws_sfn_state_machine.no_memory"]["lines"]}
    # was 10M x 0.2 s x 64 MB = 34.72 GB-hours, priced unsaid
    duration = lines["Duration (first 1K)"]
    assert duration["monthly_quantity"] is None
    assert duration["usage_key"] == "memory_mb"
    # memory_mb 0 is given: the 64 MB minimum, 10M x 0.2 s x 0.0625 GB / 3600 GB-hours
    lines = {x["name"]: x for x in rows["aws_sfn_state_machine.zero_memory"]["lines"]}
    hours = Decimal(lines["Duration (first 1K)"]["monthly_quantity"])
    assert abs(hours - Decimal(10_000_000) * Decimal("0.2") * Decimal("0.0625") / 3600) < Decimal(
        "0.0001"
    )


def test_a_shard_count_that_is_no_count_or_not_set_is_unpriced_naming_it(tmp_path: Path) -> None:
    tf = """
provider "aws" { region = "us-east-1" }
resource "aws_kinesis_stream" "half" {
  name        = "half"
  shard_count = 2.5
}
resource "aws_kinesis_stream" "unset" {
  name = "unset"
}
resource "aws_kinesis_stream" "two" {
  name        = "two"
  shard_count = 2
}
"""
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    rows = {r["address"]: r for r in report["resources"]}
    # 2.5 shards were priced as 1,825 shard-hours
    assert rows["aws_kinesis_stream.half"]["status"] == "unpriced"
    assert "shard_count is 2.5, not a whole number" in rows["aws_kinesis_stream.half"]["reason"]
    # was "unknown until apply": it is not set, and a provisioned stream needs one
    assert "shard_count is not set" in rows["aws_kinesis_stream.unset"]["reason"]
    # 2 x 730 h x $0.015
    assert Decimal(rows["aws_kinesis_stream.two"]["monthly_after"]) == Decimal("21.90")
