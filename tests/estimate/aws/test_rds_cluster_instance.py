"""aws_rds_cluster_instance: the rates of its cluster's storage configuration."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

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
