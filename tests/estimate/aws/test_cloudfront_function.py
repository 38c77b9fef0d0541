"""aws_cloudfront_function: every invocation billed per million; the free 2M not subtracted."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import cloudfront_function
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _resource(kind: str, attributes: dict[str, object] | None = None) -> Resource:
    return Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", attributes or {})


def test_cloudfront_function_invocations_are_all_billed_per_million() -> None:
    usage = Usage(values={"monthly_requests": 200_000})
    (line,) = cloudfront_function.cost_lines(_resource("aws_cloudfront_function"), usage)
    assert (line.price_key, line.quantity) == ("cloudfront.functions.invocations", Decimal("0.2"))
    (line,) = cloudfront_function.cost_lines(_resource("aws_cloudfront_function"), Usage())
    assert line.quantity is None
