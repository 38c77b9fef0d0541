"""An AWS rate the shipped catalog does not hold names the refresh that fetches it: the service
whose price list has it (``--service``) and the region, never a price borrowed or a $0."""

from __future__ import annotations

from typing import Any

import pytest

from finops_gate.catalogs import files
from finops_gate.catalogs.aws_services import KEY_PREFIXES, service_for
from finops_gate.catalogs.store import CatalogSet, price_catalog


@pytest.mark.parametrize(
    ("key", "service"),
    [
        ("rds.instance.postgres.db.m5.large.multi-az", "AmazonRDS"),
        ("elasticache.node.redis.cache.r6g.large", "AmazonElastiCache"),
        ("s3.glacier_flexible_retrieval.requests.bulk", "AmazonGlacier"),  # not AmazonS3
        ("route53resolver.endpoint.eni", "AmazonRoute53Resolver"),  # not AmazonRoute53
    ],
)
def test_a_class_the_shipped_catalog_lacks_names_its_service_refresh(
    key: str, service: str
) -> None:
    why = price_catalog("aws").missing_price(key, "us-east-1")
    assert f"no price for {key} in us-east-1" in why
    assert f"pricing refresh aws --service {service} --region us-east-1 --out DIR" in why


def test_a_key_held_in_other_regions_names_them_and_its_service() -> None:
    why = price_catalog("aws").missing_price("dynamodb.wcu", "us-east-1")
    assert "only in us-east-2" in why
    assert "--service AmazonDynamoDB --region us-east-1" in why


def test_a_key_no_refresh_writes_names_no_command() -> None:
    why = price_catalog("aws").missing_price("globalaccelerator.nosuch", "us-east-1")
    assert "no price for globalaccelerator.nosuch" in why and "pricing refresh" not in why


@pytest.mark.parametrize(
    "key",
    [
        "rds.extended_support.serverless.year1",
        "rds.extended_support.serverless.year3",
        "cloudwatch.database_insights.advanced",
        "kms.requests.hmac",
        "ebs.snapshot.archive_storage",
        "efs.elastic_throughput.read",
        "efs.elastic_throughput.write",
    ],
)
def test_a_key_a_mapper_emits_but_no_refresh_writes_promises_no_refresh(key: str) -> None:
    # under a refreshed service's prefix, yet no rule of catalogs/refresh/aws.py writes them:
    # the hint sent the user to a refresh that leaves the line unpriced
    assert service_for(key) is None
    why = price_catalog("aws").missing_price(key, "us-east-1")
    assert f"no price for {key}" in why and "pricing refresh" not in why


def test_every_prefix_belongs_to_one_service() -> None:
    prefixes = [p for ps in KEY_PREFIXES.values() for p in ps]
    assert len(prefixes) == len(set(prefixes))
    assert service_for("nosuch.key") is None


def _two_newest_aws() -> tuple[Any, Any]:
    versions = sorted((c for c in files.shipped("aws")), key=lambda c: c.version)
    return versions[-2], versions[-1]


def test_a_rate_only_a_later_shipped_version_holds_names_that_version_and_as_of() -> None:
    older, newest = _two_newest_aws()
    old_prices = files.read(older).data["prices"]
    added = sorted(
        k
        for k, e in files.read(newest).data["prices"].items()
        if k not in old_prices and "us-east-1" in e["regions"]
    )
    assert added, "the newest AWS version adds keys to the one before"  # (as 2026-12-03 does)
    run = CatalogSet(as_of=older.day)  # the day the older version is in force
    catalog = run.price_catalog("aws")
    assert catalog.version == older.version and catalog.price(added[0], "us-east-1") is None
    why = catalog.missing_price(added[0], "us-east-1")
    assert f"aws {newest.version}" in why and f"--as-of {newest.version}" in why
    assert "pricing refresh" not in why  # a shipped version holds it: no fetch needed
    # on the newest's own day it is priced; a pinned older version names no later one
    assert CatalogSet(as_of=newest.day).price_catalog("aws").price(added[0], "us-east-1")
    pinned = CatalogSet(as_of=newest.day, pins={"aws": older.version}).price_catalog("aws")
    assert f"aws {newest.version}" not in pinned.missing_price(added[0], "us-east-1")
