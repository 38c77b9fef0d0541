"""The report document -> a terminal table or the Markdown PR/MR comment (jinja2 templates).

Both read the typed ``Document`` (``report.json.document`` of a fresh run, or a saved JSON report
read back with ``Document.from_json``), never the Report object, so a saved report renders
exactly as a fresh one. A JSON mapping given instead is read at the door (``Document.of``).
Untrusted text goes through the ``md``/``code`` filters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import jinja2

from finops_gate import money
from finops_gate.report import chart
from finops_gate.report.document import CatalogFileRow, Document, FindingRow, ResourceRow
from finops_gate.report.escape import code, md

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

VERDICT_TITLES = {
    "pass": "pass",
    "warn": "pass with warnings",
    "approval_required": "approval required",
    "fail": "blocked",
}


def usd(value: str | None, *, signed: bool = False, currency: str = "USD") -> str:
    """``"1234.5"`` -> ``$1,234.50`` (``€1,234.50`` in EUR); ``None`` -> ``n/a`` (never $0 for
    what is unknown)."""
    if value is None:
        return "n/a"
    return money.fmt(Decimal(value), currency, signed=signed)


@jinja2.pass_context
def _usd_in(ctx: Any, value: str | None, signed: bool = False) -> str:
    """``usd`` in the report's own currency (templates)."""
    return usd(value, signed=signed, currency=ctx.get("currency", "USD"))


@jinja2.pass_context
def _per_request_in(ctx: Any, value: str | None) -> str:
    return per_request(value, currency=ctx.get("currency", "USD"))


def _tiny(mag: Decimal) -> str:
    # per-request amounts: enough significant digits to compare two models
    return format(mag.normalize(), "f") if mag >= Decimal("0.000001") else f"{mag:.2E}"


def per_request(value: str | None, currency: str = "USD") -> str:
    if value is None:
        return "n/a"
    mag = Decimal(value)
    if mag >= 1:
        return money.fmt(mag, currency)
    return money.prefix(currency) + format(mag.quantize(Decimal("0.000001")).normalize(), "f")


def side_usd(r: ResourceRow, side: str, currency: str = "USD") -> str:
    """A side's monthly cost; "-" for the side that does not exist (create / delete)."""
    if (side == "before" and r.action == "create") or (side == "after" and r.action == "delete"):
        return "-"
    return usd(r.monthly_before if side == "before" else r.monthly_after, currency=currency)


_IDENT = re.compile(r"[a-z0-9][a-z0-9_.:-]*")


def ident(text: object) -> str:
    """A policy id or catalog name as written when it is one (``tags.allowed_values``), escaped
    otherwise: a saved report may come from a fork."""
    s = str(text)
    return s if _IDENT.fullmatch(s) and len(s) <= 100 else md(s)


def plain(text: object) -> str:
    """Untrusted text for a terminal: no escape sequences or control characters."""
    return _CONTROL.sub("?", str(text))


def pct(value: str | None) -> str:
    if value is None:
        return "n/a"
    amount = Decimal(value)
    return f"{'+' if amount > 0 else ''}{amount:.1f}%"


def per_request_headline(doc: Document, *, approval: bool = True) -> str | None:
    """``Projected cost increase: +500% per request. Approval required from an engineering
    lead.`` when a cost per request rises (a model switch), whatever the monthly figures say."""
    rise = doc.totals.per_request_increase_percent
    if rise is None:
        return None
    amount = Decimal(rise).quantize(Decimal("0.1"))
    text = f"Projected cost increase: +{str(amount).removesuffix('.0')}% per request."
    state = doc.approval
    if approval and state.required and not state.approved_by:
        who = ", ".join(state.approvers) if state.approvers else "an engineering lead"
        text += f" Approval required from {who}."
    return text


def change_pct(before: str | None, after: str | None) -> str:
    if before is None or after is None:
        return "n/a"
    b, a = Decimal(before), Decimal(after)
    if b == 0:
        return "new" if a > 0 else "±0%"
    return pct(str((a - b) * 100 / b))


def qty(value: str | None) -> str:
    if value is None:
        return "depends on usage"
    amount = Decimal(value)
    return (
        f"{amount.normalize():,f}"
        if amount == amount.to_integral()
        else f"{amount:,.4f}".rstrip("0")
    )


def quantities(r: ResourceRow | Mapping[str, Any]) -> str:
    """``"replicas 2 → 6, vCPU 1.2 → 3.6"``: what a resource reserves, before and after."""
    row = r if isinstance(r, ResourceRow) else ResourceRow.from_json(r)
    before, after = row.quantities_before, row.quantities_after
    parts = []
    for key in dict.fromkeys([*before, *after]):
        b, a = before.get(key, "-"), after.get(key, "-")
        if row.action == "create" or b == a:
            parts.append(f"{key} {a}")
        elif row.action == "delete":
            parts.append(f"{key} {b}")
        else:
            parts.append(f"{key} {b} → {a}")
    return ", ".join(parts)


@jinja2.pass_context
def _side_usd_in(ctx: Any, r: ResourceRow, side: str) -> str:
    return side_usd(r, side, currency=ctx.get("currency", "USD"))


def catalog_line(c: CatalogFileRow) -> str:
    """One catalog file a report priced from: ``aws 2026-11-01: pricing/aws/2026-11-01.json
    (sha256 5ce61c06f270; 36 sources, retrieved 2026-11-22)``. Unescaped: callers escape."""
    facts = [f"sha256 {c.sha256[:12]}"]
    if len(c.sources) == 1:
        facts.append(f"source {c.sources[0]}")
    elif c.sources:
        facts.append(f"{len(c.sources)} sources")
    if c.price_date:
        facts.append(f"prices of {c.price_date}")
    if c.retrieved:
        facts.append(f"retrieved {c.retrieved}")
    return f"{c.catalog} {c.version}: {c.file} ({'; '.join(facts)})"


