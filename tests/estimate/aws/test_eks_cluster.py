"""aws_eks_cluster: standard or extended support, by version, upgrade policy and price date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from finops_gate.estimate.aws import eks_cluster
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource, Status
from tests.estimate.aws.linked_plan import _plan, _price

# 1.33 left standard support on 2026-07-29: in extended support on the fixtures' price date
_CLUSTER = {"name": "c", "role_arn": "arn:aws:iam::1:role/r", "version": "1.33"}
_ROLE = {"references": ["aws_iam_role.r.unique_id", "aws_iam_role.r"]}


def _cluster(attributes: dict[str, Any]) -> Resource:
    return Resource(
        "aws_eks_cluster.c", "terraform", "aws_eks_cluster", "aws", "us-east-1", attributes
    )


def _code(values: dict[str, Any], **written: Any) -> dict[str, Any]:
    return {**{k: {"constant_value": v} for k, v in values.items()}, **written}


def test_support_type_standard_is_upgraded_and_never_billed_extended_support() -> None:
    # https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html
    standard = {**_CLUSTER, "upgrade_policy": [{"support_type": "STANDARD"}]}
    lines = eks_cluster.cost_lines(_cluster(standard), Usage(on=date(2026, 12, 3)))
    assert [line.price_key for line in lines] == ["eks.cluster"]
    assert "STANDARD" in lines[0].name
    extended = {**_CLUSTER, "upgrade_policy": [{"support_type": "EXTENDED"}]}
    lines = eks_cluster.cost_lines(_cluster(extended), Usage(on=date(2026, 12, 3)))
    assert [line.price_key for line in lines] == ["eks.cluster.extended_support"]


def test_support_type_left_unset_is_aws_default_extended() -> None:
    lines = eks_cluster.cost_lines(_cluster(_CLUSTER), Usage(on=date(2026, 12, 3)))
    assert [line.price_key for line in lines] == ["eks.cluster.extended_support"]


@pytest.mark.parametrize(
    ("address", "path"),
    [
        ("aws_eks_cluster.version", "version"),
        ("aws_eks_cluster.support", "upgrade_policy.0.support_type"),
    ],
)
def test_a_version_or_support_type_known_only_at_apply_is_unpriced_naming_it(
    tmp_path: Path, address: str, path: str
) -> None:
    unset = {k: v for k, v in _CLUSTER.items() if k != "version"}
    changes = _plan(
        tmp_path,
        [
            ("aws_eks_cluster.version", unset, _code(unset, version=_ROLE)),
            (
                "aws_eks_cluster.support",
                {**_CLUSTER, "upgrade_policy": [{}]},
                _code(_CLUSTER, upgrade_policy=[{"support_type": _ROLE}]),
            ),
            ("aws_eks_cluster.unset", unset, _code(unset)),
        ],
        unknown={
            "aws_eks_cluster.version": ["version"],
            "aws_eks_cluster.support": [{"upgrade_policy": [{"support_type": True}]}],
            "aws_eks_cluster.unset": ["version"],
        },
    )
    side = _price(changes[address])
    assert side.status is Status.UNPRICED and side.monthly is None
    assert f"{path} is unknown until apply" in (side.reason or "")
    # a version left unset (the plan shows it unknown: the provider computes it) is the latest,
    # in standard support
    unset_side = _price(changes["aws_eks_cluster.unset"])
    assert unset_side.status is Status.PRICED
    assert unset_side.monthly == Decimal("73")  # 730 hours x $0.10


def test_auto_mode_and_hybrid_nodes_say_the_fees_the_plan_does_not_hold() -> None:
    # https://aws.amazon.com/eks/pricing/: Auto Mode bills a fee per managed instance-hour and
    # hybrid nodes per vCPU-hour; neither the instances nor the nodes are in the plan
    new = {**_CLUSTER, "version": "1.34"}
    auto = {**new, "compute_config": [{"enabled": True}]}
    lines = eks_cluster.cost_lines(_cluster(auto), Usage(on=date(2026, 12, 1)))
    assert [line.price_key for line in lines] == ["eks.cluster"]
    assert "EKS Auto Mode" in (lines[0].note or "")
    hybrid = {**new, "remote_network_config": [{"remote_node_networks": [{}]}]}
    lines = eks_cluster.cost_lines(_cluster(hybrid), Usage(on=date(2026, 12, 1)))
    assert "hybrid nodes" in (lines[0].note or "")
    plain = eks_cluster.cost_lines(_cluster(new), Usage(on=date(2026, 12, 1)))
    assert plain[0].note is None
