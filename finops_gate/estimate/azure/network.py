"""azurerm_public_ip, azurerm_public_ip_prefix, azurerm_nat_gateway, azurerm_lb:
https://azure.microsoft.com/pricing/details/ip-addresses/,
https://azure.microsoft.com/pricing/details/azure-nat-gateway/ and
https://azure.microsoft.com/pricing/details/load-balancer/.

- Public IP: per hour by ``allocation_method`` (Standard SKU is always static) and ``sku_tier``
  (Regional or Global).
- NAT gateway: per hour, plus data processed (usage ``monthly_data_processed_gb``).
- Load balancer: the Basic SKU is free; Standard is billed for data processed (usage
  ``monthly_data_processed_gb``); its rules are billed on the rule resources (not estimated).
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import monthly_hours, usage_line
from finops_gate.estimate.azure._common import text
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def public_ip_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    sku = (text(resource, "sku") or "Basic").lower()
    alloc = "static" if sku == "standard" else (text(resource, "allocation_method") or "Static")
    tier = (text(resource, "sku_tier") or "Regional").lower()
    name = f"IP address ({alloc.lower()}, {tier})"
    key = f"public_ip.{alloc.lower()}.{tier}"
    return [CostLine(name, "hours", key, monthly_hours(usage))]


def public_ip_prefix_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [CostLine("IP prefix", "hours", "public_ip_prefix", monthly_hours(usage))]


def nat_gateway_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        CostLine("NAT gateway", "hours", "nat_gateway", monthly_hours(usage)),
        usage_line(
            "Data processed",
            "GB",
            "nat_gateway.data_processed",
            usage,
            "monthly_data_processed_gb",
        ),
    ]


def lb_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if (text(resource, "sku") or "Basic").lower() == "basic":
        return []
    return [
        usage_line("Data processed", "GB", "lb.data_processed", usage, "monthly_data_processed_gb")
    ]
