"""aws_ec2_transit_gateway_vpc_attachment: https://aws.amazon.com/transit-gateway/pricing/.

Attachment hours plus data processed from usage ``monthly_data_processed_gb``.
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
