"""``dynamic`` blocks in ``.tf`` code expand as Terraform expands them: one nested block per
element of their ``for_each`` (``iterator`` names the element; nested dynamic blocks too). One
whose ``for_each`` the code does not tell leaves the nested block unknown, never empty."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from finops_gate.config import Settings
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from finops_gate.sources.terraform_hcl import load
from finops_gate.sources.tree import Tree
from tests.sides import check_sides

_INSTANCE = """
provider "aws" { region = "us-east-1" }
variable "volumes" {
  default = {
    data = { size = %d, type = "gp3" }
    logs = { size = 50, type = "gp3" }
  }
}
resource "aws_instance" "db" {
  ami           = "ami-1"
  instance_type = "m5.large"
  root_block_device {
    volume_size = 20
    volume_type = "gp3"
  }
  dynamic "ebs_block_device" {
    for_each = var.volumes
    iterator = vol
    content {
      device_name = "/dev/sd${vol.key == "data" ? "f" : "g"}"
      volume_size = vol.value.size
      volume_type = vol.value.type
    }
  }
}
"""


def _check(tmp_path: Path, base: str, head: str) -> dict[str, Any]:
    return check_sides(tmp_path, {"main.tf": base}, {"main.tf": head})


def _load(root: Path) -> dict[str, Resource]:
    return {r.address: r for r in load(Tree(root), Settings())}


def test_dynamic_blocks_expand_with_their_iterator(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_INSTANCE % 100, encoding="utf-8")
    db = _load(tmp_path)["aws_instance.db"]
    assert db.attributes["ebs_block_device"] == [
        {"device_name": "/dev/sdf", "volume_size": 100, "volume_type": "gp3"},
        {"device_name": "/dev/sdg", "volume_size": 50, "volume_type": "gp3"},
    ]
    assert "dynamic" not in db.attributes and not db.unknown


def test_a_volume_in_a_dynamic_block_is_priced_and_its_change_is_the_delta(
    tmp_path: Path,
) -> None:
    doc = _check(tmp_path, _INSTANCE % 100, _INSTANCE % 300)
    (row,) = doc["resources"]
    assert (row["address"], row["action"], row["status"]) == ("aws_instance.db", "update", "priced")
    # m5.large $0.096/h x 730 = $70.08; gp3 $0.08/GB-month: 20 + 100 + 50 GB -> 20 + 300 + 50
    assert row["monthly_before"] == "83.68"
    assert row["monthly_after"] == "99.68"
    assert doc["totals"]["monthly_delta"] == "16"


def test_a_dynamic_block_whose_for_each_is_unknown_is_never_an_empty_list(
    tmp_path: Path,
) -> None:
    unknown = _INSTANCE.replace("for_each = var.volumes", "for_each = data.x.y.volumes")
    (tmp_path / "main.tf").write_text(unknown % 100, encoding="utf-8")
    db = _load(tmp_path)["aws_instance.db"]
    assert "ebs_block_device" in db.unknown
    doc = _check(tmp_path / "cli", _INSTANCE % 100, unknown % 100)
    (row,) = doc["resources"]
    assert row["action"] == "update" and row["status"] == "unpriced"
    assert "ebs_block_device" in row["reason"]


def test_nested_dynamic_blocks_and_static_blocks_of_the_same_name(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """
provider "aws" { region = "us-east-1" }
locals {
  rules = { web = [80, 443], ssh = [22] }
}
resource "aws_security_group" "sg" {
  ingress {
    from_port = 8080
  }
  dynamic "ingress" {
    for_each = local.rules
    content {
      description = ingress.key
      dynamic "port" {
        for_each = ingress.value
        content {
          number = port.value
          parent = ingress.key
        }
      }
    }
  }
}
""",
        encoding="utf-8",
    )
    sg = _load(tmp_path)["aws_security_group.sg"]
    assert sg.attributes["ingress"] == [
        {"from_port": 8080},
        {"description": "ssh", "port": [{"number": 22, "parent": "ssh"}]},
        {
            "description": "web",
            "port": [{"number": 80, "parent": "web"}, {"number": 443, "parent": "web"}],
        },
    ]


_TABLE = """
provider "aws" { region = "us-east-2" }
resource "aws_dynamodb_table" "t" {
  name           = "t"
  billing_mode   = "PROVISIONED"
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"
  dynamic "replica" {
    for_each = %s
    content {
      region_name = replica.value
    }
  }
}
"""


def test_a_table_whose_dynamic_replicas_are_unknown_is_unpriced_not_one_region(
    tmp_path: Path,
) -> None:
    """Each replica bills in its region: replicas the code does not list are not none.
    (The shipped catalog prices DynamoDB in us-east-2.)"""
    doc = _check(tmp_path, _TABLE % "[]", _TABLE % "data.aws_regions.all.names")
    (row,) = doc["resources"]
    assert row["action"] == "update" and row["status"] == "unpriced"
    assert "replica is unknown" in row["reason"]


def test_a_plan_instance_whose_ebs_block_device_the_provider_computes_is_priced() -> None:
    """A plan marks ``ebs_block_device`` unknown when the code leaves it unset (the AMI's
    mappings): that is no dynamic block the code does not tell."""
    instance = Resource(
        "aws_instance.x",
        "terraform",
        "aws_instance",
        "aws",
        "us-east-1",
        {
            "instance_type": "m5.large",
            "root_block_device": [{"volume_size": 8, "volume_type": "gp3"}],
        },
        unknown=frozenset({"ebs_block_device"}),
    )
    assert price_side(instance, UsageFile()).status is Status.PRICED


_GROUP = """
provider "aws" { region = "us-east-1" }
variable "create_template" {
  type    = bool
  default = true
}
variable "template_id" {
  type    = string
  default = null
}
locals {
  template_id = var.create_template ? aws_launch_template.this[0].id : var.template_id
}
resource "aws_launch_template" "this" {
  count         = var.create_template ? 1 : 0
  name_prefix   = "web-"
  image_id      = "ami-1"
  instance_type = "%s"
}
resource "aws_autoscaling_group" "this" {
  count            = 1
  min_size         = 1
  max_size         = 4
  desired_capacity = 2
  dynamic "launch_template" {
    for_each = [1]
    content {
      id      = local.template_id
      version = "$Latest"
    }
  }
}
"""


def test_a_group_joins_the_counted_template_a_literal_index_names(tmp_path: Path) -> None:
    """terraform-aws-autoscaling: ``aws_launch_template.this[0].id`` through a local, in a
    dynamic block; the template's instance type is what the group runs."""
    doc = _check(tmp_path, _GROUP % "m5.large", _GROUP % "m5.xlarge")
    group = next(r for r in doc["resources"] if r["kind"] == "aws_autoscaling_group")
    assert (group["action"], group["status"]) == ("update", "priced"), group["reason"]
    # 2 x 730 h x ($0.192 - $0.096)
    assert group["monthly_delta"] == "140.16"


