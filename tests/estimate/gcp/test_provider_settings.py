"""The `.tf` reader takes a google provider block (aliases included) as the plan reader does:
its ``region``, else the region of its ``zone``; its ``default_labels`` join every resource's
labels for the tag policy."""

from __future__ import annotations

from pathlib import Path

from finops_gate.config import Settings
from finops_gate.model import Resource
from finops_gate.sources import terraform_hcl
from finops_gate.sources.tree import Tree

PROVIDERS = """
provider "google" {
  region = "us-central1"
  zone   = "us-central1-a"
}
provider "google" {
  alias  = "eu"
  region = "europe-west1"
}
provider "google" {
  alias = "asia"
  zone  = "asia-east1-b"
  default_labels = {
    finops_team = "data"
  }
}
"""
DISK = """
resource "google_compute_disk" "%s" {
  %s
  name = "d"
  type = "pd-ssd"
  size = 100
  %s
}
"""


def _load(tmp_path: Path, text: str) -> dict[str, Resource]:
    (tmp_path / "main.tf").write_text(PROVIDERS + text, encoding="utf-8")
    return {r.address: r for r in terraform_hcl.load(Tree(tmp_path), Settings())}


def test_a_provider_alias_gives_its_region_or_its_zones_region(tmp_path: Path) -> None:
    found = _load(
        tmp_path,
        DISK % ("default", "", "")
        + DISK % ("eu", "provider = google.eu", "")
        + DISK % ("asia", "provider = google.asia", "")
        + DISK % ("own", "provider = google.asia", 'zone = "europe-west4-a"'),
    )
    regions = {address.split(".")[1]: r.region for address, r in found.items()}
    assert regions == {
        "default": "us-central1",
        "eu": "europe-west1",
        "asia": "asia-east1",  # the zone's region
        "own": "europe-west4",  # the resource's own zone wins
    }


def test_default_labels_join_the_resources_labels(tmp_path: Path) -> None:
    found = _load(
        tmp_path,
        DISK % ("asia", "provider = google.asia", 'labels = { finops_service = "etl" }')
        + DISK % ("override", "provider = google.asia", 'labels = { finops_team = "ml" }')
        + DISK % ("plain", "", ""),
    )
    assert found["google_compute_disk.asia"].tags == {
        "finops_team": "data",
        "finops_service": "etl",
    }
    assert found["google_compute_disk.override"].tags == {"finops_team": "ml"}  # own label wins
    assert found["google_compute_disk.plain"].tags == {}
