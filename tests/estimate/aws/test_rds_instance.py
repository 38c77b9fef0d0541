"""aws_db_instance: engine x class x deployment, storage and the gp3 baseline."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import rds_instance
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource, Status
from tests.estimate.aws.plan_fixture import price


def _db(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    return Resource(
        "aws_db_instance.db",
        "terraform",
        "aws_db_instance",
        "aws",
        "us-east-1",
        attributes,
        unknown,
    )


def test_postgres_single_az_key_follows_the_documented_scheme() -> None:
    lines = rds_instance.cost_lines(
        _db({"engine": "postgres", "instance_class": "db.t3.micro", "allocated_storage": 20}),
        Usage(),
    )
    assert lines[0].price_key == "rds.instance.postgres.db.t3.micro.single-az"


def test_oracle_enterprise_is_priced_as_bring_your_own_licence() -> None:
    lines = rds_instance.cost_lines(
        _db({"engine": "oracle-ee", "instance_class": "db.t3.large", "allocated_storage": 100}),
        Usage(),
    )
    assert lines[0].price_key == "rds.instance.oracle-ee-byol.db.t3.large.single-az"


def test_oracle_licence_model_unknown_until_apply_is_unpriced() -> None:
    side = price("aws_db_instance", "aws_db_instance.reporting")
    assert side.status is Status.UNPRICED
    assert "license_model is unknown until apply" in (side.reason or "")


def test_gp3_baseline_is_12000_iops_from_400_gb_and_3000_below() -> None:
    small = rds_instance.storage_lines(
        _db({"allocated_storage": 100, "storage_type": "gp3", "iops": 5000}),
        "mysql",
        "single-az",
        Usage(),
    )
    large = rds_instance.storage_lines(
        _db({"allocated_storage": 400, "storage_type": "gp3", "iops": 12000}),
        "mysql",
        "single-az",
        Usage(),
    )
    assert [(x.price_key, x.quantity) for x in small[1:]] == [
        ("rds.gp3.iops.single-az", Decimal(2000))
    ]
    assert large[1:] == []


def test_aurora_engine_has_no_storage_lines_on_the_instance() -> None:
    lines = rds_instance.cost_lines(
        _db({"engine": "aurora-mysql", "instance_class": "db.t3.small", "multi_az": True}), Usage()
    )
    assert [x.price_key for x in lines] == [
        "rds.instance.aurora-mysql.db.t3.small",
        "rds.aurora.backup_storage",
    ]


def test_allocated_storage_unknown_until_apply_is_named() -> None:
    lines = rds_instance.cost_lines(
        _db({"engine": "mysql", "instance_class": "db.t3.large"}, frozenset({"allocated_storage"})),
        Usage(),
    )
    assert lines[1].unknown_reason == "allocated_storage is unknown until apply"


def test_backup_storage_is_usage_based() -> None:
    given = price("aws_db_instance", "aws_db_instance.orders")
    backup = [x for x in given.lines if x.name == "Additional backup storage"]
    assert [(x.monthly_quantity, x.monthly_cost) for x in backup] == [
        (Decimal(200), Decimal("19.000"))
    ]
