"""aws_cloudfront_distribution: global rates, traffic by edge-location group, fixed fees."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from tests.estimate.aws.plan_fixture import CATALOGS


def _price(attributes: dict[str, Any], usage: dict[str, Any], region: str = "us-east-1") -> Any:
    res = Resource(
        "aws_cloudfront_distribution.d",
        "terraform",
        "aws_cloudfront_distribution",
        "aws",
        region,
        attributes,
    )
    return price_side(res, UsageFile(by_address={res.address: usage}), CATALOGS)


def test_data_out_fills_the_tiers_of_its_group_in_order() -> None:
    side = _price({}, {"monthly_data_transfer_to_internet_gb": {"japan": 60 * 1024}})
    out = {
        line.name: (line.monthly_quantity, line.unit_price)
        for line in side.lines
        if "Data transfer out to internet" in line.name
    }
    assert out == {
        "Japan / Data transfer out to internet (first 10TB)": (10240, Decimal("0.114")),
        "Japan / Data transfer out to internet (next 40TB)": (40960, Decimal("0.089")),
        "Japan / Data transfer out to internet (next 100TB)": (10240, Decimal("0.086")),
    }


def test_rates_are_global_whatever_region_the_provider_names() -> None:
    usage = {"monthly_data_transfer_to_internet_gb": {"europe": 100}}
    east, west = _price({}, usage), _price({}, usage, region="eu-west-1")
    assert east.monthly == west.monthly == Decimal("8.5")


def test_the_first_thousand_invalidation_paths_are_free() -> None:
    side = _price({}, {"monthly_invalidation_requests": 1000})
    assert side.monthly == 0 and side.status is Status.PRICED
    side = _price({}, {"monthly_invalidation_requests": 1200})
    assert side.monthly == 200 * Decimal("0.005")


def test_a_dedicated_ip_certificate_costs_without_any_usage() -> None:
    side = _price({"viewer_certificate": [{"ssl_support_method": "vip"}]}, {})
    assert side.status is Status.PRICED and side.monthly == 600
    sni = _price({"viewer_certificate": [{"ssl_support_method": "sni-only"}]}, {})
    assert sni.status is Status.USAGE_UNKNOWN


@pytest.mark.parametrize("group", ["usa", "singapore", "eu"])
def test_a_usage_group_that_is_not_an_edge_group_is_refused_not_dropped(group: str) -> None:
    side = _price({}, {"monthly_https_requests": {"us": 10, group: 5}})
    assert side.status is Status.UNPRICED and group in (side.reason or "")


def test_origin_shield_is_priced_at_its_regions_rate_or_unpriced() -> None:
    shield = {
        "origin": [{"origin_shield": [{"enabled": True, "origin_shield_region": "sa-east-1"}]}]
    }
    side = _price(shield, {"monthly_shield_requests": {"south_america": 20000}})
    line = next(x for x in side.lines if x.name.startswith("Origin shield"))
    assert (line.monthly_quantity, line.unit_price) == (2, Decimal("0.016"))
    elsewhere = {
        "origin": [{"origin_shield": [{"enabled": True, "origin_shield_region": "eu-west-1"}]}]
    }
    side = _price(elsewhere, {})
    assert side.status is Status.UNPRICED and "origin_shield.eu-west-1" in (side.reason or "")


@pytest.mark.parametrize(
    "usage",
    [
        {"monthly_data_transfer_to_internet_gb": 1000},
        {"monthly_https_requests": 5_000_000},
        {"monthly_shield_requests": 20000},
    ],
)
def test_a_single_figure_where_groups_go_is_refused_naming_the_key_not_dropped(
    usage: dict[str, Any],
) -> None:
    # a plain number was read as no usage at all: "depends on usage", the figure given dropped
    shield = {
        "origin": [{"origin_shield": [{"enabled": True, "origin_shield_region": "sa-east-1"}]}]
    }
    side = _price(shield, usage)
    (key,) = usage
    assert side.status is Status.UNPRICED and f"usage {key} must map" in (side.reason or "")
