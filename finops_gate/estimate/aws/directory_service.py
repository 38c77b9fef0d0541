"""aws_directory_service_directory: https://aws.amazon.com/directoryservice/pricing/ and
https://aws.amazon.com/directoryservice/other-directories-pricing/.

A directory is billed per domain controller-hour (a month here) by type and size or edition:
Simple AD and AD Connector by ``size`` (Small/Large), AWS Managed Microsoft AD by ``edition``
(Standard/Enterprise, AWS's default Enterprise). Every directory runs two domain controllers.
Microsoft AD alone can run more: ``desired_number_of_domain_controllers`` when the plan sets
it, else usage ``additional_domain_controllers`` (controllers above the two; without either it
runs AWS's two). Microsoft AD alone can be shared with other accounts
(aws_directory_service_shared_directory resources, not priced by themselves), each shared
account billed by the hour: usage ``shared_accounts``, a line only when given. Simple AD and AD
Connector can do neither, so those two keys are not read for them (and are reported ignored
when given).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    num,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

INCLUDED_CONTROLLERS = Decimal(2)
UNIT = "controller-months"
TYPES = {"SimpleAD": ("simple_ad", "Simple AD"), "ADConnector": ("ad_connector", "AD Connector")}
SIZES = {"Small": "small", "Large": "large"}
EDITIONS = {"Standard": "standard", "Enterprise": "enterprise"}


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "type"):
        return [unknown_line("Directory service", UNIT, "type")]
    kind = text(resource, "type") or "SimpleAD"
    if kind == "MicrosoftAD":
        return _microsoft_ad(resource, usage)
    if kind not in TYPES:
        return [unpriceable("Directory service", UNIT, f"type {kind} is not known")]
    token, label = TYPES[kind]
    if unknown_setting(resource, "size"):
        return [unknown_line(f"Directory service ({label})", UNIT, "size")]
    size = text(resource, "size")
    if size not in SIZES:
        reason = "size is not set" if size is None else f"size {size} is not known"
        return [unpriceable(f"Directory service ({label})", UNIT, reason)]
    key = f"directoryservice.{token}.{SIZES[size]}"
    return [CostLine(f"Directory service ({label}, {size})", UNIT, key, INCLUDED_CONTROLLERS)]


def _microsoft_ad(resource: Resource, usage: Usage) -> list[CostLine]:
    # edition is computed (the plan shows it unknown when unset): AWS's default then applies
    if unknown_setting(resource, "edition", computed=True):
        return [unknown_line("Directory service (Microsoft AD)", UNIT, "edition")]
    edition = text(resource, "edition") or "Enterprise"
    if edition not in EDITIONS:
        reason = f"edition {edition} is not known"
        return [unpriceable("Directory service (Microsoft AD)", UNIT, reason)]
    base = f"directoryservice.microsoft_ad.{EDITIONS[edition]}"
    lines = [
        CostLine(f"Directory service (Microsoft AD, {edition})", UNIT, base, INCLUDED_CONTROLLERS)
    ]
    name, path = "Additional domain controllers", "desired_number_of_domain_controllers"
    desired = num(resource, path)
    if desired is not None:
        extra = max(desired - INCLUDED_CONTROLLERS, Decimal(0))
        lines.append(CostLine(name, UNIT, base, extra))
    elif unknown_setting(resource, path, computed=True):
        lines.append(unknown_line(name, UNIT, path))
    elif usage.number("additional_domain_controllers") is not None:
        lines.append(usage_line(name, UNIT, base, usage, "additional_domain_controllers"))
    if usage.number("shared_accounts") is not None:
        sharing = f"{base}.sharing"
        lines.append(
            usage_line("Directory sharing", "account-months", sharing, usage, "shared_accounts")
        )
    return lines
