"""Output people read in five seconds: no truncated look-alike rows, "not counted" instead of
$0.00 -> $0.00, numbers sorted as numbers, a bounded comment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.report.render import MAX_FINDINGS_SHOWN, markdown, table


def _run(tmp_path: Path, plan: dict[str, Any], *args: str) -> Any:
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    return CliRunner().invoke(main, ["check", "--plan", str(tmp_path / "plan.json"), *args])


def _rc(address: str, after: dict[str, Any], kind: str = "aws_instance") -> dict[str, Any]:
    return {
        "address": address,
        "mode": "managed",
        "type": kind,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {"actions": ["create"], "before": None, "after": after},
    }


def _plan(*changes: dict[str, Any]) -> dict[str, Any]:
    provider = {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}}
    return {
        "format_version": "1.2",
        "resource_changes": list(changes),
        "configuration": {"provider_config": provider, "root_module": {}},
    }


def test_long_addresses_are_never_cut_into_duplicates(tmp_path: Path) -> None:
    stem = "module.platform_eu_west_1.module.compute_cluster_primary.aws_instance.worker_node"
    plan = _plan(
        _rc(f'{stem}["a-very-long-key-number-one"]', {"instance_type": "t3.micro"}),
        _rc(f'{stem}["a-very-long-key-number-two"]', {"instance_type": "t3.micro"}),
    )
    out = _run(tmp_path, plan).output
    rows = [line.split()[0] for line in out.splitlines() if line.startswith("module.")]
    assert len(rows) == 2 and len(set(rows)) == 2 and all(r.endswith('"]') for r in rows)


def test_nothing_priced_says_not_counted_instead_of_zero_to_zero(tmp_path: Path) -> None:
    plan = _plan(_rc("aws_instance.a", {"instance_type": "x9.mega"}))
    result = _run(tmp_path, plan, "--format", "json")
    doc = json.loads(result.output)
    assert "not counted" in table(doc) and "$0.00 -> $0.00" not in table(doc)
    md = markdown(doc)
    assert md.splitlines()[0].startswith("### finops-gate: cost not counted")
    assert "$0.00 → $0.00" not in md


def test_list_indexes_sort_as_numbers(tmp_path: Path) -> None:
    plan = _plan(
        *(_rc(f"aws_instance.web[{i}]", {"instance_type": "t3.micro"}) for i in (10, 2, 1))
    )
    doc = json.loads(_run(tmp_path, plan, "--format", "json").output)
    assert [r["address"] for r in doc["resources"]] == [
        "aws_instance.web[1]",
        "aws_instance.web[2]",
        "aws_instance.web[10]",
    ]


def test_a_key_of_digits_and_superscripts_sorts_without_failing(tmp_path: Path) -> None:
    # "²" is no decimal digit ("²".isdigit() is true, int("²") fails): a for_each key a pull
    # request chose must not crash the report
    keys = ['"1²2"', '"²"', "3", '"10"']
    plan = _plan(*(_rc(f"aws_instance.web[{k}]", {"instance_type": "t3.micro"}) for k in keys))
    result = _run(tmp_path, plan, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    addresses = [r["address"] for r in json.loads(result.output)["resources"]]
    assert addresses == [
        "aws_instance.web[3]",
        'aws_instance.web["1²2"]',  # 1 before 10
        'aws_instance.web["10"]',
        'aws_instance.web["²"]',
    ]


def test_the_comment_shows_a_bounded_number_of_findings_per_policy(tmp_path: Path) -> None:
    many = [_rc(f"aws_instance.n[{i}]", {"instance_type": "t3.micro"}) for i in range(60)]
    doc = json.loads(_run(tmp_path, _plan(*many), "--format", "json").output)
    tags = [f for f in doc["findings"] if f["policy"] == "tags.required"]
    assert len(tags) == 60  # one per resource: all four tags in one finding
    md = markdown(doc)
    assert "**tags.required** (60)" in md
    assert md.count("missing tags finops:team") == MAX_FINDINGS_SHOWN
    assert f"… {60 - MAX_FINDINGS_SHOWN} more" in md
    assert len(table(doc).splitlines()) > 60  # the terminal keeps them all
