"""aws_nat_gateway: https://aws.amazon.com/vpc/pricing/ (NAT gateway).

Hours (public and private NAT gateways cost the same) plus data processed from usage
``monthly_data_processed_gb``.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import hourly, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        hourly("NAT gateway", "nat.gateway"),
        usage_line(
            "Data processed", "GB", "nat.data_processed", usage, "monthly_data_processed_gb"
        ),
    ]
