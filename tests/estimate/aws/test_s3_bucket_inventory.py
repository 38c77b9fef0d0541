"""aws_s3_bucket_inventory and _analytics_configuration: objects per million from usage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finops_gate.estimate.aws import s3_bucket_analytics_configuration, s3_bucket_inventory
from finops_gate.estimate.aws._common import NotABoolean
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _resource(kind: str, attributes: dict[str, object], unknown: frozenset[str]) -> Resource:
    return Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", attributes, unknown)


def _inventory(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    return _resource("aws_s3_bucket_inventory", attributes, unknown)


def test_listed_objects_are_counted_per_million() -> None:
    usage = Usage(values={"monthly_listed_objects": 300_000_000})
    (line,) = s3_bucket_inventory.cost_lines(_inventory({"enabled": True}), usage)
    assert (line.price_key, line.quantity) == ("s3.inventory", Decimal(300))


def test_without_usage_the_listing_depends_on_usage() -> None:
    (line,) = s3_bucket_inventory.cost_lines(_inventory({}), Usage())
    assert line.quantity is None and line.usage_key == "monthly_listed_objects"


def test_a_disabled_inventory_lists_nothing_even_with_usage() -> None:
    usage = Usage(values={"monthly_listed_objects": 300_000_000})
    assert s3_bucket_inventory.cost_lines(_inventory({"enabled": False}), usage) == []


def test_an_enabled_flag_not_known_is_unpriced() -> None:
    (line,) = s3_bucket_inventory.cost_lines(_inventory({}, frozenset({"enabled"})), Usage())
    assert line.unknown_reason and line.quantity is None


def test_an_enabled_flag_not_a_bool_is_refused_naming_it() -> None:
    # (the side is unpriced with this reason, as for every switch: is_off, as flag())
    with pytest.raises(NotABoolean, match="enabled is 'maybe', not true or false"):
        s3_bucket_inventory.cost_lines(_inventory({"enabled": "maybe"}), Usage())


def test_storage_class_analysis_counts_monitored_objects_per_million() -> None:
    kind = "aws_s3_bucket_analytics_configuration"
    usage = Usage(values={"monthly_monitored_objects": 10_000_000})
    (line,) = s3_bucket_analytics_configuration.cost_lines(_resource(kind, {}, frozenset()), usage)
    assert (line.price_key, line.quantity) == ("s3.storage_class_analysis", Decimal(10))
    (line,) = s3_bucket_analytics_configuration.cost_lines(
        _resource(kind, {}, frozenset()), Usage()
    )
    assert line.quantity is None
