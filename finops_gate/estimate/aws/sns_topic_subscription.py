"""aws_sns_topic_subscription: https://aws.amazon.com/sns/pricing/ (deliveries by protocol).

Deliveries per month from usage ``monthly_requests`` (64 KB chunks, usage ``request_size_kb``),
priced by ``protocol``: HTTP/HTTPS, email, Firehose and mobile push at their rates; deliveries
to SQS and Lambda cost nothing; SMS is priced per destination country, which this catalog does
not hold: at the usage file's ``sms_notification_price`` per message (x ``monthly_requests``),
else unpriced, naming the key, rather than $0.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import is_unknown, text, unknown_line, unpriceable
from finops_gate.estimate.aws.sns_topic import sms_line
from finops_gate.estimate.aws.sqs_queue import billed_requests
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

# protocol -> (label, unit, catalog key, notifications per unit)
PROTOCOLS = {
    "http": ("HTTP notifications", "100k notifications", "sns.notifications.http", 100_000),
    "https": ("HTTPS notifications", "100k notifications", "sns.notifications.http", 100_000),
    "email": ("Email notifications", "100k notifications", "sns.notifications.email", 100_000),
    "email-json": (
        "Email-JSON notifications",
        "100k notifications",
        "sns.notifications.email",
        100_000,
    ),
    "firehose": (
        "Kinesis Firehose notifications",
        "1M notifications",
        "sns.notifications.firehose",
        1_000_000,
    ),
    "application": (
        "Mobile Push notifications",
        "1M notifications",
        "sns.notifications.mobile_push",
        1_000_000,
    ),
}
FREE_PROTOCOLS = {"sqs", "lambda"}


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    protocol = (text(resource, "protocol") or "").lower()
    if not protocol and is_unknown(resource, "protocol"):
        return [unknown_line("Notifications", "notifications", "protocol")]
    if protocol in FREE_PROTOCOLS:
        return []
    if protocol == "sms":
        requests = usage.number("monthly_requests")
        return [sms_line(usage, requests, "SMS messages", "messages")]
    if protocol not in PROTOCOLS:
        return [unpriceable("Notifications", "notifications", f"protocol {protocol!r} unknown")]
    label, unit, key, per = PROTOCOLS[protocol]
    millions = billed_requests(usage)
    quantity = None if millions is None else millions * 1_000_000 / Decimal(per)
    return [CostLine(label, unit, key, quantity, usage_key="monthly_requests")]
