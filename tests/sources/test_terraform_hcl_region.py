"""`.tf` trees take the region by the same rules as plans where the provider sets none: the
environment (AWS_REGION before AWS_DEFAULT_REGION), then pricing.default_region; the report
says where it came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

MAIN = (
    'provider "aws" {%s}\nresource "aws_instance" "a" {\n  ami = "x"\n  instance_type = "%s"\n}\n'
)


def _check(tmp_path: Path, provider: str = "", config: str | None = None) -> dict[str, Any]:
    for side, size in (("base", "t3.micro"), ("head", "m5.large")):
        (tmp_path / side).mkdir(exist_ok=True)
        (tmp_path / side / "main.tf").write_text(MAIN % (provider, size))
        if config is not None:
            (tmp_path / side / ".finops-gate.yml").write_text(config)
    result = CliRunner().invoke(
        main,
        ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head"),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _region(doc: dict[str, Any]) -> tuple[str, str] | None:
    found = [(a["value"], a["origin"]) for a in doc["assumptions"] if a["key"] == "region"]
    return found[0] if found else None


def test_without_a_region_anywhere_the_resource_is_unpriced_not_free(tmp_path: Path) -> None:
    doc = _check(tmp_path)
    (r,) = doc["resources"]
    assert r["status"] == "unpriced" and "region unknown" in r["reason"]


@pytest.mark.parametrize("name", ["AWS_REGION", "AWS_DEFAULT_REGION"])
def test_the_environment_gives_the_region_a_provider_does_not_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv(name, "us-east-1")
    doc = _check(tmp_path)
    (r,) = doc["resources"]
    assert r["status"] == "priced" and r["monthly_after"] not in (None, "0")
    assert _region(doc) == ("us-east-1", f"environment variable {name}")


def test_aws_region_wins_over_aws_default_region_and_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    doc = _check(tmp_path, config="version: 1\npricing:\n  default_region: {aws: eu-west-1}\n")
    assert _region(doc) == ("us-east-1", "environment variable AWS_REGION")


def test_the_config_default_applies_when_the_environment_has_none(tmp_path: Path) -> None:
    doc = _check(tmp_path, config="version: 1\npricing:\n  default_region: {aws: us-east-1}\n")
    (r,) = doc["resources"]
    assert r["status"] == "priced"
    assert _region(doc) == ("us-east-1", "pricing.default_region.aws")


def test_a_region_in_the_provider_block_beats_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    doc = _check(tmp_path, provider='\n  region = "us-east-1"\n')
    (r,) = doc["resources"]
    assert r["status"] == "priced"
    assert _region(doc) is None  # the code says it: nothing to explain
