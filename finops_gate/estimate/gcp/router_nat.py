"""google_compute_router_nat: https://cloud.google.com/nat/pricing.

- Gateway: $ per VM-hour for each VM using the gateway, capped at 32 VMs (the catalog's
  ``nat.gateway`` is the 32-VM cap; ``nat.vm`` the per-VM rate). Usage ``assigned_vms``; without
  it the line depends on usage.
- Data processed: usage ``monthly_data_processed_gb``.
- External IP addresses the gateway uses: $0.005 an hour each, the in-use rate of a VM's address
  (``compute.ip.vm``). Reserved ones (``MANUAL_ONLY``, ``nat_ips``) bill on their
  google_compute_address; with ``AUTO_ONLY`` Google allocates as many as the VMs' ports need
  (https://cloud.google.com/nat/docs/ports-and-addresses: 64,512 source ports per address,
  ``min_ports_per_vm`` per VM, 64 by default, 32 with dynamic port allocation): from usage
  ``assigned_vms``, else the line depends on it.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from finops_gate.estimate.aws._common import monthly_hours, usage_line
from finops_gate.estimate.gcp._common import get, num, text, unknown_lines, written_unknown
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

VM_CAP = Decimal(32)
PORTS_PER_ADDRESS = Decimal(64512)
MAX_PORTS = Decimal(65536)


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
        *auto_address_lines(resource, vms, hours),
    ]


def auto_address_lines(resource: Resource, vms: Decimal | None, hours: Decimal) -> list[CostLine]:
    """The addresses an ``AUTO_ONLY`` gateway allocates for ``vms`` VMs (None: not given)."""
    name = "External IP addresses (allocated by the gateway)"
    found = written_unknown(resource, "nat_ip_allocate_option", "min_ports_per_vm")
    if found is not None:
        return unknown_lines(name, "hours", found, "how many addresses it uses")
    if (text(resource, "nat_ip_allocate_option") or "").upper() != "AUTO_ONLY":
        return []  # MANUAL_ONLY: its nat_ips are google_compute_address resources, billed there
    dynamic = get(resource, "enable_dynamic_port_allocation") is True
    ports = num(resource, "min_ports_per_vm")
    if ports is None:
        ports = Decimal(32 if dynamic else 64)
    elif not ports.is_finite() or not 1 <= ports <= MAX_PORTS or ports % 1:
        # Google refuses it; rounding it to no address would drop the line silently
        why = (
            f"min_ports_per_vm {get(resource, 'min_ports_per_vm')!r} is not a whole number from 1"
            " to 65,536 (the ports an address has), so the addresses the gateway uses are not known"
        )
        return [CostLine(name, "hours", "", None, unknown_reason=why)]
    if vms is None:
        return [CostLine(name, "hours", "compute.ip.vm", None, usage_key="assigned_vms")]
    count = (vms * ports / PORTS_PER_ADDRESS).to_integral_value(ROUND_CEILING)
    if not count:
        return []
    return [CostLine(f"{name} ({count})", "hours", "compute.ip.vm", count * hours)]
