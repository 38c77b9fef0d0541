"""aws_secretsmanager_secret: https://aws.amazon.com/secrets-manager/pricing/.

One secret-month plus API requests from usage ``monthly_requests`` (per 10,000). Each
``replica`` block is a replica secret, which AWS bills as a distinct secret ($ per replica per
month) in the replica's region: one more secret-month there (a region the catalogs lack leaves
it unpriced, never priced at the primary's rate; a region known only after apply, unpriced).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    blocks,
    get,
    monthly,
    unknown_in_code,
    unknown_line,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines = [
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
    # the provider computes ``replica`` (a plan shows it unknown when none is written): only
    # replicas the code writes with a value it does not tell are unknown
    if get(resource, "replica") is None and unknown_in_code(resource, "replica"):
        return [*lines, unknown_line("Replica secrets", "months", "replica")]
    for i, replica in enumerate(blocks(resource, "replica")):
        region = replica.get("region")
        if not isinstance(region, str) or not region:
            lines.append(unknown_line("Replica secret", "months", f"replica.{i}.region"))
            continue
        line = monthly(f"Replica secret ({region})", "months", "secretsmanager.secret")
        lines.append(CostLine(line.name, line.unit, line.price_key, line.quantity, region=region))
    return lines
