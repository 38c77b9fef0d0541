"""aws_lb / aws_alb: https://aws.amazon.com/elasticloadbalancing/pricing/ (Application and
Network Load Balancers).

Hours by ``load_balancer_type`` (default ``application``; ``gateway`` has no catalog rate, so it
is reported unpriced) plus capacity-unit hours from Infracost's usage keys: the busiest of
``new_connections`` (per second), ``active_connections`` (per minute), ``processed_bytes_gb``
(GB per *month*, as in Infracost's usage file: spread over 730 hours) and, for ALB,
``rule_evaluations`` (per second), divided by what one LCU (ALB: 25 / 3,000 / 1 GB per hour /
1,000) or NLCU (TCP: 800 / 100,000 / 1 GB per hour) covers, x 730 hours.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    hourly,
    text,
    unknown_line,
    unknown_setting,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

PER_LCU = {
    "application": {
        "new_connections": Decimal(25),
        "active_connections": Decimal(3000),
        "processed_bytes_gb": Decimal(1),
        "rule_evaluations": Decimal(1000),
    },
    "network": {
        "new_connections": Decimal(800),
        "active_connections": Decimal(100000),
        "processed_bytes_gb": Decimal(1),
    },
}
NAMES = {
    "application": "Application load balancer",
    "network": "Network load balancer",
    "gateway": "Gateway load balancer",
}


def capacity_units(usage: Usage, lb_type: str) -> Decimal | None:
    """Average LCUs per hour: the busiest dimension among those the usage gives."""
    dims = []
    for key, per_unit in PER_LCU[lb_type].items():
        given = usage.number(key)
        if given is not None:
            per_hour = given / HOURS_PER_MONTH if key == "processed_bytes_gb" else given
            dims.append(per_hour / per_unit)
    return max(dims) if dims else None


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "load_balancer_type"):
        return [unknown_line("Load balancer", "hours", "load_balancer_type")]
    lb_type = text(resource, "load_balancer_type") or "application"
    lines = [hourly(NAMES.get(lb_type, f"Load balancer ({lb_type})"), f"elb.{lb_type}")]
    if lb_type in PER_LCU:
        lcu = capacity_units(usage, lb_type)
        lines.append(
            CostLine(
                "Load balancer capacity units",
                "LCU-hours",
                f"elb.{lb_type}.lcu",
                None if lcu is None else lcu * HOURS_PER_MONTH,
                usage_key="new_connections",
            )
        )
    return lines
