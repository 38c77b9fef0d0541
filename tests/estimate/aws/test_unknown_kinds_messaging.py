"""A queue, topic or API kind the code does not tell is unpriced, never the cheaper default.

https://aws.amazon.com/sqs/pricing/ and https://aws.amazon.com/sns/pricing/ bill FIFO and
standard requests at different rates; https://aws.amazon.com/api-gateway/pricing/ bills HTTP
APIs per request and WebSocket APIs per message and connection minute.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from tests.sides import check_sides

_TF = """
provider "aws" { region = "us-east-1" }
variable "fifo" { type = bool }
variable "protocol" { type = string }
resource "aws_sqs_queue" "jobs" {
  name       = "jobs"
  fifo_queue = var.fifo
}
resource "aws_sns_topic" "events" {
  name       = "events"
  fifo_topic = var.fifo
}
resource "aws_apigatewayv2_api" "api" {
  name          = "api"
  protocol_type = var.protocol
}
resource "aws_sqs_queue" "orders" {
  name       = "orders.fifo"
  fifo_queue = "true"
}
"""


def test_a_fifo_switch_or_protocol_known_only_after_apply_is_unpriced_naming_it(
    tmp_path: Path,
) -> None:
    usage = {
        "aws_sqs_queue.jobs": {"monthly_requests": 10_000_000},
        "aws_sns_topic.events": {"monthly_requests": 10_000_000},
        "aws_apigatewayv2_api.api": {"monthly_requests": 10_000_000},
        "aws_sqs_queue.orders": {"monthly_requests": 10_000_000},
    }
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    report = check_sides(tmp_path, {}, {"main.tf": _TF, ".finops-gate.yml": config})
    rows = {r["address"]: r for r in report["resources"]}
    # were priced as a standard queue ($4.00), a standard topic ($5.00) and an HTTP API ($10.00)
    for address, path in (
        ("aws_sqs_queue.jobs", "fifo_queue"),
        ("aws_sns_topic.events", "fifo_topic"),
        ("aws_apigatewayv2_api.api", "protocol_type"),
    ):
        assert rows[address]["status"] == "unpriced", address
        assert rows[address]["monthly_after"] is None, address
        assert f"{path} is unknown until apply" in rows[address]["reason"], address
    # "true" in quotes is a FIFO queue to Terraform: 10M requests x $0.50 per 1M
    orders = rows["aws_sqs_queue.orders"]
    assert orders["lines"][0]["name"] == "Requests (FIFO)"
    assert Decimal(orders["monthly_after"]) == Decimal("5")
