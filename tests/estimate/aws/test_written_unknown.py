"""An argument the code writes with a value known only at apply is unknown, never AWS's default.

A plan shows ``after_unknown: true`` both for an argument written as ``multi_az =
aws_ssm_parameter.ha.value`` and for one left unset that the provider computes (``multi_az``,
``storage_type`` of RDS and DMS are Optional+Computed): only the configuration's ``expressions``
tell them apart. The first is unpriced naming the argument; the second takes AWS's default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from finops_gate.model import Status
from tests.estimate.aws.linked_plan import _plan, _price

_SSM = {"references": ["aws_ssm_parameter.ha.value", "aws_ssm_parameter.ha"]}
_DMS = {"replication_instance_class": "dms.t2.micro", "allocated_storage": 50}
_RDS = {
    "engine": "postgres",
    "engine_version": "16.3",
    "instance_class": "db.t3.large",
    "allocated_storage": 100,
}


def _code(values: dict[str, Any], **written: Any) -> dict[str, Any]:
    return {**{k: {"constant_value": v} for k, v in values.items()}, **written}


def _changes(tmp_path: Path) -> dict[str, Any]:
    return _plan(
        tmp_path,
        [
            ("aws_dms_replication_instance.set", _DMS, _code(_DMS, multi_az=_SSM)),
            ("aws_dms_replication_instance.unset", _DMS, _code(_DMS)),
            ("aws_db_instance.set_az", _RDS, _code(_RDS, multi_az=_SSM)),
            ("aws_db_instance.set_type", _RDS, _code(_RDS, storage_type=_SSM)),
            ("aws_db_instance.unset", _RDS, _code(_RDS)),
            ("aws_db_instance.null", _RDS, _code(_RDS, multi_az={"constant_value": None})),
            ("aws_db_instance.var", _RDS, _code(_RDS, storage_type={"references": ["var.t"]})),
        ],
        unknown={
            "aws_dms_replication_instance.set": ["multi_az"],
            "aws_dms_replication_instance.unset": ["multi_az"],
            "aws_db_instance.set_az": ["multi_az"],
            "aws_db_instance.set_type": ["storage_type"],
            "aws_db_instance.unset": ["multi_az", "storage_type"],
            "aws_db_instance.null": ["multi_az"],
            "aws_db_instance.var": ["storage_type"],
        },
    )


def test_a_written_argument_known_only_at_apply_is_unpriced_naming_it(tmp_path: Path) -> None:
    changes = _changes(tmp_path)
    for address, path in (
        ("aws_dms_replication_instance.set", "multi_az"),
        ("aws_db_instance.set_az", "multi_az"),
        ("aws_db_instance.set_type", "storage_type"),
    ):
        side = _price(changes[address])
        assert side.status is Status.UNPRICED, address
        assert f"{path} is unknown until apply" in (side.reason or ""), address


def test_an_unset_argument_the_provider_computes_takes_aws_default(tmp_path: Path) -> None:
    changes = _changes(tmp_path)
    dms = _price(changes["aws_dms_replication_instance.unset"])
    rds = _price(changes["aws_db_instance.unset"])
    assert dms.status is Status.PRICED and rds.status is Status.PRICED
    assert "Single-AZ" in " ".join(line.name for line in dms.lines)


def test_a_null_constant_or_variable_is_left_to_the_provider_as_unset(tmp_path: Path) -> None:
    # ``multi_az = null``, or a module passing a null variable through: the plan knows the value
    # (null) and shows it unknown only because the provider computes it; AWS's default applies
    changes = _changes(tmp_path)
    for address in ("aws_db_instance.null", "aws_db_instance.var"):
        assert _price(changes[address]).status is Status.PRICED, address
