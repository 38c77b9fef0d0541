"""aws_route53_zone: https://aws.amazon.com/route53/pricing/ (hosted zones, first 25 per account).

One hosted-zone month. Queries are billed on the records (aws_route53_record), which this tool
lists as free because alias queries to AWS resources cost nothing and others depend on traffic.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import monthly
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [monthly("Hosted zone", "months", "route53.hosted_zone")]
