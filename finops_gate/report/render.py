"""The report document -> a terminal table or the Markdown PR/MR comment (jinja2 templates).

Both read the typed ``Document`` (``report.json.document`` of a fresh run, or a saved JSON report
read back with ``Document.from_json``), never the Report object, so a saved report renders
exactly as a fresh one. A JSON mapping given instead is read at the door (``Document.of``).
Untrusted text goes through the ``md``/``code`` filters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import jinja2

from finops_gate import money
from finops_gate.report import chart
from finops_gate.report.document import CatalogFileRow, Document, FindingRow, ResourceRow
from finops_gate.report.escape import code, md
from finops_gate.report.loader import Loader

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
def _rate_in(ctx: Any, value: str | None) -> str:
    """A unit price in the report's currency, to its last digit (``money.rate``)."""
    return "n/a" if value is None else money.rate(Decimal(value), ctx.get("currency", "USD"))


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
        # each template from the module compiled from it ahead while that is current
        # (report/loader.py), else from its source
        loader=Loader(),
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
        rate=_rate_in,
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
        if r.status in ("unpriced", "unsupported", "usage_unknown", "self_hosted")
        or r.monthly_delta is None
    ]
    findings: dict[str, list[FindingRow]] = {}
    for f in doc.findings:
        findings.setdefault(f.policy, []).append(f)
    # only free resources (IAM roles, parameter groups...) priced while others are not: $0.00
    # would read as "this change costs nothing", so it is "not counted" too
    outside = {id(r) for r in not_counted}
    only_free = bool(not_counted) and all(
        r.status == "free" for r in resources if id(r) not in outside
    )
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
        "nothing_counted": bool(resources) and (len(not_counted) == len(resources) or only_free),
        "nothing_counted_why": (
            "only free resources could be priced"
            if len(not_counted) < len(resources)
            else "nothing in this change could be priced"
        ),
        "findings_by_policy": findings,
        # several projects (roots, plans) may hold the same address: rows name their project
        "label": _project_label if doc.projects is not None else _address,
    }


def _address(r: ResourceRow) -> str:
    return r.address


def _project_label(r: ResourceRow) -> str:
    return f"{r.project}: {r.address}" if r.project else r.address


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
    doc = Document.of(doc)
    ctx = _context(doc)
    ctx["approve_hint"] = approve_hint
    ctx["hidden"] = 0
    ctx["not_counted_total"] = len(ctx["not_counted"])
    if max_resources is not None and len(ctx["changed"]) > max_resources:
        # trimmed to fit a comment: the biggest changes stay (unknown ones first: they are the
        # risk), listed biggest first; the rest are counted and point at the full report
        ranked = sorted(ctx["changed"], key=_change_size)
        ctx["hidden"] = len(ranked) - max_resources
        ctx["changed"] = ranked[:max_resources]
    lists = {
        "not_counted": ctx["not_counted"],
        "projects": doc.projects,
        "assumptions": doc.assumptions,
        "notes": doc.notes,
    }
    for name, items in lists.items():
        # the other long lists shrink with the resource list, each saying how many it left out
        ctx[name], ctx[f"{name}_hidden"] = items, 0
        if max_resources is not None and items is not None and len(items) > max_resources:
            ctx[name], ctx[f"{name}_hidden"] = items[:max_resources], len(items) - max_resources
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
TRUNCATED = "… report truncated to fit the comment — full report in the job summary / artifact"


def _change_size(r: ResourceRow) -> tuple[int, Decimal]:
    """Sort key: unknown deltas first, then by the size of the monthly change, largest first."""
    if r.monthly_delta is None:
        return (0, Decimal(0))
    try:
        delta = Decimal(r.monthly_delta)
    except ArithmeticError:
        return (0, Decimal(0))
    return (1, -abs(delta)) if delta.is_finite() else (0, Decimal(0))


