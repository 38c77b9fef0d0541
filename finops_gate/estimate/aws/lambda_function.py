"""aws_lambda_function: https://aws.amazon.com/lambda/pricing/ (requests and duration).

Usage ``monthly_requests`` and ``request_duration_ms`` (Infracost's keys). Requests per 1M;
duration in GB-seconds = requests x duration / 1000 x ``memory_size`` / 1024 (default 128 MB),
split into the monthly tiers of the function's architecture (x86_64: 6B / 9B / over 15B;
arm64: 7.5B / 11.25B / over 18.75B GB-seconds). Ephemeral storage above the free 512 MB:
requests x duration x (``ephemeral_storage.0.size`` - 512) / 1024 GB-seconds. The account-wide
free tier is not subtracted (it is per account, not per function). A ``memory_size`` or an
ephemeral storage size known only after apply (a module output, a variable with no value) leaves
the line it sizes unpriced, naming it: never AWS's 128 MB / 512 MB defaults, which apply only
when the attribute is not set. SnapStart (``snap_start.apply_on = "PublishedVersions"``) is free
for Java and billed for Python and .NET (snapshot cache and restores): unpriced, no rate in the
catalogs, never left out.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    MILLION,
    get,
    not_a_count,
    num,
    text,
    unknown_in_code,
    unknown_line,
    unpriceable,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

BILLION = Decimal(1_000_000_000)
TIERS = {
    "x86_64": (("first 6B", 6 * BILLION), ("next 9B", 9 * BILLION), ("over 15B", None)),
    "arm64": (
        ("first 7.5B", Decimal("7.5") * BILLION),
        ("next 11.25B", Decimal("11.25") * BILLION),
        ("over 18.75B", None),
    ),
}
FREE_EPHEMERAL_MB = Decimal(512)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines = _lines(resource, usage)
    snap = text(resource, "snap_start.0.apply_on")
    runtime = text(resource, "runtime") or ""
    if snap == "PublishedVersions" and not runtime.startswith("java"):
        # free for Java; for Python and .NET every published version's snapshot is cached (per
        # GB-second, whether invoked or not) and each restore billed per GB
        why = (
            f"SnapStart on {runtime or 'this runtime'} is billed per GB-second of each published "
            "version's cached snapshot and per GB restored (https://aws.amazon.com/lambda/"
            "pricing/); the catalogs used hold no SnapStart rate"
        )
        lines.append(unpriceable("SnapStart cache and restores", "GB-seconds", why))
    return lines


def _lines(resource: Resource, usage: Usage) -> list[CostLine]:
    archs = get(resource, "architectures")
    arch = archs[0] if isinstance(archs, list) and archs and archs[0] in TIERS else "x86_64"
    memory_mb = num(resource, "memory_size")
    bad = None if memory_mb is None else not_a_count("memory_size", memory_mb)
    memory_mb = memory_mb or Decimal(128)
    requests = usage.number("monthly_requests")
    duration_ms = usage.number("request_duration_ms")
    lines = [
        CostLine(
            "Requests",
            "1M requests",
            "lambda.requests",
            None if requests is None else requests / MILLION,
            usage_key="monthly_requests",
        )
    ]
    if get(resource, "architectures") is None and unknown_in_code(resource, "architectures"):
        # x86_64 and arm64 have rates of their own: never the x86 default for an unknown one
        lines.append(unknown_line("Duration", "GB-seconds", "architectures"))
        return lines
    if bad is not None:  # "Infinity", 0, 1.5: no duration to split into the tiers
        lines.append(unpriceable(f"Duration ({TIERS[arch][0][0]})", "GB-seconds", bad))
        return lines
    if _unknown(resource, "memory_size"):
        lines.append(unknown_line(f"Duration ({TIERS[arch][0][0]})", "GB-seconds", "memory_size"))
        return lines
    if requests is None or duration_ms is None:
        lines.append(
            CostLine(
                f"Duration ({TIERS[arch][0][0]})",
                "GB-seconds",
                f"lambda.duration.{arch}.tier1",
                None,
                usage_key="request_duration_ms",
            )
        )
        storage_mb = num(resource, "ephemeral_storage.0.size")
        if storage_mb is not None and storage_mb > FREE_EPHEMERAL_MB:
            # billed per GB-second above the free 512 MB: listed with its rate, never dropped
            lines.append(
                CostLine(
                    f"Ephemeral storage ({storage_mb - FREE_EPHEMERAL_MB} MB above the free 512)",
                    "GB-seconds",
                    "lambda.ephemeral_storage",
                    None,
                    usage_key="request_duration_ms",
                )
            )
        return lines
    seconds = requests * duration_ms / 1000
    gb_seconds = seconds * memory_mb / 1024
    left = gb_seconds
    for i, (label, size) in enumerate(TIERS[arch], start=1):
        part = left if size is None else min(left, size)
        if part > 0 or i == 1:
            lines.append(
                CostLine(
                    f"Duration ({label})",
                    "GB-seconds",
                    f"lambda.duration.{arch}.tier{i}",
                    part,
                    usage_key="request_duration_ms",
                )
            )
        left -= part
    if _unknown(resource, "ephemeral_storage.0.size"):
        lines.append(unknown_line("Ephemeral storage", "GB-seconds", "ephemeral_storage.0.size"))
        return lines
    storage_mb = num(resource, "ephemeral_storage.0.size")
    if storage_mb is not None and storage_mb > FREE_EPHEMERAL_MB:
        lines.append(
            CostLine(
                "Ephemeral storage",
                "GB-seconds",
                "lambda.ephemeral_storage",
                seconds * (storage_mb - FREE_EPHEMERAL_MB) / 1024,
                usage_key="request_duration_ms",
            )
        )
    return lines


def _unknown(resource: Resource, path: str) -> bool:
    """``path`` is set to a value known only after apply (plan), or one the code does not tell.
    Only the attribute itself counts: a plan shows an unset ``ephemeral_storage`` block (which
    the provider computes: 512 MB) as unknown as a whole, and that is the default."""
    return num(resource, path) is None and (
        path in resource.unknown or "" in resource.unknown or unknown_in_code(resource, path)
    )
