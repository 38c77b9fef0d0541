"""aws_dms_replication_instance: one Multi-AZ rate covers the standby; storage is billed only
beyond what the class includes; nothing guessed for a value known after apply."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status
from tests.estimate.aws.plan_fixture import CATALOGS

KIND = "aws_dms_replication_instance"


def _price(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> SideCost:
    attrs = {"replication_instance_class": "dms.t2.micro", **attributes}
    res = Resource(f"{KIND}.r", "terraform", KIND, "aws", "us-east-1", attrs, unknown)
    return price_side(res, UsageFile(), CATALOGS)


def test_multi_az_is_730_hours_at_its_own_rate_with_storage_beyond_the_50_gb_included() -> None:
    side = _price({"multi_az": True, "allocated_storage": 70})
    hours, storage = side.lines
    assert (hours.monthly_quantity, hours.unit_price) == (730, Decimal("0.036"))
    assert (storage.monthly_quantity, storage.unit_price) == (20, Decimal("0.23"))


def test_storage_within_what_the_class_includes_adds_no_line() -> None:
    for attrs in ({"allocated_storage": 50}, {}):  # unset: AWS's default of 50 GB
        side = _price(attrs)
        assert side.status is Status.PRICED and len(side.lines) == 1
        assert side.monthly == Decimal("13.14")


def test_compute_and_memory_classes_include_100_gb() -> None:
    side = _price({"replication_instance_class": "dms.r5.large", "allocated_storage": 130})
    assert [line.monthly_quantity for line in side.lines][1] == 30


def test_an_allocated_storage_written_as_an_unknown_expression_is_unpriced() -> None:
    attrs = {"allocated_storage": None, "__unknown_inputs__": {"allocated_storage": "x"}}
    side = _price(attrs)
    assert side.status is Status.UNPRICED and "allocated_storage" in (side.reason or "")


def test_an_unknown_class_leaves_the_instance_unpriced() -> None:
    side = _price({"replication_instance_class": None}, frozenset({"replication_instance_class"}))
    assert side.status is Status.UNPRICED and "replication_instance_class" in (side.reason or "")