def fit_markdown(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a block boundary — a blank line outside
    any table, ``<details>`` element or code fence — followed by a note pointing at the full
    report; never mid-row, mid-table or inside an open HTML element."""
    if len(text) <= limit:
        return text
    tail = f"\n\n{TRUNCATED}\n"
    budget = limit - len(tail)
    cut, pos, depth, fence = 0, 0, 0, False
    for line in text.split("\n"):
        end = pos + len(line)
        if end > budget:
            break
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = not fence
        elif not fence:
            depth += stripped.count("<details") - stripped.count("</details>")
            if not stripped and depth == 0:
                cut = pos  # a blank line at the top level: everything before it is whole
        pos = end + 1
    return text[:cut].rstrip("\n") + tail if cut else TRUNCATED + "\n"


_SEVERITY_RANK = {"fail": 0, "warn": 1, "info": 2}


def table(doc: Document | Mapping[str, Any]) -> str:
    """The terminal table."""
    ctx = _context(Document.of(doc))
    rows = []
    for r in ctx["changed"]:
        rows.append(
            [
                plain(ctx["label"](r)),
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


def markdown_within(
    doc: Document | Mapping[str, Any],
    limit: int,
    *,
    approve_hint: str | None = None,
    measure: Callable[[str], int] = len,
) -> str:
    """The Markdown report within ``limit`` (as ``measure`` counts: characters for a comment,
    UTF-8 bytes for a job summary): the biggest changes kept and the rest counted ("N more
    resources — full report in the job summary / artifact"); as a last resort cut between
    Markdown blocks (``fit_markdown``), never inside a table or an HTML element."""

    doc = Document.of(doc)

    def build(max_resources: int | None) -> str:
        return markdown(doc, max_resources=max_resources, approve_hint=approve_hint)

    total = sum(1 for r in doc.resources if r.action != "no-op")
    if total <= _PROBE:
        body = build(None)
        if measure(body) <= limit:
            return body
    # each resource shown costs at least one table row of MIN_ROW characters: never render more
    # than that many (a report of 20,000 resources is not rendered whole to learn it is too big)
    most = min(total, limit // MIN_ROW)
    lo = _largest_fitting(lambda n: measure(build(n)), most, limit)
    body = build(None if lo == total else lo)
    if measure(body) <= limit:
        return body
    # even without resources it is too long (hostile reasons, huge notes)
    text = fit_markdown(body, limit)
    while measure(text) > limit and limit > 0:  # multi-byte text: cut by characters again
        limit -= max(1, measure(text) - limit)
        text = fit_markdown(body, limit)
    return text


MIN_ROW = 30  # characters of the shortest resource row: | `a` | create | - | $0.00 | +$0.00 |
_PROBE = 64


def _largest_fitting(size: Callable[[int], int], most: int, limit: int) -> int:
    """The largest n in [0, most] with size(n) <= limit (0 when none fits), for a size that
    grows with n. Secant steps (rows are about the same length, so a render or two lands close;
    the first one extrapolates from a small probe, never from the full report) alternate with
    bisection steps (hostile rows of very different lengths still take O(log n) renders)."""
    sizes: dict[int, int] = {}

    def at(n: int) -> int:
        if n not in sizes:
            sizes[n] = size(n)
        return sizes[n]

    if at(0) > limit:
        return 0
    lo, hi, step = 0, most, 0
    while lo < hi:
        step += 1
        mid = (lo + hi + 1) // 2
        if step % 2:
            above = [n for n in sizes if n > lo]
            ref = min(above) if above else min(hi, lo + _PROBE)
            start, grew = lo, at(ref) - at(lo)
            if ref <= hi and at(ref) <= limit:
                lo = ref  # the probe fits: extrapolate beyond it
                if lo == hi:
                    break
            if grew > 0:
                guess = start + (ref - start) * (limit - at(start)) // grew
                mid = min(max(guess, lo + 1), hi)
        if at(mid) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo
