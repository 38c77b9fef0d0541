"""A large report is written row by row (report/json_write.py): the same bytes as the rows'
``to_json`` encoded by ``json``, for every field a row has."""

from __future__ import annotations

import dataclasses
import io
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from finops_gate.model import Verdict
from finops_gate.report.document import Document, Line, ResourceRow, TotalsRow
from finops_gate.report.json_write import row_text, write_compact

_TRICKY = 'q"uote\\back\nnew\tline \x01 é ☃ \u2028 😀 </script>'
_LINES = (
    Line("Instance usage", "hours", "730", "0.1", "73"),
    Line(_TRICKY, "GB", None, "0.08", None, "storage_gb", "depends on usage"),
)


def _value(field: dataclasses.Field[Any]) -> Any:
    """A value for every field of a row, none of them the default (a new field fails here
    until the writer and this test know it)."""
    by_name: dict[str, Any] = {
        "line": 12,
        "lines": _LINES,
        "lines_before": _LINES[:1],
        "per_request_worst": ("0.00000001", None),
        "identity": {"model": ("gpt-4o-mini", _TRICKY), "size": (None, "large")},
        "quantities": ({"vCPU": "2", _TRICKY: "1"}, {}),
        "extra": {},
    }
    if field.name in by_name:
        return by_name[field.name]
    assert field.type in ("str", "str | None"), f"the test does not know {field.name}"
    return f"{field.name} {_TRICKY}"


def _full() -> ResourceRow:
    return ResourceRow(**{f.name: _value(f) for f in dataclasses.fields(ResourceRow)})


def _same(row: ResourceRow) -> None:
    assert row_text(row) == json.dumps(row.to_json(), ensure_ascii=False)


def test_a_row_with_every_field_set_is_written_as_to_json_writes_it() -> None:
    _same(_full())


def test_a_row_with_each_field_at_its_default_is_written_as_to_json_writes_it() -> None:
    full = _full()
    for f in dataclasses.fields(ResourceRow):
        if f.default is not dataclasses.MISSING:
            _same(dataclasses.replace(full, **{f.name: f.default}))
        elif f.default_factory is not dataclasses.MISSING:
            _same(dataclasses.replace(full, **{f.name: f.default_factory()}))


def test_fields_of_a_newer_version_and_identities_named_like_fields_keep_to_json_s_say() -> None:
    full = _full()
    _same(dataclasses.replace(full, extra={"address": "replaced", "new_field": [1, 2.5, True]}))
    _same(dataclasses.replace(full, identity={"monthly": ("a", "b"), "model": ("c", None)}))


_text = st.none() | st.text(max_size=20)


@given(
    address=st.text(max_size=30),
    strings=st.lists(_text, min_size=13, max_size=13),
    line=st.none() | st.integers(),
    moved=_text,
)
def test_any_row_is_written_as_to_json_writes_it(
    address: str, strings: list[str | None], line: int | None, moved: str | None
) -> None:
    source, kind, action, status, file, *money, project, region, reason = strings
    _same(
        ResourceRow(
            address,
            source or "",
            kind or "",
            action or "",
            status or "",
            file,
            line,
            *money,
            _LINES,
            project,
            region,
            reason,
            moved_from=moved,
        )
    )


def test_a_large_document_is_the_document_s_json() -> None:
    rows = tuple(
        dataclasses.replace(_full(), address=f"aws_instance.web[{i}]", lines=_LINES)
        for i in range(5)
    )
    doc = Document(
        generator="finops-gate test",
        currency="USD",
        hours_per_month=730,
        catalogs={"aws": "2026-12-01"},
        totals=TotalsRow("1", "2", "1", "100", 0),
        resources=rows,
        verdict=Verdict.PASS,
    )
    out = io.StringIO()
    write_compact(doc, out)
    assert json.loads(out.getvalue()) == doc.to_json()
    for row in rows:
        assert json.dumps(row.to_json(), ensure_ascii=False) in out.getvalue()


def test_the_findings_of_a_large_document_are_written_one_by_one_as_its_json() -> None:
    from finops_gate.report.document import FindingRow

    findings = (
        *(
            FindingRow("tags.required", "warn", f"aws_instance.web[{i}]", _TRICKY, "main.tf", i)
            for i in range(3)
        ),
        FindingRow("budgets", "fail", None, "over", None, None),
    )
    doc = Document(
        generator="finops-gate test",
        currency="USD",
        hours_per_month=730,
        catalogs={"aws": "2026-12-01"},
        totals=TotalsRow("1", "2", "1", "100", 0),
        resources=(_full(),),
        findings=findings,
        verdict=Verdict.FAIL,
        notes=('"resources": [], "findings": []',),
    )
    out = io.StringIO()
    write_compact(doc, out)
    assert json.loads(out.getvalue()) == doc.to_json()


def test_the_projects_and_assumptions_of_a_large_document_are_written_one_by_one() -> None:
    from finops_gate.report.sections import AssumptionRow, ProjectRow

    projects = tuple(
        ProjectRow(f"infra/{_TRICKY}/stack{i}", TotalsRow(str(i), "2", "1", None, i))
        for i in range(4)
    )
    doc = Document(
        generator="finops-gate test",
        currency="USD",
        hours_per_month=730,
        catalogs={"aws": "2026-12-01"},
        totals=TotalsRow("1", "2", "1", "100", 0),
        resources=(_full(),),
        verdict=Verdict.PASS,
        notes=('"projects": []', '"assumptions": []', '"resources": [], "findings": []'),
        assumptions=tuple(
            AssumptionRow(f"aws_instance.app{i}", "operating_system", _TRICKY, "default")
            for i in range(3)
        ),
        projects=projects,
        config={"path": ".finops-gate.yml", "projects": []},
    )
    for one in (
        doc,
        dataclasses.replace(doc, assumptions=()),
        dataclasses.replace(doc, extra={"projects": ["from a newer version"]}),
    ):
        out = io.StringIO()
        write_compact(one, out)
        assert json.loads(out.getvalue()) == one.to_json()
        # separated as json.dumps separates them: the same text
        assert out.getvalue().endswith(json.dumps(one.to_json(), ensure_ascii=False)[-400:] + "\n")


