"""Price CostLines against a catalog and fold them into one SideCost."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol, TypeVar

from finops_gate.model import CostLine, PricedLine, SideCost, Status

_T = TypeVar("_T")


class LineCatalog(Protocol):
    """What ``price_lines`` asks of a catalog: a cloud ``PriceCatalog``, or the rates of one
    model at one request size (``estimate/models.py``)."""

    @property
    def name(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def label(self) -> str: ...
    def price(self, key: str, region: str | None) -> Decimal | None: ...
    def covers(self, region: str | None) -> bool: ...
    def missing_region(self, region: str) -> str: ...
    def missing_price(self, key: str, region: str | None) -> str: ...


def price_lines(lines: Sequence[CostLine], catalog: LineCatalog, region: str | None) -> SideCost:
    """Look each line's price up; the side is priced only if every line with a quantity is.

    Status: ``unpriced`` if any line could not be priced (the total would be a lie);
    ``usage_unknown`` if only usage-based lines lack a quantity and nothing else costs money;
    ``priced`` otherwise (usage-unknown lines are listed with their unit price).
    """
    used = _keep(("catalog", catalog.name, catalog.version), (catalog.name, catalog.version))
    if region is not None and not catalog.covers(region):
        return SideCost(Status.UNPRICED, None, reason=catalog.missing_region(region), catalog=used)
    priced: list[PricedLine] = []
    reasons: list[str] = []
    notes: list[str] = []  # the notes of the lines priced (a fallback taken, and why)
    total = Decimal(0)
    known_cost = False
    for line in lines:
        why = line.unknown_reason
        unit_price = None
        where = region if line.region is None else line.region  # a replica bills in its own
        if why is None and where is not None and where != region and not catalog.covers(where):
            why = catalog.missing_region(where)
        if why is None and line.unit_price is not None:  # the usage file's own rate
            unit_price = line.unit_price
        elif why is None:
            unit_price = catalog.price(line.price_key, where)
            if unit_price is None and line.fallback is not None:
                line = line.fallback
                unit_price = catalog.price(line.price_key, where) if line.price_key else None
            if line.note is not None and line.note not in notes and unit_price is not None:
                notes.append(line.note)  # (a line left unpriced is not "priced on-demand")
            if unit_price is None:
                why = line.unknown_reason
                if why is None:
                    why = catalog.missing_price(line.price_key, where)
        if why is not None or unit_price is None:  # (unit_price is None only with a why)
            reasons.append(f"{line.name}: {why}")
            priced.append(
                PricedLine(line.name, line.unit, line.quantity, None, None, line.usage_key, why)
            )
            continue
        if line.quantity is None:
            priced.append(
                PricedLine(
                    line.name, line.unit, None, unit_price, None, line.usage_key, "depends on usage"
                )
            )
            continue
        cost = line.quantity * unit_price
        total += cost
        known_cost = True
        priced.append(
            PricedLine(line.name, line.unit, line.quantity, unit_price, cost, line.usage_key)
        )
    if reasons:
        return SideCost(
            Status.UNPRICED,
            None,
            shared_lines(tuple(priced)),
            reason="; ".join(reasons),
            catalog=used,
            notes=tuple(notes),
        )
    if not known_cost and any(p.monthly_quantity is None for p in priced):
        return SideCost(
            Status.USAGE_UNKNOWN,
            None,
            shared_lines(tuple(priced)),
            reason="cost depends on usage that was not given",
            catalog=used,
            notes=tuple(notes),
        )
    return SideCost(
        Status.PRICED, shared(total), shared_lines(tuple(priced)), catalog=used, notes=tuple(notes)
    )


# Equal values, one object: a tree's resources price the same few shapes (one pod, one
# instance size), and each side would otherwise hold its own lines, amounts and quantities
# (most of a whole-tree check's memory). Keyed by exact text: Decimal("1.0") == Decimal("1")
# but prints otherwise. Bounded: emptied when full (what it holds is shared, not lost).
_SHARED: dict[object, object] = {}
_SHARED_MAX = 20_000


def _keep(key: object, value: _T) -> _T:
    found = _SHARED.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.clear()
    _SHARED[key] = value
    return value


def shared(value: Decimal) -> Decimal:
    """``value``, or an equal amount already held that prints the same."""
    return _keep(("amount", str(value)), value)


def shared_lines(lines: tuple[PricedLine, ...]) -> tuple[PricedLine, ...]:
    """``lines``, or equal lines already held (every amount printing the same)."""
    if not lines:
        return lines
    key = tuple(
        (
            x.name,
            x.unit,
            None if x.monthly_quantity is None else str(x.monthly_quantity),
            None if x.unit_price is None else str(x.unit_price),
            None if x.monthly_cost is None else str(x.monthly_cost),
            x.usage_key,
            x.reason,
        )
        for x in lines
    )
    return _keep(key, lines)


def shared_quantities(quantities: dict[str, str]) -> dict[str, str]:
    """``quantities``, or an equal mapping already held (never changed once made)."""
    return _keep(("quantities", *quantities.items()), quantities)
