"""A Linux VM or scale set from a pay-as-you-go RHEL, SLES or Ubuntu Pro marketplace image bills
the image's licence beside the compute: never priced as a plain Linux VM (checked from the CLI)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.sides import check_sides

PROVIDER = 'provider "azurerm" {\n  features {}\n}\n'


def _vm(publisher: str, offer: str, name: str = "app") -> str:
    return PROVIDER + _resource(publisher, offer, name)


def _resource(publisher: str, offer: str, name: str) -> str:
    return f"""
resource "azurerm_linux_virtual_machine" "{name}" {{
  name                  = "app"
  location              = "eastus"
  resource_group_name   = "rg"
  size                  = "Standard_D2s_v3"
  admin_username        = "ops"
  network_interface_ids = []
  os_disk {{
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
    disk_size_gb         = 30
  }}
  source_image_reference {{
    publisher = "{publisher}"
    offer     = "{offer}"
    sku       = "gen2"
    version   = "latest"
  }}
}}
"""


def _app(tmp_path: Path, publisher: str, offer: str) -> dict[str, Any]:
    doc = check_sides(tmp_path, {}, {"main.tf": _vm(publisher, offer)})
    found: dict[str, Any] = doc["resources"][0]
    return found


@pytest.mark.parametrize(
    ("publisher", "offer", "key"),
    [
        ("RedHat", "RHEL", "vm.license.rhel.standard_d2s_v3"),
        ("SUSE", "sles-15-sp5", "vm.license.sles.standard_d2s_v3"),
        ("Canonical", "0001-com-ubuntu-pro-jammy", "vm.license.ubuntu_pro.standard_d2s_v3"),
    ],
)
def test_a_paid_image_licence_is_unpriced_naming_its_key(
    tmp_path: Path, publisher: str, offer: str, key: str
) -> None:
    app = _app(tmp_path, publisher, offer)
    assert app["status"] == "unpriced" and app["monthly_after"] is None
    assert key in app["reason"]


def test_only_the_pay_as_you_go_offer_bills_a_licence_not_byos(tmp_path: Path) -> None:
    tf = _vm("RedHat", "RHEL") + _resource("RedHat", "rhel-byos", "byos")
    found = {r["address"]: r for r in check_sides(tmp_path, {}, {"main.tf": tf})["resources"]}
    assert found["azurerm_linux_virtual_machine.app"]["status"] == "unpriced"
    # BYOS brings its own subscription: 730 h x $0.096 + a P4 OS disk at $5.28
    byos = found["azurerm_linux_virtual_machine.byos"]
    assert (byos["status"], byos["monthly_after"]) == ("priced", "75.36")


def test_a_scale_set_bills_the_licence_per_instance(tmp_path: Path) -> None:
    tf = """provider "azurerm" {
  features {}
}
resource "azurerm_linux_virtual_machine_scale_set" "web" {
  name                = "web"
  location            = "eastus"
  resource_group_name = "rg"
  sku                 = "Standard_D2s_v3"
  instances           = 3
  admin_username      = "ops"
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
    disk_size_gb         = 30
  }
  source_image_reference {
    publisher = "RedHat"
    offer     = "RHEL"
    sku       = "9-lvm-gen2"
    version   = "latest"
  }
}
"""
    web = check_sides(tmp_path, {}, {"main.tf": tf})["resources"][0]
    assert web["status"] == "unpriced"
    licence = next(line for line in web["lines"] if "licence" in line["name"])
    assert licence["name"] == "RHEL licence (Standard_D2s_v3)"
    assert "vm.license.rhel.standard_d2s_v3" in web["reason"]


def _sql(name: str, sku: str, offer: str = "sql2022-ubuntupro2004") -> str:
    return _resource("MicrosoftSQLServer", offer, name).replace('"gen2"', f'"{sku}"')


def test_a_sql_server_image_bills_its_edition_licence_unless_free(tmp_path: Path) -> None:
    # https://azure.microsoft.com/pricing/details/virtual-machines/sql-server-standard/:
    # Enterprise, Standard and Web bill a licence per VM hour; Developer and Express are free
    tf = (
        PROVIDER
        + _sql("standard", "standard-gen2")
        + _sql("enterprise", "enterprise")
        + _sql("developer", "sqldev-gen2")
        + _sql("express", "express")
        + _sql("byol", "standard", offer="sql2019-ws2019-byol")
    )
    found = {r["address"]: r for r in check_sides(tmp_path, {}, {"main.tf": tf})["resources"]}
    standard = found["azurerm_linux_virtual_machine.standard"]
    assert standard["status"] == "unpriced"
    assert "vm.license.sql_standard.standard_d2s_v3" in standard["reason"]
    enterprise = found["azurerm_linux_virtual_machine.enterprise"]
    assert "vm.license.sql_enterprise.standard_d2s_v3" in enterprise["reason"]
    for free in ("developer", "express", "byol"):
        row = found[f"azurerm_linux_virtual_machine.{free}"]
        assert (row["status"], row["monthly_after"]) == ("priced", "75.36"), free


def test_hybrid_benefit_for_linux_brings_the_image_subscription(tmp_path: Path) -> None:
    # license_type RHEL_BYOS on a pay-as-you-go RHEL image: Azure Hybrid Benefit for Linux
    # (https://learn.microsoft.com/azure/virtual-machines/linux/azure-hybrid-benefit-linux)
    ahb = _resource("RedHat", "RHEL", "ahb").replace(
        '  size                  = "Standard_D2s_v3"\n',
        '  size                  = "Standard_D2s_v3"\n  license_type          = "RHEL_BYOS"\n',
    )
    found = {
        r["address"]: r for r in check_sides(tmp_path, {}, {"main.tf": PROVIDER + ahb})["resources"]
    }
    row = found["azurerm_linux_virtual_machine.ahb"]
    assert (row["status"], row["monthly_after"]) == ("priced", "75.36")
