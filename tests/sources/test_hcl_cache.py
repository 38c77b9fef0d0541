"""--cache-dir / FINOPS_GATE_CACHE_DIR: parsed .tf files kept across runs, keyed by the
finops-gate and python-hcl2 versions and the bytes; a speed-up, never an input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.sources import terraform_hcl

STACK = """provider "aws" {{ region = "us-east-1" }}

resource "aws_instance" "app" {{
  ami           = "ami-1"
  instance_type = "{size}"
}}
"""


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base", tmp_path / "head"
    for side, size in ((base, "t3.micro"), (head, "m5.large")):
        (side / "app").mkdir(parents=True)
        (side / "app" / "main.tf").write_text(STACK.format(size=size))
        (side / "app" / "outputs.tf").write_text('output "x" { value = 1 }\n')
    return base, head


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import hcl2

    seen: list[str] = []
    real = hcl2.loads

    def counting(text: str) -> object:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(hcl2, "loads", counting)
    monkeypatch.setattr(terraform_hcl, "_PARSED", {})
    monkeypatch.setattr(terraform_hcl, "_MODULES", {})
    return seen


def _run(base: Path, head: Path, *extra: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = CliRunner().invoke(
        main,
        ["check", "--base", str(base), "--head", str(head), "--format", "json", *extra],
        env=env,
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new process: nothing parsed in memory yet."""
    monkeypatch.setattr(terraform_hcl, "_PARSED", {})
    monkeypatch.setattr(terraform_hcl, "_MODULES", {})


def test_a_second_run_with_the_cache_parses_nothing_and_reports_the_same(
    trees: tuple[Path, Path], parses: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = _run(*trees, "--cache-dir", str(cache))
    assert len(parses) == 3  # outputs.tf once (same bytes), main.tf of each side
    _fresh(monkeypatch)
    second = _run(*trees, env={"FINOPS_GATE_CACHE_DIR": str(cache)})
    assert len(parses) == 3  # nothing parsed again
    assert second["resources"] == first["resources"]
    assert second["totals"] == first["totals"]


def test_a_corrupt_or_foreign_cache_entry_is_ignored_and_parsed_again(
    trees: tuple[Path, Path], parses: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    expected = _run(*trees, "--cache-dir", str(cache))
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 3
    entries[0].write_text("{not json")
    # another file's parse under this digest: refused, never read as this file
    entries[1].write_text(entries[2].read_text())
    doctored = json.loads(entries[2].read_text())
    doctored["doc"]["resource"] = []  # and an edited entry that names another digest
    entries[2].write_text(json.dumps({"sha256": "0" * 64, "doc": doctored["doc"]}))
    _fresh(monkeypatch)
    parses.clear()
    again = _run(*trees, "--cache-dir", str(cache))
    assert len(parses) == 3
    assert again["resources"] == expected["resources"]


def test_a_cache_dir_that_cannot_be_written_only_costs_the_speed_up(
    trees: tuple[Path, Path], parses: list[str], tmp_path: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the directory should be\n")
    doc = _run(*trees, "--cache-dir", str(blocked / "sub"))
    assert [r["action"] for r in doc["resources"]] == ["update"]
