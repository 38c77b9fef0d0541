"""The comment and status text every publisher posts: a hidden marker on the first line, the
rendered report trimmed to the platform's size limit, how to approve, and a one-line status.

The marker finds the bot's comment again and orders runs: it stamps the head SHA the report is
for, the time of the run, and since when a report for that head has been shown:
``<!-- finops-gate key=default head=<sha> time=<iso> since=<iso> -->``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from finops_gate.report.document import Document

APPROVE_COMMAND = "/finops-gate approve"
STATUS_DESCRIPTION_MAX = 140
_MARKER = re.compile(
    r"^<!-- finops-gate key=(?P<key>[A-Za-z0-9._-]+) head=(?P<head>[0-9a-f]{7,64}) "
    r"time=(?P<time>\S+) since=(?P<since>\S+) -->$"
)
_KEY = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True, slots=True)
class Marker:
    """The hidden marker of a gate's comment: its key, the head and when it was made."""

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
    doc: Document | Mapping[str, Any],
    marker: Marker,
    *,
    limit: int,
    approve_hint: str | None = None,
) -> str:
    """Marker + the rendered report + how to approve on the platform (``approve_hint``, trusted
    Markdown from the publisher), within ``limit`` characters (``render.markdown_within``: the
    biggest changes kept, "N more resources — full report in the job summary / artifact")."""
    from finops_gate.report.render import markdown_within

    head = f"{marker.line()}\n"
    return head + markdown_within(Document.of(doc), limit - len(head), approve_hint=approve_hint)


def status_state(doc: Document | Mapping[str, Any]) -> str:
    return "failure" if Document.of(doc).verdict.blocks else "success"


def status_description(doc: Document | Mapping[str, Any]) -> str:
    """One line: ``+$513/month, approval required``."""
    from finops_gate.report.render import (
        VERDICT_TITLES,
        per_request_headline,
        report_currency,
        usd,
    )

    doc = Document.of(doc)
    delta = doc.totals.monthly_delta
    verdict = str(doc.verdict)
    title = VERDICT_TITLES.get(verdict, verdict)
    approved = doc.approval.approved_by
    if approved and verdict in ("pass", "warn"):
        title = f"approved by {', '.join(approved)}"
    monthly = usd(delta, signed=True, currency=report_currency(doc))
    text = f"{monthly}/month, {title}"
    headline = per_request_headline(doc)
    if headline is not None:
        text = f"{headline} {monthly}/month, {title}"
    not_counted = doc.totals.not_counted
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
