"""AWS mappers, one small module per resource kind (see each module for the price page it models)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from finops_gate.estimate.aws import ec2_instance
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

REGISTRY: dict[str, Callable[[Resource, Usage], Sequence[CostLine]]] = {
    "aws_instance": ec2_instance.cost_lines,
}

# Types that cost nothing by themselves (their cost, if any, shows up on other resources).
FREE: frozenset[str] = frozenset({
    "aws_iam_role",
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_role_policy_attachment",
    "aws_security_group",
    "aws_security_group_rule",
    "aws_route_table",
    "aws_route_table_association",
    "aws_route",
    "aws_route53_record",
    "aws_vpc",
    "aws_subnet",
    "aws_internet_gateway",
})
