"""Report -> the typed report document (``report/document.py``) -> the versioned JSON report
(DESIGN.md contract, ``schema_version: "1"``).

Every output format renders the document, so ``finops-gate comment report.json`` (a document read
back from JSON) and ``check --format markdown`` print the same thing. Money is rounded here, once,
to decimal strings, never a float; ``null`` where a value is unknown, never ``"0"``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from finops_gate import __version__
from finops_gate.model import (
    CURRENCY,
    HOURS_PER_MONTH,
    CostDelta,
    CurrencyUse,
    PricedLine,
    Report,
    ServiceCost,
    SideCost,
    Totals,
)
from finops_gate.report.document import (
    ApprovalRow,
    AssumptionRow,
    CatalogFileRow,
    Document,
    ExchangeRate,
    FindingRow,
    Line,
    ProjectRow,
    ResourceRow,
    ServiceRow,
    TotalsRow,
)

SCHEMA_VERSION = "1"
_CENT = Decimal("0.01")
_PER_REQUEST = Decimal("0.00000001")


def money(value: Decimal | None) -> str | None:
    """A monthly amount, to the cent."""
    return None if value is None else _plain(value.quantize(_CENT, rounding=ROUND_HALF_UP))


def raw(value: Decimal | None) -> str | None:
    """An exact amount (unit prices, quantities, line costs): no rounding, no exponent."""
    return None if value is None else _plain(value)


def small(value: Decimal | None) -> str | None:
    """A per-request amount, to 1e-8 USD."""
    return None if value is None else _plain(value.quantize(_PER_REQUEST, rounding=ROUND_HALF_UP))


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


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


def resource_row(d: CostDelta) -> ResourceRow:
    """One resource of the document; what it is comes from the estimate's generic fields
    (``SideCost.identity``, per-request figures), never from its kind."""
    current = d.change.current
    shown = d.after if d.after is not None else d.before
    reason = next((s.reason for s in (d.after, d.before) if s is not None and s.reason), None)
    worst_b = _side_money(d.before, "per_request_worst")
    worst_a = _side_money(d.after, "per_request_worst")
    b, a = d.change.before, d.change.after
    q_before = dict(d.before.quantities) if d.before is not None else {}
    q_after = dict(d.after.quantities) if d.after is not None else {}
    lines_before = None
    if d.before is not None and d.after is not None and d.before is not d.after and d.before.lines:
        lines_before = tuple(_line(x) for x in d.before.lines)
    return ResourceRow(
        address=d.change.address,
        source=current.source,
        kind=current.kind,
        action=str(d.change.action),
        status=str(d.status),
        file=current.file,
        line=current.line,
        monthly_before=money(d.monthly_before),
        monthly_after=money(d.monthly_after),
        monthly_delta=money(d.monthly_delta),
        per_request_before=small(_side_money(d.before, "per_request")),
        per_request_after=small(_side_money(d.after, "per_request")),
        lines=tuple(_line(x) for x in (shown.lines if shown is not None else ())),
        project=current.project,
        region=current.region,
        reason=reason,
        per_request_worst=(
            (small(worst_b), small(worst_a)) if worst_b is not None or worst_a is not None else None
        ),
        identity={
            key: (
                d.before.identity.get(key) if d.before is not None else None,
                d.after.identity.get(key) if d.after is not None else None,
            )
            for key in _identity_keys(d)
        },
        moved_from=b.address
        if b is not None and a is not None and b.address != a.address
        else None,
        quantities=(q_before, q_after) if q_before or q_after else None,
        lines_before=lines_before,
    )


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
        resources=tuple(resource_row(d) for d in report.costs),
        findings=tuple(
            FindingRow(f.policy, str(f.severity), f.address, f.message, f.file, f.line)
            for f in report.findings
        ),
        verdict=report.verdict,
        approval=ApprovalRow(
            required=report.approval.required,
            reasons=tuple(report.approval.reasons),
            approvers=tuple(report.approval.approvers),
            approved_by=tuple(report.approval.approved_by),
        ),
        assumptions=tuple(
            AssumptionRow(a.subject, a.key, a.value, a.origin) for a in report.assumptions
        ),
        notes=tuple(report.notes),
        projects=(
            tuple(ProjectRow(p.name, totals_row(p.totals)) for p in report.projects)
            if report.projects
            else None
        ),
        services=None if report.services is None else tuple(service(s) for s in report.services),
        config=None if report.config is None else dict(report.config),
        exchange_rate=_exchange_rate(report.currency),
        totals_usd=None if report.currency is None else totals_row(report.currency.totals_usd),
    )


def to_json(report: Report) -> dict[str, Any]:
    """The JSON report (the edge: ``document(report).to_json()``)."""
    return document(report).to_json()


def service(s: ServiceCost) -> ServiceRow:
    """Unit economics of one ``finops:service``: per request and per 1,000 requests."""
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
    rate = format(used.per_usd.quantize(Decimal("0.000001")).normalize(), "f")
    return ExchangeRate(used.code, rate, used.day, used.source)
