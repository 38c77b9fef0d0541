"""aws_sfn_state_machine: https://aws.amazon.com/step-functions/pricing/.

Standard workflows: state transitions per 1,000 (usage ``monthly_transitions``). Express
workflows: requests per million (usage ``monthly_requests``) and duration in GB-hours, tiered at
1,000 and 5,000 GB-hours: each execution is billed in 100 ms steps (usage
``workflow_duration_ms``) at its memory in 64 MB steps (usage ``memory_mb``, at least 64 MB;
without it the duration depends on usage, never the 64 MB minimum).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from finops_gate.estimate.aws._common import (
    MILLION,
    text,
    tiers,
    unknown_line,
    unknown_setting,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

DURATION = [
    ("Duration (first 1K)", "sfn.express.duration.tier1", Decimal(1000)),
    ("Duration (next 4K)", "sfn.express.duration.tier2", Decimal(4000)),
    ("Duration (over 5K)", "sfn.express.duration.tier3", None),
]


def _steps(value: Decimal, step: int) -> Decimal:
    return max((value / step).to_integral_value(rounding=ROUND_CEILING), Decimal(1)) * step


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "type"):
        return [unknown_line("State machine", "requests", "type")]
    if (text(resource, "type") or "STANDARD") != "EXPRESS":
        return [
            usage_line(
                "Transitions",
                "1K transitions",
                "sfn.standard.transitions",
                usage,
                "monthly_transitions",
                Decimal(1000),
            )
        ]
    requests = usage.number("monthly_requests")
    ms = usage.number("workflow_duration_ms")
    mb = usage.number("memory_mb")
    gb_hours = None
    # the duration line depends on the first of its inputs the usage does not give: without
    # memory_mb it is unknown, never priced at the 64 MB minimum (0 MB given is that minimum)
    missing = "workflow_duration_ms" if ms is None else "memory_mb" if mb is None else None
    if requests is not None and ms is not None and mb is not None:
        seconds = _steps(ms, 100) / 1000
        gb = _steps(mb, 64) / 1024
        gb_hours = requests * seconds * gb / 3600
    return [
        usage_line(
            "Requests", "1M requests", "sfn.express.requests", usage, "monthly_requests", MILLION
        ),
        *tiers(gb_hours, DURATION, "GB-hours", missing or "workflow_duration_ms"),
    ]
