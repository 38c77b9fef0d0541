"""Azure disks on cases the goldens do not hold, checked from the CLI (``check --base --head``):
scale-set data disks, Ultra disk billing sizes and performance, impossible sizes, and disks a
legacy VM attaches (billed on their own resource, never twice)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.sides import check_sides

OS_DISK = """
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
    disk_size_gb         = 30
  }
"""


def _report(tmp_path: Path, body: str) -> dict[str, dict[str, Any]]:
    doc = check_sides(tmp_path, {}, {"main.tf": 'provider "azurerm" {\n  features {}\n}\n' + body})
    return {r["address"]: r for r in doc["resources"]}


def _lines(resource: dict[str, Any]) -> dict[str, Decimal | None]:
    return {
        line["name"]: None if line["monthly_cost"] is None else Decimal(line["monthly_cost"])
        for line in resource["lines"]
    }


def test_scale_set_data_disks_are_billed_for_every_instance(tmp_path: Path) -> None:
    body = f"""
resource "azurerm_linux_virtual_machine_scale_set" "web" {{
  name                = "web"
  location            = "eastus"
  resource_group_name = "rg"
  sku                 = "Standard_D2s_v3"
  instances           = 4
  admin_username      = "ops"
  {OS_DISK}
  data_disk {{
    lun                  = 0
    caching              = "None"
    storage_account_type = "Premium_LRS"
    disk_size_gb         = 100
  }}
}}
"""
    web = _report(tmp_path, body)["azurerm_linux_virtual_machine_scale_set.web"]
    lines = _lines(web)
    # a P10 (128 GiB) per instance at eastus's $19.71 a month
    assert lines["data_disk[0] / Storage (P10, LRS)"] == Decimal("78.84")
    # 4 x (730 h x $0.096) + 4 x P4 $5.28 + 4 x P10 $19.71
    assert Decimal(web["monthly_after"]) == Decimal("380.28")


def test_an_ultra_disk_is_billed_at_its_billing_size_with_its_performance(
    tmp_path: Path,
) -> None:
    body = """
resource "azurerm_managed_disk" "fast" {
  name                 = "fast"
  location             = "eastus"
  resource_group_name  = "rg"
  storage_account_type = "UltraSSD_LRS"
  create_option        = "Empty"
  disk_size_gb         = 100
  disk_iops_read_write = 3000
  disk_mbps_read_write = 100
}
resource "azurerm_managed_disk" "big" {
  name                 = "big"
  location             = "eastus"
  resource_group_name  = "rg"
  storage_account_type = "UltraSSD_LRS"
  create_option        = "Empty"
  disk_size_gb         = 1500
  disk_iops_read_write = 3000
  disk_mbps_read_write = 100
}
"""
    found = _report(tmp_path, body)
    fast = found["azurerm_managed_disk.fast"]["lines"][0]
    # 100 GiB is billed as the 128 GiB step, 1500 GiB as 2 TiB (1 TiB steps above 512 GiB)
    assert (fast["monthly_quantity"], fast["unit_price"]) == ("128", "0.11972")
    assert found["azurerm_managed_disk.big"]["lines"][0]["monthly_quantity"] == "2048"
    # 128 x 0.11972 + 3000 x 0.04964 + 100 x 0.3493
    assert Decimal(found["azurerm_managed_disk.fast"]["monthly_after"]) == Decimal("199.17")


def test_an_ultra_disk_without_iops_is_unpriced_naming_the_attribute(tmp_path: Path) -> None:
    body = """
resource "azurerm_managed_disk" "fast" {
  name                 = "fast"
  location             = "eastus"
  resource_group_name  = "rg"
  storage_account_type = "UltraSSD_LRS"
  create_option        = "Empty"
  disk_size_gb         = 256
}
"""
    fast = _report(tmp_path, body)["azurerm_managed_disk.fast"]
    assert fast["status"] == "unpriced" and fast["monthly_after"] is None
    assert "disk_iops_read_write" in fast["reason"]
    assert "disk_mbps_read_write" in fast["reason"]


def test_a_negative_disk_size_is_unpriced_never_the_smallest_tier(tmp_path: Path) -> None:
    body = """
resource "azurerm_managed_disk" "bad" {
  name                 = "bad"
  location             = "westeurope"
  resource_group_name  = "rg"
  storage_account_type = "Premium_LRS"
  create_option        = "Empty"
  disk_size_gb         = -100
}
"""
    bad = _report(tmp_path, body)["azurerm_managed_disk.bad"]
    assert bad["status"] == "unpriced" and bad["monthly_after"] is None
    # westeurope holds P4 but not P1: the old code's reason was a missing P1 price
    assert "must be positive" in bad["reason"] and "disk.p" not in bad["reason"]


def test_a_disk_a_legacy_vm_attaches_is_billed_once_on_the_disk(tmp_path: Path) -> None:
    body = """
