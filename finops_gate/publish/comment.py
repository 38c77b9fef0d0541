"""The comment and status text every publisher posts: a hidden marker on the first line, the
rendered report trimmed to the platform's size limit, how to approve, and a one-line status.

The marker finds the bot's comment again and orders runs: it stamps the head SHA the report is
for, the time of the run, and since when a report for that head has been shown:
``<!-- finops-gate key=default head=<sha> time=<iso> since=<iso> -->``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from finops_gate.model import Verdict

APPROVE_COMMAND = "/finops-gate approve"
STATUS_DESCRIPTION_MAX = 140
MIN_ROW = 30  # characters of the shortest resource row: | `a` | create | - | $0.00 | +$0.00 |
_MARKER = re.compile(
    r"^<!-- finops-gate key=(?P<key>[A-Za-z0-9._-]+) head=(?P<head>[0-9a-f]{7,64}) "
    r"time=(?P<time>\S+) since=(?P<since>\S+) -->$"
)
_KEY = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True, slots=True)
class Marker:
    key: str
    head: str
    time: datetime
    since: datetime

    def line(self) -> str:
        return (
            f"<!-- finops-gate key={self.key} head={self.head} "
            f"time={iso(self.time)} since={iso(self.since)} -->"
        )


def parse_marker(body: str | None) -> Marker | None:
    """The marker of a finops-gate comment, from its first line only."""
    first = (body or "").split("\n", 1)[0].rstrip("\r")
    m = _MARKER.match(first)
    if m is None:
        return None
    try:
        time, since = parse_time(m["time"]), parse_time(m["since"])
    except ValueError:
        return None
    return Marker(m["key"], m["head"], time, since)


def comment_key(text: str) -> str:
    """A marker key from a free string (e.g. the working directory), safe for the marker."""
    return _KEY.sub("-", text.strip("./") or "default")[:60] or "default"


def comment_body(
    doc: dict[str, Any], marker: Marker, *, limit: int, approve_hint: str | None = None
) -> str:
    """Marker + the rendered report + how to approve on the platform (``approve_hint``, trusted
    Markdown from the publisher); trimmed to ``limit`` characters by keeping the biggest changes
    ("N more resources — full report in the job summary / artifact"), and as
    a last resort cut between Markdown blocks (``render.fit_markdown``)."""
    from finops_gate.report.render import markdown

    def build(max_resources: int | None) -> str:
        text = markdown(doc, max_resources=max_resources, approve_hint=approve_hint)
        return f"{marker.line()}\n{text}"

    total = sum(1 for r in doc.get("resources", []) if r.get("action") != "no-op")
    # each resource shown costs at least one table row of MIN_ROW characters: never render more
    # than that many (a report of 20,000 resources is not rendered whole to learn it is too big)
    most = min(total, limit // MIN_ROW)
    if total <= _PROBE:
        body = build(None)
        if len(body) <= limit:
            return body
    lo = _largest_fitting(lambda n: len(build(n)), most, limit)
    body = build(None if lo == total else lo)
    if len(body) <= limit:
        return body
    # even without resources it is too long (hostile reasons, huge notes): cut between blocks,
    # never inside a table or an HTML element, with a note pointing at the full report
    from finops_gate.report.render import fit_markdown

    head = f"{marker.line()}\n"
    return head + fit_markdown(body[len(head) :], limit - len(head))


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


_PROBE = 64


def status_state(doc: dict[str, Any]) -> str:
    return "failure" if Verdict(str(doc.get("verdict", "fail"))).blocks else "success"


def status_description(doc: dict[str, Any]) -> str:
    """One line: ``+$513/month, approval required``."""
    from finops_gate.report.render import (
        VERDICT_TITLES,
        per_request_headline,
        report_currency,
        usd,
    )

    delta = (doc.get("totals") or {}).get("monthly_delta")
    verdict = str(doc.get("verdict", "pass"))
    title = VERDICT_TITLES.get(verdict, verdict)
    approved = (doc.get("approval") or {}).get("approved_by") or []
    if approved and verdict in ("pass", "warn"):
        title = f"approved by {', '.join(approved)}"
    monthly = usd(delta, signed=True, currency=report_currency(doc))
    text = f"{monthly}/month, {title}"
    headline = per_request_headline(doc)
    if headline is not None:
        text = f"{headline} {monthly}/month, {title}"
    not_counted = (doc.get("totals") or {}).get("not_counted") or 0
    if not_counted:
        text += f"; {not_counted} not priced"
    return _one_line(text, STATUS_DESCRIPTION_MAX)


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def iso(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str) -> datetime:
    return aware(datetime.fromisoformat(text.replace("Z", "+00:00")))


def aware(t: datetime) -> datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)
