"""aws_cloudwatch_dashboard: https://aws.amazon.com/cloudwatch/pricing/ (dashboards).

One dashboard-month at the global rate. The account's first three dashboards (of up to 50
metrics each) are free every month; that allowance is account-wide, so it is not subtracted
from any one dashboard: each is priced in full, and the line says so.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import monthly
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

FREE_TIER_NOTE = (
    "CloudWatch dashboards: the account's first 3 dashboards (up to 50 metrics each) are free"
    " each month; each dashboard here is priced in full"
)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    line = monthly("Dashboard", "months", "cloudwatch.dashboard")
    return [CostLine(line.name, line.unit, line.price_key, line.quantity, note=FREE_TIER_NOTE)]
