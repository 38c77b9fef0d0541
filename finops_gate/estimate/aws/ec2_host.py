"""aws_ec2_host: https://aws.amazon.com/ec2/dedicated-hosts/pricing/ (on-demand host hours).

One host for 730 hours at the rate of its ``instance_family`` (or the family of
``instance_type``, e.g. ``mac1.metal`` -> ``mac1``); a host reservation from usage
``reserved_instance_term`` / ``reserved_instance_payment_option`` (see reserved.py).
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import hourly, text, unknown_line
from finops_gate.estimate.aws.reserved import reserved_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    family = text(resource, "instance_family")
    itype = text(resource, "instance_type")
    if family is None and itype is not None:
        family = itype.split(".", 1)[0]
    if family is None:
        return [unknown_line("EC2 Dedicated Host (on-demand)", "hours", "instance_family")]
    on_demand = hourly(f"EC2 Dedicated Host (on-demand, {family})", f"ec2.host.{family}")
    return [reserved_line(on_demand, usage)]
