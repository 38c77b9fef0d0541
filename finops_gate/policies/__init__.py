"""Policies: priced changes -> findings, the approval state, and one verdict.

``evaluate(deltas, settings, ctx)`` is the one entry point the core calls. Each policy is a
plain module with a ``check`` function, called in order below (no self-registration):

- ``tags.required`` / ``tags.allowed_values``  (tags.py)
- ``budget.monthly``                           (budgets.py)
- ``pricing.unpriced``                         (unpriced.py)
- ``approval.threshold``                       (approval.py, per_request.py)
- ``models.unpinned``                          (unpinned.py)

Exemptions (exemptions.py) then soften matching findings; unit economics per ``finops:service``
(services.py) ride along for the report. Verdict precedence: fail > approval_required > warn >
pass; an approval that is required and validly given lets the change pass.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import replace
from itertools import repeat

from finops_gate.config import Settings
from finops_gate.model import (
    Approval,
    CostDelta,
    Finding,
    ServiceCost,
    Severity,
    Verdict,
    decide_verdict,
)
from finops_gate.policies import approval, tags, unpriced
from finops_gate.policies.context import (
    ApprovalRecord,
    PolicyContext,
    PolicyOutcome,
)
from finops_gate.policies.settings import PolicySettings
from finops_gate.policies.settings import load as load_settings

__all__ = [
    "ApprovalRecord",
    "PolicyContext",
    "PolicyOutcome",
    "ServiceCost",
    "evaluate",
    "load_settings",
    "not_below",
    "percent_needs_whole",
    "verdict",
]

_SEVERITY_ORDER = {Severity.FAIL: 0, Severity.WARN: 1, Severity.INFO: 2}


def evaluate(
    deltas: Sequence[CostDelta], settings: Settings, ctx: PolicyContext | None = None
) -> PolicyOutcome:
    """Apply every policy of ``settings`` to the priced change. ConfigError on bad policy config."""
    ctx = ctx or PolicyContext()
    policy = load_settings(settings, currency=ctx.currency, factor=ctx.currency_factor)
    changes = list(deltas)
    providers = {after.provider for d in changes if (after := d.change.after) is not None}
    unpinned_sites, unpinned_found = _unpinned(changes, policy, providers)
    found = [
        *tags.check(changes, policy.tags, all_resources=ctx.all_resources),
        *_budgets(changes, policy),
        *(f for f in unpriced.check(changes, policy.unpriced) if f.address not in unpinned_sites),
        *unpinned_found,
        *_kubernetes(changes, providers),
    ]
    state = approval.evaluate(changes, policy.approval, ctx)
    if not state.required:  # else the approval already gates the change
        found += _per_request(changes, policy)
    if policy.exemptions:
        from finops_gate.policies import exemptions

        found = exemptions.apply(found, policy.exemptions, ctx.today)
    _sort_findings(found)
    return PolicyOutcome(
        findings=tuple(found),
        approval=state,
        verdict=verdict(found, state),
        services=_services(changes, policy),
    )


_RANK = {Verdict.PASS: 0, Verdict.WARN: 1, Verdict.APPROVAL_REQUIRED: 2, Verdict.FAIL: 3}


def not_below(outcome: PolicyOutcome, floor: PolicyOutcome) -> tuple[PolicyOutcome, int]:
    """``outcome`` with the verdict of ``floor`` as its least: when ``floor`` is stricter, its
    warn and fail findings on a (policy, address) that ``outcome`` has none for (or only one
    softened to info, as an exemption does) are added in their place, and
    the verdict is decided again. Returns the outcome and how many findings were added.

    For a config new in the change (read from the head): it may add rules, but it cannot lower
    what the built-in defaults say about the same change (drop a default warning, exempt
    itself)."""
    if _RANK[floor.verdict] <= _RANK[outcome.verdict]:
        return outcome, 0
    held = {(f.policy, f.address) for f in outcome.findings if f.severity is not Severity.INFO}
    added = [
        f
        for f in floor.findings
        if f.severity is not Severity.INFO and (f.policy, f.address) not in held
    ]
    back = {(f.policy, f.address) for f in added}  # in place of what it softened (exempted)
    found = [*(f for f in outcome.findings if (f.policy, f.address) not in back), *added]
    _sort_findings(found)
    state = outcome.approval
    if floor.approval.required and not state.required:
        state = floor.approval
    return (
        replace(outcome, findings=tuple(found), approval=state, verdict=verdict(found, state)),
        len(added),
    )


def _sort_findings(found: list[Finding]) -> None:
    """``found.sort(key=lambda f: (f.policy, severity order, f.address or "", f.message))``
    as four stable sorts, the last key first: one value each (a large change's findings share
    their policy and severity, and tuples compare element by element; strings and integers
    compare in C)."""
    found.sort(key=_MESSAGE)
    found.sort(key=_address_or_empty)
    # (a sort by a key all the findings share leaves them as they are: not made where every
    # finding has the first one's severity, as a large change's findings mostly do)
    if found and not all(map(operator.is_, map(_SEVERITY, found), repeat(found[0].severity))):
        found.sort(key=_severity_order)
    found.sort(key=_POLICY)


_MESSAGE = operator.attrgetter("message")
_POLICY = operator.attrgetter("policy")
_SEVERITY = operator.attrgetter("severity")


def _address_or_empty(f: Finding) -> str:
    return f.address or ""


def _severity_order(f: Finding) -> int:
    return _SEVERITY_ORDER[f.severity]


# budgets, exemptions and unit economics: their modules are imported by a config that has them
# (most runs have none; start-up); the model and Kubernetes policies by a change whose head has
# such a resource (``provider`` "llm" or "kubernetes", the only ones they look at), the
# per-request rise by a side priced per request


def _unpinned(
    changes: list[CostDelta], policy: PolicySettings, providers: set[str]
) -> tuple[set[str], list[Finding]]:
    if "llm" not in providers:
        return set(), []
    from finops_gate.policies import unpinned

    return unpinned.addresses(changes), unpinned.check(changes, policy.unpinned)


def _per_request(changes: list[CostDelta], policy: PolicySettings) -> list[Finding]:
    # a cost per request rises only where the head's side has one (a model call site; a loop,
    # not a generator: this looks at every resource of a large change)
    for d in changes:
        after = d.after
        if after is not None and after.per_request is not None:
            break
    else:
        return []
    from finops_gate.policies import per_request

    currency = policy.approval.currency
    return [
        *per_request.findings(changes, policy.approval.per_request_percent_increase, currency),
        *per_request.uncounted(changes, currency),
    ]


def _kubernetes(changes: list[CostDelta], providers: set[str]) -> list[Finding]:
    if "kubernetes" not in providers:
        return []
    from finops_gate.policies import kubernetes

    return kubernetes.findings(changes)


def _budgets(changes: list[CostDelta], policy: PolicySettings) -> list[Finding]:
    if not policy.budgets:
        return []
    from finops_gate.policies import budgets

    return budgets.check(changes, policy.budgets, policy.tags)


def _services(changes: list[CostDelta], policy: PolicySettings) -> tuple[ServiceCost, ...]:
    if not policy.services:
        return ()
    from finops_gate.policies import services

    return services.unit_costs(changes, policy.services, policy.tags)


def percent_needs_whole(
    deltas: Sequence[CostDelta], settings: Settings, ctx: PolicyContext | None = None
) -> bool | None:
    """Whether ``approval.percent_increase`` could decide otherwise over every resource than over
    ``deltas`` (the changed projects): only when the increase is over the limit against their
    own base total. Resources outside the change are the same on both sides, so they add
    nothing to the increase and only raise the base total: a percent under the limit here is
    under it over the whole tree. None when no percent threshold is configured."""
    ctx = ctx or PolicyContext()
    policy = load_settings(settings, currency=ctx.currency, factor=ctx.currency_factor).approval
    if policy.percent_increase is None:
        return None
    before, after = approval.known_totals(deltas)
    return bool(approval.reasons(before, after, replace(policy, monthly_increase=None)))


def verdict(findings: Sequence[Finding], state: Approval) -> Verdict:
    """fail > approval_required > warn > pass; a valid approval clears approval_required."""
    return decide_verdict(
        (f.severity for f in findings),
        approval_required=state.required,
        approved=bool(state.approved_by),
    )
