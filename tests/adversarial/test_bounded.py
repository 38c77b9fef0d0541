"""Deep nesting in any PR-controlled input is a one-line exit 2, never a crash or a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [900, 50_000])
def test_a_deeply_nested_plan_is_read_or_exit_2_never_a_crash(tmp_path: Path, depth: int) -> None:
    change = {
        "address": "aws_instance.a",
        "type": "aws_instance",
        "name": "a",
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {
            "actions": ["create"],
            "after": {"instance_type": "t3.micro", "tags": "@"},
            "after_sensitive": {"tags": "@"},
        },
    }
    text = json.dumps({"format_version": "1.2", "resource_changes": [change]})
    plan = tmp_path / "plan.json"
    plan.write_text(text.replace('"@"', _nested(depth)))
    result = CliRunner().invoke(main, ["check", "--plan", str(plan)])
    assert result.exit_code in (0, 1, 2) and "internal error" not in result.stderr, result.stderr
    if depth > 1000:  # beyond any real plan: refused, naming the file
        assert result.exit_code == 2 and "plan.json" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("app.json", '{"model": ' + _nested(50_000) + "}"),
        ("k8s.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: " + _nested(50_000)),
        (
            "main.tf",
            'resource "aws_instance" "a" {\n  instance_type = ' + _nested(50_000) + "\n}\n",
        ),
    ],
)
def test_a_deeply_nested_source_file_in_the_head_is_exit_2(
    tmp_path: Path, name: str, text: str
) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    base.mkdir()
    head.mkdir()
    (head / name).write_text(text)
    result = CliRunner().invoke(main, ["check", "--base", str(base), "--head", str(head)])
    assert result.exit_code == 2, result.stderr
    assert name in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "text",
    [
        "resources: " + _nested(50_000) + "\n",
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "resources: *i\n",
    ],
    ids=["nested", "alias bomb"],
)
def test_a_hostile_kustomization_in_the_head_never_crashes(tmp_path: Path, text: str) -> None:
    # the kustomization is read to find bases and components, before kustomize runs: the same
    # bounds as a manifest, never a recursion error or an expansion
    base, head = tmp_path / "base", tmp_path / "head"
    for side in (base, head):
        (side / "app").mkdir(parents=True)
        (side / "app" / "kustomization.yaml").write_text("resources: []\n")
    (head / "app" / "kustomization.yaml").write_text(text)
    result = CliRunner().invoke(main, ["check", "--base", str(base), "--head", str(head)])
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "internal error" not in result.stderr


def test_addresses_of_many_unclosed_brackets_are_read_in_linear_time(tmp_path: Path) -> None:
    # cutting "[...]" from an address by a pattern tried every "[" to the end: 24 s for each
    # read of a 100 KB address; a plan may hold any address (a process with a deadline)
    changes = [
        {
            "address": f"aws_instance.a{i}" + "x[" * 50_000,
            "type": "aws_instance",
            "name": f"a{i}",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["create"], "after": {"instance_type": "t3.micro"}},
        }
        for i in range(3)
    ]
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"format_version": "1.2", "resource_changes": changes}))
    proc = subprocess.run(
        [sys.executable, "-m", "finops_gate.cli", "check", "--plan", str(plan), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=30,  # about a second; the pattern took over a minute
        env={**os.environ, "AWS_REGION": "us-east-1"},
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert len(json.loads(proc.stdout)["resources"]) == 3
