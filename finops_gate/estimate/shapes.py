"""Run a mapper once per resource *shape*: a large plan holds thousands of resources that differ
only in what no mapper reads (names, tags, descriptions, policies), and pricing each costs more
than reading it.

A mapper is a pure function of the attributes it reads, the resource's kind, provider, region
and unknown paths, and the usage it is given (``estimate/terraform.py``). So the first time a
kind is priced its attributes are handed to the mapper through ``_Reads``, which notes every key
the mapper looks at. A later resource that agrees with an earlier one on every key ever read for
its kind (value and type: ``True`` is not ``1``) would make the mapper read the very same values
in the very same order, so it gets the same lines without running it. A mapper that looks at
the attributes as a whole (iterates, copies, compares them) is not reused for that resource:
every key would be an input. Resources given usage values are never reused (their usage is
their own), nor are attributes that are not a plain dict, or whose values show no content in
``repr`` (identity only).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from finops_gate.model import CostLine, Resource
from finops_gate.usage import Usage

Mapper = Callable[[Resource, Usage], Sequence[CostLine]]


class _Missing:
    """An attribute a mapper asked for and the resource lacks (its ``repr`` is part of keys)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<finops_gate.estimate.shapes: no such attribute>"


_MISSING = _Missing()
_MISSINGS = itertools.repeat(_MISSING)
# values whose equality is exact with their type alongside (``True == 1``, but not as types);
# anything else is keyed by its ``repr`` (a container may hold ``True`` where another has ``1``)
_PLAIN = frozenset({str, int, bool, type(None), _Missing})
# (for the callers that inline ``shape_key``'s common case: ``terraform.side_pricer``)
MISSINGS, PLAIN = _MISSINGS, _PLAIN


class _Reads(dict[Any, Any]):
    """A copy of a resource's attributes that notes what a mapper reads of it: each key once,
    with the value it saw (``_MISSING`` when absent); ``whole`` once it reads the mapping as a
    whole. Every way a dict is read goes through an override (``{**x}`` and ``dict(x)`` call
    ``keys``, ``json.dumps`` calls ``items``, ``==`` calls ``__eq__``)."""

    __slots__ = ("seen", "whole")

    def __init__(self, attributes: Mapping[str, Any]) -> None:
        super().__init__(attributes)
        self.seen: dict[Any, Any] = {}
        self.whole = False

    def _note(self, key: Any) -> Any:
        value = dict.get(self, key, _MISSING)
        self.seen.setdefault(key, value)
        return value

    def __getitem__(self, key: Any) -> Any:
        self._note(key)
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        value = self._note(key)
        return default if value is _MISSING else value

    def __contains__(self, key: object) -> bool:
        return self._note(key) is not _MISSING

    def _all(self) -> None:
        self.whole = True

    def keys(self) -> Any:
        self._all()
        return dict.keys(self)

    def values(self) -> Any:
        self._all()
        return dict.values(self)

    def items(self) -> Any:
        self._all()
        return dict.items(self)

    def __iter__(self) -> Iterator[Any]:
        self._all()
        return dict.__iter__(self)

    def __reversed__(self) -> Iterator[Any]:
        self._all()
        return dict.__reversed__(self)

    def __len__(self) -> int:
        self._all()
        return dict.__len__(self)

    def __eq__(self, other: object) -> bool:
        self._all()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        self._all()
        return dict.__ne__(self, other)

    __hash__ = None

    def __or__(self, other: Any) -> Any:
        self._all()
        return dict(dict.items(self)) | other

    def __ror__(self, other: Any) -> Any:
        self._all()
        return other | dict(dict.items(self))

    def copy(self) -> dict[Any, Any]:
        self._all()
        return dict(dict.items(self))

    def __repr__(self) -> str:
        self._all()
        return dict.__repr__(self)

    def __reduce_ex__(self, protocol: Any) -> Any:
        self._all()
        return (dict, (dict(dict.items(self)),))

    # a mapper that changed what it prices would depend on more than it read: not reused
    def __setitem__(self, key: Any, value: Any) -> None:
        self._all()
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: Any) -> None:
        self._all()
        dict.__delitem__(self, key)

    def __ior__(self, other: Any) -> Any:
        self._all()
        dict.update(self, other)
        return self

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._all()
        return dict.setdefault(self, key, default)

    def pop(self, key: Any, *default: Any) -> Any:
        self._all()
        return dict.pop(self, key, *default)

    def popitem(self) -> tuple[Any, Any]:
        self._all()
        return dict.popitem(self)

    def clear(self) -> None:
        self._all()
        dict.clear(self)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._all()
        dict.update(self, *args, **kwargs)


