"""Report -> the typed report document (``report/document.py``) -> the versioned JSON report
(DESIGN.md contract, ``schema_version: "1"``).

Every output format renders the document, so ``finops-gate comment report.json`` (a document read
back from JSON) and ``check --format markdown`` print the same thing. Money is rounded here, once,
to decimal strings, never a float; ``null`` where a value is unknown, never ``"0"``.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, overload

from finops_gate import __version__
from finops_gate.model import (
    CURRENCY,
    HOURS_PER_MONTH,
    CostDelta,
    CurrencyUse,
    Finding,
    PricedLine,
    Report,
    ServiceCost,
    Severity,
    SideCost,
    Totals,
)
from finops_gate.report.document import (
    ApprovalRow,
    CatalogFileRow,
    Document,
    FindingRow,
    Line,
    ResourceRow,
    TotalsRow,
)

if TYPE_CHECKING:
    from finops_gate.report.assumptions import AssumptionRow
    from finops_gate.report.sections import ExchangeRate, ProjectRow, ServiceRow

SCHEMA_VERSION = "1"
_CENT = Decimal("0.01")
# the string escaping ``json`` itself uses with ensure_ascii=False (its C version)
_json_string: Any = json.encoder.encode_basestring
_PER_REQUEST = Decimal("0.00000001")


def money(value: Decimal | None) -> str | None:
    """A monthly amount, to the cent."""
    if value is None:
        return None
    # by value: equal amounts round alike (a large report repeats a few)
    text = _MONEY.get(value)
    if text is None:
        text = _plain(value.quantize(_CENT, rounding=ROUND_HALF_UP))
        if value.is_finite() and len(_MONEY) < _PLAIN_MAX:
            _MONEY[value] = text
    return text


def raw(value: Decimal | None) -> str | None:
    """An exact amount (unit prices, quantities, line costs): no rounding, no exponent."""
    return None if value is None else _plain(value)


def small(value: Decimal | None) -> str | None:
    """A per-request amount, to 1e-8 USD."""
    return None if value is None else _plain(value.quantize(_PER_REQUEST, rounding=ROUND_HALF_UP))


def _plain(value: Decimal) -> str:
    text = _PLAIN.get(value)  # equal amounts have one text: a large report repeats a few
    if text is None:
        text = format(value.normalize(), "f")
        text = "0" if text in ("-0", "0") else text
        if value.is_finite() and len(_PLAIN) < _PLAIN_MAX:
            _PLAIN[value] = text
    return text


# amount -> its text (unit prices, quantities and costs repeat across the rows of a report)
_PLAIN: dict[Decimal, str] = {}
_PLAIN_MAX = 100_000
_MONEY: dict[Decimal, str] = {}


def _line(line: PricedLine) -> Line:
    return Line(
        line.name,
        line.unit,
        raw(line.monthly_quantity),
        raw(line.unit_price),
        raw(line.monthly_cost),
        line.usage_key or None,
        line.reason or None,
    )


def _side_money(side: SideCost | None, attr: str) -> Decimal | None:
    return None if side is None else getattr(side, attr)


# a lines tuple -> its rows, for one document: a large plan prices the same few shapes, whose
# sides share one tuple of priced lines (``estimate.terraform``); each is rendered once. Keyed
# by identity, the tuple kept beside its rows (so the id stays its own while the cache lives).
_LineCache = dict[int, tuple[tuple[PricedLine, ...], tuple[Line, ...]]]


def _lines(lines: tuple[PricedLine, ...], cache: _LineCache | None) -> tuple[Line, ...]:
    if not lines:
        return ()
    if cache is None:
        return tuple([_line(x) for x in lines])
    hit = cache.get(id(lines))
    if hit is not None and hit[0] is lines:
        return hit[1]
    rows = tuple([_line(x) for x in lines])
    cache[id(lines)] = (lines, rows)
    return rows


def resource_row(
    d: CostDelta, cache: _LineCache | None = None, fields_cache: _FieldCache | None = None
) -> ResourceRow:
    """One resource of the document; what it is comes from the estimate's generic fields
    (``SideCost.identity``, per-request figures), never from its kind."""
    b, a = d.change.before, d.change.after
    current = a if a is not None else b
    assert current is not None
    # both sides priced on their own (not a no-op's one side, shared; priced sides may share
    # one value when their lines are the same: estimate/terraform.py)
    apart = d.before is not d.after or b is not a
    fields = _priced_fields(d, apart, cache, fields_cache)
    return ResourceRow(
        d.change.address,
        current.source,
        current.kind,
        str(d.change.action),
        fields[0],
        current.file,
        current.line,
        fields[1],
        fields[2],
        fields[3],
        fields[4],
        fields[5],
        fields[6],
        current.project,
        current.region,
        fields[7],  # (positional, in field order: a row per resource of a large report)
        fields[8],
        fields[9],
        b.address if b is not None and a is not None and b.address != a.address else None,
        fields[10],
        fields[11],
    )


# what a row shows of its two priced sides: (status, monthly before, after, delta, per request
# before, after, lines, reason, per_request_worst, identity, quantities, lines_before)
_Priced = tuple[Any, ...]


def _priced_fields(
    d: CostDelta, apart: bool, cache: _LineCache | None, fields_cache: _FieldCache | None
) -> _Priced:
    """The fields of a row that come from its priced sides alone: computed once per pair of
    sides (a large plan's sides are a few shared values, estimate/terraform.py) for one
    document; the sides are kept beside their entry, so their ids stay theirs."""
    before, after = d.before, d.after
    key = (id(before), id(after), apart)
    memo = fields_cache.get(key) if fields_cache is not None else None
    if memo is not None and memo[0] is before and memo[1] is after:
        return memo[2]
    shown = after if after is not None else before
    reason = (
        (after.reason if after is not None else None)
        or (before.reason if before is not None else None)
        or None
    )
    worst_b = None if before is None else before.per_request_worst
    worst_a = None if after is None else after.per_request_worst
    q_before = dict(before.quantities) if before is not None and before.quantities else {}
    q_after = dict(after.quantities) if after is not None and after.quantities else {}
    lines_before = None
    if before is not None and after is not None and apart and before.lines:
        lines_before = _lines(before.lines, cache)
    m_before = Decimal(0) if before is None else before.monthly
    m_after = Decimal(0) if after is None else after.monthly
    delta = None if m_before is None or m_after is None else m_after - m_before
    identity = (
        {
            key: (
                before.identity.get(key) if before is not None else None,
                after.identity.get(key) if after is not None else None,
            )
            for key in _identity_keys(d)
        }
        if (before is not None and before.identity) or (after is not None and after.identity)
        else {}
    )
    fields = (
        str(d.status),  # (a priced head over a base that could not be priced: the base's)
        money(m_before),
        money(m_after),
        money(delta),
        small(None if before is None else before.per_request),
        small(None if after is None else after.per_request),
        _lines(shown.lines, cache) if shown is not None else (),
        reason,
        (small(worst_b), small(worst_a)) if worst_b is not None or worst_a is not None else None,
        identity,
        (q_before, q_after) if q_before or q_after else None,
        lines_before,
    )
    if fields_cache is not None:
        fields_cache[key] = (before, after, fields)
    return fields


_FieldCache = dict[tuple[int, int, bool], tuple[SideCost | None, SideCost | None, _Priced]]


def resource(d: CostDelta) -> dict[str, Any]:
    """One resource as JSON."""
    return resource_row(d).to_json()


def _identity_keys(d: CostDelta) -> list[str]:
    """The identity keys either side reported (``SideCost.identity``), in order, once each."""
    sides = [side for side in (d.before, d.after) if side is not None]
    return list(dict.fromkeys(key for side in sides for key in side.identity))


def totals_row(t: Totals) -> TotalsRow:
    return TotalsRow(
        money(t.monthly_before),
        money(t.monthly_after),
        money(t.monthly_delta),
        money(t.delta_percent),
        t.unpriced,
        None if t.per_request_percent is None else money(t.per_request_percent),
    )


def document(report: Report) -> Document:
    """The typed document every output renders and every publisher posts."""
    return Document(
        generator=f"finops-gate {__version__}",
        currency=report.currency.code if report.currency is not None else CURRENCY,
        hours_per_month=int(HOURS_PER_MONTH),
        catalogs=dict(report.catalogs),
        as_of=report.as_of,
        catalog_files=tuple(
            CatalogFileRow(
                c.catalog,
                c.version,
                c.file,
                c.origin,
                c.sha256,
                tuple(c.sources),
                c.retrieved,
                c.price_date,
            )
            for c in report.catalog_files
        ),
        totals=totals_row(report.totals),
        resources=_rows(report.costs),
        findings=_finding_rows(report.findings),
        verdict=report.verdict,
        approval=ApprovalRow(
            required=report.approval.required,
            reasons=tuple(report.approval.reasons),
            approvers=tuple(report.approval.approvers),
            approved_by=tuple(report.approval.approved_by),
        ),
        assumptions=_assumptions(report),
        notes=tuple(report.notes),
        projects=_projects(report),
        services=None if report.services is None else tuple(service(s) for s in report.services),
        config=None if report.config is None else dict(report.config),
        exchange_rate=_exchange_rate(report.currency),
        totals_usd=None if report.currency is None else totals_row(report.currency.totals_usd),
    )


def _finding_rows(findings: Sequence[Finding]) -> Sequence[FindingRow]:
    """The findings' rows, each with its severity's own text, not a copy per finding (a whole
    tree has thousands); above ``LAZY_ROWS`` findings made when read (``FindingRows``)."""
    if len(findings) > LAZY_ROWS:
        return FindingRows(tuple(findings))
    return tuple(_finding_row(f) for f in findings)


def _finding_row(f: Finding) -> FindingRow:
    return FindingRow(f.policy, _severity_text(f.severity), f.address, f.message, f.file, f.line)


class FindingRows(Sequence[FindingRow]):
    """A large report's finding rows, each made from its finding when it is read: the JSON
    writer writes a finding from its fields (``fields``), without a row (a whole change has a
    finding per resource)."""

    __slots__ = ("_findings",)

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        self._findings = findings

    def __len__(self) -> int:
        return len(self._findings)

    def fields(self) -> Iterator[tuple[Any, ...]]:
        """Each row's fields in ``FindingRow``'s order, read in C (no row, no frame each)."""
        findings = self._findings
        return zip(
            map(_POLICY_OF, findings),
            map(_severity_text, map(_SEVERITY_OF, findings)),
            map(_ADDRESS_OF, findings),
            map(_MESSAGE_OF, findings),
            map(_FILE_OF, findings),
            map(_LINE_OF, findings),
            strict=True,
        )

    @overload
    def __getitem__(self, index: int) -> FindingRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[FindingRow, ...]: ...

    def __getitem__(self, index: int | slice) -> FindingRow | tuple[FindingRow, ...]:
        if isinstance(index, slice):
            return tuple(_finding_row(f) for f in self._findings[index])
        return _finding_row(self._findings[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (FindingRows, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"FindingRows({len(self)} findings)"


_POLICY_OF = operator.attrgetter("policy")
_SEVERITY_OF = operator.attrgetter("severity")
_ADDRESS_OF = operator.attrgetter("address")
_MESSAGE_OF = operator.attrgetter("message")
_FILE_OF = operator.attrgetter("file")
_LINE_OF = operator.attrgetter("line")


def _severity_text(severity: Severity) -> str:
    """``severity.value`` (the member's own text), by a dict: ``value`` is a Python property
    of the enum on 3.11, read for every finding of a large change."""
    text = _SEVERITY_TEXT.get(severity)
    return severity.value if text is None else text


_SEVERITY_TEXT = {s: s.value for s in Severity}


# the optional sections (report/sections.py), imported by a report that has them


def _assumptions(report: Report) -> tuple[AssumptionRow, ...]:
    if not report.assumptions:
        return ()
    from finops_gate.report.assumptions import AssumptionRow

    return tuple(AssumptionRow(a.subject, a.key, a.value, a.origin) for a in report.assumptions)


def _projects(report: Report) -> tuple[ProjectRow, ...] | None:
    if not report.projects:
        return None
    from finops_gate.report.sections import ProjectRow

    # a tree of small roots has thousands of projects of a few distinct totals: a row each
    alike: dict[TotalsRow, TotalsRow] = {}
    rows = []
    for p in report.projects:
        row = totals_row(p.totals)
        row = alike.setdefault(row, row) if len(alike) < _ALIKE_MAX else alike.get(row, row)
        rows.append(ProjectRow(p.name, row))
    return tuple(rows)


_ALIKE_MAX = 4096


# above this many resources a document's rows are made when read (``Rows``), not all at once
LAZY_ROWS = 1000


def _rows(costs: tuple[CostDelta, ...]) -> Sequence[ResourceRow]:
    if len(costs) > LAZY_ROWS:
        return Rows(costs)
    cache: _LineCache = {}
    fields: _FieldCache = {}
    return tuple([resource_row(d, cache, fields) for d in costs])


class Rows(Sequence[ResourceRow]):
    """A large report's resource rows, each made from its delta when it is read.

    A whole-tree check has a row for every resource of both trees: made all at once, the rows
    would sit beside the report they come from (the peak memory of the run). Read one at a time
    (the JSON writer streams them), a row lives as long as its text takes to write. Reading
    twice makes a row twice (the renderers read a few times; equal rows either way). The
    caches that let rows share what their deltas share are bounded: a plan's few shapes stay
    in them, a tree of resources that share nothing does not pile up there."""

    __slots__ = ("_costs", "_fields", "_lines")

    _BOUND = 1024

    def __init__(self, costs: tuple[CostDelta, ...]) -> None:
        self._costs = costs
        self._lines: _LineCache = {}
        self._fields: _FieldCache = {}

    def _row(self, d: CostDelta) -> ResourceRow:
        if len(self._fields) > self._BOUND:
            self._fields.clear()
        if len(self._lines) > self._BOUND:
            self._lines.clear()
        return resource_row(d, self._lines, self._fields)

    def __len__(self) -> int:
        return len(self._costs)

    def texts(self, row_text: Callable[[ResourceRow], str]) -> Iterator[str]:
        """Each row's ``row_text``, in order, with what rows share written once: a row's text
        is its address and the rest, and the rest comes from what the row shows of its sides
        (``_Shown``), its action, and what its resource says of itself (source, kind, file,
        line, project, region, base address), so rows that agree on all of those share it (a
        large plan's thousands of resources of a few shapes). The text of the first row of
        each key is made from its row; later ones reuse its rest. A row with a line of its
        own (a tree's resources) is made as it is: no key would repeat."""
        shared: dict[tuple[Any, ...], tuple[SideCost | None, SideCost | None, str]] = {}
        shown = _Shown()
        # the pair of sides a row shows, by the ids of its own pair (a large plan's rows have
        # a few pairs): the sides kept beside it, so the ids stay theirs while it lives
        pairs: dict[tuple[int, int], tuple[Any, ...]] = {}
        string = _json_string
        for d in self._costs:
            change = d.change
            b, a = change.before, change.after
            current = a if a is not None else b
            assert current is not None
            if current.line is not None or type(change.address) is not str:
                yield row_text(self._row(d))
                continue
            own_b, own_a = d.before, d.after
            pair = pairs.get((id(own_b), id(own_a)))
            if pair is None or pair[0] is not own_b or pair[1] is not own_a:
                if len(pairs) >= self._BOUND:
                    pairs.clear()
                pair = (own_b, own_a, shown[own_b], shown[own_a])
                pairs[(id(own_b), id(own_a))] = pair
            before, after = pair[2], pair[3]
            key = (
                id(before),
                id(after),
                own_b is not own_a or b is not a,
                change.action,
                current.source,
                current.kind,
                current.file,
                current.project,
                current.region,
                b.address if b is not None and a is not None and b.address != a.address else None,
            )
            hit = shared.get(key)
            if hit is not None and hit[0] is before and hit[1] is after:
                yield '{"address": ' + string(change.address) + hit[2]
                continue
            text = row_text(self._row(d))
            head = '{"address": ' + string(change.address)
            if text.startswith(head):
                if len(shared) >= self._BOUND:
                    shared.clear()
                # (the sides kept beside the entry: their ids stay theirs while it lives)
                shared[key] = (before, after, text[len(head) :])
            yield text

    @overload
    def __getitem__(self, index: int) -> ResourceRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[ResourceRow, ...]: ...

    def __getitem__(self, index: int | slice) -> ResourceRow | tuple[ResourceRow, ...]:
        if isinstance(index, slice):
            return tuple(self._row(d) for d in self._costs[index])
        return self._row(self._costs[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Rows, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Rows({len(self)} resources)"


class _Shown(dict[int, tuple[SideCost, SideCost]]):
    """A side -> the first side seen that a row shows alike (``_priced_fields`` reads its
    status, amounts, lines, reason, quantities and identity; not its assumptions, notes or
    catalog): the sides of resources that each carry an assumption of their own (an
    instance's AMI) are values of their own with the same lines. By identity first; sides
    with quantities or an identity stay themselves. Bounded: emptied when full."""

    _MAX = 4096

    def __init__(self) -> None:
        super().__init__()
        self._alike: dict[tuple[Any, ...], SideCost] = {}

    def __getitem__(self, side: SideCost | None) -> SideCost | None:  # type: ignore[override]
        if side is None:
            return None
        hit = self.get(id(side))
        if hit is not None and hit[0] is side:
            return hit[1]
        same = side
        if not side.identity and not side.quantities:
            alike = (
                id(side.lines),
                side.status,
                side.monthly,
                side.reason,
                side.per_request,
                side.per_request_worst,
            )
            found = self._alike.get(alike)
            if found is not None and found.lines is side.lines:
                same = found
            else:
                if len(self._alike) >= self._MAX:
                    self._alike.clear()
                self._alike[alike] = side
        if len(self) >= self._MAX:
            self.clear()
        self[id(side)] = (side, same)
        return same


def to_json(report: Report) -> dict[str, Any]:
    """The JSON report (the edge: ``document(report).to_json()``)."""
    return document(report).to_json()


def service(s: ServiceCost) -> ServiceRow:
    """Unit economics of one ``finops:service``: per request and per 1,000 requests."""
    from finops_gate.report.sections import ServiceRow

    thousand = Decimal(1000)
    return ServiceRow(
        service=s.service,
        requests_per_month=format(s.requests_per_month.normalize(), "f"),
        monthly_before=money(s.monthly_before),
        monthly_after=money(s.monthly_after),
        per_request_before=small(s.per_request_before),
        per_request_after=small(s.per_request_after),
        per_1000_before=small(s.per_request_before * thousand),
        per_1000_after=small(s.per_request_after * thousand),
        not_counted=s.not_counted,
    )


def _exchange_rate(used: CurrencyUse | None) -> ExchangeRate | None:
    if used is None:
        return None
    from finops_gate.report.sections import ExchangeRate

    rate = format(used.per_usd.quantize(Decimal("0.000001")).normalize(), "f")
    return ExchangeRate(used.code, rate, used.day, used.source)
