"""AWS Client VPN: connection-hours from usage on the endpoint, hours per associated subnet."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import client_vpn
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _resource(kind: str) -> Resource:
    return Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", {"subnet_id": "s-1"})


def test_an_endpoint_without_usage_depends_on_usage_never_zero() -> None:
    (line,) = client_vpn.endpoint_lines(_resource("aws_ec2_client_vpn_endpoint"), Usage())
    assert (line.price_key, line.quantity) == ("clientvpn.connection", None)
    assert line.usage_key == "monthly_connection_hrs"


def test_an_endpoint_bills_the_connection_hours_usage_gives() -> None:
    usage = Usage(values={"monthly_connection_hrs": 3360})
    (line,) = client_vpn.endpoint_lines(_resource("aws_ec2_client_vpn_endpoint"), usage)
    assert line.quantity == Decimal(3360)


def test_each_network_association_bills_one_subnet_every_hour() -> None:
    resource = _resource("aws_ec2_client_vpn_network_association")
    (line,) = client_vpn.association_lines(resource, Usage())
    assert (line.price_key, line.quantity) == ("clientvpn.endpoint_association", Decimal(730))
