"""A directory that declares a resource twice is refused as Terraform refuses it, saying how to
go on; a folder of test fixtures (cloud-foundation-fabric's tests/fixtures) can be left out."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from finops_gate.cli import main

INSTANCE = 'resource "aws_instance" "a" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n}\n'
ROOT = 'provider "aws" {\n  region = "us-east-1"\n}\n' + INSTANCE.replace('"a"', '"web"')


def _tree(root: Path, config: str | None) -> list[str]:
    for side in ("base", "head"):
        (root / side).mkdir()
        if config is not None:
            (root / side / ".finops-gate.yml").write_text(config)
    for rel, text in {
        "tests/fixtures/one.tf": INSTANCE,
        "tests/fixtures/two.tf": INSTANCE,
        "prod/main.tf": ROOT,
    }.items():
        (root / "head" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "head" / rel).write_text(text)
    return ["check", "--base", str(root / "base"), "--head", str(root / "head")]


def test_a_resource_declared_twice_is_exit_2_naming_the_file_and_the_way_out(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(main, _tree(tmp_path, None))
    assert result.exit_code == 2
    message = result.output.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message
    assert "tests/fixtures/two.tf" in message and "aws_instance.a" in message
    assert "sources.terraform.exclude" in message


def test_the_fixture_folder_left_out_the_rest_is_checked(tmp_path: Path) -> None:
    config = 'version: 1\nsources:\n  terraform:\n    exclude: ["tests/fixtures/**"]\n'
    result = CliRunner().invoke(main, [*_tree(tmp_path, config), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "aws_instance.web" in result.output and "aws_instance.a" not in result.output
