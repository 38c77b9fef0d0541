"""azurerm_storage_account: capacity in the blob volume bands of a standard Hot account,
FileStorage shares, and the operations, blob index, retrieval and early-deletion lines a usage
file adds (rates from Infracost's goldens, only where they show them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status

ADDRESS = "azurerm_storage_account.s"


def _price(region: str, attrs: dict[str, Any], usage: dict[str, object]) -> SideCost:
    account = Resource(
        ADDRESS, "terraform", "azurerm_storage_account", "azurerm", region, attributes=attrs
    )
    return price_side(account, UsageFile(by_address={ADDRESS: usage}))


def _lines(side: SideCost) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    return {x.name.split(" (")[0]: (x.monthly_quantity, x.unit_price) for x in side.lines}


STANDARD_LRS = {"account_tier": "Standard", "account_replication_type": "LRS"}


def test_a_hot_account_bills_capacity_in_the_three_volume_bands() -> None:
    side = _price("westus", STANDARD_LRS, {"storage_gb": 1_000_000})
    quantities = [x.monthly_quantity for x in side.lines]
    # 50 TB, 450 TB, then the rest (GB of 1024 per TB)
    assert quantities == [Decimal(51_200), Decimal(460_800), Decimal(1_000_000 - 512_000)]
    prices = [x.unit_price for x in side.lines]
    assert prices[0] is not None and prices[1] is not None and prices[2] is not None
    assert prices[0] > prices[1] > prices[2]  # volume discounts, never the first rate for all
    assert side.status is Status.PRICED
    assert side.monthly == sum(q * p for q, p in zip(quantities, prices, strict=True))


def test_a_small_hot_account_stays_in_the_first_band() -> None:
    side = _price("westus", STANDARD_LRS, {"storage_gb": 100})
    assert [x.monthly_quantity for x in side.lines] == [Decimal(100)]


def test_a_band_the_catalog_lacks_in_the_region_is_unpriced_naming_the_key() -> None:
    side = _price("westeurope", STANDARD_LRS, {"storage_gb": 100_000})
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "storage.storagev2.standard.lrs.hot.next_450tb in westeurope" in (side.reason or "")


def test_operations_and_blob_index_come_from_the_usage_file_per_10k() -> None:
    usage = {
        "storage_gb": 10,
        "monthly_write_operations": 200_000,
        "monthly_list_and_create_container_operations": 10_000,
        "monthly_read_operations": 1_000_000,
        "monthly_other_operations": 30_000,
        "blob_index_tags": 20_000,
        "monthly_data_retrieval_gb": 500,  # Hot: retrieval is free, so no line
        "early_deletion_gb": 500,
    }
    lines = _lines(_price("westus", STANDARD_LRS, usage))
    assert lines["Write operations"][0] == 20
    assert lines["List and create container operations"][0] == 1
    assert lines["Read operations"][0] == 100
    assert lines["All other operations"][0] == 3
    assert lines["Blob index"][0] == 2
    assert "Data retrieval" not in lines and "Early deletion" not in lines


def test_without_usage_only_the_capacity_shows_depending_on_usage() -> None:
    side = _price("westus", STANDARD_LRS, {})
    assert side.status is Status.USAGE_UNKNOWN and side.monthly is None
    assert [x.name for x in side.lines] == ["Capacity (storagev2, standard, LRS, hot; first 50 TB)"]


def test_a_cool_account_bills_retrieval_and_early_deletion() -> None:
    attrs = {**STANDARD_LRS, "access_tier": "Cool"}
    usage = {"storage_gb": 1000, "monthly_data_retrieval_gb": 300, "early_deletion_gb": 40}
    side = _price("westus", attrs, usage)
    lines = _lines(side)
    assert lines["Capacity"][0] == 1000  # Cool: one flat rate, no bands
    assert lines["Data retrieval"][0] == 300 and lines["Early deletion"][0] == 40
    assert side.status is Status.PRICED


def test_a_premium_file_share_account_bills_data_at_rest_and_snapshots_only() -> None:
    attrs = {
        "account_kind": "FileStorage",
        "account_tier": "Premium",
        "account_replication_type": "LRS",
    }
    usage = {
        "data_at_rest_storage_gb": 1000,
        "snapshots_storage_gb": 100,
        "metadata_at_rest_storage_gb": 50,  # premium shares are provisioned: no metadata line
        "monthly_write_operations": 100_000,  # ... and no transactions
    }
    side = _price("westus", attrs, usage)
    assert set(_lines(side)) == {"Data at rest", "Snapshots"}
    assert side.status is Status.PRICED and side.monthly is not None and side.monthly > 0


def test_a_standard_file_share_account_bills_metadata_and_list_operations() -> None:
    attrs = {"account_kind": "FileStorage", "account_tier": "Standard", "access_tier": "Hot"}
    usage = {
        "data_at_rest_storage_gb": 1000,
        "metadata_at_rest_storage_gb": 50,
        "monthly_list_and_create_container_operations": 50_000,
    }
    side = _price("westus", attrs, usage)
    lines = _lines(side)
    assert lines["Metadata at rest"][0] == 50 and lines["List operations"][0] == 5
    assert side.status is Status.PRICED


def test_an_operation_rate_the_catalog_lacks_is_unpriced_never_zero() -> None:
    attrs = {**STANDARD_LRS, "account_replication_type": "ZRS"}
    side = _price("westus", attrs, {"storage_gb": 10, "monthly_write_operations": 10_000})
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "storage.storagev2.standard.zrs.hot.write_operations" in (side.reason or "")


def test_a_data_lake_account_never_takes_the_blob_operation_rates() -> None:
    # https://azure.microsoft.com/pricing/details/storage/data-lake/: capacity as blobs,
    # operations per 4 MiB at rates of their own, which no catalog holds
    attrs = {**STANDARD_LRS, "is_hns_enabled": True}
    capacity = _price("westus", attrs, {"storage_gb": 100})
    assert capacity.status == Status.PRICED and capacity.monthly == Decimal("2.08")
    side = _price("westus", attrs, {"storage_gb": 100, "monthly_write_operations": 20000})
    assert side.status == Status.UNPRICED
    assert "storage.storagev2.standard.lrs.hot.hns.write_operations" in (side.reason or "")
    flat = _price("westus", STANDARD_LRS, {"storage_gb": 100, "monthly_write_operations": 20000})
    assert flat.monthly == Decimal("2.19")  # 2.08 + 2 x $0.055
