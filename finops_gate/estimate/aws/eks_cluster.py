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

from dataclasses import replace

from finops_gate.estimate.aws._common import (
    blocks,
    get,
    hourly,
    is_on,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
)
from finops_gate.estimate.aws.extended_support import eks_extended
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

SUPPORT_TYPE = "upgrade_policy.0.support_type"


AUTO_MODE = (
    "EKS Auto Mode (compute_config.enabled) adds a management fee per hour of each instance it "
    "launches, by instance type, beyond the cluster hours and the instances' own EC2 price "
    "(https://aws.amazon.com/eks/pricing/); those instances are not in the plan, so neither is "
    "the fee"
)
HYBRID = (
    "hybrid nodes (remote_network_config) are billed per vCPU-hour of each node attached "
    "(https://aws.amazon.com/eks/pricing/); the nodes are not in the plan, so neither is that fee"
)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines = _cluster_lines(resource, usage)
    # fees for compute the plan does not hold: said in the notes, never a silent part of $73
    said = [
        why
        for why, on in (
            (
                AUTO_MODE,
                is_on(get(resource, "compute_config.0.enabled"), "compute_config.0.enabled"),
            ),
            (HYBRID, bool(blocks(resource, "remote_network_config"))),
        )
        if on
    ]
    if said and lines[0].price_key:
        lines[0] = replace(lines[0], note="; ".join(said))
    return lines


def _cluster_lines(resource: Resource, usage: Usage) -> list[CostLine]:
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
