"""finops-gate init: a commented config for what the repository holds; completes an existing
file without touching the user's comments, order or values; never overwrites without --force."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.config import load_settings
from tests.conftest import EXAMPLES

LAMBDA_TF = """
provider "aws" {
  region = "us-east-1"
}

resource "aws_lambda_function" "thumbnails" {
  function_name = "thumbnails"
  role          = "arn:aws:iam::123456789012:role/x"
  handler       = "index.handler"
  runtime       = "python3.12"
  memory_size   = 512
}

resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = "t3.medium"
}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["init", *args], env={})
    return result.exit_code, result.stdout, result.stderr


def test_init_writes_a_valid_commented_config_with_usage_stubs(tmp_path: Path) -> None:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(LAMBDA_TF, encoding="utf-8")
    code, out, err = run(str(tmp_path))
    assert code == 0, err
    path = tmp_path / ".finops-gate.yml"
    text = path.read_text(encoding="utf-8")
    assert "created" in out
    settings = load_settings(path)  # the gate accepts what init wrote
    assert settings is not None
    assert '"finops:team"' in text and '"finops:cost-center"' in text
    assert "monthly_increase: 500" in text
    assert 'terraform: {dirs: ["infra"]}' in text  # what was found, as a comment
    # the Lambda's cost depends on usage: a commented stub naming its keys, never a 0
    assert '#       "aws_lambda_function.thumbnails":' in text
    assert "#         monthly_requests: " in text
    assert "aws_instance.web" not in text.split("usage stubs", 1)[1]


def test_init_on_an_existing_file_adds_only_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / ".finops-gate.yml"
    original = (
        "# our own header comment\n"
        "version: 1\n"
        "policies:\n"
        "  approval:\n"
        "    percent_increase: 40   # agreed with finance\n"
        "  tags:\n"
        "    on_missing: fail\n"
    )
    path.write_text(original, encoding="utf-8")
    code, out, err = run(str(tmp_path))
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# our own header comment\nversion: 1\n")
    assert "percent_increase: 40   # agreed with finance" in text
    assert "monthly_increase" not in text  # a threshold is set: the user's choice stands
    assert text.index("approval:") < text.index("tags:")  # order kept
    assert "required: [finops:team" in text
    assert "policies.tags.required" in out
    # a second run finds nothing missing and leaves the file byte for byte
    code, out, _ = run(str(tmp_path))
    assert code == 0 and "nothing added" in out
    assert path.read_text(encoding="utf-8") == text


def test_force_replaces_and_without_it_nothing_is_overwritten(tmp_path: Path) -> None:
    path = tmp_path / ".finops-gate.yml"
    path.write_text("version: 1\npolicies: {tags: {required: [owner]}}\n", encoding="utf-8")
    run(str(tmp_path))
    assert "required: [owner]" in path.read_text(encoding="utf-8")
    code, out, _ = run(str(tmp_path), "--force")
    assert code == 0 and "replaced" in out
    assert "finops:team" in path.read_text(encoding="utf-8")


def test_a_broken_existing_file_is_a_one_line_error_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / ".finops-gate.yml"
    path.write_text("version: 1\npolicies: [unclosed\n", encoding="utf-8")
    code, _, err = run(str(tmp_path))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and ".finops-gate.yml" in err
    assert path.read_text(encoding="utf-8") == "version: 1\npolicies: [unclosed\n"


def test_a_config_path_that_is_a_directory_or_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".finops-gate.yml").mkdir()
    code, _, err = run(str(tmp_path))
    assert code == 2 and "not a regular file" in err


def test_init_finds_kubernetes_and_model_settings(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "model-switch" / "head", tmp_path / "app")
    code, _, err = run(str(tmp_path))
    assert code == 0, err
    text = (tmp_path / ".finops-gate.yml").read_text(encoding="utf-8")
    assert "#   models: {paths: [" in text
    assert "#     default: {requests_per_month: " in text


@pytest.mark.parametrize("name", ['evil"]: x', "a\nversion: 2"])
def test_hostile_paths_and_addresses_cannot_break_the_yaml(tmp_path: Path, name: str) -> None:
    folder = tmp_path / name.replace("\n", "_").replace("/", "_")
    folder.mkdir()
    (folder / "main.tf").write_text(LAMBDA_TF, encoding="utf-8")
    code, _, err = run(str(tmp_path))
    assert code == 0, err
    assert load_settings(tmp_path / ".finops-gate.yml") is not None
