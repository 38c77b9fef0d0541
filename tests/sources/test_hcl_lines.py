"""Attribute access continued on the next line inside ( ) or [ ]: valid HCL that python-hcl2
refuses. Before, GoogleCloudPlatform/cloud-foundation-fabric's modules/gke-nodepool/main.tf made
the whole check exit 2 with "not valid HCL ... fix the syntax" on code Terraform accepts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.sources.hcl_lines import join_continuations

CONTINUED = """provider "google" {
  region = "us-central1"
}

variable "cfg" {
  default = {}
}

locals {
  enabled = (
    length(try(
      var.cfg
      .registry
      .domains,
      []
    )) > 0
  )
  picked = [
    var.cfg
    .zone
  ]
}

resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-standard-4"
  zone         = "us-central1-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
}
"""


def test_a_root_with_continued_attribute_access_is_read_and_keeps_its_lines(
    tmp_path: Path,
) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    (tmp_path / "head" / "main.tf").write_text(CONTINUED)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    (vm,) = json.loads(result.stdout)["resources"]
    assert vm["address"] == "google_compute_instance.vm" and vm["status"] == "priced"
    assert (
        vm["line"] == CONTINUED.splitlines().index('resource "google_compute_instance" "vm" {') + 1
    )


def test_invalid_hcl_is_still_exit_2_naming_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    (tmp_path / "head" / "main.tf").write_text(CONTINUED.replace("    .zone\n", "    .zone =\n"))
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "main.tf:" in result.output and "not valid HCL" in result.output


def test_only_code_inside_parentheses_or_brackets_is_joined() -> None:
    text = (
        'a = "x\\n.y"\n'  # a string
        "b = <<EOT\nline\n.kept\nEOT\n"  # a heredoc
        "# c = (\n#   .d\n"  # a comment
        "e = f(\n  g\n  .h\n)\n"
        "i = { j = k\n  .l }\n"  # in braces a line break ends an item: not joined
    )
    joined = join_continuations(text)
    assert joined is not None
    assert joined.count("\n") == text.count("\n")  # every later line keeps its number
    assert "e = f(\n  g .h\n\n)" in joined
    for kept in ('a = "x\\n.y"', "<<EOT\nline\n.kept\nEOT", "#   .d", "k\n  .l }"):
        assert kept in joined
    assert join_continuations("a = f(\n  b,\n  c\n)\n") is None


def test_a_hostile_run_of_blank_lines_is_read_in_linear_time() -> None:
    import threading

    # a pull request's file: a million line breaks inside parentheses, then invalid HCL (so
    # the parser refuses it and the join runs); each break looked at the whole run after it
    text = "a = (\n" + "\n" * 1_000_000 + "  b\n  .c\n)\nd = = 1\n"
    done: list[str | None] = []
    worker = threading.Thread(target=lambda: done.append(join_continuations(text)))
    worker.daemon = True  # (the quadratic scan would run for hours)
    worker.start()
    worker.join(timeout=20)
    assert done, "the join did not end"
    joined = done[0]
    assert joined is not None and joined.count("\n") == text.count("\n")
    assert "  b .c\n" in joined
