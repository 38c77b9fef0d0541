"""aws_kms_external_key: the lines of a customer managed key."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import kms_external_key, kms_key
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _resource(kind: str, attributes: dict[str, object] | None = None) -> Resource:
    return Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", attributes or {})


def test_an_external_key_costs_what_a_customer_managed_key_costs() -> None:
    usage = Usage(values={"monthly_requests": 20_000})
    external = kms_external_key.cost_lines(_resource("aws_kms_external_key"), usage)
    assert external == kms_key.cost_lines(_resource("aws_kms_key"), usage)
    assert [(line.price_key, line.quantity) for line in external] == [
        ("kms.key", Decimal(1)),
        ("kms.requests.symmetric", Decimal(2)),
    ]
