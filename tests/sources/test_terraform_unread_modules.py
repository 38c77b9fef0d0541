"""A module call whose resources the ``.tf`` code does not hold is a row that says so, unpriced,
never the nothing the code shows. Before, a head that replaced an instance with a registry
module of ten p4d.24xlarge instances read as a deletion: -100%, PASS."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.config import Settings
from finops_gate.model import UNREAD_MODULE
from finops_gate.sources.terraform_hcl import MAX_DEPTH, load
from finops_gate.sources.tree import Tree

PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'
INSTANCE = 'resource "aws_instance" "a" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n}\n'
APPROVAL = "version: 1\npolicies:\n  approval:\n    monthly_increase: 10\n"


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _rows(root: Path) -> dict[str, Any]:
    return {r.address: r for r in load(Tree(root), Settings())}


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (
            'source = "terraform-aws-modules/ec2-instance/aws"\n  version = "5.6.0"',
            "'terraform-aws-modules/ec2-instance/aws' is fetched by terraform init",
        ),
        ('source = "git::https://example.com/fleet.git?ref=v1"', "fetched by terraform init"),
        ('source = "./modules/not-there"', "no .tf files at './modules/not-there'"),
        ('source = "./"', "the module's own directory"),
        ('source = "../"', "'../' is above the directory under review"),  # not "own directory"
        ('source = "../../modules/db"', "above the directory under review"),
        ("source = var.where", "not a literal"),
    ],
)
def test_a_module_whose_resources_are_not_read_is_one_row_saying_why(
    tmp_path: Path, call: str, said: str
) -> None:
    _write(
        tmp_path,
        {"main.tf": PROVIDER + 'variable "where" {}\nmodule "fleet" {\n  ' + call + "\n}\n"},
    )
    rows = _rows(tmp_path)
    row = rows["module.fleet"]
    assert row.kind == "module" and said in row.attributes[UNREAD_MODULE]
    assert (row.file, row.line) == ("main.tf", 5)


def test_each_known_instance_is_a_row_and_an_unknown_count_is_one(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.tf": PROVIDER
            + 'variable "n" {}\n'
            + 'module "fleet" {\n  source = "acme/fleet/aws"\n  count = 3\n}\n'
            + 'module "local" {\n  source = "./m"\n  count = var.n\n}\n'
            + 'module "each" {\n  source = "./m"\n  for_each = var.n\n}\n',
            "m/main.tf": INSTANCE,
        },
    )
    rows = _rows(tmp_path)
    assert {a for a in rows if a.startswith("module.fleet")} == {
        f"module.fleet[{i}]" for i in range(3)
    }
    # a local module whose count is unknown: its resources were dropped without a word
    assert "count is not known" in rows["module.local"].attributes[UNREAD_MODULE]
    assert "for_each is not known" in rows["module.each"].attributes[UNREAD_MODULE]
    assert not any(a.startswith(("module.local.", "module.each.")) for a in rows)


def test_modules_nested_too_deep_say_so(tmp_path: Path) -> None:
    files = {"main.tf": PROVIDER + 'module "m" {\n  source = "./m0"\n}\n'}
    for i in range(MAX_DEPTH + 2):
        files[f"m{i}/main.tf"] = f'module "m" {{\n  source = "../m{i + 1}"\n}}\n' + INSTANCE
    _write(tmp_path, files)
    rows = _rows(tmp_path)
    deep = [r for r in rows.values() if UNREAD_MODULE in r.attributes]
    assert len(deep) == 1 and f"more than {MAX_DEPTH} deep" in deep[0].attributes[UNREAD_MODULE]


def _check(tmp_path: Path, base: dict[str, str], head: dict[str, str], *extra: str) -> Any:
    _write(tmp_path / "base", base)
    _write(tmp_path / "head", head)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    return CliRunner().invoke(main, [*args, "--format", "json", *extra])


def test_replacing_an_instance_by_a_registry_module_needs_approval_not_a_pass(
    tmp_path: Path,
) -> None:
    fleet = (
        'module "fleet" {\n  source = "acme/gpu-fleet/aws"\n  instance_type = "p4d.24xlarge"\n}\n'
    )
    result = _check(
        tmp_path,
        {".finops-gate.yml": APPROVAL, "main.tf": PROVIDER + INSTANCE},
        {".finops-gate.yml": APPROVAL, "main.tf": PROVIDER + fleet},
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["verdict"] == "approval_required"
    (row,) = [r for r in report["resources"] if r["address"] == "module.fleet"]
    assert row["status"] == "unpriced" and row["monthly_after"] is None
    assert any("cost unknown" in reason for reason in report["approval"]["reasons"])


def test_an_unchanged_registry_module_is_no_change_and_a_changed_input_is_one(
    tmp_path: Path,
) -> None:
    call = 'module "fleet" {\n  source = "acme/fleet/aws"\n  size = SIZE\n}\n'
    same = _check(
        tmp_path / "same",
        {"main.tf": PROVIDER + INSTANCE + call.replace("SIZE", "2")},
        {
            "main.tf": PROVIDER
            + INSTANCE.replace("t3.micro", "t3.small")
            + call.replace("SIZE", "2")
        },
    )
    rows = {r["address"]: r for r in json.loads(same.stdout)["resources"]}
    assert "module.fleet" not in rows or rows["module.fleet"]["action"] == "no-op"
    changed = _check(
        tmp_path / "changed",
        {"main.tf": PROVIDER + call.replace("SIZE", "2")},
        {"main.tf": PROVIDER + call.replace("SIZE", "20")},
    )
    (row,) = json.loads(changed.stdout)["resources"]
    assert (row["address"], row["action"], row["status"]) == ("module.fleet", "update", "unpriced")


UNIT = """# the prod fleet
terraform {
  source = "git::https://example.com/modules.git//ec2?ref=v1.0"
}

