"""Base + head Resources -> ResourceChange, matched by address."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from finops_gate.model import Action, Resource, ResourceChange

# Sources whose settings can move between files: a delete and a create with the same move key
# are one change (a move), not a double count. AI model settings: the key path after "#".
MOVED_FROM = "moved_from"  # attribute of a moved head resource: the address it had in the base
MOVE_KEYS: dict[str, Callable[[Resource], str]] = {
    "models": lambda r: r.address.partition("#")[2],
}
# Sources where a removed resource is not a saving: an application whose model setting is
# removed falls back to a default the change does not show. The head side is the same setting
# marked ``removed`` (its pricer says the cost is unknown), so no removal passes as a decrease.
REMOVED = "removed"
REMOVAL_UNKNOWN = frozenset({"models"})


def match(base: Iterable[Resource], head: Iterable[Resource]) -> list[ResourceChange]:
    """Pair resources by project and address (two Terraform roots may both hold
    ``aws_instance.web``): only in head = create, only in base = delete, both = update (or
    no-op when nothing that matters changed). Order: by address, then project."""
    before = {(r.address, r.project or ""): r for r in base}
    after = {(r.address, r.project or ""): r for r in head}
    changes: list[ResourceChange] = []
    for key in sorted(before.keys() | after.keys()):
        address = key[0]
        b, a = before.get(key), after.get(key)
        if b is None:
            action = Action.CREATE
        elif a is None:
            action = Action.DELETE
        elif _same(b, a):
            action = Action.NOOP
        else:
            action = Action.UPDATE
        changes.append(ResourceChange(address=address, action=action, before=b, after=a))
    return [_removal(c) for c in _pair_moves(changes)]


def _removal(c: ResourceChange) -> ResourceChange:
    if c.action is not Action.DELETE or c.before is None:
        return c
    if c.before.source not in REMOVAL_UNKNOWN:
        return c
    after = replace(c.before, attributes={**c.before.attributes, REMOVED: True})
    return ResourceChange(address=c.address, action=Action.UPDATE, before=c.before, after=after)


def _pair_moves(changes: list[ResourceChange]) -> list[ResourceChange]:
    """A delete and a create of the same source and move key, one of each: a move (update)."""
    groups: dict[tuple[str, str], list[ResourceChange]] = {}
    for c in changes:
        side = c.before if c.action is Action.DELETE else c.after
        key_of = MOVE_KEYS.get(side.source) if side is not None else None
        if key_of is not None and side is not None and c.action in (Action.CREATE, Action.DELETE):
            groups.setdefault((side.source, key_of(side)), []).append(c)
    moved: dict[str, ResourceChange] = {}
    for group in groups.values():
        deletes = [c for c in group if c.action is Action.DELETE]
        creates = [c for c in group if c.action is Action.CREATE]
        if len(deletes) != 1 or len(creates) != 1:
            continue  # ambiguous: several files gained or lost the same key path
        b, a = deletes[0].before, creates[0].after
        assert b is not None and a is not None
        action = Action.NOOP if _same(b, a) else Action.UPDATE
        # the usage configured for the old address stays bound to the setting that moved
        a = replace(a, attributes={**a.attributes, MOVED_FROM: b.address})
        move = ResourceChange(address=a.address, action=action, before=b, after=a)
        moved[deletes[0].address] = moved[creates[0].address] = move
    if not moved:
        return changes
    out: list[ResourceChange] = []
    for c in changes:
        m = moved.get(c.address, c)
        if m is c or c.action is Action.CREATE:
            out.append(m)
    return out


def _same(b: Resource, a: Resource) -> bool:
    return (
        b.kind == a.kind
        and b.region == a.region
        and b.attributes == a.attributes
        and b.tags == a.tags
        and b.unknown == a.unknown
    )
