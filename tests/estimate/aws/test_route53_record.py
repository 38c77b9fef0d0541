"""aws_route53_record: queries by routing policy (https://aws.amazon.com/route53/pricing/)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from tests.sides import check_sides

_TF = """
provider "aws" { region = "us-east-1" }
resource "aws_route53_record" "by_ip" {
  zone_id        = "Z1"
  name           = "app"
  type           = "A"
  ttl            = 60
  records        = ["192.0.2.1"]
  set_identifier = "isp-a"
  cidr_routing_policy {
    collection_id = "c-1"
    location_name = "isp-a"
  }
}
resource "aws_route53_record" "simple" {
  zone_id = "Z1"
  name    = "www"
  type    = "A"
  ttl     = 60
  records = ["192.0.2.2"]
}
"""


def test_ip_based_routing_queries_are_unpriced_never_the_standard_rate(tmp_path: Path) -> None:
    queries = {"monthly_standard_queries": 10_000_000}
    usage = {"aws_route53_record.by_ip": queries, "aws_route53_record.simple": queries}
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    report = check_sides(tmp_path, {}, {"main.tf": _TF, ".finops-gate.yml": config})
    rows = {r["address"]: r for r in report["resources"]}
    # was 10 x $0.40 = $4.00; AWS bills IP-based routing queries at $0.80 per 1M, no rate here
    by_ip = rows["aws_route53_record.by_ip"]
    assert by_ip["status"] == "unpriced" and by_ip["monthly_after"] is None
    assert "IP-based routing queries" in by_ip["reason"]
    # a simple record: 10M standard queries x $0.40 per 1M
    assert Decimal(rows["aws_route53_record.simple"]["monthly_after"]) == Decimal("4")
