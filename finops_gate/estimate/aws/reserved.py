"""Reserved capacity from the usage keys of Infracost usage files.

``reserved_instance_type`` (``standard`` | ``convertible``, EC2 only), ``reserved_instance_term``
(``1_year`` | ``3_year``) and ``reserved_instance_payment_option`` (``no_upfront`` |
``partial_upfront`` | ``all_upfront``) say that an instance, database, cache node or dedicated
host runs on a reservation. Pages: https://aws.amazon.com/ec2/pricing/reserved-instances/,
https://aws.amazon.com/rds/pricing/, https://aws.amazon.com/elasticache/pricing/.

- ``no_upfront``: the whole cost is the recurring hourly rate, priced from
  ``<on-demand key>.reserved.[<type>.]<1yr|3yr>.no_upfront`` where the catalog has it.
- ``partial_upfront`` / ``all_upfront``: part (or all) of the cost is an upfront fee paid once
  per term; its monthly share (amortized over the term) is not in any catalog, and the recurring
  rate alone would understate the cost (all_upfront: $0/hour).
- Whenever the reserved rate is not complete in the catalog, the line is priced on-demand (an
  upper bound: a reservation only lowers the rate), and the report's notes say so. Never $0.
"""

from __future__ import annotations

from dataclasses import replace

from finops_gate.estimate.usage import Usage
from finops_gate.frozen import frozen
from finops_gate.model import CostLine

TERMS = {"1_year": "1yr", "3_year": "3yr"}
PAYMENTS = ("no_upfront", "partial_upfront", "all_upfront")
OFFERINGS = ("standard", "convertible")
KEYS = ("reserved_instance_type", "reserved_instance_term", "reserved_instance_payment_option")


@frozen
class Reservation:
    """A reserved-instance purchase read from usage: term, payment option and offering."""

    term: str  # "1yr" | "3yr"
    payment: str  # one of PAYMENTS
    offering: str | None  # "standard" | "convertible" (EC2), None elsewhere

    @property
    def suffix(self) -> str:
        parts = ["reserved", *([self.offering] if self.offering else []), self.term, self.payment]
        return ".".join(parts)

    @property
    def label(self) -> str:
        kind = f"{self.offering} " if self.offering else ""
        return f"reserved, {kind}{self.term} {self.payment.replace('_', ' ')}"


def reservation(usage: Usage, *, offering: bool = False) -> Reservation | str | None:
    """The reservation the usage describes; None when no reserved key is given; a reason (str)
    when the keys are incomplete or not among the values above."""
    given = {k: usage.text(k) for k in (KEYS if offering else KEYS[1:])}
    if not any(given.values()):
        return None
    term, payment = given["reserved_instance_term"], given["reserved_instance_payment_option"]
    kind = given.get("reserved_instance_type") or ("standard" if offering else None)
    if term not in TERMS:
        return f"reserved_instance_term {term!r} is not one of {', '.join(TERMS)}"
    if payment not in PAYMENTS:
        return f"reserved_instance_payment_option {payment!r} is not one of {', '.join(PAYMENTS)}"
    if offering and kind not in OFFERINGS:
        return f"reserved_instance_type {kind!r} is not one of {', '.join(OFFERINGS)}"
    return Reservation(TERMS[term], payment, kind if offering else None)


def reserved_line(on_demand: CostLine, usage: Usage, *, offering: bool = False) -> CostLine:
    """``on_demand`` (an hourly line with a catalog key) as the reservation the usage keys
    describe; ``on_demand`` itself when they describe none."""
    found = reservation(usage, offering=offering)
    if found is None or not on_demand.price_key or on_demand.unknown_reason is not None:
        return on_demand
    if isinstance(found, str):
        return replace(on_demand, note=f"{found}: priced on-demand, an upper bound")
    if found.payment != "no_upfront":
        return replace(
            on_demand,
            note=(
                f"the upfront fee of a {found.payment} reservation is not in the catalog, and its"
                " recurring rate alone understates the cost: priced on-demand, an upper bound"
            ),
        )
    fallback = replace(
        on_demand,
        note=(
            f"no {found.label} rate for {on_demand.price_key} in the catalog:"
            " priced on-demand, an upper bound"
        ),
    )
    name = on_demand.name.replace("on-demand", found.label, 1)
    if name == on_demand.name:
        name = f"{on_demand.name} ({found.label})"
    return replace(
        on_demand, name=name, price_key=f"{on_demand.price_key}.{found.suffix}", fallback=fallback
    )
