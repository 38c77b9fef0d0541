"""Test helper for every cloud's golden tests: plan fixtures read through the REAL plan reader
(``sources/terraform_plan.py``: unknown paths, sensitive values, regions, tags exactly as a user's
plan gets them), priced, and rendered as stable text for snapshots.

Fixtures live in tests/fixtures/plans/<cloud>/<type>.json (``terraform show -json`` shape), with
an optional <type>.usage.yml in the infracost-usage.yml shape.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import yaml

from finops_gate.catalogs.store import CatalogSet
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost
from finops_gate.sources.terraform_plan import plan_changes

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"


def resources(cloud: str, kind: str, *, region: str | None = None) -> list[Resource]:
    """The fixture's resources as the plan reader reads them (the head side; the base side of a
    deletion). ``region`` prices them somewhere else than the plan's provider says."""
    path = PLANS / cloud / f"{kind}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out = [c.current for c in plan_changes(data, display=path.name)]
    return out if region is None else [replace(r, region=region) for r in out]


def resource(cloud: str, kind: str, address: str, *, region: str | None = None) -> Resource:
    return next(r for r in resources(cloud, kind, region=region) if r.address == address)


def usage_file(cloud: str, kind: str) -> UsageFile:
    path = PLANS / cloud / f"{kind}.usage.yml"
    if not path.exists():
        return UsageFile()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return UsageFile(
        by_type=data.get("resource_type_default_usage") or {},
        by_address=data.get("resource_usage") or {},
    )


def _show(value: Decimal | None) -> str:
    return "-" if value is None else format(value.normalize(), "f")


def render(res: Resource, side: SideCost, *, with_region: bool = True) -> str:
    """One resource's priced side as stable text: status, total, then one row per line."""
    where = f"  region={res.region}" if with_region else ""
    rows = [f"{res.address}{where}  status={side.status.value}  monthly={_show(side.monthly)}"]
    if side.reason:
        rows.append(f"  reason: {side.reason}")
    for line in side.lines:
        if line.monthly_cost is not None:
            rows.append(
                f"  {line.name} | {_show(line.monthly_quantity)} {line.unit}"
                f" x {_show(line.unit_price)} = {_show(line.monthly_cost)}"
            )
        elif line.unit_price is not None:
            rows.append(
                f"  {line.name} | depends on usage ({line.usage_key}):"
                f" {_show(line.unit_price)} per {line.unit}"
            )
        else:
            rows.append(f"  {line.name} | unpriced: {line.reason}")
    return "\n".join(rows)


def render_fixture(
    cloud: str, kind: str, *, catalogs: CatalogSet | None = None, with_region: bool = True
) -> str:
    usage = usage_file(cloud, kind)
    blocks = [
        render(r, price_side(r, usage, catalogs), with_region=with_region)
        for r in resources(cloud, kind)
    ]
    return "\n\n".join(blocks) + "\n"
