"""azurerm_public_ip, azurerm_public_ip_prefix, azurerm_nat_gateway, azurerm_lb:
https://azure.microsoft.com/pricing/details/ip-addresses/,
https://azure.microsoft.com/pricing/details/azure-nat-gateway/ and
https://azure.microsoft.com/pricing/details/load-balancer/.

- Public IP: per hour by ``allocation_method`` (Standard SKU is always static) and ``sku_tier``
  (Regional or Global). A Basic SKU IP: Dynamic at the dynamic rate; Static has a rate of its
  own that no catalog holds (unpriced, naming public_ip.basic.static.*, never the Standard
  rate). ``sku`` unset is Standard (azurerm 4's default), or Basic with Dynamic allocation
  (which Standard does not take).
- Public IP prefix: per IP per hour, as soon as it exists: 2^(32 - ``prefix_length``) IPv4
  addresses (``prefix_length`` 28 when unset, the provider's default: 16 addresses). An IPv6
  prefix, or a Global one (``sku_tier``), is unpriced (no catalog holds its rate).
- NAT gateway: per hour, plus data processed (usage ``monthly_data_processed_gb``).
- Load balancer: the Basic SKU is free; Standard (also ``sku`` unset: azurerm 4's default,
  stated) is billed for data processed (usage ``monthly_data_processed_gb``); its rules are
  billed on the rule resources (not estimated).
  The Gateway SKU is billed per chain-hour and GB at rates of its own, which no catalog holds:
  unpriced, naming them, never at the Standard rate.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours, usage_line
from finops_gate.estimate.azure._common import num, text
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def public_ip_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    sku = text(resource, "sku")
    alloc = (text(resource, "allocation_method") or "Static").lower()
    tier = (text(resource, "sku_tier") or "Regional").lower()
    assumed = None
    if sku is None:
        # unset: Standard, azurerm 4's default (and the only SKU Azure still creates), which
        # takes Static only; a Dynamic IP is a Basic one (azurerm 3's default)
        sku = "Basic" if alloc == "dynamic" else "Standard"
        assumed = (
            "sku",
            "Basic: sku not set, and Standard takes no Dynamic IP"
            if sku == "Basic"
            else "Standard: sku not set, azurerm 4's default",
        )
    if sku.lower() == "standard":
        alloc = "static"
    elif sku.lower() != "basic":
        why = f"sku {sku!r} is not a public IP SKU (Basic or Standard); fix it"
        return [CostLine("IP address", "hours", "", None, unknown_reason=why)]
    elif alloc == "static":
        why = (
            "a Basic SKU static IP is billed at a rate of its own, which no catalog holds"
            f" (public_ip.basic.static.{tier}), never at the Standard rate; Basic public IPs"
            ' were retired on 30 September 2025: use sku = "Standard"'
        )
        return [
            CostLine(f"IP address (Basic, static, {tier})", "hours", "", None, unknown_reason=why)
        ]
    name = f"IP address ({alloc}, {tier})"
    key = f"public_ip.{alloc}.{tier}"
    return [CostLine(name, "hours", key, monthly_hours(usage), assumption=assumed)]


DEFAULT_PREFIX_LENGTH = 28


def public_ip_prefix_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if (text(resource, "ip_version") or "IPv4").lower() == "ipv6":
        why = "IPv6 prefixes are billed at a rate no catalog holds (public_ip_prefix.ipv6)"
        return [CostLine("IP prefix (IPv6)", "hours", "", None, unknown_reason=why)]
    tier = text(resource, "sku_tier") or "Regional"
    if tier.lower() != "regional":
        why = (
            f"a {tier} prefix is billed per IP at a rate of its own, which no catalog holds"
            f" (public_ip_prefix.{tier.lower()}), never at the regional rate"
        )
        return [CostLine(f"IP prefix ({tier})", "hours", "", None, unknown_reason=why)]
    length = num(resource, "prefix_length")
    if length is None:
        length = Decimal(DEFAULT_PREFIX_LENGTH)
    if length != length.to_integral_value() or not 0 <= length <= 32:
        why = f"prefix_length {length} is not an IPv4 prefix length (0-32); fix it"
        return [CostLine("IP prefix", "hours", "", None, unknown_reason=why)]
    ips = 2 ** (32 - int(length))
    name = f"IP prefix (/{length}: {ips} IPs)"
    return [CostLine(name, "hours", "public_ip_prefix", monthly_hours(usage) * ips)]


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
    written = text(resource, "sku")
    # unset: Standard, azurerm 4's default (Basic, azurerm 3's, was retired on 30 September
    # 2025 and can no longer be created)
    sku = (written or "Standard").lower()
    if sku == "basic":
        return []
    if sku != "standard":
        why = (
            f"a {text(resource, 'sku')} load balancer is billed per chain-hour and GB processed"
            f" at rates of its own, and no catalog holds them (lb.{sku}.chain,"
            f" lb.{sku}.data_processed)"
        )
        return [
            CostLine(
                f"Load balancer ({text(resource, 'sku')})", "hours", "", None, unknown_reason=why
            )
        ]
    line = usage_line(
        "Data processed", "GB", "lb.data_processed", usage, "monthly_data_processed_gb"
    )
    if written is None:
        line = dataclasses.replace(
            line, assumption=("sku", "Standard: sku not set, azurerm 4's default")
        )
    return [line]
