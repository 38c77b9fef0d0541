"""aws_lightsail_instance: the hourly rate of the bundle, and what is left unpriced."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import lightsail_instance
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource
from tests.estimate.aws.plan_fixture import price

KIND = "aws_lightsail_instance"


def _instance(bundle: object, unknown: frozenset[str] = frozenset()) -> Resource:
    attributes = {} if bundle is None else {"bundle_id": bundle}
    return Resource(f"{KIND}.i", "terraform", KIND, "aws", "us-east-1", attributes, unknown)


def test_a_bundle_runs_every_hour_of_the_month_at_its_own_rate() -> None:
    (line,) = lightsail_instance.cost_lines(_instance("Small_Win_2_0"), Usage())
    assert (line.price_key, line.quantity) == ("lightsail.instance.small_win_2_0", Decimal(730))
    assert "Windows" in line.name


def test_a_bundle_the_catalog_lacks_is_unpriced_never_zero() -> None:
    side = price(KIND, f"{KIND}.retired_bundle")
    assert side.monthly is None
    assert "lightsail.instance.nano_1_0" in (side.reason or "")


def test_an_unknown_or_malformed_bundle_is_unpriced_with_the_reason() -> None:
    for resource in (
        _instance(None, frozenset({"bundle_id"})),
        _instance(["xlarge_2_0"]),
        _instance("x/../y"),
        _instance("nano\u00b2_3_0"),  # "²" passes isalnum(): no price key is made of it
        _instance(None),
    ):
        (line,) = lightsail_instance.cost_lines(resource, Usage())
        assert line.unknown_reason and line.quantity is None


def test_usage_monthly_hrs_gives_the_hours_and_the_docstring_says_so() -> None:
    usage = Usage(values={"monthly_hrs": 100})
    (line,) = lightsail_instance.cost_lines(_instance("xlarge_2_0"), usage)
    assert line.quantity == Decimal(100) and "monthly_hrs" in usage.read
    assert "``monthly_hrs``" in (lightsail_instance.__doc__ or "")
