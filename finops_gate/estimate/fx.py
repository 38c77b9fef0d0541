"""Priced changes in another currency: every amount times one dated reference rate.

Prices stay USD in the catalogs and through pricing; when a report is wanted in another
currency the priced deltas are converted once, here, before the policies compare them with
thresholds and budgets written in that currency. Quantities are untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from finops_gate.currency import Rate
from finops_gate.model import CostDelta, PricedLine, SideCost


def _times(value: Decimal | None, rate: Decimal) -> Decimal | None:
    return None if value is None else value * rate


def _line(line: PricedLine, rate: Decimal) -> PricedLine:
    return replace(
        line,
        unit_price=_times(line.unit_price, rate),
        monthly_cost=_times(line.monthly_cost, rate),
    )


def _side(side: SideCost | None, rate: Decimal) -> SideCost | None:
    if side is None:
        return None
    return replace(
        side,
        monthly=_times(side.monthly, rate),
        lines=tuple(_line(line, rate) for line in side.lines),
        per_request=_times(side.per_request, rate),
        per_request_worst=_times(side.per_request_worst, rate),
    )


def convert(deltas: Sequence[CostDelta], rate: Rate) -> list[CostDelta]:
    """``deltas`` in ``rate.code`` (unchanged for USD)."""
    if rate.code == "USD":
        return list(deltas)
    r = rate.per_usd
    return [replace(d, before=_side(d.before, r), after=_side(d.after, r)) for d in deltas]
