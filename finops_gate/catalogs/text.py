"""Plain-text and JSON views of ``pricing list | show | diff`` (cli.py prints them)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from finops_gate.catalogs.inspect import Diff, Listed, Move, Shown

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: object) -> str:
    """Catalog text (a team file is data): no escape sequences or control characters."""
    return _CONTROL.sub("?", str(text))


def columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    return [
        "  ".join(f"{plain(c):<{w}}" for c, w in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    ]


def listing_lines(items: Sequence[Listed]) -> list[str]:
    header = ["CATALOG", "VERSION", "IN FORCE", "FILE", "SOURCE", "REGIONS", "ENTRIES", "SHA256"]
    rows = [
        [
            i.file.catalog,
            i.file.version,
            "yes" if i.in_force else "",
            i.file.display,
            i.sources[0] if len(i.sources) == 1 else f"{len(i.sources)} sources",
            str(i.regions) if i.regions else "-",
            str(i.entries),
            i.sha256[:12],
        ]
        for i in items
    ]
    return columns(header, rows)


def listing_json(items: Sequence[Listed]) -> list[dict[str, Any]]:
    return [
        {
            "catalog": i.file.catalog,
            "version": i.file.version,
            "file": i.file.display,
            "origin": i.file.origin,
            "in_force": i.in_force,
            "sha256": i.sha256,
            "sources": list(i.sources),
            "retrieved": i.retrieved,
            "regions": i.regions,
            "entries": i.entries,
        }
        for i in items
    ]


def show_lines(s: Shown) -> list[str]:
    out = [f"{s.catalog} {s.key}" + (f": {s.description}" if s.description else "")]
    out.append(f"unit: {s.unit}")
    if s.source:
        d = s.source_detail
        facts = [str(d[k]) for k in ("title", "url") if d.get(k)]
        dates = [f"{k.replace('_', ' ')} {d[k]}" for k in ("price_date", "retrieved") if d.get(k)]
        out.append(
            f"source: {s.source}" + (f" ({'; '.join(facts + dates)})" if facts or dates else "")
        )
    out.append(f"from: {', '.join(s.files)}")
    out.extend(
        columns(
            ["REGION" if s.catalog != "llm" else "PRICE", "USD"], [[r, str(p)] for r, p in s.prices]
        )
    )
    return [plain(line) for line in out]


def show_json(s: Shown) -> dict[str, Any]:
    return {
        "catalog": s.catalog,
        "key": s.key,
        "unit": s.unit,
        "description": s.description,
        "source": s.source,
        "source_detail": dict(s.source_detail),
        "files": list(s.files),
        "prices": {r: str(p) for r, p in s.prices},
    }


def _pct(m: Move) -> str:
    pct = m.percent
    return "n/a" if pct is None else f"{'+' if pct > 0 else ''}{pct:.1f}%"


def _changed_row(m: Move) -> list[str]:
    return [m.key, m.region, f"{m.old} -> {m.new}", _pct(m)]


def diff_lines(d: Diff, *, limit: int | None = None) -> list[str]:
    out = [
        f"{d.old} -> {d.new}: {len(d.changed)} changed, {len(d.added)} added, "
        f"{len(d.removed)} removed, {d.unchanged} unchanged"
    ]
    sections: list[tuple[str, Sequence[Move], Callable[[Move], list[str]]]] = [
        ("Changed (largest moves first)", d.changed, _changed_row),
        ("Added", d.added, lambda m: [m.key, m.region, str(m.new), ""]),
        ("Removed", d.removed, lambda m: [m.key, m.region, str(m.old), ""]),
    ]
    for title, moves, row in sections:
        if not moves:
            continue
        shown = moves if limit is None else moves[:limit]
        out.append(f"{title}:")
        out.extend(
            "  " + line
            for line in columns(["KEY", "REGION", "USD", "MOVE"], [row(m) for m in shown])[1:]
        )
        if len(shown) < len(moves):
            out.append(f"  ... and {len(moves) - len(shown)} more")
    return [plain(line) for line in out]


def diff_json(d: Diff) -> dict[str, Any]:
    def move(m: Move) -> dict[str, Any]:
        pct = m.percent
        return {
            "key": m.key,
            "region": m.region,
            "old": None if m.old is None else str(m.old),
            "new": None if m.new is None else str(m.new),
            "percent": None if pct is None else f"{pct:.2f}",
        }

    return {
        "old": d.old,
        "new": d.new,
        "changed": [move(m) for m in d.changed],
        "added": [move(m) for m in d.added],
        "removed": [move(m) for m in d.removed],
        "unchanged": d.unchanged,
    }
