"""Base + head Resources -> ResourceChange, matched by address."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from finops_gate.model import (
    IMPORTED,
    MOVED_FROM,
    UNREAD_MODULE,
    Action,
    Resource,
    ResourceChange,
)


# Sources whose resources can move without saying so: a delete and a create with the same move
# key (one of each) are one change (a move), not a double count. AI model settings: the key
# path after "#" (the setting moved to another file); Kubernetes: the kind and namespace within
# one file (the workload was renamed).
def _kubernetes_move_key(r: Resource) -> str:
    parts = r.address.partition("#")[0].split("/")  # Kind/namespace/name or Kind/name
    return f"{r.file}\0{r.kind}\0{parts[1] if len(parts) > 2 else ''}"


MOVE_KEYS: dict[str, Callable[[Resource], str]] = {
    "kubernetes": _kubernetes_move_key,
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
    moved = _declared_moves(before, after)
    moved.update(_implied_moves(before, after, moved))
    taken = set(moved.values())
    changes: list[ResourceChange] = []
    for key in sorted((before.keys() - taken) | after.keys()):
        address = key[0]
        b, a = before.get(moved.get(key, key)), after.get(key)
        if b is None and a is not None and IMPORTED in a.attributes and a.source == "terraform":
            # brought under Terraform by an import block: it exists, its cost is not new, and
            # what it costs today is not in the code (its settings may differ from the code's)
            b = replace(a, unknown=a.unknown | _IMPORT)
            action = Action.UPDATE
        elif b is None:
            action = Action.CREATE
        elif a is None:
            action = Action.DELETE
        elif _same(b, a):
            action = Action.NOOP
        else:
            action = Action.UPDATE
        changes.append(ResourceChange(address=address, action=action, before=b, after=a))
    return [_removal(c) for c in _pair_moves(_unknown_instances(changes))]


_IMPORT = frozenset({"import"})  # estimate/terraform.py: the reason such a base gets
# terraform_hcl.UNKNOWN_INPUTS (not imported: the plan path never loads the .tf reader)
_CODE_UNKNOWN = "__unknown_inputs__"


def _open_prefixes(r: Resource) -> tuple[str, ...]:
    """The addresses below a Terraform row that stands for what the code cannot list: a block
    whose ``count``/``for_each`` it does not tell (``aws_nat_gateway.this`` for
    ``aws_nat_gateway.this[0]``...), a module call whose resources it does not hold
    (``module.vpc`` for ``module.vpc.aws_subnet.public[0]``...)."""
    if r.source != "terraform":
        return ()
    if r.kind == "module" and UNREAD_MODULE in r.attributes:
        return (f"{r.address}.", f"{r.address}[")
    if ("count" in r.unknown or "for_each" in r.unknown) and _CODE_UNKNOWN in r.attributes:
        return (f"{r.address}[",)  # (a .tf row: a plan's resource may have a "count" argument)
    return ()


def _unknown_instances(changes: list[ResourceChange]) -> list[ResourceChange]:
    """Base instances of a row the head's code cannot list are not deleted: each is an update
    against that row (priced as it is: unknown), and the row itself is not listed again. A NAT
    gateway whose count the head no longer tells is never a saving; one a module fetched by
    ``terraform init`` now holds is never a removal. (The other way round, instances the head
    lists of a row the base could not, are created: a cost counted, never a saving.)"""
    open_rows: dict[str, list[tuple[tuple[str, ...], ResourceChange]]] = {}
    for c in changes:
        if c.action is Action.CREATE and c.after is not None:
            prefixes = _open_prefixes(c.after)
            if prefixes:
                open_rows.setdefault(c.after.project or "", []).append((prefixes, c))
    if not open_rows:
        return changes
    folded: set[int] = set()
    out: list[ResourceChange] = []
    for c in changes:
        before = c.before
        row = None
        if c.action is Action.DELETE and before is not None and before.source == "terraform":
            row = _covering(open_rows.get(before.project or "", ()), c.address)
        if row is None or row.after is None:
            out.append(c)
            continue
        folded.add(id(row))
        stand_in = replace(row.after, address=c.address)
        out.append(ResourceChange(address=c.address, action=Action.UPDATE, before=before,
                                  after=stand_in))  # fmt: skip
    return [c for c in out if id(c) not in folded]


def _covering(
    rows: Iterable[tuple[tuple[str, ...], ResourceChange]], address: str
) -> ResourceChange | None:
    for prefixes, row in rows:
        if address.startswith(prefixes):
            return row
    return None


def _removal(c: ResourceChange) -> ResourceChange:
    if c.action is not Action.DELETE or c.before is None:
        return c
    if c.before.source not in REMOVAL_UNKNOWN:
        return c
    after = replace(c.before, attributes={**c.before.attributes, REMOVED: True})
    return ResourceChange(address=c.address, action=Action.UPDATE, before=c.before, after=after)


def _declared_moves(
    before: dict[tuple[str, str], Resource], after: dict[tuple[str, str], Resource]
) -> dict[tuple[str, str], tuple[str, str]]:
    """Head key -> base key for head resources that say where they were (``MOVED_FROM``: a
    Terraform ``moved`` block), when the base holds that address and the head no longer does."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for (address, project), a in after.items():
        old = a.attributes.get(MOVED_FROM)
        if not isinstance(old, str) or (address, project) in before:
            continue
        if (old, project) in before and (old, project) not in after:
            out[(address, project)] = (old, project)
    return out


def _implied_moves(
    before: dict[tuple[str, str], Resource],
    after: dict[tuple[str, str], Resource],
    declared: Mapping[tuple[str, str], tuple[str, str]],
) -> dict[tuple[str, str], tuple[str, str]]:
    """The moves Terraform makes without a ``moved`` block: a resource that gains ``count``
    keeps its object as instance ``[0]``, and one that drops ``count`` keeps instance ``[0]``
    as itself. Head key -> base key, where neither side holds the other's address (and no
    declared move takes either); the head resource then says where it was (``MOVED_FROM``), as
    a declared move does, so its usage entry follows it."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    taken = set(declared.values())
    for key, a in after.items():
        if a.source != "terraform" or key in before or key in declared:
            continue
        address, project = key
        if address.endswith("[0]"):
            old = (address[:-3], project)  # count added
        elif not address.endswith("]"):
            old = (f"{address}[0]", project)  # count removed
        else:
            continue
        b = before.get(old)
        if b is None or b.source != "terraform" or old in after or old in taken:
            continue
        if _open_prefixes(a) or _open_prefixes(b):
            continue  # a row for instances the code cannot list still has its count
        out[key] = old
        if MOVED_FROM not in a.attributes:
            after[key] = replace(a, attributes={**a.attributes, MOVED_FROM: old[0]})
    return out


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
        and _without_move(b.attributes) == _without_move(a.attributes)
        and b.tags == a.tags
        and b.unknown == a.unknown
    )


def _without_move(attributes: Mapping[str, Any]) -> Mapping[str, Any]:
    if MOVED_FROM not in attributes:
        return attributes
    return {k: v for k, v in attributes.items() if k != MOVED_FROM}
