"""Test helper: a small plan JSON with configuration references, read by the plan reader (so the
related resources a mapper depends on are joined as in a real pipeline)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import ResourceChange, SideCost
from finops_gate.sources.terraform_plan import load_plan
from tests.estimate.aws.plan_fixture import CATALOGS


def _ref(*refs: str) -> dict[str, Any]:
    return {"references": list(refs)}


def _plan(
    tmp_path: Path, resources: list[tuple[str, dict[str, Any], dict[str, Any]]], **sides: Any
) -> dict[str, ResourceChange]:
    """``resources``: (address, after values, configuration expressions); ``sides`` may give
    ``before`` values per address (then the action is an update, or a no-op for the addresses
    listed in ``noop``), ``data_sources`` read at plan time (``prior_state``) and, per address,
    the ``unknown`` arguments the plan shows known only after apply (``after_unknown``)."""
    changes, config = [], []
    for address, after, expressions in resources:
        kind, name = address.split("[")[0].split(".")
        before = sides.get("before", {}).get(address)
        changes.append(
            {
                "address": address,
                "mode": "managed",
                "type": kind,
                "name": name,
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {
                    "actions": (
                        ["no-op"]
                        if address in sides.get("noop", ())
                        else ["update"]
                        if before is not None
                        else ["create"]
                    ),
                    "before": before,
                    "after": after,
                    "after_unknown": _after_unknown(sides.get("unknown", {}).get(address, ())),
                },
            }
        )
        bare = address.split("[")[0]
        if all(c["address"] != bare for c in config):
            config.append(
                {
                    "address": bare,
                    "mode": "managed",
                    "type": kind,
                    "name": name,
                    "provider_config_key": "aws",
                    "expressions": expressions,
                }
            )
    plan = {
        "format_version": "1.2",
        "resource_changes": changes,
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
            },
            "root_module": {"resources": config},
        },
    }
    if sides.get("data_sources"):
        plan["prior_state"] = {"values": {"root_module": {"resources": sides["data_sources"]}}}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return {c.address: c for c in load_plan(path, "plan.json")}


def _after_unknown(paths: Any) -> dict[str, Any]:
    """``after_unknown`` of the arguments ``paths`` names: a name is unknown as a whole, a
    mapping (``{"upgrade_policy": [{"support_type": True}]}``) is taken as it is written."""
    found: dict[str, Any] = {}
    for path in paths:
        found.update(path if isinstance(path, dict) else {path: True})
    return found


def _price(
    change: ResourceChange, usage: dict[str, Any] | None = None, after: bool = True
) -> SideCost:
    side = change.after if after else change.before
    assert side is not None
    return price_side(side, UsageFile(by_address={change.address: usage or {}}), CATALOGS)
