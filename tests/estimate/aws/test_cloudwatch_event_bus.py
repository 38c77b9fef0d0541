"""aws_cloudwatch_event_bus: every line from usage, in its unit; no free allowance taken off."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import cloudwatch_event_bus
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _resource(kind: str, attributes: dict[str, object] | None = None) -> Resource:
    return Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", attributes or {})


def test_event_bus_lines_take_their_usage_in_their_units() -> None:
    usage = Usage(
        values={
            "monthly_custom_events": 1_500_000,
            "monthly_third_party_events": 2_000_000,
            "monthly_archive_processing_gb": 100,
            "archive_storage_gb": 200,
            "monthly_schema_discovery_events": 7_000_000,
        }
    )
    lines = cloudwatch_event_bus.cost_lines(_resource("aws_cloudwatch_event_bus"), usage)
    assert {line.price_key: line.quantity for line in lines} == {
        "eventbridge.events.custom": Decimal("1.5"),
        "eventbridge.events.partner": Decimal(2),
        "eventbridge.archive.processing": Decimal(100),
        "eventbridge.archive.storage": Decimal(200),
        # the account's free 5M discovery events are not taken off one bus
        "eventbridge.schema_discovery": Decimal(7),
    }


def test_an_event_bus_without_usage_depends_on_usage_on_every_line() -> None:
    lines = cloudwatch_event_bus.cost_lines(_resource("aws_cloudwatch_event_bus"), Usage())
    assert len(lines) == 5 and all(line.quantity is None for line in lines)
