"""Platform approvals applied to a report (typed, or a saved JSON one), and handed to the policy
engine."""

from __future__ import annotations

from typing import Any

import pytest

from finops_gate.publish.approvals import PlatformApproval, PlatformApprovals, apply

HEAD = "a" * 40


def report(verdict: str = "approval_required", findings: list[Any] | None = None) -> dict[str, Any]:
    return {
        "verdict": verdict,
        "findings": findings or [],
        "approval": {"required": True, "reasons": ["r"], "approvers": ["alice"], "approved_by": []},
        "notes": [],
    }


def test_a_valid_approval_turns_approval_required_into_pass() -> None:
    state = PlatformApprovals((PlatformApproval("alice", "review", HEAD),))
    out = apply(report(), state).to_json()
    assert out["verdict"] == "pass"
    assert out["approval"]["approved_by"] == ["alice"]
    assert out["approval"]["approvals"] == [{"login": "alice", "via": "review", "head_sha": HEAD}]


def test_an_approved_change_with_warnings_passes_with_warnings() -> None:
    warn = [{"policy": "tags.required", "severity": "warn", "message": "m"}]
    state = PlatformApprovals((PlatformApproval("alice", "comment", HEAD),))
    assert apply(report(findings=warn), state).verdict == "warn"


def test_an_approval_never_clears_a_failing_report() -> None:
    state = PlatformApprovals((PlatformApproval("alice", "review", HEAD),))
    assert apply(report(verdict="fail"), state).verdict == "fail"


def test_without_approvals_the_report_stays_blocked_and_says_why() -> None:
    out = apply(report(), PlatformApprovals(notes=("cannot read the members of acme/leads",)))
    out = out.to_json()
    assert out["verdict"] == "approval_required"
    assert out["approval"]["notes"] == ["cannot read the members of acme/leads"]


def test_apply_leaves_the_input_report_unchanged() -> None:
    doc = report()
    apply(doc, PlatformApprovals((PlatformApproval("alice", "review", HEAD),)))
    assert doc == report()


@pytest.mark.parametrize(
    ("severities", "approved", "expected"),
    [
        ((), False, "approval_required"),
        ((), True, "pass"),
        (("warn", "info"), True, "warn"),
        (("fail",), True, "fail"),
    ],
)
def test_a_saved_report_and_the_policy_engine_reach_the_same_verdict(
    severities: tuple[str, ...], approved: bool, expected: str
) -> None:
    from finops_gate.model import Approval, Finding, Severity
    from finops_gate.policies import verdict

    findings = [Finding(policy="p", severity=Severity(s), message="m") for s in severities]
    state = Approval(required=True, approved_by=("alice",) if approved else ())
    assert str(verdict(findings, state)) == expected
    doc = report(findings=[{"severity": s, "message": "m"} for s in severities])
    approvals = (PlatformApproval("alice", "review", HEAD),) if approved else ()
    assert apply(doc, PlatformApprovals(approvals)).verdict == expected
