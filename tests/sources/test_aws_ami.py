"""What an instance's AMI runs when AWS is not asked: the `.tf` reader settles it from the AMI
lookup's own arguments (filters, a publisher's naming scheme, a public SSM parameter), says so
among the assumptions, and otherwise bills Linux as an assumption, never silently."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.estimate.aws import launch_template
from finops_gate.sources import aws_ami


def _filters(**named: list[str]) -> dict[str, Any]:
    return {"filter": [{"name": k.replace("_", "-"), "values": v} for k, v in named.items()]}


@pytest.mark.parametrize(
    ("arguments", "details"),
    [
        (_filters(name=["Windows_Server-2022-English-Full-Base-*"]), "Windows"),
        (
            _filters(name=["Windows_Server-2019-English-Full-SQL_2019_Standard-*"]),
            "Windows with SQL Server Standard",
        ),
        (
            _filters(name=["Windows_Server-2022-English-Full-SQL_2022_Enterprise-*"]),
            "Windows with SQL Server Enterprise",
        ),
        (
            _filters(name=["Windows_Server-2016-English-Full-SQL_2017_Web-2024.*"]),
            "Windows with SQL Server Web",
        ),
        (_filters(name=["Windows_Server-2019-English-Full-SQL_2019_Express-*"]), "Windows"),
        # the edition left open: Windows, the least such an image costs
        (_filters(name=["Windows_Server-2019-English-Full-SQL_*"]), "Windows"),
        (_filters(name=["RHEL-9.*_HVM-*-x86_64-*-Hourly2-GP3"]), "Red Hat Enterprise Linux"),
        (_filters(name=["RHEL_HA-8.*"]), "Red Hat Enterprise Linux with HA"),
        (_filters(name=["RHEL-8.*-Access2-GP2"]), "Red Hat BYOL Linux"),
        (_filters(name=["suse-sles-15-sp5-v*-hvm-ssd-x86_64"]), "SUSE Linux"),
        (_filters(name=["suse-sles-15-sp5-byos-v*"]), "Linux/UNIX"),
        (_filters(name=["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]), "Linux/UNIX"),
        (
            _filters(name=["ubuntu-pro-server/images/hvm-ssd/ubuntu-jammy-22.04-amd64-pro-*"]),
            "Ubuntu Pro",
        ),
        (_filters(name=["al2023-ami-2023.*-x86_64", "amzn2-ami-hvm-*-x86_64-gp2"]), "Linux/UNIX"),
        (_filters(platform=["windows"]), "Windows"),
        (_filters(platform_details=["Red Hat Enterprise Linux"]), "Red Hat Enterprise Linux"),
        ({"name_regex": "^Windows_Server-2022-English-Full-Base-.*"}, "Windows"),
        # a filter that settles nothing beside one that does
        ({**_filters(name=["my-golden-image-*"], platform=["windows"])}, "Windows"),
    ],
)
def test_a_lookup_that_names_its_platform_is_read(arguments: dict[str, Any], details: str) -> None:
    found = aws_ami.platform_of("aws_ami", arguments)
    assert found is not None and found["platform_details"] == details
    assert found[aws_ami.INFERRED_KEY]  # says what it was read from


@pytest.mark.parametrize(
    "arguments",
    [
        {},
        _filters(name=["my-golden-image-*"]),
        _filters(name=["*"]),
        _filters(name=["*Windows*"]),  # no literal start: a guess, not a scheme
        _filters(virtualization_type=["hvm"], architecture=["x86_64"]),
        # filters that disagree settle nothing
        _filters(name=["Windows_Server-2022-English-Full-Base-*"], platform_details=["Linux/UNIX"]),
        _filters(name=["Windows_Server-2022-English-Full-Base-*", "al2023-ami-*"]),
        _filters(platform=["windows", "linux"]),
        {"filter": [{"name": "name", "values": "not a list"}], "name_regex": 7},
        {"filter": "garbage"},
    ],
)
def test_a_lookup_that_does_not_settle_it_says_nothing(arguments: dict[str, Any]) -> None:
    assert aws_ami.platform_of("aws_ami", arguments) is None


@pytest.mark.parametrize(
    ("name", "details"),
    [
        ("/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base", "Windows"),
        (
            "/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-SQL_2019_Standard",
            "Windows with SQL Server Standard",
        ),
        ("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", "Linux/UNIX"),
        ("/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id", "Linux/UNIX"),
        (
            "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
            "Linux/UNIX",
        ),
        ("/aws/service/ami-windows-latest/TPM-Windows_Server-2022-English-Full-Base", None),
        ("/my-team/golden-ami", None),
    ],
)
def test_a_public_ssm_parameter_names_its_family(name: str, details: str | None) -> None:
    found = aws_ami.platform_of("aws_ssm_parameter", {"name": name})
    assert (found or {}).get("platform_details") == details


def test_the_readers_and_the_mappers_agree_on_the_key() -> None:
    assert launch_template.INFERRED_KEY == aws_ami.INFERRED_KEY


_INSTANCE = """
provider "aws" { region = "us-east-1" }
%s
resource "aws_instance" "vm" {
  ami           = %s
  instance_type = "t3.medium"
}
"""
_WINDOWS = """
data "aws_ami" "img" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["Windows_Server-2022-English-Full-Base-*"]
  }
}
"""


def _check(tmp_path: Path, head: str, *extra: str, usage: str | None = None) -> dict[str, Any]:
    (tmp_path / "base").mkdir(exist_ok=True)
    (tmp_path / "base" / "main.tf").write_text('provider "aws" { region = "us-east-1" }\n')
    (tmp_path / "head").mkdir(exist_ok=True)
    (tmp_path / "head" / "main.tf").write_text(head)
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    if usage is not None:
        for side in ("base", "head"):
            (tmp_path / side / ".finops-gate.yml").write_text(usage)
    result = CliRunner().invoke(main, [*args, "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def _said(doc: dict[str, Any], address: str) -> list[str]:
    return [
        a["value"]
        for a in doc["assumptions"]
        if a["subject"] == address and a["key"] == "operating_system"
    ]


def _row(doc: dict[str, Any], address: str) -> dict[str, Any]:
    return next(r for r in doc["resources"] if r["address"] == address)


def test_a_windows_lookup_in_code_bills_windows_and_says_why(tmp_path: Path) -> None:
    doc = _check(tmp_path, _INSTANCE % (_WINDOWS, "data.aws_ami.img.id"))
    row = _row(doc, "aws_instance.vm")
    # the Windows rate of the shipped catalog (t3.medium), never the Linux one
    line = row["lines"][0]
    assert line["name"] == "Instance usage (Windows, on-demand, t3.medium)"
    assert row["status"] == "priced"
    (said,) = _said(doc, "aws_instance.vm")
    assert said.startswith("Windows") and "Windows_Server-2022-English-Full-Base-*" in said


def test_usage_operating_system_overrides_what_the_code_suggests(tmp_path: Path) -> None:
    usage = (
        "version: 1\nusage:\n  terraform:\n    resource_usage:\n"
        "      aws_instance.vm:\n        operating_system: linux\n"
    )
    doc = _check(tmp_path, _INSTANCE % (_WINDOWS, "data.aws_ami.img.id"), usage=usage)
    line = _row(doc, "aws_instance.vm")["lines"][0]
    assert line["name"] == "Instance usage (Linux, on-demand, t3.medium)"
    assert _said(doc, "aws_instance.vm") == ["linux"]  # the usage value, listed as such


@pytest.mark.parametrize(
    ("lookup", "ami"),
    [
        ("", '"ami-0123456789abcdef0"'),  # a literal id: what it runs is AWS's to say
        ('data "aws_ami" "img" {\n  owners = ["self"]\n  name_regex = "^golden-"\n}\n',
         "data.aws_ami.img.id"),
        ('variable "ami" {}\n', "var.ami"),
    ],
)  # fmt: skip
def test_an_ami_nothing_describes_is_billed_linux_as_an_assumption(
    tmp_path: Path, lookup: str, ami: str
) -> None:
    doc = _check(tmp_path, _INSTANCE % (lookup, ami))
    line = _row(doc, "aws_instance.vm")["lines"][0]
    assert line["name"] == "Instance usage (Linux, on-demand, t3.medium)"
    (said,) = _said(doc, "aws_instance.vm")
    assert said.startswith("Linux") and "operating_system" in said


def test_an_autoscaling_group_takes_its_templates_lookup(tmp_path: Path) -> None:
    head = """
