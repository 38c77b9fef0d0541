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
) -> bool | None:
    """Whether every ``key: value`` of ``scope`` is on the resource (keys mapped per platform);
    None when the resource cannot tell: the keys it knows match, and a key's value is known only
    after apply (``tags = var.tags`` with no value in the code)."""
    if resource is None:
        return False
    tags = resource.tags or {}
    unknown = resource.unknown_tags
    undecided = False
    for key, value in scope.items():
        real = platform_key(key, resource.provider, keys)
        if real in tags:
            if tags[real] != value:
                return False
        elif real in unknown or "*" in unknown:
            undecided = True
        else:
            return False
    return None if undecided else True


def scoped_sums(
    deltas: list[CostDelta],
    scope: Mapping[str, str],
    keys: Mapping[str, Mapping[str, str]],
    *,
    count_undecided: bool = False,
) -> tuple[Decimal, Decimal, int, int]:
    """(monthly before, monthly after, resources in scope whose cost is unknown, resources that
    cannot tell whether they are in scope).

    The base side counts when the base resource is in scope, the head side when the head one
    is: retagging a resource moves its cost between scopes. A side that cannot tell (``matches``
    is None) is summed only with ``count_undecided`` (a budget takes the worst case: a tag the
    change leaves unknown must not take a resource out of its budget); either way it is counted
    in the fourth value.
    """
    before = after = Decimal(0)
    unknown = undecided = 0
    for d in deltas:
        in_before = matches(d.change.before, scope, keys)
        in_after = matches(d.change.after, scope, keys)
        undecided += in_before is None or in_after is None
        missing = False
        if in_before or (in_before is None and count_undecided):
            if d.monthly_before is None:
                missing = True
            else:
                before += d.monthly_before
        if in_after or (in_after is None and count_undecided):
            if d.monthly_after is None:
                missing = True
            else:
                after += d.monthly_after
        unknown += missing
    return before, after, unknown, undecided
