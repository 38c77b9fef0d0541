"""API Gateway: https://aws.amazon.com/api-gateway/pricing/.

- aws_api_gateway_rest_api: requests (usage ``monthly_requests``) tiered at 333M, 1B and 20B.
- aws_api_gateway_stage: the cache cluster per hour by ``cache_cluster_size`` (GB, default 0.5)
  when ``cache_cluster_enabled``; a size the catalog has no rate for is unpriced, never $0.
- aws_apigatewayv2_api: HTTP APIs by request (512 KB steps, usage ``request_size_kb``) tiered at
  300M; WebSocket APIs by message (32 KB steps, usage ``message_size_kb``) tiered at 1B, plus
  connection minutes (usage ``monthly_connection_mins``). ``protocol_type`` is required by
  Terraform: one the code sets to a value known only after apply is unpriced, never HTTP.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from finops_gate.estimate.aws._common import (
    MILLION,
    get,
    hourly,
    is_on,
    num_or_default,
    text,
    tiers,
    unknown_in_code,
    unknown_line,
    unknown_setting,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

REST = [
    ("Requests (first 333M)", "apigateway.rest.requests.tier1", Decimal(333)),
    ("Requests (next 667M)", "apigateway.rest.requests.tier2", Decimal(667)),
    ("Requests (next 19B)", "apigateway.rest.requests.tier3", Decimal(19000)),
    ("Requests (over 20B)", "apigateway.rest.requests.tier4", None),
]
HTTP = [
    ("Requests (first 300M)", "apigatewayv2.http.requests.tier1", Decimal(300)),
    ("Requests (over 300M)", "apigatewayv2.http.requests.tier2", None),
]
WEBSOCKET = [
    ("Messages (first 1B)", "apigatewayv2.websocket.messages.tier1", Decimal(1000)),
    ("Messages (over 1B)", "apigatewayv2.websocket.messages.tier2", None),
]


def _millions(
    usage: Usage, key: str, size_key: str | None = None, step_kb: int = 1
) -> Decimal | None:
    given = usage.number(key)
    if given is None:
        return None
    size = usage.number(size_key) if size_key else None
    chunks = (
        Decimal(1)
        if size is None
        else max((size / step_kb).to_integral_value(rounding=ROUND_CEILING), Decimal(1))
    )
    return given * chunks / MILLION


def rest_api_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return tiers(_millions(usage, "monthly_requests"), REST, "1M requests", "monthly_requests")


def stage_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if get(resource, "cache_cluster_enabled") is None and unknown_in_code(
        resource, "cache_cluster_enabled"
    ):
        return [unknown_line("Cache memory", "hours", "cache_cluster_enabled")]
    if not is_on(get(resource, "cache_cluster_enabled"), "cache_cluster_enabled"):
        return []
    size = num_or_default(resource, "cache_cluster_size", Decimal("0.5"))
    if size is None:
        return [unknown_line("Cache memory", "hours", "cache_cluster_size")]
    shown = format(size.normalize(), "f")
    return [hourly(f"Cache memory ({shown} GB)", f"apigateway.cache.{shown}")]


def v2_api_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "protocol_type"):
        why = " (HTTP APIs are billed per request, WebSocket APIs per message and minute)"
        return [unknown_line("Requests", "1M requests", "protocol_type", why)]
    if (text(resource, "protocol_type") or "HTTP").upper() == "WEBSOCKET":
        messages = _millions(usage, "monthly_messages", "message_size_kb", 32)
        return [
            *tiers(messages, WEBSOCKET, "1M messages", "monthly_messages"),
            usage_line(
                "Connection duration",
                "1M minutes",
                "apigatewayv2.websocket.connection_minutes",
                usage,
                "monthly_connection_mins",
                MILLION,
            ),
        ]
    requests = _millions(usage, "monthly_requests", "request_size_kb", 512)
    return tiers(requests, HTTP, "1M requests", "monthly_requests")
