"""Approvals given on a platform, as plain data, and how they clear a report's approval gate.

A publisher (GitHub, GitLab) reads reviews and approve-comments and returns ``PlatformApprovals``:
only approvals that are valid for the current head commit and given by a configured approver
(a user, or a member of a configured team). ``app.policy_context`` hands them to the policy
engine; ``apply`` adds them to a JSON report (``finops-gate comment report.json``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from finops_gate.model import Verdict, decide_verdict


@dataclass(frozen=True, slots=True)
class PlatformApproval:
    """One valid approval: who, how (``review`` or ``comment``), on which head, via which teams."""

    login: str
    via: str
    head_sha: str
    teams: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlatformApprovals:
    """The valid approvals, and plain-language notes about the ones that could not count."""

    approvals: tuple[PlatformApproval, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def logins(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.login for a in self.approvals))


def apply(doc: dict[str, Any], state: PlatformApprovals, *, decide: bool = True) -> dict[str, Any]:
    """A copy of the JSON report with the platform's approvals: ``approved_by`` lists them, and
    (``decide``) a report whose only blocker was the missing approval becomes ``pass``; a
    ``fail`` stays. With ``decide=False`` the policy engine already judged them (it got
    ``records()``): only who approved which head, and the notes, are added for the comment."""
    out = copy.deepcopy(doc)
    if not decide:
        approval = out.setdefault("approval", {"required": False, "reasons": [], "approved_by": []})
        approval["approvals"] = [
            {"login": a.login, "via": a.via, "head_sha": a.head_sha}
            for a in state.approvals
            if a.login in (approval.get("approved_by") or [])
        ]
        approval["notes"] = list(state.notes)
        return out
    approval = out.setdefault("approval", {"required": False, "reasons": [], "approved_by": []})
    approved = list(approval.get("approved_by") or [])
    for login in state.logins:
        if login not in approved:
            approved.append(login)
    approval["approved_by"] = approved
    # who approved which head, and why other approvals did not count: shown in the comment
    approval["approvals"] = [
        {"login": a.login, "via": a.via, "head_sha": a.head_sha} for a in state.approvals
    ]
    approval["notes"] = list(state.notes)
    if out.get("verdict") == Verdict.APPROVAL_REQUIRED:
        severities = (str(f.get("severity")) for f in out.get("findings") or ())
        out["verdict"] = str(
            decide_verdict(severities, approval_required=True, approved=bool(approved))
        )
    return out
