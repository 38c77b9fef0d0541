"""aws_rds_cluster and its instances: what the cluster's settings bill."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from finops_gate.estimate.aws import rds_cluster, rds_cluster_instance
from finops_gate.estimate.aws.extended_support import database_insights_lines
from finops_gate.estimate.usage import Usage
from finops_gate.model import WRITTEN_UNKNOWN, Resource

ON = date(2026, 12, 3)


def _resource(
    kind: str, attributes: dict[str, object], unknown: frozenset[str] = frozenset()
) -> Resource:
    return Resource(f"{kind}.db", "terraform", kind, "aws", "us-east-1", attributes, unknown)


def _cluster(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    return _resource("aws_rds_cluster", attributes, unknown)


def test_an_io_optimized_cluster_still_bills_backups_and_snapshot_exports() -> None:
    # https://aws.amazon.com/rds/aurora/pricing/: I/O-Optimized drops the I/O charge only;
    # backup storage and snapshot export were ignored usage on such a cluster
    usage = Usage(
        values={"storage_gb": 100, "backup_snapshot_size_gb": 10, "snapshot_export_size_gb": 5}
    )
    lines = rds_cluster.cost_lines(
        _cluster(
            {
                "engine": "aurora-postgresql",
                "storage_type": "aurora-iopt1",
                "backup_retention_period": 8,
            }
        ),
        usage,
    )
    by_key = {line.price_key: line.quantity for line in lines}
    assert by_key["rds.aurora.storage_io_optimized"] == 100
    assert by_key["rds.aurora.backup_storage"] == 70  # 10 GB x (8 - 1) days
    assert by_key["rds.aurora.snapshot_export"] == 5
    assert "rds.aurora.io_requests" not in by_key


def test_a_backup_retention_the_code_does_not_tell_is_unknown_not_one_day() -> None:
    usage = Usage(values={"storage_gb": 100, "backup_snapshot_size_gb": 10})
    cluster = _cluster(
        {"engine": "aurora-mysql", WRITTEN_UNKNOWN: frozenset({"backup_retention_period"})},
        frozenset({"backup_retention_period"}),
    )
    (backup,) = [line for line in rds_cluster.cost_lines(cluster, usage) if "Backup" in line.name]
    assert backup.quantity is None and "backup_retention_period" in (backup.unknown_reason or "")
    # left unset (the plan shows the computed default unknown): AWS's 1 day, nothing billed
    unset = _cluster({"engine": "aurora-mysql"}, frozenset({"backup_retention_period"}))
    (backup,) = [line for line in rds_cluster.cost_lines(unset, usage) if "Backup" in line.name]
    assert backup.quantity == 0


def test_a_storage_type_the_code_does_not_tell_is_unknown_not_aurora_standard() -> None:
    cluster = _cluster(
        {"engine": "aurora-mysql", WRITTEN_UNKNOWN: frozenset({"storage_type"})},
        frozenset({"storage_type"}),
    )
    lines = rds_cluster.cost_lines(cluster, Usage(values={"storage_gb": 100}))
    assert [line.unknown_reason for line in lines] == ["storage_type is unknown until apply"]


def test_a_multi_az_db_cluster_is_unpriced_naming_it_not_as_aurora_storage() -> None:
    # engine mysql/postgres on aws_rds_cluster is a Multi-AZ DB cluster (three instances):
    # it was "Storage (io1): storage_type is unknown until apply or not an Aurora storage type"
    cluster = _cluster(
        {
            "engine": "mysql",
            "db_cluster_instance_class": "db.m5d.large",
            "storage_type": "io1",
            "allocated_storage": 100,
            "iops": 1000,
        }
    )
    (line,) = rds_cluster.cost_lines(cluster, Usage())
    assert line.quantity is None
    assert "Multi-AZ DB cluster" in (line.unknown_reason or "")
    assert "db.m5d.large" in (line.unknown_reason or "")


def test_an_instance_without_engine_version_bills_its_clusters_extended_support() -> None:
    # the plan shows an instance's engine_version unknown when it runs its cluster's: an Aurora
    # MySQL 2 (5.7) cluster in extended support billed none on its instances
    cluster = {"engine": "aurora-mysql", "engine_version": "5.7.mysql_aurora.2.11.2"}
    instance = _resource(
        "aws_rds_cluster_instance",
        {
            "engine": "aurora-mysql",
            "instance_class": "db.r4.large",
            "_related": {"cluster": cluster},
        },
        frozenset({"engine_version"}),
    )
    lines = rds_cluster_instance.cost_lines(instance, Usage(on=ON))
    (support,) = [line for line in lines if line.price_key.startswith("rds.extended_support")]
    assert support.quantity == Decimal(730 * 2)  # db.r4.large: 2 vCPUs
    # an instance's own version wins over its cluster's
    own = _resource(
        "aws_rds_cluster_instance",
        {
            "engine": "aurora-mysql",
            "instance_class": "db.r4.large",
            "engine_version": "8.0.36",
            "_related": {"cluster": cluster},
        },
    )
    lines = rds_cluster_instance.cost_lines(own, Usage(on=ON))
    assert not [line for line in lines if line.price_key.startswith("rds.extended_support")]


def test_an_instance_writing_its_clusters_unset_version_runs_the_default_version() -> None:
    # engine_version = aws_rds_cluster.x.engine_version, the cluster leaving it unset: the
    # plan shows it written unknown, but AWS runs its default version (no extended support)
    written = frozenset({"engine_version"})
    instance = _resource(
        "aws_rds_cluster_instance",
        {
            "engine": "aurora-mysql",
            "instance_class": "db.r4.large",
            WRITTEN_UNKNOWN: written,
            "_related": {"cluster": {"engine": "aurora-mysql"}},
        },
        written,
    )
    lines = rds_cluster_instance.cost_lines(instance, Usage(on=ON))
    assert [line.price_key for line in lines] == ["rds.instance.aurora-mysql.db.r4.large"]
    # the cluster's own code writing a version it does not tell: unknown on the instance
    cluster = {"engine": "aurora-postgresql", WRITTEN_UNKNOWN: written}
    instance = _resource(
        "aws_rds_cluster_instance",
        {
            "engine": "aurora-postgresql",
            "instance_class": "db.r4.large",
            "_related": {"cluster": cluster},
        },
        written,
    )
    lines = rds_cluster_instance.cost_lines(instance, Usage(on=ON))
    assert [line.unknown_reason for line in lines if line.quantity is None] == [
        "engine_version is unknown until apply (a version past its end of standard support"
        " bills extended support)"
    ]


def test_a_serverless_v2_instance_in_extended_support_bills_it_per_acu_hour() -> None:
    # an Aurora MySQL 2 Serverless v2 instance billed no extended support at all; AWS bills it
    # per ACU-hour, a rate the catalog lacks: a line naming that key, not the per-vCPU rate
    cluster = {"engine": "aurora-mysql", "engine_version": "5.7.mysql_aurora.2.11.2"}
    instance = _resource(
        "aws_rds_cluster_instance",
        {
            "engine": "aurora-mysql",
            "instance_class": "db.serverless",
            "_related": {"cluster": cluster},
        },
    )
    usage = Usage(values={"capacity_units_per_hr": 2}, on=ON)
    lines = rds_cluster_instance.cost_lines(instance, usage)
    (support,) = [line for line in lines if line.name.startswith("Extended support")]
    assert support.price_key == "rds.extended_support.serverless.year1"
    assert support.quantity == 2 * 730 and support.unit == "ACU-hours"
    # a current version: none
    current = {"engine": "aurora-mysql", "engine_version": "8.0.mysql_aurora.3.08.0"}
    instance = _resource(
        "aws_rds_cluster_instance",
        {
            "engine": "aurora-mysql",
            "instance_class": "db.serverless",
            "_related": {"cluster": current},
        },
    )
    lines = rds_cluster_instance.cost_lines(instance, usage)
    assert not [line for line in lines if line.name.startswith("Extended support")]


def test_an_instance_whose_cluster_is_not_in_the_change_says_it_assumes_standard() -> None:
    # an I/O-Optimized cluster bills its instances about 30% more: a cluster outside the change
    # was priced at the Standard rate without a word (DocumentDB and Neptune said it)
    for klass in ("db.r4.large", "db.serverless"):
        instance = _resource(
            "aws_rds_cluster_instance", {"engine": "aurora-mysql", "instance_class": klass}
        )
        first = rds_cluster_instance.cost_lines(instance, Usage())[0]
        assert first.assumption is not None and first.assumption[0] == "cluster storage_type"
        joined = _resource(
            "aws_rds_cluster_instance",
            {
                "engine": "aurora-mysql",
                "instance_class": klass,
                "_related": {"cluster": {"engine": "aurora-mysql"}},
            },
        )
        assert rds_cluster_instance.cost_lines(joined, Usage())[0].assumption is None


def test_a_cluster_in_database_insights_advanced_mode_is_unpriced_naming_it() -> None:
    cluster = _cluster({"engine": "aurora-mysql", "database_insights_mode": "advanced"})
    lines = rds_cluster.cost_lines(cluster, Usage(values={"storage_gb": 10}))
    # the rate the instances' line (extended_support.database_insights_lines) is priced at,
    # named: the cluster's own copy of the check named none
    assert "cloudwatch.database_insights.advanced per vCPU-hour" in (lines[0].unknown_reason or "")
    assert lines[0].name == "Database Insights (advanced mode, every instance of the cluster)"
    # the same helper decides for the cluster and for an instance: unknown mode, Standard mode
    pending = frozenset({"database_insights_mode"})
    unknown = _cluster({"engine": "aurora-mysql", WRITTEN_UNKNOWN: pending}, pending)
    assert [line.unknown_reason for line in database_insights_lines(unknown, None)] == [
        "database_insights_mode is unknown until apply"
    ]
    standard = _cluster({"engine": "aurora-mysql", "database_insights_mode": "standard"})
    assert database_insights_lines(standard, None) == []
    # an instance of that cluster takes its mode but bills no second Database Insights line
    joined = _resource(
        "aws_rds_cluster_instance",
        {
            "engine": "aurora-mysql",
            "instance_class": "db.r5.large",
            "_related": {
                "cluster": {"engine": "aurora-mysql", "database_insights_mode": "advanced"}
            },
        },
    )
    names = [line.name for line in rds_cluster_instance.cost_lines(joined, Usage())]
    assert not [n for n in names if "Database Insights" in n]


def test_performance_insights_set_on_the_cluster_bill_each_instance() -> None:
    # an Aurora cluster's performance_insights_* apply to its instances (which the plan shows
    # unknown, computed): the long-term retention they bill was left out
    cluster = {
        "engine": "aurora-mysql",
        "performance_insights_enabled": True,
        "performance_insights_retention_period": 731,
    }
    instance = _resource(
        "aws_rds_cluster_instance",
        {
            "engine": "aurora-mysql",
            "instance_class": "db.r4.8xlarge",
            "_related": {"cluster": cluster},
        },
        frozenset({"performance_insights_enabled", "performance_insights_retention_period"}),
    )
    keys = [line.price_key for line in rds_cluster_instance.cost_lines(instance, Usage())]
    assert "rds.performance_insights.retention.db.r4.8xlarge" in keys


def test_a_cluster_with_backtrack_on_has_a_backtrack_line_without_usage() -> None:
    # backtrack_window turns Backtrack on (billed per change record): with no usage its line
    # was left out, now it depends on usage; given statements, the cluster's window serves
    cluster = _cluster({"engine": "aurora-mysql", "backtrack_window": 86400})
    (line,) = [x for x in rds_cluster.cost_lines(cluster, Usage()) if x.name == "Backtrack"]
    assert line.quantity is None and line.price_key == "rds.aurora.backtrack"
    usage = Usage(values={"average_statements_per_hr": 1000, "change_records_per_statement": 1})
    (line,) = [x for x in rds_cluster.cost_lines(cluster, usage) if x.name == "Backtrack"]
    assert line.quantity == Decimal(1000 * 24 * 730) / 1_000_000


def test_a_cluster_keeping_backups_over_a_day_has_a_backup_line_without_usage() -> None:
    # backups beyond the free day bill storage: the line was left out without usage
    cluster = _cluster({"engine": "aurora-postgresql", "backup_retention_period": 7})
    lines = rds_cluster.cost_lines(cluster, Usage())
    (backup,) = [x for x in lines if x.name == "Backup storage"]
    assert backup.quantity is None and backup.usage_key == "backup_snapshot_size_gb"
    one_day = _cluster({"engine": "aurora-postgresql", "backup_retention_period": 1})
    assert not [x for x in rds_cluster.cost_lines(one_day, Usage()) if "Backup" in x.name]
