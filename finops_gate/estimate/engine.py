"""Price every change: dispatch each side to the pricer of its source domain."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from finops_gate.config import Settings
from finops_gate.estimate import kubernetes, models, terraform
from finops_gate.model import CostDelta, Resource, ResourceChange, SideCost, Status

Pricer = Callable[[Resource, Settings], SideCost]


def _price_terraform(resource: Resource, settings: Settings) -> SideCost:
    return terraform.price_side(resource, settings.terraform_usage, settings.catalogs)


PRICERS: dict[str, Pricer] = {
    "terraform": _price_terraform,
    "models": models.price_side,
    "kubernetes": kubernetes.price_side,
}


# No single resource costs this much a month (or per request): a larger figure comes from an
# absurd size or count in the input, and is refused rather than totalled.
ABSURD = Decimal(10) ** 10


def price_side(resource: Resource, settings: Settings) -> SideCost:
    pricer = PRICERS.get(resource.source)
    if pricer is None:
        return SideCost(Status.UNSUPPORTED, None, reason=f"no pricer for {resource.source} sources")
    return _bounded(pricer(resource, settings))


def _bounded(side: SideCost) -> SideCost:
    for what, value in (("a month", side.monthly), ("per request", side.per_request_worst),
                        ("per request", side.per_request)):  # fmt: skip
        if value is not None and abs(value) > ABSURD:
            amount = f"${value:.3e}" if value.is_finite() else "an infinite amount"
            why = (
                f"{amount} {what} is beyond what any resource costs: a size or count in the "
                "input is absurd; fix it"
            )
            return SideCost(
                Status.UNPRICED, None, reason=why, catalog=side.catalog, notes=side.notes
            )
    return side


def price_changes(changes: Iterable[ResourceChange], settings: Settings) -> list[CostDelta]:
    """Both sides of each change priced; a no-op prices once and reuses it."""
    out: list[CostDelta] = []
    for change in changes:
        before = None if change.before is None else price_side(change.before, settings)
        if change.after is None:
            after = None
        elif change.after is change.before:
            after = before
        else:
            after = price_side(change.after, settings)
        out.append(CostDelta(change=change, before=before, after=after))
    return out
