"""aws_ssm_parameter: https://aws.amazon.com/systems-manager/pricing/ (Parameter Store).

Standard parameters are free. An ``Advanced`` tier parameter costs a parameter-month (usage
``parameter_storage_hrs`` for part of a month). ``Intelligent-Tiering`` lets Parameter Store
choose: a value over the 4 KB a standard parameter holds makes it Advanced (billed as such); a
value known only after apply, or hidden as sensitive in a plan, leaves it unpriced, naming it;
a smaller one is Standard (the
account's 10,000 standard parameters aside, which the plan does not show). API interactions are
billed per 10,000 at the higher throughput limit: always for advanced parameters, and for
standard ones when usage ``api_throughput_limit`` says ``advanced``/``higher``; their count is
usage ``monthly_api_interactions``.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    get,
    is_unknown,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

STANDARD_MAX_BYTES = 4096
NAME, UNIT = "Parameter storage", "months"
STANDARD_UNSET = CostLine(
    f"{NAME} (standard): no charge",
    UNIT,
    "",
    Decimal(1),
    unit_price=Decimal(0),
    assumption=(
        "tier",
        "Standard (unset: AWS's default, unless the account's default parameter tier is"
        " Advanced or Intelligent-Tiering)",
    ),
)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    # the provider computes ``tier`` (a plan shows it unknown when it is left unset: AWS's
    # default, Standard); only a tier the code writes with a value it does not tell is unknown
    if unknown_setting(resource, "tier", computed=True):
        return [unknown_line(NAME, UNIT, "tier")]
    written = text(resource, "tier")
    tier = written or "Standard"
    if tier == "Intelligent-Tiering":
        value = get(resource, "value")
        value = get(resource, "insecure_value") if value is None else value
        if value is None and is_unknown(resource, "value"):
            return [unknown_line(NAME, UNIT, "value", " (Intelligent-Tiering sizes it)")]
        if value is None:
            # a plan hides a sensitive value (the reader drops it): its size, which chooses
            # the tier, is not known, and no tier is a default for it
            why = "Intelligent-Tiering chooses the tier by the value's size, and the value is"
            why += " not readable (a plan hides it as sensitive); set tier to Standard or Advanced"
            return [unpriceable(NAME, UNIT, why)]
        size = len(str(value).encode("utf-8"))
        tier = "Advanced" if size > STANDARD_MAX_BYTES else "Standard"
    advanced = tier == "Advanced"
    higher = (usage.text("api_throughput_limit") or "").lower() in ("advanced", "higher")
    lines: list[CostLine] = []
    if written is None:
        # AWS's default tier, unless the account's default-parameter-tier setting (which no
        # plan shows) makes new parameters Advanced or Intelligent-Tiering: said, never unsaid
        lines.append(STANDARD_UNSET)
    if advanced:
        hours = usage.number("parameter_storage_hrs")
        months = Decimal(1) if hours is None else hours / HOURS_PER_MONTH
        lines.append(CostLine(f"{NAME} (advanced)", UNIT, "ssm.parameter.advanced", months))
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
