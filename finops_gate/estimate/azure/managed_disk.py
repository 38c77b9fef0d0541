"""azurerm_managed_disk: https://azure.microsoft.com/pricing/details/managed-disks/.

Premium SSD, Standard SSD and Standard HDD: one disk-month at the tier ``disk_size_gb`` falls
into (P/E/S 4 ... 80; LRS or ZRS); Standard disks add usage ``monthly_disk_operations``. A Premium
SSD's performance ``tier`` above its size's tier is billed at that tier's price; its on-demand
bursting (``on_demand_bursting_enabled``) bills fees no catalog holds (unpriced, named).
Ultra disks: GiB at the billing step the size falls into (4 ... 512 GiB, then whole TiB),
``disk_iops_read_write`` and ``disk_mbps_read_write`` per month (unset: Azure picks them from the
size and bills them, so the disk is unpriced naming the attribute). Premium SSD v2 is not in the
catalog (unpriced, named).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.azure._common import (
    disk_lines,
    flag,
    num,
    text,
    tier_rank,
    ultra_performance_lines,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    account = text(resource, "storage_account_type")
    tier = text(resource, "tier")
    premium = (account or "").lower() in ("premium_lrs", "premium_zrs")
    if premium and tier is not None and (tier[:1].upper() != "P" or tier_rank(tier) < 0):
        why = f"tier {tier!r} is not a Premium SSD performance tier (P1 ... P80); fix it"
        return [CostLine("Storage", "months", "", None, unknown_reason=why)]
    performance = tier.upper() if premium and tier is not None else None
    lines = disk_lines(
        "", account, num(resource, "disk_size_gb"), usage, performance_tier=performance
    )
    if premium and flag(resource, "on_demand_bursting_enabled"):
        why = (
            "on-demand bursting bills a monthly enablement fee and a fee per burst transaction,"
            " which no catalog holds (disk.bursting.enablement, disk.bursting.transactions)"
        )
        lines.append(CostLine("On-demand bursting", "months", "", None, unknown_reason=why))
    if (account or "").lower() == "ultrassd_lrs":
        lines.extend(
            ultra_performance_lines(
                resource, "", "disk_iops_read_write", "disk_mbps_read_write", Decimal(1)
            )
        )
    return lines
