"""Managed Service for Apache Flink / Kinesis Data Analytics: KPUs, orchestration, storage,
backups, and SQL applications after AWS discontinued them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws import kinesis_analytics
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import Usage, UsageFile
from finops_gate.model import Resource, Status
from tests.estimate.aws.plan_fixture import CATALOGS
from tests.estimate.aws.plan_fixture import resource as plan_resource

V2 = "aws_kinesisanalyticsv2_application"
BEFORE = date(2025, 7, 7)  # SQL applications still ran
AFTER = date(2026, 12, 3)


def _app(unknown: frozenset[str] = frozenset(), **attributes: Any) -> Resource:
    attributes.setdefault("runtime_environment", "FLINK-1_20")
    return Resource(f"{V2}.a", "terraform", V2, "aws", "eu-west-2", attributes, unknown)


def _parallelism(**settings: Any) -> list[dict[str, Any]]:
    return [{"flink_application_configuration": [{"parallelism_configuration": [settings]}]}]


def _quantities(resource: Resource, usage: Usage) -> list[tuple[str, Decimal | None]]:
    return [
        (line.price_key, line.quantity)
        for line in kinesis_analytics.application_lines(resource, usage)
    ]


def test_a_flink_application_pays_its_kpus_one_more_for_orchestration_storage_and_backups() -> None:
    usage = Usage(values={"kinesis_processing_units": 4, "durable_application_backup_gb": 100})
    assert _quantities(_app(frozenset({"application_configuration"})), usage) == [
        ("kinesisanalytics.kpu", Decimal(2920)),  # 4 KPUs x 730 hours
        ("kinesisanalytics.kpu", Decimal(730)),  # the orchestration KPU
        ("kinesisanalytics.running_storage", Decimal(200)),  # 50 GB per processing KPU
        ("kinesisanalytics.backup", Decimal(100)),
    ]


def test_without_usage_only_the_orchestration_kpu_has_a_quantity() -> None:
    lines = kinesis_analytics.application_lines(
        _app(frozenset({"application_configuration"})), Usage()
    )
    assert [line.quantity for line in lines] == [None, Decimal(730), None, None]
    assert [line.usage_key for line in lines] == [
        "kinesis_processing_units",
        None,
        "kinesis_processing_units",
        "durable_application_backup_gb",
    ]


def test_a_fixed_custom_parallelism_gives_the_kpus_and_auto_scaling_leaves_them_to_usage() -> None:
    fixed = _app(
        application_configuration=_parallelism(
            configuration_type="CUSTOM",
            auto_scaling_enabled=False,
            parallelism=7,
            parallelism_per_kpu=2,
        )
    )
    assert _quantities(fixed, Usage())[0] == ("kinesisanalytics.kpu", Decimal(4 * 730))
    assert _quantities(fixed, Usage())[2] == ("kinesisanalytics.running_storage", Decimal(200))
    given = Usage(values={"kinesis_processing_units": 1})
    assert _quantities(fixed, given)[0] == ("kinesisanalytics.kpu", Decimal(730))  # usage wins
    scaling = _app(
        application_configuration=_parallelism(
            configuration_type="CUSTOM",
            auto_scaling_enabled=True,
            parallelism=7,
            parallelism_per_kpu=2,
        )
    )
    assert _quantities(scaling, Usage())[0] == ("kinesisanalytics.kpu", None)


def test_sql_applications_are_priced_until_aws_stopped_running_them() -> None:
    v1 = Resource(
        "aws_kinesis_analytics_application.s",
        "terraform",
        "aws_kinesis_analytics_application",
        "aws",
        "eu-west-2",
    )
    v2 = _app(runtime_environment="SQL-1_0")
    for lines in (kinesis_analytics.sql_application_lines, kinesis_analytics.application_lines):
        resource = v1 if lines is kinesis_analytics.sql_application_lines else v2
        (then,) = lines(resource, Usage(values={"kinesis_processing_units": 2}, on=BEFORE))
        assert (then.price_key, then.quantity) == ("kinesisanalytics.kpu", Decimal(1460))
        for on in (AFTER, date(2026, 1, 27), None):
            (now,) = lines(resource, Usage(values={"kinesis_processing_units": 2}, on=on))
            assert now.unknown_reason and now.quantity is None and not now.price_key


def test_studio_notebooks_and_an_unknown_runtime_are_unpriced() -> None:
    for app in (
        _app(runtime_environment="ZEPPELIN-FLINK-3_0"),
        _app(frozenset({"runtime_environment"}), runtime_environment=None),
    ):
        (line,) = kinesis_analytics.application_lines(app, Usage())
        assert line.unknown_reason and line.quantity is None


def test_a_snapshot_is_its_durable_backup() -> None:
    kind = "aws_kinesisanalyticsv2_application_snapshot"
    snapshot = Resource(f"{kind}.s", "terraform", kind, "aws", "eu-west-2")
    (line,) = kinesis_analytics.snapshot_lines(
        snapshot, Usage(values={"durable_application_backup_gb": 30})
    )
    assert (line.price_key, line.unit, line.quantity) == (
        "kinesisanalytics.backup",
        "GB",
        Decimal(30),
    )
    (none,) = kinesis_analytics.snapshot_lines(snapshot, Usage())
    assert none.quantity is None and none.usage_key == "durable_application_backup_gb"


def test_a_parallelism_of_the_wrong_type_leaves_the_application_unpriced_not_crashed() -> None:
    bad = _app(
        application_configuration=_parallelism(
            configuration_type="CUSTOM", auto_scaling_enabled=False, parallelism="eight"
        )
    )
    side = price_side(bad, UsageFile(), CATALOGS)
    assert side.status is Status.UNPRICED and side.monthly is None


def test_the_kpus_of_a_discontinued_sql_application_are_not_reported_as_an_ignored_key() -> None:
    usage = Usage(values={"kinesis_processing_units": 2}, on=AFTER)
    kinesis_analytics.sql_application_lines(_app(runtime_environment="SQL-1_0"), usage)
    assert "kinesis_processing_units" in usage.read


def test_a_hostile_parallelism_is_unpriced_with_its_path_never_a_crash() -> None:
    for parallelism, per_kpu in (
        ("1e999999", "0.0000001"),  # once a decimal.Overflow (exit 3)
        ("Infinity", 1),  # once an OverflowError (exit 3)
        (8, "1e-999999"),
        (-4, 1),
        (2.5, 1),
        (8, 0),
        ("1e30", "1e-30"),
    ):
        app = _app(
            application_configuration=_parallelism(
                configuration_type="CUSTOM",
                auto_scaling_enabled=False,
                parallelism=parallelism,
                parallelism_per_kpu=per_kpu,
            )
        )
        stream, *_ = kinesis_analytics.application_lines(app, Usage())
        assert stream.quantity is None and not stream.price_key
        assert stream.unknown_reason and "parallelism" in stream.unknown_reason
        side = price_side(app, UsageFile(), CATALOGS)
        assert side.status is Status.UNPRICED and side.monthly is None


def test_the_application_backup_line_names_the_snapshot_resources_that_price_their_own() -> None:
    app = plan_resource(V2, f"{V2}.orders")  # joined to its 2 snapshots by application_name
    *_, backup = kinesis_analytics.application_lines(app, Usage())
    assert backup.name == "Backup (other than its 2 snapshot resources)"
    assert backup.usage_key == "durable_application_backup_gb"
    *_, alone = kinesis_analytics.application_lines(_app(), Usage())
    assert alone.name == "Backup"


def test_a_fixed_parallelism_written_with_a_value_known_at_apply_is_unknown_unless_usage() -> None:
    path = f"{kinesis_analytics._PARALLELISM}.parallelism"
    app = _app(
        application_configuration=_parallelism(
            configuration_type="CUSTOM", auto_scaling_enabled=False, parallelism_per_kpu=1
        ),
        **{"__unknown_inputs__": {path: "var.parallelism"}},
    )
    stream, *_ = kinesis_analytics.application_lines(app, Usage())
    assert stream.unknown_reason == f"{path} is unknown until apply" and stream.quantity is None
    given = Usage(values={"kinesis_processing_units": 2})
    assert _quantities(app, given)[0] == ("kinesisanalytics.kpu", Decimal(1460))
