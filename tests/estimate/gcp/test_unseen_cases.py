"""Google Cloud resources on cases the goldens do not hold, checked from the CLI
(``check --base --head``): local SSDs GKE attaches through its newer blocks, and a VM booting
from a disk of the code (billed on that disk, never twice)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.sides import check_sides

GOOGLE = 'provider "google" {\n  project = "p"\n  region  = "us-central1"\n}\n'


def _report(tmp_path: Path, body: str) -> dict[str, dict[str, Any]]:
    doc = check_sides(tmp_path, {}, {"main.tf": GOOGLE + body})
    return {r["address"]: r for r in doc["resources"]}


def _line(resource: dict[str, Any], word: str) -> dict[str, Any]:
    return next(line for line in resource["lines"] if word in line["name"])


@pytest.mark.parametrize(
    ("machine_type", "billed"),
    [
        # 2 nodes x 2 SSDs x 375 GB at us-central1's $0.08 per GB-month
        ("n2-standard-8", ("1500", "120")),
        # a machine type that comes with its local SSDs has them in its node rate
        ("c3-standard-8-lssd", None),
    ],
)
def test_local_ssds_of_the_ephemeral_storage_block_are_billed_per_node(
    tmp_path: Path, machine_type: str, billed: tuple[str, str] | None
) -> None:
    body = """
resource "google_container_node_pool" "cache" {
  name       = "cache"
  cluster    = "c"
  location   = "us-central1-a"
  node_count = 2
  node_config {
    machine_type = "MTYPE"
    ephemeral_storage_local_ssd_config {
      local_ssd_count = 2
    }
  }
}
"""
    pool = _report(tmp_path, body.replace("MTYPE", machine_type))[
        "google_container_node_pool.cache"
    ]
    assert pool["status"] == "priced"
    ssd = [
        (x["monthly_quantity"], x["monthly_cost"])
        for x in pool["lines"]
        if "Local SSD" in x["name"]
    ]
    assert ssd == ([] if billed is None else [billed])


def test_an_inline_pools_nvme_block_ssds_are_billed(tmp_path: Path) -> None:
    body = """
resource "google_container_cluster" "c" {
  name     = "c"
  location = "us-central1-a"
  node_pool {
    name       = "nvme"
    node_count = 1
    node_config {
      machine_type = "n2-standard-8"
      local_nvme_ssd_block_config {
        local_ssd_count = 1
      }
    }
  }
}
"""
    cluster = _report(tmp_path, body)["google_container_cluster.c"]
    assert _line(cluster, "Local SSD")["monthly_quantity"] == "375"


def test_a_vm_booting_from_a_disk_of_the_code_bills_it_once_on_the_disk(tmp_path: Path) -> None:
    body = """
resource "google_compute_disk" "boot" {
  name  = "boot"
  zone  = "us-central1-a"
  type  = "pd-ssd"
  size  = 100
  image = "debian-cloud/debian-12"
}
resource "google_compute_instance" "vm" {
  name         = "vm"
  zone         = "us-central1-a"
  machine_type = "e2-medium"
  boot_disk {
    source = google_compute_disk.boot.id
  }
  network_interface {
    network = "default"
  }
}
"""
    found = _report(tmp_path, body)
    vm = found["google_compute_instance.vm"]
    assert [line["name"] for line in vm["lines"]] == [
        "Instance usage (Linux/UNIX, on-demand, e2-medium)"
    ]
    assert vm["status"] == "priced"
    assert Decimal(found["google_compute_disk.boot"]["monthly_after"]) == Decimal("17")


def test_a_multi_zonal_cluster_runs_nodes_in_its_own_zone_too(tmp_path: Path) -> None:
    body = """
resource "google_container_cluster" "mz" {
  name               = "mz"
  location           = "us-central1-a"
  node_locations     = ["us-central1-b", "us-central1-c"]
  initial_node_count = 1
  node_config {
    machine_type = "e2-standard-4"
  }
}
resource "google_container_node_pool" "extra" {
  name       = "extra"
  cluster    = google_container_cluster.mz.id
  location   = "us-central1-a"
  node_count = 2
  node_config {
    machine_type = "e2-standard-4"
  }
}
resource "google_container_node_pool" "listed" {
  name           = "listed"
  cluster        = google_container_cluster.mz.id
  location       = "us-central1-a"
  node_locations = ["us-central1-a", "us-central1-f"]
  node_count     = 1
  node_config {
    machine_type = "e2-standard-4"
  }
}
"""
    found = _report(tmp_path, body)
    # node_locations of a zonal cluster name the zones added to its own: a, b and c
    cluster = _line(found["google_container_cluster.mz"], "Instance usage")
    assert cluster["name"].startswith("default_pool / [3 nodes]")
    # a pool without a list of its own runs in all three, per zone
    assert _line(found["google_container_node_pool.extra"], "Instance usage")["name"].startswith(
        "[6 nodes]"
    )
    # a pool's own list names every zone
    assert _line(found["google_container_node_pool.listed"], "Instance usage")["name"].startswith(
        "[2 nodes]"
    )


def test_a_gpu_count_written_as_a_string_is_the_number_terraform_reads(tmp_path: Path) -> None:
    body = """
