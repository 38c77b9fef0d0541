"""google_compute_address / google_compute_global_address:
https://cloud.google.com/vpc/network-pricing#ipaddress.

An ``EXTERNAL`` static address (the default) is charged for every hour it is reserved: at the
"not in use" rate here, as the address resource cannot tell whether a VM will use it (a VM's
external address in use is priced on the instance). ``INTERNAL`` addresses are free.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import monthly_hours
from finops_gate.estimate.gcp._common import text
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if (text(resource, "address_type") or "EXTERNAL").upper() == "INTERNAL":
        return []
    return [
        CostLine("IP address (static, unused)", "hours", "compute.ip.unused", monthly_hours(usage))
    ]
