"""aws_route53_health_check: https://aws.amazon.com/route53/pricing/ (health checks).

A health check costs a month whether it is enabled or not (AWS keeps charging a disabled one),
at one rate for an endpoint inside AWS and a higher one for any other endpoint. Each optional
feature it uses costs a feature-month on top, at the same split: HTTPS (``HTTPS``,
``HTTPS_STR_MATCH``), string matching (``*_STR_MATCH``), the fast 10-second
``request_interval`` and ``measure_latency``. Calculated and CloudWatch-alarm health checks
probe no endpoint: billed as a basic health check of an AWS endpoint, no options. A
routing-control health check belongs to Application Recovery Controller, billed there. An
account's first 50 health checks of AWS endpoints are free: a free tier, not taken off.

Usage ``endpoint_type``: ``aws`` or ``non_aws`` (``non-aws`` too, any case), as in
Infracost's usage file. Whether the endpoint is an AWS resource of the same account is not in
the plan: without it the AWS rate is taken and said as an assumption (the lower of the two).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    get,
    is_unknown,
    text,
    unknown_line,
    unpriceable,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

NO_ENDPOINT = frozenset({"CALCULATED", "CLOUDWATCH_METRIC"})
ENDPOINT_TYPES = {"aws": "aws", "non_aws": "non_aws", "non-aws": "non_aws"}
ASSUMED = (
    "endpoint_type",
    "aws: whether the endpoint is in AWS is not in the plan; usage endpoint_type sets it",
)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    kind = text(resource, "type")
    if kind is None:
        why = "type is unknown until apply" if is_unknown(resource, "type") else "type is not set"
        return [unpriceable("Health check", "months", why)]
    kind = kind.upper()
    if kind == "RECOVERY_CONTROL":
        why = "a routing-control health check is billed with its Application Recovery Controller"
        return [unpriceable("Health check", "months", why)]
    if kind in NO_ENDPOINT:
        key = "route53.health_check.aws"
        return [CostLine("Health check (AWS endpoint rate)", "months", key, Decimal(1))]
    given = usage.text("endpoint_type")
    assumed = None
    if given is None:
        endpoint, assumed = "aws", ASSUMED
    elif given.strip().lower() in ENDPOINT_TYPES:
        endpoint = ENDPOINT_TYPES[given.strip().lower()]
    else:
        why = f"usage endpoint_type is {given[:40]!r}: aws or non_aws"
        return [unpriceable("Health check", "months", why)]
    label = "AWS endpoint" if endpoint == "aws" else "non-AWS endpoint"
    lines = [
        CostLine(
            f"Health check ({label})",
            "months",
            f"route53.health_check.{endpoint}",
            Decimal(1),
            assumption=assumed,
        )
    ]
    return lines + _options(resource, kind, endpoint, label)


def _options(resource: Resource, kind: str, endpoint: str, label: str) -> list[CostLine]:
    name = "Optional features"
    for path in ("request_interval", "measure_latency"):
        if get(resource, path) is None and is_unknown(resource, path):
            return [unknown_line(name, "months", path)]
    features = []
    if kind.startswith("HTTPS"):
        features.append("HTTPS")
    if kind.endswith("STR_MATCH"):
        features.append("string matching")
    if str(get(resource, "request_interval")) == "10":
        features.append("fast interval")
    if get(resource, "measure_latency") in (True, "true"):
        features.append("latency measurement")
    if not features:
        return []
    key = f"route53.health_check.optional.{endpoint}"
    named = f"{name} ({', '.join(features)}; {label})"
    return [CostLine(named, "months", key, Decimal(len(features)))]
