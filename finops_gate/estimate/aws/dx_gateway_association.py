"""aws_dx_gateway_association: https://aws.amazon.com/transit-gateway/pricing/ (Direct Connect
gateway attachment) and https://aws.amazon.com/directconnect/pricing/.

Associating a Direct Connect gateway with a transit gateway (``associated_gateway_id`` ``tgw-...``)
creates a transit gateway attachment: attachment hours plus data processed, from usage
``monthly_data_processed_gb`` (data sent from the Direct Connect gateway into the transit
gateway). An association with a virtual private gateway (``vgw-...``, or the older
``vpn_gateway_id``) costs nothing by itself: Direct Connect bills its ports and data transfer
out on the connection.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import is_unknown, text, unknown_line, unpriceable
from finops_gate.estimate.aws.transit_gateway import attachment_lines
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

NAME = "Transit gateway attachment"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    gateway = text(resource, "associated_gateway_id")
    if gateway is None and text(resource, "vpn_gateway_id"):
        return []
    if gateway is None:
        if is_unknown(resource, "associated_gateway_id") or is_unknown(resource, "vpn_gateway_id"):
            why = " (a transit gateway is billed per attachment, a virtual private gateway not)"
            return [unknown_line(NAME, "hours", "associated_gateway_id", why)]
        return [unpriceable(NAME, "hours", "the association names no gateway")]
    if gateway.startswith("tgw-"):
        return attachment_lines(usage)
    if gateway.startswith("vgw-"):
        return []
    return [
        unpriceable(
            NAME,
            "hours",
            f"associated_gateway_id {gateway[:40]!r} is neither a transit gateway (tgw-) "
            "nor a virtual private gateway (vgw-)",
        )
    ]
