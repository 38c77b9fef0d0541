"""A variable's ``type`` converts its value as Terraform does: ``optional()`` attributes filled in,
undeclared ones dropped, strings to numbers, and a null given to a ``nullable = false`` variable
replaced by its default (the shape of terraform-aws-eks's node groups)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.config import Settings
from finops_gate.model import Resource
from finops_gate.sources import hcl_expr, hcl_types
from finops_gate.sources.terraform_hcl import load
from finops_gate.sources.tree import Tree

# A node group module as terraform-aws-eks writes it: created unless told otherwise
_CHILD = """
variable "create" {
  type     = bool
  default  = true
  nullable = false
}
variable "instance_type" {
  type    = string
  default = "t3.medium"
}
variable "size" {
  type    = number
  default = 1
}
resource "aws_instance" "node" {
  count         = var.create ? var.size : 0
  ami           = "ami-1"
  instance_type = var.instance_type
}
"""

# the root: a map of objects whose attributes are optional, each passed on as is
_ROOT = """
provider "aws" { region = "us-east-1" }
variable "groups" {
  type = map(object({
    create        = optional(bool)
    instance_type = optional(string)
    size          = optional(number, 2)
  }))
  default = {
    web = { instance_type = "%s" }
  }
}
module "group" {
  source   = "./modules/group"
  for_each = var.groups

