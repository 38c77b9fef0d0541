"""--currency / report.currency: every amount in that currency at a dated ECB reference rate,
thresholds and budgets written in the configured currency, the USD totals kept in the JSON."""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.currency import reference_rate
from finops_gate.money import fmt, rate
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "terraform-plan"
SCHEMA = Path(__file__).resolve().parent.parent / "finops_gate" / "schema" / "report.schema.json"


def project(tmp_path: Path, config: str) -> Path:
    root = tmp_path / "repo"
    root.mkdir(parents=True)
    shutil.copy(EXAMPLE / "plan.json", root / "plan.json")
    base = (EXAMPLE / ".finops-gate.yml").read_text(encoding="utf-8")
    (root / ".finops-gate.yml").write_text(base + config, encoding="utf-8")
    return root


def check(root: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    result = CliRunner().invoke(
        main,
        ["check", str(root), "--plan", str(root / "plan.json"), "--format", "json", *args],
        env={},
    )
    doc = json.loads(result.stdout) if result.stdout.strip().startswith("{") else {}
    return result.exit_code, doc, result.stderr


def test_currency_converts_every_amount_and_keeps_the_usd_totals(tmp_path: Path) -> None:
    root = project(tmp_path, "")
    _, usd, _ = check(root)
    code, eur, err = check(root, "--currency", "eur")
    assert code == 0, err
    jsonschema.validate(eur, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert eur["currency"] == "EUR"
    rate = eur["exchange_rate"]
    assert (
        rate["from"] == "USD" and rate["to"] == "EUR" and "European Central Bank" in rate["source"]
    )
    expected = reference_rate("EUR", date.fromisoformat(rate["date"])).per_usd
    assert eur["totals_usd"] == {**usd["totals"]}
    assert Decimal(eur["totals"]["monthly_delta"]) == pytest.approx(
        Decimal(usd["totals"]["monthly_delta"]) * expected, abs=Decimal("0.01")
    )
    assert eur["totals"]["delta_percent"] == usd["totals"]["delta_percent"]
    priced = next(r for r in eur["resources"] if r["status"] == "priced" and r["lines"])
    twin = next(r for r in usd["resources"] if r["address"] == priced["address"])
    assert priced["lines"][0]["monthly_quantity"] == twin["lines"][0]["monthly_quantity"]
    assert "currency" in usd and usd["currency"] == "USD" and "exchange_rate" not in usd


def test_thresholds_are_in_the_configured_currency(tmp_path: Path) -> None:
    # the example's change is +$639.99, about +EUR 573 at the newest shipped rate
    # the example also holds unpriced resources: this test is about the threshold's currency
    approval = "policies:\n  approval:\n    monthly_increase: 600\n    on_unknown_cost: ignore\n"
    code, in_usd, _ = check(project(tmp_path / "usd", approval))
    assert code == 1 and in_usd["verdict"] == "approval_required"
    code, in_eur, err = check(project(tmp_path / "eur", approval + "report:\n  currency: EUR\n"))
    assert code == 0, err
    assert in_eur["currency"] == "EUR" and in_eur["approval"]["required"] is False


def test_a_threshold_written_in_eur_is_restated_when_the_report_is_shown_in_gbp(
    tmp_path: Path,
) -> None:
    approval = (
        "policies:\n  approval:\n    monthly_increase: 500\n    on_unknown_cost: ignore\n"
        "report:\n  currency: EUR\n"
    )
    code, doc, err = check(project(tmp_path, approval), "--currency", "GBP")
    assert code == 1, err
    [reason] = doc["approval"]["reasons"]
    day = date.fromisoformat(doc["exchange_rate"]["date"])
    gbp_per_eur = reference_rate("GBP", day).per_usd / reference_rate("EUR", day).per_usd
    assert f"> {fmt(Decimal(500) * gbp_per_eur, 'GBP')}" in reason
    assert reason.startswith("monthly increase £")


def test_as_of_picks_the_rate_of_that_day_or_the_last_one_before(tmp_path: Path) -> None:
    root = project(tmp_path, "pricing:\n  as_of: '2024-01-06'\n")  # a Saturday
    code, doc, err = check(root, "--currency", "EUR")
    assert code == 0, err
    assert doc["exchange_rate"]["date"] == "2024-01-05"


def test_an_unknown_currency_is_a_one_line_usage_error(tmp_path: Path) -> None:
    code, _, err = check(project(tmp_path, ""), "--currency", "XYZ")
    assert code == 2
    [line] = err.strip().splitlines()
    assert "XYZ" in line and "EUR" in line


def test_a_bad_currency_in_the_config_names_the_file(tmp_path: Path) -> None:
    code, _, err = check(project(tmp_path, "report:\n  currency: euro\n"))
    assert code == 2 and ".finops-gate.yml" in err


def test_table_comment_and_status_speak_the_reports_currency(tmp_path: Path) -> None:
    root = project(tmp_path, "")
    out = tmp_path / "report.json"
    CliRunner().invoke(
        main,
        [
            "check",
            str(root),
            "--plan",
            str(root / "plan.json"),
            "--currency",
            "JPY",
            "--format",
            "json",
            "--out",
            str(out),
        ],
        env={},
    )
    table = CliRunner().invoke(main, ["comment", str(out), "--format", "table"], env={}).stdout
    assert "Monthly cost: ¥" in table and "$" not in table.split("in USD")[0]
    assert "reference rate of" in table
    comment = CliRunner().invoke(main, ["comment", str(out)], env={}).stdout
    assert comment.startswith("### finops-gate: +¥")
    from finops_gate.publish.comment import status_description

    assert status_description(json.loads(out.read_text(encoding="utf-8"))).startswith("+¥")


def test_money_formatting_follows_the_currency() -> None:
    assert fmt(Decimal("1234.5"), "EUR", signed=True) == "+€1,234.50"
    assert fmt(Decimal("1234.5"), "JPY") == "¥1,234" or fmt(Decimal("1234.5"), "JPY") == "¥1,235"
    assert fmt(Decimal("-3"), "CHF") == "-CHF 3.00"
    assert fmt(Decimal("0.00042"), "USD") == "$0.00042"


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("0.0104", "USD", "$0.0104"),  # an hourly rate: fmt would show $0.01
        ("0.045", "USD", "$0.045"),
        ("0.0004", "USD", "$0.0004"),  # fmt: $0.00
        ("0.1", "USD", "$0.10"),  # at least to the cent
        ("1234.5", "EUR", "€1,234.50"),
        ("1.23456789012345", "USD", "$1.2345678901"),  # at most 10 places
        ("0.0000004", "USD", "$4.00E-7"),
        ("0", "USD", "$0.00"),
        ("150", "JPY", "¥150"),
        ("0.5", "JPY", "¥0.5"),
    ],
)
def test_a_unit_price_keeps_its_digits(amount: str, currency: str, shown: str) -> None:
    assert rate(Decimal(amount), currency) == shown
