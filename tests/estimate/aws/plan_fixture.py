"""Test helper: AWS plan fixtures -> Resources (built directly from ``change.after``), and priced
sides -> deterministic text for snapshots.

Fixtures live in tests/fixtures/plans/aws/<type>.json (``terraform show -json`` shape), with an
optional <type>.usage.yml in the infracost-usage.yml shape.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from finops_gate.catalogs.store import CatalogSet
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "plans" / "aws"
# snapshots must not move with the clock (catalog in force, extended support)
CATALOGS = CatalogSet(as_of=date(2026, 11, 30))


def true_paths(mask: Any, prefix: str = "") -> list[str]:
    """Dotted paths where an ``after_unknown`` mask is true (list indices as numbers)."""
    if mask is True:
        return [prefix]
    items: list[tuple[str, Any]] = []
    if isinstance(mask, dict):
        items = [(str(k), v) for k, v in mask.items()]
    elif isinstance(mask, list):
        items = [(str(i), v) for i, v in enumerate(mask)]
    out: list[str] = []
    for key, sub in items:
        out.extend(true_paths(sub, f"{prefix}.{key}" if prefix else key))
    return out


def load_plan(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{kind}.json").read_text(encoding="utf-8"))
    return data


def region_of(plan: dict[str, Any]) -> str:
    expr = plan["configuration"]["provider_config"]["aws"]["expressions"]["region"]
    return str(expr["constant_value"])


def resources(kind: str, region: str | None = None) -> list[Resource]:
    plan = load_plan(kind)
    out = []
    for rc in plan["resource_changes"]:
        change = rc["change"]
        after = change["after"] if change["after"] is not None else change["before"]
        unknown = change.get("after_unknown") or {}
        out.append(
            Resource(
                address=rc["address"],
                source="terraform",
                kind=rc["type"],
                provider="aws",
                region=region or region_of(plan),
                attributes=after,
                unknown=frozenset(true_paths(unknown)),
                tags=after.get("tags"),
            )
        )
    return out


def usage_file(kind: str) -> UsageFile:
    path = FIXTURES / f"{kind}.usage.yml"
    if not path.exists():
        return UsageFile()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return UsageFile(
        by_type=data.get("resource_type_default_usage") or {},
        by_address=data.get("resource_usage") or {},
    )


def resource(kind: str, address: str, region: str | None = None) -> Resource:
    return next(r for r in resources(kind, region) if r.address == address)


def price(
    kind: str, address: str, *, region: str | None = None, usage: UsageFile | None = None
) -> SideCost:
    return price_side(resource(kind, address, region), usage or usage_file(kind), CATALOGS)


def _show(value: Decimal | None) -> str:
    return "-" if value is None else format(value.normalize(), "f")


def render(address: str, side: SideCost) -> str:
    """One resource's priced side as stable text: status, total, then one row per line."""
    rows = [f"{address}  status={side.status.value}  monthly={_show(side.monthly)}"]
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


def render_fixture(kind: str) -> str:
    usage = usage_file(kind)
    blocks = [render(r.address, price_side(r, usage, CATALOGS)) for r in resources(kind)]
    return "\n\n".join(blocks) + "\n"
