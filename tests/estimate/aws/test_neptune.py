"""Amazon Neptune: instance rates follow the cluster's storage configuration; storage, I/O and
backups are the cluster's; CPU credits are vCPU-hours from usage, never borrowed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.sides import check_sides

_TF = """
provider "aws" { region = "eu-west-2" }
resource "aws_neptune_cluster" "graph" {
  cluster_identifier  = "graph"
  engine              = "neptune"
  storage_type        = "iopt1"
  skip_final_snapshot = true
}
resource "aws_neptune_cluster_instance" "small" {
  cluster_identifier = aws_neptune_cluster.graph.id
  instance_class     = "db.t3.medium"
}
resource "aws_neptune_cluster_instance" "large" {
  cluster_identifier = aws_neptune_cluster.graph.id
  instance_class     = "db.r4.large"
}
"""


def _rows(tmp_path: Path, tf: str, usage: dict[str, Any]) -> dict[str, dict[str, Any]]:
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    report = check_sides(tmp_path, {}, {"main.tf": tf, ".finops-gate.yml": config})
    return {r["address"]: r for r in report["resources"]}


def _line(row: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [line for line in row["lines"] if line["name"].startswith(name)]
    return found


def test_an_io_optimized_clusters_instances_are_billed_at_io_optimized_rates(
    tmp_path: Path,
) -> None:
    rows = _rows(tmp_path, _TF, {})
    small = _line(rows["aws_neptune_cluster_instance.small"], "Database instance")
    assert Decimal(small["monthly_cost"]) == 730 * Decimal("0.151")  # not the Standard 0.112
    large = rows["aws_neptune_cluster_instance.large"]
    assert large["status"] == "unpriced"  # the catalog has no I/O-Optimized r4.large rate
    assert "neptune.instance.db.r4.large.io_optimized" in large["reason"]


def test_an_io_optimized_cluster_bills_no_io_and_never_the_standard_storage_rate(
    tmp_path: Path,
) -> None:
    usage = {"aws_neptune_cluster.graph": {"storage_gb": 100, "monthly_io_requests": 10**7}}
    cluster = _rows(tmp_path, _TF, usage)["aws_neptune_cluster.graph"]
    assert cluster["status"] == "unpriced"  # no I/O-Optimized storage rate shipped: named
    assert "neptune.storage_io_optimized" in cluster["reason"]
    assert [line["name"] for line in cluster["lines"]] == [
        "Storage (I/O-optimized)",
        "Backup storage",
    ]


def test_a_standard_cluster_bills_storage_io_and_backups_once(tmp_path: Path) -> None:
    tf = _TF.replace('  storage_type        = "iopt1"\n', "")
    usage = {
        "aws_neptune_cluster.graph": {
            "storage_gb": 100,
            "monthly_io_requests": 10**7,
            "backup_storage_gb": 1000,
        }
    }
    rows = _rows(tmp_path, tf, usage)
    assert Decimal(rows["aws_neptune_cluster.graph"]["monthly_after"]) == Decimal("35.92")
    large = rows["aws_neptune_cluster_instance.large"]
    assert Decimal(large["monthly_after"]) == 730 * Decimal("0.408")
    assert [line["name"] for line in large["lines"]] == [
        "Database instance (on-demand, db.r4.large)"
    ]


@pytest.mark.parametrize(("given", "vcpus"), [({}, 2), ({"vcpu_count": 4}, 4)])
def test_cpu_credits_are_the_hours_given_times_the_vcpus_once_not_every_hour(
    tmp_path: Path, given: dict[str, int], vcpus: int
) -> None:
    tf = _TF.replace('  storage_type        = "iopt1"\n', "")
    usage = {"aws_neptune_cluster_instance.small": {"monthly_cpu_credit_hrs": 10, **given}}
    small = _rows(tmp_path, tf, usage)["aws_neptune_cluster_instance.small"]
    # 10 hours x the class's vCPUs (db.t3.medium: 2; usage vcpu_count overrides), not x 730
    assert Decimal(_line(small, "CPU credits")["monthly_quantity"]) == 10 * vcpus
    assert Decimal(small["monthly_after"]) == 730 * Decimal("0.112") + 10 * vcpus * Decimal("0.15")


def test_a_graviton_burstable_class_asks_for_its_own_credit_rate(tmp_path: Path) -> None:
    tf = _TF.replace('  storage_type        = "iopt1"\n', "").replace(
        "db.t3.medium", "db.t4g.medium"
    )
    usage = {"aws_neptune_cluster_instance.small": {"monthly_cpu_credit_hrs": 10}}
    small = _rows(tmp_path, tf, usage)["aws_neptune_cluster_instance.small"]
    assert small["status"] == "unpriced"  # t4g is not in the shipped catalog: never t3's rate
    assert "neptune.cpu_credits.db.t4g" in small["reason"]
