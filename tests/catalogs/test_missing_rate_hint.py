"""An AWS rate the shipped catalog does not hold names the refresh that fetches it: the service
whose price list has it (``--service``) and the region, never a price borrowed or a $0."""

from __future__ import annotations

import pytest

from finops_gate.catalogs.aws_services import KEY_PREFIXES, service_for
from finops_gate.catalogs.store import price_catalog


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


def test_every_prefix_belongs_to_one_service() -> None:
    prefixes = [p for ps in KEY_PREFIXES.values() for p in ps]
    assert len(prefixes) == len(set(prefixes))
    assert service_for("nosuch.key") is None
