"""A YAML file that is a template, not YAML, is not read as model settings. Before, a Terraform
templatefile for cloud-init (cloud-foundation-fabric's coredns/cloud-config.yaml, which says
"LLMNR=no") made the whole check exit 2 with "not valid YAML ... fix the syntax"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

CLOUD_INIT = """#cloud-config
write_files:
  - path: /etc/systemd/resolved.conf
    content: |
      [Resolve]
      LLMNR=no
  %{ for path, data in files }
  - path: ${path}
    content: ${data.content}
  %{ endfor }
"""


@pytest.mark.parametrize(
    "text",
    [CLOUD_INIT, CLOUD_INIT.replace("%{ for path, data in files }", "{{- range .Files }}")],
)
def test_a_template_that_is_not_yaml_is_a_note_not_an_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "head" / "vm").mkdir(parents=True)
    (tmp_path / "head" / "vm" / "cloud-config.yaml").write_text(text)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    notes = json.loads(result.stdout)["notes"]
    assert any("vm/cloud-config.yaml" in n and "template" in n for n in notes), notes


def test_broken_yaml_without_template_syntax_is_still_exit_2(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    (tmp_path / "head" / "llm.yaml").write_text("model: gpt-4o\n  bad: [\n")
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "llm.yaml" in result.output


def test_template_detection_is_linear_in_a_hostile_line() -> None:
    import threading

    from finops_gate.sources.models import _is_template

    assert _is_template("{{ .Values.llm.model }}") and _is_template("{% if prod %}")
    assert not _is_template("gpt-4o") and not _is_template("{{\n}}")
    # a value of a pull request's file: every "{{" of one long line; a regex {{.*}} scanned to
    # the end of the line from each of them (1.6 million times 4.8 MB)
    line = "{{a" * 1_600_000
    done: list[bool] = []
    worker = threading.Thread(target=lambda: done.append(_is_template(line)))
    worker.daemon = True
    worker.start()
    worker.join(timeout=20)
    assert done == [False], "the check did not end"
