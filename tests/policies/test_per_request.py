"""The per-request gate: a model switch is caught without any usage figure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.publish.comment import status_description

POLICY = "version: 1\npolicies:\n  approval:\n    per_request_percent_increase: {limit}\n"


def _trees(tmp_path: Path, before: str, after: str, config: str | None = None) -> list[str]:
    for side, model in (("base", before), ("head", after)):
        root = tmp_path / side
        root.mkdir()
        (root / "app.yaml").write_text(f"chat:\n  model: {model}\n")
        if config is not None:
            (root / ".finops-gate.yml").write_text(config)
    return ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]


@pytest.mark.parametrize(
    ("before", "after", "percent"),
    [("gpt-3.5-turbo", "gpt-4o", "500"), ("gpt-5-mini", "gpt-5", "400"),
     ("gpt-4.1-mini", "gpt-4.1", "400")],
)  # fmt: skip
def test_a_configured_limit_requires_approval_with_the_headline_and_no_usage(
    tmp_path: Path, before: str, after: str, percent: str
) -> None:
    args = _trees(tmp_path, before, after, POLICY.format(limit=25))
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    headline = (
        f"Projected cost increase: +{percent}% per request. "
        "Approval required from an engineering lead."
    )
    assert headline in result.stdout
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    assert doc["verdict"] == "approval_required"
    assert doc["totals"]["per_request_increase_percent"] == percent
    assert any(f"+{percent}% > 25%" in r for r in doc["approval"]["reasons"])
    assert status_description(doc).startswith(headline)
    markdown = CliRunner().invoke(main, [*args, "--format", "markdown"]).stdout
    assert f"**Projected cost increase: \\+{percent}% per request.**" in markdown
    assert "**Approval required from an engineering lead.**" in markdown


def test_an_increase_below_the_limit_needs_no_approval(tmp_path: Path) -> None:
    args = _trees(tmp_path, "gpt-4.1-mini", "gpt-4.1", POLICY.format(limit=450))
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    doc = json.loads(result.stdout)
    assert result.exit_code == 0
    assert doc["approval"]["required"] is False
    assert doc["totals"]["per_request_increase_percent"] == "400"


def test_without_config_the_increase_is_a_warning_that_says_how_to_gate_it(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(main, [*_trees(tmp_path, "gpt-3.5-turbo", "gpt-4o"), "--format",
                                       "json"])  # fmt: skip
    doc = json.loads(result.stdout)
    assert result.exit_code == 0
    assert doc["verdict"] == "warn"
    (finding,) = doc["findings"]
    assert finding["policy"] == "approval.threshold"
    assert finding["address"] == "app.yaml#chat.model"
    assert "+500% per request" in finding["message"]
    assert "per_request_percent_increase" in finding["message"]


def test_a_cheaper_model_is_neither_a_finding_nor_a_headline(tmp_path: Path) -> None:
    args = _trees(tmp_path, "gpt-4o", "gpt-4o-mini", POLICY.format(limit=0))
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    doc = json.loads(result.stdout)
    assert result.exit_code == 0
    assert doc["findings"] == [] and doc["approval"]["required"] is False
    assert "per_request_increase_percent" not in doc["totals"]


def test_an_unpriced_side_gives_no_percentage(tmp_path: Path) -> None:
    args = _trees(tmp_path, "gpt-4o-mini", "gpt-99-ultra", POLICY.format(limit=0))
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    assert "per_request_increase_percent" not in doc["totals"]
    # no percentage, but a switch to a model that cannot be priced is a cost unknown (issue 11)
    assert [r.split(":")[0] for r in doc["approval"]["reasons"]] == ["cost unknown"]
    assert [f["policy"] for f in doc["findings"]] == ["pricing.unpriced"]


def test_a_negative_limit_is_a_config_error_naming_the_key(tmp_path: Path) -> None:
    args = _trees(tmp_path, "gpt-4o-mini", "gpt-4o", POLICY.format(limit=-5))
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "per_request_percent_increase" in result.stderr


def _new_setting(tmp_path: Path, model: str, config: str = "") -> dict[str, Any]:
    for side in ("base", "head"):
        (tmp_path / side).mkdir()
        (tmp_path / side / ".finops-gate.yml").write_text(f"version: 1\n{config}")
    (tmp_path / "base" / "app.yaml").write_text("chat:\n  temperature: 0.2\n")
    (tmp_path / "head" / "app.yaml").write_text(f"chat:\n  temperature: 0.2\n  model: {model}\n")
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_a_new_paid_model_with_no_volume_is_a_warning_not_a_pass(tmp_path: Path) -> None:
    # the monthly cost is in no total (requests per month not given) and no monthly threshold
    # can see it: the cost per request is said, with the key that counts it
    doc = _new_setting(tmp_path, "gpt-4-turbo")
    assert doc["verdict"] == "warn"
    (finding,) = doc["findings"]
    assert (finding["policy"], finding["address"]) == ("approval.threshold", "app.yaml#chat.model")
    assert "$0.025" in finding["message"] and "requests_per_month" in finding["message"]


@pytest.mark.parametrize(
    "config",
    [
        "usage:\n  models:\n    default: {requests_per_month: 1000}\n",
        'usage:\n  models:\n    sites:\n      "app.yaml#chat.model": {requests_per_month: 10}\n',
    ],
)
def test_a_new_paid_model_with_its_volume_is_counted_not_warned(
    tmp_path: Path, config: str
) -> None:
    doc = _new_setting(tmp_path, "gpt-4-turbo", config)
    assert doc["findings"] == [] and doc["verdict"] == "pass"
    assert doc["totals"]["monthly_delta"] != "0"


def test_a_new_self_hosted_model_costs_nothing_per_request_and_is_not_warned(
    tmp_path: Path,
) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    code = (
        "from openai import OpenAI\n"
        'client = OpenAI(base_url="http://localhost:11434/v1")\n'
        "def ask(q):\n"
        '    return client.chat.completions.create(model="llama3.2", messages=[])\n'
    )
    (tmp_path / "head" / "app.py").write_text(code)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    assert [r["status"] for r in doc["resources"]] == ["self_hosted"]
    assert [f for f in doc["findings"] if f["policy"] == "approval.threshold"] == []
