"""Reserved capacity (usage ``reserved_instance_*``): the no-upfront rate where the catalog has
it, else on-demand (an upper bound) with a note saying why; never ignored silently, never $0."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status
from tests.estimate.aws.plan_fixture import CATALOGS

T3 = {
    "instance_type": "t3.medium",
    "root_block_device": [{"volume_size": 8, "volume_type": "gp2"}],
    "credit_specification": [{"cpu_credits": "standard"}],
}


def _price(kind: str, attributes: dict[str, Any], usage: dict[str, Any]) -> SideCost:
    resource = Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", attributes)
    return price_side(resource, UsageFile(by_address={f"{kind}.x": usage}), CATALOGS)


def _reserved(
    kind: str = "standard", term: str = "1_year", pay: str = "no_upfront"
) -> dict[str, str]:
    return {
        "reserved_instance_type": kind,
        "reserved_instance_term": term,
        "reserved_instance_payment_option": pay,
    }


@pytest.mark.parametrize(
    ("kind", "term", "rate"),
    [
        ("standard", "1_year", "0.0261"),
        ("standard", "3_year", "0.018"),
        ("convertible", "1_year", "0.03"),
        ("convertible", "3_year", "0.0206"),
    ],
)
def test_a_no_upfront_reservation_is_priced_at_its_hourly_rate(
    kind: str, term: str, rate: str
) -> None:
    side = _price("aws_instance", T3, _reserved(kind, term))
    hours = side.lines[0]
    assert side.status is Status.PRICED
    assert hours.unit_price == Decimal(rate) and hours.monthly_quantity == 730
    assert f"reserved, {kind} {term[0]}yr no upfront" in hours.name
    assert side.notes == ()  # the keys were read: neither ignored nor a fallback
    assert {a.key for a in side.assumptions} >= {
        "reserved_instance_type",
        "reserved_instance_term",
        "reserved_instance_payment_option",
    }


def test_without_a_reserved_rate_the_instance_is_priced_on_demand_and_the_notes_say_so() -> None:
    side = _price("aws_instance", {**T3, "instance_type": "m5.large"}, _reserved())
    hours = side.lines[0]
    assert hours.name == "Instance usage (Linux, on-demand, m5.large)"
    assert hours.unit_price == Decimal("0.096")  # on-demand: an upper bound, never $0
    assert len(side.notes) == 1
    assert side.notes[0].startswith("aws_instance.x: no reserved, standard 1yr no upfront rate")
    assert "on-demand" in side.notes[0]


@pytest.mark.parametrize("pay", ["partial_upfront", "all_upfront"])
def test_an_upfront_reservation_is_priced_on_demand_since_its_fee_is_not_in_the_catalog(
    pay: str,
) -> None:
    side = _price("aws_instance", T3, _reserved(pay=pay))
    assert side.lines[0].unit_price == Decimal("0.0416")
    assert side.status is Status.PRICED and side.monthly is not None and side.monthly > 30
    assert len(side.notes) == 1 and f"upfront fee of a {pay} reservation" in side.notes[0]


@pytest.mark.parametrize(
    ("usage", "named"),
    [
        (
            {"reserved_instance_term": "2_year", "reserved_instance_payment_option": "no_upfront"},
            "2_year",
        ),
        ({"reserved_instance_term": "1_year"}, "reserved_instance_payment_option None"),
        ({**_reserved(), "reserved_instance_type": "flexible"}, "flexible"),
    ],
)
def test_a_malformed_reservation_is_priced_on_demand_naming_the_value(
    usage: dict[str, Any], named: str
) -> None:
    side = _price("aws_instance", T3, usage)
    assert side.lines[0].unit_price == Decimal("0.0416")
    assert len(side.notes) == 1 and named in side.notes[0]


def test_databases_caches_and_hosts_read_their_reservations() -> None:
    rds = _price(
        "aws_db_instance",
        {"engine": "mysql", "instance_class": "db.t3.large", "allocated_storage": 20},
        _reserved(),
    )
    assert rds.lines[0].unit_price == Decimal("0.0957")
    multi = _price(
        "aws_db_instance",
        {
            "engine": "mysql",
            "instance_class": "db.t3.large",
            "allocated_storage": 20,
            "multi_az": True,
        },
        _reserved(),
    )
    assert multi.lines[0].unit_price == Decimal("0.1914")
    aurora = _price(
        "aws_rds_cluster_instance",
        {"engine": "aurora-mysql", "instance_class": "db.r4.large"},
        _reserved(),
    )
    assert aurora.lines[0].unit_price == Decimal("0.19")
    cache = _price(
        "aws_elasticache_cluster",
        {"engine": "redis", "node_type": "cache.m6g.12xlarge", "num_cache_nodes": 1},
        _reserved(),
    )
    assert cache.lines[0].unit_price == Decimal("2.428")
    host = _price("aws_ec2_host", {"instance_family": "m5"}, _reserved(term="3_year"))
    assert host.status is Status.PRICED and host.lines[0].unit_price == Decimal("2.19")
    # reserved_instance_type is an EC2 notion: elsewhere it is reported as ignored
    assert any("'reserved_instance_type'" in n and "ignored" in n for n in rds.notes)


def test_performance_insights_retention_is_priced_per_vcpu_of_the_class() -> None:
    base = {"engine": "aurora-mysql", "performance_insights_enabled": True}
    long = {**base, "performance_insights_retention_period": 731}
    t3 = _price("aws_rds_cluster_instance", {**long, "instance_class": "db.t3.large"}, {})
    line = next(x for x in t3.lines if x.name.startswith("Performance Insights long-term"))
    assert (line.monthly_quantity, line.unit_price) == (Decimal(2), Decimal("2.95"))
    serverless = _price(
        "aws_rds_cluster_instance",
        {**long, "instance_class": "db.serverless"},
        {"capacity_units_per_hr": 5},
    )
    acu = next(x for x in serverless.lines if x.name.startswith("Performance Insights long-term"))
    assert acu.monthly_cost == Decimal("1.875")
    free = _price(
        "aws_rds_cluster_instance",
        {**base, "performance_insights_retention_period": 7, "instance_class": "db.t3.large"},
        {},
    )
    assert not any(x.name.startswith("Performance Insights long-term") for x in free.lines)
    other = _price("aws_rds_cluster_instance", {**long, "instance_class": "db.r6g.large"}, {})
    assert other.status is Status.UNPRICED and other.monthly is None
    assert "rds.performance_insights.retention.db.r6g.large" in (other.reason or "")


def test_a_reservation_note_is_not_said_of_a_line_left_unpriced() -> None:
    # the m5 host has reserved rates in the catalog but no on-demand one: a partial-upfront
    # reservation falls back to on-demand, which is missing too; the side is unpriced, and the
    # notes must not say it was "priced on-demand, an upper bound"
    from finops_gate.estimate.terraform import price_side
    from finops_gate.estimate.usage import UsageFile
    from finops_gate.model import Resource, Status

    host = Resource(
        "aws_ec2_host.h", "terraform", "aws_ec2_host", "aws", "us-east-1", {"instance_family": "m5"}
    )
    usage = {
        "reserved_instance_term": "3_year",
        "reserved_instance_payment_option": "partial_upfront",
    }
    side = price_side(host, UsageFile(by_address={"aws_ec2_host.h": usage}))
    assert side.status is Status.UNPRICED
    assert not [n for n in side.notes if "priced on-demand" in n]
