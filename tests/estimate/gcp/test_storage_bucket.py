"""google_storage_bucket: class A/B operations and network egress by destination from the usage
file, egress in monthly bands (first 1 TB, next 9 TB, over 10 TB); rates only where the
reference data shows them, unpriced with the key named elsewhere."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status

ADDRESS = "google_storage_bucket.b"


def _price(location: str, attrs: dict[str, Any], usage: dict[str, object]) -> SideCost:
    bucket = Resource(
        ADDRESS, "terraform", "google_storage_bucket", "google", location, attributes=attrs
    )
    return price_side(bucket, UsageFile(by_address={ADDRESS: usage}))


def _quantities(side: SideCost) -> dict[str, Decimal | None]:
    return {x.name: x.monthly_quantity for x in side.lines}


def test_operations_are_billed_per_10k_by_storage_class() -> None:
    usage = {"storage_gb": 10, "monthly_class_a_operations": 40_000}
    usage["monthly_class_b_operations"] = 2_000_000
    side = _price("eu", {"location": "EU"}, usage)
    lines = {x.name: x for x in side.lines}
    assert lines["Class A operations"].monthly_quantity == 4
    assert lines["Class B operations"].monthly_quantity == 200
    assert lines["Class B operations"].unit_price == Decimal("0.004")  # the printed rate
    assert side.status is Status.PRICED


def test_egress_is_split_into_the_monthly_bands_per_destination() -> None:
    usage = {
        "storage_gb": 1,
        "monthly_egress_data_transfer_gb": {"worldwide": 12_500, "same_continent": 550},
    }
    side = _price("eu", {"location": "EU"}, usage)
    lines = _quantities(side)
    assert lines["Network egress in the same continent"] == 550
    band = "Network egress to worldwide excluding Asia, Australia"
    assert lines[f"{band} (first 1 TB)"] == 1024
    assert lines[f"{band} (next 9 TB)"] == 9216
    assert lines[f"{band} (over 10 TB)"] == 12_500 - 10_240
    assert side.status is Status.PRICED and side.monthly is not None


def test_without_usage_the_bucket_shows_only_its_storage() -> None:
    side = _price("eu", {"location": "EU"}, {})
    assert [x.name for x in side.lines] == ["Storage (standard)"]
    assert side.status is Status.USAGE_UNKNOWN


def test_a_band_or_location_the_data_lacks_is_unpriced_never_zero() -> None:
    over = {"storage_gb": 1, "monthly_egress_data_transfer_gb": {"china": 5000}}
    side = _price("eu", {"location": "EU"}, over)
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "gcs.egress.china.next_9tb in eu" in (side.reason or "")
    ops = {"storage_gb": 1, "monthly_class_a_operations": 10_000}
    side = _price("us-central1", {"location": "us-central1"}, ops)
    assert side.status is Status.UNPRICED
    assert "gcs.standard.class_a in us-central1" in (side.reason or "")


def test_a_configurable_dual_region_is_never_priced_at_the_multi_region_rate() -> None:
    # https://cloud.google.com/storage/docs/locations: a dual-region has the highest storage
    # price, a multi-region's is lower; no catalog holds the pair's rate
    attrs = {
        "location": "US",
        "custom_placement_config": [{"data_locations": ["US-EAST1", "US-WEST1"]}],
    }
    side = _price("us", attrs, {"storage_gb": 1000})
    assert side.status is Status.UNPRICED
    assert side.monthly is None
    assert "configurable dual-region (us-east1 + us-west1)" in side.lines[0].reason
    # the multi-region itself, without the placement, is priced: 1000 GB x $0.026
    plain = _price("us", {"location": "US"}, {"storage_gb": 1000})
    assert plain.monthly == Decimal("26")
