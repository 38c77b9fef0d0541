"""aws_dynamodb_table: provisioned capacity from the plan, on-demand from usage."""

from __future__ import annotations

from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Status
from tests.estimate.aws.plan_fixture import price


def test_provisioned_capacity_unknown_until_apply_is_unpriced() -> None:
    side = price("aws_dynamodb_table", "aws_dynamodb_table.autoscaled")
    assert side.status is Status.UNPRICED
    assert "read_capacity is unknown until apply" in (side.reason or "")


def test_on_demand_table_without_usage_depends_on_usage() -> None:
    side = price("aws_dynamodb_table", "aws_dynamodb_table.events", usage=UsageFile())
    assert side.status is Status.USAGE_UNKNOWN and side.monthly is None


def test_us_east_1_table_is_unpriced_because_the_data_has_only_us_east_2() -> None:
    side = price("aws_dynamodb_table", "aws_dynamodb_table.orders", region="us-east-1")
    assert side.status is Status.UNPRICED
    assert "no price for dynamodb.wcu in us-east-1" in (side.reason or "")
