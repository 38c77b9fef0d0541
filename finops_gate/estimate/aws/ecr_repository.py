"""aws_ecr_repository: https://aws.amazon.com/ecr/pricing/ (storage).

Image storage per GB-month from usage ``storage_gb``; transfer out is billed on the account.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [usage_line("Storage", "GB", "ecr.storage", usage, "storage_gb")]
