"""A picture of the change for the PR/MR comment: a Mermaid ``xychart-beta`` that GitHub and
GitLab render natively, monthly cost before (line) and after (bars) per project, per service, or
per resource. Omitted when there is fewer than two priced things to compare.

Names come from the change (a fork's report included): labels keep a small safe alphabet and a
bounded length, so nothing can leave the quoted label or the code block.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from finops_gate.report.document import Document

MAX_BARS = 10
MAX_LABEL = 28
_UNSAFE = re.compile(r"[^A-Za-z0-9 _./:+()-]")


def _label(text: object, seen: set[str]) -> str:
    label = _UNSAFE.sub("_", str(text).replace("[", "(").replace("]", ")")).strip() or "_"
    if len(label) > MAX_LABEL:  # the end of an address tells resources apart: keep it
        label = "~" + label[-(MAX_LABEL - 1) :]
    base, n = label, 2
    while label in seen:
        suffix = f" #{n}"
        label = base[-(MAX_LABEL - len(suffix)) :] + suffix
        n += 1
    seen.add(label)
    return label


def _amount(value: object) -> Decimal | None:
    if not isinstance(value, str):
        return None
    try:
        amount = Decimal(value)
    except ArithmeticError:
        return None
    return amount if amount.is_finite() and amount >= 0 else None


def _rows(doc: Document) -> tuple[str, list[tuple[object, Decimal, Decimal]]]:
    """What to chart: projects, else services, else resources; only both-sides-known rows."""
    candidates: list[tuple[str, list[tuple[str, str | None, str | None]]]] = [
        ("project", [(p.name, p.monthly_before, p.monthly_after) for p in doc.projects or ()]),
        ("service", [(s.service, s.monthly_before, s.monthly_after) for s in doc.services or ()]),
        ("resource", [(r.address, r.monthly_before, r.monthly_after) for r in doc.resources]),
    ]
    for kind, items in candidates:
        rows: list[tuple[object, Decimal, Decimal]] = []
        for name, b, a in items:
            before, after = _amount(b), _amount(a)
            if before is None or after is None or (before == after == 0):
                continue
            rows.append((name, before, after))
        if len(rows) >= 2:
            rows.sort(key=lambda row: abs(row[2] - row[1]), reverse=True)
            return kind, rows[:MAX_BARS]
    return "", []


def mermaid(doc: Document | Mapping[str, Any]) -> str | None:
    """The chart's Mermaid source, or ``None`` when there is nothing worth a picture."""
    doc = Document.of(doc)
    kind, rows = _rows(doc)
    if not rows:
        return None
    seen: set[str] = set()
    labels = ", ".join(f'"{_label(name, seen)}"' for name, _, _ in rows)
    top = max(max(b, a) for _, b, a in rows)
    # to_integral_value, not quantize: a hostile saved report's 30-digit amount has more
    # digits than the context's precision, which quantize refuses (InvalidOperation)
    ceiling = max(Decimal(1), top * Decimal("1.1")).to_integral_value(rounding=ROUND_HALF_EVEN)
    currency = doc.currency if doc.currency in ("USD", "EUR", "GBP") else "USD"
    before = ", ".join(f"{b:.2f}" for _, b, _ in rows)
    after = ", ".join(f"{a:.2f}" for _, _, a in rows)
    return "\n".join(
        [
            "xychart-beta",
            f'    title "Monthly cost per {kind} ({currency}): bars after, line before"',
            f"    x-axis [{labels}]",
            f'    y-axis "{currency} per month" 0 --> {ceiling}',
            f"    bar [{after}]",
            f"    line [{before}]",
        ]
    )
