"""aws_ec2_transit_gateway_vpc_attachment, aws_ec2_transit_gateway_peering_attachment:
https://aws.amazon.com/transit-gateway/pricing/.

A VPC attachment: attachment hours plus data processed from usage ``monthly_data_processed_gb``.

A peering attachment: attachment hours only. AWS bills them once, to the side that requests the
peering (the account that owns this resource); the accepting side
(aws_ec2_transit_gateway_peering_attachment_accepter) pays no attachment hours and is in
``free.yml``. Data sent from a peering attachment to a transit gateway is not charged as data
processed; what crosses regions is billed as inter-region data transfer, not on this resource.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import hourly, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def attachment_lines(usage: Usage) -> list[CostLine]:
    return [
        hourly("Transit gateway attachment", "tgw.attachment"),
        usage_line(
            "Data processed", "GB", "tgw.data_processed", usage, "monthly_data_processed_gb"
        ),
    ]


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return attachment_lines(usage)


def peering_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [hourly("Transit gateway attachment (peering)", "tgw.attachment")]
