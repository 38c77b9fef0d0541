"""The comment and status text: marker, trimmed body, one-line status description."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from finops_gate.publish import comment as c
from finops_gate.publish.comment import Marker, parse_marker
from tests.publish.reports import doc

T0 = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)


def test_truncation_says_how_many_resources_were_left_out() -> None:
    body = c.comment_body(doc(resources=300), Marker("default", "a" * 40, T0, T0), limit=8000)
    shown = body.count("aws\\_instance.web")
    assert len(body) <= 8000
    assert f"{300 - shown} more resources" in body


def test_marker_round_trips_and_only_the_first_line_counts() -> None:
    m = Marker("infra-prod", "a" * 40, T0, T0 - timedelta(minutes=3))
    assert parse_marker(m.line() + "\nrest") == m
    assert parse_marker("hello\n" + m.line()) is None
    assert parse_marker("<!-- finops-gate key=x head=zz time=t since=t -->") is None


def test_comment_key_is_safe_for_the_marker() -> None:
    assert c.comment_key("./infra/prod") == "infra-prod"
    assert c.comment_key("a b-->c") == "a-b---c"
    assert c.comment_key(".") == "default"


def test_status_description_is_one_short_line() -> None:
    d = doc()
    d["totals"]["not_counted"] = 2
    assert c.status_description(d) == "+$513.00/month, approval required; 2 not priced"
    d["verdict"], d["approval"]["approved_by"] = "pass", ["alice"]
    assert c.status_description(d).startswith("+$513.00/month, approved by alice")
    d["approval"]["approved_by"] = ["x" * 200]
    assert len(c.status_description(d)) == 140
