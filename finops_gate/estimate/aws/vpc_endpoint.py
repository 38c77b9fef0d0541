"""aws_vpc_endpoint: https://aws.amazon.com/privatelink/pricing/.

- ``Gateway`` endpoints (S3, DynamoDB; the default type) have no charge (https://aws.amazon.com/vpc/pricing/,
  https://aws.amazon.com/privatelink/pricing/): a $0 line says so, never a bare $0.
- ``Interface`` endpoints: hours per endpoint network interface, one per subnet in
  ``subnet_ids``, else one per ``subnet_configuration`` block (neither known until apply =>
  unpriced), plus data processed from usage
  ``monthly_data_processed_gb`` in tiers (first 1 PB, next 4 PB, over 5 PB; 1 PB = 1,048,576 GB).
- ``GatewayLoadBalancer`` endpoints: hours plus data processed (one rate).
- ``ServiceNetwork`` endpoints (VPC Lattice): no endpoint-hour charge
  (https://aws.amazon.com/vpc/lattice/pricing/: service-network endpoints come at no additional
  cost); the traffic through them is billed by VPC Lattice per GB, at rates no catalog here
  holds: an unpriced line naming that, never the interface endpoint's hours and tiers.
- ``Resource`` endpoints (a VPC resource through a resource configuration): billed per hour
  provisioned and per GB processed (https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-resources.html,
  https://aws.amazon.com/privatelink/pricing/), at an hourly rate the catalog does not hold: an
  unpriced line naming that, never the interface endpoint's rate.
- Any other type is not one AWS creates: unpriced, naming it (never read as Interface).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    blocks,
    get,
    hourly,
    is_unknown,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

PB = Decimal(1024 * 1024)
GATEWAY = CostLine("Endpoint (Gateway): no charge", "month", "", Decimal(1), unit_price=Decimal(0))
TIERS = (("first 1PB", PB, "tier1"), ("next 4PB", 4 * PB, "tier2"), ("over 5PB", None, "tier3"))


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "vpc_endpoint_type"):
        # never the free Gateway default: Interface and GWLB endpoints are billed hourly
        return [unknown_line("Endpoint", "hours", "vpc_endpoint_type")]
    etype = text(resource, "vpc_endpoint_type") or "Gateway"
    if etype == "Gateway":
        return [GATEWAY]
    if etype == "GatewayLoadBalancer":
        return [
            hourly("Endpoint (GatewayLoadBalancer)", "vpc_endpoint.gateway_load_balancer"),
            usage_line(
                "Data processed",
                "GB",
                "vpc_endpoint.gateway_load_balancer.data_processed",
                usage,
                "monthly_data_processed_gb",
            ),
        ]
    if etype == "ServiceNetwork":
        why = (
            "a service-network endpoint has no hourly charge; the data through it is billed by"
            " VPC Lattice per GB, at rates the catalog does not hold"
        )
        return [unpriceable("Data processed (VPC Lattice)", "GB", why)]
    if etype == "Resource":
        why = (
            "a resource endpoint is billed per hour provisioned and per GB processed"
            " (https://aws.amazon.com/privatelink/pricing/), at rates the catalog does not hold"
        )
        return [unpriceable("Endpoint (Resource)", "hours", why)]
    if etype != "Interface":
        why = (
            f"vpc_endpoint_type {etype[:40]!r} is not a VPC endpoint type (Gateway, Interface,"
            " GatewayLoadBalancer, Resource, ServiceNetwork); fix it"
        )
        return [unpriceable("Endpoint", "hours", why)]
    subnets = get(resource, "subnet_ids")
    configured = blocks(resource, "subnet_configuration")
    if not isinstance(subnets, list) and configured:
        # subnet_ids left to AWS (unknown in a plan): one subnet_configuration block per subnet
        subnets = configured
    if not isinstance(subnets, list) and is_unknown(resource, "subnet_ids"):
        return [
            unknown_line(
                "Endpoint (Interface)",
                "hours",
                "subnet_ids",
                " (one endpoint network interface is billed per subnet)",
            )
        ]
    count = max(len(subnets) if isinstance(subnets, list) else 0, 1)
    name = "Endpoint (Interface)" if count == 1 else f"Endpoint (Interface, {count} subnets)"
    return [hourly(name, "vpc_endpoint.interface", count), *_data_lines(usage)]


def _data_lines(usage: Usage) -> list[CostLine]:
    total = usage.number("monthly_data_processed_gb")
    key = "vpc_endpoint.interface.data_processed"
    if total is None:
        return [
            CostLine(
                "Data processed (first 1PB)",
                "GB",
                f"{key}.tier1",
                None,
                usage_key="monthly_data_processed_gb",
            )
        ]
    lines, left = [], total
    for label, size, tier in TIERS:
        part = left if size is None else min(left, size)
        if part > 0 or tier == "tier1":
            lines.append(
                CostLine(
                    f"Data processed ({label})",
                    "GB",
                    f"{key}.{tier}",
                    part,
                    usage_key="monthly_data_processed_gb",
                )
            )
        left -= part
    return lines
