"""azurerm_kubernetes_cluster and azurerm_kubernetes_cluster_node_pool:
https://azure.microsoft.com/pricing/details/kubernetes-service/ (nodes are VMs).

- Cluster: ``sku_tier`` Free (default) has no fee; Standard (formerly Paid, "uptime SLA") and
  Premium are per cluster-hour (Premium is priced only where the catalog holds it).
- A node pool (the cluster's ``default_node_pool`` or a node pool resource): nodes (usage
  ``nodes`` wins; with autoscaling, ``min_count``, named so, like the Kubernetes HPA rule; else
  ``node_count``; unset, the AKS API's default of 1 node, named so) x hours of
  ``vm_size`` (Windows pools at the Windows rate where the catalog holds it), plus one OS disk per
  node: ``os_disk_type`` Ephemeral costs nothing extra; Managed is ``os_disk_size_gb`` of Premium
  SSD on sizes that take it, else Standard HDD (AKS's choice). Unset, AKS sizes it by the VM's
  vCPUs (https://learn.microsoft.com/azure/aks/concepts-storage#default-os-disk-sizing): 128 GB
  below 8 vCPUs, 256 below 16, 512 below 64, else 1024; the vCPUs are read from the size name
  (``Standard_D16s_v3``: 16; a constrained ``Standard_E8-4ds_v5``: 4).
- A node pool's region is its cluster's (both readers follow ``kubernetes_cluster_id``).
- Windows pools: ``os_type`` Windows or an ``os_sku`` Windows2019/Windows2022.
- The cluster's Standard load balancer: data processed when usage
  ``load_balancer.monthly_data_processed_gb`` gives it; a cluster's default pool reads usage
  ``default_node_pool.nodes`` / ``default_node_pool.monthly_hrs`` (Infracost's keys), else the
  top-level ``nodes`` / ``monthly_hrs``.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours, not_a_count, usage_line
from finops_gate.estimate.aws._common import num as aws_num
from finops_gate.estimate.azure._common import (
    BadValue,
    disk_lines,
    flag,
    num,
    premium_capable,
    text,
    vm_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

# AKS's default managed OS disk by the VM size's vCPUs: (fewer than, GB), else 1024
_OS_DISK_BY_VCPU = ((8, Decimal(128)), (16, Decimal(256)), (64, Decimal(512)))
_VCPUS = re.compile(r"^[a-z]+_[a-z]+(\d+)(?:-(\d+))?", re.IGNORECASE)


def default_os_disk_gb(size: str) -> Decimal | None:
    """The managed OS disk AKS gives a node of ``size`` when ``os_disk_size_gb`` is unset (by
    its vCPUs, read from the size name; a constrained size's second number), or None."""
    found = _VCPUS.match(size)
    if found is None:
        return None
    vcpus = int(found[2] or found[1])
    return next((gb for below, gb in _OS_DISK_BY_VCPU if vcpus < below), Decimal(1024))


TIER_KEYS = {"standard": "aks.uptime_sla", "paid": "aks.uptime_sla", "premium": "aks.premium"}


def cluster_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines: list[CostLine] = []
    tier = (text(resource, "sku_tier") or "Free").lower()
    if tier in TIER_KEYS:
        name = f"Cluster management ({tier} tier)"
        lines.append(CostLine(name, "hours", TIER_KEYS[tier], monthly_hours(usage)))
    for line in pool_lines(resource, usage, "default_node_pool.0.", "default_node_pool."):
        lines.append(dataclasses.replace(line, name=f"default_node_pool / {line.name}"))
    # only with usage: the data-processed rate is in few regions, and a usage line without a
    # price would leave the whole cluster unpriced there
    if (
        usage.number("load_balancer.monthly_data_processed_gb")
        and (text(resource, "network_profile.0.load_balancer_sku") or "standard").lower()
        == "standard"
    ):
        lines.append(
            usage_line(
                "Load balancer / Data processed",
                "GB",
                "lb.data_processed",
                usage,
                "load_balancer.monthly_data_processed_gb",
            )
        )
    return lines


def node_pool_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return pool_lines(resource, usage, "")


def pool_lines(
    resource: Resource, usage: Usage, prefix: str, usage_prefix: str = ""
) -> list[CostLine]:
    """A pool whose attributes are at ``prefix`` and whose usage (``nodes``, ``monthly_hrs``) is
    at ``usage_prefix`` (a cluster's ``default_node_pool.``), else at the top level."""
    size = text(resource, f"{prefix}vm_size")
    count, note = _nodes(resource, usage, prefix, usage_prefix)
    if size is None or count is None:
        what = "vm_size" if size is None else "node_count"
        reason = f"{prefix}{what} is unknown until apply"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    if (text(resource, f"{prefix}priority") or "Regular") == "Spot":
        reason = "spot prices change with demand and are not in the catalog"
        return [
            CostLine(f"Instance usage (spot, {size})", "hours", "", None, unknown_reason=reason)
        ]
    windows = (text(resource, f"{prefix}os_type") or "Linux") == "Windows" or (
        text(resource, f"{prefix}os_sku") or ""
    ).startswith("Windows")
    hours = usage.number(f"{usage_prefix}monthly_hrs") if usage_prefix else None
    hours = monthly_hours(usage) if hours is None else hours
    line = vm_line(size, windows=windows, hours=hours, count=count)
    assumed = (f"{usage_prefix}nodes", note) if "minimum" in note or "default" in note else None
    lines = [dataclasses.replace(line, name=f"[{note}] {line.name}", assumption=assumed)]
    if (text(resource, f"{prefix}os_disk_type") or "Managed") == "Managed":
        disk_gb = num(resource, f"{prefix}os_disk_size_gb") or default_os_disk_gb(size)
        if disk_gb is None:
            why = f"{prefix}os_disk_size_gb is not set and the vCPUs of {size} are not known"
            lines.append(CostLine("os_disk / Storage", "months", "", None, unknown_reason=why))
            return lines
        account = "Premium_LRS" if premium_capable(size) else "Standard_LRS"
        lines.extend(
            d
            for d in disk_lines("os_disk / ", account, disk_gb, usage, count=count)
            if d.usage_key != "monthly_disk_operations"  # AKS OS disks: not estimated
        )
    return lines


def _nodes(
    resource: Resource, usage: Usage, prefix: str, usage_prefix: str
) -> tuple[Decimal | None, str]:
    given = usage.number(f"{usage_prefix}nodes") if usage_prefix else None
    given = usage.number("nodes") if given is None else given
    if given is not None:
        return given, _nodes_text(given)
    autoscaling = flag(resource, f"{prefix}auto_scaling_enabled") or flag(
        resource, f"{prefix}enable_auto_scaling"
    )
    low = _count(resource, f"{prefix}min_count")
    high = aws_num(resource, f"{prefix}max_count")  # only shown: "?" when not known
    # with autoscaling the pool runs from min_count: node_count is not read
    count = None if autoscaling and low is not None else _count(resource, f"{prefix}node_count")
    if low is not None and (autoscaling or count is None):
        # like the Kubernetes HPA rule: an autoscaled pool at its minimum (usage says otherwise)
        return (
            low,
            f"{_nodes_text(low)}; autoscaling {low}-{high if high is not None else '?'}: minimum",
        )
    if count is None and f"{prefix}node_count" not in resource.unknown:
        return Decimal(1), "1 node; node_count not set: the AKS default"
    return count, "" if count is None else _nodes_text(count)


def _count(resource: Resource, path: str) -> Decimal | None:
    """A node count written in the code: a whole number from 0 (-2 or 1.5: unpriced, named)."""
    found = num(resource, path)
    if found is not None and (why := not_a_count(path, found, least=Decimal(0))):
        raise BadValue(why)
    return found


def _nodes_text(count: Decimal) -> str:
    return f"{count} node" if count == 1 else f"{count} nodes"
