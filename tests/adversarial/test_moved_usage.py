"""A moved model setting keeps the usage configured for where it was."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from finops_gate.cli import main

CONFIG = (
    "version: 1\nusage:\n  models:\n    sites:\n"
    '      "config/a.yaml#chat.model": {requests_per_month: 900000, input_tokens: 2000, '
    "output_tokens: 500}\n"
)


def _run(tmp_path: Path, head_file: str, head_model: str) -> dict:
    base, head = tmp_path / "base", tmp_path / "head"
    for side, rel, model in ((base, "config/a.yaml", "gpt-4o"), (head, head_file, head_model)):
        (side / rel).parent.mkdir(parents=True, exist_ok=True)
        (side / rel).write_text(f"chat:\n  model: {model}\n")
        (side / ".finops-gate.yml").write_text(CONFIG)
    result = CliRunner().invoke(
        main, ["check", "--base", str(base), "--head", str(head), "--format", "json"]
    )
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_a_moved_setting_keeps_its_usage_binding(tmp_path: Path) -> None:
    doc = _run(tmp_path, "config/b.yaml", "gpt-4o")
    (r,) = doc["resources"]
    assert r["address"] == "config/b.yaml#chat.model"
    assert r["monthly_before"] == r["monthly_after"] and r["monthly_after"] not in (None, "0")


def test_a_moved_and_switched_setting_is_priced_with_the_old_usage(tmp_path: Path) -> None:
    doc = _run(tmp_path, "config/b.yaml", "gpt-4o-mini")
    (r,) = doc["resources"]
    assert r["action"] == "update" and r["monthly_after"] is not None
    assert doc["totals"]["monthly_delta"].startswith("-")
