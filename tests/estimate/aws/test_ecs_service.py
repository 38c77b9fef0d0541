"""aws_ecs_service on Fargate and aws_lambda_provisioned_concurrency_config, read through the plan
reader (task definitions, clusters, capacity providers and functions joined from the plan)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from finops_gate.model import Status
from tests.estimate.aws.linked_plan import _plan, _price, _ref
from tests.sides import check_sides

VCPU, GB = Decimal("0.04048"), Decimal("0.004445")
TASK = {"family": "api", "requires_compatibilities": ["FARGATE"], "cpu": "1 vCPU", "memory": "2 GB"}
TASK_REF = {
    "task_definition": _ref("aws_ecs_task_definition.api.arn", "aws_ecs_task_definition.api")
}


def _service(
    tmp_path: Path, service: dict[str, Any], task: dict[str, Any] = TASK, **extra: Any
) -> Any:
    resources = [
        ("aws_ecs_task_definition.api", task, {}),
        ("aws_ecs_service.api", service, {**TASK_REF, **extra.get("expressions", {})}),
        *extra.get("more", []),
    ]
    return _price(_plan(tmp_path, resources)["aws_ecs_service.api"])


def test_fargate_tasks_are_vcpu_and_gb_hours_of_the_task_definition(tmp_path: Path) -> None:
    side = _service(tmp_path, {"launch_type": "FARGATE", "desired_count": 3})
    assert side.status is Status.PRICED
    assert side.monthly == 3 * 730 * (1 * VCPU + 2 * GB)


@pytest.mark.parametrize(("cpu", "memory"), [("1024", "2048"), (1024, 2048), ("1 vcpu", "2 gb")])
def test_cpu_units_and_mib_read_as_vcpu_and_gb(tmp_path: Path, cpu: Any, memory: Any) -> None:
    side = _service(
        tmp_path,
        {"launch_type": "FARGATE", "desired_count": 1},
        {**TASK, "cpu": cpu, "memory": memory},
    )
    assert side.monthly == 730 * (VCPU + 2 * GB)


@pytest.mark.parametrize("cpu", ["lots", "1 GB", "", "-5", "1e999999"])
def test_a_task_size_that_cannot_be_read_is_unpriced_not_zero(tmp_path: Path, cpu: str) -> None:
    side = _service(tmp_path, {"launch_type": "FARGATE", "desired_count": 2}, {**TASK, "cpu": cpu})
    assert side.status is Status.UNPRICED and side.monthly is None


def test_the_clusters_default_strategy_decides_where_tasks_run(tmp_path: Path) -> None:
    either = {**TASK, "requires_compatibilities": ["EC2", "FARGATE"]}
    cluster = ("aws_ecs_cluster.main", {"name": "main"}, {})
    providers = (
        "aws_ecs_cluster_capacity_providers.main",
        {
            "cluster_name": "main",
            "capacity_providers": ["FARGATE"],
            "default_capacity_provider_strategy": [{"capacity_provider": "FARGATE", "weight": 1}],
        },
        {"cluster_name": _ref("aws_ecs_cluster.main.name", "aws_ecs_cluster.main")},
    )
    cluster_ref = {"cluster": _ref("aws_ecs_cluster.main.id", "aws_ecs_cluster.main")}
    on_fargate = _service(
        tmp_path,
        {"desired_count": 2, "cluster": "x"},
        either,
        expressions=cluster_ref,
        more=[cluster, providers],
    )
    assert on_fargate.monthly == 2 * 730 * (VCPU + 2 * GB)
    # the same service on a cluster without a default strategy runs on EC2: no charge of its own
    on_ec2 = _service(
        tmp_path,
        {"desired_count": 2, "cluster": "x"},
        either,
        expressions=cluster_ref,
        more=[cluster],
    )
    assert (on_ec2.status, on_ec2.monthly) == (Status.PRICED, Decimal(0))
    assert "billed on the instances" in on_ec2.lines[0].name


@pytest.mark.parametrize(
    "service",
    [
        {"launch_type": "EC2", "desired_count": 3},
        {"desired_count": 2, "capacity_provider_strategy": [{"capacity_provider": "asg-cp"}]},
    ],
)
def test_tasks_on_ec2_capacity_say_where_their_cost_is_never_a_bare_zero(
    tmp_path: Path, service: dict[str, Any]
) -> None:
    # the service showed $0 with no line: its tasks run on EC2 instances billed elsewhere
    either = {**TASK, "requires_compatibilities": ["EC2", "FARGATE"]}
    side = _service(tmp_path, service, either)
    assert (side.status, side.monthly) == (Status.PRICED, Decimal(0))
    (line,) = side.lines
    assert line.monthly_cost == 0
    assert "no ECS charge: billed on the instances" in line.name
    assert "aws_autoscaling_group" in line.name


def test_tasks_on_external_instances_are_unpriced_naming_ecs_anywhere(tmp_path: Path) -> None:
    # ECS Anywhere bills every registered on-premises instance per hour (not in the catalog)
    either = {**TASK, "requires_compatibilities": ["EXTERNAL"]}
    side = _service(tmp_path, {"launch_type": "EXTERNAL", "desired_count": 2}, either)
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "ECS Anywhere bills each registered external instance per hour" in str(side.reason)


def test_fargate_spot_and_unknown_placement_are_unpriced(tmp_path: Path) -> None:
    spot = _service(
        tmp_path,
        {"desired_count": 2, "capacity_provider_strategy": [{"capacity_provider": "FARGATE_SPOT"}]},
    )
    assert spot.status is Status.UNPRICED and "Spot" in (spot.reason or "")
    either = {**TASK, "requires_compatibilities": ["EC2", "FARGATE"]}
    # a cluster the plan does not show: its default strategy is unknown, so where is unknown
    unknown = _service(
        tmp_path,
        {"desired_count": 2, "cluster": "arn:aws:ecs:us-east-1:1:cluster/shared"},
        either,
        expressions={"cluster": _ref("var.cluster_arn")},
    )
    assert unknown.status is Status.UNPRICED and unknown.monthly is None


def test_a_task_definition_outside_the_plan_leaves_the_service_unpriced(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            (
                "aws_ecs_service.api",
                {"launch_type": "FARGATE", "desired_count": 2},
                {"task_definition": _ref("data.aws_ecs_task_definition.x.arn")},
            )
        ],
    )
    side = _price(plan["aws_ecs_service.api"])
    assert side.status is Status.UNPRICED and "task definition" in (side.reason or "")


def test_provisioned_concurrency_reads_the_functions_memory_and_architecture(
    tmp_path: Path,
) -> None:
    plan = _plan(
        tmp_path,
        [
            (
                "aws_lambda_function.api",
                {"function_name": "api", "memory_size": 512, "architectures": ["arm64"]},
                {},
            ),
            (
                "aws_lambda_provisioned_concurrency_config.api",
                {
                    "function_name": "api",
                    "qualifier": "live",
                    "provisioned_concurrent_executions": 50,
                },
                {
                    "function_name": _ref(
                        "aws_lambda_function.api.function_name", "aws_lambda_function.api"
                    )
                },
            ),
        ],
    )
    change = plan["aws_lambda_provisioned_concurrency_config.api"]
    side = _price(
        change,
        {"monthly_duration_hrs": 100, "monthly_requests": 10_000_000, "request_duration_ms": 350},
    )
    got = {line.name: line.monthly_quantity for line in side.lines}
    assert got["Provisioned Concurrency (50 x 512 MB, arm64)"] == 9_000_000
    assert got["Duration"] == 1_750_000 and got["Requests"] == 10
    assert side.monthly is not None
    assert side.monthly.quantize(Decimal("0.01")) == Decimal("45.61")  # Infracost's golden
    # all month by default: it is billed while configured, invoked or not
    full = _price(change)
    assert full.lines[1].monthly_quantity == 50 * Decimal("0.5") * 730 * 3600


def test_provisioned_concurrency_without_a_known_memory_is_unpriced(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            (
                "aws_lambda_provisioned_concurrency_config.x",
                {
                    "function_name": "elsewhere",
                    "qualifier": "1",
                    "provisioned_concurrent_executions": 5,
                },
                {"function_name": {"constant_value": "elsewhere"}},
            )
        ],
    )
    side = _price(plan["aws_lambda_provisioned_concurrency_config.x"])
    assert side.status is Status.UNPRICED and "memory_mb" in (side.reason or "")


def test_an_autoscaled_service_runs_at_least_its_targets_minimum(tmp_path: Path) -> None:
    target = {
        "min_capacity": 4,
        "max_capacity": 20,
        "scalable_dimension": "ecs:service:DesiredCount",
        "resource_id": "service/main/api",
    }
    side = _service(
        tmp_path,
        {"launch_type": "FARGATE", "desired_count": 1, "name": "api"},
        more=[
            (
                "aws_appautoscaling_target.api",
                target,
                {"resource_id": _ref("aws_ecs_service.api.name", "aws_ecs_service.api")},
            )
        ],
    )
    assert side.monthly == 4 * 730 * (VCPU + 2 * GB)


def test_a_desired_count_left_unset_is_said_so_not_called_unknown_until_apply(
    tmp_path: Path,
) -> None:
    # the plan shows an unset desired_count as null (Terraform asks ECS for 0 tasks), not as a
    # value known after apply: the reason says what is missing and how to give it
    side = _service(tmp_path, {"launch_type": "FARGATE", "desired_count": None})
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "desired_count is not set" in (side.reason or "")
    assert "unknown until apply" not in (side.reason or "")


def test_a_launch_type_ecs_does_not_have_is_unpriced_not_priced_as_fargate(tmp_path: Path) -> None:
    either = {**TASK, "requires_compatibilities": ["EC2", "FARGATE"]}
    side = _service(tmp_path, {"launch_type": "BOGUS", "desired_count": 3}, either)
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "launch_type 'BOGUS' is not one ECS has" in str(side.reason)


def test_a_launch_type_written_from_another_resource_is_unknown_not_ec2(tmp_path: Path) -> None:
    # it read as unset, so the service took ECS's default (EC2, $0): the tasks may be on Fargate
    plan = _plan(
        tmp_path,
        [
            ("aws_ecs_task_definition.api", {**TASK, "requires_compatibilities": ["EC2"]}, {}),
            (
                "aws_ecs_service.api",
                {"desired_count": 3},
                {**TASK_REF, "launch_type": _ref("aws_sqs_queue.q.arn", "aws_sqs_queue.q")},
            ),
        ],
        unknown={"aws_ecs_service.api": ["launch_type"]},
    )
    side = _price(plan["aws_ecs_service.api"])
    assert side.status is Status.UNPRICED and "launch_type is unknown" in str(side.reason)


def test_a_cluster_strategy_in_a_dynamic_block_over_unknown_values_is_not_read_as_ec2(
    tmp_path: Path,
) -> None:
    # terraform show -json leaves a dynamic block out of the configuration and shows the
    # block unknown: it was read as no strategy, so the tasks ran on EC2 at $0
    either = {**TASK, "requires_compatibilities": ["EC2", "FARGATE"]}
    cluster = ("aws_ecs_cluster.main", {"name": "main"}, {})
    providers = (
        "aws_ecs_cluster_capacity_providers.main",
        {"cluster_name": "main", "capacity_providers": ["FARGATE"]},
        {"cluster_name": _ref("aws_ecs_cluster.main.name", "aws_ecs_cluster.main")},
    )
    cluster_ref = {"cluster": _ref("aws_ecs_cluster.main.id", "aws_ecs_cluster.main")}
    plan = _plan(
        tmp_path,
        [
            ("aws_ecs_task_definition.api", either, {}),
            (
                "aws_ecs_service.api",
                {"desired_count": 2, "cluster": "x"},
                {**TASK_REF, **cluster_ref},
            ),
            cluster,
            providers,
        ],
        unknown={"aws_ecs_cluster_capacity_providers.main": ["default_capacity_provider_strategy"]},
    )
    side = _price(plan["aws_ecs_service.api"])
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "where the tasks run" in str(side.reason)


_CODE = """
provider "aws" { region = "us-east-1" }
resource "aws_sqs_queue" "q" {}
resource "aws_ecs_cluster" "c" { name = "c" }
resource "aws_ecs_cluster_capacity_providers" "c" {
  cluster_name       = aws_ecs_cluster.c.name
  capacity_providers = ["FARGATE"]
  dynamic "default_capacity_provider_strategy" {
    for_each = aws_sqs_queue.q.arn != "" ? ["FARGATE"] : []
    content {
      capacity_provider = default_capacity_provider_strategy.value
    }
  }
}
resource "aws_ecs_task_definition" "t" {
  family                   = "t"
  requires_compatibilities = ["EC2", "FARGATE"]
  cpu                      = "1024"
  memory                   = "2048"
  container_definitions    = "[]"
}
resource "aws_ecs_service" "default" {
  name            = "default"
  cluster         = aws_ecs_cluster.c.id
  task_definition = aws_ecs_task_definition.t.arn
  desired_count   = 3
}
resource "aws_ecs_service" "written" {
  name            = "written"
  cluster         = aws_ecs_cluster.c.id
  task_definition = aws_ecs_task_definition.t.arn
  launch_type     = aws_sqs_queue.q.arn != "" ? "FARGATE" : "EC2"
  desired_count   = 3
}
"""


def test_where_tasks_run_written_unknown_in_code_is_unpriced_not_ec2(tmp_path: Path) -> None:
    report = check_sides(tmp_path, {}, {"main.tf": _CODE})
    rows = {r["address"]: r for r in report["resources"]}
    for address in ("aws_ecs_service.default", "aws_ecs_service.written"):
        assert rows[address]["status"] == "unpriced", address
        assert rows[address]["monthly_after"] is None


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("memory_size", "the function's memory_size is unknown until apply"),
        ("architectures", "the function's architectures is unknown until apply"),
    ],
)
def test_provisioned_concurrency_of_a_function_written_unknown_is_unpriced(
    tmp_path: Path, written: str, reason: str
) -> None:
    # a memory_size written from another resource read as unset: AWS's default 128 MB
    function = {"function_name": "api", "memory_size": 512, "architectures": ["arm64"]}
    del function[written]
    plan = _plan(
        tmp_path,
        [
            (
                "aws_lambda_function.api",
                function,
                {written: _ref("aws_ssm_parameter.p.value", "aws_ssm_parameter.p")},
            ),
            (
                "aws_lambda_provisioned_concurrency_config.api",
                {"function_name": "api", "qualifier": "1", "provisioned_concurrent_executions": 5},
                {
                    "function_name": _ref(
                        "aws_lambda_function.api.function_name", "aws_lambda_function.api"
                    )
                },
            ),
        ],
        unknown={"aws_lambda_function.api": [written]},
    )
    side = _price(plan["aws_lambda_provisioned_concurrency_config.api"])
    assert side.status is Status.UNPRICED and side.monthly is None
    assert reason in (side.reason or "")


# https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html:
# the provider with a base runs that many tasks first, the rest split by weight
@pytest.mark.parametrize(
    ("strategy", "tasks", "on_fargate"),
    [
        ([("FARGATE", 0, 1), ("asg-cp", 0, 1)], 4, Decimal(2)),
        ([("FARGATE", 2, 1), ("asg-cp", 0, 3)], 6, Decimal(3)),  # 2 + 4 x 1/4
        ([("asg-cp", 2, 1), ("FARGATE", 0, 4)], 7, Decimal(4)),  # 5 x 4/5
        ([("asg-cp", 5, 1), ("FARGATE", 0, 1)], 3, Decimal(0)),  # all in the EC2 base
        ([("FARGATE", 0, 1), ("asg-cp", 0, 2)], 2, Decimal(2) / 3),  # the weighted share
    ],
)
def test_a_fargate_and_ec2_strategy_prices_the_fargate_share(
    tmp_path: Path, strategy: list[tuple[str, int, int]], tasks: int, on_fargate: Decimal
) -> None:
    either = {**TASK, "requires_compatibilities": ["EC2", "FARGATE"]}
    entries = [{"capacity_provider": p, "base": b, "weight": w} for p, b, w in strategy]
    side = _service(
        tmp_path, {"desired_count": tasks, "capacity_provider_strategy": entries}, either
    )
    assert side.status is Status.PRICED, side.reason
    expected = on_fargate * 730 * (VCPU + 2 * GB)
    assert side.monthly is not None and abs(side.monthly - expected) < Decimal("0.000001")
    assert any("billed on the instances" in line.name for line in side.lines)


@pytest.mark.parametrize(
    ("strategy", "why"),
    [
        ([("FARGATE", 0, 0), ("asg-cp", 0, 0)], "weight above 0"),
        ([("FARGATE", 1, 1), ("asg-cp", 1, 1)], "more than one capacity provider"),
    ],
)
def test_a_fargate_and_ec2_strategy_ecs_refuses_is_unpriced(
    tmp_path: Path, strategy: list[tuple[str, int, int]], why: str
) -> None:
    either = {**TASK, "requires_compatibilities": ["EC2", "FARGATE"]}
    entries = [{"capacity_provider": p, "base": b, "weight": w} for p, b, w in strategy]
    side = _service(tmp_path, {"desired_count": 3, "capacity_provider_strategy": entries}, either)
    assert side.status is Status.UNPRICED and why in (side.reason or "")


def test_a_mixed_strategy_with_a_weight_known_after_apply_is_unpriced(tmp_path: Path) -> None:
    code = (
        'provider "aws" {\n  region = "us-east-1"\n}\n'
        'data "aws_ssm_parameter" "w" {\n  name = "w"\n}\n'
        'resource "aws_ecs_task_definition" "api" {\n  family = "api"\n'
        '  requires_compatibilities = ["EC2", "FARGATE"]\n  network_mode = "awsvpc"\n'
        '  cpu = 1024\n  memory = 2048\n  container_definitions = "[]"\n}\n'
        'resource "aws_ecs_service" "api" {\n  name = "api"\n'
        "  task_definition = aws_ecs_task_definition.api.arn\n  desired_count = 4\n"
        '  capacity_provider_strategy {\n    capacity_provider = "FARGATE"\n'
        "    weight = data.aws_ssm_parameter.w.value\n  }\n"
        '  capacity_provider_strategy {\n    capacity_provider = "asg-cp"\n    weight = 1\n  }\n}\n'
    )
    doc = check_sides(tmp_path, {}, {"main.tf": code})
    found = {r["address"]: r for r in doc["resources"]}["aws_ecs_service.api"]
    assert found["status"] == "unpriced"
    assert "capacity_provider_strategy.0.weight is unknown until apply" in found["reason"]
    known = check_sides(
        tmp_path / "k", {}, {"main.tf": code.replace("data.aws_ssm_parameter.w.value", "1")}
    )
    found = {r["address"]: r for r in known["resources"]}["aws_ecs_service.api"]
    assert Decimal(found["monthly_after"]) == (2 * 730 * (VCPU + 2 * GB)).quantize(Decimal("0.01"))
