"""aws_ssm_activation: advanced-tier node hours; standard tier (AWS's default) is free."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import ssm_activation
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

KIND = "aws_ssm_activation"


def _lines(
    attributes: dict[str, object], unknown: frozenset[str] = frozenset(), **values: object
) -> list[CostLine]:
    resource = Resource(f"{KIND}.a", "terraform", KIND, "aws", "us-east-1", attributes, unknown)
    return ssm_activation.cost_lines(resource, Usage(values=values))


def test_advanced_usage_bills_each_instance_for_730_hours() -> None:
    (line,) = _lines({}, instance_tier="Advanced", instances=100)
    assert (line.price_key, line.quantity) == ("ssm.managed_instance.advanced", Decimal(73_000))
    assert line.assumption is None


def test_a_registration_limit_over_1000_is_advanced_said_as_an_assumption() -> None:
    (line,) = _lines({"registration_limit": 1001})
    assert line.quantity is None and line.usage_key == "instances"
    assert line.assumption is not None and line.assumption[0] == "instance_tier"
    assert _lines({"registration_limit": 1000}) == []


def test_the_standard_tier_costs_nothing_given_or_by_default() -> None:
    assert _lines({}) == []
    assert _lines({"registration_limit": 5000}, instance_tier="standard", instances=50) == []


def test_a_limit_known_only_after_apply_is_unpriced_with_a_reason() -> None:
    (line,) = _lines({}, frozenset({"registration_limit"}))
    assert line.unknown_reason and "registration_limit" in line.unknown_reason


def test_an_unknown_tier_word_in_usage_is_unpriced_not_guessed() -> None:
    (line,) = _lines({}, instance_tier="premium", instances=3)
    assert line.unknown_reason and line.quantity is None


def test_a_hostile_registration_limit_is_unpriced_not_advanced_nor_free() -> None:
    for bad in ("Infinity", "1e999999", -5, 0, 1500.5):
        (line,) = _lines({"registration_limit": bad})
        assert line.unknown_reason and line.unknown_reason.startswith("registration_limit")
        assert line.quantity is None and not line.price_key