resource "azurerm_managed_disk" "data" {
  name                 = "data"
  location             = "eastus"
  resource_group_name  = "rg"
  storage_account_type = "Premium_LRS"
  create_option        = "Empty"
  disk_size_gb         = 100
}
resource "azurerm_virtual_machine" "app" {
  name                  = "app"
  location              = "eastus"
  resource_group_name   = "rg"
  vm_size               = "Standard_D2s_v3"
  network_interface_ids = []
  storage_os_disk {
    name              = "os"
    create_option     = "FromImage"
    managed_disk_type = "Premium_LRS"
    disk_size_gb      = 30
  }
  storage_data_disk {
    name              = "data"
    create_option     = "Attach"
    managed_disk_id   = azurerm_managed_disk.data.id
    managed_disk_type = "Premium_LRS"
    disk_size_gb      = 100
    lun               = 0
  }
}
"""
    found = _report(tmp_path, body)
    app = found["azurerm_virtual_machine.app"]
    assert [line["name"] for line in app["lines"]] == [
        "Instance usage (Linux, pay as you go, Standard_D2s_v3)",
        "storage_os_disk / Storage (P4, LRS)",
    ]
    assert Decimal(found["azurerm_managed_disk.data"]["monthly_after"]) == Decimal("19.71")


def test_an_aks_node_os_disk_left_unset_is_sized_by_the_vm_vcpus(tmp_path: Path) -> None:
    body = """
resource "azurerm_kubernetes_cluster_node_pool" "big" {
  name                  = "big"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.k.id
  vm_size               = "Standard_D16s_v5"
  node_count            = 2
}
resource "azurerm_kubernetes_cluster_node_pool" "small" {
  name                  = "small"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.k.id
  vm_size               = "Standard_D2s_v3"
  node_count            = 2
}
resource "azurerm_kubernetes_cluster" "k" {
  name                = "k"
  location            = "eastus"
  resource_group_name = "rg"
  dns_prefix          = "k"
  default_node_pool {
    name       = "default"
    vm_size    = "Standard_D8s_v3"
    node_count = 1
  }
  identity {
    type = "SystemAssigned"
  }
}
"""
    found = _report(tmp_path, body)
    names = [line["name"] for line in found["azurerm_kubernetes_cluster.k"]["lines"]]
    # 8 vCPUs: AKS gives a 256 GB OS disk (P15), not 128 GB
    assert "default_node_pool / os_disk / Storage (P15, LRS)" in names
    assert "os_disk / Storage (P20, LRS)" in [
        line["name"] for line in found["azurerm_kubernetes_cluster_node_pool.big"]["lines"]
    ]
    assert "os_disk / Storage (P10, LRS)" in [
        line["name"] for line in found["azurerm_kubernetes_cluster_node_pool.small"]["lines"]
    ]


def test_a_premium_performance_tier_above_the_size_is_billed_at_that_tier(
    tmp_path: Path,
) -> None:
    # https://learn.microsoft.com/azure/virtual-machines/disks-change-performance: a disk is
    # billed at its performance tier's price
    disk = """
resource "azurerm_managed_disk" "%s" {
  name                 = "a"
  location             = "eastus"
  resource_group_name  = "rg"
  storage_account_type = "Premium_LRS"
  create_option        = "Empty"
  disk_size_gb         = %s
  %s
}
"""
    body = (
        disk % ("raised", "4", 'tier = "P10"')
        + disk % ("baseline", "100", 'tier = "P4"')
        + disk % ("odd", "100", 'tier = "Q9"')
        + disk % ("bursting", "1024", "on_demand_bursting_enabled = true")
    )
    found = _report(tmp_path, body)
    raised = found["azurerm_managed_disk.raised"]
    assert raised["monthly_after"] == "19.71"  # P10, not P1
    assert "P10 performance tier, P1 size" in raised["lines"][0]["name"]
    assert found["azurerm_managed_disk.baseline"]["monthly_after"] == "19.71"  # its own P10
    assert found["azurerm_managed_disk.odd"]["status"] == "unpriced"
    bursting = found["azurerm_managed_disk.bursting"]
    assert bursting["status"] == "unpriced"
    assert "disk.bursting.enablement" in bursting["reason"]


def test_a_legacy_vm_unmanaged_disk_is_billed_on_its_storage_account(tmp_path: Path) -> None:
    # a vhd_uri disk is a page blob (https://azure.microsoft.com/pricing/details/storage/
    # page-blobs/), never a managed disk
    body = """
resource "azurerm_virtual_machine" "classic" {
  name                  = "classic"
  location              = "eastus"
  resource_group_name   = "rg"
  vm_size               = "Standard_D2s_v3"
  network_interface_ids = []
  storage_os_disk {
    name          = "os"
    create_option = "FromImage"
    vhd_uri       = "https://acct.blob.core.windows.net/vhds/os.vhd"
  }
  storage_data_disk {
    name          = "data"
    create_option = "Empty"
    vhd_uri       = "https://acct.blob.core.windows.net/vhds/data.vhd"
    disk_size_gb  = 100
    lun           = 0
  }
}
"""
    found = _report(tmp_path, body)["azurerm_virtual_machine.classic"]
    assert [line["name"] for line in found["lines"]] == [
        "Instance usage (Linux, pay as you go, Standard_D2s_v3)"
    ]
    assert found["monthly_after"] == "70.08"
