"""An Azure argument the code writes with a value known only after apply is never priced at the
argument's default: the resource is unpriced, naming it (a Basic load balancer's $0, one App
Service worker, Standard HDD, Linux rates, no HA standby would all be guesses)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sides import check_sides

PROVIDER = 'provider "azurerm" {\n  features {}\n}\ndata "azurerm_client_config" "c" {}\n'
UNKNOWN = "data.azurerm_client_config.c.tenant_id"


def _report(tmp_path: Path, body: str) -> dict[str, dict[str, Any]]:
    doc = check_sides(tmp_path, {}, {"main.tf": PROVIDER + body.replace("UNKNOWN", UNKNOWN)})
    return {r["address"]: r for r in doc["resources"]}


BODY = """
resource "azurerm_lb" "lb" {
  name = "a"
  location = "eastus"
  resource_group_name = "rg"
  sku = UNKNOWN
}
resource "azurerm_service_plan" "workers" {
  name = "a"
  location = "eastus"
  resource_group_name = "rg"
  os_type = "Linux"
  sku_name = "P1v3"
  worker_count = UNKNOWN
}
resource "azurerm_service_plan" "os" {
  name = "a"
  location = "eastus"
  resource_group_name = "rg"
  os_type = UNKNOWN
  sku_name = "P1v3"
}
resource "azurerm_managed_disk" "disk" {
  name = "a"
  location = "eastus"
  resource_group_name = "rg"
  storage_account_type = UNKNOWN
  create_option = "Empty"
  disk_size_gb = 100
}
resource "azurerm_postgresql_flexible_server" "pg" {
  name = "a"
  location = "eastus"
  resource_group_name = "rg"
  sku_name = "B_Standard_B1ms"
  high_availability {
    mode = UNKNOWN
  }
}
resource "azurerm_linux_virtual_machine" "vm" {
  name = "a"
  location = "eastus"
  resource_group_name = "rg"
  size = "Standard_D2s_v3"
  os_disk {
    caching = "ReadWrite"
    storage_account_type = "Premium_LRS"
    disk_size_gb = 64
  }
  dynamic "os_disk" {
    for_each = UNKNOWN
    content {
      caching = "ReadWrite"
      storage_account_type = "Premium_LRS"
    }
  }
  priority = UNKNOWN
}
resource "azurerm_kubernetes_cluster" "aks" {
  name = "a"
  location = "eastus"
  resource_group_name = "rg"
  dns_prefix = "a"
  sku_tier = UNKNOWN
  default_node_pool {
    name = "d"
    vm_size = "Standard_D2s_v3"
    node_count = 2
  }
}
resource "azurerm_public_ip" "ip" {
  name = "a"
  location = "eastus"
  resource_group_name = "rg"
  allocation_method = "Static"
  sku = UNKNOWN
}
"""


def test_an_argument_known_only_after_apply_is_never_priced_at_its_default(
    tmp_path: Path,
) -> None:
    found = _report(tmp_path, BODY)
    expected = {
        "azurerm_lb.lb": "sku",
        "azurerm_service_plan.workers": "worker_count",
        "azurerm_service_plan.os": "os_type",
        "azurerm_managed_disk.disk": "storage_account_type",
        "azurerm_postgresql_flexible_server.pg": "high_availability.0.mode",
        "azurerm_linux_virtual_machine.vm": "priority",
        "azurerm_kubernetes_cluster.aks": "sku_tier",
        "azurerm_public_ip.ip": "sku",
    }
    for address, path in expected.items():
        row = found[address]
        assert row["status"] == "unpriced", (address, row["monthly_after"])
        assert row["reason"] == (
            f"{path} is written with a value known only after apply, and the price depends on it"
        ), address


def test_a_database_in_a_pool_created_with_it_is_billed_on_the_pool(tmp_path: Path) -> None:
    body = """
resource "azurerm_mssql_server" "s" {
  name = "s"
  location = "eastus"
  resource_group_name = "rg"
  version = "12.0"
}
resource "azurerm_mssql_elastic_pool" "p" {
  name = "p"
  location = "eastus"
  resource_group_name = "rg"
  server_name = "s"
}
resource "azurerm_mssql_database" "db" {
  name = "db"
  server_id = azurerm_mssql_server.s.id
  elastic_pool_id = azurerm_mssql_elastic_pool.p.id
}
"""
    found = _report(tmp_path, body)
    assert found["azurerm_mssql_database.db"]["monthly_after"] == "0"
