"""Per-request cost increases: a model switch is known without any traffic figure.

``gpt-3.5-turbo`` -> ``gpt-4o`` multiplies the price of every request by six whether or not the
config says how many requests there are, so the monthly totals ($0.00 -> $0.00 without usage)
must not be the only gate. For every change whose both sides have a per-request price:

- ``policies.approval.per_request_percent_increase: N`` configured: an increase above N percent
  requires approval (one reason per site, the headline "Projected cost increase: +X% per
  request. Approval required from an engineering lead." in the table, comment and status line).
- not configured: an increase above ``DEFAULT_WARN_PERCENT`` is an ``approval.threshold``
  warning that says how to make it a gate (the documented default; never a silent pass), unless
  another threshold already requires approval for the change.

From a $0 per-request base there is no percentage: a new setting is priced as a creation. A
new paid setting whose monthly volume is not given (``usage_unknown``: in no total, and no
monthly threshold can see it) is an ``approval.threshold`` warning naming its cost per request
and the usage key that counts it: never a silent pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from finops_gate import money
from finops_gate.frozen import frozen
from finops_gate.model import CostDelta, Finding, Severity

POLICY = "approval.threshold"
CONFIG_KEY = "policies.approval.per_request_percent_increase"
DEFAULT_WARN_PERCENT = Decimal(10)


@frozen
class Increase:
    """A rise of a cost per request (a model switch) with both sides known."""

    address: str
    before: Decimal
    after: Decimal
    percent: Decimal
    file: str | None
    line: int | None
    subject_before: str | None  # what was priced: the model name, when the side says
    subject_after: str | None


def increases(deltas: Iterable[CostDelta]) -> list[Increase]:
    """Every per-request increase with both sides known, largest first."""
    out = []
    for d in deltas:
        b = d.before.per_request if d.before is not None else None
        a = d.after.per_request if d.after is not None else None
        if b is None or a is None or b <= 0 or a <= b:
            continue
        current = d.change.current
        out.append(
            Increase(
                address=d.change.address,
                before=b,
                after=a,
                percent=(a - b) * 100 / b,
                file=current.file,
                line=current.line,
                subject_before=_subject(d, "before"),
                subject_after=_subject(d, "after"),
            )
        )
    return sorted(out, key=lambda i: (-i.percent, i.address))


def _subject(d: CostDelta, side: str) -> str | None:
    priced = getattr(d, side)
    value = priced.quantities.get("model") if priced is not None else None
    return None if value is None else str(value)


def headline(percent: Decimal) -> str:
    return (
        f"Projected cost increase: +{pct(percent)}% per request. "
        "Approval required from an engineering lead."
    )


def reasons(deltas: Iterable[CostDelta], limit: Decimal | None, currency: str = "USD") -> list[str]:
    """Approval reasons: one per site above the configured limit (none when not configured)."""
    if limit is None:
        return []
    return [
        f"per-request cost of {i.address}{_switch(i)} +{pct(i.percent)}% > {pct(limit)}% "
        f"({_money(i.before, currency)} -> {_money(i.after, currency)} per request)"
        for i in increases(deltas)
        if i.percent > limit
    ]


def findings(
    deltas: Iterable[CostDelta], limit: Decimal | None, currency: str = "USD"
) -> list[Finding]:
    """The default warning when no per-request limit is configured."""
    if limit is not None:
        return []
    return [
        Finding(
            POLICY,
            Severity.WARN,
            f"Projected cost increase: +{pct(i.percent)}% per request{_switch(i)}, "
            f"{_money(i.before, currency)} -> {_money(i.after, currency)}; set {CONFIG_KEY} to "
            "require "
            "approval from an engineering lead",
            address=i.address,
            file=i.file,
            line=i.line,
        )
        for i in increases(deltas)
        if i.percent > DEFAULT_WARN_PERCENT
    ]


def uncounted(deltas: Iterable[CostDelta], currency: str = "USD") -> list[Finding]:
    """A paid cost per request new in the change (a created site, or one that had none) whose
    requests per month are not given: a warning, since no total holds it."""
    out = []
    for d in deltas:
        a = d.after
        if a is None or a.per_request is None or a.per_request <= 0 or a.monthly is not None:
            continue
        b = d.before.per_request if d.before is not None else None
        if b is not None and b > 0:
            continue  # (a rise of a known cost per request: ``findings``/``reasons``)
        current = d.change.current
        model = _subject(d, "after")
        what = f" ({model})" if model else ""
        out.append(
            Finding(
                POLICY,
                Severity.WARN,
                f"New cost per request{what}: {_money(a.per_request, currency)}, in no total: "
                f"its requests per month are not given; set usage.models.sites."
                f'"{d.change.address}".requests_per_month (or usage.models.default) to count it',
                address=d.change.address,
                file=current.file,
                line=current.line,
            )
        )
    return out


def _switch(i: Increase) -> str:
    b, a = i.subject_before, i.subject_after
    return f" ({b} -> {a})" if b and a and b != a else ""


def pct(amount: Decimal) -> str:
    text = f"{amount.quantize(Decimal('0.1'))}"
    return text[:-2] if text.endswith(".0") else text


def _small(amount: Decimal) -> str:
    return format(amount.quantize(Decimal("0.000001")).normalize(), "f")


def _money(amount: Decimal, currency: str) -> str:
    return money.prefix(currency) + _small(amount)
