"""A bool argument written in quotes ("true", "false") is the switch Terraform makes of it.

Terraform converts ``cache_cluster_enabled = "true"`` to true; the ``.tf`` reader keeps the
string, which the mappers compared with ``is True``: an API Gateway cache cluster was priced $0
(https://aws.amazon.com/api-gateway/pricing/), an Origin Shield left out
(https://aws.amazon.com/cloudfront/pricing/).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from finops_gate.estimate.aws._common import NotABoolean, as_bool, is_off, is_on
from tests.sides import check_sides

_TF = """
provider "aws" { region = "us-east-1" }
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = "abc"
  deployment_id         = "def"
  stage_name            = "prod"
  cache_cluster_enabled = "true"
}
resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin {
    domain_name = "origin.example.com"
    origin_id   = "o"
    origin_shield {
      enabled              = "true"
      origin_shield_region = "sa-east-1"
    }
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "o"
    viewer_protocol_policy = "allow-all"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
"""


def test_quoted_true_turns_a_priced_feature_on(tmp_path: Path) -> None:
    report = check_sides(tmp_path, {}, {"main.tf": _TF})
    rows = {r["address"]: r for r in report["resources"]}
    # 730 h x $0.02 for the default 0.5 GB cache
    assert Decimal(rows["aws_api_gateway_stage.prod"]["monthly_after"]) == Decimal("14.6")
    names = [x["name"] for x in rows["aws_cloudfront_distribution.cdn"]["lines"]]
    assert "Origin shield HTTP requests (sa-east-1)" in names


def test_quoted_false_turns_firehose_format_conversion_off(tmp_path: Path) -> None:
    # "false" in quotes was not False: format conversion was billed per GB ingested
    tf = """
provider "aws" { region = "eu-west-2" }
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  name        = "logs"
  destination = "extended_s3"
  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose"
    bucket_arn = "arn:aws:s3:::logs"
    data_format_conversion_configuration {
      enabled = "false"
    }
  }
}
"""
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    (row,) = report["resources"]
    assert "Format conversion" not in [x["name"] for x in row["lines"]]


def test_a_switch_reads_as_terraform_converts_it() -> None:
    # terraform: tobool("1") is true, tobool("0") false; "TRUE", "yes" and the number 1 are
    # refused, so they are neither on nor off (flag() names them; never read as off)
    assert [as_bool(v) for v in (True, False, "true", "1", "false", "0")] == [
        True,
        False,
        True,
        True,
        False,
        False,
    ]
    assert [as_bool(v) for v in ("TRUE", "yes", 1, 0, None, "")] == [None] * 6
    assert is_on("1", "a") and is_off("0", "a") and not is_on(None, "a") and not is_off(None, "a")
    # a set value Terraform refuses is neither: the side is unpriced naming it, as flag() does
    for value in ("TRUE", "yes", 1, "Infinity", "x" * 1000):
        with pytest.raises(NotABoolean, match="fifo_queue is"):
            is_on(value, "fifo_queue")
        with pytest.raises(NotABoolean, match="fifo_queue is"):
            is_off(value, "fifo_queue")


def _row(tmp_path: Path, tf: str) -> dict[str, Any]:
    report = check_sides(
        tmp_path, {}, {"main.tf": 'provider "aws" { region = "us-east-1" }\n' + tf}
    )
    (row,) = report["resources"]
    return dict(row)


def test_a_switch_terraform_refuses_leaves_the_side_unpriced_naming_it(tmp_path: Path) -> None:
    # is_on read "yes" as off, silently: a FIFO queue priced as "Requests (standard)", an
    # accelerated VPN at $73 (two tunnels) instead of $109.50, the accelerators left out
    row = _row(tmp_path, 'resource "aws_sqs_queue" "q" {\n  fifo_queue = "yes"\n}\n')
    assert row["status"] == "unpriced" and row["monthly_after"] is None
    assert "fifo_queue is 'yes', not true or false" in row["reason"]
    vpn = (
        'resource "aws_vpn_connection" "v" {\n  customer_gateway_id = "cgw-1"\n'
        '  transit_gateway_id = "tgw-1"\n  type = "ipsec.1"\n  enable_acceleration = "yes"\n}\n'
    )
    row = _row(tmp_path / "vpn", vpn)
    assert row["status"] == "unpriced" and row["monthly_after"] is None
    assert "enable_acceleration is 'yes', not true or false" in row["reason"]
    row = _row(tmp_path / "on", vpn.replace('"yes"', "true"))
    assert row["status"] == "priced"


def test_quoted_switches_of_an_instance_and_its_launch_template_are_read(tmp_path: Path) -> None:
    # an instance's "true" monitoring, public address and EBS-optimized fee (a previous-
    # generation r3) and a launch template's "1" public address were read as off
    tf = """
provider "aws" { region = "us-east-1" }
resource "aws_instance" "old" {
  ami                         = "ami-1"
  instance_type               = "r3.xlarge"
  monitoring                  = "true"
  associate_public_ip_address = "true"
  ebs_optimized               = "true"
  root_block_device {
    volume_size = 8
    volume_type = "gp3"
  }
}
resource "aws_launch_template" "lt" {
  image_id      = "ami-1"
  instance_type = "t3.micro"
  network_interfaces {
    associate_public_ip_address = "1"
  }
}
resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.lt.id
  }
  root_block_device {
    volume_size = 8
    volume_type = "gp3"
  }
}
"""
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    rows = {r["address"]: r for r in report["resources"]}
    names = [x["name"] for x in rows["aws_instance.old"]["lines"]]
    assert "EC2 detailed monitoring" in names
    assert "Public IPv4 address" in names
    assert "EBS-optimized usage (r3.xlarge)" in names
    names = [x["name"] for x in rows["aws_instance.from_template"]["lines"]]
    assert "Public IPv4 address" in names
