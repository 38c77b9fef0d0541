"""Direct Connect private and transit virtual interfaces: nothing by themselves, SiteLink per
hour when it is on (no rate shipped: unpriced naming it), never a guess for an unknown switch."""

from __future__ import annotations

import pytest

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status
from tests.estimate.aws.plan_fixture import CATALOGS

KINDS = ("aws_dx_private_virtual_interface", "aws_dx_transit_virtual_interface")


def _price(
    kind: str, attributes: dict[str, object], unknown: frozenset[str] = frozenset()
) -> SideCost:
    res = Resource(f"{kind}.v", "terraform", kind, "aws", "us-east-1", attributes, unknown)
    return price_side(res, UsageFile(), CATALOGS)


@pytest.mark.parametrize("kind", KINDS)
def test_without_sitelink_an_interface_adds_no_cost(kind: str) -> None:
    for attributes in ({}, {"sitelink_enabled": False}):
        side = _price(kind, attributes)
        assert side.status is Status.PRICED and side.lines == () and side.monthly == 0


@pytest.mark.parametrize("kind", KINDS)
def test_sitelink_hours_are_unpriced_naming_the_key_never_zero(kind: str) -> None:
    side = _price(kind, {"sitelink_enabled": True})
    assert side.status is Status.UNPRICED and side.monthly is None
    hours = side.lines[0]
    assert hours.monthly_quantity == 730 and hours.monthly_cost is None
    assert "no price for dx.sitelink " in (hours.reason or "")
    assert "dx.sitelink" in (side.reason or "")


def test_a_switch_known_only_at_apply_or_not_a_boolean_is_unpriced() -> None:
    kind = KINDS[0]
    unknown = _price(kind, {}, frozenset({"sitelink_enabled"}))
    assert unknown.status is Status.UNPRICED
    assert "sitelink_enabled is unknown until apply" in (unknown.reason or "")
    odd = _price(kind, {"sitelink_enabled": "yes"})
    assert odd.status is Status.UNPRICED and "sitelink_enabled" in (odd.reason or "")
