"""A change that touches only a local module, or only a ``.tfvars`` file, reprices the roots it
reaches and nothing else, in git mode (``--base-ref``) and with two directories
(``--base``/``--head``): the scoped check reads less and reports the same costs as reading every
file."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

ROOT = """provider "aws" {{ region = "us-east-1" }}

variable "size" {{ default = "t3.micro" }}

module "web" {{
  source = "../../modules/web"
  size   = var.size
}}
"""
MODULE = """variable "size" {{}}

resource "aws_instance" "web" {{
  ami           = "ami-1"
  instance_type = var.size
  root_block_device {{ volume_size = {disk} }}
}}
"""
STACK = """provider "aws" {{ region = "us-east-1" }}

resource "aws_instance" "app" {{
  ami           = "ami-1"
  instance_type = "{size}"
}}
"""
BASE = {
    "live/a/main.tf": ROOT.format(),
    "live/a/terraform.tfvars": 'size = "t3.small"\n',
    "live/b/main.tf": ROOT.format(),
    "live/b/prod.auto.tfvars": 'size = "t3.medium"\n',
    "modules/web/main.tf": MODULE.format(disk=20),
    **{f"stacks/s{i:02d}/main.tf": STACK.format(size="m5.large") for i in range(12)},
}

Run = Callable[..., tuple[int, dict[str, Any]]]


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _invoke(args: list[str]) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def _dirs(tmp_path: Path) -> Run:
    def run(
        changes: dict[str, str], extra: tuple[str, ...] = (), *, config: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        base, head = tmp_path / "base", tmp_path / "head"
        for side in (base, head):
            shutil.rmtree(side, ignore_errors=True)
            _write(side, {**BASE, **({".finops-gate.yml": config} if config else {})})
        _write(head, changes)
        return _invoke([str(head), "--base", str(base), "--head", str(head), *extra])

    return run


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=a@b.c", "-c", "user.name=a", *args],
        check=True,
        capture_output=True,
    )


def _repo(tmp_path: Path) -> Run:
    repo = tmp_path / "repo"

    def run(
        changes: dict[str, str], extra: tuple[str, ...] = (), *, config: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        if not repo.exists():  # the base commit, then the change on a branch
            _write(repo, {**BASE, **({".finops-gate.yml": config} if config else {})})
            _git(repo, "init", "-q", "-b", "main")
            _git(repo, "add", "-A")
            _git(repo, "commit", "-qm", "base")
            _git(repo, "checkout", "-q", "-b", "change")
            _write(repo, changes)
            _git(repo, "add", "-A")
            _git(repo, "commit", "-qm", "the change")
        return _invoke([str(repo), "--base-ref", "main", *extra])

    return run


@pytest.fixture(params=["dirs", "git"])
def run(request: pytest.FixtureRequest, tmp_path: Path) -> Run:
    if request.param == "git":
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        return _repo(tmp_path)
    return _dirs(tmp_path)


def _priced(doc: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    return {
        (r["project"], r["address"]): (r["action"], r["monthly_before"], r["monthly_after"])
        for r in doc["resources"]
        if r["action"] != "no-op"
    }


def _scoped_and_whole(run: Run, changes: dict[str, str]) -> dict[str, Any]:
    _, doc = run(changes)
    _, whole = run(changes, ("--all-resources",))
    assert _priced(doc) == _priced(whole)
    assert doc["totals"]["monthly_delta"] == whole["totals"]["monthly_delta"]
    return doc


def test_a_change_to_a_local_module_alone_reprices_every_root_calling_it(run: Run) -> None:
    doc = _scoped_and_whole(run, {"modules/web/main.tf": MODULE.format(disk=800)})
    priced = _priced(doc)
    assert set(priced) == {
        ("live/a", "module.web.aws_instance.web"),
        ("live/b", "module.web.aws_instance.web"),
    }
    for action, before, after in priced.values():
        assert action == "update"
        assert before is not None and after is not None and float(after) > float(before)
    # the calling roots' own tfvars still decide the size: b (t3.medium) costs more than a
    a = priced[("live/a", "module.web.aws_instance.web")]
    b = priced[("live/b", "module.web.aws_instance.web")]
    assert float(b[2] or 0) > float(a[2] or 0)
    assert {r["project"] for r in doc["resources"]} == {"live/a", "live/b"}
    note = next(n for n in doc["notes"] if "files on each side, the projects" in n)
    assert "12 Terraform directories" in note


def test_a_change_to_a_tfvars_file_alone_reprices_its_root_only(run: Run) -> None:
    doc = _scoped_and_whole(run, {"live/a/terraform.tfvars": 'size = "m5.2xlarge"\n'})
    ((key, (action, before, after)),) = _priced(doc).items()
    assert key == ("live/a", "module.web.aws_instance.web") and action == "update"
    assert before is not None and after is not None and float(after) > 10 * float(before)
    assert {r["project"] for r in doc["resources"]} == {"live/a"}


def test_a_new_auto_tfvars_file_alone_reprices_its_root(run: Run) -> None:
    doc = _scoped_and_whole(run, {"live/b/zz.auto.tfvars": 'size = "m5.large"\n'})
    ((key, (action, before, after)),) = _priced(doc).items()
    assert key == ("live/b", "module.web.aws_instance.web") and action == "update"
    assert float(after or 0) > float(before or 0)


# The stacks are the spend the change does not touch: 12 x m5.large. The module change adds
# 780 GB of gp3 to each of two roots: about +$125 a month, well over 100% of the two calling
# roots' own base (two small instances) and under 20% of the whole tree's.
PERCENT = (
    "version: 1\npolicies:\n  tags: {{required: []}}\n  approval: {{percent_increase: {limit}}}\n"
)
BIGGER_DISKS = {"modules/web/main.tf": MODULE.format(disk=800)}


def _notes(doc: dict[str, Any]) -> str:
    return "\n".join(doc["notes"])


def test_a_percent_threshold_the_change_stays_under_reads_the_changed_projects_alone(
    run: Run,
) -> None:
    code, doc = run(BIGGER_DISKS, config=PERCENT.format(limit=1000))
    assert code == 0 and doc["verdict"] == "pass"
    assert {r["project"] for r in doc["resources"]} == {"live/a", "live/b"}
    notes = _notes(doc)
    assert "the unchanged projects were not read for it" in notes
    assert "read every file on both sides" not in notes


def test_a_percent_threshold_over_the_changed_projects_alone_is_decided_on_the_whole_base(
    run: Run,
) -> None:
    code, doc = run(BIGGER_DISKS, config=PERCENT.format(limit=50))
    # +$125 is over 50% of the two roots' base but not of the whole tree's: no sign-off
    assert code == 0 and doc["verdict"] == "pass", doc["approval"]
    assert len({r["project"] for r in doc["resources"]}) == 14  # every root, read and priced
    assert "read every file on both sides: approval.percent_increase" in _notes(doc)
    assert "files in the head" in _notes(doc)


def test_a_percent_threshold_over_the_whole_base_requires_approval(run: Run) -> None:
    code, doc = run(BIGGER_DISKS, config=PERCENT.format(limit=5))
    assert code == 1 and doc["verdict"] == "approval_required"
    (reason,) = [r for r in doc["approval"]["reasons"] if "cost increase" in r]
    percent = float(reason.split("cost increase ")[1].split("%")[0])
    assert 5 < percent < 20  # against the whole base total, not the two roots' alone
