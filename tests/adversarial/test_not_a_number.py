"""A size or count that holds no number: ``NaN`` and ``Infinity`` in JSON (which Python's json
reads and JSON does not have), the strings ``"NaN"``/``"sNaN"``/``"abc"`` where terraform wants a
number. Before, a NaN crashed the run (exit 3, "internal error") and ``"abc"`` dropped the root
volume's line from a side reported ``priced``: now the file is refused (exit 2, one line naming
it) or the side is unpriced naming the attribute."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.estimate import engine
from finops_gate.model import PricedLine, SideCost, Status

PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'


def _plan(volume_size: str) -> str:
    """A one-instance plan whose root volume size is the JSON text ``volume_size``."""
    after = (
        '{"ami": "ami-1", "instance_type": "t3.micro", '
        f'"root_block_device": [{{"volume_size": {volume_size}, "volume_type": "gp3"}}]}}'
    )
    return (
        '{"format_version": "1.2", "resource_changes": [{"address": "aws_instance.a", '
        '"mode": "managed", "type": "aws_instance", "name": "a", "provider_name": '
        '"registry.terraform.io/hashicorp/aws", "change": {"actions": ["create"], '
        f'"before": null, "after": {after}}}}}]}}'
    )


def _run(*args: str) -> Any:
    result = CliRunner().invoke(main, ["check", *args], env={"AWS_REGION": "us-east-1"})
    assert "internal error" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_a_plan_holding_nan_or_infinity_is_not_json(tmp_path: Path, token: str) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(_plan(token))
    result = _run("--plan", str(plan))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "plan.json" in lines[0] and token in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ['"NaN"', '"sNaN"', '"-nan"', '"abc"', '"0x10"', "[1]"])
def test_a_size_that_is_no_number_leaves_the_side_unpriced_naming_it(
    tmp_path: Path, value: str
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(_plan(value))
    result = _run("--plan", str(plan), "--format", "json")
    assert result.exit_code == 0, result.stderr
    (found,) = json.loads(result.stdout)["resources"]
    assert found["status"] == "unpriced"
    assert found["monthly_after"] is None
    assert "root_block_device.0.volume_size" in found["reason"]
    assert "not a number" in found["reason"]


def test_a_numeric_string_is_still_a_number(tmp_path: Path) -> None:
    """``"20"``: terraform converts it (in code), so it prices as 20 GB."""
    plan = tmp_path / "plan.json"
    plan.write_text(_plan('"20"'))
    result = _run("--plan", str(plan), "--format", "json")
    (found,) = json.loads(result.stdout)["resources"]
    assert found["status"] == "priced"
    storage = [line for line in found["lines"] if "Storage" in line["name"]]
    assert [line["monthly_quantity"] for line in storage] == ["20"]


INSTANCE = (
    'resource "aws_instance" "a" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n'
    "  root_block_device {\n    volume_size = VALUE\n  }\n}\n"
)


def _tree(tmp_path: Path, head: dict[str, str]) -> tuple[str, str]:
    """A base of one instance with a 10 GB root volume; the head's files as given."""
    base, new = tmp_path / "base", tmp_path / "head"
    base.mkdir()
    new.mkdir()
    (base / "main.tf").write_text(PROVIDER + INSTANCE.replace("VALUE", "10"))
    for rel, text in head.items():
        (new / rel).write_text(text)
    return str(base), str(new)


def test_code_setting_a_size_to_text_is_unpriced_not_a_smaller_bill(tmp_path: Path) -> None:
    base, head = _tree(tmp_path, {"main.tf": PROVIDER + INSTANCE.replace("VALUE", '"abc"')})
    result = _run("--base", base, "--head", head, "--format", "json")
    assert result.exit_code == 0, result.stderr
    (found,) = json.loads(result.stdout)["resources"]
    assert found["status"] == "unpriced"
    assert found["monthly_delta"] is None
    assert "volume_size" in found["reason"]


@pytest.mark.parametrize(
    ("files", "named"),
    [
        (
            {
                "main.tf.json": '{"provider": {"aws": {"region": "us-east-1"}}, "resource": '
                '{"aws_instance": {"a": {"ami": "ami-1", "instance_type": "t3.micro", '
                '"root_block_device": {"volume_size": NaN}}}}}'
            },
            "main.tf.json",
        ),
        (
            {
                "main.tf": PROVIDER
                + 'variable "size" {}\n'
                + INSTANCE.replace("VALUE", "var.size"),
                "terraform.tfvars.json": '{"size": -Infinity}',
            },
            "terraform.tfvars.json",
        ),
    ],
)
def test_terraform_json_syntax_holding_nan_or_infinity_is_refused(
    tmp_path: Path, files: dict[str, str], named: str
) -> None:
    base, head = _tree(tmp_path, files)
    result = _run("--base", base, "--head", head)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "not a JSON number" in lines[0]


@pytest.mark.parametrize("where", ["quantity", "cost"])
def test_a_nan_that_reaches_the_pricing_stage_is_unpriced_not_a_crash(where: str) -> None:
    nan = Decimal("NaN")
    line = PricedLine(
        "Storage",
        "GB",
        nan if where == "quantity" else Decimal(1),
        Decimal("0.08"),
        nan if where == "cost" else Decimal("0.08"),
    )
    side = engine._bounded(SideCost(Status.PRICED, Decimal(1), lines=(line,)))
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "not a number" in (side.reason or "")


def test_a_nan_total_is_unpriced_not_a_crash() -> None:
    side = engine._bounded(SideCost(Status.PRICED, Decimal("NaN")))
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "not a number" in (side.reason or "")
