"""Azure service plans on cases the goldens do not hold, checked from the CLI: a Functions
Consumption plan has no hourly rate and is never looked up as one, nor shown as $0."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sides import check_sides

PLAN = """provider "azurerm" {
  features {}
}
resource "azurerm_service_plan" "fn" {
  name                = "fn"
  location            = "eastus"
  resource_group_name = "rg"
  os_type             = "Linux"
  sku_name            = "SKU"
}
"""


@pytest.mark.parametrize("sku", ["Y1", "FC1"])
def test_a_consumption_plan_is_unpriced_saying_its_apps_bill_per_execution(
    tmp_path: Path, sku: str
) -> None:
    doc = check_sides(tmp_path, {}, {"main.tf": PLAN.replace("SKU", sku)})
    (row,) = doc["resources"]
    assert (row["status"], row["monthly_after"]) == ("unpriced", None)
    assert "per execution" in row["reason"] and "app_service." not in row["reason"]
    assert doc["verdict"] != "pass"


def test_an_hourly_plan_is_priced_per_instance_hour(tmp_path: Path) -> None:
    doc = check_sides(tmp_path, {}, {"main.tf": PLAN.replace("SKU", "B1")})
    (row,) = doc["resources"]
    assert row["status"] == "priced" and row["lines"][0]["monthly_quantity"] == "730"
