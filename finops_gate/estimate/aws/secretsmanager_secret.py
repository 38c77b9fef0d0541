"""aws_secretsmanager_secret: https://aws.amazon.com/secrets-manager/pricing/.

One secret-month plus API requests from usage ``monthly_requests`` (per 10,000).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        monthly("Secret", "months", "secretsmanager.secret"),
        usage_line(
            "API requests",
            "10k requests",
            "secretsmanager.api_requests",
            usage,
            "monthly_requests",
            Decimal(10_000),
        ),
    ]
