"""aws_ebs_snapshot and aws_ebs_snapshot_copy: https://aws.amazon.com/ebs/pricing/ (snapshots).

Standard-tier snapshot storage for ``volume_size`` GB (the full source volume, an upper bound:
snapshots are incremental). ``volume_size`` is known only after apply; the plan reader joins the
``aws_ebs_volume`` a snapshot's ``volume_id`` refers to (a copy: its source snapshot, then that
snapshot's volume), whose ``size`` it is. A volume outside the plan leaves it unpriced. Fast
snapshot restore DSU-hours and the EBS direct API requests from Infracost's usage keys, when
given. ``storage_tier = "archive"`` is the archive tier, billed at its own rate (the shipped
catalog lacks ``ebs.snapshot.archive_storage``: unpriced, named, never the standard rate); a
tier the code writes with a value known only after apply is unpriced too.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws._common import (
    LINK_KEY,
    num,
    number,
    related,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

K = Decimal(1000)
USAGE_LINES = (
    (
        "Fast snapshot restore",
        "DSU-hours",
        "ebs.snapshot.fast_restore",
        "fast_snapshot_restore_hours",
        Decimal(1),
    ),
    (
        "ListChangedBlocks & ListSnapshotBlocks API requests",
        "1k requests",
        "ebs.snapshot.api.list",
        "monthly_list_block_requests",
        K,
    ),
    (
        "GetSnapshotBlock API requests",
        "1k SnapshotAPIUnits",
        "ebs.snapshot.api.get_block",
        "monthly_get_block_requests",
        K,
    ),
    (
        "PutSnapshotBlock API requests",
        "1k SnapshotAPIUnits",
        "ebs.snapshot.api.put_block",
        "monthly_put_block_requests",
        K,
    ),
)


def _source_size(values: Mapping[str, Any] | None) -> Decimal | None:
    """The size of a joined snapshot (its ``volume_size`` or its volume's) or volume."""
    if values is None:
        return None
    for key in ("volume_size", "size"):
        found = number(values.get(key), key)
        if found is not None:
            return found
    links = values.get(LINK_KEY)
    if isinstance(links, Mapping):
        for name in ("volume", "snapshot"):
            inner = links.get(name)
            if isinstance(inner, Mapping):
                return _source_size(inner)
    return None


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    size = num(resource, "volume_size")
    if size is None:
        size = _source_size(related(resource, "volume") or related(resource, "snapshot"))
    tier = text(resource, "storage_tier") or "standard"
    name, key = "EBS snapshot storage", "ebs.snapshot.storage"
    if tier == "archive":
        name, key = "EBS snapshot storage (archive tier)", "ebs.snapshot.archive_storage"
    if unknown_setting(resource, "storage_tier", computed=True):
        lines = [unknown_line(name, "GB", "storage_tier")]
    elif tier not in ("standard", "archive"):
        lines = [unpriceable(name, "GB", f"storage_tier {tier[:40]!r} is not standard or archive")]
    elif size is None:
        lines = [unknown_line(name, "GB", "volume_size")]
    else:
        lines = [CostLine(name, "GB", key, size)]
    for label, unit, key, ukey, divisor in USAGE_LINES:
        if usage.number(ukey) is not None:
            lines.append(usage_line(label, unit, key, usage, ukey, divisor))
    return lines
