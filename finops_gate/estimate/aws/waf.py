"""aws_waf_web_acl (WAF Classic) and aws_wafv2_web_acl: https://aws.amazon.com/waf/pricing/.

A web ACL is billed by the month, each rule in it by the month, and requests per million
(usage ``monthly_requests``). A rule group the ACL uses is billed as one rule (``GROUP`` rules
of WAF Classic, ``rule_group_reference_statement`` and ``managed_rule_group_statement`` of
WAFv2), and the rules inside the groups as rules too, counted from usage as Infracost's usage
files give them: ``rule_group_rules`` (rule groups) and ``managed_rule_group_rules`` (managed
rule groups, WAFv2). Those two keys are read only for an ACL that uses such a group. The
subscription and request fees of paid managed rule groups (Bot Control, Fraud Control) are not
priced here.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws._common import (
    MILLION,
    blocks,
    is_unknown,
    monthly,
    unknown_line,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def classic_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if is_unknown(resource, "rules"):
        return _unknown_rules("waf", "rules", usage)
    rules = blocks(resource, "rules")
    groups = sum(1 for r in rules if r.get("type") == "GROUP")
    return _lines("waf", len(rules) - groups, groups, 0, usage)


def v2_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if is_unknown(resource, "rule"):
        return _unknown_rules("wafv2", "rule", usage)
    rules = blocks(resource, "rule")
    groups = sum(1 for r in rules if _statement(r, "rule_group_reference_statement"))
    managed = sum(1 for r in rules if _statement(r, "managed_rule_group_statement"))
    return _lines("wafv2", len(rules) - groups - managed, groups, managed, usage)


def _unknown_rules(service: str, path: str, usage: Usage) -> list[CostLine]:
    """The ACL and its requests are known; which rules it holds is not (a dynamic block)."""
    return [
        monthly("Web ACL usage", "months", f"{service}.web_acl"),
        unknown_line("Rules", "rules", path),
        _requests(service, usage),
    ]


def _requests(service: str, usage: Usage) -> CostLine:
    return usage_line(
        "Requests", "1M requests", f"{service}.requests", usage, "monthly_requests", MILLION
    )


def _statement(rule: Mapping[str, Any], kind: str) -> bool:
    statements = rule.get("statement")
    if not isinstance(statements, list) or not statements:
        return False
    first = statements[0]
    return isinstance(first, Mapping) and bool(first.get(kind))


def _lines(service: str, plain: int, groups: int, managed: int, usage: Usage) -> list[CostLine]:
    rule = f"{service}.rule"
    lines = [monthly("Web ACL usage", "months", f"{service}.web_acl")]
    if plain:
        lines.append(CostLine("Rules", "rules", rule, Decimal(plain)))
    if groups:
        lines.append(CostLine("Rule groups (each a rule)", "rules", rule, Decimal(groups)))
        lines.append(usage_line("Rules in rule groups", "rules", rule, usage, "rule_group_rules"))
    if managed:
        lines.append(CostLine("Managed rule groups (each a rule)", "rules", rule, Decimal(managed)))
        lines.append(
            usage_line(
                "Rules in managed rule groups", "rules", rule, usage, "managed_rule_group_rules"
            )
        )
    lines.append(_requests(service, usage))
    return lines
