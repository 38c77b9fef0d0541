"""A launch template argument written with a value known only after apply (another resource's
attribute): the instances, groups and node groups that run it never read it as left unset."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.estimate.aws.linked_plan import _plan, _price, _ref
from tests.sides import check_sides

_TF = """
provider "aws" { region = "us-east-1" }
resource "aws_sqs_queue" "q" {}
resource "aws_launch_template" "typed" {
  name          = "typed"
  image_id      = "ami-123"
  instance_type = aws_sqs_queue.q.arn != "" ? "m5.large" : "t3.micro"
}
resource "aws_launch_template" "watched" {
  name          = "watched"
  image_id      = "ami-123"
  instance_type = "m5.large"
  monitoring {
    enabled = aws_sqs_queue.q.arn != ""
  }
}
resource "aws_autoscaling_group" "g" {
  min_size           = 2
  max_size           = 4
  availability_zones = ["us-east-1a"]
  launch_template {
    id = aws_launch_template.typed.id
  }
}
resource "aws_eks_node_group" "n" {
  cluster_name    = "c"
  node_group_name = "n"
  node_role_arn   = "arn:aws:iam::1:role/r"
  subnet_ids      = ["subnet-a"]
  scaling_config {
    desired_size = 2
    max_size     = 2
    min_size     = 2
  }
  launch_template {
    id      = aws_launch_template.typed.id
    version = "1"
  }
}
resource "aws_instance" "i" {
  launch_template {
    id = aws_launch_template.watched.id
  }
}
"""


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        # was "the launch template sets no instance_type"
        ("aws_autoscaling_group.g", "the launch template's instance_type is unknown until apply"),
        # was priced as EKS's default t3.medium
        ("aws_eks_node_group.n", "the launch template's instance_type is unknown until apply"),
        # was priced without detailed monitoring, as if off
        ("aws_instance.i", "the launch template's monitoring is unknown until apply"),
    ],
)
def test_a_template_argument_written_unknown_is_never_read_as_unset(
    tmp_path: Path, address: str, reason: str
) -> None:
    report = check_sides(tmp_path, {}, {"main.tf": _TF})
    row = {r["address"]: r for r in report["resources"]}[address]
    assert row["status"] == "unpriced" and row["monthly_after"] is None
    assert reason in row["reason"]


def test_a_planned_template_whose_instance_type_is_written_unknown_leaves_the_group_unpriced(
    tmp_path: Path,
) -> None:
    plan = _plan(
        tmp_path,
        [
            (
                "aws_launch_template.t",
                {"name": "t", "image_id": "ami-123"},
                {"instance_type": _ref("aws_sqs_queue.q.arn", "aws_sqs_queue.q")},
            ),
            (
                "aws_autoscaling_group.g",
                {"min_size": 2, "max_size": 4, "launch_template": [{"name": "t"}]},
                {
                    "launch_template": [
                        {"id": _ref("aws_launch_template.t.id", "aws_launch_template.t")}
                    ]
                },
            ),
        ],
        unknown={"aws_launch_template.t": ["instance_type", "id"]},
    )
    side = _price(plan["aws_autoscaling_group.g"])
    assert side.monthly is None
    assert "the launch template's instance_type is unknown until apply" in str(side.reason)
