"""Report -> the versioned JSON document (DESIGN.md contract, ``schema_version: "1"``).

Every output format renders this document, so ``finops-gate comment report.json`` and
``check --format markdown`` print the same thing. Money is a decimal string, never a float;
``null`` where a value is unknown, never ``"0"``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from finops_gate import __version__
from finops_gate.model import (
    CURRENCY,
    HOURS_PER_MONTH,
    CostDelta,
    PricedLine,
    Report,
    ServiceCost,
    SideCost,
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


def _line(line: PricedLine) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": line.name,
        "unit": line.unit,
        "monthly_quantity": raw(line.monthly_quantity),
        "unit_price": raw(line.unit_price),
        "monthly_cost": raw(line.monthly_cost),
    }
    if line.usage_key:
        out["usage_key"] = line.usage_key
    if line.reason:
        out["reason"] = line.reason
    return out


def _side_money(side: SideCost | None, attr: str) -> Decimal | None:
    return None if side is None else getattr(side, attr)


def resource(d: CostDelta) -> dict[str, Any]:
    current = d.change.current
    shown = d.after if d.after is not None else d.before
    reason = next((s.reason for s in (d.after, d.before) if s is not None and s.reason), None)
    out: dict[str, Any] = {
        "address": d.change.address,
        "source": current.source,
        "kind": current.kind,
        "action": str(d.change.action),
        "status": str(d.status),
        "file": current.file,
        "line": current.line,
        "monthly_before": money(d.monthly_before),
        "monthly_after": money(d.monthly_after),
        "monthly_delta": money(d.monthly_delta),
        "per_request_before": small(_side_money(d.before, "per_request")),
        "per_request_after": small(_side_money(d.after, "per_request")),
        "lines": [_line(x) for x in (shown.lines if shown is not None else ())],
        "project": current.project,
        "region": current.region,
        "reason": reason,
    }
    worst_b, worst_a = (
        _side_money(d.before, "per_request_worst"),
        _side_money(d.after, "per_request_worst"),
    )
    if worst_b is not None or worst_a is not None:
        out["per_request_worst_before"] = small(worst_b)
        out["per_request_worst_after"] = small(worst_a)
    for key in _identity_keys(d):
        out[f"{key}_before"] = d.before.identity.get(key) if d.before is not None else None
        out[f"{key}_after"] = d.after.identity.get(key) if d.after is not None else None
    b, a = d.change.before, d.change.after
    if b is not None and a is not None and b.address != a.address:
        out["moved_from"] = b.address
    q_before = dict(d.before.quantities) if d.before is not None else {}
    q_after = dict(d.after.quantities) if d.after is not None else {}
    if q_before or q_after:
        out["quantities_before"] = q_before
        out["quantities_after"] = q_after
    if d.before is not None and d.after is not None and d.before is not d.after and d.before.lines:
        out["lines_before"] = [_line(x) for x in d.before.lines]
    return out


def _identity_keys(d: CostDelta) -> list[str]:
    """The identity keys either side reported (``SideCost.identity``), in order, once each."""
    sides = [side for side in (d.before, d.after) if side is not None]
    return list(dict.fromkeys(key for side in sides for key in side.identity))


def to_json(report: Report) -> dict[str, Any]:
    t = report.totals
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generator": f"finops-gate {__version__}",
        "currency": CURRENCY,
        "hours_per_month": int(HOURS_PER_MONTH),
        "catalogs": dict(report.catalogs),
        "as_of": report.as_of,
        "catalog_files": [
            {
                "catalog": c.catalog,
                "version": c.version,
                "file": c.file,
                "origin": c.origin,
                "sha256": c.sha256,
                "sources": list(c.sources),
                "retrieved": c.retrieved,
                "price_date": c.price_date,
            }
            for c in report.catalog_files
        ],
        "totals": {
            "monthly_before": money(t.monthly_before),
            "monthly_after": money(t.monthly_after),
            "monthly_delta": money(t.monthly_delta),
            "delta_percent": money(t.delta_percent),
            "not_counted": t.unpriced,
        },
        "resources": [resource(d) for d in report.costs],
        "findings": [
            {
                "policy": f.policy,
                "severity": str(f.severity),
                "address": f.address,
                "message": f.message,
                "file": f.file,
                "line": f.line,
            }
            for f in report.findings
        ],
        "verdict": str(report.verdict),
        "approval": {
            "required": report.approval.required,
            "reasons": list(report.approval.reasons),
            "approvers": list(report.approval.approvers),
            "approved_by": list(report.approval.approved_by),
        },
        "assumptions": [
            {"subject": a.subject, "key": a.key, "value": a.value, "origin": a.origin}
            for a in report.assumptions
        ],
        "notes": list(report.notes),
    }
    if t.per_request_percent is not None:
        doc["totals"]["per_request_increase_percent"] = money(t.per_request_percent)
    if report.projects:
        doc["projects"] = [
            {
                "name": p.name,
                "monthly_before": money(p.totals.monthly_before),
                "monthly_after": money(p.totals.monthly_after),
                "monthly_delta": money(p.totals.monthly_delta),
                "delta_percent": money(p.totals.delta_percent),
                "not_counted": p.totals.unpriced,
            }
            for p in report.projects
        ]
    if report.services is not None:
        doc["services"] = [service(s) for s in report.services]
    if report.config is not None:
        doc["config"] = dict(report.config)
    doc.update(report.extra)
    return doc


def service(s: ServiceCost) -> dict[str, Any]:
    """Unit economics of one ``finops:service``: per request and per 1,000 requests."""
    thousand = Decimal(1000)
    return {
        "service": s.service,
        "requests_per_month": format(s.requests_per_month.normalize(), "f"),
        "monthly_before": money(s.monthly_before),
        "monthly_after": money(s.monthly_after),
        "per_request_before": small(s.per_request_before),
        "per_request_after": small(s.per_request_after),
        "per_1000_before": small(s.per_request_before * thousand),
        "per_1000_after": small(s.per_request_after * thousand),
        "not_counted": s.not_counted,
    }
