"""aws_kms_external_key: https://aws.amazon.com/kms/pricing/ (customer managed keys, imported
key material).

A key whose material is imported costs what any customer managed key costs: one key-month
(whether or not its material is imported yet, enabled or disabled, until it is deleted), plus
requests from usage ``monthly_requests`` at the rate of its key spec. The lines are those of
``kms_key`` (one reading of the key spec for both types).
"""

from __future__ import annotations

from finops_gate.estimate.aws import kms_key
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return kms_key.cost_lines(resource, usage)
