"""Config mistakes are errors naming the file and line, never a silent loosening or a hang."""

from __future__ import annotations

import time

import pytest

from finops_gate.config import parse_settings
from finops_gate.errors import ConfigError
from finops_gate.policies import load_settings as policy_settings

GOOD = "version: 1\npolicies:\n  approval:\n    monthly_increase: 500\n"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (GOOD + "    monthly_increase: 5000\n", ":5: key 'monthly_increase' is written twice"),
        ("version: 1\nversion: 1\n", ":2: key 'version' is written twice"),
        (
            "version: 1\npolicies:\n  tags:\n    allowed_values: {env: [prod, no]}\n",
            ":4: 'no' is read as a boolean",
        ),
        ("version: 1\npolicies:\n  approval: {monthly_increase: .nan}\n", "not a number"),
        ("version: 1\npolicies:\n  approval: {monthly_increase: .inf}\n", "not a number"),
        ("version: 1\npolicies:\n  approval: {monthly_increase: 1.0e+300}\n", "larger than any"),
        ("version: 1\npolicies:\n  approval: {monthly_increase: " + "9" * 5000 + "}\n", "value"),
        ("version: 1\nx: " + "[" * 50_000 + "]" * 50_000 + "\n", "nest"),
        (
            "version: 1\nusage:\n  terraform:\n    resource_usage:\n"
            '      aws_lambda_function.f: {monthly_requests: "-5"}\n',
            "usage.terraform.resource_usage",
        ),
    ],
)
def test_a_config_mistake_is_an_error_naming_the_line(text: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings(text, display=".finops-gate.yml")
    message = str(info.value)
    assert message.startswith(".finops-gate.yml") and fragment in message
    assert "\n" not in message


def test_an_alias_bomb_in_the_config_is_refused_quickly() -> None:
    lines = ["version: 1", 'a0: &a0 ["x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)]
    start = time.monotonic()
    with pytest.raises(ConfigError, match="alias"):
        parse_settings("\n".join(lines) + "\n", display="c.yml")
    assert time.monotonic() - start < 10


def test_true_and_false_and_quoted_words_are_still_fine() -> None:
    text = (
        "version: 1\npolicies:\n  tags:\n    allowed_values: {env: [prod, 'no']}\n"
        "usage:\n  kubernetes: {hpa_replicas: min}\n"
    )
    parse_settings(text, display="c.yml")


def test_a_non_date_expires_is_an_error_not_an_exemption_that_never_ends() -> None:
    for value in ("12", "true", "'soon'"):
        text = (
            "version: 1\nexemptions:\n  - {policy: tags.required, address: a.b, reason: r, "
            f"expires: {value}}}\n"
        )
        with pytest.raises(ConfigError, match="expires"):
            policy_settings(parse_settings(text, display="c.yml"))


def test_percent_min_increase_zero_means_zero_not_the_ten_dollar_default() -> None:
    text = "version: 1\npolicies:\n  approval: {percent_increase: 10, percent_min_increase: 0}\n"
    policy = policy_settings(parse_settings(text, display="c.yml")).approval
    assert policy is not None and policy.percent_min_increase == 0


def test_infracost_reserved_terms_are_accepted_but_quoted_numbers_still_refused() -> None:
    usage = (
        "usage:\n  terraform:\n    resource_usage:\n      aws_instance.a:\n"
        "        reserved_instance_term: {term}\n"
        "        reserved_instance_payment_option: no_upfront\n"
    )
    for term in ("1_year", "3_year"):
        parse_settings("version: 1\n" + usage.format(term=term), display="c.yml")
    for quoted in ("'-5'", "'1e9'", "'2_year'"):
        with pytest.raises(ConfigError, match="reserved_instance_term"):
            parse_settings("version: 1\n" + usage.format(term=quoted), display="c.yml")


@pytest.mark.parametrize("word", ["sNaN", "-sNaN", "+snan", "NaN", "inf"])
def test_a_not_a_number_word_is_refused_as_a_usage_value(word: str) -> None:
    """'sNaN' read as a Decimal is a signalling NaN: it passed as a word and crashed the run
    (exit 3) when a mapper compared it."""
    usage = (
        "usage:\n  terraform:\n    resource_usage:\n      aws_instance.a:\n        k: '{word}'\n"
    )
    with pytest.raises(ConfigError, match=r"aws_instance\.a\.k"):
        parse_settings("version: 1\n" + usage.format(word=word), display="c.yml")