  create        = each.value.create
  instance_type = coalesce(each.value.instance_type, "t3.small")
  size          = each.value.size
}
"""


def _write(root: Path, instance_type: str) -> Path:
    (root / "modules" / "group").mkdir(parents=True)
    (root / "modules" / "group" / "main.tf").write_text(_CHILD, encoding="utf-8")
    (root / "main.tf").write_text(_ROOT % instance_type, encoding="utf-8")
    return root


def _load(root: Path) -> dict[str, Resource]:
    return {r.address: r for r in load(Tree(root), Settings())}


def test_optional_attributes_and_a_non_nullable_default_give_a_known_count(
    tmp_path: Path,
) -> None:
    found = _load(_write(tmp_path, "m5.large"))
    assert sorted(found) == [
        'module.group["web"].aws_instance.node[0]',
        'module.group["web"].aws_instance.node[1]',
    ]
    node = found['module.group["web"].aws_instance.node[0]']
    assert node.attributes["instance_type"] == "m5.large"
    assert not node.unknown


def test_a_node_group_size_change_is_priced_from_the_code(tmp_path: Path) -> None:
    base = _write(tmp_path / "base", "m5.large")
    head = _write(tmp_path / "head", "m5.xlarge")
    args = ["check", "--base", str(base), "--head", str(head), "--format", "json"]
    result = CliRunner().invoke(main, args)
    doc = json.loads(result.output)
    rows = {r["address"]: r for r in doc["resources"]}
    assert set(rows) == {
        'module.group["web"].aws_instance.node[0]',
        'module.group["web"].aws_instance.node[1]',
    }
    assert all(r["status"] == "priced" for r in rows.values())
    # m5.large $0.096/h -> m5.xlarge $0.192/h, two instances, 730 h: +$140.16
    assert doc["totals"]["monthly_delta"] == "140.16"
    assert doc["totals"]["not_counted"] == 0


def test_a_null_given_to_a_nullable_variable_stays_null(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(
        'variable "cls" {\n  type = string\n  default = "t3.large"\n}\n'
        'resource "aws_instance" "x" {\n  ami = "a"\n'
        '  instance_type = coalesce(var.cls, "t3.nano")\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "main.tf").write_text(
        'provider "aws" { region = "us-east-1" }\n'
        'module "m" {\n  source = "./m"\n  cls = null\n}\n',
        encoding="utf-8",
    )
    found = _load(tmp_path)
    assert found["module.m.aws_instance.x"].attributes["instance_type"] == "t3.nano"


def test_a_tfvars_string_for_a_number_variable_is_a_number(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'provider "aws" { region = "us-east-1" }\n'
        'variable "n" { type = number }\n'
        'resource "aws_instance" "x" {\n  count = var.n\n  ami = "a"\n'
        '  instance_type = "t3.micro"\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "terraform.tfvars").write_text('n = "3"\n', encoding="utf-8")
    assert sorted(_load(tmp_path)) == [f"aws_instance.x[{i}]" for i in range(3)]


@pytest.mark.parametrize(
    ("type_text", "value", "expected"),
    [
        # missing optional attributes: their default, else null; nested objects too
        (
            "${object({a = optional(string), b = optional(number, 5), "
            'c = optional(object({d = optional(string, "x")}), {})})}',
            {},
            {"a": None, "b": 5, "c": {"d": "x"}},
        ),
        # null attributes take the default; undeclared attributes are dropped
        ("${object({b = optional(number, 5)})}", {"b": None, "extra": 1}, {"b": 5}),
        ("${map(object({n = optional(number, 1)}))}", {"k": {}}, {"k": {"n": 1}}),
        ("${list(object({n = optional(number)}))}", [{}], [{"n": None}]),
        ("${tuple([number, string])}", ["2", 3], [2, "3"]),
        ("${number}", "1.5", 1.5),
        ("${bool}", "true", True),
        # what the type does not fit, or the reader cannot parse, is left as it is
        ("${object({a = string})}", {}, {}),
        ("${number}", "lots", "lots"),
        ("${map(}", {"x": 1}, {"x": 1}),
        ("any", {"x": 1}, {"x": 1}),
        # the .tf.json spelling: a JSON string holding the expression
        ('"object({a = optional(number, 2)})"', {}, {"a": 2}),
        ("object({a = optional(number, 2)})", {}, {"a": 2}),
    ],
)
def test_values_convert_to_their_type(type_text: str, value: Any, expected: Any) -> None:
    assert hcl_types.convert(value, hcl_types.constraint(type_text)) == expected


def test_unknown_values_and_defaults_stay_unknown() -> None:
    unknown = hcl_expr.Unknown("data.x.y")
    assert hcl_types.convert(unknown, hcl_types.constraint("${number}")) is unknown
    converted = hcl_types.convert(
        {}, hcl_types.constraint("${object({a = optional(number, var.x)})}")
    )
    assert hcl_expr.is_unknown(converted["a"])


class _Scope(hcl_expr.Scope):
    def __init__(self, **roots: Any) -> None:
        self.roots = roots

    def root(self, name: str) -> Any:
        return self.roots.get(name, hcl_expr.Unknown(name))


def test_lookup_and_element_answer_for_a_known_element_beside_unknown_ones() -> None:
    """terraform-google-sql-db: ``lookup(each.value, "tier", null)`` on a replica whose
    ``ip_configuration`` names a project only known on apply."""
    replica = {"tier": "db-custom-2-7680", "name": hcl_expr.Unknown("var.project_id")}
    scope = _Scope(each={"value": replica}, var={"zones": ["a", hcl_expr.Unknown("data.z")]})
    assert hcl_expr.evaluate('lookup(each.value, "tier", null)', scope) == "db-custom-2-7680"
    assert hcl_expr.evaluate('lookup(each.value, "zone", "b")', scope) == "b"
    assert hcl_expr.is_unknown(hcl_expr.evaluate('lookup(each.value, "name", "x")', scope))
    assert hcl_expr.evaluate("element(var.zones, 0)", scope) == "a"
    assert hcl_expr.is_unknown(hcl_expr.evaluate("element(var.zones, 1)", scope))


def test_lookup_of_an_attribute_terraform_computes_is_unknown_not_the_default() -> None:
    attrs = hcl_expr.OpenMap({"name": "web"}, "aws_instance.web")
    scope = _Scope(aws_instance={"web": attrs})
    assert hcl_expr.evaluate('lookup(aws_instance.web, "name", "x")', scope) == "web"
    assert hcl_expr.is_unknown(hcl_expr.evaluate('lookup(aws_instance.web, "id", "x")', scope))


def test_nested_for_expressions_are_bounded() -> None:
    """Three nested levels of ``range(1000)`` are a billion iterations: unknown in a moment,
    never a hang; two levels of 100 are still evaluated."""
    started = time.monotonic()
    nested = "[for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]"
    assert hcl_expr.is_unknown(hcl_expr.evaluate(nested, _Scope()))
    assert time.monotonic() - started < 20
    value = hcl_expr.evaluate("[for a in range(100) : [for b in range(100) : b]]", _Scope())
    assert isinstance(value, list) and len(value) == 100 and value[99][99] == 99
