"""aws_db_instance: engine x class x deployment, storage and the gp3 baseline."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

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


def test_a_read_replica_takes_engine_and_storage_from_its_source_in_the_plan(
    tmp_path: Path,
) -> None:
    from tests.estimate.aws.linked_plan import _plan, _price, _ref

    source = {
        "engine": "mysql",
        "engine_version": "8.4.3",
        "instance_class": "db.t3.large",
        "allocated_storage": 100,
        "storage_type": "gp2",
    }
    replica = {"instance_class": "db.t3.large", "replicate_source_db": "src"}
    plan = _plan(
        tmp_path,
        [
            ("aws_db_instance.src", source, {}),
            (
                "aws_db_instance.replica",
                replica,
                {"replicate_source_db": _ref("aws_db_instance.src.identifier")},
            ),
            (
                "aws_db_instance.bigger",
                {**replica, "allocated_storage": 200},
                {"replicate_source_db": _ref("aws_db_instance.src.identifier")},
            ),
            ("aws_db_instance.outside", replica, {}),
        ],
    )
    side = _price(plan["aws_db_instance.replica"])
    assert side.status is Status.PRICED
    assert [(x.name, x.monthly_quantity) for x in side.lines[:2]] == [
        ("Database instance (on-demand, Single-AZ, db.t3.large)", 730),
        ("Storage (general purpose SSD, gp2)", 100),
    ]
    # a replica that sets its own storage keeps it
    bigger = _price(plan["aws_db_instance.bigger"])
    assert bigger.lines[1].monthly_quantity == 200
    # a source outside the plan (an ARN, another region): the engine stays unknown, unpriced
    outside = _price(plan["aws_db_instance.outside"])
    assert outside.status is Status.UNPRICED and outside.monthly is None


def test_t3_and_t4g_classes_bill_surplus_cpu_credits_per_vcpu_from_usage() -> None:
    base = {"engine": "mysql", "allocated_storage": 20, "storage_type": "gp2"}
    t3 = rds_instance.cost_lines(
        Resource(
            "aws_db_instance.x",
            "terraform",
            "aws_db_instance",
            "aws",
            "us-east-1",
            {**base, "instance_class": "db.t3.large"},
        ),
        Usage({"monthly_cpu_credit_hrs": 30}),
    )
    credits = next(x for x in t3 if x.name == "CPU credits")
    assert (credits.price_key, credits.quantity) == ("rds.cpu_credits", Decimal(60))
    m5 = rds_instance.cost_lines(
        Resource(
            "aws_db_instance.x",
            "terraform",
            "aws_db_instance",
            "aws",
            "us-east-1",
            {**base, "instance_class": "db.m5.large"},
        ),
        Usage({"monthly_cpu_credit_hrs": 30}),
    )
    assert not any(x.name == "CPU credits" for x in m5)
