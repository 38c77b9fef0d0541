"""azurerm_kubernetes_cluster and azurerm_kubernetes_cluster_node_pool:
https://azure.microsoft.com/pricing/details/kubernetes-service/ (nodes are VMs).

- Cluster: ``sku_tier`` Free (default) has no fee; Standard (formerly Paid, "uptime SLA") and
  Premium are per cluster-hour (Premium is priced only where the catalog holds it).
- A node pool (the cluster's ``default_node_pool`` or a node pool resource): nodes (usage
  ``nodes`` wins; with autoscaling, ``min_count``, named so; else ``node_count``) x hours of
  ``vm_size`` (Windows pools at the Windows rate where the catalog holds it), plus one OS disk per
  node: ``os_disk_type`` Ephemeral costs nothing extra; Managed is ``os_disk_size_gb`` (default
  128) of Premium SSD on sizes that take it, else Standard HDD (AKS's choice).
- A node pool's region is its cluster's (the plan reader follows ``kubernetes_cluster_id``).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours
from finops_gate.estimate.azure._common import (
    disk_lines,
    get,
    num,
    premium_capable,
    text,
    vm_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

DEFAULT_OS_DISK_GB = Decimal(128)
TIER_KEYS = {"standard": "aks.uptime_sla", "paid": "aks.uptime_sla", "premium": "aks.premium"}


def cluster_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines: list[CostLine] = []
    tier = (text(resource, "sku_tier") or "Free").lower()
    if tier in TIER_KEYS:
        name = f"Cluster management ({tier} tier)"
        lines.append(CostLine(name, "hours", TIER_KEYS[tier], monthly_hours(usage)))
    for line in pool_lines(resource, usage, "default_node_pool.0."):
        lines.append(
            CostLine(
                f"default_node_pool / {line.name}",
                line.unit,
                line.price_key,
                line.quantity,
                line.usage_key,
                line.unknown_reason,
            )
        )
    return lines


def node_pool_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return pool_lines(resource, usage, "")


def pool_lines(resource: Resource, usage: Usage, prefix: str) -> list[CostLine]:
    size = text(resource, f"{prefix}vm_size")
    count, note = _nodes(resource, usage, prefix)
    if size is None or count is None:
        what = "vm_size" if size is None else "node_count"
        reason = f"{prefix}{what} is unknown until apply"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    if (text(resource, f"{prefix}priority") or "Regular") == "Spot":
        reason = "spot prices change with demand and are not in the catalog"
        return [
            CostLine(f"Instance usage (spot, {size})", "hours", "", None, unknown_reason=reason)
        ]
    windows = (text(resource, f"{prefix}os_type") or "Linux") == "Windows"
    line = vm_line(size, windows=windows, hours=monthly_hours(usage), count=count)
    lines = [CostLine(f"[{note}] {line.name}", line.unit, line.price_key, line.quantity)]
    if (text(resource, f"{prefix}os_disk_type") or "Managed") == "Managed":
        disk_gb = num(resource, f"{prefix}os_disk_size_gb") or DEFAULT_OS_DISK_GB
        account = "Premium_LRS" if premium_capable(size) else "Standard_LRS"
        lines.extend(
            d
            for d in disk_lines("os_disk / ", account, disk_gb, usage, count=count)
            if d.usage_key != "monthly_disk_operations"  # AKS OS disks: not estimated
        )
    return lines


def _nodes(resource: Resource, usage: Usage, prefix: str) -> tuple[Decimal | None, str]:
    given = usage.number("nodes")
    if given is not None:
        return given, _nodes_text(given)
    autoscaling = get(resource, f"{prefix}auto_scaling_enabled") is True or (
        get(resource, f"{prefix}enable_auto_scaling") is True
    )
    low, high = num(resource, f"{prefix}min_count"), num(resource, f"{prefix}max_count")
    if autoscaling and low is not None:
        return low, f"{low} nodes; autoscaling {low}-{high}: minimum"
    count = num(resource, f"{prefix}node_count")
    return count, "" if count is None else _nodes_text(count)


def _nodes_text(count: Decimal) -> str:
    return f"{count} node" if count == 1 else f"{count} nodes"
