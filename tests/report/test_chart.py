"""The Mermaid chart in the comment: present when there is something to compare, bounded, and
inert whatever the names say."""

from __future__ import annotations

import re
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.report import chart
from tests.conftest import EXAMPLES


def res(address: str, before: str | None, after: str | None) -> dict[str, Any]:
    return {"address": address, "monthly_before": before, "monthly_after": after}


def test_projects_are_charted_before_and_after_largest_change_first() -> None:
    doc = {
        "projects": [
            {"name": "infra/api", "monthly_before": "100", "monthly_after": "150"},
            {"name": "k8s", "monthly_before": "10", "monthly_after": "900.5"},
        ],
        "resources": [],
    }
    source = chart.mermaid(doc)
    assert source is not None
    assert source.startswith("xychart-beta\n")
    assert 'x-axis ["k8s", "infra/api"]' in source
    assert "bar [900.50, 150.00]" in source and "line [10.00, 100.00]" in source
    assert re.search(r"y-axis \"USD per month\" 0 --> 991\b", source)


@pytest.mark.parametrize(
    "resources",
    [
        [],
        [res("a", "1", "2")],  # one line: nothing to compare
        [res("a", None, "2"), res("b", "1", None)],  # nothing priced on both sides
        [res("a", "0", "0"), res("b", "0", "0")],
    ],
)
def test_no_chart_without_two_priced_things(resources: list[dict[str, Any]]) -> None:
    assert chart.mermaid({"resources": resources}) is None


def test_at_most_ten_bars_and_labels_stay_short_and_distinct() -> None:
    resources = [
        res(f"module.very_long_module_name.aws_instance.web[{i}]", "1", str(2 + i))
        for i in range(25)
    ]
    source = chart.mermaid({"resources": resources})
    assert source is not None
    labels = re.findall(r'"([^"]*)"', source.splitlines()[2])
    assert len(labels) == 10 and len(set(labels)) == 10
    assert all(len(label) <= chart.MAX_LABEL for label in labels)
    assert labels[0].endswith("web(24)")


@pytest.mark.parametrize(
    "name",
    [
        '"]\n    bar [1e99]\n```\n<script>x</script>',
        "```mermaid\nclick A call evil()",
        "a\u202e\u0000b%%{init: {'theme': 'dark'}}%%",
    ],
)
def test_hostile_names_cannot_leave_the_label_or_the_block(name: str) -> None:
    doc = {
        "resources": [res(name, "1", "5"), res("ok", "2", "3")],
        "projects": None,
    }
    source = chart.mermaid(doc)
    assert source is not None
    lines = source.splitlines()
    assert len(lines) == 6  # no injected line
    assert "```" not in source and "<" not in source and "%%" not in source
    assert lines[2].count('"') == 4


def test_the_comment_holds_the_chart_in_a_collapsed_section() -> None:
    plan = EXAMPLES / "terraform-plan" / "plan.json"
    result = CliRunner().invoke(
        main, ["check", str(plan.parent), "--plan", str(plan), "--format", "markdown"], env={}
    )
    assert result.exit_code == 0, result.stderr
    body = result.stdout
    start = body.index("<details><summary>Chart")
    block = body[start : body.index("</details>", start)]
    assert "```mermaid\nxychart-beta" in block
    assert block.count("```") == 2
