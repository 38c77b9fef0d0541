"""Approvals given on a platform, as plain data, and how they clear a report's approval gate.

A publisher (GitHub, GitLab) reads reviews and approve-comments and returns ``PlatformApprovals``:
only approvals that are valid for the current head commit and given by a configured approver
(a user, or a member of a configured team). ``app.policy_context`` hands them to the policy
engine; ``apply`` adds them to a report document (``finops-gate comment report.json``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from finops_gate.model import Verdict, decide_verdict
from finops_gate.report.document import Document
from finops_gate.report.sections import ApprovalGiven


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


def apply(
    doc: Document | Mapping[str, Any], state: PlatformApprovals, *, decide: bool = True
) -> Document:
    """The report with the platform's approvals: ``approved_by`` lists them, and (``decide``) a
    report whose only blocker was the missing approval becomes ``pass``; a ``fail`` stays. With
    ``decide=False`` the policy engine already judged them (it got ``records()``): only who
    approved which head, and the notes, are added for the comment."""
    doc = Document.of(doc)
    approval = doc.approval
    if not decide:
        given = tuple(
            ApprovalGiven(a.login, a.via, a.head_sha)
            for a in state.approvals
            if a.login in approval.approved_by
        )
        return replace(doc, approval=replace(approval, approvals=given, notes=state.notes))
    approved = list(approval.approved_by)
    for login in state.logins:
        if login not in approved:
            approved.append(login)
    # who approved which head, and why other approvals did not count: shown in the comment
    approval = replace(
        approval,
        approved_by=tuple(approved),
        approvals=tuple(ApprovalGiven(a.login, a.via, a.head_sha) for a in state.approvals),
        notes=state.notes,
    )
    verdict = doc.verdict
    if verdict is Verdict.APPROVAL_REQUIRED:
        verdict = decide_verdict(
            (f.severity for f in doc.findings), approval_required=True, approved=bool(approved)
        )
    return replace(doc, approval=approval, verdict=verdict)
