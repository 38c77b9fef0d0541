"""The `.tf` reader joins what a price depends on like the plan reader does: launch templates,
autoscaling targets, task definitions, subscriptions (within one module)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from finops_gate.config import Settings
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from finops_gate.sources import terraform_hcl
from finops_gate.sources.tree import Tree
from tests.estimate.aws.plan_fixture import CATALOGS

PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'


def _load(tmp_path: Path, code: str) -> dict[str, Resource]:
    (tmp_path / "main.tf").write_text(PROVIDER + code, encoding="utf-8")
    return {r.address: r for r in terraform_hcl.load(Tree(tmp_path), Settings())}


def test_a_group_reads_its_launch_template_from_the_code(tmp_path: Path) -> None:
    found = _load(
        tmp_path,
        """
resource "aws_launch_template" "web" {
  instance_type = "t2.medium"
  block_device_mappings {
    device_name = "xvdf"
    ebs {
      volume_size = 20
      volume_type = "io1"
      iops        = 200
    }
  }
}
resource "aws_autoscaling_group" "web" {
  desired_capacity = 2
  min_size         = 1
  max_size         = 3
  launch_template {
    id = aws_launch_template.web.id
  }
}
resource "aws_autoscaling_group" "elsewhere" {
  desired_capacity = 2
  min_size         = 1
  max_size         = 3
  launch_template {
    id = var.template_id
  }
}
variable "template_id" {
  type = string
}
""",
    )
    side = price_side(found["aws_autoscaling_group.web"], UsageFile(), CATALOGS)
    assert side.status is Status.PRICED
    io1 = next(x for x in side.lines if "io1" in x.name)
    assert (io1.monthly_quantity, io1.unit_price) == (40, Decimal("0.125"))
    outside = price_side(found["aws_autoscaling_group.elsewhere"], UsageFile(), CATALOGS)
    assert outside.status is Status.UNPRICED and outside.monthly is None


def test_a_scaling_target_in_the_code_sets_the_tables_capacity(tmp_path: Path) -> None:
    found = _load(
        tmp_path,
        """
resource "aws_dynamodb_table" "t" {
  name           = "GameScores"
  billing_mode   = "PROVISIONED"
  read_capacity  = 30
  write_capacity = 20
  hash_key       = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
resource "aws_appautoscaling_target" "read" {
  min_capacity       = 5
  max_capacity       = 100
  resource_id        = "table/${aws_dynamodb_table.t.name}"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  service_namespace  = "dynamodb"
}
""",
    )
    side = price_side(found["aws_dynamodb_table.t"], UsageFile(), CATALOGS)
    lines = {x.name: x.monthly_quantity for x in side.lines}
    assert lines["Read capacity unit (RCU, autoscaling minimum)"] == 5 * 730
    assert lines["Write capacity unit (WCU)"] == 20 * 730


@pytest.mark.parametrize(
    "types", ['["t2.large", "t2.xlarge"]', "data.aws_ec2_instance_types.x.instance_types"]
)
def test_a_dynamic_override_block_is_not_read_as_no_override(tmp_path: Path, types: str) -> None:
    found = _load(
        tmp_path,
        """
resource "aws_launch_template" "web" {
  instance_type = "t2.medium"
}
resource "aws_autoscaling_group" "mixed" {
  desired_capacity = 3
  min_size         = 1
  max_size         = 5
  mixed_instances_policy {
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.web.id
      }
      dynamic "override" {
        for_each = TYPES
        content {
          instance_type = override.value
        }
      }
    }
  }
}
""".replace("TYPES", types),
    )
    side = price_side(found["aws_autoscaling_group.mixed"], UsageFile(), CATALOGS)
    if types.startswith("["):
        # expanded: the first override's type, t2.large $0.0928/h x 3 x 730
        assert side.status is Status.PRICED and side.monthly == Decimal("203.232")
    else:
        assert side.status is Status.UNPRICED and "dynamic" in (side.reason or "")


def test_code_that_writes_the_join_key_itself_is_not_believed(tmp_path: Path) -> None:
    found = _load(
        tmp_path,
        """
resource "aws_autoscaling_group" "web" {
  desired_capacity = 2
  min_size         = 1
  max_size         = 3
  _related = {
    launch_template = { instance_type = "t3.nano" }
  }
}
""",
    )
    side = price_side(found["aws_autoscaling_group.web"], UsageFile(), CATALOGS)
    assert side.status is Status.UNPRICED and side.monthly is None


def test_a_template_named_through_a_local_is_joined_by_its_name(tmp_path: Path) -> None:
    found = _load(
        tmp_path,
        """
locals {
  template_name = "web-lt"
}
resource "aws_launch_template" "web" {
  name          = local.template_name
  instance_type = "t2.medium"
}
resource "aws_launch_template" "other" {
  name          = "other"
  instance_type = "m5.4xlarge"
}
resource "aws_autoscaling_group" "web" {
  desired_capacity = 2
  min_size         = 1
  max_size         = 3
  launch_template {
    name = local.template_name
  }
}
resource "aws_launch_template" "twin_a" {
  name          = "twin"
  instance_type = "t2.medium"
}
resource "aws_launch_template" "twin_b" {
  name          = "twin"
  instance_type = "m5.large"
}
resource "aws_autoscaling_group" "twins" {
  desired_capacity = 1
  min_size         = 1
  max_size         = 1
  launch_template {
    name = "twin"
  }
}
resource "aws_autoscaling_group" "nowhere" {
  desired_capacity = 2
  min_size         = 1
  max_size         = 3
  launch_template {
    name = "not-in-this-code"
  }
}
""",
    )
    side = price_side(found["aws_autoscaling_group.web"], UsageFile(), CATALOGS)
    assert side.status is Status.PRICED
    assert side.lines[0].name == "Instance usage (Linux, on-demand, t2.medium)"
    assert side.monthly == 1460 * Decimal("0.0464")
    twins = price_side(found["aws_autoscaling_group.twins"], UsageFile(), CATALOGS)
    assert twins.status is Status.UNPRICED
    assert "aws_launch_template.twin_a, aws_launch_template.twin_b" in (twins.reason or "")
    nowhere = price_side(found["aws_autoscaling_group.nowhere"], UsageFile(), CATALOGS)
    assert nowhere.status is Status.UNPRICED and "not in the plan" in (nowhere.reason or "")
