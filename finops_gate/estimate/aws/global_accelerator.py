"""aws_globalaccelerator_accelerator: https://aws.amazon.com/global-accelerator/pricing/.

An accelerator is billed a fixed fee for every hour it exists in the account, enabled or not
(a disabled accelerator is still deployed until deleted): 730 hours a month, or usage
``monthly_hrs``. Global Accelerator is a global service with one fixed fee, so the rate holds
in every region. Its data-transfer premium is billed on the endpoint groups, not here.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import monthly_hours
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [CostLine("Fixed fee", "hours", "globalaccelerator.accelerator", monthly_hours(usage))]
