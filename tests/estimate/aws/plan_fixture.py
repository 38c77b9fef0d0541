"""Test helper: AWS plan fixtures through the real plan reader (``tests/estimate/plan_fixture``),
priced at a fixed date, rendered for snapshots.

Fixtures live in tests/fixtures/plans/aws/<type>.json (``terraform show -json`` shape), with an
optional <type>.usage.yml in the infracost-usage.yml shape.
"""

from __future__ import annotations

from datetime import date

from finops_gate.catalogs.store import CatalogSet
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost
from tests.estimate import plan_fixture

FIXTURES = plan_fixture.PLANS / "aws"
# snapshots must not move with the clock (catalog in force, extended support)
CATALOGS = CatalogSet(as_of=date(2026, 12, 3))


def resources(kind: str, region: str | None = None) -> list[Resource]:
    return plan_fixture.resources("aws", kind, region=region)


def resource(kind: str, address: str, region: str | None = None) -> Resource:
    return plan_fixture.resource("aws", kind, address, region=region)


def usage_file(kind: str) -> UsageFile:
    return plan_fixture.usage_file("aws", kind)


def price(
    kind: str, address: str, *, region: str | None = None, usage: UsageFile | None = None
) -> SideCost:
    return price_side(resource(kind, address, region), usage or usage_file(kind), CATALOGS)


def render_fixture(kind: str) -> str:
    """The fixture's resources of ``kind`` priced (the templates, functions... they refer to are
    in the plan for the reader to join, and have snapshots of their own type)."""
    usage = usage_file(kind)
    blocks = [
        plan_fixture.render(r, price_side(r, usage, CATALOGS), with_region=False)
        for r in resources(kind)
        if r.kind == kind
    ]
    return "\n\n".join(blocks) + "\n"
