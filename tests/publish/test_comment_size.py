"""A very large change fits one comment on both platforms (GitHub 65,536 characters, GitLab
1,000,000): the biggest changes first, a note pointing at the full report, and the Markdown
stays whole — never cut inside a table row, a table, a ``<details>`` element or a code fence."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finops_gate.publish import github as gh
from finops_gate.publish import gitlab as gl
from finops_gate.publish.comment import Marker, comment_body
from finops_gate.report.render import TRUNCATED, _largest_fitting, fit_markdown
from tests.publish import test_github, test_gitlab
from tests.publish.fake_github import FakeGitHub
from tests.publish.fake_gitlab import FakeGitLab
from tests.publish.reports import doc

T0 = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
MARKER = Marker("default", "a" * 40, T0, T0)
LONG = "module.platform_services_" + "x" * 180


def _huge(resources: int, *, unpriced_every: int = 7) -> dict[str, Any]:
    """Thousands of resources with long addresses, cost lines, unpriced ones, assumptions,
    notes and findings: every list the comment renders is long."""
    d = doc(resources=resources)
    for i, r in enumerate(d["resources"]):
        r["address"] = f"{LONG}.aws_instance.web_{i:05d}"
        r["monthly_after"] = r["monthly_delta"] = f"{i % 997}.25"
        r["lines"] = [
            {"name": f"Instance usage (Linux, on-demand, m5.{i % 9}xlarge)", "unit": "hours",
             "monthly_quantity": "730", "unit_price": "0.192", "monthly_cost": "140.16"},
        ]  # fmt: skip
        if i % unpriced_every == 0:
            r.update(status="unpriced", monthly_after=None, monthly_delta=None, lines=[])
            r["reason"] = "no price for m5.unknown in us-east-1 " + "y" * 100
    d["resources"][1234 % resources]["monthly_delta"] = "99999.99"
    d["resources"][1234 % resources]["monthly_after"] = "99999.99"
    d["findings"] = [
        {"policy": "tags.required", "severity": "warn", "address": r["address"],
         "message": "missing tags finops:team, finops:service", "file": "plan.json", "line": None}
        for r in d["resources"]
    ]  # fmt: skip
    d["assumptions"] = [
        {"subject": r["address"], "key": "hours", "value": "730", "origin": "default"}
        for r in d["resources"]
    ]
    d["notes"] = [f"skipped vendor/{i}/{'z' * 80}.tf" for i in range(resources)]
    d["projects"] = [
        {"name": f"stacks/{i:04d}/{'p' * 60}", "monthly_before": "1.00", "monthly_after": "2.00",
         "monthly_delta": "1.00"}
        for i in range(resources // 2)
    ]  # fmt: skip
    return d


def assert_whole_markdown(body: str) -> None:
    """Every table row complete, every table separated from what follows, every element and
    fence closed."""
    assert body.count("<details") == body.count("</details>")
    assert body.count("```") % 2 == 0
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("|"):
            assert line.rstrip().endswith("|"), f"row cut: {line[-80:]!r}"
            following = lines[i + 1] if i + 1 < len(lines) else ""
            assert following.startswith("|") or not following.strip(), "table not closed"
    assert "\u2026 report truncated" not in body or body.rstrip().endswith("/ artifact")


def _resource_rows(body: str) -> list[str]:
    return [line for line in body.split("\n") if line.startswith("| ") and " | create | " in line]


@pytest.mark.parametrize("resources", [3000, 20_000])
def test_a_huge_change_fits_a_github_comment(fake_github: FakeGitHub, resources: int) -> None:
    test_github.publisher(fake_github).publish(_huge(resources, unpriced_every=500))
    [body] = test_github.bodies(fake_github)
    assert len(body) <= gh.MAX_BODY
    assert_whole_markdown(body)
    assert re.search(
        r"\d+ more resources — full report in the job summary / artifact \(the biggest", body
    )
    rows = _resource_rows(body)
    assert rows, "the biggest changes are listed, not dropped"
    # the unknown ones first (they are the risk), then the largest delta
    assert "(unpriced)" in rows[0]
    priced = [r for r in rows if "(unpriced)" not in r]
    assert "99,999.99" in priced[0]


def test_a_huge_change_fits_a_gitlab_note_at_gitlabs_own_limit(fake_gitlab: FakeGitLab) -> None:
    p = test_gitlab.publisher(fake_gitlab)
    assert p.publisher.comment_limit == gl.MAX_BODY == 1_000_000
    p.publish(_huge(5_000))
    body = str(fake_gitlab.state.notes[0]["body"])
    assert len(body) <= gl.MAX_BODY
    assert_whole_markdown(body)
    assert "more resources — full report in the job summary / artifact (the biggest" in body
    assert len(_resource_rows(body)) > 500  # a million characters hold far more than GitHub's


@pytest.mark.parametrize("limit", [gh.MAX_BODY, gl.MAX_BODY])
def test_hostile_text_that_fills_the_comment_on_its_own_is_cut_between_blocks(
    limit: int,
) -> None:
    # even with no resource rows left, the approval reasons alone exceed the limit
    d = _huge(50)
    d["approval"]["reasons"] = [f"reason {i}: " + "<details> | `" * 3000 for i in range(200)]
    body = comment_body(d, MARKER, limit=limit)
    assert len(body) <= limit
    assert body.startswith(MARKER.line())
    assert_whole_markdown(body)
    if len(comment_body(d, MARKER, limit=10**9)) > limit:
        assert body.rstrip().endswith(TRUNCATED)


def test_fit_markdown_never_cuts_inside_a_details_element_or_a_table() -> None:
    table = "| a | b |\n|---|---|\n" + "".join(f"| {i} | x |\n" for i in range(50))
    details = "<details><summary>s</summary>\n\n" + table + "\n</details>\n"
    text = "# head\n\nintro\n\n" + details + "\n" + table + "\ntail\n"
    for limit in range(len(TRUNCATED) + 3, len(text), 37):
        out = fit_markdown(text, limit)
        assert len(out) <= limit
        assert_whole_markdown(out)
    assert fit_markdown(text, len(text)) == text


@given(
    st.integers(min_value=0, max_value=400),
    st.lists(st.integers(min_value=0, max_value=5000), min_size=400, max_size=400),
    st.integers(min_value=0, max_value=10**6),
)
def test_the_search_finds_the_largest_count_that_fits(
    base: int, growth: list[int], limit: int
) -> None:
    # any growth, even hostile rows of wildly different lengths: the exact answer
    sizes = [base]
    for g in growth:
        sizes.append(sizes[-1] + g)
    most = len(growth)
    want = max((n for n in range(most + 1) if sizes[n] <= limit), default=0)
    assert _largest_fitting(lambda n: sizes[n], most, limit) == want


def test_the_job_summary_stays_within_githubs_step_summary_limit(tmp_path: Path) -> None:
    # GitHub drops a step summary over 1 MiB whole: the summary keeps the biggest changes, in
    # UTF-8 bytes (addresses with multi-byte characters count as what they are)
    from finops_gate.app import STEP_SUMMARY_BYTES, _job_summary
    from finops_gate.ci import PullRequestContext

    d = _huge(5_000, unpriced_every=500)
    for r in d["resources"]:
        r["address"] = r["address"].replace("x", "\u00e9\u4e2d")
    summary = tmp_path / "summary.md"
    _job_summary(d, PullRequestContext(platform="github", summary_path=summary))
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode()) <= STEP_SUMMARY_BYTES + 1
    assert_whole_markdown(text)
    assert "more resources — full report in the job summary / artifact" in text
