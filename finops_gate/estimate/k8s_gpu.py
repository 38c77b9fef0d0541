"""GPU price by accelerator, from the node label a pod asks for.

A GPU-hour is priced from the AWS catalog's on-demand price of a representative instance
that carries the accelerator (the one-GPU size where there is one), less that instance's vCPUs
and memory at the Kubernetes CPU and memory rates, divided by its GPU count — OpenCost's
way of splitting a node's price. The same rate applies whichever cloud the label names
(``cloud.google.com/gke-accelerator: nvidia-l4`` and ``karpenter.k8s.aws/instance-gpu-name: l4``
are the same L4). An accelerator with no representative instance is unpriced with the reason,
never the generic rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from finops_gate.catalogs.price import PriceCatalog

# accelerator -> (EC2 instance that carries it, GPUs on it); AWS instance type docs
REPRESENTATIVE: dict[str, tuple[str, int]] = {
    "H100": ("p5.48xlarge", 8),
    "A100-80GB": ("p4de.24xlarge", 8),
    "A100": ("p4d.24xlarge", 8),
    "A10G": ("g5.xlarge", 1),
    "L40S": ("g6e.xlarge", 1),
    "L4": ("g6.xlarge", 1),
    "T4": ("g4dn.xlarge", 1),
    "V100": ("p3.2xlarge", 1),
    "K80": ("p2.xlarge", 1),
}
# EC2 family -> accelerator (karpenter instance-family / instance-type labels)
FAMILIES = {
    "p5": "H100",
    "p4de": "A100-80GB",
    "p4d": "A100",
    "g5": "A10G",
    "g6e": "L40S",
    "g6": "L4",
    "g4dn": "T4",
    "p3": "V100",
    "p3dn": "V100",
    "p2": "K80",
}
# what a label value names, most specific first (GKE: nvidia-tesla-t4, nvidia-h100-80gb;
# GPU feature discovery: NVIDIA-H100-80GB-HBM3, Tesla-T4; karpenter: a10g, l40s...)
_PATTERNS = (
    (re.compile(r"h100", re.I), "H100"),
    (re.compile(r"a100.*80", re.I), "A100-80GB"),
    (re.compile(r"a100", re.I), "A100"),
    (re.compile(r"a10g", re.I), "A10G"),
    (re.compile(r"l40s", re.I), "L40S"),
    (re.compile(r"(?<![a-z0-9])l4(?![0-9])", re.I), "L4"),
    (re.compile(r"(?<![a-z0-9])t4(?![0-9])", re.I), "T4"),
    (re.compile(r"v100", re.I), "V100"),
    (re.compile(r"k80", re.I), "K80"),
)
_INSTANCE_LABELS = ("node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type")


@dataclass(frozen=True, slots=True)
class GpuRate:
    """The GPU a node-selector label names and its hourly price (or why it has none)."""

    accelerator: str | None  # None: the label names no GPU finops-gate knows
    price: Decimal | None  # per GPU-hour; None: unpriced (``reason`` says why)
    reason: str


def accelerator(label: str, value: str) -> str | None:
    """The accelerator a node label value names; None when it names none finops-gate knows."""
    if label in _INSTANCE_LABELS or label == "karpenter.k8s.aws/instance-family":
        family = value.split(".", 1)[0].lower()
        return FAMILIES.get(family)
    for pattern, name in _PATTERNS:
        if pattern.search(value):
            return name
    return None


def gpu_rate(
    label: str, value: str, cpu: Decimal, memory: Decimal, catalog: PriceCatalog
) -> GpuRate:
    """The rate for one GPU-hour of what ``label: value`` asks for (``cpu``/``memory``: the
    Kubernetes rates per vCPU-hour and GiB-hour, taken off the instance price in ``catalog``,
    the AWS catalog in force)."""
    from finops_gate.estimate.k8s_rates import shapes

    values = [v for v in value.split(",") if v]
    names = {accelerator(label, v) for v in values}
    if None in names or not names:
        return GpuRate(None, None, f"{label}: {value} names no GPU with a price in finops-gate")
    rates = []
    for name in sorted(n for n in names if n is not None):
        instance, gpus = REPRESENTATIVE[name]
        hourly = catalog.price(f"ec2.instance.{instance}", "us-east-1")
        shape = shapes().get(instance)
        if hourly is None or shape is None:
            why = f"{name}: {instance} has no price in the aws catalog {catalog.version}"
            return GpuRate(name, None, why)
        vcpus, gib = shape
        rates.append((hourly - vcpus * cpu - gib * memory) / gpus)
    price = max(rates)  # several allowed: the dearest, so an increase is never hidden
    shown = "/".join(sorted(n for n in names if n is not None))
    return GpuRate(shown, price.quantize(Decimal("0.000001")), f"{label}: {value}")
