"""aws_ebs_snapshot and aws_ebs_snapshot_copy: https://aws.amazon.com/ebs/pricing/ (snapshots).

Standard-tier snapshot storage for ``volume_size`` GB (the full source volume, an upper bound:
snapshots are incremental; unknown until apply => unpriced). Fast snapshot restore DSU-hours
and the EBS direct API requests from Infracost's usage keys, when given.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import num, unknown_line, usage_line
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


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    size = num(resource, "volume_size")
    lines = (
        [unknown_line("EBS snapshot storage", "GB", "volume_size")]
        if size is None
        else [CostLine("EBS snapshot storage", "GB", "ebs.snapshot.storage", size)]
    )
    for label, unit, key, ukey, divisor in USAGE_LINES:
        if usage.number(ukey) is not None:
            lines.append(usage_line(label, unit, key, usage, ukey, divisor))
    return lines