@functools.cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("finops_gate.report", "templates"),
        autoescape=False,  # Markdown, not HTML: escaping is explicit through md/code
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md,
        ident=ident,
        code=code,
        usd=_usd_in,
        pct=pct,
        qty=qty,
        per_request=_per_request_in,
        plain=plain,
    )
    env.globals.update(
        usd=_usd_in,
        side_usd=_side_usd_in,
        change_pct=change_pct,
        per_request_headline=per_request_headline,
        verdict_titles=VERDICT_TITLES,
        quantities=quantities,
        catalog_line=catalog_line,
        mermaid_chart=chart.mermaid,
    )
    return env


def _context(doc: Document) -> dict[str, Any]:
    resources = doc.resources
    changed = [r for r in resources if r.action != "no-op"]
    not_counted = [
        r
        for r in resources
        if r.status in ("unpriced", "unsupported", "usage_unknown") or r.monthly_delta is None
    ]
    findings: dict[str, list[FindingRow]] = {}
    for f in doc.findings:
        findings.setdefault(f.policy, []).append(f)
    return {
        "doc": doc,
        "currency": report_currency(doc),
        "fx": _fx(doc),
        "t": doc.totals,
        "changed": changed,
        "unchanged_count": sum(
            1 for r in resources if r.action == "no-op" and r.monthly_delta is not None
        ),
        "not_counted": not_counted,
        # something changed and none of it could be priced: "not counted", never $0.00 -> $0.00
        "nothing_counted": bool(resources) and len(not_counted) == len(resources),
        "findings_by_policy": findings,
    }


def report_currency(doc: Document) -> str:
    """The report's currency code; anything but three letters (a hostile saved report) is USD."""
    code = doc.currency
    return code if re.fullmatch(r"[A-Z]{3}", code) else "USD"


def _fx(doc: Document) -> str | None:
    """``Amounts in EUR at the ECB reference rate of 2026-10-30 (1 USD = 0.895095 EUR)``."""
    fx = doc.exchange_rate
    if report_currency(doc) == "USD" or fx is None:
        return None
    usd_delta = doc.totals_usd.monthly_delta if doc.totals_usd is not None else None
    usd_text = f"; in USD {usd(usd_delta, signed=True)}/month" if usd_delta is not None else ""
    return plain(
        f"Amounts in {report_currency(doc)} at the reference rate of {fx.date} "
        f"(1 USD = {fx.rate} {report_currency(doc)}; {fx.source}){usd_text}"
    )


def markdown(
    doc: Document | Mapping[str, Any],
    *,
    max_resources: int | None = None,
    approve_hint: str | None = None,
) -> str:
    """The PR/MR comment body. ``max_resources`` trims the resource list (comment size limits);
    ``approve_hint`` (trusted Markdown from a publisher) says how to approve on that platform."""
    ctx = _context(Document.of(doc))
    ctx["approve_hint"] = approve_hint
    hidden = 0
    if max_resources is not None and len(ctx["changed"]) > max_resources:
        hidden = len(ctx["changed"]) - max_resources
        ctx["changed"] = ctx["changed"][:max_resources]
    ctx["hidden"] = hidden
    # a comment is read in seconds: per policy the first MAX_FINDINGS_SHOWN (failures first),
    # then "N more"; the table, the JSON and the job summary keep them all
    more: dict[str, int] = {}
    shown: dict[str, list[FindingRow]] = {}
    for policy, items in ctx["findings_by_policy"].items():
        ranked = sorted(items, key=lambda f: _SEVERITY_RANK.get(f.severity, 9))
        shown[policy] = ranked[:MAX_FINDINGS_SHOWN]
        if len(ranked) > MAX_FINDINGS_SHOWN:
            more[policy] = len(ranked) - MAX_FINDINGS_SHOWN
    ctx["findings_by_policy"], ctx["findings_more"] = shown, more
    return _env().get_template("comment.md.j2").render(ctx)


MAX_FINDINGS_SHOWN = 25
_SEVERITY_RANK = {"fail": 0, "warn": 1, "info": 2}


def table(doc: Document | Mapping[str, Any]) -> str:
    """The terminal table."""
    ctx = _context(Document.of(doc))
    rows = []
    for r in ctx["changed"]:
        rows.append(
            [
                plain(r.address),
                r.action,
                r.status.replace("_", " "),
                side_usd(r, "before", ctx["currency"]),
                side_usd(r, "after", ctx["currency"]),
                usd(r.monthly_delta, signed=True, currency=ctx["currency"]),
            ]
        )
    header = ["RESOURCE", "ACTION", "STATUS", "BEFORE", "AFTER", "DELTA"]
    widths = (
        [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)] if rows else []
    )
    widths = [min(w, 70) for w in widths]

    def fmt(cells: list[str]) -> str:
        # the address is never cut (two long addresses would look like one); a longer one
        # pushes its row to the right
        left = [f"{cells[0]:<{widths[0]}}"]
        left += [f"{c[:w]:<{w}}" for c, w in zip(cells[1:3], widths[1:3], strict=True)]
        right = [f"{c:>{w}}" for c, w in zip(cells[3:], widths[3:], strict=True)]
        return "  ".join(left + right).rstrip()

    lines = [fmt(header)] if rows else []
    for cells, r in zip(rows, ctx["changed"], strict=True):
        lines.append(fmt(cells))
        if r.quantities_before or r.quantities_after:
            lines.append("    " + plain(quantities(r)))
    ctx["lines"] = lines
    return _env().get_template("table.txt.j2").render(ctx)
