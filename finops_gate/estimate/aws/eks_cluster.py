"""aws_eks_cluster: https://aws.amazon.com/eks/pricing/ (cluster hours, standard support).

Clusters on a Kubernetes version in extended support cost more per hour; which versions are in
extended support depends on the date, so that rate is not applied here.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import hourly
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [hourly("EKS cluster", "eks.cluster")]
