"""The policy outcome's additions to the JSON report (fields added, none renamed).

``services``: unit economics per ``finops:service`` — monthly cost, cost per request and per
1,000 requests, before and after. Money as decimal strings, like the rest of the report.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from finops_gate.policies.context import PolicyOutcome, ServiceCost
from finops_gate.report.json import money, small


def extra(outcome: PolicyOutcome) -> dict[str, Any]:
    """Top-level report fields contributed by the policies."""
    return {"services": [service(s) for s in outcome.services]}


def service(s: ServiceCost) -> dict[str, Any]:
    thousand = Decimal(1000)
    return {
        "service": s.service,
        "requests_per_month": format(s.requests_per_month.normalize(), "f"),
        "monthly_before": money(s.monthly_before),
        "monthly_after": money(s.monthly_after),
        "per_request_before": small(s.per_request_before),
        "per_request_after": small(s.per_request_after),
        "per_1000_before": small(s.per_request_before * thousand),
        "per_1000_after": small(s.per_request_after * thousand),
        "not_counted": s.not_counted,
    }
