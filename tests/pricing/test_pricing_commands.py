"""finops-gate pricing list | show | validate | diff, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from tests.catalogs.conftest import price_doc, write_catalog

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_AWS = max((ROOT / "pricing" / "aws").glob("*.json"))  # the newest shipped AWS catalog
SHIPPED_REL = f"pricing/aws/{SHIPPED_AWS.name}"


def _cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_list_names_every_shipped_catalog_with_its_digest_and_which_is_in_force() -> None:
    result = _cli("pricing", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {(r["catalog"], r["version"]): r for r in json.loads(result.stdout)}
    aws = rows[("aws", SHIPPED_AWS.stem)]
    assert aws["in_force"] and aws["origin"] == "shipped" and aws["entries"] > 1000
    assert len(aws["sha256"]) == 64
    assert {"aws", "llm", "kubernetes"} <= {c for c, _ in rows}


def test_list_marks_the_team_version_in_force_on_the_as_of_date(tmp_path: Path) -> None:
    team = tmp_path / "team"
    write_catalog(team, price_doc("aws", "2026-09-01", {"k.a": {"eu-west-1": "1"}}))
    write_catalog(team, price_doc("aws", "2026-12-01", {"k.a": {"eu-west-1": "2"}}))
    result = _cli(
        "pricing", "list", "--catalog-dir", str(team), "--as-of", "2026-10-01", "--format", "json"
    )
    rows = {r["file"]: r["in_force"] for r in json.loads(result.stdout)}
    assert rows[f"{team}/aws/2026-09-01.json"] is True
    assert rows[f"{team}/aws/2026-12-01.json"] is False


def test_show_prints_one_region_and_the_source() -> None:
    result = _cli("pricing", "show", "aws", "ec2.instance.m5.large", "--region", "us-east-1")
    assert result.exit_code == 0
    assert "us-east-1  0.096" in result.stdout
    assert SHIPPED_REL in result.stdout and "source:" in result.stdout


def test_show_a_team_override_names_both_files(tmp_path: Path) -> None:
    team = tmp_path / "team"
    write_catalog(
        team, price_doc("aws", "2026-11-20", {"ec2.instance.m5.large": {"eu-west-1": "0.107"}})
    )
    result = _cli(
        "pricing",
        "show",
        "aws",
        "ec2.instance.m5.large",
        "--catalog-dir",
        str(team),
        "--format",
        "json",
    )
    doc = json.loads(result.stdout)
    assert doc["prices"] == {"eu-west-1": "0.107", "us-east-1": "0.096"}
    assert doc["files"] == [SHIPPED_REL, f"{team}/aws/2026-11-20.json"]


def test_show_an_unknown_key_is_exit_2_with_a_suggestion() -> None:
    result = _cli("pricing", "show", "aws", "ec2.instance.m5.larg")
    assert result.exit_code == 2
    assert "did you mean ec2.instance.m5.large" in result.stderr


def test_show_a_region_the_key_lacks_is_exit_2_naming_the_refresh() -> None:
    result = _cli("pricing", "show", "aws", "ec2.instance.m5.large", "--region", "eu-west-1")
    assert result.exit_code == 2
    assert "pricing refresh aws --region eu-west-1" in result.stderr


def test_show_a_model_prints_its_price_history() -> None:
    result = _cli("pricing", "show", "llm", "o3")
    assert result.exit_code == 0
    assert "2025-06-10 input" in result.stdout


def test_validate_passes_every_shipped_file() -> None:
    result = _cli("pricing", "validate")
    assert result.exit_code == 0 and "valid" in result.stdout


@pytest.mark.parametrize(
    "args", [["pricing"], ["pricing/aws"], ["pricing/azure"], ["pricing/aws", "pricing/gcp"]]
)
def test_validate_takes_the_shipped_folder_or_one_catalog_folder(args: list[str]) -> None:
    # the shipped folder holds NOTICE, RELEASED and schema/ beside the catalogs, and a released
    # file with a known flaw is a note there, as with no argument
    result = _cli("pricing", "validate", *(str(ROOT / a) for a in args))
    assert result.exit_code == 0, result.stderr
    assert "valid" in result.stdout


def test_validate_a_team_catalog_folder_checks_only_its_files(tmp_path: Path) -> None:
    team = tmp_path / "team"
    write_catalog(team, price_doc("aws", "2026-11-20", {"a.b": {"x": "1"}}))
    write_catalog(team, price_doc("gcp", "2026-11-20", {"c.d": {"x": "-1"}}))
    assert _cli("pricing", "validate", str(team / "aws")).exit_code == 0
    broken = _cli("pricing", "validate", str(team / "gcp"))
    assert broken.exit_code == 2 and "prices/c.d" in broken.stderr


def test_a_team_folder_may_hold_the_notice_and_licence_of_its_data(tmp_path: Path) -> None:
    team = tmp_path / "team"
    write_catalog(team, price_doc("aws", "2026-11-20", {"a.b": {"x": "1"}}))
    for name in ("NOTICE", "LICENSE.txt", "README.md", "RELEASED"):
        (team / name).write_text("text\n", encoding="utf-8")
    assert _cli("pricing", "validate", str(team)).exit_code == 0
    (team / "notes.txt").write_text("a typo must not drop prices silently\n", encoding="utf-8")
    result = _cli("pricing", "validate", str(team))
    assert result.exit_code == 2 and "notes.txt" in result.stderr


def test_validate_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    team = tmp_path / "team"
    doc = price_doc("aws", "2026-11-20", {"a.b": {"eu-west-1": "-1"}, "c.d": {"*": "1", "x": "2"}})
    doc["currency"] = "EUR"
    doc["prices"]["e.f"] = {"unit": "hours", "source": "nobody", "regions": {"y": "1"}}
    write_catalog(team, doc)
    result = _cli("pricing", "validate", str(team))
    assert result.exit_code == 2
    err = result.stderr
    assert "prices/a.b/regions/eu-west-1" in err
    assert "currency" in err
    assert "'*' (same price everywhere) cannot be mixed" in err
    assert "'nobody' is not listed under sources" in err
    assert "4 problem(s) in 1 file(s)" in err


def test_validate_catches_an_edited_file_through_the_folder_sums(tmp_path: Path) -> None:
    team = tmp_path / "team"
    write_catalog(team, price_doc("aws", "2026-11-20", {"a.b": {"x": "1"}}))
    (team / "SHA256SUMS").write_text(f"{'0' * 64}  aws/2026-11-20.json\n", encoding="utf-8")
    result = _cli("pricing", "validate", str(team))
    assert result.exit_code == 2 and "do not match SHA256SUMS" in result.stderr


@pytest.mark.parametrize("content", ["{", "[]", '{"catalog": "aws"}'])
def test_validate_a_broken_file_is_exit_2(tmp_path: Path, content: str) -> None:
    path = tmp_path / "2026-11-20.json"
    path.write_text(content, encoding="utf-8")
    result = _cli("pricing", "validate", str(path))
    assert result.exit_code == 2 and str(path) in result.stderr


def test_validate_a_missing_path_is_exit_2(tmp_path: Path) -> None:
    result = _cli("pricing", "validate", str(tmp_path / "nope.json"))
    assert result.exit_code == 2 and "nope.json" in result.stderr


def test_diff_lists_the_largest_moves_first(tmp_path: Path) -> None:
    old = write_catalog(
        tmp_path / "a",
        price_doc(
            "aws",
            "2026-11-01",
            {
                "k.small": {"r1": "1.00"},
                "k.big": {"r1": "1"},
                "k.gone": {"r1": "5"},
                "k.same": {"r1": "3"},
            },
        ),
    )
    new = write_catalog(
        tmp_path / "b",
        price_doc(
            "aws",
            "2026-12-01",
            {
                "k.small": {"r1": "1.01"},
                "k.big": {"r1": "2"},
                "k.same": {"r1": "3"},
                "k.new": {"r2": "7"},
            },
        ),
    )
    result = _cli("pricing", "diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [m["key"] for m in doc["changed"]] == ["k.big", "k.small"]
    assert doc["changed"][0]["percent"] == "100.00"
    assert [m["key"] for m in doc["added"]] == ["k.new"]
    assert [m["key"] for m in doc["removed"]] == ["k.gone"]
    assert doc["unchanged"] == 1
    table = _cli("pricing", "diff", str(old), str(new)).stdout
    assert table.index("k.big") < table.index("k.small")
    assert "1 changed" not in table and "2 changed, 1 added, 1 removed, 1 unchanged" in table


def test_diff_of_a_file_against_itself_changes_nothing() -> None:
    result = _cli("pricing", "diff", str(SHIPPED_AWS), str(SHIPPED_AWS), "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["changed"] == [] and doc["added"] == [] and doc["removed"] == []


def test_diff_of_an_unreadable_side_is_exit_2_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    result = _cli("pricing", "diff", str(SHIPPED_AWS), str(bad))
    assert result.exit_code == 2 and "bad.json" in result.stderr
    result = _cli("pricing", "diff", str(tmp_path / "missing.json"), str(SHIPPED_AWS))
    assert result.exit_code == 2 and "missing.json" in result.stderr


def test_diff_of_two_different_catalogs_is_exit_2_naming_both() -> None:
    gcp = max((ROOT / "pricing" / "gcp").glob("*.json"))
    result = CliRunner().invoke(main, ["pricing", "diff", str(SHIPPED_AWS), str(gcp)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert f"{gcp}: holds the gcp catalog and {SHIPPED_AWS} the aws catalog" in result.stderr
