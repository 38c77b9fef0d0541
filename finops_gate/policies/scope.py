"""Which resources carry a tag: shared by budgets and unit economics."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from finops_gate.model import CostDelta, Resource
from finops_gate.policies.tags import platform_key


def matches(
    resource: Resource | None,
    scope: Mapping[str, str],
    keys: Mapping[str, Mapping[str, str]],
) -> bool:
    """Whether every ``key: value`` of ``scope`` is on the resource (keys mapped per platform)."""
    if resource is None or not resource.tags:
        return False
    return all(
        resource.tags.get(platform_key(k, resource.provider, keys)) == v for k, v in scope.items()
    )


def scoped_sums(
    deltas: list[CostDelta],
    scope: Mapping[str, str],
    keys: Mapping[str, Mapping[str, str]],
) -> tuple[Decimal, Decimal, int]:
    """(monthly before, monthly after, resources in scope whose cost is unknown).

    The base side counts when the base resource is in scope, the head side when the head one
    is: retagging a resource moves its cost between scopes.
    """
    before = after = Decimal(0)
    unknown = 0
    for d in deltas:
        in_before = matches(d.change.before, scope, keys)
        in_after = matches(d.change.after, scope, keys)
        missing = False
        if in_before:
            if d.monthly_before is None:
                missing = True
            else:
                before += d.monthly_before
        if in_after:
            if d.monthly_after is None:
                missing = True
            else:
                after += d.monthly_after
        unknown += missing
    return before, after, unknown
