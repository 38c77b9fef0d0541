"""Bad policy config is a ConfigError naming the file and the key (exit 2 from the CLI)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from finops_gate.config import parse_settings
from finops_gate.errors import ConfigError
from finops_gate.model import Severity
from finops_gate.policies.settings import DEFAULT_REQUIRED, load


def settings_of(body: str) -> object:
    return load(parse_settings("version: 1\n" + body, display=".finops-gate.yml"))


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("policies: {tagz: {}}", "unknown key 'policies.tagz'"),
        ("policies: {tags: {on_missing: block}}", "policies.tags.on_missing"),
        (
            "policies: {tags: {allowed_values: {'finops:env': [{regex: '(dev'}]}}}",
            "policies.tags.allowed_values.finops:env[0].regex: regex does not compile",
        ),
        (
            "policies: {budgets: [{name: a, scope: {t: x}, monthly_limit: -5}]}",
            "policies.budgets[0].monthly_limit: -5 must be a number > 0",
        ),
        (
            "policies: {budgets: [{name: a, scope: {t: x}, monthly_limit: 5, "
            "warn_at_percent: 120}]}",
            "policies.budgets[0].warn_at_percent: must not be above fail_at_percent",
        ),
        ("policies: {approval: {monthly_increase: -1}}", "policies.approval.monthly_increase"),
        (
            "exemptions: [{policy: tags.bogus, address: '*', reason: r, expires: 2026-01-01}]",
            "exemptions[0].policy: unknown policy 'tags.bogus'",
        ),
        (
            "exemptions: [{policy: tags.required, address: '*', reason: r, expires: soon}]",
            "exemptions[0].expires: 'soon' is not a date",
        ),
        ("exemptions: [{policy: tags.required, address: '*', reason: r}]", "exemptions.0"),
        ("usage: {services: {api: {requests_per_month: 0}}}", "usage.services.api"),
    ],
)
def test_bad_policy_config_names_the_file_and_key(body: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        settings_of(body)
    assert str(info.value).startswith(".finops-gate.yml: ")
    assert fragment in str(info.value)


def test_defaults_require_the_four_finops_tags_and_only_warn() -> None:
    policy = load(parse_settings("version: 1\n", display="x"))
    assert policy.tags.required == DEFAULT_REQUIRED
    assert policy.tags.on_missing is Severity.WARN and policy.unpriced is Severity.WARN
    assert not policy.approval.configured and policy.budgets == ()


def test_the_design_example_config_loads() -> None:
    text = """
version: 1
policies:
  tags:
    required: ["finops:team", "finops:service", "finops:environment", "finops:cost-center"]
    allowed_values: {"finops:environment": [prod, staging, dev]}
    on_missing: fail
  budgets:
    - {name: ml-platform, scope: {"finops:team": ml-platform}, monthly_limit: 20000,
       warn_at_percent: 80}
  approval:
    monthly_increase: 500
    percent_increase: 25
    approvers: {github: [alice, "acme/platform-leads"], gitlab: [bob]}
"""
    policy = load(parse_settings(text, display="x"))
    assert policy.approval.monthly_increase == Decimal(500)
    assert policy.approval.approvers["github"] == ("alice", "acme/platform-leads")
    assert policy.budgets[0].monthly_limit == Decimal(20000)
    assert policy.tags.allowed["finops:environment"].allows("dev")
    assert yaml.safe_load(text)["version"] == 1
