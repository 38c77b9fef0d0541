"""Compute counts and sizes no deployment can have ("Infinity", 2.5 instances, -2 tasks, a
weight of 1e-30) are unpriced naming the argument: never a crash (exit 3), never 0 instances
priced at $0, never 2.5 nodes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from tests.estimate.aws.linked_plan import _plan, _price, _ref

LT = {"instance_type": "m5.large", "image_id": "ami-0123456789abcdef0"}
LT_REF = {"id": _ref("aws_launch_template.lt.id", "aws_launch_template.lt")}


def _group(tmp_path: Path, group: dict[str, Any], expressions: dict[str, Any]) -> Any:
    plan = _plan(
        tmp_path,
        [("aws_launch_template.lt", LT, {}), ("aws_autoscaling_group.g", group, expressions)],
    )
    return _price(plan["aws_autoscaling_group.g"])


@pytest.mark.parametrize(
    ("capacity", "said"),
    [
        ("Infinity", "desired_capacity is Infinity, beyond any real count"),
        (2.5, "desired_capacity is 2.5, not a whole number"),
        (-2, "desired_capacity is -2, less than 0"),
    ],
)
def test_a_group_capacity_no_group_can_have_is_unpriced_naming_it(
    tmp_path: Path, capacity: Any, said: str
) -> None:
    group = {"desired_capacity": capacity, "min_size": 1, "launch_template": [{}]}
    side = _group(tmp_path, group, {"launch_template": [LT_REF]})
    assert side.status is Status.UNPRICED and side.monthly is None
    assert said in (side.reason or "")


@pytest.mark.parametrize(
    ("weight", "said"), [("Infinity", "beyond any real count"), ("1e-30", "less than 1")]
)
def test_a_weighted_capacity_no_override_can_have_is_unpriced_not_zero_instances(
    tmp_path: Path, weight: str, said: str
) -> None:
    policy = [
        {
            "launch_template": [
                {"override": [{"instance_type": "m5.large", "weighted_capacity": weight}]}
            ]
        }
    ]
    group = {"desired_capacity": 3, "min_size": 1, "mixed_instances_policy": policy}
    expressions = {
        "mixed_instances_policy": [
            {
                "launch_template": [
                    {"launch_template_specification": [{"launch_template_id": LT_REF["id"]}]}
                ]
            }
        ]
    }
    side = _group(tmp_path, group, expressions)
    assert side.status is Status.UNPRICED and side.monthly is None
    assert f"weighted_capacity is {Decimal(weight)}, {said}" in (side.reason or "")


def _side(kind: str, attributes: dict[str, Any], usage: dict[str, Any] | None = None) -> Any:
    resource = Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", attributes)
    return price_side(resource, UsageFile(by_address={f"{kind}.x": usage or {}}))


def test_a_lambda_memory_size_of_infinity_is_unpriced_not_a_crash() -> None:
    usage = {"monthly_requests": 1000, "request_duration_ms": 100}
    side = _side("aws_lambda_function", {"memory_size": "Infinity"}, usage)
    assert side.status is Status.UNPRICED
    assert "memory_size is Infinity, beyond any real count" in (side.reason or "")


def test_a_fractional_node_count_is_unpriced_not_two_and_a_half_nodes() -> None:
    group = {"instance_types": ["m5.large"], "scaling_config": [{"desired_size": 2.5}]}
    side = _side("aws_eks_node_group", group)
    assert side.status is Status.UNPRICED
    assert "scaling_config.0.desired_size is 2.5, not a whole number" in (side.reason or "")


def test_a_negative_provisioned_concurrency_is_unpriced_naming_it() -> None:
    side = _side(
        "aws_lambda_provisioned_concurrency_config",
        {"provisioned_concurrent_executions": -3},
        {"memory_mb": 512},
    )
    assert side.status is Status.UNPRICED
    assert "provisioned_concurrent_executions is -3, less than 1" in (side.reason or "")


def test_a_fractional_task_count_is_unpriced_naming_it(tmp_path: Path) -> None:
    task = {"family": "api", "requires_compatibilities": ["FARGATE"], "cpu": "256", "memory": "512"}
    ref = {
        "task_definition": _ref("aws_ecs_task_definition.api.arn", "aws_ecs_task_definition.api")
    }
    plan = _plan(
        tmp_path,
        [
            ("aws_ecs_task_definition.api", task, {}),
            ("aws_ecs_service.api", {"launch_type": "FARGATE", "desired_count": 2.5}, ref),
        ],
    )
    side = _price(plan["aws_ecs_service.api"])
    assert side.status is Status.UNPRICED
    assert "desired_count is 2.5, not a whole number" in (side.reason or "")


def _mixed(tmp_path: Path, distribution: dict[str, Any], weight: str = "4") -> Any:
    policy = [
        {
            "instances_distribution": [distribution],
            "launch_template": [
                {"override": [{"instance_type": "m5.large", "weighted_capacity": weight}]}
            ],
        }
    ]
    group = {"desired_capacity": 12, "min_size": 1, "mixed_instances_policy": policy}
    spec = [{"launch_template_specification": [{"launch_template_id": LT_REF["id"]}]}]
    return _group(tmp_path, group, {"mixed_instances_policy": [{"launch_template": spec}]})


def test_the_on_demand_base_is_in_capacity_units_like_the_desired_capacity(
    tmp_path: Path,
) -> None:
    # 12 units of weight 4: 3 instances; a base of 4 units is one on-demand instance, and with
    # 0% on-demand above it the other two are spot (never all three on-demand)
    side = _mixed(
        tmp_path, {"on_demand_base_capacity": 4, "on_demand_percentage_above_base_capacity": 0}
    )
    assert side.status is Status.UNPRICED  # spot rates are not in the catalog
    names = [line.name for line in side.lines]
    assert "Instance usage (spot, m5.large, 2 instances)" in names
    hours = [line for line in side.lines if line.name.startswith("Instance usage (Linux")]
    assert [line.monthly_quantity for line in hours] == [Decimal(730)]


def test_an_on_demand_percentage_beyond_100_is_unpriced_naming_it(tmp_path: Path) -> None:
    side = _mixed(tmp_path, {"on_demand_percentage_above_base_capacity": 150})
    assert side.status is Status.UNPRICED
    assert "on_demand_percentage_above_base_capacity is 150, not 0 to 100" in (side.reason or "")
