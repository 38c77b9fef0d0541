"""aws_sns_topic: https://aws.amazon.com/sns/pricing/ (publishes and deliveries).

- Standard topics: API requests from usage ``monthly_requests`` (64 KB chunks, usage
  ``request_size_kb``); deliveries from Infracost's ``http_subscriptions``,
  ``email_subscriptions``, ``kinesis_subscriptions``, ``mobile_push_subscriptions`` and
  ``macos_subscriptions`` counts x the monthly requests, when given. SMS is left out (its price
  depends on the destination country).
- FIFO topics (``fifo_topic = true``): publish requests at the FIFO rate.
The account-wide free tier is not subtracted.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import get
from finops_gate.estimate.aws.sqs_queue import billed_requests
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

# usage key -> (label, unit, catalog key, notifications per unit)
DELIVERIES = {
    "http_subscriptions": (
        "HTTP/HTTPS notifications",
        "100k notifications",
        "sns.notifications.http",
        Decimal(100_000),
    ),
    "email_subscriptions": (
        "Email/Email-JSON notifications",
        "100k notifications",
        "sns.notifications.email",
        Decimal(100_000),
    ),
    "kinesis_subscriptions": (
        "Kinesis Firehose notifications",
        "1M notifications",
        "sns.notifications.firehose",
        Decimal(1_000_000),
    ),
    "mobile_push_subscriptions": (
        "Mobile Push notifications",
        "1M notifications",
        "sns.notifications.mobile_push",
        Decimal(1_000_000),
    ),
    "macos_subscriptions": (
        "MacOS notifications",
        "1M notifications",
        "sns.notifications.macos",
        Decimal(1_000_000),
    ),
}


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if get(resource, "fifo_topic") is True:
        return [
            CostLine(
                "FIFO Publish API requests",
                "1M requests",
                "sns.fifo.requests",
                billed_requests(usage),
                usage_key="monthly_requests",
            )
        ]
    lines = [
        CostLine(
            "API requests",
            "1M requests",
            "sns.requests",
            billed_requests(usage),
            usage_key="monthly_requests",
        )
    ]
    requests = usage.number("monthly_requests")
    for key, (label, unit, price_key, per) in DELIVERIES.items():
        subs = usage.number(key)
        if subs is not None:
            lines.append(
                CostLine(
                    label,
                    unit,
                    price_key,
                    None if requests is None else subs * requests / per,
                    usage_key=key,
                )
            )
    return lines
