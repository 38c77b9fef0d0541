"""A usage value written where a number goes but holding none is said to be ignored.

The config schema takes words for every usage key (``min``, ``1_year``); a mapper reading a
count reads a word as not given. Before, ``new_connections: abc`` left the capacity-unit line
"depends on usage" with no word that the value given was thrown away.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.sides import check_sides

_TF = """
provider "aws" { region = "us-east-1" }
resource "aws_lb" "web" {
  name = "web"
}
resource "aws_route53_health_check" "site" {
  type              = "HTTP"
  fqdn              = "example.com"
  port              = 80
  resource_path     = "/"
  failure_threshold = 3
}
"""


def test_a_word_given_for_a_count_is_noted_as_ignored_naming_it(tmp_path: Path) -> None:
    usage = {
        "aws_lb.web": {"new_connections": "many", "processed_bytes_gb": True},
        # a word is this key's answer: read as text, never said to be ignored
        "aws_route53_health_check.site": {"endpoint_type": "non_aws"},
    }
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    report = check_sides(tmp_path, {}, {"main.tf": _TF, ".finops-gate.yml": config})
    notes = [n for n in report["notes"] if "is not a number" in n]
    assert notes == [
        "aws_lb.web: usage key 'new_connections' (usage.terraform.resource_usage.aws_lb.web)"
        " is ignored: 'many' is not a number",
        "aws_lb.web: usage key 'processed_bytes_gb' (usage.terraform.resource_usage.aws_lb.web)"
        " is ignored: True is not a number",
    ]
    row = next(r for r in report["resources"] if r["address"] == "aws_lb.web")
    lcu = next(x for x in row["lines"] if x["name"] == "Load balancer capacity units")
    assert lcu["monthly_quantity"] is None  # still not priced from a word
