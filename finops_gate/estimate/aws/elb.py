"""aws_elb: https://aws.amazon.com/elasticloadbalancing/pricing/ (Classic Load Balancer).

Hours plus data processed from usage ``monthly_data_processed_gb``.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import hourly, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        hourly("Classic load balancer", "elb.classic"),
        usage_line(
            "Data processed", "GB", "elb.classic.data_processed", usage, "monthly_data_processed_gb"
        ),
    ]
