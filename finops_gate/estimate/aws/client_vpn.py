"""aws_ec2_client_vpn_endpoint, aws_ec2_client_vpn_network_association:
https://aws.amazon.com/vpn/pricing/ (AWS Client VPN).

AWS Client VPN bills two things: each subnet associated with an endpoint, per hour (one
aws_ec2_client_vpn_network_association is one subnet), and each client connection, per hour it is
connected. The endpoint itself costs nothing until a subnet is associated; its connection-hours
depend on how many clients connect for how long, given as usage ``monthly_connection_hrs`` (the
connection-hours of all clients in a month: 20 people connected 8 hours on 21 days is 3,360).
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import hourly, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

USAGE_KEY = "monthly_connection_hrs"


def endpoint_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        usage_line(
            "Client connections", "connection-hours", "clientvpn.connection", usage, USAGE_KEY
        )
    ]


def association_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [hourly("Endpoint association (subnet)", "clientvpn.endpoint_association")]
