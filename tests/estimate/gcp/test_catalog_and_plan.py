"""The gcp and azure catalogs rebuild byte for byte; the plan reader finds google/azurerm
regions and labels."""

from __future__ import annotations

import importlib.util
import os
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from finops_gate.catalogs.store import price_catalog
from finops_gate.sources.terraform_plan import azure_location
from tests.estimate.gcp.plan_fixture import resources

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = Path(
    os.environ.get("FINOPS_GATE_REFERENCE_DATA", ROOT.parent / "shared" / "reference-data")
)


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not (REFERENCE / "cyclenerd-gcp-pricing").is_dir(),
    reason=f"reference data not found at {REFERENCE}; cannot rebuild the gcp catalog",
)
def test_build_script_reproduces_the_gcp_catalog_byte_for_byte() -> None:
    build = _script("build_gcp_catalog")
    # the index and every regional part, and no stale part beside them
    on_disk = build._catalog_out.on_disk(ROOT / "pricing", "gcp", build.VERSION)
    assert build.files(REFERENCE) == on_disk


@pytest.mark.skipif(
    not (REFERENCE / "azure-karpenter-vm-linux").is_dir(),
    reason=f"reference data not found at {REFERENCE}; cannot rebuild the azure catalog",
)
def test_build_script_reproduces_the_azure_catalog_byte_for_byte() -> None:
    build = _script("build_azure_catalog")
    # the index and every regional part, and no stale part beside them
    on_disk = build._catalog_out.on_disk(ROOT / "pricing", "azure", build.VERSION)
    assert build.files(REFERENCE) == on_disk


@pytest.mark.parametrize(
    ("cloud", "key", "region", "price"),
    [
        ("gcp", "compute.instance.n1-standard-16", "us-central1", "0.759996"),
        ("gcp", "compute.instance.e2-medium", "us-central1", "0.03350571"),
        ("gcp", "compute.disk.pd-standard", "us-central1", "0.04"),
        ("gcp", "gcs.standard.storage", "us", "0.026"),
        ("gcp", "compute.gpu.nvidia-tesla-k80", "us-central1", "0.45"),
        ("gcp", "nat.vm", "us-central1", "0.0014"),
        ("azure", "vm.standard_d2s_v3", "eastus", "0.096"),
        ("azure", "vm.standard_d2s_v3", "westeurope", "0.12"),
        ("azure", "vm.standard_a2_v2", "eastus", "0.0903"),
        ("azure", "vm.basic_a2", "eastus", "0.079"),
    ],
)
def test_known_list_prices_are_in_the_catalogs(
    cloud: str, key: str, region: str, price: str
) -> None:
    assert price_catalog(cloud).price(key, region) == Decimal(price)


def test_gcp_machine_prices_are_list_not_sustained_use_discounted() -> None:
    # pricing.yml's month figure for n1-standard-16 in us-central1 carries the 30% discount
    assert price_catalog("gcp").price("compute.instance.n1-standard-16", "us-central1") == Decimal(
        "0.759996"
    )


def test_a_regional_price_is_never_borrowed_from_another_region() -> None:
    assert price_catalog("gcp").price("redis.basic.m1", "europe-west1") is None
    assert price_catalog("azure").price("aks.uptime_sla", "westeurope") is None


def test_a_zone_gives_its_region_and_a_resource_region_beats_the_provider() -> None:
    by_address = {r.address: r for r in resources("gcp", "google_compute_instance")}
    assert by_address["google_compute_instance.web"].region == "europe-west1"
    disks = {r.address: r.region for r in resources("gcp", "google_compute_disk")}
    assert disks["google_compute_disk.data"] == "europe-west4"


def test_a_resource_without_location_takes_the_provider_region() -> None:
    addresses = {r.address: r.region for r in resources("gcp", "google_compute_global_address")}
    assert addresses["google_compute_global_address.lb"] == "us-central1"


def test_gcs_multi_and_dual_regions_are_their_own_locations() -> None:
    buckets = {r.address: r.region for r in resources("gcp", "google_storage_bucket")}
    assert buckets["google_storage_bucket.assets"] == "us"
    assert buckets["google_storage_bucket.dual"] == "nam4"


def test_labels_come_from_terraform_labels_or_labels_when_those_are_computed() -> None:
    by_address = {r.address: r for r in resources("gcp", "google_compute_instance")}
    assert by_address["google_compute_instance.web"].tags == {"finops_team": "web"}
    # terraform_labels unknown until apply, no provider default_labels: the labels themselves
    image_sized = by_address["google_compute_instance.image_sized"]
    assert (image_sized.tags, image_sized.unknown_tags) == ({"finops_team": "web"}, frozenset())


@pytest.mark.parametrize(
    ("given", "expected"),
    [("West Europe", "westeurope"), ("westeurope", "westeurope"), ("East US 2", "eastus2")],
)
def test_azure_locations_are_normalised(given: str, expected: str) -> None:
    assert azure_location(given) == expected


def test_an_empty_azure_location_is_no_region() -> None:
    assert azure_location("  ") is None
    assert azure_location(None) is None


def test_a_gpu_whose_count_is_not_known_leaves_the_instance_unpriced_not_cheaper() -> None:
    from finops_gate.estimate.gcp import compute_instance
    from finops_gate.estimate.usage import Usage
    from finops_gate.model import Resource

    res = Resource(
        "google_compute_instance.g",
        "terraform",
        "google_compute_instance",
        "google",
        "us-central1",
        {"machine_type": "n1-standard-4", "guest_accelerator": [{"type": "nvidia-tesla-t4"}]},
    )
    gpu = [line for line in compute_instance.cost_lines(res, Usage()) if line.name == "GPU"]
    assert gpu and gpu[0].unknown_reason is not None


def test_the_gke_fee_is_one_published_rate_in_every_location() -> None:
    gcp = price_catalog("gcp")
    assert gcp.price("gke.cluster", "europe-west1") == gcp.price("gke.cluster", "us-central1")
    assert gcp.price("gke.cluster", "asia-south1") == Decimal("0.1")
