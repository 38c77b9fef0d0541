"""aws_ec2_traffic_mirror_session: https://aws.amazon.com/vpc/pricing/ (Traffic Mirroring).

AWS bills each elastic network interface (ENI) that has a traffic mirror session enabled, per
hour. A session mirrors one ENI (``network_interface_id``), so a session is one ENI-hour an hour.
Two sessions on the same ENI are billed once by AWS; each is shown here, an upper bound (the
plan does not tie sessions to one another). The mirrored traffic's destination (an NLB, a GWLB
endpoint or an ENI) is priced on its own resource.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import hourly
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [hourly("Traffic mirror (source ENI)", "vpc.traffic_mirror.eni")]
