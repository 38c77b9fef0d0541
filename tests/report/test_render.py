from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from finops_gate.app import CheckRequest, check
from finops_gate.cli import render
from finops_gate.report import render as r
from finops_gate.report.json import to_json
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "terraform-plan"


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    report = check(CheckRequest(root=EXAMPLE, plans=(EXAMPLE / "plan.json",)))
    return json.loads(json.dumps(to_json(report)))


def test_example_comment_snapshot(doc: dict[str, Any], snapshot: Any) -> None:
    snapshot.assert_match(r.markdown(doc), "example_comment.md")


def test_example_table_snapshot(doc: dict[str, Any], snapshot: Any) -> None:
    snapshot.assert_match(r.table(doc), "example_table.txt")


def test_a_saved_json_report_renders_like_a_fresh_one(doc: dict[str, Any]) -> None:
    again = json.loads(render(doc, "json"))
    assert r.markdown(again) == r.markdown(doc)


def test_unpriced_resources_never_show_zero_dollars(doc: dict[str, Any]) -> None:
    lines = [
        line
        for line in r.markdown(doc).splitlines()
        if "(unsupported)" in line or "(unpriced)" in line
    ]
    assert lines and all("$0.00" not in line for line in lines)


def test_hostile_names_from_the_pull_request_are_inert(doc: dict[str, Any]) -> None:
    evil = copy.deepcopy(doc)
    evil["resources"][0]["address"] = 'aws_instance.x["<img src=x>@admin`|[a](http://e.vil)"]'
    evil["resources"][0]["lines"][0]["name"] = "**bold** <script>@team"
    out = r.markdown(evil)
    assert "<img" not in out and "<script" not in out and "@admin" not in out
    assert "@team" not in out and "](http" not in out


def test_the_comment_is_trimmed_with_a_pointer_to_the_full_report(doc: dict[str, Any]) -> None:
    out = r.markdown(doc, max_resources=2)
    assert "more resources — full report in the job summary / artifact" in out


def test_several_plans_are_reported_per_project_and_in_total(tmp_path: Path) -> None:
    plan = json.loads((EXAMPLE / "plan.json").read_text())
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "plan.json").write_text(json.dumps(plan))
    plan["resource_changes"] = plan["resource_changes"][:1]
    (tmp_path / "b" / "plan.json").write_text(json.dumps(plan))
    report = check(
        CheckRequest(
            root=tmp_path, plans=(tmp_path / "a" / "plan.json", tmp_path / "b" / "plan.json")
        )
    )
    doc = to_json(report)
    projects = {p["name"]: p for p in doc["projects"]}
    assert set(projects) == {"a/plan.json", "b/plan.json"}
    total = sum(float(p["monthly_delta"]) for p in projects.values())
    assert abs(total - float(doc["totals"]["monthly_delta"])) < 0.02
    assert "| Project |" in r.markdown(doc)


def _quantity_row(action: str, before: dict[str, str], after: dict[str, str]) -> dict[str, Any]:
    return {"action": action, "quantities_before": before, "quantities_after": after}


def test_quantities_show_before_and_after_for_an_update_and_one_side_otherwise() -> None:
    update = _quantity_row("update", {"replicas": "2", "vCPU": "1"}, {"replicas": "6", "vCPU": "1"})
    assert r.quantities(update) == "replicas 2 → 6, vCPU 1"
    assert r.quantities(_quantity_row("create", {}, {"GPU": "2"})) == "GPU 2"
    assert r.quantities(_quantity_row("delete", {"GiB": "500"}, {})) == "GiB 500"


def test_hostile_quantity_text_is_inert_in_the_comment(doc: dict[str, Any]) -> None:
    hostile = copy.deepcopy(doc)
    row = hostile["resources"][0]
    row["quantities_before"] = {"<img src=x>": "@alice [x](http://e)"}
    row["quantities_after"] = {"<img src=x>": "1"}
    text = r.markdown(hostile)
    assert "<img" not in text and "@alice" not in text and "](http" not in text


def test_a_saved_report_from_a_fork_cannot_inject_through_any_field(doc: dict[str, Any]) -> None:
    evil = copy.deepcopy(doc)
    hostile = "<img src=x>@admin[x](http://e.vil)"
    evil["catalogs"] = {hostile: hostile}
    evil["generator"] = hostile
    evil["findings"] = [
        {
            "policy": hostile,
            "severity": "warn",
            "address": hostile,
            "message": hostile,
            "file": hostile,
            "line": 3,
        }
    ]
    out = r.markdown(evil)
    assert "<img" not in out and "@admin" not in out and "](http" not in out


ROLE = 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "{}"\n}\n'
REMOTE = 'module "db" {\n  source  = "terraform-aws-modules/rds/aws"\n  version = "6.0.0"\n}\n'
AWS = 'provider "aws" {\n  region = "us-east-1"\n}\n'


def test_two_roots_with_the_same_addresses_name_their_project_and_unpriced_counts(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from finops_gate.cli import main

    (tmp_path / "base").mkdir()
    for root in ("examples/a", "examples/b"):
        (tmp_path / "head" / root).mkdir(parents=True)
        (tmp_path / "head" / root / "main.tf").write_text(AWS + ROLE + REMOTE)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    text = CliRunner().invoke(main, args).output
    md = CliRunner().invoke(main, [*args, "--format", "markdown"]).output
    # the same address in two roots: each row says which, never two identical lines
    for root in ("examples/a", "examples/b"):
        assert f"{root}: aws_iam_role.r" in text and f"{root}: module.db" in text
        assert f"{root}: aws\\_iam\\_role.r" in md
        assert f"Project {root}: $0.00 -> $0.00  ±$0.00 (1 not priced)" in text.splitlines()
    # only free resources priced, the database module not: never "$0.00 -> $0.00" as the total
    assert "Monthly cost: not counted (only free resources could be priced; see below)" in (
        text.splitlines()
    )
    assert "Monthly cost: $0.00" not in text
    assert md.startswith("### finops-gate: cost not counted")
    assert "(1 not priced) |" in md
