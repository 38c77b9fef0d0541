"""aws_sqs_queue: https://aws.amazon.com/sqs/pricing/ (standard and FIFO requests).

Usage ``monthly_requests``; each 64 KB chunk of a request is billed as one request, so with
usage ``request_size_kb`` the count is multiplied by ceil(size / 64). The account-wide free
tier is not subtracted. A ``fifo_queue`` the code sets to a value known only after apply is
unpriced, naming it: FIFO requests cost more than standard ones, so neither rate is assumed.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from finops_gate.estimate.aws._common import MILLION, get, is_on, unknown_line, unknown_setting
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

CHUNK_KB = Decimal(64)


def billed_requests(usage: Usage) -> Decimal | None:
    """Monthly requests in millions, counting each 64 KB chunk (shared with aws_sns_topic)."""
    requests = usage.number("monthly_requests")
    if requests is None:
        return None
    size = usage.number("request_size_kb")
    chunks = (
        Decimal(1)
        if size is None
        else max((size / CHUNK_KB).to_integral_value(rounding=ROUND_CEILING), Decimal(1))
    )
    return requests * chunks / MILLION


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "fifo_queue"):
        why = " (FIFO and standard requests are billed at different rates)"
        return [unknown_line("Requests", "1M requests", "fifo_queue", why)]
    kind = "fifo" if is_on(get(resource, "fifo_queue"), "fifo_queue") else "standard"
    label = "FIFO" if kind == "fifo" else "standard"
    return [
        CostLine(
            f"Requests ({label})",
            "1M requests",
            f"sqs.{kind}.requests",
            billed_requests(usage),
            usage_key="monthly_requests",
        )
    ]
