"""aws_eks_fargate_profile: https://aws.amazon.com/fargate/pricing/ (Amazon EKS pods on Fargate).

A profile costs nothing by itself: AWS bills the pods its selectors run, per vCPU-hour and
GB-hour of the capacity Fargate provisions for each pod (the pod's requests plus what AWS adds
for the Kubernetes components, rounded up to a Fargate configuration: the pod's
``CapacityProvisioned`` annotation shows it), at the Linux/x86 Fargate rates. Usage (all three
needed; the cost depends on usage until then, never $0): ``average_pods`` (pods running on
average), ``pod_vcpu`` and ``pod_memory_gb`` (the capacity provisioned per pod), and
``monthly_hrs`` (default 730).
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import fargate_lines, monthly_hours
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

KEYS = ("average_pods", "pod_vcpu", "pod_memory_gb")


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    pods, vcpu, memory = (usage.number(key) for key in KEYS)
    missing = next(
        (key for key, v in zip(KEYS, (pods, vcpu, memory), strict=True) if v is None), None
    )
    hours = monthly_hours(usage)
    if pods is None or vcpu is None or memory is None:
        key = missing or KEYS[0]
        return [
            CostLine("Per GB per hour", "GB-hours", "fargate.memory_gb", None, usage_key=key),
            CostLine("Per vCPU per hour", "vCPU-hours", "fargate.vcpu", None, usage_key=key),
        ]
    count = f"{pods} pod{'' if pods == 1 else 's'}"
    return fargate_lines(count, pods, vcpu, memory, hours, usage_keys=("pod_memory_gb", "pod_vcpu"))
