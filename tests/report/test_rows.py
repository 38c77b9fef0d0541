"""A large report's rows are made when read (report/json.py ``Rows``): the same rows and the
same JSON as rows made all at once, without holding every row beside the report."""

from __future__ import annotations

import io
import json
import tracemalloc
from decimal import Decimal

from finops_gate.model import (
    Action,
    CostDelta,
    PricedLine,
    Report,
    Resource,
    ResourceChange,
    SideCost,
    Status,
    Totals,
)
from finops_gate.report.json import document, resource_row
from finops_gate.report.json_write import write_compact

SHARED = SideCost(
    Status.PRICED,
    Decimal("73"),
    (PricedLine("Instance usage", "hours", Decimal(730), Decimal("0.1"), Decimal(73)),),
)


def _side(i: int) -> SideCost:
    """A side of its own (the lines, quantities and identity of one resource only)."""
    if i % 3 == 0:
        return SHARED  # a plan's few shapes: one value many rows share
    cost = Decimal(i) / 100
    line = PricedLine(f"CPU ({i} vCPU)", "vCPU-hours", Decimal(730 * i), cost / 730, cost)
    return SideCost(
        Status.PRICED,
        cost,
        (line,),
        quantities={"vCPU": str(i)},
        identity={"image": f"web:{i}"} if i % 2 else {},
    )


def _report(n: int) -> Report:
    costs = []
    for i in range(n):
        r = Resource(f"Deployment/ns/web{i}", "kubernetes", "Deployment", "kubernetes")
        r = Resource(r.address, r.source, r.kind, r.provider, file=f"k8s/web{i}.yaml", line=1)
        costs.append(
            CostDelta(ResourceChange(r.address, Action.UPDATE, r, r), _side(i), _side(i + 1))
        )
    zero = Decimal(0)
    return Report({}, Totals(zero, zero, zero, None), tuple(costs))


def test_a_large_report_s_rows_are_the_rows_of_its_deltas_however_read() -> None:
    report = _report(3000)  # past the rows' caches' bound: they are emptied on the way
    expected = tuple(resource_row(d) for d in report.costs)  # no cache shared between rows
    rows = document(report).resources
    assert len(rows) == 3000
    assert tuple(rows) == expected and tuple(rows) == expected  # read twice
    assert rows == expected and expected == rows
    assert rows[0] == expected[0] and rows[-1] == expected[-1] and rows[5:9] == expected[5:9]


def test_a_large_report_s_json_is_the_json_of_its_rows() -> None:
    report = _report(1500)
    doc = document(report)
    out = io.StringIO()
    write_compact(doc, out)
    written = json.loads(out.getvalue())
    assert written["resources"] == [resource_row(d).to_json() for d in report.costs]


def test_making_a_large_report_s_document_does_not_hold_a_row_per_resource() -> None:
    report = _report(20_000)
    tracemalloc.start()
    try:
        doc = document(report)
        held, _ = tracemalloc.get_traced_memory()
        rows = sum(1 for _ in doc.resources)
    finally:
        tracemalloc.stop()
    assert rows == 20_000
    # every row at once is over 10 MB here (a row, its lines, money and quantities)
    assert held < 1_000_000, held


def _plan_report() -> Report:
    """Plan rows (no line): sides shared, sides alike but each its own value (an assumption
    of their own), sides that differ in one field the row shows, moves, actions, regions."""
    from dataclasses import replace

    from finops_gate.model import Assumption

    costs = []
    for i in range(3000):
        address = f'module.m["k{i % 7}"].aws_instance.web[{i}]'
        region = ("us-east-1", "eu-west-1", "us-west-2")[i % 3]
        kind = ("aws_instance", "aws_ebs_volume")[i % 5 == 0]
        r = Resource(
            address,
            ("terraform", "cdk")[i % 19 == 0],
            kind,
            "aws",
            region,
            file=f"plan{i % 17 == 0}.json",
            project=f"p{i % 7 == 0}",
        )
        own = replace(SHARED, assumptions=(Assumption(address, "operating_system", "Linux", "x"),))
        after = (
            SHARED,
            own,
            replace(SHARED, reason="r"),
            replace(SHARED, monthly=Decimal("73.00")),
            replace(SHARED, per_request=Decimal(i % 3)),
            replace(SHARED, per_request_worst=Decimal(1)),
            replace(SHARED, lines=SHARED.lines[:0]),
            replace(SHARED, quantities={"vCPU": str(i % 4)}),
            replace(SHARED, identity={"ami": f"ami-{i % 5}"}),
            replace(SHARED, status=Status.USAGE_UNKNOWN),
            _side(i),
        )[i % 11]
        before_r = replace(r, address=f"aws_instance.old{i}") if i % 13 == 0 else r
        action = (Action.UPDATE, Action.CREATE, Action.DELETE, Action.REPLACE)[i % 4]
        if action is Action.CREATE:
            change, sides = ResourceChange(address, action, None, r), (None, after)
        elif action is Action.DELETE:
            change, sides = ResourceChange(address, action, before_r, None), (after, None)
        else:
            change, sides = ResourceChange(address, action, before_r, r), (own, after)
        costs.append(CostDelta(change, *sides))
    zero = Decimal(0)
    return Report({}, Totals(zero, zero, zero, None), tuple(costs))


def test_plan_rows_that_share_what_they_show_are_written_as_each_row_alone() -> None:
    from finops_gate.report.json_write import row_text

    report = _plan_report()
    rows = document(report).resources
    texts = list(rows.texts(row_text))  # type: ignore[attr-defined]
    assert texts == [row_text(resource_row(d)) for d in report.costs]
    out = io.StringIO()
    write_compact(document(report), out)
    written = json.loads(out.getvalue())
    assert written["resources"] == [resource_row(d).to_json() for d in report.costs]