inputs = {
  instance_type = "SIZE"
  instances     = COUNT
}
"""


def _unit(size: str = "t3.micro", count: int = 1, comment: str = "") -> str:
    return comment + UNIT.replace("SIZE", size).replace("COUNT", str(count))


def test_a_changed_terragrunt_unit_is_an_unpriced_change_not_no_change(tmp_path: Path) -> None:
    """Before, a terragrunt.hcl raised to 50 p4d.24xlarge read 'No resource changes', PASS."""
    result = _check(
        tmp_path,
        {".finops-gate.yml": APPROVAL, "live/prod/terragrunt.hcl": _unit()},
        {".finops-gate.yml": APPROVAL, "live/prod/terragrunt.hcl": _unit("p4d.24xlarge", 50)},
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    (row,) = report["resources"]
    assert (row["address"], row["action"], row["status"]) == ("terragrunt", "update", "unpriced")
    assert (row["project"], row["file"]) == ("live/prod", "live/prod/terragrunt.hcl")
    assert "git::https://example.com/modules.git//ec2?ref=v1.0" in row["reason"]
    assert report["verdict"] == "approval_required"


def test_a_terragrunt_unit_whose_settings_are_the_same_is_no_change(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        {"live/prod/terragrunt.hcl": _unit(), "live/dev/terragrunt.hcl": _unit()},
        {
            "live/prod/terragrunt.hcl": _unit(comment="# reviewed\n\n"),  # a comment and lines
            "live/dev/terragrunt.hcl": _unit("t3.small"),
        },
    )
    rows = {(r["project"], r["action"]) for r in json.loads(result.stdout)["resources"]}
    assert ("live/dev", "update") in rows
    assert ("live/prod", "update") not in rows


def test_git_mode_reads_a_changed_terragrunt_unit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _write(repo, {"live/prod/terragrunt.hcl": _unit(), "live/dev/terragrunt.hcl": _unit()})
    git = ["git", "-C", str(repo), "-c", "user.email=a@b.c", "-c", "user.name=a"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    _write(repo, {"live/prod/terragrunt.hcl": _unit("p4d.24xlarge", 50)})
    result = CliRunner().invoke(
        main, ["check", str(repo), "--base-ref", "main", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["resources"]
    assert (row["project"], row["address"], row["status"]) == (
        "live/prod",
        "terragrunt",
        "unpriced",
    )


UNIT_INCLUDING = """include "root" {
  path = find_in_parent_folders("root.hcl")
}

