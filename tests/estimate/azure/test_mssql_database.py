"""Azure SQL Database: DTU and vCore models, licence, zone redundancy, replicas, backups."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from finops_gate.estimate.azure import mssql_database
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _lines(attrs: dict[str, Any], usage: dict[str, Any] | None = None) -> dict[str, Any]:
    res = Resource(
        "azurerm_mssql_database.db",
        "terraform",
        "azurerm_mssql_database",
        "azurerm",
        "eastus",
        attributes=attrs,
    )
    return {
        line.name: (line.price_key, line.quantity)
        for line in mssql_database.cost_lines(res, Usage(usage or {}))
    }


def test_a_provisioned_vcore_database_bills_compute_licence_and_storage() -> None:
    got = _lines({"sku_name": "GP_Gen5_4", "max_size_gb": 50})
    assert got["Compute (provisioned, GP_Gen5_4)"] == ("mssql.gp_gen5_4", Decimal(730))
    assert got["SQL license"] == ("mssql.license.gp", Decimal(4 * 730))
    assert got["Storage"] == ("mssql.storage.gp", Decimal(50))


def test_hybrid_benefit_drops_the_licence_and_an_unset_size_is_the_32_gb_default() -> None:
    got = _lines({"sku_name": "BC_Gen5_8", "license_type": "BasePrice"})
    assert "SQL license" not in got
    assert got["Storage (max_size_gb not set: 32 GB default)"] == ("mssql.storage.bc", 32)


def test_zone_redundant_general_purpose_adds_its_rate_and_zone_storage() -> None:
    got = _lines({"sku_name": "GP_Gen5_2", "zone_redundant": True, "max_size_gb": 10})
    assert got["Zone redundancy (provisioned, GP_Gen5_2)"] == ("mssql.gp_gen5_2.zone", 730)
    assert got["Storage"] == ("mssql.storage.gp.zone", 10)


def test_hyperscale_replicas_are_billed_per_hour() -> None:
    got = _lines({"sku_name": "HS_Gen5_2", "read_replica_count": 2, "max_size_gb": 100})
    assert got["Read replicas (2)"] == ("mssql.hs_gen5_2.replica", Decimal(1460))


def test_serverless_compute_depends_on_usage_vcore_hours() -> None:
    assert _lines({"sku_name": "GP_S_Gen5_4"})["Compute (serverless, GP_S_Gen5_4)"][1] is None
    got = _lines({"sku_name": "GP_S_Gen5_4"}, {"monthly_vcore_hours": 500})
    assert got["Compute (serverless, GP_S_Gen5_4)"] == ("mssql.gp_s_gen5_4", 500)


@pytest.mark.parametrize(
    ("sku", "size", "extra"), [("S12", 500, 250), ("P6", 1000, 500), ("S1", 100, None)]
)
def test_dtu_storage_above_the_included_amount_is_extra(
    sku: str, size: int, extra: int | None
) -> None:
    got = _lines({"sku_name": sku, "max_size_gb": size})
    assert got[f"Compute ({sku})"] == (f"mssql.{sku.lower()}", 730)
    assert got.get("Extra data storage", (None, None))[1] == extra


@pytest.mark.parametrize(
    ("account", "key"), [(None, "ragrs"), ("Local", "lrs"), ("Zone", "zrs"), ("Geo", "ragrs")]
)
def test_backups_are_billed_at_the_backup_storage_redundancy(account: str | None, key: str) -> None:
    attrs: dict[str, Any] = {"sku_name": "S1"}
    if account:
        attrs["storage_account_type"] = account
    got = _lines(attrs, {"long_term_retention_storage_gb": 1000})
    ltr = next(v for k, v in got.items() if k.startswith("Long-term retention"))
    assert ltr == (f"mssql.ltr.{key}", 1000)


def test_a_database_in_an_elastic_pool_is_billed_on_the_pool() -> None:
    assert _lines({"sku_name": "ElasticPool"}) == {}
    assert _lines({"sku_name": "GP_Gen5_4", "elastic_pool_id": "/subscriptions/x/pool"}) == {}


def test_an_unknown_backup_storage_type_is_unpriced_with_a_reason() -> None:
    res = Resource(
        "azurerm_mssql_database.db",
        "terraform",
        "azurerm_mssql_database",
        "azurerm",
        "eastus",
        attributes={"sku_name": "S1", "storage_account_type": "Tape"},
    )
    lines = mssql_database.cost_lines(res, Usage({}))
    assert any(x.unknown_reason and "Tape" in x.unknown_reason for x in lines)


def test_a_vcore_database_of_0_gb_is_unpriced_never_a_0_storage_line() -> None:
    res = Resource(
        "azurerm_mssql_database.db",
        "terraform",
        "azurerm_mssql_database",
        "azurerm",
        "eastus",
        attributes={"sku_name": "GP_Gen5_4", "max_size_gb": 0},
    )
    storage = [x for x in mssql_database.cost_lines(res, Usage({})) if x.name == "Storage"]
    assert storage[0].quantity is None
    assert storage[0].unknown_reason == "max_size_gb is 0: a database holds at least 1 GB; fix it"
