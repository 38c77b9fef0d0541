"""aws_lb / aws_alb: hours plus capacity units from Infracost's usage keys."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import load_balancer
from finops_gate.estimate.usage import Usage
from finops_gate.model import Status
from tests.estimate.aws.plan_fixture import price


def test_lcu_is_the_busiest_dimension() -> None:
    usage = Usage({"new_connections": 100, "active_connections": 3000, "rule_evaluations": 500})
    assert load_balancer.capacity_units(usage, "application") == Decimal(4)


def test_nlcu_uses_network_load_balancer_dimensions() -> None:
    assert load_balancer.capacity_units(Usage({"new_connections": 1600}), "network") == Decimal(2)


def test_without_usage_capacity_units_depend_on_usage() -> None:
    side = price("aws_alb", "aws_alb.legacy")
    assert side.status is Status.PRICED and side.monthly == Decimal("16.4250")
    assert side.lines[1].reason == "depends on usage"


def test_gateway_load_balancer_is_unpriced_not_zero() -> None:
    side = price("aws_lb", "aws_lb.inspect")
    assert side.status is Status.UNPRICED and side.monthly is None
