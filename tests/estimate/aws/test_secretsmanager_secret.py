"""aws_secretsmanager_secret: a secret-month, requests, and each replica billed as a secret."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import secretsmanager_secret
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import Usage, UsageFile
from finops_gate.model import Resource, Status
from tests.estimate.aws.plan_fixture import CATALOGS


def _secret(replicas: list[str]) -> Resource:
    attrs = {"name": "s", "replica": [{"region": r} for r in replicas]}
    kind = "aws_secretsmanager_secret"
    return Resource(f"{kind}.s", "terraform", kind, "aws", "us-west-2", attrs)


def test_each_replica_is_one_more_secret_month_in_its_own_region() -> None:
    lines = secretsmanager_secret.cost_lines(_secret(["us-east-1", "eu-west-1"]), Usage())
    assert [(x.price_key, x.quantity, x.region) for x in lines[2:]] == [
        ("secretsmanager.secret", Decimal(1), "us-east-1"),
        ("secretsmanager.secret", Decimal(1), "eu-west-1"),
    ]


def test_a_replica_in_a_region_the_catalog_lacks_is_unpriced_not_dropped() -> None:
    primary = Resource(
        "aws_secretsmanager_secret.s",
        "terraform",
        "aws_secretsmanager_secret",
        "aws",
        "us-east-1",
        {"name": "s", "replica": [{"region": "ap-south-2"}]},
    )
    side = price_side(primary, UsageFile(), CATALOGS)
    assert side.status is Status.UNPRICED and side.monthly is None
    alone = Resource(primary.address, "terraform", primary.kind, "aws", "us-east-1", {"name": "s"})
    assert price_side(alone, UsageFile(), CATALOGS).monthly == Decimal("0.4")


def test_replicas_a_plan_computes_are_none_and_replicas_written_unknown_are_unpriced() -> None:
    kind = "aws_secretsmanager_secret"
    plain = Resource(f"{kind}.s", "terraform", kind, "aws", "us-east-1", {}, frozenset({"replica"}))
    assert [x.price_key for x in secretsmanager_secret.cost_lines(plain, Usage())] == [
        "secretsmanager.secret",
        "secretsmanager.api_requests",
    ]
    coded = {"__unknown_inputs__": {"replica": "var.regions"}}
    written = Resource(f"{kind}.s", "terraform", kind, "aws", "us-east-1", coded)
    assert secretsmanager_secret.cost_lines(written, Usage())[-1].unknown_reason == (
        "replica is unknown until apply"
    )
