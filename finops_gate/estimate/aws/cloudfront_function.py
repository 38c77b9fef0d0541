"""aws_cloudfront_function: https://aws.amazon.com/cloudfront/pricing/ (CloudFront Functions).

Invocations per million at the global rate (usage ``monthly_requests``, the invocations of the
function by every distribution it is associated with). The account's free 2,000,000 invocations
a month are account-wide and are not subtracted here.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import MILLION, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        usage_line(
            "Total number of invocations",
            "1M invocations",
            "cloudfront.functions.invocations",
            usage,
            "monthly_requests",
            MILLION,
        )
    ]
