"""A VM started from a premium public image (Windows Server, RHEL, SLES, Ubuntu Pro...) bills that
image's licence per hour beside the machine: said as its own line, priced where a catalog holds
the rate, else the VM is unpriced naming it — never a Linux VM's price stated as the cost."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.estimate.gcp._common import premium_image
from tests.catalogs.conftest import price_doc, write_catalog


@pytest.mark.parametrize(
    ("image", "part"),
    [
        ("windows-cloud/windows-2022", "windows"),
        ("projects/windows-cloud/global/images/family/windows-2019-core", "windows"),
        (
            "https://www.googleapis.com/compute/v1/projects/rhel-cloud/global/images/rhel-9-v2024",
            "rhel",
        ),
        ("suse-cloud/sles-15", "sles"),
        ("suse-sap-cloud/sles-15-sp5-sap", "sles_sap"),
        ("windows-sql-cloud/sql-ent-2022-win-2022", "windows_sql"),
        ("ubuntu-os-pro-cloud/ubuntu-pro-2204-lts", "ubuntu_pro"),
        ("debian-cloud/debian-12", None),
        ("ubuntu-os-cloud/ubuntu-2204-lts", None),
        ("cos-cloud/cos-stable", None),
        ("family/windows-2022", None),  # the provider's own project: a team's image
        ("windows-2022", None),
        ("my-project/windows-cloud-copy", None),
        (None, None),
        (7, None),
    ],
)
def test_the_image_project_says_whether_a_licence_is_billed(image: Any, part: str | None) -> None:
    found = premium_image(image)
    assert (found[0] if found else None) == part


_VM = """
provider "google" {
  project = "p"
  region  = "us-central1"
}
resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-standard-4"
  zone         = "us-central1-a"
  boot_disk {
    initialize_params {
      image = "%s"
      size  = 50
    }
  }
  network_interface { network = "default" }
}
"""


def _check(tmp_path: Path, head: str, *extra: str) -> dict[str, Any]:
    for side, text in (
        ("base", 'provider "google" {\n  region = "us-central1"\n}\n'),
        ("head", head),
    ):
        (tmp_path / side).mkdir(parents=True, exist_ok=True)
        (tmp_path / side / "main.tf").write_text(text)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def _vm(doc: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in doc["resources"] if r["address"] == "google_compute_instance.vm")


def test_a_windows_vm_is_unpriced_naming_its_licence_not_priced_as_linux(tmp_path: Path) -> None:
    vm = _vm(_check(tmp_path, _VM % "windows-cloud/windows-2022"))
    assert vm["status"] == "unpriced" and vm["monthly_after"] is None
    assert "Windows Server image licence" in vm["reason"]
    assert "compute.license.windows.e2-standard-4" in vm["reason"]
    names = [line["name"] for line in vm["lines"]]
    assert "Instance usage (Windows Server, on-demand, e2-standard-4)" in names
    assert not any("Linux" in n for n in names)


def test_a_debian_vm_is_priced_as_before(tmp_path: Path) -> None:
    vm = _vm(_check(tmp_path, _VM % "debian-cloud/debian-12"))
    assert vm["status"] == "priced"
    assert vm["lines"][0]["name"] == "Instance usage (Linux/UNIX, on-demand, e2-standard-4)"
    assert not any("licence" in line["name"] for line in vm["lines"])


def test_a_catalog_with_the_licence_rate_prices_it_beside_the_machine(tmp_path: Path) -> None:
    linux = _vm(_check(tmp_path / "linux", _VM % "debian-cloud/debian-12"))
    team = tmp_path / "team"
    rate = {"compute.license.windows.e2-standard-4": {"us-central1": "0.184"}}
    write_catalog(team, price_doc("gcp", "2026-11-20", rate))
    doc = _check(tmp_path / "win", _VM % "windows-cloud/windows-2022", "--catalog-dir", str(team))
    vm = _vm(doc)
    assert vm["status"] == "priced"
    licence = next(line for line in vm["lines"] if "licence" in line["name"])
    assert licence["name"] == "Windows Server licence (e2-standard-4)"
    assert Decimal(licence["monthly_cost"]) == Decimal("0.184") * 730
    assert Decimal(vm["monthly_after"]) == Decimal(linux["monthly_after"]) + Decimal("134.32")


def test_a_group_and_a_gke_pool_bill_the_licence_per_vm(tmp_path: Path) -> None:
    head = """
provider "google" {
  project = "p"
  region  = "us-central1"
}
resource "google_compute_instance_template" "t" {
  machine_type = "e2-standard-4"
  disk {
    source_image = "rhel-cloud/rhel-9"
    boot         = true
  }
  network_interface { network = "default" }
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
resource "google_container_node_pool" "win" {
  name       = "win"
  cluster    = "c"
  location   = "us-central1-a"
  node_count = 2
  node_config {
    machine_type = "e2-standard-4"
    image_type   = "WINDOWS_LTSC_CONTAINERD"
  }
}
"""
    team = tmp_path / "team"
    rates = {
        "compute.license.rhel.e2-standard-4": {"us-central1": "0.06"},
        "compute.license.windows.e2-standard-4": {"us-central1": "0.184"},
    }
    write_catalog(team, price_doc("gcp", "2026-11-20", rates))
    doc = _check(tmp_path, head, "--catalog-dir", str(team))
    rows = {r["address"]: r for r in doc["resources"]}
    group = rows["google_compute_instance_group_manager.g"]
    licence = next(line for line in group["lines"] if "licence" in line["name"])
    assert licence["name"] == "RHEL licence (e2-standard-4)"
    assert Decimal(licence["monthly_quantity"]) == 3 * 730
    pool = rows["google_container_node_pool.win"]
    licence = next(line for line in pool["lines"] if "licence" in line["name"])
    assert Decimal(licence["monthly_quantity"]) == 2 * 730
    assert Decimal(licence["monthly_cost"]) == Decimal("0.184") * 2 * 730
