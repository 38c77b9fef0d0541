"""aws_config_config_rule, aws_config_organization_custom_rule,
aws_config_organization_managed_rule: https://aws.amazon.com/config/pricing/ (rule evaluations).

Rule evaluations per month (usage ``monthly_rule_evaluations``; an organization rule's
evaluations in the member accounts it is deployed to), at AWS's bands: the first 100,000, the
next 400,000, and over 500,000. AWS applies the bands to all the evaluations of an account in a
region; each rule is banded alone here, as Infracost does, which is an upper bound when an
account runs several rules. The Lambda function of a custom rule is billed on the function.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import tiers
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

BANDS = [
    ("Rule evaluations (first 100K)", "config.rule_evaluations.tier1", Decimal(100_000)),
    ("Rule evaluations (next 400K)", "config.rule_evaluations.tier2", Decimal(400_000)),
    ("Rule evaluations (over 500K)", "config.rule_evaluations.tier3", None),
]


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    evaluations = usage.number("monthly_rule_evaluations")
    return tiers(evaluations, BANDS, "evaluations", "monthly_rule_evaluations")
