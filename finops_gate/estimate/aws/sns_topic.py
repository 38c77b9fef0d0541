"""aws_sns_topic: https://aws.amazon.com/sns/pricing/ (publishes and deliveries).

- Standard topics: API requests from usage ``monthly_requests`` (64 KB chunks, usage
  ``request_size_kb``); deliveries from Infracost's ``http_subscriptions``,
  ``email_subscriptions``, ``kinesis_subscriptions``, ``mobile_push_subscriptions`` and
  ``macos_subscriptions`` counts x the monthly requests, when given. SMS deliveries
  (``sms_subscriptions`` > 0) are priced per destination country, which the catalog does not
  hold: at the usage file's ``sms_notification_price`` per message when given, else that line
  is unpriced, naming the key (never $0).
- FIFO topics (``fifo_topic = true``): publish requests at the FIFO rate (one per message, no
  64 KB chunks) and their payload in GB (usage ``request_size_kb``, 1 GB = 10^6 KB).
  Deliveries: each published message goes to every ``aws_sns_topic_subscription`` of the topic
  that the plan reader joins (by its ``topic_arn`` reference): notifications per 1M and their
  payload in GB at the FIFO delivery rates (a FIFO delivery to SQS is charged, unlike a
  standard topic's; the subscription resources themselves add nothing for it).
A ``fifo_topic`` the code sets to a value known only after apply is unpriced, naming it: FIFO
and standard topics are billed differently, so neither is assumed.
The account-wide free tier is not subtracted.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    get,
    is_on,
    related_list,
    unknown_line,
    unknown_setting,
)
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
    if unknown_setting(resource, "fifo_topic"):
        why = " (FIFO and standard topics are billed at different rates)"
        return [unknown_line("API requests", "1M requests", "fifo_topic", why)]
    if is_on(get(resource, "fifo_topic"), "fifo_topic"):
        requests = usage.number("monthly_requests")
        size = usage.number("request_size_kb")
        subscribers = Decimal(len(related_list(resource, "subscriptions")))
        deliveries = [
            CostLine(
                f"FIFO notifications ({subscribers} subscriptions)",
                "1M notifications",
                "sns.fifo.notifications",
                None if requests is None else requests * subscribers / 1_000_000,
                usage_key="monthly_requests",
            ),
            CostLine(
                "FIFO notification payload",
                "GB",
                "sns.fifo.notification_payload",
                None
                if requests is None or size is None
                else requests * size * subscribers / 1_000_000,
                usage_key="request_size_kb",
            ),
        ]
        return [
            CostLine(
                "FIFO Publish API requests",
                "1M requests",
                "sns.fifo.requests",
                None if requests is None else requests / 1_000_000,
                usage_key="monthly_requests",
            ),
            CostLine(
                "FIFO Publish API payload",
                "GB",
                "sns.fifo.payload",
                None if requests is None or size is None else requests * size / 1_000_000,
                usage_key="request_size_kb",
            ),
            *(deliveries if subscribers else []),
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
    sms = usage.number("sms_subscriptions")
    if sms is not None and sms > 0:
        lines.append(sms_line(usage, None if requests is None else sms * requests))
    return lines


def sms_line(
    usage: Usage,
    messages: Decimal | None,
    name: str = "SMS notifications",
    unit: str = "notifications",
) -> CostLine:
    """SMS deliveries: priced per destination country, which no catalog here holds, so at the
    rate per message the usage file gives (``sms_notification_price``, as in Infracost files),
    else unpriced, naming that key (never $0). The account's free SMS are not subtracted."""
    key = "sms_notification_price"
    raw = usage.values.get(key)
    price = usage.number(key)
    if price is None or price < 0:
        why = "SMS is priced per destination country, which the catalog does not hold"
        why += f"; give usage {key} (USD per message to your destinations)"
        if raw is not None:
            why = f"usage {key} must be a number of at least 0 (USD per message)"
        return CostLine(name, unit, "", None, usage_key=key, unknown_reason=why)
    return CostLine(name, unit, "", messages, usage_key="monthly_requests", unit_price=price)
