"""Every registered azurerm_* type has a plan fixture, read through the real plan reader, whose
priced lines match a reviewed snapshot; the free list is data and never overlaps the mappers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finops_gate.estimate.azure import FREE, REGISTRY
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from tests.estimate.gcp.plan_fixture import PLANS, price, render_fixture, resources

FIXTURES = PLANS / "azure"


def test_every_registry_key_has_a_plan_fixture() -> None:
    fixtures = {p.name.removesuffix(".json") for p in FIXTURES.glob("*.json")}
    assert sorted(set(REGISTRY) - fixtures) == []


def test_free_and_registered_types_do_not_overlap() -> None:
    assert sorted(FREE & set(REGISTRY)) == []
    assert all(name.startswith("azurerm_") for name in FREE)


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_priced_lines_match_the_reviewed_snapshot(kind: str, snapshot: object) -> None:
    snapshot.assert_match(render_fixture("azure", kind), f"{kind}.txt")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "kind", ["azurerm_resource_group", "azurerm_role_assignment", "azurerm_subnet"]
)
def test_free_types_are_free_not_unsupported(kind: str) -> None:
    res = Resource(f"{kind}.x", "terraform", kind, "azurerm", "eastus")
    side = price_side(res, UsageFile())
    assert (side.status, side.monthly) == (Status.FREE, Decimal(0))


@pytest.mark.parametrize("kind", ["azurerm_dns_zone", "azurerm_lb_rule", "azurerm_key_vault"])
def test_types_that_cost_are_not_on_the_free_list(kind: str) -> None:
    res = Resource(f"{kind}.x", "terraform", kind, "azurerm", "eastus")
    assert price_side(res, UsageFile()).status is Status.UNSUPPORTED


def test_display_name_locations_price_in_their_arm_region() -> None:
    side = price("azure", "azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine.web")
    assert side.lines[0].unit_price == Decimal("0.12")  # westeurope, not eastus's 0.096


def test_a_node_pool_takes_its_clusters_location() -> None:
    pools = {
        r.address: r.region for r in resources("azure", "azurerm_kubernetes_cluster_node_pool")
    }
    assert pools["azurerm_kubernetes_cluster_node_pool.gpu"] == "eastus"


def test_a_sql_database_takes_its_servers_location() -> None:
    dbs = {r.address: r.region for r in resources("azure", "azurerm_mssql_database")}
    assert dbs["azurerm_mssql_database.db"] == "eastus"


def test_a_disk_tier_missing_from_the_catalog_leaves_the_vm_unpriced_not_partly_priced() -> None:
    side = price("azure", "azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine.web")
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "disk.p6.lrs" in (side.reason or "")


def test_windows_without_a_licence_price_is_unpriced_naming_the_key() -> None:
    side = price(
        "azure",
        "azurerm_windows_virtual_machine",
        "azurerm_windows_virtual_machine.no_licence_price",
    )
    assert side.status is Status.UNPRICED
    assert side.monthly is None
    assert "vm.standard_d2s_v3.windows" in (side.reason or "")


def test_an_unknown_vm_size_is_unpriced_never_zero() -> None:
    side = price(
        "azure", "azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine.unknown_size"
    )
    assert side.status is Status.UNPRICED
    assert "vm.standard_notasize_v9" in (side.reason or "")


def test_an_os_disk_sized_by_the_image_depends_on_usage_not_a_guess() -> None:
    side = price(
        "azure", "azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine.from_image"
    )
    disk = [line for line in side.lines if line.name.startswith("os_disk / Storage")]
    assert disk[0].monthly_cost is None and disk[0].usage_key == "os_disk_size_gb"
