"""``pricing.unpriced``: a change can never slip through because its cost could not be computed.

Every resource the change creates, updates or replaces that is ``unpriced`` or ``unsupported``
on its head side is a finding (``warn`` by default, ``fail`` when configured). Deleted and
untouched resources are not: they add no unknown cost.
"""

from __future__ import annotations

from collections.abc import Iterable

from finops_gate.model import Action, CostDelta, Finding, Severity, Status

_NOT_PRICED = {Status.UNPRICED, Status.UNSUPPORTED}
_CHECKED = {Action.CREATE, Action.UPDATE, Action.REPLACE}


def check(deltas: Iterable[CostDelta], severity: Severity) -> list[Finding]:
    findings = []
    for d in deltas:
        if d.change.action not in _CHECKED or d.after is None or d.after.status not in _NOT_PRICED:
            continue
        resource = d.change.current
        reason = d.after.reason or "no price available"
        findings.append(
            Finding(
                policy="pricing.unpriced",
                severity=severity,
                message=f"{d.after.status.value}: {reason}",
                address=d.change.address,
                file=resource.file,
                line=resource.line,
            )
        )
    return findings
