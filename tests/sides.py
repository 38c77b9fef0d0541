"""Two trees written from dicts and checked with ``--base/--head --format json``: the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from finops_gate.cli import main


def check_sides(tmp_path: Path, base: dict[str, str], head: dict[str, str]) -> dict[str, Any]:
    """Write ``base`` and ``head`` (path -> text) under ``tmp_path`` and return the JSON report
    of ``check --base --head`` (exit 0 or 1: a verdict, not an error)."""
    for side, files in (("base", base), ("head", head)):
        (tmp_path / side).mkdir(parents=True, exist_ok=True)
        for rel, text in files.items():
            (tmp_path / side / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / side / rel).write_text(text, encoding="utf-8")
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    doc: dict[str, Any] = json.loads(result.output)
    return doc
