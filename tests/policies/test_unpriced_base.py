"""A changed resource whose base could not be priced and whose head can: what the change costs
is not known, so the row is not "priced", the change is a ``pricing.unpriced`` finding and the
approval policy's "cost unknown" reason names it (a $16,000 instance used to pass)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from finops_gate.cli import main

_TAGS = '"finops:team" = "a", "finops:service" = "b", "finops:environment" = "c", ' + (
    '"finops:cost-center" = "d"'
)
_MAIN = (
    'provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = { TAGS }\n  }\n}\n'
    'resource "aws_instance" "x" {\n  ami = "ami-1"\n  instance_type = TYPE\n'
    '  root_block_device {\n    volume_size = 8\n    volume_type = "gp3"\n  }\n}\n'
).replace("TAGS", _TAGS)


def _check(tmp_path: Path, base: str, head: str, *extra: str) -> tuple[int, dict[str, Any]]:
    for side, itype in (("base", base), ("head", head)):
        (tmp_path / side).mkdir(exist_ok=True)
        (tmp_path / side / "main.tf").write_text(_MAIN.replace("TYPE", itype), encoding="utf-8")
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json", *extra])
    return result.exit_code, json.loads(result.output)


def test_a_base_that_could_not_be_priced_makes_the_change_unpriced(tmp_path: Path) -> None:
    code, doc = _check(tmp_path, "data.aws_ssm_parameter.type.value", '"p4d.24xlarge"')
    (row,) = doc["resources"]
    assert (row["action"], row["status"], row["monthly_delta"]) == ("update", "unpriced", None)
    assert row["monthly_after"] == "16029.72"  # $21.9576/h x 730: shown, not counted
    findings = [f for f in doc["findings"] if f["policy"] == "pricing.unpriced"]
    assert len(findings) == 1 and "before the change" in findings[0]["message"]
    assert doc["verdict"] == "warn"
    assert code == 0  # a warning by default


def test_it_fails_when_unpriced_fails_and_asks_for_approval(tmp_path: Path) -> None:
    config = tmp_path / ".finops-gate.yml"
    config.write_text(
        "version: 1\npolicies:\n  pricing:\n    unpriced: fail\n"
        "  approval:\n    monthly_increase: 100\n",
        encoding="utf-8",
    )
    code, doc = _check(
        tmp_path, "data.aws_ssm_parameter.type.value", '"p4d.24xlarge"', "--config", str(config)
    )
    assert code == 1
    assert any("cost unknown" in r for r in doc["approval"]["reasons"])


def test_a_priced_base_and_head_are_priced(tmp_path: Path) -> None:
    _, doc = _check(tmp_path, '"m5.large"', '"m5.xlarge"')
    (row,) = doc["resources"]
    assert (row["status"], row["monthly_delta"]) == ("priced", "70.08")
    assert not [f for f in doc["findings"] if f["policy"] == "pricing.unpriced"]
