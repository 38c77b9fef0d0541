"""aws_redshift_cluster: https://aws.amazon.com/redshift/pricing/ (on-demand nodes, RA3 managed
storage, concurrency scaling, Spectrum).

``node_type`` x ``number_of_nodes`` (default 1) node hours, twice with ``multi_az`` (that many nodes
in each of two Availability Zones); RA3 managed storage from usage
``managed_storage_gb``; concurrency scaling beyond the free credits from usage
``excess_concurrency_scaling_secs`` x nodes (per node-second); Spectrum from usage
``spectrum_data_scanned_tb``; backup storage beyond the free allowance from usage
``backup_storage_gb``, tiered at 50 TB and 500 TB (Infracost's keys).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    flag,
    not_a_count,
    num_or_default,
    text,
    tiers,
    unknown_in_code,
    unknown_line,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

BACKUP = [
    ("Backup storage (first 50 TB)", "redshift.backup_storage.tier1", Decimal(51_200)),
    ("Backup storage (next 450 TB)", "redshift.backup_storage.tier2", Decimal(460_800)),
    ("Backup storage (over 500 TB)", "redshift.backup_storage.tier3", None),
]


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    node = text(resource, "node_type")
    if node is None:
        return [unknown_line("Cluster usage (on-demand)", "hours", "node_type")]
    nodes = num_or_default(resource, "number_of_nodes", Decimal(1))
    if nodes is None:
        return [unknown_line(f"Cluster usage (on-demand, {node})", "hours", "number_of_nodes")]
    if (why := not_a_count("number_of_nodes", nodes)) is not None:
        return [unpriceable(f"Cluster usage (on-demand, {node})", "hours", why)]
    if flag(resource, "multi_az") is None and unknown_in_code(resource, "multi_az"):
        why = " (a Multi-AZ cluster runs its nodes in two Availability Zones)"
        return [unknown_line(f"Cluster usage (on-demand, {node})", "hours", "multi_az", why)]
    # Multi-AZ: number_of_nodes in each of two Availability Zones, each billed
    # (https://docs.aws.amazon.com/redshift/latest/mgmt/overview-multi-az.html)
    azs = 2 if flag(resource, "multi_az") is True else 1
    deployment = f", Multi-AZ: 2 x {nodes} nodes" if azs == 2 else ""
    lines = [
        CostLine(
            f"Cluster usage (on-demand, {node}{deployment})",
            "hours",
            f"redshift.node.{node}",
            HOURS_PER_MONTH * nodes * azs,
        )
    ]
    if node.startswith("ra3."):
        lines.append(
            usage_line(
                "Managed storage", "GB", "redshift.managed_storage", usage, "managed_storage_gb"
            )
        )
    secs = usage.number("excess_concurrency_scaling_secs")
    if secs is not None:
        lines.append(
            CostLine(
                f"Concurrency scaling ({node})",
                "node-seconds",
                f"redshift.concurrency_scaling.{node}",
                secs * nodes,
                usage_key="excess_concurrency_scaling_secs",
            )
        )
    lines.append(
        usage_line("Spectrum", "TB", "redshift.spectrum", usage, "spectrum_data_scanned_tb")
    )
    backup = usage.number("backup_storage_gb")
    if backup is not None:
        lines += tiers(backup, BACKUP, "GB", "backup_storage_gb")
    return lines