provider "aws" { region = "us-east-1" }
data "aws_ssm_parameter" "win" {
  name = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base"
}
resource "aws_launch_template" "lt" {
  image_id      = data.aws_ssm_parameter.win.value
  instance_type = "t3.medium"
}
resource "aws_autoscaling_group" "g" {
  min_size         = 2
  max_size         = 4
  desired_capacity = 2
  launch_template {
    id = aws_launch_template.lt.id
  }
}
"""
    doc = _check(tmp_path, head)
    row = _row(doc, "aws_autoscaling_group.g")
    names = [line["name"] for line in row["lines"]]
    assert any("Windows, on-demand, t3.medium" in n for n in names), names
    (said,) = _said(doc, "aws_autoscaling_group.g")
    assert "/aws/service/ami-windows-latest/" in said


def test_a_lookup_in_a_module_joins_within_that_module(tmp_path: Path) -> None:
    head = """
provider "aws" { region = "us-east-1" }
module "app" {
  source = "./app"
}
data "aws_ami" "img" {
  filter {
    name   = "name"
    values = ["al2023-ami-*"]
  }
}
"""
    (tmp_path / "head" / "app").mkdir(parents=True)
    (tmp_path / "head" / "app" / "main.tf").write_text(
        _INSTANCE.replace('provider "aws" { region = "us-east-1" }', "")
        % (_WINDOWS, "data.aws_ami.img.id")
    )
    doc = _check(tmp_path, head)
    line = _row(doc, "module.app.aws_instance.vm")["lines"][0]
    assert line["name"] == "Instance usage (Windows, on-demand, t3.medium)"


def test_an_eks_node_group_on_a_custom_ami_takes_its_platform(tmp_path: Path) -> None:
    head = """
