"""aws_rds_cluster_instance: the rates of its cluster's storage configuration."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from finops_gate.model import Status
from tests.estimate.aws.linked_plan import _plan, _price, _ref
from tests.sides import check_sides

_TF = """
provider "aws" { region = "us-east-1" }
resource "aws_rds_cluster" "db" {
  cluster_identifier  = "db"
  engine              = "aurora-mysql"
  storage_type        = "aurora-iopt1"
  master_username     = "admin"
  master_password     = "change-me-please"
  skip_final_snapshot = true
}
resource "aws_rds_cluster_instance" "serverless" {
  cluster_identifier = aws_rds_cluster.db.id
  engine             = aws_rds_cluster.db.engine
  instance_class     = "db.serverless"
}
resource "aws_rds_cluster_instance" "writer" {
  cluster_identifier = aws_rds_cluster.db.id
  engine             = aws_rds_cluster.db.engine
  instance_class     = "db.r5.large"
}
"""


def _rows(tmp_path: Path, tf: str) -> dict[str, dict[str, object]]:
    usage = {"aws_rds_cluster_instance.serverless": {"capacity_units_per_hr": 4}}
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    report = check_sides(tmp_path, {}, {"main.tf": tf, ".finops-gate.yml": config})
    return {r["address"]: r for r in report["resources"]}


def test_an_io_optimized_clusters_instances_are_billed_at_io_optimized_rates(
    tmp_path: Path,
) -> None:
    # AWS bills Aurora I/O-Optimized instances and ACUs about 30% above Aurora Standard; they
    # were priced at the Standard rates, since the storage type lives on the cluster
    rows = _rows(tmp_path, _TF)
    serverless = rows["aws_rds_cluster_instance.serverless"]
    assert serverless["lines"][0]["name"] == "Aurora serverless v2 (I/O-optimized)"
    assert Decimal(serverless["monthly_after"]) == 4 * 730 * Decimal("0.16")  # not $0.12
    writer = rows["aws_rds_cluster_instance.writer"]
    assert writer["status"] == "unpriced"  # the catalog has no I/O-Optimized instance rate
    assert "rds.instance.aurora-mysql.db.r5.large.io_optimized" in writer["reason"]


def test_a_standard_clusters_instances_keep_the_standard_rates(tmp_path: Path) -> None:
    rows = _rows(tmp_path, _TF.replace('  storage_type        = "aurora-iopt1"\n', ""))
    serverless = rows["aws_rds_cluster_instance.serverless"]
    assert Decimal(serverless["monthly_after"]) == 4 * 730 * Decimal("0.12")
    assert "io_optimized" not in str(rows["aws_rds_cluster_instance.writer"]["lines"])


_WRITTEN = 'aws_sqs_queue.q.arn != "" ? "{io}" : "{standard}"'
_FAMILIES = {
    # instance type, cluster type, its I/O-Optimized and Standard storage_type
    "aurora": ("aws_rds_cluster_instance", "aws_rds_cluster", "aurora-iopt1", "aurora"),
    "docdb": ("aws_docdb_cluster_instance", "aws_docdb_cluster", "iopt1", "standard"),
    "neptune": ("aws_neptune_cluster_instance", "aws_neptune_cluster", "iopt1", "standard"),
}


@pytest.mark.parametrize("family", sorted(_FAMILIES))
def test_a_cluster_storage_type_known_only_after_apply_leaves_the_code_instance_unpriced(
    tmp_path: Path, family: str
) -> None:
    # the .tf reader handed the instance only the cluster's known values: a storage_type
    # written from another resource read as unset, and the instance took the Standard rate
    instance, cluster, io, standard = _FAMILIES[family]
    engine = '  engine = "aurora-postgresql"\n' if family == "aurora" else ""
    tf = (
        'provider "aws" { region = "us-east-1" }\n'
        'resource "aws_sqs_queue" "q" {}\n'
        f'resource "{cluster}" "c" {{\n  cluster_identifier = "c"\n{engine}'
        f"  storage_type = {_WRITTEN.format(io=io, standard=standard)}\n}}\n"
        f'resource "{instance}" "i" {{\n  cluster_identifier = {cluster}.c.id\n{engine}'
        '  instance_class = "db.t3.large"\n}\n'
    )
    row = _rows(tmp_path, tf)[f"{instance}.i"]
    assert row["status"] == "unpriced"
    assert row["monthly_after"] is None
    assert "the cluster's storage_type is unknown until apply" in row["reason"]


@pytest.mark.parametrize("family", sorted(_FAMILIES))
def test_a_cluster_storage_type_known_only_after_apply_leaves_the_planned_instance_unpriced(
    tmp_path: Path, family: str
) -> None:
    instance, cluster = _FAMILIES[family][:2]
    written = {"references": ["aws_sqs_queue.q.arn", "aws_sqs_queue.q"]}
    changes = _plan(
        tmp_path,
        [
            (
                f"{cluster}.c",
                {"cluster_identifier": "c", "engine": "aurora-postgresql"},
                {"storage_type": written},
            ),
            (
                f"{instance}.i",
                {"engine": "aurora-postgresql", "instance_class": "db.t3.large"},
                {"cluster_identifier": _ref(f"{cluster}.c.id", f"{cluster}.c")},
            ),
        ],
        unknown={f"{cluster}.c": ["storage_type"], f"{instance}.i": ["cluster_identifier"]},
    )
    side = _price(changes[f"{instance}.i"])
    assert side.status is Status.UNPRICED
    assert "the cluster's storage_type is unknown until apply" in str(side.reason)


def test_a_cluster_storage_type_left_unset_keeps_the_standard_rate_in_a_plan(
    tmp_path: Path,
) -> None:
    # the provider computes storage_type when it is left unset (the plan shows it unknown too):
    # that is Aurora Standard, not a value to wait for
    changes = _plan(
        tmp_path,
        [
            ("aws_rds_cluster.c", {"cluster_identifier": "c", "engine": "aurora-postgresql"}, {}),
            (
                "aws_rds_cluster_instance.i",
                {"engine": "aurora-postgresql", "instance_class": "db.t3.large"},
                {"cluster_identifier": _ref("aws_rds_cluster.c.id", "aws_rds_cluster.c")},
            ),
        ],
        unknown={"aws_rds_cluster.c": ["storage_type"]},
    )
    side = _price(changes["aws_rds_cluster_instance.i"])
    assert side.lines[0].name == "Database instance (on-demand, db.t3.large)"
    assert side.lines[0].monthly_cost == 730 * Decimal("0.164")


def test_cluster_performance_insights_written_unknown_leave_the_instance_unpriced(
    tmp_path: Path,
) -> None:
    # the instance read the cluster's unknown switch as off: no retention line, a silent $0
    tf = (
        'provider "aws" { region = "us-east-1" }\n'
        'resource "aws_sqs_queue" "q" {}\n'
        'resource "aws_rds_cluster" "c" {\n  cluster_identifier = "c"\n'
        '  engine = "aurora-postgresql"\n'
        '  performance_insights_enabled = aws_sqs_queue.q.arn != ""\n'
        "  performance_insights_retention_period = 31\n}\n"
        'resource "aws_rds_cluster_instance" "i" {\n  cluster_identifier = aws_rds_cluster.c.id\n'
        '  engine = "aurora-postgresql"\n  instance_class = "db.t3.large"\n}\n'
    )
    row = _rows(tmp_path, tf)["aws_rds_cluster_instance.i"]
    assert row["status"] == "unpriced"
    assert "performance_insights_enabled is unknown until apply" in row["reason"]


def test_a_cluster_in_advanced_database_insights_bills_no_retention_on_its_instances(
    tmp_path: Path,
) -> None:
    # Advanced mode keeps 15 months of history; the instance took only the cluster's
    # Performance Insights settings and billed long-term retention on top (an aws_db_instance
    # with the same settings bills none)
    tf = (
        'provider "aws" { region = "us-east-1" }\n'
        'resource "aws_rds_cluster" "c" {\n  cluster_identifier = "c"\n'
        '  engine = "aurora-postgresql"\n  database_insights_mode = "advanced"\n'
        "  performance_insights_enabled = true\n"
        "  performance_insights_retention_period = 465\n}\n"
        'resource "aws_rds_cluster_instance" "i" {\n  cluster_identifier = aws_rds_cluster.c.id\n'
        '  engine = "aurora-postgresql"\n  instance_class = "db.r5.large"\n}\n'
    )
    row = _rows(tmp_path, tf)["aws_rds_cluster_instance.i"]
    names = [line["name"] for line in row["lines"]]
    assert names and not [n for n in names if "retention" in n]
    # the same cluster in Standard mode still bills the retention on each instance
    row = _rows(tmp_path, tf.replace('"advanced"', '"standard"'))["aws_rds_cluster_instance.i"]
    assert [line for line in row["lines"] if "retention" in line["name"]]
