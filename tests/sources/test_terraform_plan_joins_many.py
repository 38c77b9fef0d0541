"""Joins in a plan with many instances of one module (for_each over thousands of keys): each
resource joins its own instance's related resources, by reference and by value, through
indexes (the join used to scan every instance of the referring type for every resource, so a
module with 4,000 keys took minutes; bench figures in the commit that added the indexes)."""

from __future__ import annotations

from typing import Any

from finops_gate.model import ResourceChange
from finops_gate.sources.terraform_links import LINK_KEY
from finops_gate.sources.terraform_plan import plan_changes

N = 300


def _plan(by_reference: bool) -> dict[str, Any]:
    changes: list[dict[str, Any]] = []
    for i in range(N):
        module = f'module.m["k{i}"]'
        changes.append(
            {
                "address": f"{module}.aws_dynamodb_table.t",
                "mode": "managed",
                "type": "aws_dynamodb_table",
                "name": "t",
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": {"name": f"table-{i}", "billing_mode": "PROVISIONED"},
                    "after_unknown": {},
                },
            }
        )
        changes.append(
            {
                "address": f"{module}.aws_appautoscaling_target.t",
                "mode": "managed",
                "type": "aws_appautoscaling_target",
                "name": "t",
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": {
                        "resource_id": f"table/table-{i}",
                        "scalable_dimension": "dynamodb:table:ReadCapacityUnits",
                        "min_capacity": i + 1,
                        "service_namespace": "dynamodb",
                    },
                    "after_unknown": {},
                },
            }
        )
    target_expr = (
        {"references": ["aws_dynamodb_table.t.name", "aws_dynamodb_table.t"]}
        if by_reference
        else {"constant_value": "table/x"}  # no reference: matched by the planned value
    )
    resources = [
        {
            "address": "aws_dynamodb_table.t",
            "mode": "managed",
            "type": "aws_dynamodb_table",
            "name": "t",
            "provider_config_key": "aws",
            "expressions": {"name": {"references": ["var.name"]}},
        },
        {
            "address": "aws_appautoscaling_target.t",
            "mode": "managed",
            "type": "aws_appautoscaling_target",
            "name": "t",
            "provider_config_key": "aws",
            "expressions": {"resource_id": target_expr},
        },
    ]
    return {
        "format_version": "1.2",
        "resource_changes": changes,
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
            },
            "root_module": {
                "module_calls": {"m": {"source": "./m", "module": {"resources": resources}}}
            },
        },
    }


def _targets(change: ResourceChange) -> list[Any]:
    assert change.after is not None
    related = change.after.attributes.get(LINK_KEY) or {}
    return [t["min_capacity"] for t in related.get("autoscaling_targets", [])]


def test_each_module_instance_joins_its_own_target_by_reference() -> None:
    changes = plan_changes(_plan(by_reference=True), display="plan.json")
    tables = [c for c in changes if c.after is not None and c.after.kind == "aws_dynamodb_table"]
    assert len(tables) == N
    assert [_targets(c) for c in tables] == [[i + 1] for i in range(N)]


def test_each_table_joins_the_target_naming_it_by_value() -> None:
    changes = plan_changes(_plan(by_reference=False), display="plan.json")
    tables = [c for c in changes if c.after is not None and c.after.kind == "aws_dynamodb_table"]
    assert [_targets(c) for c in tables] == [[i + 1] for i in range(N)]


def _joined(links: Any, entries: list[Any], i: int) -> list[Any]:
    """The targets joined to the i-th table of ``_plan``'s entries (after)."""
    table = entries[2 * i]
    joined = links.related(table["address"], table["type"], True, table["change"]["after"])
    return [t["min_capacity"] for t in (joined or {}).get("autoscaling_targets", [])]


def test_values_noted_after_a_join_are_found_by_later_joins() -> None:
    """The indexes are built when a join first reads them (terraform_links ``_indexed``):
    planned values noted after that are indexed too, by reference and by value."""
    from finops_gate.sources.terraform_plan import RegionDefaults, _Providers, _redact

    for by_reference in (True, False):
        plan = _plan(by_reference)
        entries = plan["resource_changes"]
        links = _Providers(plan, RegionDefaults()).links
        half = len(entries) // 2
        for entry in entries[:half]:
            links.note_planned(entry, _redact)
        assert _joined(links, entries, 0) == [1]
        assert _joined(links, entries, N - 1) == []  # its target is not noted yet
        for entry in entries[half:]:
            links.note_planned(entry, _redact)
        assert _joined(links, entries, N - 1) == [N]
        assert _joined(links, entries, 0) == [1]