include "envcommon" {
  path = "${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/KIND.hcl"
}
"""
SHARED = 'inputs = {\n  instance_class = "SIZE"\n}\n'
LIVE = {
    "root.hcl": "remote_state {}\n",
    "_envcommon/mysql.hcl": SHARED.replace("SIZE", "db.t3.micro"),
    "_envcommon/web.hcl": 'locals {\n  sizes = jsondecode(file("${get_parent_terragrunt_dir()}'
    '/_envcommon/sizes.json"))\n}\ninputs = {\n  instance_type = local.sizes.web\n}\n',
    "_envcommon/sizes.json": '{"web": "t3.micro"}\n',
    "prod/env.hcl": 'locals {\n  env = "prod"\n}\n',
    "prod/env.yaml": "cache: cache.t3.micro\n",
    "prod/mysql/terragrunt.hcl": UNIT_INCLUDING.replace("KIND", "mysql"),
    "prod/web/terragrunt.hcl": UNIT_INCLUDING.replace("KIND", "web"),
    "prod/cache/terragrunt.hcl": "locals {\n  env = yamldecode(file(find_in_parent_folders("
    '"env.yaml")))\n}\n',
    "dev/mysql/terragrunt.hcl": UNIT_INCLUDING.replace("KIND", "mysql"),
}


@pytest.mark.parametrize(
    ("changed", "text", "units"),
    [
        # an include a unit names: every unit that names it, wherever it is
        ("_envcommon/mysql.hcl", SHARED.replace("SIZE", "db.r5.4xlarge"),
         {"prod/mysql", "dev/mysql"}),
        # a file find_in_parent_folders finds: every unit below it
        ("prod/env.hcl", 'locals {\n  env = "production"\n}\n',
         {"prod/mysql", "prod/web", "prod/cache"}),
        ("root.hcl", "remote_state {\n  backend = \"s3\"\n}\n",
         {"prod/mysql", "prod/web", "prod/cache", "dev/mysql"}),
        # data files a configuration reads: through an include, through find_in_parent_folders
        ("_envcommon/sizes.json", '{"web": "m5.24xlarge"}\n', {"prod/web"}),
        ("prod/env.yaml", "cache: cache.r6g.16xlarge\n", {"prod/cache"}),
    ],
)  # fmt: skip
@pytest.mark.parametrize("mode", ["dirs", "git"])
def test_a_changed_shared_terragrunt_file_changes_every_unit_that_may_read_it(
    tmp_path: Path, changed: str, text: str, units: set[str], mode: str
) -> None:
    """terragrunt-infrastructure-live-example: _envcommon/mysql.hcl raised the instance class
    of three databases and read 'No resource changes', PASS. A unit's row now holds a digest
    of the shared files it may read, so they are unpriced changes (WARN), in both modes."""
    if mode == "dirs":
        result = _check(tmp_path, LIVE, {**LIVE, changed: text})
    else:
        repo = _write(tmp_path / "repo", LIVE)
        git = ["git", "-C", str(repo), "-c", "user.email=a@b.c", "-c", "user.name=a"]
        subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", "base"], check=True)
        _write(repo, {changed: text})
        result = CliRunner().invoke(
            main, ["check", str(repo), "--base-ref", "main", "--format", "json"]
        )
    report = json.loads(result.stdout)
    rows = {(r["project"], r["address"], r["action"], r["status"]) for r in report["resources"]}
    assert rows == {(u, "terragrunt", "update", "unpriced") for u in units}
    assert report["verdict"] == "warn"


@pytest.mark.parametrize("how", ["not UTF-8", "a link out of the tree"])
def test_a_shared_terragrunt_file_unreadable_in_the_head_only_fails_closed(
    tmp_path: Path, how: str
) -> None:
    """A shared file the units may read, refused in the head alone: a one-line error naming
    it (exit 2), never 'No resource changes'."""
    _write(tmp_path / "base", LIVE)
    _write(tmp_path / "head", {k: v for k, v in LIVE.items() if k != "_envcommon/mysql.hcl"})
    shared = tmp_path / "head" / "_envcommon" / "mysql.hcl"
    if how == "not UTF-8":
        shared.write_bytes(b'inputs = {\n  instance_class = "\xc3\x28"\n}\n')
    else:
        outside = tmp_path / "outside.hcl"
        outside.write_text(SHARED.replace("SIZE", "db.r5.4xlarge"))
        shared.symlink_to(outside)
    _refused(tmp_path, "_envcommon/mysql.hcl")


@pytest.mark.parametrize(
    "head",
    [
        b'terraform {\n  source = "x"\ninputs = {\n',  # broken HCL
        b"\xc3\x28 not UTF-8\n",
    ],
)
def test_a_broken_terragrunt_unit_is_a_one_line_error_naming_it(
    tmp_path: Path, head: bytes
) -> None:
    _write(tmp_path / "base", {"live/prod/terragrunt.hcl": _unit()})
    (tmp_path / "head" / "live" / "prod").mkdir(parents=True)
    (tmp_path / "head" / "live" / "prod" / "terragrunt.hcl").write_bytes(head)
    _refused(tmp_path, "live/prod/terragrunt.hcl")


def test_a_terragrunt_unit_unreadable_in_the_head_only_is_no_deletion(tmp_path: Path) -> None:
    """A FIFO where the base had the unit: an error, never the unit read as removed."""
    _write(tmp_path / "base", {"live/prod/terragrunt.hcl": _unit()})
    (tmp_path / "head" / "live" / "prod").mkdir(parents=True)
    os.mkfifo(tmp_path / "head" / "live" / "prod" / "terragrunt.hcl")
    _refused(tmp_path, "live/prod/terragrunt.hcl")


def test_a_terragrunt_unit_unreadable_in_the_base_only_is_read_as_new(tmp_path: Path) -> None:
    (tmp_path / "base" / "live" / "prod").mkdir(parents=True)
    os.mkfifo(tmp_path / "base" / "live" / "prod" / "terragrunt.hcl")
    _write(tmp_path / "head", {"live/prod/terragrunt.hcl": _unit()})
    result = _check_dirs(tmp_path)
    (row,) = json.loads(result.stdout)["resources"]
    assert (row["address"], row["action"], row["status"]) == ("terragrunt", "create", "unpriced")


def _refused(tmp_path: Path, name: str) -> None:
    """``check --base --head`` is exit 2 with one line naming ``name``, and no traceback."""
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0]
    assert "Traceback" not in result.output


def _check_dirs(tmp_path: Path) -> Any:
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result
