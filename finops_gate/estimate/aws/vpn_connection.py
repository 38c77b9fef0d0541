"""aws_vpn_connection: https://aws.amazon.com/vpn/pricing/ (Site-to-Site VPN) and, when the
connection ends on a transit gateway, https://aws.amazon.com/transit-gateway/pricing/.

Connection hours; with ``transit_gateway_id`` set (even if known only after apply) also the
transit gateway attachment hours and data processed from usage ``monthly_data_processed_gb``.
"""

from __future__ import annotations

from finops_gate.estimate.aws import transit_gateway
from finops_gate.estimate.aws._common import get, hourly, is_unknown
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines = [hourly("VPN connection", "vpn.connection")]
    if get(resource, "transit_gateway_id") or is_unknown(resource, "transit_gateway_id"):
        lines.extend(transit_gateway.attachment_lines(usage))
    return lines