def test_tf_json_dynamic_blocks_and_optional_defaults(tmp_path: Path) -> None:
    """The JSON syntax: ``"dynamic": {"name": {"for_each": ..., "content": {...}}}``, and a
    variable ``type`` given as a string."""
    doc = {
        "provider": {"aws": {"region": "us-east-1"}},
        "variable": {
            "volumes": {
                "type": 'map(object({size = number, type = optional(string, "gp3")}))',
                "default": {"data": {"size": 100}},
            }
        },
        "resource": {
            "aws_instance": {
                "db": {
                    "ami": "ami-1",
                    "instance_type": "m5.large",
                    "dynamic": {
                        "ebs_block_device": {
                            "for_each": "${var.volumes}",
                            "iterator": "vol",
                            "content": {
                                "device_name": "/dev/sdf",
                                "volume_size": "${vol.value.size}",
                                "volume_type": "${vol.value.type}",
                            },
                        }
                    },
                }
            }
        },
    }
    (tmp_path / "main.tf.json").write_text(json.dumps(doc), encoding="utf-8")
    db = _load(tmp_path)["aws_instance.db"]
    assert db.attributes["ebs_block_device"] == [
        {"device_name": "/dev/sdf", "volume_size": 100, "volume_type": "gp3"}
    ]


def test_nested_dynamic_blocks_are_bounded(tmp_path: Path) -> None:
    """Three nested levels of ``range(1000)`` would be a billion blocks: past the budget the
    block is unknown (the check stays quick), never a hang."""
    (tmp_path / "main.tf").write_text(
        """
provider "aws" { region = "us-east-1" }
resource "aws_instance" "x" {
  ami           = "ami-1"
  instance_type = "m5.large"
  dynamic "ebs_block_device" {
    for_each = range(1000)
    content {
      dynamic "b" {
        for_each = range(1000)
        content {
          dynamic "c" {
            for_each = range(1000)
            content {
              v = c.value
            }
          }
        }
      }
    }
  }
}
""",
        encoding="utf-8",
    )
    started = time.monotonic()
    found = _load(tmp_path)
    assert time.monotonic() - started < 30
    assert any(p.startswith("ebs_block_device") for p in found["aws_instance.x"].unknown)
