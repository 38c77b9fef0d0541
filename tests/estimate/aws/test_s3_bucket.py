"""aws_s3_bucket: nested Infracost usage keys per storage class."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from finops_gate.estimate.aws import s3_bucket
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource
from tests.sides import check_sides

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


def test_a_misspelt_nested_usage_key_is_reported_ignored_with_a_guess(tmp_path: Path) -> None:
    # Infracost's key is monthly_data_retrieval_gb: the misspelt one was dropped with no word,
    # and the report listed it among the values it used
    usage = {
        "aws_s3_bucket.b": {
            "standard_infrequent_access": {"storage_gb": 500, "monthly_retrieval_gb": 100},
            "standard": {"storage_gb": 10},
        }
    }
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    tf = 'provider "aws" { region = "us-east-1" }\nresource "aws_s3_bucket" "b" { bucket = "b" }\n'
    report = check_sides(tmp_path, {}, {"main.tf": tf, ".finops-gate.yml": config})
    origin = "usage.terraform.resource_usage.aws_s3_bucket.b"
    assert (
        f"aws_s3_bucket.b: usage key 'standard_infrequent_access.monthly_retrieval_gb' ({origin})"
        " is ignored: nothing in the aws_s3_bucket estimate reads it; did you mean"
        " 'standard_infrequent_access.monthly_data_retrieval_gb'?"
    ) in report["notes"]
    said = {
        a["key"]: a["value"] for a in report["assumptions"] if a["subject"] == "aws_s3_bucket.b"
    }
    assert said == {"standard": "storage_gb=10", "standard_infrequent_access": "storage_gb=500"}
    assert not [n for n in report["notes"] if "'standard." in n]  # what is read is not ignored
