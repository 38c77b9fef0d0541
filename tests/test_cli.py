"""The command line as a user runs it: exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate import __version__
from finops_gate.cli import main
from tests.conftest import EXAMPLES

PLAN = EXAMPLES / "terraform-plan" / "plan.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version_prints_the_package_version_and_the_catalogs() -> None:
    code, out, _ = run("--version")
    first, second = out.strip().splitlines()
    assert code == 0 and first == f"finops-gate {__version__}"
    assert second.startswith("catalogs: ")
    assert re.search(r"\baws \d{4}-\d{2}-\d{2}\b", second)
    assert re.search(r"\bllm \d{4}-\d{2}-\d{2}\b", second)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "empty file"),
        ('{"format_version": "1.2", "resource_changes": [', "not valid JSON"),
        ('{"format_version": "1.0", "values": {"root_module": {}}}', "not a Terraform plan"),
        ('{"format_version": "2.0", "resource_changes": []}', "not supported"),
        ('{"format_version": "1.2", "resource_changes": [{"address": 1}]}', "resource_changes[0]"),
    ],
)
def test_bad_plans_exit_2_with_one_line_naming_the_file(
    tmp_path: Path, content: str, fragment: str
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(content)
    code, out, err = run("check", str(tmp_path), "--plan", str(plan))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "plan.json" in err and fragment in err
    assert "Traceback" not in err


def test_a_missing_plan_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path), "--plan", str(tmp_path / "nope.json"))
    assert code == 2 and "nope.json: file not found" in err


def test_a_bad_config_exits_2_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / ".finops-gate.yml").write_text("version: 1\npolicy: {}\n")
    code, _, err = run("check", str(tmp_path), "--plan", str(PLAN))
    assert code == 2 and ".finops-gate.yml: unknown key 'policy'" in err


def test_base_without_head_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("check", "--base", str(tmp_path))
    assert code == 2 and "--base and --head go together" in err


def test_an_unknown_format_is_a_usage_error() -> None:
    code, _, err = run("check", "--plan", str(PLAN), "--format", "xml")
    assert code == 2 and "xml" in err


def test_nothing_to_check_outside_a_repository_says_what_to_pass(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path))
    assert code == 2 and "nothing to check" in err


def test_a_failed_run_leaves_no_half_written_output(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text("{")
    out = tmp_path / "report.json"
    code, _, _ = run("check", str(tmp_path), "--plan", str(plan), "--out", str(out))
    assert code == 2 and not out.exists() and list(tmp_path.iterdir()) == [plan]


def test_the_installed_command_prints_no_traceback_on_bad_input(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text("[]")
    proc = subprocess.run(
        [sys.executable, "-m", "finops_gate.cli", "check", str(tmp_path), "--plan", str(plan)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().startswith("finops-gate: ") and "plan.json" in proc.stderr


def test_json_output_follows_the_contract(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    code, stdout, _ = run(
        "check",
        str(EXAMPLES / "terraform-plan"),
        "--plan",
        str(PLAN),
        "--format",
        "json",
        "--out",
        str(out),
    )
    assert stdout == ""
    doc = json.loads(out.read_text())
    assert doc["schema_version"] == "1" and doc["currency"] == "USD"
    assert doc["hours_per_month"] == 730 and "aws" in doc["catalogs"]
    assert set(doc["totals"]) >= {
        "monthly_before",
        "monthly_after",
        "monthly_delta",
        "delta_percent",
    }
    keys = {
        "address",
        "source",
        "kind",
        "action",
        "status",
        "file",
        "line",
        "monthly_before",
        "monthly_after",
        "monthly_delta",
        "per_request_before",
        "per_request_after",
        "lines",
    }
    for r in doc["resources"]:
        assert keys <= set(r)
        assert r["status"] in {"priced", "free", "usage_unknown", "unpriced", "unsupported"}
        assert r["action"] in {"create", "update", "replace", "delete", "no-op"}
        if r["status"] in {"unpriced", "unsupported"}:
            assert r["monthly_delta"] is None  # never a silent $0
        for field in ("monthly_before", "monthly_after", "monthly_delta"):
            assert r[field] is None or isinstance(r[field], str)
    assert doc["verdict"] in {"pass", "warn", "approval_required", "fail"}
    assert code in (0, 1)
    assert set(doc["approval"]) >= {"required", "reasons", "approved_by"}


def test_an_internal_error_exits_3_and_asks_for_a_bug_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from finops_gate import app

    def boom(request: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(app, "check", boom)
    code, _, err = run("check", "--plan", str(PLAN))
    assert code == 3 and "internal error" in err and "bug" in err and "Traceback" not in err


def test_the_json_report_validates_against_the_shipped_report_schema(tmp_path: Path) -> None:
    import jsonschema

    schema_path = Path(__file__).parent.parent / "finops_gate" / "schema" / "report.schema.json"
    schema = json.loads(schema_path.read_text())
    out = tmp_path / "report.json"
    run(
        "check",
        str(EXAMPLES / "terraform-plan"),
        "--plan",
        str(PLAN),
        "--format",
        "json",
        "--out",
        str(out),
    )
    jsonschema.validate(json.loads(out.read_text()), schema)


def test_the_json_report_says_where_the_config_came_from_and_reads_back(tmp_path: Path) -> None:
    (tmp_path / ".finops-gate.yml").write_text("version: 1\n")
    out = tmp_path / "report.json"
    code, _, err = run(
        "check", str(tmp_path), "--plan", str(PLAN), "--format", "json", "--out", str(out)
    )
    assert code in (0, 1), err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["config"] == {"origin": "worktree", "path": ".finops-gate.yml", "ref": None}
    code, shown, err = run("comment", str(out))  # the saved report validates against the schema
    assert code == 0 and shown, err


def test_check_leaves_the_garbage_collector_on_for_the_rest_of_the_process(
    tmp_path: Path,
) -> None:
    import gc

    assert gc.isenabled()
    code, _, err = run("check", str(tmp_path), "--plan", str(PLAN), "--format", "json")
    assert code in (0, 1), err
    assert gc.isenabled()


def test_the_collector_stays_off_until_the_report_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the document holds what the check read: the collector's first pass after the check would
    # scan all of it again, so it comes back on only once the report is written
    import gc

    from finops_gate import cli

    seen: list[bool] = []
    write = cli._write

    def watched(text: object, out: Path | None) -> None:
        seen.append(gc.isenabled())
        write(text, out)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "_write", watched)
    out = tmp_path / "report.json"
    code, _, err = run(
        "check", str(tmp_path), "--plan", str(PLAN), "--format", "json", "--out", str(out)
    )
    assert code in (0, 1), err
    assert seen == [False]
    assert gc.isenabled()
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == "1"


def test_the_gc_pause_restores_what_the_caller_had() -> None:
    import gc

    from finops_gate.app import gc_paused

    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_large_report_is_streamed_one_resource_at_a_time_and_reads_back_whole() -> None:
    import io

    from finops_gate.cli import LARGE_REPORT, dump_json
    from finops_gate.report.document import Document, ResourceRow, TotalsRow

    rows = tuple(
        ResourceRow(f"aws_instance.web[{i}]", "terraform", "aws_instance", "create", "priced")
        for i in range(LARGE_REPORT + 5)
    )
    doc = Document(TotalsRow("0", "1", "1", None), rows, extra={"after_resources": [1]})
    out = io.StringIO()
    dump_json(doc, out)
    text = out.getvalue()
    assert "\n" not in text.rstrip("\n")  # compact: one line, not one indented tree
    assert json.loads(text) == doc.to_json()
    assert Document.from_json(json.loads(text)) == doc
