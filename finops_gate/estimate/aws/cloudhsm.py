"""aws_cloudhsm_v2_hsm: https://aws.amazon.com/cloudhsm/pricing/.

Each HSM is billed by the hour while it exists, at the rate of its type: ``hsm_type`` of the
aws_cloudhsm_v2_cluster it belongs to (the plan reader joins it through ``cluster_id``). Hours
a month: usage ``monthly_hrs`` (an HSM added for part of the month), else 730.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import monthly_hours, related, unpriceable
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    hours = monthly_hours(usage)  # read first: given for an HSM the plan cannot price either
    cluster = related(resource, "cluster")
    hsm_type = cluster.get("hsm_type") if cluster is not None else None
    if not isinstance(hsm_type, str) or not hsm_type:
        why = "the HSM type (hsm_type) is set on the aws_cloudhsm_v2_cluster of cluster_id, " + (
            "which is not in the plan" if cluster is None else "which is known only after apply"
        )
        return [unpriceable("HSM usage", "hours", why)]
    return [CostLine(f"HSM usage ({hsm_type})", "hours", f"cloudhsm.hsm.{hsm_type}", hours)]
