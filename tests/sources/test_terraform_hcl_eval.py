"""``.tf`` trees as real repositories write them: terraform-aws-modules idioms, many roots,
JSON syntax, override files, provider local names."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.config import Settings
from finops_gate.errors import InputError
from finops_gate.model import Resource
from finops_gate.sources import hcl_expr
from finops_gate.sources.terraform_hcl import load
from finops_gate.sources.tree import Tree
from tests.sides import check_sides

FIXTURES = Path(__file__).parents[1] / "fixtures" / "tf"


def _load(root: Path, settings: Settings | None = None) -> dict[str, Resource]:
    return {f"{r.project}:{r.address}": r for r in load(Tree(root), settings or Settings())}


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


class _Vars(hcl_expr.Scope):
    def __init__(self, **values: Any) -> None:
        self.values = values

    def root(self, name: str) -> Any:
        return self.values["var"] if name == "var" else hcl_expr.Unknown(name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("var.create ? 1 : 0", 1),
        ("var.create && var.cls != null ? 1 : 0", 1),
        ("length(var.azs) > 1 && !var.single ? length(var.azs) : 1", 3),
        ('[for az in var.azs : upper(az) if az != "b"]', ["A", "C"]),
        ("{for i, az in var.azs : az => i}", {"a": 0, "b": 1, "c": 2}),
        ('merge({Name = "x"}, var.tags)', {"Name": "x", "team": "t"}),
        ('try(var.missing.deep, "fallback")', "fallback"),
        ('lookup(var.sizes, "prod", "t3.micro")', "m5.large"),
        ('coalesce(var.cls, "db.t3.micro")', "db.t4g.large"),
        ('"${var.cls}-${length(var.azs)}"', "db.t4g.large-3"),
        ("var.azs[*]", ["a", "b", "c"]),
        ("element(var.azs, 4)", "b"),
        ("max(2, var.n * 3) / 2", 3),
        ('toset(concat(var.azs, ["a"]))', ["a", "b", "c"]),
    ],
)
def test_expressions_of_terraform_aws_modules_evaluate(text: str, expected: Any) -> None:
    scope = _Vars(
        var={
            "create": True,
            "cls": "db.t4g.large",
            "azs": ["a", "b", "c"],
            "single": False,
            "tags": {"team": "t"},
            "sizes": {"prod": "m5.large"},
            "n": 2,
        }
    )
    assert hcl_expr.evaluate(text, scope) == expected


@pytest.mark.parametrize(
    "text",
    [
        "data.aws_ami.x.id ? 1 : 0",
        "timestamp()",
        "var.create ? data.x.y : 1",
        "[for s in data.x.ids : s]",
        "1 +",
        "((((((((((((((((((((((((((((((((((1" + ")" * 10,
        "range(100000000)",
    ],
)
def test_what_only_terraform_knows_is_unknown_never_a_guess(text: str) -> None:
    value = hcl_expr.evaluate(text, _Vars(var={"create": True}))
    assert hcl_expr.is_unknown(value)


def test_unknown_condition_short_circuits_when_the_other_side_decides() -> None:
    scope = _Vars(var={"off": False})
    assert hcl_expr.evaluate("var.off && data.x.y", scope) is False
    assert hcl_expr.is_unknown(hcl_expr.evaluate("data.x.y && var.off == false", scope))


def test_module_input_change_in_a_count_guarded_module_is_priced_and_shown(
    tmp_path: Path,
) -> None:
    """terraform-aws-modules style: ``count = local.create ? 1 : 0``, NAT per AZ."""
    base = _load(FIXTURES / "aws-modules-base")
    head = _load(FIXTURES / "aws-modules-head")
    db = ".:module.db.aws_db_instance.this[0]"
    assert base[db].attributes["instance_class"] == "db.t4g.large"
    assert head[db].attributes["instance_class"] == "db.r6g.2xlarge"
    assert base[db].attributes["identifier"] == "orders-db"
    assert base[db].tags == {"Name": "orders", "finops:team": "orders"}
    nats = sorted(k for k in head if "aws_nat_gateway" in k)
    assert len([k for k in base if "aws_nat_gateway" in k]) == 1 and len(nats) == 3
    assert sorted(k for k in base if "aws_eip" in k) == [
        f'.:module.db.aws_eip.nat["us-east-1{z}"]' for z in "abc"
    ]
    assert head[nats[2]].tags is not None and head[nats[2]].tags["Name"] == "orders-nat-us-east-1c"


def test_required_providers_local_name_gives_the_type_and_its_region() -> None:
    res = _load(FIXTURES / "aws-modules-base")
    app = res[".:aws_instance.app"]
    assert app.provider == "aws" and app.region == "us-west-2"  # provider = amazon


def test_roots_sharing_addresses_are_separate_projects_and_a_change_in_one_shows(
    tmp_path: Path,
) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(FIXTURES / "aws-modules-base", base)
    shutil.copytree(FIXTURES / "aws-modules-base", head)
    for i in range(40):
        stack = 'provider "aws" { region = "us-east-1" }\nresource "aws_instance" "web" {\n'
        stack += '  instance_type = "t3.medium"\n  ami = "ami-1"\n}\n'
        _write(base, {f"stacks/s{i:02}/main.tf": stack})
        _write(
            head,
            {
                f"stacks/s{i:02}/main.tf": stack.replace("t3.medium", "m5.4xlarge")
                if i == 17
                else stack
            },
        )
    args = ["check", "--base", str(base), "--head", str(head), "--format", "json"]
    # every root read (--all-resources reads the whole tree): 42 separate aws_instance.web
    doc = json.loads(CliRunner().invoke(main, [*args, "--all-resources"]).output)
    changed = [r for r in doc["resources"] if r["action"] != "no-op"]
    assert [(r["address"], r["project"]) for r in changed] == [("aws_instance.web", "stacks/s17")]
    webs = [r for r in doc["resources"] if r["address"] == "aws_instance.web"]
    assert len(webs) == 42
    # by default only the root the change touches is read; the other roots are said unchanged
    doc = json.loads(CliRunner().invoke(main, args).output)
    assert [(r["address"], r["project"], r["action"]) for r in doc["resources"]] == [
        ("aws_instance.web", "stacks/s17", "update")
    ]
    assert any("43 Terraform directories" in n for n in doc["notes"])  # 39 stacks + 4


def test_a_changed_input_whose_value_is_unknown_is_a_changed_unpriced_resource(
    tmp_path: Path,
) -> None:
    tf = 'provider "aws" { region = "us-east-1" }\nresource "aws_instance" "x" {\n'
    tf += '  count = length(data.aws_subnets.all.ids)\n  instance_type = "t3.micro"\n}\n'
    _write(tmp_path / "base", {"main.tf": tf})
    _write(tmp_path / "head", {"main.tf": tf.replace("t3.micro", "m5.8xlarge")})
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).output)
    (row,) = doc["resources"]
    assert row["action"] == "update" and row["status"] == "unpriced"
    _write(tmp_path / "head", {"main.tf": tf.replace("all.ids", "private.ids")})
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).output)
    assert doc["resources"][0]["action"] == "update"  # only the unknown count's source moved


@pytest.mark.parametrize("count", ["-1", "1.5", '"two"', '" 2"', '"1_0"', "true", "100001"])
def test_an_invalid_count_is_an_error_naming_file_and_line(tmp_path: Path, count: str) -> None:
    _write(tmp_path, {"main.tf": f'resource "aws_instance" "x" {{\n  count = {count}\n}}\n'})
    with pytest.raises(InputError, match=r"main\.tf:1: aws_instance\.x: count"):
        load(Tree(tmp_path), Settings())


@pytest.mark.parametrize("count", ['"2"', '"2.0"', '"${1 + 1}"'])
def test_a_numeric_string_count_is_the_number_as_terraform_converts_it(
    tmp_path: Path, count: str
) -> None:
    _write(tmp_path, {"main.tf": f'resource "aws_instance" "x" {{\n  count = {count}\n}}\n'})
    found = load(Tree(tmp_path), Settings())
    assert sorted(r.address for r in found) == ["aws_instance.x[0]", "aws_instance.x[1]"]


def test_tf_json_tfvars_json_and_override_files_follow_terraform(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.tf.json": json.dumps(
                {
                    "provider": {"aws": {"region": "us-east-1"}},
                    "variable": {"size": {"default": "t3.micro"}, "n": {"default": 1}},
                    "resource": {
                        "aws_instance": {
                            "web": {
                                "count": "${var.n}",
                                "instance_type": "${var.size}",
                                "tags": {"Name": "web-${count.index}"},
                                "root_block_device": {"volume_size": 50},
                            }
                        }
                    },
                }
            ),
            "terraform.tfvars": 'size = "t3.small"\n',
            "terraform.tfvars.json": json.dumps({"n": 2}),
            "a.auto.tfvars.json": json.dumps({"size": "m5.large"}),
            "override.tf": 'resource "aws_instance" "web" {\n  ami = "ami-override"\n}\n',
            "web_override.tf.json": json.dumps({"provider": {"aws": {"region": "eu-west-1"}}}),
        },
    )
    res = load(Tree(tmp_path), Settings())
    assert [r.address for r in res] == ["aws_instance.web[0]", "aws_instance.web[1]"]
    web = res[1]
    assert web.attributes["instance_type"] == "m5.large"  # auto.tfvars after terraform.tfvars
    assert web.attributes["ami"] == "ami-override" and web.region == "eu-west-1"
    assert web.tags == {"Name": "web-1"}
    assert web.attributes["root_block_device"] == [{"volume_size": 50}]


def test_bad_tf_json_is_an_error_naming_the_file(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tf.json": "{ not json"})
    with pytest.raises(InputError, match=r"main\.tf\.json: not valid JSON"):
        load(Tree(tmp_path), Settings())


def test_a_called_directory_with_providers_is_still_a_root_and_self_calls_are_safe(
    tmp_path: Path,
) -> None:
    inst = 'resource "aws_instance" "x" {\n  instance_type = "t3.micro"\n}\n'
    _write(
        tmp_path,
        {
            "envs/prod/main.tf": 'module "shared" {\n  source = "../shared"\n}\n',
            "envs/shared/main.tf": 'provider "aws" { region = "us-east-1" }\n' + inst,
            "loop/main.tf": 'provider "aws" { region = "us-east-1" }\n'
            'module "me" {\n  source = "./"\n}\n' + inst,
        },
    )
    found = {(r.project, r.address) for r in load(Tree(tmp_path), Settings())}
    assert ("envs/shared", "aws_instance.x") in found
    assert ("envs/prod", "module.shared.aws_instance.x") in found
    assert ("loop", "aws_instance.x") in found


def test_config_default_region_prices_resources_whose_provider_sets_none(tmp_path: Path) -> None:
    _write(
        tmp_path, {"main.tf": 'resource "aws_instance" "x" {\n  instance_type = "t3.micro"\n}\n'}
    )
    settings = Settings(raw={"version": 1, "pricing": {"default_region": {"aws": "us-east-1"}}})
    (plain,) = load(Tree(tmp_path), Settings())
    (dflt,) = load(Tree(tmp_path), settings)
    assert plain.region is None and dflt.region == "us-east-1"


def test_unreadable_head_file_of_a_tf_tree_is_an_error_not_a_deletion(tmp_path: Path) -> None:
    _write(tmp_path / "base", {"main.tf": 'resource "aws_instance" "x" {\n  count = 1\n}\n'})
    (tmp_path / "head").mkdir()
    (tmp_path / "head" / "main.tf").write_bytes(
        b'resource "aws_instance" "x" {\n  count = \xff\n}\n'
    )
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "main.tf" in result.output


FILE_INPUTS = {
    "infra/main.tf": (
        'provider "aws" {\n  region = "us-east-1"\n}\n'
        "locals {\n"
        '  sizes = jsondecode(file("${path.module}/../config/sizes.json"))\n'
        "}\n"
        'resource "aws_instance" "web" {\n  ami = "ami-1"\n'
        "  instance_type = local.sizes.web\n}\n"
        'module "api" {\n  source = "../modules/api"\n}\n'
    ),
    "modules/api/main.tf": (
        'resource "aws_instance" "api" {\n  ami = "ami-1"\n'
        '  instance_type = yamldecode(file("${path.module}/size.yaml")).api\n'
        '  user_data = fileexists("${path.module}/boot.sh") ? file("${path.module}/boot.sh") : ""\n'
        "}\n"
    ),
    "modules/api/size.yaml": "api: t3.small\n",
    "config/sizes.json": '{"web": "t3.micro"}\n',
}


@pytest.mark.parametrize(
    ("rel", "text", "address", "after"),
    [
        ("config/sizes.json", '{"web": "m5.8xlarge"}\n', "aws_instance.web", "1121.28"),
        ("modules/api/size.yaml", "api: m5.4xlarge\n", "module.api.aws_instance.api", "560.64"),
    ],
)
def test_a_change_to_a_file_the_code_reads_with_file_is_a_priced_change(
    tmp_path: Path, rel: str, text: str, address: str, after: str
) -> None:
    """Only the JSON/YAML input changed; the .tf files are the same bytes on both sides."""
    doc = check_sides(tmp_path, FILE_INPUTS, {**FILE_INPUTS, rel: text})
    changed = {r["address"]: r for r in doc["resources"] if r["action"] != "no-op"}
    assert list(changed) == [address]
    assert (changed[address]["status"], changed[address]["monthly_after"]) == ("priced", after)


@pytest.mark.parametrize(
    "text",
    [
        'file("/etc/passwd")',
        'file("../../etc/passwd")',
        'file("missing.json")',
        'jsondecode("{not json")',
        'yamldecode("a: [")',
        # a YAML alias bomb: a few hundred bytes that decode to billions of values
        'yamldecode("a: &a [1,1,1,1,1,1,1,1,1]\\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\\n'
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\\n"
        'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]")',
    ],
)
def test_a_file_outside_the_tree_missing_or_not_decodable_is_unknown(text: str) -> None:
    assert hcl_expr.is_unknown(hcl_expr.evaluate(text, _Vars(var={})))


def test_a_template_with_interpolations_is_unknown_but_changes_with_its_text(
    tmp_path: Path,
) -> None:
    files = {
        "main.tf": 'resource "aws_instance" "x" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n'
        '  user_data = templatefile("boot.tpl", { n = 1 })\n  tags = { plain = templatefile('
        '"plain.tpl", {}) }\n}\n',
        "boot.tpl": "echo ${n}\n",
        "plain.tpl": "no interpolation",
    }
    base = _load(_write(tmp_path / "a", files))[".:aws_instance.x"]
    head = _load(_write(tmp_path / "b", {**files, "boot.tpl": "echo ${n} more\n"}))[
        ".:aws_instance.x"
    ]
    assert base.attributes["tags"] == {"plain": "no interpolation"}
    unknown = [r.attributes["__unknown_inputs__"]["user_data"] for r in (base, head)]
    assert unknown[0] != unknown[1]


VAR_FILES = {
    "stack/main.tf": (
        'provider "aws" {\n  region = "us-east-1"\n}\n'
        'variable "size" {\n  type    = string\n  default = "t3.micro"\n}\n'
        'resource "aws_instance" "web" {\n  ami = "ami-1"\n  instance_type = var.size\n}\n'
    ),
    "stack/terraform.tfvars": 'size = "t3.nano"\n',
    "stack/envs/prod.tfvars": 'size = "t3.small"\n',
    "stack/dev.tfvars.json": '{"size": "t3.medium"}\n',
    "stack/modules/x/main.tf": "# a directory with .tf files: its variable files are its own\n",
    "stack/modules/x/x.tfvars": 'size = "m5.24xlarge"\n',
    "global.tfvars": 'size = "m5.24xlarge"\n',  # above every root: whose it is is not known
}


def test_each_variable_file_passed_with_var_file_is_a_project_of_its_root(
    tmp_path: Path,
) -> None:
    doc = check_sides(
        tmp_path, VAR_FILES, {**VAR_FILES, "stack/envs/prod.tfvars": 'size = "m5.8xlarge"\n'}
    )
    changed = [
        (r["project"], r["address"], r["monthly_before"], r["monthly_after"])
        for r in doc["resources"]
        if r["action"] != "no-op"
    ]
    assert changed == [("stack (envs/prod.tfvars)", "aws_instance.web", "15.18", "1121.28")]
    every = {(r["project"], r["monthly_after"]) for r in _check_all(tmp_path)["resources"]}
    assert every == {("stack (envs/prod.tfvars)", "1121.28"), ("stack (dev.tfvars.json)", "30.37")}


def _check_all(tmp_path: Path, *extra: str) -> dict[str, Any]:
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--all-resources", "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    doc: dict[str, Any] = json.loads(result.output)
    return doc


def test_var_files_config_picks_the_variable_files_or_none(tmp_path: Path) -> None:
    _write(tmp_path / "base", VAR_FILES)
    _write(tmp_path / "head", VAR_FILES)
    for picked, expected in (
        ("[stack/envs/*.tfvars]", {("stack (envs/prod.tfvars)", "15.18")}),
        ("[]", {("stack", "3.8")}),  # terraform.tfvars alone, as Terraform loads it
    ):
        (tmp_path / "f.yml").write_text(
            f"version: 1\nsources:\n  terraform:\n    var_files: {picked}\n"
        )
        doc = _check_all(tmp_path, "--config", str(tmp_path / "f.yml"))
        assert {(r["project"], r["monthly_after"]) for r in doc["resources"]} == expected


def _committed(repo: Path) -> None:
    """``repo`` as a git repository whose branch ``main`` holds its files (the base)."""
    git = ["git", "-C", str(repo), "-c", "user.email=a@b.c", "-c", "user.name=a"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run([*git, *args], check=True)


def test_git_mode_reads_an_unchanged_file_the_code_names_on_both_sides(tmp_path: Path) -> None:
    """The root changed, config/sizes.json (outside its directory) did not: both sides read
    it, so the resources stay priced (the base's export held only the root's files)."""
    repo = _write(tmp_path / "repo", FILE_INPUTS)
    _committed(repo)
    _write(repo, {"infra/main.tf": FILE_INPUTS["infra/main.tf"].replace("ami-1", "ami-2")})
    result = CliRunner().invoke(
        main, ["check", str(repo), "--base-ref", "main", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = {r["address"]: r for r in json.loads(result.stdout)["resources"]}
    web = rows["aws_instance.web"]
    assert (web["status"], web["monthly_before"], web["monthly_after"]) == (
        "priced",
        "7.59",
        "7.59",
    )


def test_a_file_the_code_reads_is_seen_among_hundreds_of_changed_files(tmp_path: Path) -> None:
    """A pull request that also changes 250 other files hides no name from the scope."""
    docs = {f"docs/a{i:03}.md": f"doc {i}\n" for i in range(250)}
    head = {**FILE_INPUTS, **docs, "config/sizes.json": '{"web": "m5.8xlarge"}\n'}
    doc = check_sides(tmp_path, FILE_INPUTS, head)
    changed = {r["address"]: r["monthly_after"] for r in doc["resources"] if r["action"] != "no-op"}
    assert changed == {"aws_instance.web": "1121.28"}


def test_git_mode_gives_a_file_outside_the_scope_the_same_unknown_on_both_sides(
    tmp_path: Path,
) -> None:
    """fileexists() of a path built from a variable: the scope cannot see it, git mode's base
    export lacks the file and the head's checkout has it; neither side may know it alone."""
    files = {
        "infra/main.tf": (
            'provider "aws" {\n  region = "us-east-1"\n}\n'
            'variable "cfg" {\n  default = "sizes"\n}\n'
            'locals {\n  p = "${path.module}/../config/${var.cfg}.json"\n}\n'
            'resource "aws_instance" "web" {\n  ami = "AMI"\n  instance_type = fileexists('
            'local.p) ? jsondecode(file(local.p)).web : "t3.micro"\n}\n'
        ),
        "config/sizes.json": '{"web": "m5.4xlarge"}\n',
    }
    repo = _write(
        tmp_path / "repo", {**files, "infra/main.tf": files["infra/main.tf"].replace("AMI", "a")}
    )
    _committed(repo)
    _write(repo, {"infra/main.tf": files["infra/main.tf"].replace("AMI", "b")})
    result = CliRunner().invoke(
        main, ["check", str(repo), "--base-ref", "main", "--format", "json"]
    )
    (row,) = json.loads(result.stdout)["resources"]
    assert (row["status"], row["monthly_before"], row["monthly_after"]) == ("unpriced", None, None)


