"""``budget.monthly``: the projected monthly cost of a tag scope against its limit.

Before and after are the known spend outside the change (``current_spend``) plus every resource
in scope on that side. At ``warn_at_percent`` of the limit the finding warns, at
``fail_at_percent`` it fails — unless the change does not add to the scope's cost (a scope that
is already over its limit is reported, but a change that does not raise it is not blocked).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from finops_gate import money
from finops_gate.model import CostDelta, Finding, Severity
from finops_gate.policies.scope import scoped_sums

if TYPE_CHECKING:
    from finops_gate.policies.settings import TagPolicy


@dataclass(frozen=True, slots=True)
class Budget:
    """One entry of ``policies.budgets``: a tag scope and its monthly limit."""

    name: str
    scope: Mapping[str, str]
    monthly_limit: Decimal
    warn_at_percent: Decimal = Decimal(80)
    fail_at_percent: Decimal = Decimal(100)
    current_spend: Decimal = Decimal(0)
    currency: str = "USD"  # the amounts above are in report.currency


def check(deltas: list[CostDelta], budgets: tuple[Budget, ...], tags: TagPolicy) -> list[Finding]:
    return [f for b in budgets if (f := _check(deltas, b, tags)) is not None]


def _check(deltas: list[CostDelta], budget: Budget, tags: TagPolicy) -> Finding | None:
    before, after, unknown, undecided = scoped_sums(
        deltas, budget.scope, tags.keys, count_undecided=True
    )
    before += budget.current_spend
    after += budget.current_spend
    used = after * 100 / budget.monthly_limit
    if used < budget.warn_at_percent:
        return None
    severity = Severity.WARN
    if used >= budget.fail_at_percent and after > before:
        severity = Severity.FAIL
    scope = ", ".join(f"{k}={v}" for k, v in sorted(budget.scope.items()))

    def m(amount: Decimal) -> str:
        return money.fmt(amount, budget.currency)

    message = (
        f"budget {budget.name} ({scope}): {m(before)} -> {m(after)} per month "
        f"of a {m(budget.monthly_limit)} limit ({_pct(used)}% used)"
    )
    if budget.current_spend:
        message += f"; includes {m(budget.current_spend)} current spend outside the change"
    if unknown:
        message += f"; {unknown} resource{'s' if unknown != 1 else ''} in scope not priced"
    if undecided:
        keys = ", ".join(sorted(budget.scope))
        message += (
            f"; counts {undecided} resource{'s' if undecided != 1 else ''} whose {keys} is "
            "known only after apply (set it as a literal so the gate can tell)"
        )
    if used >= budget.fail_at_percent and after <= before:
        message += "; over the limit already, and this change does not add to it"
    return Finding(policy="budget.monthly", severity=severity, message=message)


def _pct(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.1'))}"
