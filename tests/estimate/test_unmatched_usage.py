"""Usage written for an address no resource of the change has, beside a close one of its type:
said in the report's notes with the address meant (the resource is priced without it)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from finops_gate.cli import main

PLAN = Path(__file__).resolve().parents[2] / "examples" / "terraform-plan" / "plan.json"


def _notes(tmp_path: Path, resource_usage: dict[str, object]) -> list[str]:
    config = tmp_path / ".finops-gate.yml"
    usage = {"version": 1, "usage": {"terraform": {"resource_usage": resource_usage}}}
    config.write_text(json.dumps(usage), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", str(PLAN.parent), "--plan", str(PLAN), "--config", str(config),
               "--format", "json"],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    return [n for n in json.loads(result.stdout)["notes"] if "resource_usage" in n]


def test_a_mistyped_address_is_named_with_the_one_meant(tmp_path: Path) -> None:
    notes = _notes(tmp_path, {"aws_lambda_function.thumbnail": {"monthly_requests": 1000000}})
    assert len(notes) == 1
    assert "aws_lambda_function.thumbnail:" in notes[0]
    assert notes[0].endswith("did you mean aws_lambda_function.thumbnails?")


def test_a_type_name_where_an_address_goes_says_where_type_usage_belongs(tmp_path: Path) -> None:
    notes = _notes(tmp_path, {"aws_lambda_function": {"monthly_requests": 1000000}})
    assert len(notes) == 1
    assert notes[0].startswith("usage.terraform.resource_usage.aws_lambda_function:")
    assert notes[0].endswith("resource_type_default_usage.aws_lambda_function")


def test_usage_that_applies_or_names_nothing_close_says_nothing(tmp_path: Path) -> None:
    notes = _notes(
        tmp_path,
        {
            "aws_lambda_function.thumbnails": {"monthly_requests": 1000000},  # applies
            "module.api.aws_instance.web[*]": {"monthly_hrs": 100},  # a glob that applies
            "aws_lambda_function.billing_export": {"monthly_requests": 5},  # not in this change
            "aws_dynamodb_table.orders": {"storage_gb": 5},  # no table in this change
            "aws_dynamodb_table": {"storage_gb": 5},  # a type name, no table in this change
        },
    )
    assert notes == []


def test_infracost_usage_only_data_transfer_entries_are_said_once_as_not_priced(
    tmp_path: Path,
) -> None:
    entries = {
        f"aws_data_transfer.{region}": {"region": region, "monthly_outbound_internet_gb": 1000}
        for region in ("us-east-1", "eu-west-1", "ap-south-1")
    }
    notes = _notes(tmp_path, entries)
    assert len(notes) == 1  # one line for them all, not one per region
    assert "3 aws_data_transfer.* entries" in notes[0] and "apply to nothing" in notes[0]
