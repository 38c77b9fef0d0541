"""google_storage_bucket: https://cloud.google.com/storage/pricing.

Storage per GB-month by ``storage_class`` (STANDARD when unset; MULTI_REGIONAL and REGIONAL are
the legacy names of STANDARD) in the bucket's ``location`` (a region, a multi-region such as US,
or a dual-region such as NAM4): usage ``storage_gb``. Data retrieval (Nearline, Coldline,
Archive): usage ``monthly_data_retrieval_gb``. When the usage file gives them: class A and class
B operations per 10k (``monthly_class_a_operations``, ``monthly_class_b_operations``) and
network egress per GB by destination (``monthly_egress_data_transfer_gb`` with
``same_continent``, ``worldwide``, ``asia``, ``china``, ``australia``; the last four in monthly
bands of the first 1 TB, the next 9 TB and over 10 TB). Their rates come from Infracost's goldens,
only in the locations those show: elsewhere the bucket is unpriced with the key named.

A configurable dual-region (a multi-region ``location`` with ``custom_placement_config.
data_locations``, two regions) stores at dual-region rates, above the multi-region's
(https://cloud.google.com/storage/docs/locations: "highest storage price"), which no catalog
holds per pair: such a bucket is unpriced, naming its regions, never at the multi-region rate.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import tiers, usage_line
from finops_gate.estimate.gcp._common import get, text, unknown_lines, written_unknown
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

CLASSES = {
    "STANDARD": "standard",
    "MULTI_REGIONAL": "standard",
    "REGIONAL": "standard",
    "NEARLINE": "nearline",
    "COLDLINE": "coldline",
    "ARCHIVE": "archive",
    "DURABLE_REDUCED_AVAILABILITY": "dra",
}


_TB = Decimal(1024)
_BANDS = (
    ("first 1 TB", "first_1tb", _TB),
    ("next 9 TB", "next_9tb", 9 * _TB),
    ("over 10 TB", "over_10tb", None),
)
EGRESS = "monthly_egress_data_transfer_gb"
# destination (usage key under EGRESS) -> line name
_DESTINATIONS = {
    "worldwide": "worldwide excluding Asia, Australia",
    "asia": "Asia excluding China, but including Hong Kong",
    "china": "China excluding Hong Kong",
    "australia": "Australia",
}


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if written_unknown(resource, "storage_class") is not None:  # never STANDARD for it
        return unknown_lines("Storage", "GB", "storage_class", "the storage rate")
    placed = get(resource, "custom_placement_config.0.data_locations")
    if placed or written_unknown(resource, "custom_placement_config.0.data_locations"):
        regions = " + ".join(str(r).lower() for r in placed) if placed else "unknown until apply"
        why = (
            f"a configurable dual-region ({regions}) is billed at dual-region rates, not the"
            f" {(text(resource, 'location') or '').upper()} multi-region's, and no catalog holds"
            " them"
        )
        return [CostLine("Storage", "GB", "", None, unknown_reason=why)]
    raw = (text(resource, "storage_class") or "STANDARD").upper()
    sclass = CLASSES.get(raw)
    if sclass is None:
        return [
            CostLine(
                f"Storage ({raw.lower()})",
                "GB",
                "",
                None,
                unknown_reason=f"storage class {raw!r} is not a Cloud Storage class",
            )
        ]
    lines = [usage_line(f"Storage ({sclass})", "GB", f"gcs.{sclass}.storage", usage, "storage_gb")]
    if sclass in ("nearline", "coldline", "archive"):
        lines.append(
            usage_line(
                "Data retrieval",
                "GB",
                f"gcs.{sclass}.retrieval",
                usage,
                "monthly_data_retrieval_gb",
            )
        )
    for op in ("a", "b"):
        key = f"monthly_class_{op}_operations"
        if usage.number(key) is not None:  # listed when the usage file gives it
            name = f"Class {op.upper()} operations"
            price_key = f"gcs.{sclass}.class_{op}"
            lines.append(usage_line(name, "10k operations", price_key, usage, key, Decimal(10_000)))
    return lines + egress_lines(usage)


def egress_lines(usage: Usage) -> list[CostLine]:
    """Network egress lines for the destinations the usage file gives."""
    lines = []
    same = f"{EGRESS}.same_continent"
    if usage.number(same) is not None:
        name = "Network egress in the same continent"
        lines.append(usage_line(name, "GB", "gcs.egress.same_continent", usage, same))
    for dest, label in _DESTINATIONS.items():
        gb = usage.number(f"{EGRESS}.{dest}")
        if gb is None:
            continue
        bands = [
            (f"Network egress to {label} ({band})", f"gcs.egress.{dest}.{suffix}", size)
            for band, suffix, size in _BANDS
        ]
        lines.extend(tiers(gb, bands, "GB", f"{EGRESS}.{dest}"))
    return lines