class _Shapes:
    """The lines of one kind in one pricing context (``Memo`` key), by the values of ``keys``:
    every attribute any run of the mapper read so far."""

    __slots__ = ("hits", "keys", "table", "unique")

    def __init__(self) -> None:
        self.keys: tuple[Any, ...] = ()
        self.table: dict[Any, tuple[CostLine, ...]] = {}
        self.hits = 0  # since the table was last emptied
        # every shape kept so far was new (_UNIQUE of them): a key costs (a repr of what the
        # mapper read, an address inside a joined value) and is never found again
        self.unique = False


_UNIQUE = 1000


def shape_key(attributes: Mapping[str, Any], keys: tuple[Any, ...]) -> Any:
    """What a resource's lines are keyed by: the values at ``keys`` with their types (``True``
    and ``1`` are equal and hash alike), or their ``repr`` when one is a container, a float
    (``-0.0`` equals ``0.0``) or anything else. None: a value whose ``repr`` shows its identity,
    not its content."""
    values = tuple(map(attributes.get, keys, _MISSINGS))
    types = tuple(map(type, values))
    if _PLAIN.issuperset(types):
        return (values, types)
    text = repr(values)
    return None if " at 0x" in text else text


class Memo:
    """Lines per shape, for one context at a time (kind, provider, region, unknown paths, price
    date, catalog: whatever a mapper reads besides the attributes). Bounded: a plan of only
    distinct shapes clears it rather than grow it without end."""

    def __init__(self, limit: int = 50_000) -> None:
        self._shapes: dict[Any, _Shapes] = {}
        self._size = 0
        self._limit = limit

    def clear(self) -> None:
        self._shapes.clear()
        self._size = 0

    def lines(
        self, mapper: Mapper, resource: Resource, usage: Usage, context: Any
    ) -> tuple[CostLine, ...]:
        """``mapper(resource, usage)``, run once per shape (module docstring)."""
        if usage.values or type(resource.attributes) is not dict:
            # (attributes of another kind of mapping may answer what a copy would not)
            return tuple(mapper(resource, usage))
        shapes = self._shapes.get(context)
        attributes = resource.attributes
        if shapes is not None:
            if shapes.unique:  # (the same lines, without a key that never repeats)
                return tuple(mapper(resource, usage))
            try:
                key = shape_key(attributes, shapes.keys)
                found = None if key is None else shapes.table.get(key)
            except TypeError:  # an unhashable value of an unusual type
                found = None
            if found is not None:
                shapes.hits += 1
                return found
        reads = _Reads(attributes)
        lines = tuple(mapper(replace(resource, attributes=reads), usage))
        if not reads.whole:
            self._keep(context, shapes, tuple(reads.seen), attributes, lines)
        return lines

    def filed(
        self, context: Any, attributes: Mapping[str, Any], lines: tuple[CostLine, ...]
    ) -> tuple[Any, Any] | None:
        """The shapes of ``context`` and the key of ``attributes`` over their ``keys``, when
        they keep ``lines`` (just returned by ``lines``) under it: every resource whose key
        over those keys is the same gets those lines, so its caller may remember what it made
        of them by that key (with the keys it was made over). None: they are not kept."""
        shapes = self._shapes.get(context)
        if shapes is None or shapes.unique or type(attributes) is not dict:
            return None
        try:
            key = shape_key(attributes, shapes.keys)
            return (shapes, key) if key is not None and shapes.table.get(key) is lines else None
        except TypeError:
            return None

    def _keep(
        self,
        context: Any,
        shapes: _Shapes | None,
        read: tuple[Any, ...],
        attributes: Mapping[str, Any],
        lines: tuple[CostLine, ...],
    ) -> None:
        if self._size >= self._limit:
            self._shapes.clear()
            self._size = 0
            shapes = None
        if shapes is None:
            shapes = self._shapes[context] = _Shapes()
        if not set(read) <= set(shapes.keys):
            # a key no earlier run read: the shapes kept so far say nothing about it
            shapes.keys = (*shapes.keys, *(k for k in read if k not in shapes.keys))
            self._size -= len(shapes.table)
            shapes.table = {}
            shapes.hits = 0
        try:
            key = shape_key(attributes, shapes.keys)
            if key is not None and key not in shapes.table:
                shapes.table[key] = lines
                self._size += 1
                if len(shapes.table) >= _UNIQUE and not shapes.hits:
                    shapes.unique = True
                    self._size -= len(shapes.table)
                    shapes.table = {}
        except TypeError:
            pass
