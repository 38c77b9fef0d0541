"""aws_vpn_connection: https://aws.amazon.com/vpn/pricing/ (Site-to-Site VPN) and, when the
connection ends on a transit gateway, https://aws.amazon.com/transit-gateway/pricing/.

Connection hours; with ``transit_gateway_id`` set (even if known only after apply) also the
transit gateway attachment hours and data processed from usage ``monthly_data_processed_gb``.
An accelerated connection (``enable_acceleration = true``) runs on two Global Accelerator
accelerators that AWS creates and manages for it and bills to the account, each at the
accelerator's fixed hourly fee (https://aws.amazon.com/global-accelerator/pricing/); their
data-transfer premium depends on traffic no usage key gives, and is not priced. A switch the
code sets to a value known only after apply is unpriced, naming it.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import transit_gateway
from finops_gate.estimate.aws._common import (
    get,
    hourly,
    is_on,
    is_unknown,
    unknown_line,
    unknown_setting,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

ACCELERATORS = 2  # per accelerated connection, one per tunnel


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines = [hourly("VPN connection", "vpn.connection")]
    if get(resource, "transit_gateway_id") or is_unknown(resource, "transit_gateway_id"):
        lines.extend(transit_gateway.attachment_lines(usage))
    name = f"Acceleration ({ACCELERATORS} Global Accelerator accelerators)"
    if unknown_setting(resource, "enable_acceleration", computed=True):
        lines.append(unknown_line(name, "hours", "enable_acceleration"))
    elif is_on(get(resource, "enable_acceleration"), "enable_acceleration"):
        hours = HOURS_PER_MONTH * Decimal(ACCELERATORS)
        lines.append(CostLine(name, "hours", "globalaccelerator.accelerator", hours))
    return lines
