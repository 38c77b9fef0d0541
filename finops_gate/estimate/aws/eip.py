"""aws_eip: https://aws.amazon.com/vpc/pricing/ ("Public IPv4 address" tab).

Since 2024-02-01 AWS charges every public IPv4 address by the hour, attached or idle, at one
rate. Addresses from your own pool (BYOIP: ``public_ipv4_pool`` other than ``amazon``) or a
customer-owned pool (Outposts) are not charged, which the line says.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import hourly, text
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    pool = text(resource, "public_ipv4_pool")
    if text(resource, "customer_owned_ipv4_pool") or (pool not in (None, "", "amazon")):
        return [
            hourly(
                "IP address (own address pool: no public IPv4 charge)",
                "vpc.public_ipv4",
                Decimal(0),
            )
        ]
    return [hourly("IP address (public IPv4)", "vpc.public_ipv4")]
