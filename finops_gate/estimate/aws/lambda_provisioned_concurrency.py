"""aws_lambda_provisioned_concurrency_config: https://aws.amazon.com/lambda/pricing/
(Provisioned Concurrency).

- Provisioned concurrency: ``provisioned_concurrent_executions`` x the function's memory in GB x
  the seconds it stays configured (usage ``monthly_duration_hrs``, default the whole month:
  it is billed from the moment it is configured, invoked or not), in GB-seconds.
- Requests (per 1M) and the duration of the invocations it serves (requests x
  ``request_duration_ms`` x memory, GB-seconds, at the provisioned duration rate) from usage
  ``monthly_requests`` and ``request_duration_ms``.
- Memory: the ``memory_size`` of the aws_lambda_function the plan reader joins (by the
  ``function_name`` reference; 128 MB, AWS's default, when that function leaves it unset), else
  usage ``memory_mb``; architecture: the function's
  ``architectures``, else usage ``architecture``, else x86_64. A function outside the plan
  without ``memory_mb`` leaves the configuration unpriced.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    MILLION,
    not_a_count,
    num,
    number,
    related,
    related_unknown,
    unknown_line,
    unpriceable,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

ARCHITECTURES = ("x86_64", "arm64")
DEFAULT_MEMORY_MB = Decimal(128)  # aws_lambda_function memory_size when not set


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    concurrency = num(resource, "provisioned_concurrent_executions")
    if concurrency is None:
        return [
            unknown_line(
                "Provisioned Concurrency", "GB-seconds", "provisioned_concurrent_executions"
            )
        ]
    bad = not_a_count("provisioned_concurrent_executions", concurrency)
    if bad is not None:
        return [unpriceable("Provisioned Concurrency", "GB-seconds", bad)]
    function = related(resource, "function") or {}
    memory_mb = number(function.get("memory_size"), "function memory_size")
    memory_mb = memory_mb or usage.number("memory_mb")
    written = related_unknown(function, "memory_size")
    if memory_mb is None and function and "memory_size" not in function and not written:
        # the joined function leaves memory_size unset (the .tf reader keeps no key for it; a
        # plan shows AWS's default, 128): AWS's default, never a value known only after apply
        memory_mb = DEFAULT_MEMORY_MB
    archs = function.get("architectures")
    arch = archs[0] if isinstance(archs, list) and archs else usage.text("architecture")
    if arch is None and related_unknown(function, "architectures"):
        # written with a value known only after apply: arm64 and x86_64 rates differ
        why = "the function's architectures is unknown until apply; set usage architecture"
        return [unpriceable("Provisioned Concurrency", "GB-seconds", why)]
    arch = arch if arch in ARCHITECTURES else "x86_64"
    if written and memory_mb is None:
        why = "the function's memory_size is unknown until apply; set usage memory_mb"
        return [unpriceable("Provisioned Concurrency", "GB-seconds", why)]
    if memory_mb is None:
        return [
            CostLine(
                "Provisioned Concurrency",
                "GB-seconds",
                "",
                None,
                unknown_reason="the function's memory_size is not in the plan; set usage memory_mb",
            )
        ]
    memory_gb = memory_mb / 1024
    hours = usage.number("monthly_duration_hrs")
    hours = HOURS_PER_MONTH if hours is None else hours
    requests = usage.number("monthly_requests")
    duration_ms = usage.number("request_duration_ms")
    return [
        CostLine(
            "Requests",
            "1M requests",
            "lambda.requests",
            None if requests is None else requests / MILLION,
            usage_key="monthly_requests",
        ),
        CostLine(
            f"Provisioned Concurrency ({concurrency} x {memory_mb} MB, {arch})",
            "GB-seconds",
            f"lambda.provisioned_concurrency.{arch}",
            concurrency * memory_gb * hours * 3600,
            usage_key="monthly_duration_hrs",
        ),
        CostLine(
            "Duration",
            "GB-seconds",
            f"lambda.provisioned_duration.{arch}",
            None
            if requests is None or duration_ms is None
            else requests * duration_ms / 1000 * memory_gb,
            usage_key="request_duration_ms",
        ),
    ]
