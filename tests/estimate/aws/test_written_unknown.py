"""An argument the code writes with a value known only at apply is unknown, never AWS's default.

A plan shows ``after_unknown: true`` both for an argument written as ``multi_az =
aws_ssm_parameter.ha.value`` and for one left unset that the provider computes (``multi_az``,
``storage_type`` of RDS and DMS are Optional+Computed): only the configuration's ``expressions``
tell them apart. The first is unpriced naming the argument; the second takes AWS's default.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from finops_gate.cli import main


def _change(address: str, after: dict[str, Any], unknown: list[str]) -> dict[str, Any]:
    kind, name = address.split(".")
    return {
        "address": address,
        "mode": "managed",
        "type": kind,
        "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {
            "actions": ["create"],
            "before": None,
            "after": after,
            "after_unknown": {"id": True, **dict.fromkeys(unknown, True)},
        },
    }


def _config(address: str, expressions: dict[str, Any]) -> dict[str, Any]:
    kind, name = address.split(".")
    return {
        "address": address,
        "mode": "managed",
        "type": kind,
        "name": name,
        "provider_config_key": "aws",
        "expressions": expressions,
    }


_SSM = {"references": ["aws_ssm_parameter.ha.value", "aws_ssm_parameter.ha"]}
_DMS = {"replication_instance_class": "dms.t2.micro", "allocated_storage": 50}
_RDS = {
    "engine": "postgres",
    "engine_version": "16.3",
    "instance_class": "db.t3.large",
    "allocated_storage": 100,
}
_RDS_CODE = {k: {"constant_value": v} for k, v in _RDS.items()}
_DMS_CODE = {k: {"constant_value": v} for k, v in _DMS.items()}


def _plan(tmp_path: Path) -> Path:
    rows = [
        # (address, planned values, unknown arguments, the configuration's expressions)
        ("aws_dms_replication_instance.set", _DMS, ["multi_az"], {**_DMS_CODE, "multi_az": _SSM}),
        ("aws_dms_replication_instance.unset", _DMS, ["multi_az"], _DMS_CODE),
        ("aws_db_instance.set_az", _RDS, ["multi_az"], {**_RDS_CODE, "multi_az": _SSM}),
        ("aws_db_instance.set_type", _RDS, ["storage_type"], {**_RDS_CODE, "storage_type": _SSM}),
        ("aws_db_instance.unset", _RDS, ["multi_az", "storage_type"], _RDS_CODE),
    ]  # fmt: skip
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.11.0",
        "resource_changes": [_change(a, after, unknown) for a, after, unknown, _ in rows],
        "configuration": {
            "provider_config": {
                "aws": {
                    "name": "aws",
                    "expressions": {"region": {"constant_value": "us-east-1"}},
                }
            },
            "root_module": {"resources": [_config(a, code) for a, _, _, code in rows]},
        },
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path


def _rows(tmp_path: Path) -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(
        main, ["check", str(tmp_path), "--plan", str(_plan(tmp_path)), "--format", "json"]
    )
    assert result.exit_code in (0, 1), result.stderr
    return {r["address"]: r for r in json.loads(result.stdout)["resources"]}


def test_a_written_argument_known_only_at_apply_is_unpriced_naming_it(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    for address, path in (
        ("aws_dms_replication_instance.set", "multi_az"),
        ("aws_db_instance.set_az", "multi_az"),
        ("aws_db_instance.set_type", "storage_type"),
    ):
        row = rows[address]
        assert row["status"] == "unpriced", address
        assert f"{path} is unknown until apply" in row["reason"], address


def test_an_unset_argument_the_provider_computes_takes_aws_default(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    dms, rds = rows["aws_dms_replication_instance.unset"], rows["aws_db_instance.unset"]
    assert dms["status"] == "priced" and rds["status"] == "priced"
    assert "Single-AZ" in " ".join(line["name"] for line in dms["lines"])
