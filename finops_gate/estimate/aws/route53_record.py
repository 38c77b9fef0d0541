"""aws_route53_record: https://aws.amazon.com/route53/pricing/ (queries).

Queries per month from usage ``monthly_standard_queries``, ``monthly_latency_based_queries`` and
``monthly_geo_queries``, each tiered at the first billion. Alias records answer queries for AWS
resources (load balancers, CloudFront, S3 websites, API Gateway, VPC endpoints) at no charge,
so an ``alias`` record has no query lines. An IP-based record (``cidr_routing_policy``) is
answered at the IP-based routing rate ($0.80 per 1M on the page against $0.40 standard), which
no catalog here holds: its queries are an unpriced line naming that, never the standard rate.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import MILLION, blocks, tiers, unpriceable
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

BILLION_IN_MILLIONS = Decimal(1000)
KINDS = {
    "monthly_standard_queries": ("Standard queries", "standard"),
    "monthly_latency_based_queries": ("Latency based routing queries", "latency"),
    "monthly_geo_queries": ("Geo DNS queries", "geo"),
}


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if blocks(resource, "alias"):
        return []
    if blocks(resource, "cidr_routing_policy"):
        why = (
            "IP-based routing queries are billed at their own rate, which the catalog does not hold"
        )
        return [unpriceable("IP-based routing queries", "1M queries", why)]
    lines: list[CostLine] = []
    for key, (label, kind) in KINDS.items():
        given = usage.number(key)
        bands = [
            (f"{label} (first 1B)", f"route53.queries.{kind}.tier1", BILLION_IN_MILLIONS),
            (f"{label} (over 1B)", f"route53.queries.{kind}.tier2", None),
        ]
        lines += tiers(None if given is None else given / MILLION, bands, "1M queries", key)
    return lines
