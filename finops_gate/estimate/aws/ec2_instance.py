"""aws_instance: https://aws.amazon.com/ec2/pricing/on-demand/ (Linux, shared tenancy).

Instance hours (730 a month) at the on-demand Linux rate. PLACEHOLDER: the catalog helper
extends this with root/EBS block devices and detailed monitoring.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    itype = resource.attributes.get("instance_type")
    name = f"Instance usage (Linux, on-demand, {itype or 'unknown type'})"
    if "instance_type" in resource.unknown or not itype:
        return [CostLine(name, "hours", "", HOURS_PER_MONTH,
                         unknown_reason="instance_type is unknown until apply")]
    hours = usage.number("monthly_hrs") or HOURS_PER_MONTH
    return [CostLine(name, "hours", f"ec2.instance.{itype}", Decimal(hours))]