resource "google_compute_instance" "train" {
  name         = "train"
  zone         = "us-central1-a"
  machine_type = "n1-standard-8"
  guest_accelerator {
    type  = "nvidia-l4"
    count = "2"
  }
  scheduling {
    on_host_maintenance = "TERMINATE"
  }
  boot_disk {
    initialize_params {
      size = 50
      type = "pd-balanced"
    }
  }
  network_interface {
    network = "default"
  }
}
"""
    vm = _report(tmp_path, body)["google_compute_instance.train"]
    gpu = _line(vm, "GPU")
    # 2 GPUs x 730 h at us-central1's $0.56004
    assert (vm["status"], gpu["monthly_quantity"], gpu["unit_price"]) == (
        "priced",
        "1460",
        "0.56004",
    )


def test_a_hyperdisk_cloud_sql_volume_is_never_priced_at_the_ssd_rate(tmp_path: Path) -> None:
    body = """
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_16"
  region           = "us-central1"
  settings {
    tier      = "db-custom-2-7680"
    disk_type = "HYPERDISK_BALANCED"
    disk_size = 100
  }
}
"""
    db = _report(tmp_path, body)["google_sql_database_instance.db"]
    assert db["status"] == "unpriced" and db["monthly_after"] is None
    assert "sql.storage.hyperdisk_balanced.zonal" in db["reason"]


def test_redis_read_replicas_beyond_the_first_are_never_left_out(tmp_path: Path) -> None:
    body = """
resource "google_redis_instance" "cache" {
  name               = "cache"
  region             = "us-central1"
  tier               = "STANDARD_HA"
  memory_size_gb     = 5
  read_replicas_mode = "READ_REPLICAS_ENABLED"
  replica_count      = 3
}
resource "google_redis_instance" "one" {
  name               = "one"
  region             = "us-central1"
  tier               = "STANDARD_HA"
  memory_size_gb     = 5
  read_replicas_mode = "READ_REPLICAS_ENABLED"
  replica_count      = 1
}
"""
    found = _report(tmp_path, body)
    cache = found["google_redis_instance.cache"]
    assert cache["status"] == "unpriced" and "replica_count 3" in cache["reason"]
    # one replica is what the Standard Tier rate covers: 5 GB x 730 h x $0.054
    assert found["google_redis_instance.one"]["monthly_after"] == "197.1"


# A machine type that comes with its local SSDs has them in its hourly rate (us-central1:
# c3-standard-8-lssd $0.485408 an hour, c3-standard-8 $0.403216: 2 x 375 GB at $0.08 a
# GB-month over 730 hours); the disks a config lists for it are those, never billed again.
LSSD_VM = """
resource "google_compute_instance" "db" {
  name         = "db"
  zone         = "us-central1-a"
  machine_type = "MTYPE"
  boot_disk {
    initialize_params {
      size = 10
      type = "pd-balanced"
    }
  }
  scratch_disk {
    interface = "NVME"
  }
  scratch_disk {
    interface = "NVME"
  }
  network_interface {
    network = "default"
  }
}
"""


@pytest.mark.parametrize(
    ("machine_type", "ssd_gb"), [("c3-standard-8-lssd", None), ("c3-standard-8", "750")]
)
def test_an_lssd_machine_types_scratch_disks_are_in_its_rate(
    tmp_path: Path, machine_type: str, ssd_gb: str | None
) -> None:
    vm = _report(tmp_path, LSSD_VM.replace("MTYPE", machine_type))["google_compute_instance.db"]
    assert vm["status"] == "priced"
    ssd = [line["monthly_quantity"] for line in vm["lines"] if "Local SSD" in line["name"]]
    assert ssd == ([] if ssd_gb is None else [ssd_gb])
    hours = _line(vm, "Instance usage")
    rate = {"c3-standard-8-lssd": "0.485407780821918", "c3-standard-8": "0.403216"}
    assert Decimal(hours["unit_price"]) == Decimal(rate[machine_type])


def test_an_lssd_instance_templates_scratch_disks_are_in_its_rate(tmp_path: Path) -> None:
    body = """
resource "google_compute_instance_template" "t" {
  name         = "t"
  machine_type = "c3-standard-8-lssd"
  disk {
    source_image = "debian-cloud/debian-12"
    boot         = true
    disk_size_gb = 10
  }
  disk {
    type         = "SCRATCH"
    disk_type    = "local-ssd"
    disk_size_gb = 375
    interface    = "NVME"
  }
  network_interface {
    network = "default"
  }
}

resource "google_compute_instance_group_manager" "g" {
  name               = "g"
  zone               = "us-central1-a"
  base_instance_name = "g"
  target_size        = 3
  version {
    instance_template = google_compute_instance_template.t.id
  }
}
"""
    group = _report(tmp_path, body)["google_compute_instance_group_manager.g"]
    assert group["status"] == "priced"
    assert [line for line in group["lines"] if "Local SSD" in line["name"]] == []
    assert _line(group, "Instance usage")["monthly_quantity"] == "2190"


def test_a_pool_priced_at_its_total_autoscaling_minimum_says_so(tmp_path: Path) -> None:
    body = """
resource "google_container_node_pool" "t" {
  name     = "t"
  cluster  = "c"
  location = "us-central1"
  autoscaling {
    total_min_node_count = 5
    total_max_node_count = 10
  }
  node_config {
    machine_type = "e2-standard-2"
  }
}
"""
    doc = check_sides(tmp_path, {}, {"main.tf": GOOGLE + body})
    (pool,) = doc["resources"]
    nodes = _line(pool, "Instance usage")
    # 5 nodes in all zones together (not per zone), the minimum of 5-10, named and assumed
    assert nodes["monthly_quantity"] == "3650"
    assert "autoscaling 5-10 in all zones: minimum" in nodes["name"]
    assumed = [a for a in doc["assumptions"] if a["subject"] == "google_container_node_pool.t"]
    assert [a["key"] for a in assumed] == ["nodes"]
