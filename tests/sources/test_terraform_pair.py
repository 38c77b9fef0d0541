"""terraform_hcl.load_pair: both sides root module by root module. A root whose inputs are the
same bytes on both sides is evaluated once (the head holds the base's resources), a parsed
module is dropped once no root left reaches it, and the result is what ``load`` finds on each
side."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from finops_gate.config import Settings
from finops_gate.model import Resource
from finops_gate.sources import load_sides, shared, terraform_hcl
from finops_gate.sources.tree import Tree

PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'


def _root(size: str, *, module: str = "") -> dict[str, str]:
    return {
        "providers.tf": PROVIDER,
        "main.tf": (
            f'resource "aws_instance" "app" {{\n  instance_type = "{size}"\n}}\n'
            'resource "aws_ebs_volume" "data" {\n'
            '  size = 20\n  availability_zone = "us-east-1a"\n}\n' + module
        ),
    }


def _write(root: Path, files: dict[str, str]) -> Tree:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Tree(root)


def _stacks(root: Path, sizes: dict[str, str], extra: dict[str, str] | None = None) -> Tree:
    files = {f"stacks/{name}/{rel}": text for name, size in sizes.items()
             for rel, text in _root(size).items()}  # fmt: skip
    return _write(root, {**files, **(extra or {})})


@pytest.fixture(autouse=True)
def _fresh_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terraform_hcl, "_PARSED", {})
    monkeypatch.setattr(terraform_hcl, "_MODULES", {})


def _by_address(found: list[Resource]) -> dict[tuple[str, str | None], Resource]:
    return {(r.address, r.project): r for r in found}


def test_an_unchanged_root_is_evaluated_once_and_the_head_holds_the_base_resources(
    tmp_path: Path,
) -> None:
    sizes = {"a": "t3.micro", "b": "t3.small", "c": "t3.medium"}
    base = _stacks(tmp_path / "base", sizes)
    head = _stacks(tmp_path / "head", {**sizes, "b": "m5.large"})
    before, after = terraform_hcl.load_pair(base, head, Settings())
    b, a = _by_address(before), _by_address(after)
    assert b.keys() == a.keys() and len(b) == 6
    for project in ("stacks/a", "stacks/c"):
        for address in ("aws_instance.app", "aws_ebs_volume.data"):
            assert a[(address, project)] is b[(address, project)]
    changed = ("aws_instance.app", "stacks/b")
    assert a[changed] is not b[changed]
    assert a[changed].attributes["instance_type"] == "m5.large"
    assert b[changed].attributes["instance_type"] == "t3.small"


def test_the_pair_finds_what_each_side_finds_alone(tmp_path: Path) -> None:
    module = 'module "db" {\n  source = "../../modules/db"\n  size = 30\n}\n'
    db = 'variable "size" {}\nresource "aws_ebs_volume" "db" {\n  size = var.size\n}\n'
    base_files = {
        **{f"stacks/a/{k}": v for k, v in _root("t3.micro", module=module).items()},
        **{f"stacks/b/{k}": v for k, v in _root("t3.small").items()},
        "modules/db/main.tf": db,
        "stacks/b/terraform.tfvars": 'unused = "x"\n',
    }
    head_files = {
        **base_files,
        "modules/db/main.tf": db.replace("var.size", "var.size * 2"),
        "stacks/b/terraform.tfvars": 'unused = "y"\n',
    }
    base, head = _write(tmp_path / "base", base_files), _write(tmp_path / "head", head_files)
    pair = terraform_hcl.load_pair(base, head, Settings())
    terraform_hcl.forget()
    alone = (terraform_hcl.load(base, Settings()), terraform_hcl.load(head, Settings()))
    assert pair == alone
    b, a = _by_address(pair[0]), _by_address(pair[1])
    # the module a root calls is one of its inputs: changed there, the root is evaluated again
    db_key = ("module.db.aws_ebs_volume.db", "stacks/a")
    assert (b[db_key].attributes["size"], a[db_key].attributes["size"]) == (30, 60)
    # so are its variable files, even when no resource reads the variable they change
    assert a[("aws_instance.app", "stacks/b")] is not b[("aws_instance.app", "stacks/b")]
    assert a[("aws_instance.app", "stacks/b")] == b[("aws_instance.app", "stacks/b")]


def test_a_file_the_same_on_both_sides_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hcl2

    parsed: list[str] = []
    real = hcl2.loads

    def counting(text: str) -> Any:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(hcl2, "loads", counting)
    sizes = {"a": "t3.micro", "b": "t3.small"}
    base = _stacks(tmp_path / "base", sizes)
    head = _stacks(tmp_path / "head", {**sizes, "b": "m5.large"})
    terraform_hcl.load_pair(base, head, Settings())
    # providers.tf: the same text in every root of both sides; a's main.tf: the same on both
    # sides; b's main.tf: one per side
    assert len(parsed) == 4


def test_a_module_is_parsed_when_needed_and_dropped_once_no_root_left_reaches_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a directory that calls modules is parsed up front (its calls tell roots from modules),
    # as is a module some root calls; a root that calls none only when it is evaluated
    shared_module = 'module "db" {\n  source = "../../modules/db"\n}\n'
    files = {
        **{f"stacks/a/{k}": v for k, v in _root("t3.micro", module=shared_module).items()},
        **{f"stacks/b/{k}": v for k, v in _root("t3.small").items()},
        **{f"stacks/c/{k}": v for k, v in _root("t3.large", module=shared_module).items()},
        "modules/db/main.tf": 'resource "aws_ebs_volume" "db" {\n  size = 10\n}\n',
    }
    base, head = _write(tmp_path / "base", files), _write(tmp_path / "head", files)
    held: list[set[str]] = []
    real = terraform_hcl._root

    def recording(side: Any, d: str, regions: Any) -> list[Resource]:
        held.append({key[0] for key in terraform_hcl._MODULES})
        return real(side, d, regions)

    monkeypatch.setattr(terraform_hcl, "_root", recording)
    before, after = terraform_hcl.load_pair(base, head, Settings())
    assert held == [
        {"stacks/a", "stacks/c", "modules/db"},
        {"stacks/c", "modules/db"},
        {"stacks/c", "modules/db"},
    ]
    assert terraform_hcl._MODULES == {}
    assert len(before) == len(after) == 8


def test_a_module_reached_through_a_variable_is_read_on_each_side(tmp_path: Path) -> None:
    # Terraform wants a literal source; a reach that is a guess is never taken for the same
    # inputs, and a module dropped before it was reached this way is parsed again
    dynamic = (
        'variable "which" {\n  default = "db"\n}\n'
        'module "db" {\n  source = "../../modules/${var.which}"\n}\n'
    )
    files = {
        **{f"stacks/a/{k}": v for k, v in _root("t3.micro", module=dynamic).items()},
        "modules/db/main.tf": 'resource "aws_ebs_volume" "db" {\n  size = 10\n}\n',
    }
    base = _write(tmp_path / "base", files)
    head = _write(
        tmp_path / "head",
        {**files, "modules/db/main.tf": files["modules/db/main.tf"].replace("10", "99")},
    )
    before, after = terraform_hcl.load_pair(base, head, Settings())
    size = {
        side: {r.address: r.attributes.get("size") for r in found}["module.db.aws_ebs_volume.db"]
        for side, found in (("base", before), ("head", after))
    }
    assert size == {"base": 10, "head": 99}


def test_load_sides_shares_an_equal_resource_and_keeps_a_changed_one(tmp_path: Path) -> None:
    sizes = {"a": "t3.micro", "b": "t3.small"}
    base = _stacks(tmp_path / "base", sizes)
    head = _stacks(tmp_path / "head", {**sizes, "b": "m5.large"})
    before, after = load_sides("terraform", base, head, Settings())
    b, a = _by_address(before), _by_address(after)
    # the volume of the changed root is equal on both sides: one object
    assert a[("aws_ebs_volume.data", "stacks/b")] is b[("aws_ebs_volume.data", "stacks/b")]
    assert a[("aws_instance.app", "stacks/b")] is not b[("aws_instance.app", "stacks/b")]


def test_shared_matches_by_address_and_project_and_needs_equality() -> None:
    one = Resource(address="x.a", source="terraform", kind="x", provider="aws", project="p")
    other_project = Resource(
        address="x.a", source="terraform", kind="x", provider="aws", project="q"
    )
    equal = Resource(address="x.a", source="terraform", kind="x", provider="aws", project="p")
    changed = Resource(address="x.a", source="terraform", kind="y", provider="aws", project="p")
    out = shared([one], [equal, other_project])
    assert out[0] is one and out[1] is other_project
    assert shared([one], [changed])[0] is changed


def _linked_pair(tmp_path: Path, *, base_to: str, head_to: str | None) -> tuple[Path, Path]:
    """Two roots whose ``shared.tf`` (and ``terraform.tfvars``) are symlinks to files outside
    the trees; the head resizes the instance in ``main.tf``."""
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("one.tf", "two.tf"):
        (outside / name).write_text('variable "x" {\n  default = 1\n}\n')
    (outside / "vars.tfvars").write_text("x = 2\n")
    sides = {}
    for side, target, size in (("base", base_to, "t3.micro"), ("head", head_to, "t3.large")):
        stack = tmp_path / side / "stack"
        _write(stack, _root(size))
        if target is not None:
            (stack / "shared.tf").symlink_to(outside / target)
        (stack / "terraform.tfvars").symlink_to(outside / "vars.tfvars")
        sides[side] = tmp_path / side
    return sides["base"], sides["head"]


def _check(base: Path, head: Path) -> tuple[int, str]:
    from click.testing import CliRunner

    from finops_gate.cli import main

    result = CliRunner().invoke(
        main, ["check", str(head), "--base", str(base), "--head", str(head), "--format", "json"]
    )
    return result.exit_code, result.output


def test_an_unchanged_tf_symlink_out_of_the_tree_is_noted_and_the_change_still_checked(
    tmp_path: Path,
) -> None:
    import json

    code, out = _check(*_linked_pair(tmp_path, base_to="one.tf", head_to="one.tf"))
    assert code in (0, 1), out
    doc = json.loads(out)
    notes = [n for n in doc["notes"] if "outside the tree (unchanged on both sides)" in n]
    assert [n.split(":")[0] for n in notes] == ["stack/shared.tf", "stack/terraform.tfvars"]
    changed = [(r["address"], r["action"]) for r in doc["resources"] if r["action"] != "no-op"]
    assert changed == [("aws_instance.app", "update")]


@pytest.mark.parametrize(
    ("base_to", "head_to"),
    [("one.tf", "two.tf"), (None, "one.tf")],
    ids=["pointed elsewhere in the head", "only in the head"],
)
def test_a_changed_or_new_tf_symlink_out_of_the_tree_is_exit_2(
    tmp_path: Path, base_to: str | None, head_to: str
) -> None:
    base, head = _linked_pair(tmp_path, base_to="one.tf", head_to=head_to)
    if base_to is None:
        (base / "stack" / "shared.tf").unlink()
    code, out = _check(base, head)
    assert code == 2, out
    assert "stack/shared.tf" in out and "in the head" in out and "Traceback" not in out


def test_only_the_most_recently_parsed_files_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hcl2

    parsed: list[str] = []
    real = hcl2.loads

    def counting(text: str) -> Any:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(hcl2, "loads", counting)
    monkeypatch.setattr(terraform_hcl, "_PARSED_LIMIT", 3)
    sizes = {f"s{i}": f"t3.size{i}" for i in range(6)}
    base = _stacks(tmp_path / "base", sizes)
    head = _stacks(tmp_path / "head", {**sizes, "s5": "m5.large"})
    _, after = terraform_hcl.load_pair(base, head, Settings())
    assert len(terraform_hcl._PARSED) == 3
    # providers.tf (in every root) stays among the recent ones: parsed once, as is each
    # main.tf, and s5's head
    assert len(parsed) == 1 + 6 + 1
    assert {r.attributes["instance_type"] for r in after if r.kind == "aws_instance"} == {
        *(f"t3.size{i}" for i in range(5)),
        "m5.large",
    }


def test_a_file_the_same_on_both_sides_is_parsed_once_however_many_its_root_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hcl2

    parsed: list[str] = []
    real = hcl2.loads

    def counting(text: str) -> Any:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(hcl2, "loads", counting)
    monkeypatch.setattr(terraform_hcl, "_PARSED_LIMIT", 1)
    extra = {f"stacks/a/v{i}.tf": f'variable "v{i}" {{\n  default = {i}\n}}\n' for i in range(4)}
    base = _stacks(tmp_path / "base", {"a": "t3.micro"}, extra)
    head = _stacks(tmp_path / "head", {"a": "m5.large"}, extra)
    terraform_hcl.load_pair(base, head, Settings())
    # six files in the root, one of them changed: seven parses, whatever the cache keeps
    # from one root to the next
    assert len(parsed) == 7
    assert len(terraform_hcl._PARSED) == 1


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("main.tf", 'module "db" {\n  source = "../../lib/db"\n}\n'),
        ("calls.tf.json", '{"\\u006dodule": {"db": {"source": "../../lib/db"}}}'),
    ],
    ids=["native", "json with an escaped key"],
)
def test_a_module_called_from_a_root_is_no_root_of_its_own(
    tmp_path: Path, name: str, call: str
) -> None:
    files = {
        **{f"stacks/a/{k}": v for k, v in _root("t3.micro").items()},
        f"stacks/a/{name}": call if name != "main.tf" else _root("t3.micro", module=call)[name],
        "lib/db/main.tf": 'resource "aws_ebs_volume" "db" {\n  size = 10\n}\n',
    }
    base, head = _write(tmp_path / "base", files), _write(tmp_path / "head", files)
    before, after = terraform_hcl.load_pair(base, head, Settings())
    assert sorted((r.address, r.project) for r in after) == [
        ("aws_ebs_volume.data", "stacks/a"),
        ("aws_instance.app", "stacks/a"),
        ("module.db.aws_ebs_volume.db", "stacks/a"),
    ]
    assert before == after


def test_the_strings_held_once_while_reading_are_dropped_with_the_parses(tmp_path: Path) -> None:
    # a tree's short strings are shared through a table of the reader's own (the interpreter's
    # intern table never shrinks): held while both sides are read, then dropped
    sizes = {"a": "t3.micro", "b": "t3.small"}
    base = _stacks(tmp_path / "base", sizes)
    head = _stacks(tmp_path / "head", {**sizes, "b": "m5.large"})
    before, _ = terraform_hcl.load_pair(base, head, Settings())
    assert terraform_hcl._STRINGS
    a = {r.address: r for r in before if r.project == "stacks/a"}
    b = {r.address: r for r in before if r.project == "stacks/b"}
    zone = "availability_zone"
    assert a["aws_ebs_volume.data"].attributes[zone] is b["aws_ebs_volume.data"].attributes[zone]
    load_sides("terraform", base, head, Settings())
    assert terraform_hcl._STRINGS == {} and terraform_hcl._PARSED == {}


def test_roots_resources_share_their_provider_and_region_strings(tmp_path: Path) -> None:
    """Each root's provider block is its own evaluation: the resources of a tree's thousands
    of roots hold one "aws" and one "us-east-1", not one per root."""
    tree = _stacks(tmp_path, {f"s{i}": "t3.micro" for i in range(4)})
    found = terraform_hcl.load(tree, Settings())
    assert len({r.project for r in found}) == 4
    assert {r.provider for r in found} == {"aws"} and {r.region for r in found} == {"us-east-1"}
    assert len({id(r.provider) for r in found}) == 1
    assert len({id(r.region) for r in found}) == 1
