"""aws_s3_bucket: nested Infracost usage keys per storage class."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import s3_bucket
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource

BUCKET = Resource(
    "aws_s3_bucket.b", "terraform", "aws_s3_bucket", "aws", "us-east-1", {"bucket": "b"}
)


def test_standard_storage_and_requests_are_always_listed() -> None:
    lines = s3_bucket.cost_lines(BUCKET, Usage())
    assert [x.price_key for x in lines] == [
        "s3.standard.storage",
        "s3.standard.tier1_requests",
        "s3.standard.tier2_requests",
    ]
    assert all(x.quantity is None for x in lines)


def test_nested_usage_prices_other_classes_per_thousand_requests() -> None:
    usage = Usage(
        {"standard_infrequent_access": {"storage_gb": 300, "monthly_tier_2_requests": 20000}}
    )
    lines = {x.price_key: x.quantity for x in s3_bucket.cost_lines(BUCKET, usage)}
    assert lines["s3.standard_ia.storage"] == Decimal(300)
    assert lines["s3.standard_ia.tier2_requests"] == Decimal(20)
