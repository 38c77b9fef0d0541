"""aws_eks_cluster: https://aws.amazon.com/eks/pricing/ (cluster hours).

Standard support per cluster-hour; a ``version`` past its end of standard support on the
report's price date (support_calendar.yml) is billed the extended-support rate instead.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import hourly, text, unpriceable
from finops_gate.estimate.aws.extended_support import eks_extended
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    extended = eks_extended(text(resource, "version"), usage.on)
    if extended is None:
        why = "the version is in the extended-support calendar and the price date is not known"
        return [unpriceable("EKS cluster", "hours", why)]
    if extended:
        return [hourly("EKS cluster (extended support)", "eks.cluster.extended_support")]
    return [hourly("EKS cluster", "eks.cluster")]
