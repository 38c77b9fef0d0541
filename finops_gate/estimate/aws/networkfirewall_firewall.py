"""aws_networkfirewall_firewall: https://aws.amazon.com/network-firewall/pricing/.

- One firewall endpoint per ``subnet_mapping`` block (one subnet per Availability Zone), billed
  per endpoint-hour.
- Traffic processed per GB from usage ``monthly_data_processed_gb``.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import blocks, is_unknown, unknown_line, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    data = usage_line(
        "Data processed", "GB", "networkfirewall.data_processed", usage, "monthly_data_processed_gb"
    )
    if is_unknown(resource, "subnet_mapping") and not blocks(resource, "subnet_mapping"):
        return [unknown_line("Firewall endpoints", "hours", "subnet_mapping"), data]
    endpoints = len(blocks(resource, "subnet_mapping"))
    return [
        CostLine(
            f"Firewall endpoints ({endpoints})",
            "hours",
            "networkfirewall.endpoint",
            HOURS_PER_MONTH * endpoints,
        ),
        data,
    ]
