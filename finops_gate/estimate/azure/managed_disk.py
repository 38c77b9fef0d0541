"""azurerm_managed_disk: https://azure.microsoft.com/pricing/details/managed-disks/.

Premium SSD, Standard SSD and Standard HDD: one disk-month at the tier ``disk_size_gb`` falls
into (P/E/S 4 ... 80; LRS or ZRS); Standard disks add usage ``monthly_disk_operations``.
Ultra disks: GiB, ``disk_iops_read_write`` and ``disk_mbps_read_write`` per month. Premium SSD v2
is not in the catalog (unpriced, named).
"""

from __future__ import annotations

from finops_gate.estimate.azure._common import disk_lines, num, text
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    account = text(resource, "storage_account_type")
    lines = disk_lines("", account, num(resource, "disk_size_gb"), usage)
    if (account or "").lower() == "ultrassd_lrs":
        iops = num(resource, "disk_iops_read_write")
        mbps = num(resource, "disk_mbps_read_write")
        if iops is not None:
            lines.append(CostLine("Provisioned IOPS", "IOPS", "disk.ultra.iops", iops))
        if mbps is not None:
            lines.append(CostLine("Throughput", "MB/s", "disk.ultra.throughput", mbps))
    return lines
