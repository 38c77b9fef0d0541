"""A resource an ``import`` block brings under Terraform is not created by the change: it exists
and is billed already. What it costs today is not in the code (its settings may differ from the
code's, which the apply would then change), so it is a changed row, unpriced: never a new cost,
never a way to slip a larger resource through as "already there"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sides import check_sides

_BASE = 'provider "aws" {\n  region = "us-east-1"\n}\n'
_WEB = 'resource "aws_instance" "web" {\n  ami = "ami-1"\n  instance_type = "m5.large"\n}\n'
_ROLE = 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "{}"\n}\n'


def _check(tmp_path: Path, head: str) -> dict[str, Any]:
    return check_sides(tmp_path, {"main.tf": _BASE}, {"main.tf": _BASE + head})


def _rows(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(r["address"], r["action"], r["status"]) for r in doc["resources"]]


def test_an_imported_resource_is_not_a_new_cost_nor_a_known_one(tmp_path: Path) -> None:
    doc = _check(tmp_path, _WEB + 'import {\n  to = aws_instance.web\n  id = "i-0123"\n}\n')
    assert _rows(doc) == [("aws_instance.web", "update", "unpriced")]
    assert "import block" in doc["resources"][0]["reason"]
    assert doc["totals"]["monthly_delta"] == "0"
    assert any(f["policy"] == "pricing.unpriced" for f in doc["findings"])


def test_without_the_import_block_it_is_created(tmp_path: Path) -> None:
    doc = _check(tmp_path, _WEB)
    assert _rows(doc) == [("aws_instance.web", "create", "priced")]
    assert doc["totals"]["monthly_delta"] == "70.08"


def test_a_for_each_import_covers_every_instance_and_a_free_one_stays_free(
    tmp_path: Path,
) -> None:
    many = _WEB.replace('"web" {', '"web" {\n  for_each = toset(["a", "b"])')
    head = (
        many
        + _ROLE
        + (
            'import {\n  for_each = {a = "i-1", b = "i-2"}\n  to = aws_instance.web[each.key]\n'
            '  id = each.value\n}\nimport {\n  to = aws_iam_role.r\n  id = "r"\n}\n'
        )
    )
    doc = _check(tmp_path, head)
    assert sorted(_rows(doc)) == [
        ("aws_iam_role.r", "update", "free"),
        ('aws_instance.web["a"]', "update", "unpriced"),
        ('aws_instance.web["b"]', "update", "unpriced"),
    ]
