"""``pricing.unpriced``: a change can never slip through because its cost could not be computed.

Every resource the change creates, updates or replaces that is ``unpriced`` or ``unsupported``
on its head side (or, changed, on its base side: the increase is then not known) is a finding
(``warn`` by default, ``fail`` when configured). Deleted and untouched resources are not: they
add no unknown cost.
"""

from __future__ import annotations

from collections.abc import Iterable

from finops_gate.model import Action, CostDelta, Finding, Severity, Status

_NOT_PRICED = {Status.UNPRICED, Status.UNSUPPORTED}
_CHECKED = {Action.CREATE, Action.UPDATE, Action.REPLACE}


def check(deltas: Iterable[CostDelta], severity: Severity) -> list[Finding]:
    findings = []
    for d in deltas:
        if d.change.action not in _CHECKED or d.after is None:
            continue
        side = d.unpriced_side
        if side is None:
            continue
        resource = d.change.current
        reason = side.reason or "no price available"
        # a base that could not be priced under a priced head: the increase is not known
        before = "before the change, " if side is not d.after else ""
        findings.append(
            Finding(
                policy="pricing.unpriced",
                severity=severity,
                message=f"{side.status.value} {before}so the change's cost is not known: {reason}"
                if before
                else f"{side.status.value}: {reason}",
                address=d.change.address,
                file=resource.file,
                line=resource.line,
            )
        )
    return findings
