"""google_compute_router_nat: https://cloud.google.com/nat/pricing.

- Gateway: $ per VM-hour for each VM using the gateway, capped at 32 VMs (the catalog's
  ``nat.gateway`` is the 32-VM cap; ``nat.vm`` the per-VM rate). Usage ``assigned_vms``; without
  it the line depends on usage.
- Data processed: usage ``monthly_data_processed_gb``.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

VM_CAP = Decimal(32)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    vms = usage.number("assigned_vms")
    hours = monthly_hours(usage)
    if vms is not None and vms >= VM_CAP:
        gateway = CostLine("NAT gateway (32 VMs or more: the cap)", "hours", "nat.gateway", hours)
    else:
        quantity = None if vms is None else vms * hours
        gateway = CostLine(
            "Assigned VMs (first 32)", "VM-hours", "nat.vm", quantity, usage_key="assigned_vms"
        )
    return [
        gateway,
        usage_line(
            "Data processed", "GB", "nat.data_processed", usage, "monthly_data_processed_gb"
        ),
    ]
