"""Google Cloud arguments the code sets to a value known only after apply (here a data source's
attribute): Google's default for leaving them unset is not their value, so the resource is
unpriced naming the argument, never priced at that default (a pd-standard disk, a BASIC Redis
tier, a zonal SQL instance, GKE's e2-medium node...). And a word where a local SSD's size goes
is refused, never read as 375 GB nor a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.sides import check_sides

GOOGLE = (
    'provider "google" {\n  project = "p"\n  region  = "us-central1"\n}\n'
    'data "google_client_config" "c" {}\n'
)
LATER = "data.google_client_config.c.id"


def _report(tmp_path: Path, body: str) -> dict[str, dict[str, Any]]:
    doc = check_sides(tmp_path, {}, {"main.tf": GOOGLE + body.replace("LATER", LATER)})
    return {r["address"]: r for r in doc["resources"]}


CASES = {
    "disk type": (
        'resource "google_compute_disk" "d" {\n  name = "d"\n  zone = "us-central1-a"\n'
        "  type = LATER\n  size = 100\n}\n",
        "google_compute_disk.d",
        "type",
    ),
    "disk IOPS": (
        'resource "google_compute_disk" "d" {\n  name = "d"\n  zone = "us-central1-a"\n'
        '  type = "pd-extreme"\n  size = 500\n  provisioned_iops = LATER\n}\n',
        "google_compute_disk.d",
        "provisioned_iops",
    ),
    "boot disk type": (
        'resource "google_compute_instance" "i" {\n  name = "i"\n  zone = "us-central1-a"\n'
        '  machine_type = "e2-standard-2"\n'
        "  boot_disk {\n    initialize_params {\n      size = 20\n      type = LATER\n    }\n  }\n"
        '  network_interface {\n    network = "default"\n  }\n}\n',
        "google_compute_instance.i",
        "boot_disk.0.initialize_params.0.type",
    ),
    "VM spot or not": (
        'resource "google_compute_instance" "i" {\n  name = "i"\n  zone = "us-central1-a"\n'
        '  machine_type = "e2-standard-2"\n'
        "  boot_disk {\n    initialize_params {\n      size = 20\n    }\n  }\n"
        "  scheduling {\n    provisioning_model = LATER\n  }\n"
        '  network_interface {\n    network = "default"\n  }\n}\n',
        "google_compute_instance.i",
        "scheduling.0.provisioning_model",
    ),
    "SQL availability": (
        'resource "google_sql_database_instance" "s" {\n  name = "s"\n'
        '  database_version = "POSTGRES_15"\n  settings {\n    tier = "db-custom-2-7680"\n'
        "    availability_type = LATER\n  }\n}\n",
        "google_sql_database_instance.s",
        "settings.0.availability_type",
    ),
    "SQL disk size": (
        'resource "google_sql_database_instance" "s" {\n  name = "s"\n'
        '  database_version = "POSTGRES_15"\n  settings {\n    tier = "db-custom-2-7680"\n'
        "    disk_size = LATER\n  }\n}\n",
        "google_sql_database_instance.s",
        "settings.0.disk_size",
    ),
    "Redis tier": (
        'resource "google_redis_instance" "r" {\n  name = "r"\n  memory_size_gb = 5\n'
        "  tier = LATER\n}\n",
        "google_redis_instance.r",
        "tier",
    ),
    "bucket class": (
        'resource "google_storage_bucket" "b" {\n  name = "b"\n  location = "US-CENTRAL1"\n'
        "  storage_class = LATER\n}\n",
        "google_storage_bucket.b",
        "storage_class",
    ),
    "address type": (
        'resource "google_compute_address" "a" {\n  name = "a"\n  address_type = LATER\n}\n',
        "google_compute_address.a",
        "address_type",
    ),
    "node machine type": (
        'resource "google_container_node_pool" "p" {\n  name = "p"\n  cluster = "c"\n'
        '  location = "us-central1-a"\n  node_count = 2\n'
        "  node_config {\n    machine_type = LATER\n  }\n}\n",
        "google_container_node_pool.p",
        "node_config.0.machine_type",
    ),
    "node count": (
        'resource "google_container_node_pool" "p" {\n  name = "p"\n  cluster = "c"\n'
        '  location = "us-central1-a"\n  node_count = LATER\n  initial_node_count = 1\n'
        '  node_config {\n    machine_type = "e2-medium"\n  }\n}\n',
        "google_container_node_pool.p",
        "node_count",
    ),
    "node disk size": (
        'resource "google_container_node_pool" "p" {\n  name = "p"\n  cluster = "c"\n'
        '  location = "us-central1-a"\n  node_count = 2\n'
        '  node_config {\n    machine_type = "e2-medium"\n    disk_size_gb = LATER\n  }\n}\n',
        "google_container_node_pool.p",
        "node_config.0.disk_size_gb",
    ),
    # where the nodes run (one zone or three) from the pool's cluster, joined with its markers
    "node pool in its cluster's location": (
        'resource "google_container_cluster" "k" {\n  name = "k"\n  location = LATER\n'
        "  initial_node_count = 1\n  remove_default_node_pool = true\n}\n"
        'resource "google_container_node_pool" "p" {\n  name = "p"\n'
        "  cluster = google_container_cluster.k.id\n  node_count = 1\n"
        '  node_config {\n    machine_type = "e2-standard-2"\n  }\n}\n',
        "google_container_node_pool.p",
        "the cluster's location",
    ),
    "node pool in its cluster's zones": (
        'resource "google_container_cluster" "k" {\n  name = "k"\n  location = "us-central1"\n'
        "  node_locations = LATER\n"
        "  initial_node_count = 1\n  remove_default_node_pool = true\n}\n"
        'resource "google_container_node_pool" "p" {\n  name = "p"\n'
        "  cluster = google_container_cluster.k.id\n  node_count = 1\n"
        '  node_config {\n    machine_type = "e2-standard-2"\n  }\n}\n',
        "google_container_node_pool.p",
        "the cluster's node_locations",
    ),
    "node pool zones": (
        'resource "google_container_node_pool" "p" {\n  name = "p"\n  cluster = "c"\n'
        '  location = "us-central1"\n  node_count = 1\n  node_locations = LATER\n'
        '  node_config {\n    machine_type = "e2-medium"\n  }\n}\n',
        "google_container_node_pool.p",
        "node_locations",
    ),
    "cluster default pool location": (
        'resource "google_container_cluster" "k" {\n  name = "k"\n  location = LATER\n'
        "  initial_node_count = 1\n}\n",
        "google_container_cluster.k",
        "location",
    ),
    "cluster default pool": (
        'resource "google_container_cluster" "k" {\n  name = "k"\n  location = "us-central1"\n'
        "  remove_default_node_pool = LATER\n  initial_node_count = 1\n}\n",
        "google_container_cluster.k",
        "remove_default_node_pool",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_setting_known_only_after_apply_is_named_never_its_default(
    tmp_path: Path, case: str
) -> None:
    body, address, path = CASES[case]
    found = _report(tmp_path, body)[address]
    assert found["status"] == "unpriced", found
    assert found["monthly_after"] is None
    assert f"{path} is unknown until apply" in found["reason"]


def test_a_disk_size_known_after_apply_takes_the_usage_size(tmp_path: Path) -> None:
    body = (
        'resource "google_compute_disk" "d" {\n  name = "d"\n  zone = "us-central1-a"\n'
        '  type = "pd-ssd"\n  size = LATER\n}\n'
    )
    found = _report(tmp_path, body)["google_compute_disk.d"]
    assert found["status"] == "unpriced"
    assert "size is unknown until apply" in found["reason"]
    usage = "usage:\n  terraform:\n    resource_usage:\n      google_compute_disk.d:\n"
    doc = check_sides(
        tmp_path / "u",
        {".finops-gate.yml": "version: 1\n" + usage + "        disk_size_gb: 50\n"},
        {"main.tf": GOOGLE + body.replace("LATER", LATER)},
    )
    (disk,) = doc["resources"]
    assert disk["status"] == "priced"
    assert disk["monthly_after"] == "8.5"  # 50 GB x us-central1's $0.17 per pd-ssd GB-month


@pytest.mark.parametrize(
    ("body", "address", "path"),
    [
        (
            'resource "google_compute_instance" "i" {\n  name = "i"\n'
            '  zone = "us-central1-a"\n  machine_type = "n2-standard-2"\n'
            "  boot_disk {\n    initialize_params {\n      size = 20\n    }\n  }\n"
            '  scratch_disk {\n    size = "abc"\n  }\n'
            '  network_interface {\n    network = "default"\n  }\n}\n',
            "google_compute_instance.i",
            "scratch_disk.0.size",
        ),
        (
            'resource "google_compute_instance_template" "t" {\n'
            '  machine_type = "n2-standard-2"\n'
            '  disk {\n    type = "SCRATCH"\n    disk_type = "local-ssd"\n'
            '    disk_size_gb = "abc"\n  }\n'
            '  network_interface {\n    network = "default"\n  }\n}\n'
            'resource "google_compute_instance_group_manager" "g" {\n  name = "g"\n'
            '  zone = "us-central1-a"\n  base_instance_name = "g"\n  target_size = 2\n'
            "  version {\n    instance_template = google_compute_instance_template.t.id\n  }\n}\n",
            "google_compute_instance_group_manager.g",
            "disk.0.disk_size_gb",
        ),
    ],
)
def test_a_word_for_a_local_ssd_size_is_refused_never_375_gb_nor_a_crash(
    tmp_path: Path, body: str, address: str, path: str
) -> None:
    found = _report(tmp_path, body)[address]
    assert found["status"] == "unpriced"
    assert f"{path} is 'abc', not a number" in found["reason"]


def test_unknown_read_replicas_of_a_basic_redis_change_nothing(tmp_path: Path) -> None:
    body = (
        'resource "google_redis_instance" "r" {\n  name = "r"\n  memory_size_gb = 5\n'
        '  tier = "BASIC"\n  replica_count = LATER\n}\n'
    )
    found = _report(tmp_path, body)["google_redis_instance.r"]
    assert found["monthly_after"] == "98.55"  # 5 GB x 730 h x $0.027 (Basic M2)
    standard = body.replace('"BASIC"', '"STANDARD_HA"')
    found = _report(tmp_path / "s", standard)["google_redis_instance.r"]
    assert "replica_count is unknown until apply" in found["reason"]


@pytest.mark.parametrize("dtype", ["pd-extreme", "hyperdisk-extreme"])
def test_an_extreme_disk_without_provisioned_iops_never_drops_them(
    tmp_path: Path, dtype: str
) -> None:
    # every IOPS of an extreme disk is billed; unset, Compute Engine provisions a default
    # (10,000 at least for pd-extreme: $650 a month in us-central1) the plan does not show
    body = (
        'resource "google_compute_disk" "d" {\n  name = "d"\n  zone = "us-central1-a"\n'
        f'  type = "{dtype}"\n  size = 500\n}}\n'
    )
    found = _report(tmp_path, body)["google_compute_disk.d"]
    assert found["status"] == "unpriced"
    assert "provisioned_iops is not set" in found["reason"]
    iops = body.replace("size = 500", "size = 500\n  provisioned_iops = 10000")
    found = _report(tmp_path / "set", iops)["google_compute_disk.d"]
    assert found["status"] == "priced"


def test_an_extreme_boot_disks_iops_are_billed_or_named(tmp_path: Path) -> None:
    body = (
        'resource "google_compute_instance" "i" {\n  name = "i"\n  zone = "us-central1-a"\n'
        '  machine_type = "n2-standard-2"\n'
        "  boot_disk {\n    initialize_params {\n      size = 100\n"
        '      type = "pd-extreme"\n      IOPS\n    }\n  }\n'
        '  network_interface {\n    network = "default"\n  }\n}\n'
    )
    vm = _report(tmp_path, body.replace("IOPS", ""))["google_compute_instance.i"]
    assert vm["status"] == "unpriced"
    assert "provisioned_iops is not set" in vm["reason"]
    vm = _report(tmp_path / "set", body.replace("IOPS", "provisioned_iops = 10000"))[
        "google_compute_instance.i"
    ]
    (iops,) = [x for x in vm["lines"] if "IOPS" in x["name"]]
    assert iops["monthly_cost"] == "650"  # 10,000 IOPS x $0.065 per IOPS-month


def test_a_templates_extreme_disk_iops_are_billed_per_vm(tmp_path: Path) -> None:
    body = (
        'resource "google_compute_instance_template" "t" {\n'
        '  machine_type = "n2-standard-2"\n'
        '  disk {\n    source_image = "debian-cloud/debian-12"\n    disk_size_gb = 20\n  }\n'
        '  disk {\n    disk_type = "pd-extreme"\n    disk_size_gb = 500\n    IOPS\n  }\n'
        '  network_interface {\n    network = "default"\n  }\n}\n'
        'resource "google_compute_instance_group_manager" "g" {\n  name = "g"\n'
        '  zone = "us-central1-a"\n  base_instance_name = "g"\n  target_size = 2\n'
        "  version {\n    instance_template = google_compute_instance_template.t.id\n  }\n}\n"
    )
    address = "google_compute_instance_group_manager.g"
    group = _report(tmp_path, body.replace("IOPS", "provisioned_iops = 10000"))[address]
    (iops,) = [x for x in group["lines"] if "IOPS" in x["name"]]
    assert iops["monthly_cost"] == "1300"  # 2 VMs x 10,000 IOPS x $0.065
    group = _report(tmp_path / "unset", body.replace("IOPS", ""))[address]
    assert "disk.1.provisioned_iops is not set" in group["reason"]
