"""Azure VMs that bill less than a plain pay-as-you-go VM: one on a dedicated host (the host is
billed per hour, https://azure.microsoft.com/pricing/details/virtual-machines/dedicated-host/)
adds only its disks, said on the first line; an ephemeral OS disk
(https://learn.microsoft.com/azure/virtual-machines/ephemeral-os-disks) bills no storage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sides import check_sides

PROVIDER = 'provider "azurerm" {\n  features {}\n}\n'

BODY = """
resource "azurerm_dedicated_host" "h" {
  name                    = "h"
  location                = "eastus"
  dedicated_host_group_id = "g"
  sku_name                = "DSv3-Type3"
  platform_fault_domain   = 1
}
resource "azurerm_linux_virtual_machine" "on_host" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  size                = "Standard_D2s_v3"
  dedicated_host_id   = azurerm_dedicated_host.h.id
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
    disk_size_gb         = 100
  }
}
resource "azurerm_linux_virtual_machine_scale_set" "on_hosts" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  sku                 = "Standard_D2s_v3"
  instances           = 2
  host_group_id       = "/subscriptions/x/hostGroups/g"
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
    disk_size_gb         = 30
  }
}
resource "azurerm_linux_virtual_machine" "ephemeral" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  size                = "Standard_D2s_v3"
  os_disk {
    caching              = "ReadOnly"
    storage_account_type = "Standard_LRS"
    diff_disk_settings {
      option = "Local"
    }
  }
}
resource "azurerm_linux_virtual_machine_scale_set" "ephemeral_set" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  sku                 = "Standard_D2s_v3"
  instances           = 2
  os_disk {
    caching              = "ReadOnly"
    storage_account_type = "Standard_LRS"
    diff_disk_settings {
      option = "Local"
    }
  }
}
"""


def _report(tmp_path: Path) -> dict[str, dict[str, Any]]:
    doc = check_sides(tmp_path, {}, {"main.tf": PROVIDER + BODY})
    return {r["address"]: r for r in doc["resources"]}


def test_a_vm_on_a_dedicated_host_adds_only_its_disks(tmp_path: Path) -> None:
    found = _report(tmp_path)
    on_host = found["azurerm_linux_virtual_machine.on_host"]
    assert on_host["monthly_after"] == "19.71"  # its P10 OS disk, no instance hours
    assert on_host["lines"][0]["name"].startswith("[on a dedicated host: instance hours billed")
    assert found["azurerm_linux_virtual_machine_scale_set.on_hosts"]["monthly_after"] == "10.56"


def test_an_ephemeral_os_disk_bills_no_storage(tmp_path: Path) -> None:
    found = _report(tmp_path)
    # 730 h x $0.096, no S-tier OS disk nor its operations
    assert found["azurerm_linux_virtual_machine.ephemeral"]["monthly_after"] == "70.08"
    assert len(found["azurerm_linux_virtual_machine.ephemeral"]["lines"]) == 1
    assert found["azurerm_linux_virtual_machine_scale_set.ephemeral_set"]["monthly_after"] == (
        "140.16"
    )


HOSTED_EPHEMERAL = """
resource "azurerm_linux_virtual_machine" "hosted" {
  name                = "h"
  location            = "eastus"
  resource_group_name = "rg"
  size                = "Standard_D2s_v3"
  dedicated_host_id   = "/subscriptions/x/resourceGroups/rg/hostGroups/g/hosts/h1"
  os_disk {
    caching              = "ReadOnly"
    storage_account_type = "Standard_LRS"
    diff_disk_settings {
      option = "Local"
    }
  }
}
resource "azurerm_linux_virtual_machine_scale_set" "hosted_set" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  sku                 = "Standard_D2s_v3"
  instances           = 2
  host_group_id       = "/subscriptions/x/hostGroups/g2"
  os_disk {
    caching              = "ReadOnly"
    storage_account_type = "Standard_LRS"
    diff_disk_settings {
      option = "Local"
    }
  }
}
"""


def test_a_vm_on_a_dedicated_host_billing_nothing_else_says_so_on_a_zero_line(
    tmp_path: Path,
) -> None:
    # an ephemeral OS disk, no licensed image: only the host bills, so the $0 names it
    doc = check_sides(tmp_path, {}, {"main.tf": PROVIDER + HOSTED_EPHEMERAL})
    found = {r["address"]: r for r in doc["resources"]}
    for address, host in [
        ("azurerm_linux_virtual_machine.hosted", "dedicated_host_id h1"),
        ("azurerm_linux_virtual_machine_scale_set.hosted_set", "host_group_id g2"),
    ]:
        (line,) = found[address]["lines"]
        assert found[address]["monthly_after"] == "0"
        assert line["name"].startswith("[on a dedicated host: instance hours billed on the host]")
        assert host in line["name"], line
