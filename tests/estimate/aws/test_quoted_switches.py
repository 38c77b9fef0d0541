"""A bool argument written in quotes ("true", "false") is the switch Terraform makes of it.

Terraform converts ``cache_cluster_enabled = "true"`` to true; the ``.tf`` reader keeps the
string, which the mappers compared with ``is True``: an API Gateway cache cluster was priced $0
(https://aws.amazon.com/api-gateway/pricing/), an Origin Shield left out
(https://aws.amazon.com/cloudfront/pricing/).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

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
