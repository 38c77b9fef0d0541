"""``approval.threshold``: above a configured increase the change needs an authorised sign-off.

Amounts are the totals of what could be priced (both sides known). Thresholds:

- ``monthly_increase`` (USD, or ``report.currency``): the monthly increase is above it.
- ``percent_increase``: the increase over the base total is above this percent AND at least
  ``percent_min_increase`` USD (default $10). From a $0 base the percent is infinite, so there
  only the dollar minimum decides: a new $4 resource in an empty project needs no sign-off, a new
  $400 one does.
- ``per_request_percent_increase``: a site's cost per request (a model switch) rises by more
  than this percent; known without any traffic figure (per_request.py).

An approval counts when its approver (or one of the approver's teams) is listed in
``approvers`` for the platform (any approver when none are listed) and it is bound to this change:
given on the current head commit, or given for a monthly increase that the current one does not
exceed by more than the margin (``margin_percent`` of it, default 10%, or ``margin_monthly`` USD,
whichever is larger). A later push that raises the cost beyond that needs a new approval.

When a threshold is configured, a created or changed resource whose head cannot be priced also
requires approval, with the reason "cost unknown" (``on_unknown_cost: ignore`` turns this off):
otherwise it would leave both totals and never reach a threshold.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from finops_gate import money
from finops_gate.model import Action, Approval, CostDelta, Status
from finops_gate.policies.context import ApprovalRecord, PolicyContext
from finops_gate.policies.settings import ApprovalPolicy


def known_totals(deltas: Iterable[CostDelta]) -> tuple[Decimal, Decimal]:
    """(before, after) over the resources with both sides known."""
    before = after = zero = Decimal(0)
    for d in deltas:
        # (CostDelta.monthly_before/after inlined: a property call each, per resource)
        sb, sa = d.before, d.after
        b = zero if sb is None else sb.monthly
        a = zero if sa is None else sa.monthly
        if b is not None and a is not None:
            before += b
            after += a
    return before, after


def reasons(before: Decimal, after: Decimal, policy: ApprovalPolicy) -> list[str]:
    def m(amount: Decimal) -> str:
        return money.fmt(amount, policy.currency)

    delta = after - before
    out = []
    if policy.monthly_increase is not None and delta > policy.monthly_increase:
        out.append(f"monthly increase {m(delta)} > {m(policy.monthly_increase)}")
    limit = policy.percent_increase
    if limit is not None and delta > 0 and delta >= policy.percent_min_increase:
        if before == 0:
            out.append(
                f"monthly increase {m(delta)} from a {money.prefix(policy.currency)}0 base "
                f"(no percentage; over {_pct(limit)}% because it is at least "
                f"{m(policy.percent_min_increase)})"
            )
        elif (percent := delta * 100 / before) > limit:
            out.append(f"cost increase {_pct(percent)}% > {_pct(limit)}% (+{m(delta)})")
    return out


_UNKNOWN = (Status.UNPRICED, Status.UNSUPPORTED)


def unknown_cost(deltas: Iterable[CostDelta]) -> list[str]:
    """The "cost unknown" reason: created or changed resources whose head cannot be priced (an
    unresolved variable, a model with no default, a chart that was not rendered) would drop out
    of both totals and so out of every threshold. Usage that was not given is not this: it is
    listed with its unit price."""
    unknown = [
        (d, side)
        for d in deltas
        if d.change.action in (Action.CREATE, Action.UPDATE, Action.REPLACE)
        and d.after is not None
        and (side := d.unpriced_side) is not None
        and side.monthly is None
        and side.status in _UNKNOWN
    ]
    if not unknown:
        return []
    named = ", ".join(
        f"{d.change.address} ({side.reason})" if side.reason else d.change.address
        for d, side in unknown[:3]
    )
    more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
    count = f"{len(unknown)} changed resource{'s' if len(unknown) != 1 else ''}"
    return [f"cost unknown: {count} cannot be priced: {named}{more}"]


def approvers_for(policy: ApprovalPolicy, platform: str | None) -> tuple[str, ...]:
    if platform is not None:
        return policy.approvers.get(platform, ())
    seen: dict[str, None] = {}
    for names in policy.approvers.values():
        seen.update(dict.fromkeys(names))
    return tuple(seen)


def evaluate(deltas: Iterable[CostDelta], policy: ApprovalPolicy, ctx: PolicyContext) -> Approval:
    """The approval state: required or not, why, from whom, and who validly approved."""
    deltas = list(deltas)
    # (the totals, summed over every resource, only where they are read: by the thresholds
    # when some are configured, else by an approval's check once approval is required)
    totals = known_totals(deltas) if policy.configured else None
    why = reasons(*totals, policy) if totals is not None else []
    if policy.configured and policy.on_unknown_cost == "require":
        why.extend(unknown_cost(deltas))
    if policy.per_request_percent_increase is not None:  # (its module: when it is configured)
        from finops_gate.policies import per_request

        why += per_request.reasons(deltas, policy.per_request_percent_increase, policy.currency)
    approvers = approvers_for(policy, ctx.platform)
    if not why:
        return Approval(required=False, approvers=approvers)
    before, after = known_totals(deltas) if totals is None else totals
    approved: list[str] = []
    for record in ctx.approvals:
        problem = _problem(record, after - before, policy, approvers, ctx)
        if problem is None:
            if record.approver not in approved:
                approved.append(record.approver)
        else:
            why.append(f"approval by {record.approver} does not count: {problem}")
    return Approval(
        required=True, reasons=tuple(why), approvers=approvers, approved_by=tuple(approved)
    )


def _problem(
    record: ApprovalRecord,
    delta: Decimal,
    policy: ApprovalPolicy,
    approvers: tuple[str, ...],
    ctx: PolicyContext,
) -> str | None:
    """Why an approval does not count for this change (``None``: it counts)."""
    if approvers:
        allowed = {a.lower() for a in approvers}
        names = {record.approver.lower(), *(t.lower() for t in record.teams)}
        if not names & allowed:
            return "not among the approvers"
    if ctx.head_sha is not None and record.head_sha == ctx.head_sha:
        return None
    approved = record.approved_monthly_delta
    if approved is None:
        return "it was given on an earlier commit; approve the current one"
    margin = max(abs(approved) * policy.margin_percent / 100, policy.margin_monthly)
    if delta > approved + margin:
        return (
            f"it approved +{money.fmt(approved, policy.currency)}/month and the change is now "
            f"+{money.fmt(delta, policy.currency)} (beyond the margin of "
            f"{money.fmt(margin, policy.currency)}); a new approval is needed"
        )
    return None


def _pct(amount: Decimal) -> str:
    text = f"{amount.quantize(Decimal('0.01'))}"
    return text.rstrip("0").rstrip(".") if "." in text else text