@given(
    policy=st.text(max_size=20),
    severity=st.text(max_size=8),
    address=_text,
    message=st.text(max_size=40),
    file=_text,
    line=st.none() | st.integers(),
)
def test_any_finding_is_written_as_to_json_writes_it(
    policy: str,
    severity: str,
    address: str | None,
    message: str,
    file: str | None,
    line: int | None,
) -> None:
    from finops_gate.report.document import FindingRow
    from finops_gate.report.json_write import finding_text

    finding = FindingRow(policy, severity, address, message, file, line)
    assert finding_text(finding) == json.dumps(finding.to_json(), ensure_ascii=False)
    for odd in (True, 2.5):  # not what a check makes: still the same text
        other = dataclasses.replace(finding, line=odd)  # type: ignore[arg-type]
        assert finding_text(other) == json.dumps(other.to_json(), ensure_ascii=False)


@given(
    findings=st.lists(
        st.tuples(
            st.sampled_from(["tags.required", "budgets"]),
            st.sampled_from(["warn", "fail"]),
            _text,
            st.sampled_from(["missing tag a", 'say "b"\n']),
            st.sampled_from([None, "main.tf", "plan.json"]),
            st.none() | st.integers(0, 3),
        ),
        max_size=30,
    )
)
def test_findings_written_by_one_writer_share_what_is_around_their_address(
    findings: list[tuple[str, str, str | None, str, str | None, int | None]],
) -> None:
    """One writer makes what is around the address once per policy, severity, message, file
    and line: every finding still reads as its own to_json."""
    from finops_gate.report.document import FindingRow
    from finops_gate.report.json_write import _Writer

    writer = _Writer()
    for policy, severity, address, message, file, line in findings:
        finding = FindingRow(policy, severity, address, message, file, line)
        assert writer.finding(finding) == json.dumps(finding.to_json(), ensure_ascii=False)
    # a field of another type that hashes alike (True == 1) is not mistaken for the other
    one, true = (
        FindingRow("p", "warn", "a", "m", None, 1),
        FindingRow("p", "warn", "a", "m", None, True),
    )  # type: ignore[arg-type]
    assert writer.finding(one) == json.dumps(one.to_json(), ensure_ascii=False)
    assert writer.finding(true) == json.dumps(true.to_json(), ensure_ascii=False)


def test_the_writer_keeps_nothing_per_resource_of_a_tree() -> None:
    """A whole tree's resources and findings each have a file and a root module of their own:
    the texts the writer keeps to reuse are what repeats (kinds, statuses, messages), not one
    per resource (a tree of thousands of files would hold all their names to hit none)."""
    from finops_gate.report.document import FindingRow
    from finops_gate.report.json_write import _Writer

    writer = _Writer()
    for i in range(3000):
        file = f"infra/stack{i:05d}/main.tf"
        row = dataclasses.replace(
            _full(), address=f"aws_instance.app{i}", file=file, project=file[:-8], extra={}
        )
        assert writer.row(row) == json.dumps(row.to_json(), ensure_ascii=False)
        finding = FindingRow("tags.required", "warn", row.address, "missing tags", file, 5)
        assert writer.finding(finding) == json.dumps(finding.to_json(), ensure_ascii=False)
    kept = [*writer._strings, *writer._findings]
    assert len(kept) < 50
    assert not any("stack" in str(k) for k in kept)


@given(subject=_text, key=_text, value=_text, origin=_text)
def test_any_assumption_is_written_as_to_json_writes_it(
    subject: str, key: str, value: str, origin: str
) -> None:
    """An assumption of four strings is written directly (a whole tree has one per resource
    with a default): the text json.dumps writes of its to_json, as for any other entry."""
    from finops_gate.report.json_write import _Writer
    from finops_gate.report.sections import AssumptionRow

    writer = _Writer()
    for row in (
        AssumptionRow(subject, key, value, origin),
        AssumptionRow(subject, key, None, origin),  # type: ignore[arg-type]  # (not as read)
    ):
        assert writer.item(row) == json.dumps(row.to_json(), ensure_ascii=False)


def test_a_large_reports_findings_are_the_rows_a_small_ones_are() -> None:
    """From LAZY_ROWS findings the document makes their rows by frozen.maker: the same rows,
    written the same way."""
    from decimal import Decimal

    from finops_gate.model import Finding, Report, Severity, Totals
    from finops_gate.report.document import FindingRow
    from finops_gate.report.json import LAZY_ROWS, document

    findings = tuple(
        Finding("tags.required", (Severity.WARN, Severity.FAIL)[i % 2], f"missing {i % 3}",
                f"aws_instance.r{i}", "plan.json" if i % 2 else None, i if i % 5 else None)
        for i in range(LAZY_ROWS + 1)
    )  # fmt: skip
    zero = Decimal(0)
    report = Report({}, Totals(zero, zero, zero, None), (), findings=findings)
    rows = document(report).findings
    assert rows == tuple(
        FindingRow(f.policy, f.severity.value, f.address, f.message, f.file, f.line)
        for f in findings
    )
    assert {type(r) for r in rows} == {FindingRow}
    small = document(dataclasses.replace(report, findings=findings[:2])).findings
    assert rows[:2] == small
