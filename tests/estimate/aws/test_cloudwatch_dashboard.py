"""aws_cloudwatch_dashboard: a full month per dashboard; the free three are not subtracted."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import cloudwatch_dashboard
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _resource(kind: str, attributes: dict[str, object] | None = None) -> Resource:
    return Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", attributes or {})


def test_every_dashboard_is_a_full_month_and_says_the_free_three_are_not_subtracted() -> None:
    (line,) = cloudwatch_dashboard.cost_lines(_resource("aws_cloudwatch_dashboard"), Usage())
    assert (line.price_key, line.quantity) == ("cloudwatch.dashboard", Decimal(1))
    assert line.note and "3" in line.note