provider "aws" { region = "us-east-1" }
%s
resource "aws_launch_template" "lt" {
  image_id      = data.aws_ami.img.id
  instance_type = "t3.medium"
}
resource "aws_eks_node_group" "ng" {
  cluster_name  = "c"
  node_role_arn = "arn:aws:iam::1:role/n"
  subnet_ids    = ["s"]
  %s
  launch_template {
    id      = aws_launch_template.lt.id
    version = "1"
  }
  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
}
"""
    doc = _check(tmp_path, head % (_WINDOWS, 'ami_type = "CUSTOM"'))
    row = _row(doc, "aws_eks_node_group.ng")
    assert "Windows, on-demand, t3.medium" in row["lines"][0]["name"]
    assert "Windows_Server-2022" in _said(doc, "aws_eks_node_group.ng")[0]
    # an EKS-optimized AMI type is Linux for a fact, whatever the template's image says
    (tmp_path / "eks").mkdir()
    doc = _check(tmp_path / "eks", head % (_WINDOWS, 'ami_type = "AL2023_x86_64_STANDARD"'))
    row = _row(doc, "aws_eks_node_group.ng")
    assert "Linux, on-demand, t3.medium" in row["lines"][0]["name"]
    assert _said(doc, "aws_eks_node_group.ng") == []
