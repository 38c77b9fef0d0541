"""--format codequality: GitLab's Code Quality report, one issue per finding."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.report.codequality import to_codequality
from tests.conftest import EXAMPLES

PLAN = EXAMPLES / "terraform-plan" / "plan.json"

# The fields GitLab reads from a Code Quality report (docs: "Code Quality report format"):
# description, check_name, fingerprint, severity (info|minor|major|critical|blocker),
# location.path and location.lines.begin.
CODEQUALITY_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32,64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^/"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def finding(**changes: Any) -> dict[str, Any]:
    base = {
        "policy": "tags.required",
        "severity": "warn",
        "address": "aws_eip.egress",
        "message": "missing tag finops:team",
        "file": "infra/main.tf",
        "line": 12,
    }
    return {**base, **changes}


def report(*findings: dict[str, Any], resources: list[dict[str, Any]] | None = None) -> Any:
    return {"findings": list(findings), "resources": resources or []}


def test_check_writes_one_issue_per_finding_in_gitlabs_format(tmp_path: Path) -> None:
    out = tmp_path / "gl-code-quality-report.json"
    result = CliRunner().invoke(
        main,
        ["check", str(PLAN.parent), "--plan", str(PLAN), "--format", "json", "--out", str(out)],
        env={},
    )
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert result.exit_code in (0, 1)
    result = CliRunner().invoke(
        main, ["check", str(PLAN.parent), "--plan", str(PLAN), "--format", "codequality"], env={}
    )
    issues = json.loads(result.stdout)
    jsonschema.validate(issues, CODEQUALITY_SCHEMA)
    assert len(issues) == len({(f["policy"], f["address"], f["message"]) for f in doc["findings"]})
    assert issues  # the example has findings
    assert {i["check_name"] for i in issues} == {f["policy"] for f in doc["findings"]}


def test_comment_renders_a_saved_report_as_code_quality(tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    CliRunner().invoke(
        main,
        ["check", str(PLAN.parent), "--plan", str(PLAN), "--format", "json", "--out", str(saved)],
        env={},
    )
    out = tmp_path / "cq.json"
    result = CliRunner().invoke(
        main, ["comment", str(saved), "--format", "codequality", "--out", str(out)], env={}
    )
    assert result.exit_code == 0, result.stderr
    jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), CODEQUALITY_SCHEMA)


def test_fields_severity_and_location() -> None:
    [issue] = to_codequality(report(finding()))
    assert issue["check_name"] == "tags.required"
    assert issue["description"] == "aws_eip.egress: missing tag finops:team"
    assert issue["severity"] == "major"
    assert issue["location"] == {"path": "infra/main.tf", "lines": {"begin": 12}}
    assert to_codequality(report(finding(severity="fail")))[0]["severity"] == "critical"
    assert to_codequality(report(finding(severity="info")))[0]["severity"] == "info"


def test_the_fingerprint_is_stable_across_runs_and_tells_findings_apart() -> None:
    a = to_codequality(report(finding()))[0]["fingerprint"]
    assert a == to_codequality(report(finding(line=40)))[0]["fingerprint"]  # moved, same finding
    assert (
        a != to_codequality(report(finding(message="missing tag finops:service")))[0]["fingerprint"]
    )
    assert a != to_codequality(report(finding(address="aws_eip.other")))[0]["fingerprint"]


def test_the_same_finding_twice_is_one_issue() -> None:
    assert len(to_codequality(report(finding(), finding()))) == 1


def test_a_finding_without_a_file_points_at_its_resource_or_the_config() -> None:
    resources = [{"address": "aws_eip.egress", "file": "plan.json"}]
    [issue] = to_codequality(report(finding(file=None, line=None), resources=resources))
    assert issue["location"] == {"path": "plan.json", "lines": {"begin": 1}}
    [issue] = to_codequality(report(finding(file=None, address=None, policy="approval.threshold")))
    assert issue["location"]["path"] == ".finops-gate.yml"
    jsonschema.validate([issue], CODEQUALITY_SCHEMA)


def test_absolute_and_windows_paths_become_relative() -> None:
    [issue] = to_codequality(report(finding(file="\\infra\\main.tf")))
    assert issue["location"]["path"] == "infra/main.tf"


def test_free_text_stays_on_one_line() -> None:
    [issue] = to_codequality(report(finding(message="a\nb\r\n  c")))
    assert issue["description"] == "aws_eip.egress: a b c"
