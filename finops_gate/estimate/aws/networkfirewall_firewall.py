"""aws_networkfirewall_firewall: https://aws.amazon.com/network-firewall/pricing/.

- One firewall endpoint per ``subnet_mapping`` block (one subnet per Availability Zone), billed
  per endpoint-hour; a firewall attached to a transit gateway (``transit_gateway_id``) has one
  per ``availability_zone_mapping`` block instead. No endpoint known is unpriced with the
  reason, never $0.
- Traffic processed per GB from usage ``monthly_data_processed_gb``.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import (
    blocks,
    is_unknown,
    text,
    unknown_line,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    data = usage_line(
        "Data processed", "GB", "networkfirewall.data_processed", usage, "monthly_data_processed_gb"
    )
    mapping = "subnet_mapping"
    zones = "availability_zone_mapping"
    if text(resource, "transit_gateway_id") or (
        is_unknown(resource, "transit_gateway_id") and blocks(resource, zones)
    ):
        mapping = zones
    if is_unknown(resource, mapping) and not blocks(resource, mapping):
        return [unknown_line("Firewall endpoints", "hours", mapping), data]
    endpoints = len(blocks(resource, mapping))
    if not endpoints:
        why = f"no {mapping} block: the firewall's endpoints are not known"
        return [unpriceable("Firewall endpoints", "hours", why), data]
    return [
        CostLine(
            f"Firewall endpoints ({endpoints})",
            "hours",
            "networkfirewall.endpoint",
            HOURS_PER_MONTH * endpoints,
        ),
        data,
    ]
