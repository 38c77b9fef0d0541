"""AWS WAF web ACLs: the ACL, its rules (a rule group counts as one), the rules inside the
groups from usage, requests per million."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import waf
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _acl(kind: str, **attributes: object) -> Resource:
    return Resource(f"{kind}.a", "terraform", kind, "aws", "us-east-1", attributes)


def _statement(kind: str) -> list[dict[str, object]]:
    return [{"rate_based_statement": [], "managed_rule_group_statement": [], kind: [{"x": 1}]}]


def test_wafv2_counts_group_references_apart_from_plain_rules() -> None:
    rules = [
        {"statement": _statement("byte_match_statement")},
        {"statement": _statement("managed_rule_group_statement")},
        {"statement": _statement("managed_rule_group_statement")},
        {"statement": _statement("rule_group_reference_statement")},
    ]
    usage = Usage({"managed_rule_group_rules": 30, "monthly_requests": 3_000_000})
    lines = {
        ln.name: ln.quantity for ln in waf.v2_lines(_acl("aws_wafv2_web_acl", rule=rules), usage)
    }
    assert lines == {
        "Web ACL usage": Decimal(1),
        "Rules": Decimal(1),
        "Rule groups (each a rule)": Decimal(1),
        "Rules in rule groups": None,  # depends on usage
        "Managed rule groups (each a rule)": Decimal(2),
        "Rules in managed rule groups": Decimal(30),
        "Requests": Decimal(3),
    }


def test_group_rule_usage_is_not_read_for_an_acl_without_groups() -> None:
    usage = Usage({"rule_group_rules": 5})
    lines = waf.classic_lines(_acl("aws_waf_web_acl", rules=[{"type": "REGULAR"}]), usage)
    assert [ln.name for ln in lines] == ["Web ACL usage", "Rules", "Requests"]
    assert "rule_group_rules" not in usage.read  # so it is reported ignored


def test_classic_group_rules_are_billed_as_rules() -> None:
    rules = [{"type": "REGULAR"}, {"type": "RATE_BASED"}, {"type": "GROUP"}]
    lines = waf.classic_lines(_acl("aws_waf_web_acl", rules=rules), Usage())
    assert {ln.name: (ln.price_key, ln.quantity) for ln in lines if ln.quantity} == {
        "Web ACL usage": ("waf.web_acl", Decimal(1)),
        "Rules": ("waf.rule", Decimal(2)),
        "Rule groups (each a rule)": ("waf.rule", Decimal(1)),
    }
