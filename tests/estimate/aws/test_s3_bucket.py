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


def test_standard_storage_beyond_50_tb_is_its_own_band_never_the_first_bands_rate(
    tmp_path: Path,
) -> None:
    # AWS: first 50 TB $0.023, next 450 TB $0.022, over 500 TB $0.021 (us-east-1); 100 TB was
    # priced at $0.023 throughout. The catalog holds the first band only: the rest is unpriced
    usage = {"aws_s3_bucket.b": {"standard": {"storage_gb": 102_400}}}
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    tf = 'provider "aws" { region = "us-east-1" }\nresource "aws_s3_bucket" "b" { bucket = "b" }\n'
    report = check_sides(tmp_path, {}, {"main.tf": tf, ".finops-gate.yml": config})
    row = next(r for r in report["resources"] if r["address"] == "aws_s3_bucket.b")
    storage = [(x["name"], x["monthly_quantity"]) for x in row["lines"] if "Storage" in x["name"]]
    assert storage == [
        ("Standard / Storage (first 50 TB)", "51200"),
        ("Standard / Storage (next 450 TB)", "51200"),
    ]
    assert row["status"] == "unpriced" and "s3.standard.storage.tier2" in row["reason"]


def test_standard_storage_within_the_first_band_is_one_line() -> None:
    lines = s3_bucket.cost_lines(BUCKET, Usage({"standard": {"storage_gb": 51_200}}))
    assert [(x.name, x.price_key, x.quantity) for x in lines if x.unit == "GB"] == [
        ("Standard / Storage", "s3.standard.storage", Decimal(51_200))
    ]


def test_bulk_retrievals_from_glacier_flexible_retrieval_are_free_not_unpriced() -> None:
    from finops_gate.estimate.terraform import price_side
    from finops_gate.usage import UsageFile
    from tests.estimate.aws.plan_fixture import CATALOGS

    flexible = {
        "monthly_bulk_data_retrieval_requests": 4000,
        "monthly_bulk_data_retrieval_gb": 900,
        "storage_gb": 1000,
    }
    usage = UsageFile(by_address={BUCKET.address: {"glacier_flexible_retrieval": flexible}})
    side = price_side(BUCKET, usage, CATALOGS)
    bulk = [x for x in side.lines if "(bulk)" in x.name]
    assert [(x.monthly_quantity, x.monthly_cost) for x in bulk] == [
        (Decimal(4), Decimal(0)),
        (Decimal(900), Decimal(0)),
    ]
    assert side.status.value == "priced" and side.monthly == Decimal("3.6")


def test_a_storage_class_whose_every_key_is_misspelt_is_ignored_never_an_assumption(
    tmp_path: Path,
) -> None:
    usage = {"aws_s3_bucket.b": {"standard": {"storage_gbs": 10}}}
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    tf = 'provider "aws" { region = "us-east-1" }\nresource "aws_s3_bucket" "b" { bucket = "b" }\n'
    report = check_sides(tmp_path, {}, {"main.tf": tf, ".finops-gate.yml": config})
    assert any("'standard.storage_gbs'" in n and "is ignored" in n for n in report["notes"])
    assert not [a for a in report["assumptions"] if a["subject"] == "aws_s3_bucket.b"]
