"""Price CostLines against a catalog and fold them into one SideCost."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from finops_gate.model import CostLine, PricedLine, SideCost, Status


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
    used = (catalog.name, catalog.version)
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
            if line.note is not None and line.note not in notes:
                notes.append(line.note)
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
            tuple(priced),
            reason="; ".join(reasons),
            catalog=used,
            notes=tuple(notes),
        )
    if not known_cost and any(p.monthly_quantity is None for p in priced):
        return SideCost(
            Status.USAGE_UNKNOWN,
            None,
            tuple(priced),
            reason="cost depends on usage that was not given",
            catalog=used,
            notes=tuple(notes),
        )
    return SideCost(Status.PRICED, total, tuple(priced), catalog=used, notes=tuple(notes))
