"""The README shows real output: every ```text block that starts with `$ finops-gate ...` is run
from the repository root and must print exactly what the README shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```text\n\$ (finops-gate [^\n]+)\n(.*?)```", re.S)
EXAMPLES = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_shows_at_least_one_real_run() -> None:
    assert EXAMPLES


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_output_matches_the_cli(
    command: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, args)
    assert result.stdout.rstrip() == shown.rstrip()
