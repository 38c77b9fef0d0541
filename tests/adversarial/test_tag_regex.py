"""allowed_values regexes match a head-controlled label in linear time: nothing hangs the gate."""

from __future__ import annotations

import time

import pytest

from finops_gate.config import parse_settings
from finops_gate.errors import ConfigError
from finops_gate.policies import load_settings as policy_settings


def _allowed(regex: str) -> object:
    text = (
        "version: 1\npolicies:\n  tags:\n    allowed_values:\n"
        f"      'finops:environment': [{{regex: '{regex}'}}]\n"
    )
    tags = policy_settings(parse_settings(text, display="c.yml")).tags
    assert tags is not None
    return tags.allowed["finops:environment"]


@pytest.mark.parametrize("regex", ["(a+)+$", "(a|aa)*b", "(x+x+)+y", "(.*a){20}"])
def test_a_catastrophic_regex_on_a_hostile_label_answers_quickly(regex: str) -> None:
    allowed = _allowed(regex)
    start = time.monotonic()
    assert allowed.allows("a" * 5000 + "!") is False  # type: ignore[attr-defined]
    assert time.monotonic() - start < 2


def test_a_regex_still_matches_the_whole_value() -> None:
    allowed = _allowed("prod|staging-[0-9]+")
    assert allowed.allows("staging-12") and not allowed.allows("staging-12x")  # type: ignore[attr-defined]


@pytest.mark.parametrize("regex", ["(a)\\1", "(?=a)a", "([a-"])
def test_a_regex_the_linear_matcher_cannot_run_is_a_config_error(regex: str) -> None:
    with pytest.raises(ConfigError, match=r"allowed_values\.finops:environment\[0\]\.regex"):
        _allowed(regex)
