"""aws_route53_resolver_endpoint: https://aws.amazon.com/route53/pricing/ (Route 53 Resolver).

An inbound or outbound endpoint is billed per IP address (one elastic network interface each,
an ``ip_address`` block) per hour, 730 hours a month; the DNS queries that pass through it per
million (usage ``monthly_queries``), the first billion at one rate and the rest at another. An
endpoint on an Outpost is sold at other rates, not priced here (said, never $0).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    MILLION,
    blocks,
    is_unknown,
    text,
    tiers,
    unknown_line,
    unpriceable,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

BILLION_IN_MILLIONS = Decimal(1000)
QUERIES = [
    ("DNS queries (first 1B)", "route53resolver.queries.tier1", BILLION_IN_MILLIONS),
    ("DNS queries (over 1B)", "route53resolver.queries.tier2", None),
]


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    name = "Resolver endpoint"
    if text(resource, "outpost_arn"):
        return [unpriceable(name, "hours", "an endpoint on an Outpost is sold at Outpost rates")]
    addresses = blocks(resource, "ip_address")
    if not addresses and is_unknown(resource, "ip_address"):
        hours = unknown_line(name, "hours", "ip_address", " (one network interface each)")
    elif not addresses:
        hours = unpriceable(name, "hours", "no ip_address block: AWS needs at least one")
    else:
        count = len(addresses)
        label = f"{name} ({count} IP address{'es' if count > 1 else ''})"
        hours = CostLine(label, "hours", "route53resolver.endpoint", HOURS_PER_MONTH * count)
    given = usage.number("monthly_queries")
    millions = None if given is None else given / MILLION
    return [hours, *tiers(millions, QUERIES, "1M queries", "monthly_queries")]
