"""Accelerator-optimized machine types (A2, A3, A4, G2, G4) come with their GPUs, in their hourly
rate (https://cloud.google.com/compute/vm-instance-pricing: a2-highgpu-1g's $3.673385 is its 12
vCPUs, 85 GB and one A100 at $2.933908): the ``guest_accelerator`` a config lists for them (GKE
asks for it) is never billed again. An N1 VM's attached GPUs are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sides import check_sides

GOOGLE = 'provider "google" {\n  project = "p"\n  region  = "us-central1"\n}\n'


@pytest.mark.parametrize(
    ("machine_type", "gpu", "monthly"),
    [
        ("a2-highgpu-1g", "nvidia-tesla-a100", "2683.57"),  # 730 x 3.673385 + 50 GB x 0.04
        ("g2-standard-4", "nvidia-l4", "517.99"),  # 730 x 0.706832255 + 2
        ("n1-standard-4", "nvidia-tesla-k80", "469.2"),  # 730 x (0.189999 + 0.45) + 2
    ],
)
def test_a_vms_gpus_are_billed_once(
    tmp_path: Path, machine_type: str, gpu: str, monthly: str
) -> None:
    body = f"""
resource "google_compute_instance" "gpu" {{
  name         = "gpu"
  zone         = "us-central1-a"
  machine_type = "{machine_type}"
  boot_disk {{
    initialize_params {{
      size = 50
    }}
  }}
  guest_accelerator {{
    type  = "{gpu}"
    count = 1
  }}
  network_interface {{
    network = "default"
  }}
}}
"""
    doc = check_sides(tmp_path, {}, {"main.tf": GOOGLE + body})
    (vm,) = doc["resources"]
    assert vm["monthly_after"] == monthly
    gpus = [x for x in vm["lines"] if x["name"].startswith("GPU")]
    assert len(gpus) == (1 if machine_type.startswith("n1") else 0)


def test_a_g2_node_pools_l4s_are_in_its_node_rate(tmp_path: Path) -> None:
    body = """
resource "google_container_node_pool" "l4" {
  name       = "l4"
  cluster    = "c"
  location   = "us-central1-a"
  node_count = 2
  node_config {
    machine_type = "g2-standard-8"
    guest_accelerator {
      type  = "nvidia-l4"
      count = 1
    }
  }
}
"""
    doc = check_sides(tmp_path, {}, {"main.tf": GOOGLE + body})
    (pool,) = doc["resources"]
    assert pool["status"] == "priced"
    assert not [x for x in pool["lines"] if x["name"].startswith("GPU")]
