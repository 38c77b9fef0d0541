"""aws_s3_bucket: https://aws.amazon.com/s3/pricing/ (storage classes, requests, retrievals).

All usage-based, with Infracost's nested usage keys per storage class (``standard.storage_gb``,
``standard.monthly_tier_1_requests``, ``glacier_deep_archive.monthly_bulk_data_retrieval_gb``,
... and ``object_tags``). S3 Standard storage and requests are always listed (as "depends on
usage" until given); other classes and items appear when their usage is given. Standard storage
and Intelligent-Tiering's frequent access tier are billed in monthly volume bands (first 50 TB,
next 450 TB, over 500 TB; 1 TB = 1,024 GB): what lies beyond the first band is priced at its
own band's key (``s3.standard.storage.tier2``/``.tier3``), unpriced where the catalog lacks it,
never at the first band's rate. Bulk retrievals from Glacier Flexible Retrieval are free (their
requests and GB: the S3 pricing page, and "Archive retrieval options" in the S3 user guide):
given, they are listed at $0, never unpriced as if the catalog lacked a rate.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import tiers
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

K = Decimal(1000)
ONE = Decimal(1)
# (label, unit, key suffix, usage key, divisor)
Item = tuple[str, str, str, str, Decimal]
_REQUESTS: list[Item] = [
    (
        "PUT, COPY, POST, LIST requests",
        "1k requests",
        "tier1_requests",
        "monthly_tier_1_requests",
        K,
    ),
    (
        "GET, SELECT, and all other requests",
        "1k requests",
        "tier2_requests",
        "monthly_tier_2_requests",
        K,
    ),
]
_LIFECYCLE: Item = (
    "Lifecycle transition",
    "1k requests",
    "lifecycle_transition",
    "monthly_lifecycle_transition_requests",
    K,
)
_SELECT: list[Item] = [
    ("Select data scanned", "GB", "select_scanned", "monthly_select_data_scanned_gb", ONE),
    ("Select data returned", "GB", "select_returned", "monthly_select_data_returned_gb", ONE),
]
_IA: list[Item] = [
    ("Storage", "GB", "storage", "storage_gb", ONE),
    *_REQUESTS,
    _LIFECYCLE,
    ("Retrievals", "GB", "retrieval", "monthly_data_retrieval_gb", ONE),
    *_SELECT,
]


def _glacier(levels: tuple[str, ...], select: bool) -> list[Item]:
    items: list[Item] = [("Storage", "GB", "storage", "storage_gb", ONE), *_REQUESTS, _LIFECYCLE]
    for level in levels:
        items.append(
            (
                f"Retrieval requests ({level})",
                "1k requests",
                f"retrieval_requests.{level}",
                f"monthly_{level}_data_retrieval_requests",
                K,
            )
        )
        items.append(
            (
                f"Retrievals ({level})",
                "GB",
                f"retrieval.{level}",
                f"monthly_{level}_data_retrieval_gb",
                ONE,
            )
        )
        if select:
            items.append(
                (
                    f"Select data scanned ({level})",
                    "GB",
                    f"select_scanned.{level}",
                    f"monthly_{level}_select_data_scanned_gb",
                    ONE,
                )
            )
            items.append(
                (
                    f"Select data returned ({level})",
                    "GB",
                    f"select_returned.{level}",
                    f"monthly_{level}_select_data_returned_gb",
                    ONE,
                )
            )
    items.append(("Early delete", "GB", "early_delete", "early_delete_gb", ONE))
    return items


# usage section -> (label, catalog class, items, items always listed)
CLASSES: dict[str, tuple[str, str, list[Item], int]] = {
    "standard": (
        "Standard",
        "standard",
        [("Storage", "GB", "storage", "storage_gb", ONE), *_REQUESTS, *_SELECT],
        3,
    ),
    "intelligent_tiering": (
        "Intelligent tiering",
        "intelligent_tiering",
        [
            (
                "Storage (frequent access)",
                "GB",
                "storage.frequent",
                "frequent_access_storage_gb",
                ONE,
            ),
            (
                "Storage (infrequent access)",
                "GB",
                "storage.infrequent",
                "infrequent_access_storage_gb",
                ONE,
            ),
            ("Storage (archive access)", "GB", "storage.archive", "archive_access_storage_gb", ONE),
            (
                "Storage (deep archive access)",
                "GB",
                "storage.deep_archive",
                "deep_archive_access_storage_gb",
                ONE,
            ),
            ("Monitoring and automation", "1k objects", "monitoring", "monitored_objects", K),
            *_REQUESTS,
            _LIFECYCLE,
            *_SELECT,
            ("Early delete", "GB", "early_delete", "early_delete_gb", ONE),
        ],
        0,
    ),
    "standard_infrequent_access": ("Standard - infrequent access", "standard_ia", _IA, 0),
    "one_zone_infrequent_access": ("One zone - infrequent access", "one_zone_ia", _IA, 0),
    "glacier_flexible_retrieval": (
        "Glacier flexible retrieval",
        "glacier_flexible_retrieval",
        _glacier(("standard", "expedited", "bulk"), select=True),
        0,
    ),
    "glacier_deep_archive": (
        "Glacier deep archive",
        "glacier_deep_archive",
        _glacier(("standard", "bulk"), select=False),
        0,
    ),
}


# (catalog class, key suffix) of items AWS does not charge for
FREE_ITEMS = frozenset(
    {
        ("glacier_flexible_retrieval", "retrieval_requests.bulk"),
        ("glacier_flexible_retrieval", "retrieval.bulk"),
    }
)


def _listed_without_usage() -> tuple[CostLine, ...]:
    """The lines every bucket lists when no usage is given (Standard storage and requests,
    "depends on usage"): the same for every bucket, built once."""
    return tuple(
        CostLine(
            f"{label} / {item}",
            unit,
            f"s3.{cls}.{suffix}",
            None,
            usage_key=f"{section}.{key}",
        )
        for section, (label, cls, items, always) in CLASSES.items()
        for i, (item, unit, suffix, key, _divisor) in enumerate(items)
        if i < always
    )


_WITHOUT_USAGE = _listed_without_usage()


# storage billed in monthly volume bands: 50 TB, 450 TB, then the rest (S3 pricing page)
BANDED = frozenset(
    {("standard", "storage_gb"), ("intelligent_tiering", "frequent_access_storage_gb")}
)
BAND = Decimal(50 * 1024)
NEXT_BAND = Decimal(450 * 1024)


def _banded(name: str, key: str, gb: Decimal, section: str, usage_key: str) -> list[CostLine]:
    """``gb`` of banded storage over the first band: one line per band it reaches."""
    bands = (
        ("first 50 TB", key, BAND),
        ("next 450 TB", f"{key}.tier2", NEXT_BAND),
        ("over 500 TB", f"{key}.tier3", None),
    )
    return [
        CostLine(
            f"{name} ({line.name})",
            line.unit,
            line.price_key,
            line.quantity,
            usage_key=f"{section}.{usage_key}",
        )
        for line in tiers(gb, bands, "GB", f"{section}.{usage_key}")
    ]


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if not usage.values:  # most buckets: nothing given, nothing to look up item by item
        return list(_WITHOUT_USAGE)
    lines: list[CostLine] = []
    for section, (label, cls, items, always) in CLASSES.items():
        for i, (item, unit, suffix, key, divisor) in enumerate(items):
            given = usage.number(f"{section}.{key}")
            if given is None and i >= always:
                continue
            if (section, key) in BANDED and given is not None and given > BAND:
                lines.extend(
                    _banded(f"{label} / {item}", f"s3.{cls}.{suffix}", given, section, key)
                )
                continue
            free = (cls, suffix) in FREE_ITEMS
            lines.append(
                CostLine(
                    f"{label} / {item}" + (" - free" if free else ""),
                    unit,
                    "" if free else f"s3.{cls}.{suffix}",
                    None if given is None else given / divisor,
                    usage_key=f"{section}.{key}",
                    unit_price=Decimal(0) if free else None,
                )
            )
    tags = usage.number("object_tags")
    if tags is not None:
        lines.append(
            CostLine(
                "Object tagging",
                "10k tags",
                "s3.object_tags",
                tags / 10000,
                usage_key="object_tags",
            )
        )
    return lines
