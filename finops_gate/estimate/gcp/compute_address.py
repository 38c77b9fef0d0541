"""google_compute_address / google_compute_global_address:
https://cloud.google.com/vpc/network-pricing#ipaddress.

An ``EXTERNAL`` static address (the default) is charged for every hour it is reserved: at the
in-use rate of a standard or spot VM when a google_compute_instance of the plan or code uses it
as ``nat_ip`` (both readers join them; the VM then bills no address of its own for it); at the
same in-use rate ($0.005 an hour, https://cloud.google.com/nat/pricing) when a
google_compute_router_nat lists it in ``nat_ips``; at no charge when a forwarding rule
(``google_compute_forwarding_rule``, ``google_compute_global_forwarding_rule``) serves it as
``ip_address`` (the rule is billed, not its address); else at the "not in use" rate. An
existing address whose ``users`` (the provider's list of what uses it) name a forwarding rule,
a router (Cloud NAT) or a VM outside the plan is billed so (such a VM at the standard rate,
stated as an assumption).
``INTERNAL`` addresses are free.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import monthly_hours, related_list
from finops_gate.estimate.gcp._common import get, spot, text, unknown_lines, written_unknown
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if written_unknown(resource, "address_type") is not None:  # INTERNAL (free) or EXTERNAL
        return unknown_lines("IP address", "hours", "address_type", "whether it is billed")
    if (text(resource, "address_type") or "EXTERNAL").upper() == "INTERNAL":
        return []
    hours = monthly_hours(usage)
    users = [
        Resource(resource.address, "terraform", "user", "google", attributes=dict(values))
        for values in related_list(resource, "users")
    ]
    if not users:
        # joined from the plan or code, else the provider's own ``users`` (the URLs of what
        # uses an existing address, outside this plan too)
        urls = [u for u in get(resource, "users") or [] if isinstance(u, str)]
        if related_list(resource, "nat_gateways") or any("/routers/" in u for u in urls):
            name = "IP address (static, in use by a Cloud NAT gateway)"
            return [CostLine(name, "hours", "compute.ip.vm", hours)]
        if related_list(resource, "forwarding_rules") or any("orwardingRules/" in u for u in urls):
            return []  # an address attached to a forwarding rule: no charge
        if any("/instances/" in u for u in urls):
            assumed = ("users", "a VM outside this plan: the standard (not spot) VM rate")
            name = "IP address (static, in use by a VM outside this plan: standard VM rate)"
            return [CostLine(name, "hours", "compute.ip.vm", hours, assumption=assumed)]
        return [CostLine("IP address (static, unused)", "hours", "compute.ip.unused", hours)]
    if all(spot(user) for user in users):
        return [
            CostLine(
                "IP address (static, in use by a spot VM)", "hours", "compute.ip.vm.spot", hours
            )
        ]
    return [
        CostLine("IP address (static, in use by a standard VM)", "hours", "compute.ip.vm", hours)
    ]
