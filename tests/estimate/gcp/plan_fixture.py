"""Test helper: Azure/GCP plan fixtures read through the REAL plan reader, priced, rendered.

Fixtures live in tests/fixtures/plans/<cloud>/<type>.json (``terraform show -json`` shape), with
an optional <type>.usage.yml in the infracost-usage.yml shape.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import yaml

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost
from finops_gate.sources.terraform_plan import plan_changes

PLANS = Path(__file__).resolve().parents[2] / "fixtures" / "plans"


def resources(cloud: str, kind: str) -> list[Resource]:
    path = PLANS / cloud / f"{kind}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [c.current for c in plan_changes(data, display=path.name)]


def usage_file(cloud: str, kind: str) -> UsageFile:
    path = PLANS / cloud / f"{kind}.usage.yml"
    if not path.exists():
        return UsageFile()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return UsageFile(
        by_type=data.get("resource_type_default_usage") or {},
        by_address=data.get("resource_usage") or {},
    )


def price(cloud: str, kind: str, address: str) -> SideCost:
    res = next(r for r in resources(cloud, kind) if r.address == address)
    return price_side(res, usage_file(cloud, kind))


def _show(value: Decimal | None) -> str:
    return "-" if value is None else format(value.normalize(), "f")


def render(res: Resource, side: SideCost) -> str:
    rows = [
        f"{res.address}  region={res.region}  status={side.status.value}"
        f"  monthly={_show(side.monthly)}"
    ]
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


def render_fixture(cloud: str, kind: str) -> str:
    usage = usage_file(cloud, kind)
    blocks = [render(r, price_side(r, usage)) for r in resources(cloud, kind)]
    return "\n\n".join(blocks) + "\n"
