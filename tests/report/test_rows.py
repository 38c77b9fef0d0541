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
