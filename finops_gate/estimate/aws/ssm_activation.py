"""aws_ssm_activation: https://aws.amazon.com/systems-manager/pricing/ (on-premises and
multicloud managed nodes).

Nodes registered in the standard tier are free; in the advanced tier each costs an
instance-hour (usage ``instances`` x 730 hours). The tier is usage ``instance_tier``
(``standard`` or ``advanced``); without it, an activation whose ``registration_limit`` is over
1,000 needs the advanced tier (the standard tier holds at most 1,000 nodes per account and
region) and is priced so, said as an assumption; otherwise the activation registers standard
nodes, AWS's default tier, and costs $0 (no line). The account's own tier setting
(``aws_ssm_service_setting``) is not read: give ``instance_tier`` when it says advanced.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    always_on,
    is_unknown,
    not_a_count,
    num,
    unknown_line,
    unpriceable,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

NAME = "On-prem managed instances (advanced)"
STANDARD_LIMIT = Decimal(1000)
TIERS = ("standard", "advanced")


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    given = usage.text("instance_tier")
    assumption: tuple[str, str] | None = None
    if given is not None:
        tier = given.strip().lower()
        if tier not in TIERS:
            reason = f"usage instance_tier is {given!r}, not standard or advanced; fix it"
            return [unpriceable(NAME, "hours", reason)]
    else:
        limit = num(resource, "registration_limit")
        if limit is None and is_unknown(resource, "registration_limit"):
            return [unknown_line(NAME, "hours", "registration_limit", " (over 1,000: advanced)")]
        why = None if limit is None else not_a_count("registration_limit", limit)
        if why is not None:  # "Infinity" is not "over 1,000", nor -5 a free standard tier
            return [unpriceable(NAME, "hours", why)]
        tier = "advanced" if limit is not None and limit > STANDARD_LIMIT else "standard"
        if tier == "advanced":
            assumption = ("instance_tier", "advanced (registration_limit over 1,000)")
    if tier == "standard":
        return []
    key = "ssm.managed_instance.advanced"
    return [always_on(NAME, "hours", key, usage, "instances", assumption=assumption)]
