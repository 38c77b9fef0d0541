"""Amazon DocumentDB: the cluster volume is billed once, on the cluster; instance rates follow
the cluster's storage configuration; CPU credits by burstable family."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from tests.sides import check_sides

_TF = """
provider "aws" { region = "us-east-1" }
resource "aws_docdb_cluster" "db" {
  cluster_identifier  = "db"
  master_username     = "admin"
  master_password     = "change-me-please"
  skip_final_snapshot = true
}
resource "aws_docdb_cluster_instance" "a" {
  count              = 2
  cluster_identifier = aws_docdb_cluster.db.id
  instance_class     = "db.t3.medium"
}
"""


def _report(tmp_path: Path, tf: str, usage: dict[str, Any]) -> dict[str, Any]:
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    return check_sides(tmp_path, {}, {"main.tf": tf, ".finops-gate.yml": config})


def _rows(tmp_path: Path, tf: str, usage: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["address"]: r for r in _report(tmp_path, tf, usage)["resources"]}


def test_cluster_storage_is_billed_once_on_the_cluster_however_many_instances(
    tmp_path: Path,
) -> None:
    usage = {
        "aws_docdb_cluster.db": {
            "data_storage_gb": 100,
            "monthly_io_requests": 5_000_000,
            "backup_storage_gb": 10,
        },
        "aws_docdb_cluster_instance.a[0]": {"monthly_cpu_credit_hrs": 4},
    }
    rows = _rows(tmp_path, _TF, usage)
    cluster = rows["aws_docdb_cluster.db"]
    assert Decimal(cluster["monthly_after"]) == 100 * Decimal("0.1") + 5 * Decimal("0.2") + 10 * (
        Decimal("0.021")
    )
    first, second = rows["aws_docdb_cluster_instance.a[0]"], rows["aws_docdb_cluster_instance.a[1]"]
    # usage monthly_cpu_credit_hrs is the hours it bursts, x the class's 2 vCPUs (as for RDS)
    assert Decimal(first["monthly_after"]) == 730 * Decimal("0.078") + 4 * 2 * Decimal("0.09")
    assert Decimal(second["monthly_after"]) == 730 * Decimal("0.078")
    assert second["lines"][1]["monthly_cost"] is None  # its CPU credits depend on usage
    names = [line["name"] for line in (*first["lines"], *second["lines"])]
    assert "Storage" not in names and "I/O requests" not in names


def test_an_io_optimized_cluster_is_unpriced_never_priced_at_the_standard_rates(
    tmp_path: Path,
) -> None:
    tf = _TF.replace("  master_username", '  storage_type        = "iopt1"\n  master_username')
    rows = _rows(tmp_path, tf, {"aws_docdb_cluster.db": {"data_storage_gb": 100}})
    cluster, instance = rows["aws_docdb_cluster.db"], rows["aws_docdb_cluster_instance.a[0]"]
    assert cluster["status"] == instance["status"] == "unpriced"
    # its own rates, which the shipped catalog lacks: named, so a refreshed catalog supplies them
    assert "docdb.storage_io_optimized" in cluster["reason"]
    assert "docdb.instance.db.t3.medium.io_optimized" in instance["reason"]
    assert "I/O requests" not in [line["name"] for line in cluster["lines"]]  # included


def test_a_graviton_burstable_class_asks_for_its_own_credit_rate(tmp_path: Path) -> None:
    tf = _TF.replace("db.t3.medium", "db.t4g.medium")
    usage = {"aws_docdb_cluster_instance.a[0]": {"monthly_cpu_credit_hrs": 4}}
    instance = _rows(tmp_path, tf, usage)["aws_docdb_cluster_instance.a[0]"]
    assert instance["status"] == "unpriced"  # t4g is not in the shipped catalog: never t3's rate
    assert "docdb.instance.db.t4g.medium" in instance["reason"]
    assert "docdb.cpu_credits.db.t4g" in instance["reason"]


def test_a_large_class_has_no_cpu_credits_line(tmp_path: Path) -> None:
    tf = _TF.replace("db.t3.medium", "db.r5.4xlarge")
    instance = _rows(tmp_path, tf, {})["aws_docdb_cluster_instance.a[0]"]
    assert [line["name"] for line in instance["lines"]] == [
        "Database instance (on-demand, db.r5.4xlarge)"
    ]
    assert Decimal(instance["monthly_after"]) == 730 * Decimal("2.216")


def test_volume_usage_given_on_an_instance_is_said_to_belong_on_the_cluster(
    tmp_path: Path,
) -> None:
    # Infracost's usage files put data_storage_gb on each instance and bill it there
    usage = {"aws_docdb_cluster_instance.a[0]": {"data_storage_gb": 1000}}
    report = _report(tmp_path, _TF, usage)
    rows = {r["address"]: r for r in report["resources"]}
    assert Decimal(rows["aws_docdb_cluster_instance.a[0]"]["monthly_after"]) == 730 * Decimal(
        "0.078"
    )
    (note,) = [n for n in report["notes"] if "data_storage_gb" in n]
    assert note.startswith("aws_docdb_cluster_instance.a[0]:") and "aws_docdb_cluster" in note
    assert "ignored" not in note


def test_a_serverless_instance_is_unpriced_not_asked_as_a_class(tmp_path: Path) -> None:
    tf = _TF.replace("db.t3.medium", "db.serverless")
    instance = _rows(tmp_path, tf, {})["aws_docdb_cluster_instance.a[0]"]
    assert instance["status"] == "unpriced"
    assert "docdb.instance.db.serverless" not in instance["reason"]


def test_an_instance_whose_cluster_is_not_in_the_change_says_it_assumes_standard_storage(
    tmp_path: Path,
) -> None:
    tf = """
provider "aws" { region = "us-east-1" }
resource "aws_docdb_cluster_instance" "a" {
  cluster_identifier = "existing-cluster"
  instance_class     = "db.t3.medium"
}
"""
    doc = _report(tmp_path, tf, {})
    (row,) = doc["resources"]
    assert row["monthly_after"] is not None
    said = [a for a in doc["assumptions"] if a["subject"] == "aws_docdb_cluster_instance.a"]
    assert [(a["key"], a["value"]) for a in said] == [
        ("cluster storage_type", "standard (not in this change)")
    ]
    joined = _report(tmp_path / "joined", _TF, {})
    assert not [a for a in joined["assumptions"] if a["key"] == "cluster storage_type"]
