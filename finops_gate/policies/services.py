"""Unit economics: ``usage.services: {<service>: {requests_per_month: N}}``.

The monthly cost of everything tagged (or labelled) with that ``finops:service``, before and
after the change, divided by the service's monthly requests: a cost per request (and per 1,000
requests when rendered). Resources whose cost is unknown are counted apart, never as $0.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from finops_gate.model import CostDelta, ServiceCost
from finops_gate.policies.scope import scoped_sums
from finops_gate.policies.settings import TagPolicy

SERVICE_KEY = "finops:service"


def unit_costs(
    deltas: list[CostDelta], services: Mapping[str, Decimal], tags: TagPolicy
) -> tuple[ServiceCost, ...]:
    out = []
    for name, requests in sorted(services.items()):
        before, after, unknown, undecided = scoped_sums(deltas, {SERVICE_KEY: name}, tags.keys)
        # (a resource whose finops:service is known only after apply is counted apart too)
        out.append(ServiceCost(name, requests, before, after, not_counted=unknown + undecided))
    return tuple(out)
