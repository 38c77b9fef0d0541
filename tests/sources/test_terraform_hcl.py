from __future__ import annotations

from pathlib import Path

import pytest

from finops_gate.config import Settings
from finops_gate.errors import InputError
from finops_gate.model import UNREAD_MODULE, Resource
from finops_gate.sources.terraform_hcl import load
from finops_gate.sources.tree import Tree

MAIN = """
variable "region" { default = "us-east-1" }
variable "size" {}
locals { env = "prod" }

provider "aws" {
  region = var.region
  default_tags { tags = { "finops:team" = "payments" } }
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_instance" "web" {
  count         = 2
  instance_type = var.size
  ami           = data.aws_ami.ubuntu.id
  tags          = { Name = "web-${local.env}-${count.index}" }
}

resource "aws_ebs_volume" "data" {
  provider = aws.west
  for_each = toset(["a", "b"])
  size     = 100
  type     = "gp3"
  tags     = { Disk = each.key }
}

resource "aws_instance" "dyn" {
  count         = length(var.zones)
  instance_type = "t3.micro"
}

module "api" {
  source = "./modules/api"
  type   = "m5.large"
}

module "remote" {
  source = "terraform-aws-modules/vpc/aws"
}

data "aws_ami" "ubuntu" {
  most_recent = true
}
"""

MODULE = """
variable "type" {}
resource "aws_instance" "this" {
  instance_type = var.type
}
"""


def _tree(tmp_path: Path) -> dict[str, Resource]:
    (tmp_path / "modules" / "api").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "terraform.tfvars").write_text('size = "m5.xlarge"\n')
    (tmp_path / "modules" / "api" / "main.tf").write_text(MODULE)
    return {r.address: r for r in load(Tree(tmp_path), Settings())}


def test_count_expands_with_tfvars_values_and_count_index(tmp_path: Path) -> None:
    res = _tree(tmp_path)
    web = res["aws_instance.web[1]"]
    assert web.attributes["instance_type"] == "m5.xlarge"
    assert web.tags == {"finops:team": "payments", "Name": "web-prod-1"}
    assert web.region == "us-east-1" and web.file == "main.tf" and web.line == 15


def test_for_each_keys_and_provider_alias_region(tmp_path: Path) -> None:
    res = _tree(tmp_path)
    assert res['aws_ebs_volume.data["b"]'].region == "us-west-2"
    assert res['aws_ebs_volume.data["b"]'].tags == {"Disk": "b"}  # the alias has no default_tags


def test_references_terraform_resolves_at_apply_stay_unknown(tmp_path: Path) -> None:
    web = _tree(tmp_path)["aws_instance.web[0]"]
    assert "ami" in web.unknown and web.attributes["ami"] is None


def test_an_unknowable_count_is_one_unknown_resource(tmp_path: Path) -> None:
    dyn = _tree(tmp_path)["aws_instance.dyn"]
    assert dyn.unknown == {"count"}


def test_local_modules_expand_under_their_address_and_remote_ones_are_one_row(
    tmp_path: Path,
) -> None:
    res = _tree(tmp_path)
    child = res["module.api.aws_instance.this"]
    assert child.attributes["instance_type"] == "m5.large"
    assert child.file == "modules/api/main.tf" and child.region == "us-east-1"
    # a registry module: one row saying its resources are not in the code (priced unpriced)
    remote = [r for a, r in res.items() if a.startswith("module.remote")]
    assert [r.address for r in remote] == ["module.remote"]
    assert "terraform init" in remote[0].attributes[UNREAD_MODULE]
    assert not any(a.startswith("aws_instance.this") for a in res)  # not a root module


def test_broken_hcl_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_instance" "x" {\n  ami = \n')
    with pytest.raises(InputError, match=r"^main\.tf(:\d+)?: not valid HCL"):
        load(Tree(tmp_path), Settings())
