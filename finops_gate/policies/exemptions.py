"""``exemptions:``: a policy id, an address glob, a reason and an expiry date.

An exemption in force turns a matching finding into ``info`` (still listed, with the reason);
an expired one no longer applies and the finding says so.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from finops_gate.model import Finding, Severity


@dataclass(frozen=True, slots=True)
class Exemption:
    """One entry of ``policies.exemptions``: a policy waived for matching addresses."""

    policy: str
    address: str  # fnmatch glob
    reason: str
    expires: date | None


def apply(
    findings: Iterable[Finding], exemptions: tuple[Exemption, ...], today: date | None
) -> list[Finding]:
    return [_apply(f, exemptions, today) for f in findings]


def _apply(finding: Finding, exemptions: tuple[Exemption, ...], today: date | None) -> Finding:
    expired: Exemption | None = None
    for e in exemptions:
        if e.policy != finding.policy or not fnmatch.fnmatchcase(finding.address or "", e.address):
            continue
        if e.expires is not None and today is not None and e.expires < today:
            expired = expired or e
            continue
        until = f" until {e.expires.isoformat()}" if e.expires is not None else ""
        return replace(
            finding,
            severity=Severity.INFO,
            message=f"{finding.message} (exempt{until}: {e.reason})",
        )
    if expired is not None and expired.expires is not None:
        return replace(
            finding,
            message=f"{finding.message} (exemption expired {expired.expires.isoformat()}: "
            f"{expired.reason})",
        )
    return finding
