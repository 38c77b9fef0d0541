"""aws_ssm_parameter: the Advanced tier, and what Intelligent-Tiering chooses."""

from __future__ import annotations

from finops_gate.estimate.aws import ssm_parameter
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _parameter(attrs: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    kind = "aws_ssm_parameter"
    return Resource(f"{kind}.p", "terraform", kind, "aws", "us-east-1", attrs, unknown)


def test_intelligent_tiering_over_4_kb_is_billed_as_an_advanced_parameter() -> None:
    big = _parameter({"tier": "Intelligent-Tiering", "value": "x" * 5000})
    keys = [x.price_key for x in ssm_parameter.cost_lines(big, Usage())]
    assert keys == ["ssm.parameter.advanced", "ssm.api.advanced"]


def test_intelligent_tiering_with_a_small_value_is_standard_and_free() -> None:
    small = _parameter({"tier": "Intelligent-Tiering", "value": "x" * 4096})
    assert ssm_parameter.cost_lines(small, Usage()) == []


def test_intelligent_tiering_with_a_value_known_only_after_apply_is_unpriced() -> None:
    later = _parameter({"tier": "Intelligent-Tiering"}, frozenset({"value"}))
    (line,) = ssm_parameter.cost_lines(later, Usage())
    assert (line.unknown_reason or "").startswith("value is unknown until apply")


def test_intelligent_tiering_with_a_value_a_plan_hides_is_unpriced_not_standard() -> None:
    hidden = _parameter({"tier": "Intelligent-Tiering", "name": "p"})
    (line,) = ssm_parameter.cost_lines(hidden, Usage())
    assert "not readable" in (line.unknown_reason or "")


def test_a_tier_left_unset_is_standard_even_where_a_plan_shows_it_unknown() -> None:
    # hashicorp/aws 5.100 plans an unset tier as unknown (Optional+Computed)
    unset = _parameter({"name": "p", "value": "v"}, frozenset({"tier"}))
    (line,) = ssm_parameter.cost_lines(unset, Usage())
    # free, and the report says why: AWS's default, which the account's setting can change
    assert (line.unit_price, line.price_key) == (0, "")
    key, said = line.assumption or ("", "")
    assert key == "tier" and "Standard" in said and "account" in said
    written = _parameter({"name": "p", "value": "v", "tier": "Standard"})
    assert ssm_parameter.cost_lines(written, Usage()) == []
    coded = _parameter({"name": "p", "__unknown_inputs__": {"tier": "var.tier"}})
    (line,) = ssm_parameter.cost_lines(coded, Usage())
    assert line.unknown_reason == "tier is unknown until apply"
