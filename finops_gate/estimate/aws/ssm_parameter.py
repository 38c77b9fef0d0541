"""aws_ssm_parameter: https://aws.amazon.com/systems-manager/pricing/ (Parameter Store).

Standard parameters are free. An ``Advanced`` tier parameter costs a parameter-month (usage
``parameter_storage_hrs`` for part of a month). API interactions are billed per 10,000 at the
higher throughput limit: always for advanced parameters, and for standard ones when usage
``api_throughput_limit`` says ``advanced``/``higher``; their count is usage
``monthly_api_interactions``.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import is_unknown, text, unknown_line, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if text(resource, "tier") is None and is_unknown(resource, "tier"):
        return [unknown_line("Parameter storage", "months", "tier")]
    advanced = (text(resource, "tier") or "Standard") == "Advanced"
    higher = (usage.text("api_throughput_limit") or "").lower() in ("advanced", "higher")
    lines: list[CostLine] = []
    if advanced:
        hours = usage.number("parameter_storage_hrs")
        months = Decimal(1) if hours is None else hours / HOURS_PER_MONTH
        lines.append(
            CostLine("Parameter storage (advanced)", "months", "ssm.parameter.advanced", months)
        )
    if advanced or higher:
        lines.append(
            usage_line(
                "API interactions (higher throughput)",
                "10k interactions",
                "ssm.api.advanced",
                usage,
                "monthly_api_interactions",
                Decimal(10_000),
            )
        )
    return lines
