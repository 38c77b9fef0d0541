"""aws_db_instance: engine x class x deployment, storage and the gp3 baseline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from finops_gate.estimate.aws import rds_instance
from finops_gate.estimate.usage import Usage
from finops_gate.model import WRITTEN_UNKNOWN, Resource, Status
from tests.estimate.aws.linked_plan import _plan, _price, _ref
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


def _written_unknown(attributes: dict[str, object], *paths: str) -> Resource:
    """A db the code writes ``paths`` of with values it does not tell (as a plan shows them)."""
    return _db({**attributes, WRITTEN_UNKNOWN: frozenset(paths)}, frozenset(paths))


_MYSQL = {"engine": "mysql", "engine_version": "8.4.3", "instance_class": "db.t3.large"}


def test_iops_the_code_does_not_tell_are_unknown_never_the_minimum_or_the_baseline() -> None:
    # gp3 above the baseline bills IOPS, io1 at least 1,000: an unknown iops was priced as
    # the 1,000 minimum (io1) or as within the baseline (gp3), a silent default
    for stype in ("gp3", "io1"):
        db = _written_unknown({**_MYSQL, "allocated_storage": 500, "storage_type": stype}, "iops")
        lines = rds_instance.storage_lines(db, "mysql", "single-az", Usage())
        assert [line.unknown_reason for line in lines if line.quantity is None] == [
            "iops is unknown until apply"
        ]
    # with storage_type unset an iops makes it io1 (https://aws.amazon.com/rds/pricing/):
    # the storage is not known, never gp2
    db = _written_unknown({**_MYSQL, "allocated_storage": 500}, "iops")
    (line,) = rds_instance.storage_lines(db, "mysql", "single-az", Usage())
    assert line.quantity is None and "iops is unknown" in (line.unknown_reason or "")


def test_gp3_throughput_the_code_does_not_tell_is_unknown() -> None:
    db = _written_unknown(
        {**_MYSQL, "allocated_storage": 500, "storage_type": "gp3"}, "storage_throughput"
    )
    lines = rds_instance.storage_lines(db, "mysql", "single-az", Usage())
    assert [line.unknown_reason for line in lines if line.quantity is None] == [
        "storage_throughput is unknown until apply"
    ]


def test_an_engine_version_the_code_does_not_tell_leaves_extended_support_unpriced() -> None:
    # PostgreSQL 13 and MySQL 8.0 bill extended support in December 2026: an unknown version
    # gave no line at all
    db = _written_unknown(
        {"engine": "postgres", "instance_class": "db.t3.large", "allocated_storage": 20},
        "engine_version",
    )
    lines = rds_instance.cost_lines(db, Usage(on=date(2026, 12, 3)))
    (support,) = [line for line in lines if line.name == "Extended support"]
    assert support.quantity is None and "engine_version" in (support.unknown_reason or "")
    # left unset, RDS runs its default version: no line; MariaDB has no extended support
    unset = _db({"engine": "postgres", "instance_class": "db.t3.large", "allocated_storage": 20})
    maria = _written_unknown(
        {"engine": "mariadb", "instance_class": "db.t3.large", "allocated_storage": 20},
        "engine_version",
    )
    for other in (unset, maria):
        lines = rds_instance.cost_lines(other, Usage(on=date(2026, 12, 3)))
        assert not [line for line in lines if "Extended support" in line.name]


def test_performance_insights_the_code_does_not_tell_are_unknown_never_off() -> None:
    db = _written_unknown(
        {**_MYSQL, "allocated_storage": 20, "performance_insights_retention_period": 93},
        "performance_insights_enabled",
    )
    lines = rds_instance.cost_lines(db, Usage())
    (pi,) = [line for line in lines if line.name.startswith("Performance Insights")]
    assert pi.quantity is None and "performance_insights_enabled" in (pi.unknown_reason or "")
    on = _written_unknown(
        {**_MYSQL, "allocated_storage": 20, "performance_insights_enabled": True},
        "performance_insights_retention_period",
    )
    lines = rds_instance.cost_lines(on, Usage())
    (pi,) = [line for line in lines if "retention" in line.name]
    assert pi.quantity is None


def test_database_insights_advanced_mode_is_a_line_never_free() -> None:
    # CloudWatch bills the Advanced mode per vCPU-hour; it was ignored (a silent $0), and the
    # 15 months of Performance Insights it keeps were billed as long-term retention instead
    db = _db(
        {
            **_MYSQL,
            "allocated_storage": 20,
            "database_insights_mode": "advanced",
            "performance_insights_enabled": True,
            "performance_insights_retention_period": 465,
        },
    )
    keys = [line.price_key for line in rds_instance.cost_lines(db, Usage())]
    assert "cloudwatch.database_insights.advanced" in keys
    assert "rds.performance_insights.retention.db.t3.large" not in keys
    standard = _db({**_MYSQL, "allocated_storage": 20, "database_insights_mode": "standard"})
    keys = [line.price_key for line in rds_instance.cost_lines(standard, Usage())]
    assert "cloudwatch.database_insights.advanced" not in keys
    unknown = _written_unknown({**_MYSQL, "allocated_storage": 20}, "database_insights_mode")
    reasons = [line.unknown_reason for line in rds_instance.cost_lines(unknown, Usage())]
    assert "database_insights_mode is unknown until apply" in reasons


def test_an_oracle_licence_model_left_unset_in_the_code_says_so() -> None:
    # a .tf file that leaves it unset was told "license_model is unknown until apply"
    db = _db({"engine": "oracle-se2", "instance_class": "db.t3.large", "allocated_storage": 100})
    (line,) = rds_instance.cost_lines(db, Usage())
    assert line.quantity is None
    assert (line.unknown_reason or "").startswith("license_model is not set")


def test_a_storage_type_written_unknown_is_not_io1_for_the_database_nor_its_replica(
    tmp_path: Path,
) -> None:
    # with iops set, a storage_type written from another resource read as unset, so RDS's
    # default for that (io1) priced the source and its read replica; it may be gp3
    from tests.estimate.aws.linked_plan import _plan, _price, _ref

    source = {
        "identifier": "src",
        "engine": "postgres",
        "instance_class": "db.t3.large",
        "allocated_storage": 100,
        "iops": 3000,
    }
    plan = _plan(
        tmp_path,
        [
            (
                "aws_db_instance.src",
                source,
                {"storage_type": _ref("aws_sqs_queue.q.arn", "aws_sqs_queue.q")},
            ),
            (
                "aws_db_instance.rep",
                {
                    "identifier": "rep",
                    "instance_class": "db.t3.large",
                    "replicate_source_db": "src",
                },
                {
                    "replicate_source_db": _ref(
                        "aws_db_instance.src.identifier", "aws_db_instance.src"
                    )
                },
            ),
        ],
        unknown={"aws_db_instance.src": ["storage_type"]},
    )
    for address in ("aws_db_instance.src", "aws_db_instance.rep"):
        side = _price(plan[address])
        assert side.monthly is None, address
        assert "storage_type is unknown until apply" in str(side.reason), address


def test_an_instance_without_engine_version_never_reads_the_support_calendar() -> None:
    # the calendar is YAML (PyYAML and a parse cost a large plan of RDS instances that name
    # no version 6% more instructions, bench_plan --shape other): read only for a version
    from finops_gate.estimate.aws import extended_support

    extended_support._calendar.cache_clear()
    db = _db({"engine": "mysql", "instance_class": "db.t3.large", "allocated_storage": 20})
    rds_instance.cost_lines(db, Usage())
    assert extended_support._calendar.cache_info().misses == 0
