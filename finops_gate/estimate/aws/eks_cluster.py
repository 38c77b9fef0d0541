"""aws_eks_cluster: https://aws.amazon.com/eks/pricing/ (cluster hours).

Standard support per cluster-hour; a ``version`` past its end of standard support on the
report's price date (support_calendar.yml) is billed the extended-support rate instead, unless
``upgrade_policy.support_type = "STANDARD"``: such a cluster is upgraded automatically at the
end of standard support and never enters extended support
(https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html; the default is
EXTENDED). A ``version`` or ``support_type`` the code sets to a value known only after apply is
unpriced, naming it: the two rates differ sixfold. An unset ``version`` is the latest, in
standard support.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import (
    hourly,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
)
from finops_gate.estimate.aws.extended_support import eks_extended
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

SUPPORT_TYPE = "upgrade_policy.0.support_type"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "version", computed=True):
        why = " (standard or extended support)"
        return [unknown_line("EKS cluster", "hours", "version", why)]
    extended = eks_extended(text(resource, "version"), usage.on)
    if extended is None:
        why = "the version is in the extended-support calendar and the price date is not known"
        return [unpriceable("EKS cluster", "hours", why)]
    if extended and unknown_setting(resource, SUPPORT_TYPE, computed=True):
        why = " (STANDARD upgrades the cluster, EXTENDED bills extended support)"
        return [unknown_line("EKS cluster", "hours", SUPPORT_TYPE, why)]
    if extended and (text(resource, SUPPORT_TYPE) or "").upper() == "STANDARD":
        # upgraded automatically at the end of standard support: billed the standard rate
        return [
            hourly(
                "EKS cluster (support_type STANDARD: upgraded, no extended support)", "eks.cluster"
            )
        ]
    if extended:
        return [hourly("EKS cluster (extended support)", "eks.cluster.extended_support")]
    return [hourly("EKS cluster", "eks.cluster")]
