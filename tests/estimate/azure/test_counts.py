"""Azure counts and sizes written as no real resource takes them (0 workers, 2.5 instances, 0 MB
of storage) are unpriced naming them, never read as the default (``or 1``) nor multiplied as
given; a default taken for an unset one is named on its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sides import check_sides

PROVIDER = 'provider "azurerm" {\n  features {}\n}\n'


def _report(tmp_path: Path, body: str) -> dict[str, dict[str, Any]]:
    doc = check_sides(tmp_path, {}, {"main.tf": PROVIDER + body})
    return {r["address"]: r for r in doc["resources"]}


def _plan(name: str, workers: str) -> str:
    return f"""
resource "azurerm_service_plan" "{name}" {{
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  os_type             = "Linux"
  sku_name            = "B1"
  worker_count        = {workers}
}}
"""


def _set(name: str, instances: str) -> str:
    return f"""
resource "azurerm_linux_virtual_machine_scale_set" "{name}" {{
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  sku                 = "Standard_D2s_v3"
  instances           = {instances}
  os_disk {{
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
    disk_size_gb         = 30
  }}
}}
"""


def _pg(name: str, storage: str) -> str:
    line = f"  storage_mb          = {storage}\n" if storage else ""
    return f"""
resource "azurerm_postgresql_flexible_server" "{name}" {{
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  sku_name            = "B_Standard_B1ms"
{line}}}
"""


def test_a_count_no_real_resource_takes_is_unpriced_never_the_default(tmp_path: Path) -> None:
    body = (
        _plan("zero", "0")
        + _plan("negative", "-2")
        + _plan("half", "2.5")
        + _plan("three", "3")
        + _set("half_set", "2.5")
        + _set("negative_set", "-3")
        + _set("two", "2")
        + _pg("no_storage", "0")
        + _pg("tib", "1048576")
        + _pg("unset", "")
        + """
resource "azurerm_app_service_plan" "legacy_zero" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  kind                = "Linux"
  reserved            = true
  sku {
    tier     = "Basic"
    size     = "B1"
    capacity = 0
  }
}
"""
    )
    found = _report(tmp_path, body)
    for address, path in (
        ("azurerm_service_plan.zero", "worker_count is 0"),
        ("azurerm_service_plan.negative", "worker_count is -2"),
        ("azurerm_service_plan.half", "worker_count is 2.5"),
        ("azurerm_app_service_plan.legacy_zero", "sku.0.capacity is 0"),
        ("azurerm_linux_virtual_machine_scale_set.half_set", "instances is 2.5"),
        ("azurerm_linux_virtual_machine_scale_set.negative_set", "instances is -3"),
        ("azurerm_postgresql_flexible_server.no_storage", "storage_mb is 0"),
    ):
        assert found[address]["status"] == "unpriced", address
        assert path in found[address]["reason"], address
    # 3 x 730 h x $0.017 (B1 Linux)
    assert found["azurerm_service_plan.three"]["monthly_after"] == "37.23"
    # 2 x (730 h x $0.096 + P4 $5.28)
    assert found["azurerm_linux_virtual_machine_scale_set.two"]["monthly_after"] == "150.72"
    # 730 h x $0.017 + 1024 GB x $0.12
    assert found["azurerm_postgresql_flexible_server.tib"]["monthly_after"] == "135.29"
    unset = found["azurerm_postgresql_flexible_server.unset"]
    assert unset["monthly_after"] == "16.25"  # 12.41 + 32 GB x $0.12
    assert "storage_mb not set" in unset["lines"][-2]["name"]


def test_usage_instances_are_an_average_and_may_be_fractional(tmp_path: Path) -> None:
    config = (
        "version: 1\nusage:\n  terraform:\n    resource_usage:\n"
        "      azurerm_linux_virtual_machine_scale_set.avg: {instances: 2.5}\n"
    )
    files = {"main.tf": PROVIDER + _set("avg", "2"), ".finops-gate.yml": config}
    doc = check_sides(tmp_path, {".finops-gate.yml": config}, files)
    found = {r["address"]: r for r in doc["resources"]}
    # 2.5 x (730 h x $0.096 + P4 $5.28)
    assert found["azurerm_linux_virtual_machine_scale_set.avg"]["monthly_after"] == "188.4"


def test_an_aks_pool_of_no_real_size_is_unpriced_and_autoscaling_reads_min_count(
    tmp_path: Path,
) -> None:
    body = """
data "azurerm_client_config" "c" {}
resource "azurerm_kubernetes_cluster" "k" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  dns_prefix          = "a"
  default_node_pool {
    name       = "d"
    vm_size    = "Standard_D4s_v3"
    node_count = 2
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "negative" {
  name                  = "a"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.k.id
  vm_size               = "Standard_D4s_v3"
  node_count            = -2
}
resource "azurerm_kubernetes_cluster_node_pool" "half" {
  name                  = "a"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.k.id
  vm_size               = "Standard_D4s_v3"
  node_count            = 1.5
}
resource "azurerm_kubernetes_cluster_node_pool" "auto" {
  name                  = "a"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.k.id
  vm_size               = "Standard_D4s_v3"
  auto_scaling_enabled  = true
  min_count             = 1
  max_count             = data.azurerm_client_config.c.x
  node_count            = data.azurerm_client_config.c.y
}
"""
    found = _report(tmp_path, body)
    assert found["azurerm_kubernetes_cluster_node_pool.negative"]["reason"] == (
        "node_count is -2, less than 0; fix it"
    )
    assert found["azurerm_kubernetes_cluster_node_pool.half"]["reason"] == (
        "node_count is 1.5, not a whole number; fix it"
    )
    # autoscaled from min_count 1 (node_count, max_count unknown are not read):
    # 730 h x $0.192 + P10 $19.71 (128 GB, AKS's OS disk for 4 vCPUs)
    assert found["azurerm_kubernetes_cluster_node_pool.auto"]["monthly_after"] == "159.87"


def test_a_value_of_the_wrong_type_is_unpriced_never_read_as_unset(tmp_path: Path) -> None:
    # Terraform takes neither: read as unset, they were the defaults (one worker, Windows, a
    # disk sized by the image)
    body = (
        _plan("flag_workers", "false")
        + """
resource "azurerm_service_plan" "listed_os" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  os_type             = ["Linux"]
  sku_name            = "B1"
}
resource "azurerm_managed_disk" "flag_size" {
  name                 = "a"
  location             = "eastus"
  resource_group_name  = "rg"
  storage_account_type = "Premium_LRS"
  create_option        = "Empty"
  disk_size_gb         = true
}
"""
    )
    found = _report(tmp_path, body)
    for address, reason in (
        ("azurerm_service_plan.flag_workers", "worker_count is False, not a number; fix it"),
        ("azurerm_service_plan.listed_os", "os_type is ['Linux'], not a single value; fix it"),
        ("azurerm_managed_disk.flag_size", "disk_size_gb is True, not a number; fix it"),
    ):
        assert found[address]["status"] == "unpriced", address
        assert found[address]["reason"] == reason, address
