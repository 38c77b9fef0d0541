"""The typed report document: built from a Report, written to JSON and read back unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from finops_gate import app
from finops_gate.model import Verdict
from finops_gate.report.document import Document, ResourceRow
from finops_gate.report.json import document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _fresh(request: app.CheckRequest) -> Document:
    return document(app.check(request))


CASES = {
    "plan": app.CheckRequest(
        root=EXAMPLES / "terraform-plan", plans=(EXAMPLES / "terraform-plan" / "plan.json",)
    ),
    "models": app.CheckRequest(
        base=EXAMPLES / "model-switch" / "base", head=EXAMPLES / "model-switch" / "head"
    ),
    "kubernetes": app.CheckRequest(
        base=EXAMPLES / "kubernetes" / "base", head=EXAMPLES / "kubernetes" / "head"
    ),
    "eur": app.CheckRequest(
        root=EXAMPLES / "terraform-plan",
        plans=(EXAMPLES / "terraform-plan" / "plan.json",),
        options={"currency": "EUR"},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_document_read_back_from_its_json_is_the_same_document(name: str) -> None:
    doc = _fresh(CASES[name])
    text = json.dumps(doc.to_json(), indent=2)
    again = Document.from_json(json.loads(text))
    assert again == doc
    assert json.dumps(again.to_json(), indent=2) == text


def test_model_settings_carry_their_models_as_an_identity_not_a_kind() -> None:
    doc = _fresh(CASES["models"])
    rows = [r for r in doc.resources if r.identity]
    assert rows and all(set(r.identity) == {"model"} for r in rows)
    switched = [r for r in rows if r.identity["model"][0] != r.identity["model"][1]]
    assert switched, "the example switches a model"


def test_fields_of_a_newer_version_are_kept_on_the_way_through() -> None:
    raw = _fresh(CASES["plan"]).to_json()
    raw["future_field"] = {"x": 1}
    raw["resources"][0]["future_row_field"] = [1, 2]
    again = Document.from_json(raw).to_json()
    assert again["future_field"] == {"x": 1}
    assert again["resources"][0]["future_row_field"] == [1, 2]
    assert again == raw


def test_a_hostile_report_is_read_into_plain_values_without_a_crash() -> None:
    hostile: dict[str, Any] = {
        "verdict": "maybe",
        "totals": ["not", "an", "object"],
        "resources": [
            "not a row",
            {
                "address": "x",
                "action": "create",
                "status": "priced",
                "line": True,
                "quantities_before": ["a"],
                "quantities_after": {"vCPU": 2},
                "lines": [{"name": "n", "unit": "u", "monthly_cost": 5}, 7],
            },
        ],
        "findings": [{"severity": "fail", "message": None, "line": "12"}],
        "approval": {"required": "yes", "approved_by": [1, "bob"]},
        "catalogs": ["aws"],
    }
    doc = Document.from_json(hostile)
    assert doc.verdict is Verdict.FAIL  # an unreadable verdict fails closed
    assert doc.totals.monthly_delta is None and doc.totals.not_counted == 0
    (row,) = doc.resources
    assert row.line is None and row.quantities == ({}, {"vCPU": "2"})
    assert [(x.name, x.monthly_cost) for x in row.lines] == [("n", "5")]
    assert doc.findings[0].line is None and doc.findings[0].message == ""
    assert doc.approval.required is False and doc.approval.approved_by == ("1", "bob")
    assert doc.catalogs == {}


def test_a_pair_of_before_and_after_fields_it_does_not_know_is_an_identity() -> None:
    row = ResourceRow.from_json(
        {
            "address": "a",
            "action": "update",
            "status": "priced",
            "image_before": "web:1",
            "image_after": "web:2",
            "lonely_before": "kept as it came",
        }
    )
    assert row.identity == {"image": ("web:1", "web:2")}
    assert row.extra == {"lonely_before": "kept as it came"}


def test_a_saved_report_renders_exactly_like_the_fresh_document(tmp_path: Path) -> None:
    from finops_gate.report.render import markdown, table

    fresh = _fresh(CASES["models"])
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(fresh.to_json()), encoding="utf-8")
    loaded = app.load_report(saved)
    assert markdown(loaded) == markdown(fresh)
    assert table(loaded) == table(fresh)
