"""A value a resource is priced by that lives on a joined resource (a global-table replica's
table, an ECS service's task definition), written with a value known only after apply: the
join carries the marker (WRITTEN_UNKNOWN), so the line is unpriced naming it, never priced at
the default for leaving it unset (a PROVISIONED table) nor called "not set"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sides import check_sides

AWS = (
    'provider "aws" {\n  region = "us-east-2"\n}\ndata "aws_ssm_parameter" "p" {\n  name = "x"\n}\n'
)
LATER = "data.aws_ssm_parameter.p.value"


def _report(tmp_path: Path, body: str, region: str = "us-east-2") -> dict[str, dict[str, Any]]:
    # (the shipped catalogs hold replicated capacity in us-east-2, Fargate in us-east-1)
    code = AWS.replace("us-east-2", region) + body
    doc = check_sides(tmp_path, {}, {"main.tf": code})
    return {r["address"]: r for r in doc["resources"]}


TABLE = (
    'resource "aws_dynamodb_table" "t" {\n  name = "t"\n  hash_key = "id"\n'
    "  billing_mode = MODE\n  read_capacity = 5\n  write_capacity = 5\n"
    '  stream_enabled = true\n  stream_view_type = "NEW_AND_OLD_IMAGES"\n'
    '  attribute {\n    name = "id"\n    type = "S"\n  }\n}\n'
    'resource "aws_dynamodb_table_replica" "r" {\n'
    "  global_table_arn = aws_dynamodb_table.t.arn\n}\n"
)


def test_a_replica_of_a_table_whose_billing_mode_is_known_after_apply_is_unpriced(
    tmp_path: Path,
) -> None:
    # https://aws.amazon.com/dynamodb/pricing/: a replica bills the table's capacity mode
    found = _report(tmp_path, TABLE.replace("MODE", LATER))["aws_dynamodb_table_replica.r"]
    assert found["status"] == "unpriced", found
    assert "the table's billing_mode is unknown until apply" in found["reason"]
    known = _report(tmp_path / "k", TABLE.replace("MODE", '"PROVISIONED"'))
    assert known["aws_dynamodb_table_replica.r"]["status"] == "priced"


TASK = (
    'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n'
    '  requires_compatibilities = ["FARGATE"]\n  network_mode = "awsvpc"\n'
    '  cpu = CPU\n  memory = 512\n  container_definitions = "[]"\n}\n'
    'resource "aws_ecs_service" "s" {\n  name = "s"\n'
    '  task_definition = aws_ecs_task_definition.t.arn\n  launch_type = "FARGATE"\n'
    "  desired_count = 2\n}\n"
)


def test_a_task_size_known_after_apply_is_named_so_not_as_unset(tmp_path: Path) -> None:
    found = _report(tmp_path, TASK.replace("CPU", LATER), "us-east-1")["aws_ecs_service.s"]
    assert found["status"] == "unpriced"
    assert "the task definition's cpu is unknown until apply" in found["reason"]
    known = _report(tmp_path / "k", TASK.replace("CPU", "256"), "us-east-1")["aws_ecs_service.s"]
    assert known["status"] == "priced"
