"""aws_eks_fargate_profile: the pods a profile runs are priced from usage; a profile without
that usage depends on usage, never a guessed pod and never $0."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status
from tests.estimate.aws.plan_fixture import CATALOGS

KIND = "aws_eks_fargate_profile"


def _price(usage: dict[str, object]) -> SideCost:
    attrs = {"cluster_name": "prod", "fargate_profile_name": "p"}
    res = Resource(f"{KIND}.p", "terraform", KIND, "aws", "us-east-1", attrs, frozenset())
    return price_side(res, UsageFile(by_address={res.address: usage}), CATALOGS)


def test_pods_vcpu_and_memory_are_billed_for_the_hours_given() -> None:
    side = _price({"average_pods": 2, "pod_vcpu": 1, "pod_memory_gb": 2, "monthly_hrs": 100})
    memory, vcpu = side.lines
    assert (vcpu.monthly_quantity, memory.monthly_quantity) == (200, 400)
    assert side.monthly == Decimal("200") * Decimal("0.04048") + Decimal("400") * Decimal(
        "0.004445"
    )


def test_a_missing_pod_size_leaves_both_lines_depending_on_usage_and_names_it() -> None:
    side = _price({"average_pods": 3, "pod_vcpu": 0.25})
    assert side.status is Status.USAGE_UNKNOWN and side.monthly is None
    assert {line.usage_key for line in side.lines} == {"pod_memory_gb"}
    assert all(line.monthly_cost is None for line in side.lines)


def test_every_documented_usage_key_is_read_so_none_is_reported_ignored() -> None:
    given = {"average_pods": 1, "pod_vcpu": 1, "pod_memory_gb": 2, "monthly_hrs": 730}
    assert _price(given).notes == ()
    assert any("pod_cpu" in note for note in _price({**given, "pod_cpu": 1}).notes)  # a typo