@pytest.mark.parametrize("side", ["head", "base"])
def test_a_file_the_code_reads_unreadable_on_one_side_is_never_a_pass(
    tmp_path: Path, side: str
) -> None:
    """config/sizes.json not UTF-8 in the head only: exit 2 naming it (it cannot be compared);
    in the base only: the size before is unknown, a changed unpriced row (WARN)."""
    for name in ("base", "head"):
        _write(tmp_path / name, FILE_INPUTS)
    (tmp_path / side / "config" / "sizes.json").write_bytes(b'\xff{"web": "m5.8xlarge"}')
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    if side == "head":
        assert result.exit_code == 2
        (line,) = result.stderr.strip().splitlines()
        assert "config/sizes.json" in line
        return
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    (row,) = [r for r in doc["resources"] if r["address"] == "aws_instance.web"]
    assert (row["action"], row["status"], doc["verdict"]) == ("update", "unpriced", "warn")


def test_an_autodetected_variable_file_that_is_not_hcl_is_one_line_naming_the_way_out(
    tmp_path: Path,
) -> None:
    files = {**VAR_FILES, "stack/envs/template.tfvars": "size = ${SIZE}\n"}
    for name in ("base", "head"):
        _write(tmp_path / name, files)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--all-resources"])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "stack/envs/template.tfvars" in line and "sources.terraform.var_files" in line
    assert "Traceback" not in result.output
