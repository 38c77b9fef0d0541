from __future__ import annotations

from pathlib import Path

import pytest

from finops_gate.config import load_settings, parse_settings
from finops_gate.errors import ConfigError

FULL = """
version: 1
sources:
  terraform: {plans: [plan.json], dirs: [infra]}
  kubernetes: {paths: ["k8s/**/*.yaml"]}
  models: {paths: ["config/**/*.yaml", "services/*/.env"]}
usage:
  terraform:
    resource_type_default_usage: {aws_lambda_function: {monthly_requests: 1000000}}
    resource_usage: {aws_nat_gateway.egress: {monthly_data_processed_gb: 2500}}
"""


def test_the_design_example_config_is_valid() -> None:
    settings = parse_settings(FULL, display=".finops-gate.yml")
    usage = settings.terraform_usage.for_resource("aws_nat_gateway.egress", "aws_nat_gateway")
    assert str(usage.number("monthly_data_processed_gb")) == "2500"


def test_an_unknown_key_is_named_with_its_path() -> None:
    with pytest.raises(ConfigError, match=r"\.finops-gate\.yml: unknown key 'sources\.terrafrom'"):
        parse_settings("version: 1\nsources: {terrafrom: {}}\n", display=".finops-gate.yml")


def test_a_wrong_type_is_named_with_its_path() -> None:
    with pytest.raises(ConfigError, match=r"sources\.kubernetes\.paths"):
        parse_settings("version: 1\nsources: {kubernetes: {paths: k8s}}\n", display="c.yml")


def test_a_negative_usage_value_is_refused() -> None:
    text = "version: 1\nusage: {terraform: {resource_usage: {a.b: {monthly_requests: -5}}}}\n"
    with pytest.raises(ConfigError, match="monthly_requests"):
        parse_settings(text, display="c.yml")


def test_broken_yaml_names_the_line() -> None:
    with pytest.raises(ConfigError, match=r"c\.yml:3: not valid YAML"):
        parse_settings("version: 1\nsources: [\n", display="c.yml")


def test_a_missing_version_is_an_error() -> None:
    with pytest.raises(ConfigError, match="version"):
        parse_settings("sources: {}\n", display="c.yml")


def test_an_empty_file_means_the_defaults() -> None:
    assert parse_settings("", display="c.yml").section("usage") == {}


def test_a_missing_explicit_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.yml")
