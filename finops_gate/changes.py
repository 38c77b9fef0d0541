"""Base + head Resources -> ResourceChange, matched by address."""

from __future__ import annotations

from collections.abc import Iterable

from finops_gate.model import Action, Resource, ResourceChange


def match(base: Iterable[Resource], head: Iterable[Resource]) -> list[ResourceChange]:
    """Pair resources by address: only in head = create, only in base = delete, both = update
    (or no-op when nothing that matters changed). Order: by address."""
    before = {r.address: r for r in base}
    after = {r.address: r for r in head}
    changes: list[ResourceChange] = []
    for address in sorted(before.keys() | after.keys()):
        b, a = before.get(address), after.get(address)
        if b is None:
            action = Action.CREATE
        elif a is None:
            action = Action.DELETE
        elif _same(b, a):
            action = Action.NOOP
        else:
            action = Action.UPDATE
        changes.append(ResourceChange(address=address, action=action, before=b, after=a))
    return changes


def _same(b: Resource, a: Resource) -> bool:
    return (
        b.kind == a.kind
        and b.region == a.region
        and b.attributes == a.attributes
        and b.tags == a.tags
        and b.unknown == a.unknown
    )
