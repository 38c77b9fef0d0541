"""Test helper: Azure/GCP plan fixtures through the real plan reader, priced, rendered with their
regions (``tests/estimate/plan_fixture`` holds the one implementation every cloud shares).

Fixtures live in tests/fixtures/plans/<cloud>/<type>.json (``terraform show -json`` shape), with
an optional <type>.usage.yml in the infracost-usage.yml shape.
"""

from __future__ import annotations

from finops_gate.estimate.terraform import price_side
from finops_gate.model import SideCost
from tests.estimate.plan_fixture import PLANS, render, render_fixture, resources, usage_file

__all__ = ["PLANS", "price", "render", "render_fixture", "resources", "usage_file"]


def price(cloud: str, kind: str, address: str) -> SideCost:
    res = next(r for r in resources(cloud, kind) if r.address == address)
    return price_side(res, usage_file(cloud, kind))
