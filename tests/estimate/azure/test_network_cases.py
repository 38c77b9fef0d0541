"""Azure networking on cases the goldens do not hold, checked from the CLI: a public IP prefix is
billed per IP, and a Gateway load balancer is never priced at the Standard SKU's rate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sides import check_sides

PROVIDER = 'provider "azurerm" {\n  features {}\n}\n'


def _report(tmp_path: Path, body: str) -> dict[str, dict[str, Any]]:
    doc = check_sides(tmp_path, {}, {"main.tf": PROVIDER + body})
    return {r["address"]: r for r in doc["resources"]}


def test_a_public_ip_prefix_is_billed_for_every_ip_it_holds(tmp_path: Path) -> None:
    body = """
resource "azurerm_public_ip_prefix" "egress" {
  name                = "egress"
  location            = "eastus"
  resource_group_name = "rg"
}
resource "azurerm_public_ip_prefix" "pair" {
  name                = "pair"
  location            = "eastus"
  resource_group_name = "rg"
  prefix_length       = 31
}
"""
    found = _report(tmp_path, body)
    # the provider's default /28 is 16 IPs: 16 x 730 h x $0.006
    assert found["azurerm_public_ip_prefix.egress"]["monthly_after"] == "70.08"
    # a /31 is 2 IPs
    assert found["azurerm_public_ip_prefix.pair"]["monthly_after"] == "8.76"


def test_a_gateway_load_balancer_is_never_priced_at_the_standard_rate(tmp_path: Path) -> None:
    body = """
resource "azurerm_lb" "inspect" {
  name                = "inspect"
  location            = "eastus"
  resource_group_name = "rg"
  sku                 = "Gateway"
}
"""
    lb = _report(tmp_path, body)["azurerm_lb.inspect"]
    assert lb["status"] == "unpriced" and lb["monthly_after"] is None
    assert "lb.gateway.chain" in lb["reason"]
    assert all(line["unit_price"] != "0.005" for line in lb["lines"])


def test_a_basic_static_ip_is_never_priced_at_the_standard_rate(tmp_path: Path) -> None:
    body = """
resource "azurerm_public_ip" "basic_static" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  allocation_method   = "Static"
  sku                 = "Basic"
}
resource "azurerm_public_ip" "basic_dynamic" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  allocation_method   = "Dynamic"
}
resource "azurerm_public_ip" "unset_static" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  allocation_method   = "Static"
}
resource "azurerm_public_ip" "odd" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  allocation_method   = "Static"
  sku                 = "Premium"
}
"""
    found = _report(tmp_path, body)
    basic = found["azurerm_public_ip.basic_static"]
    # https://azure.microsoft.com/pricing/details/ip-addresses/: Basic static has its own rate
    assert basic["status"] == "unpriced"
    assert "public_ip.basic.static.regional" in basic["reason"]
    # a Dynamic IP is Basic (Standard takes Static only): 730 h x $0.004
    assert found["azurerm_public_ip.basic_dynamic"]["monthly_after"] == "2.92"
    # sku unset is Standard, azurerm 4's default: 730 h x $0.005
    assert found["azurerm_public_ip.unset_static"]["monthly_after"] == "3.65"
    assert found["azurerm_public_ip.odd"]["status"] == "unpriced"


def test_a_global_ip_prefix_is_never_priced_at_the_regional_rate(tmp_path: Path) -> None:
    body = """
resource "azurerm_public_ip_prefix" "global" {
  name                = "g"
  location            = "eastus"
  resource_group_name = "rg"
  sku_tier            = "Global"
}
"""
    found = _report(tmp_path, body)["azurerm_public_ip_prefix.global"]
    assert found["status"] == "unpriced"
    assert "public_ip_prefix.global" in found["reason"]


def test_an_ip_without_a_sku_states_the_sku_it_is_priced_as(tmp_path: Path) -> None:
    body = """
resource "azurerm_public_ip" "unset" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  allocation_method   = "Static"
}
"""
    doc = check_sides(tmp_path, {}, {"main.tf": PROVIDER + body})
    said = {(a["subject"], a["key"]): a["value"] for a in doc["assumptions"]}
    assert said[("azurerm_public_ip.unset", "sku")] == (
        "Standard: sku not set, azurerm 4's default"
    )


def test_a_load_balancer_without_a_sku_is_standard_never_a_free_basic(tmp_path: Path) -> None:
    # azurerm 4 defaults sku to Standard (Basic was retired on 30 September 2025): its data
    # processed is billed, so it depends on usage, never a silent $0
    body = """
resource "azurerm_lb" "unset" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
}
resource "azurerm_lb" "basic" {
  name                = "a"
  location            = "eastus"
  resource_group_name = "rg"
  sku                 = "Basic"
}
"""
    doc = check_sides(tmp_path, {}, {"main.tf": PROVIDER + body})
    found = {r["address"]: r for r in doc["resources"]}
    assert found["azurerm_lb.unset"]["status"] == "usage_unknown"
    assert found["azurerm_lb.unset"]["lines"][0]["unit_price"] == "0.005"
    assert found["azurerm_lb.basic"]["monthly_after"] == "0"
    said = {(a["subject"], a["key"]): a["value"] for a in doc["assumptions"]}
    assert said[("azurerm_lb.unset", "sku")] == "Standard: sku not set, azurerm 4's default"
