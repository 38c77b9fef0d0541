"""Traffic mirror sessions (per source ENI-hour) and transit gateway peering attachments."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import traffic_mirror_session, transit_gateway
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _resource(kind: str) -> Resource:
    return Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", {})


def test_a_mirror_session_bills_its_network_interface_every_hour() -> None:
    kind = "aws_ec2_traffic_mirror_session"
    (line,) = traffic_mirror_session.cost_lines(_resource(kind), Usage())
    assert (line.price_key, line.quantity) == ("vpc.traffic_mirror.eni", Decimal(730))


def test_a_peering_attachment_bills_attachment_hours_and_no_data_processing() -> None:
    kind = "aws_ec2_transit_gateway_peering_attachment"
    usage = Usage(values={"monthly_data_processed_gb": 500})
    lines = transit_gateway.peering_lines(_resource(kind), usage)
    assert [(line.price_key, line.quantity) for line in lines] == [("tgw.attachment", Decimal(730))]
