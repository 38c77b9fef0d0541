"""app.check end to end on trees: --base/--head and --base-ref (git)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from finops_gate.app import CheckRequest, check
from finops_gate.errors import UsageError
from finops_gate.model import Action

TF = """
provider "aws" { region = "us-east-1" }
resource "aws_instance" "web" {
  instance_type = "{itype}"
}
"""

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _write(root: Path, itype: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "main.tf").write_text(TF.replace("{itype}", itype))


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_two_trees_on_disk_are_compared(tmp_path: Path) -> None:
    _write(tmp_path / "base", "t3.micro")
    _write(tmp_path / "head", "t3.large")
    report = check(CheckRequest(base=tmp_path / "base", head=tmp_path / "head"))
    (delta,) = report.costs
    assert delta.change.action is Action.UPDATE
    assert report.totals.monthly_delta > 0


@needs_git
def test_base_ref_compares_the_working_tree_with_the_ref(tmp_path: Path) -> None:
    _write(tmp_path, "t3.micro")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "-c", "user.email=a@b.c", "-c", "user.name=a", "add", "-A")
    _git(tmp_path, "-c", "user.email=a@b.c", "-c", "user.name=a", "commit", "-qm", "base")
    _write(tmp_path, "t3.large")  # uncommitted change in the working tree
    report = check(CheckRequest(root=tmp_path, base_ref="main"))
    (delta,) = report.costs
    assert delta.before is not None and delta.after is not None
    assert delta.change.before is not None
    assert delta.change.before.attributes["instance_type"] == "t3.micro"
    assert delta.change.after is not None
    assert delta.change.after.attributes["instance_type"] == "t3.large"


@needs_git
def test_an_unknown_base_ref_is_a_usage_error(tmp_path: Path) -> None:
    _write(tmp_path, "t3.micro")
    _git(tmp_path, "init", "-q", "-b", "main")
    with pytest.raises(UsageError, match="git rev-parse"):
        check(CheckRequest(root=tmp_path, base_ref="no-such-branch"))


def test_the_base_config_is_used_so_a_change_cannot_loosen_its_own_gate(tmp_path: Path) -> None:
    _write(tmp_path / "base", "t3.micro")
    _write(tmp_path / "head", "t3.micro")
    (tmp_path / "base" / ".finops-gate.yml").write_text("version: 1\n")
    (tmp_path / "head" / ".finops-gate.yml").write_text("version: 1\nbogus: true\n")
    check(CheckRequest(base=tmp_path / "base", head=tmp_path / "head"))  # head's config unread


def test_a_config_new_in_the_change_is_used_with_a_note(tmp_path: Path) -> None:
    _write(tmp_path / "base", "t3.micro")
    _write(tmp_path / "head", "t3.micro")
    (tmp_path / "head" / ".finops-gate.yml").write_text("version: 1\n")
    report = check(CheckRequest(base=tmp_path / "base", head=tmp_path / "head"))
    assert any("new in this change" in n for n in report.notes)


def test_base_and_head_must_be_directories(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="not a directory"):
        check(CheckRequest(base=tmp_path / "file", head=tmp_path))
