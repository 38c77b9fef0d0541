"""Case tables: YAML files of policy cases, each with its config, its change and what to expect.

A case::

    - name: a created instance without finops:team is flagged
      config: {policies: {tags: {required: ["finops:team"]}}}   # a .finops-gate.yml body
      context: {platform: github, head_sha: abc, today: 2026-11-23,
                approvals: [{approver: alice, head_sha: abc, approved_monthly_delta: 600}]}
      resources:
        - {address: aws_instance.web, kind: aws_instance, action: create,
           after: {monthly: 30, tags: {Name: web}, unknown_tags: []}}
      expect:
        verdict: warn
        findings: [{policy: tags.required, severity: warn, address: aws_instance.web,
                    message: "missing tag finops:team"}]      # message: a substring
        approval: {required: false}
        services: [{service: checkout, per_request_after: "0.0003"}]

``findings`` lists every finding expected (no more, no fewer).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from finops_gate.config import parse_settings
from finops_gate.model import Action, CostDelta, Resource, ResourceChange, SideCost, Status
from finops_gate.policies import ApprovalRecord, PolicyContext, PolicyOutcome, evaluate

CASES = Path(__file__).parent / "cases"


def cases(name: str) -> list[Any]:
    """The cases of ``cases/<name>.yaml`` as pytest params, with the case names as ids."""
    data = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    return [pytest.param(c, id=c["name"]) for c in data]


def _resource(spec: dict[str, Any], side: dict[str, Any]) -> Resource:
    tags = side.get("tags", {})
    return Resource(
        address=spec["address"],
        source=spec.get("source", "terraform"),
        kind=spec.get("kind", "aws_instance"),
        provider=spec.get("provider", "aws"),
        tags=None if tags is None else {str(k): str(v) for k, v in tags.items()},
        unknown_tags=frozenset(side.get("unknown_tags", [])),
        file=spec.get("file", "plan.json"),
        line=spec.get("line"),
    )


def _side(side: dict[str, Any] | None) -> SideCost | None:
    if side is None:
        return None
    monthly = side.get("monthly")
    status = Status(side.get("status", "priced" if monthly is not None else "unpriced"))
    return SideCost(
        status=status,
        monthly=None if monthly is None else Decimal(str(monthly)),
        reason=side.get("reason"),
    )


def delta(spec: dict[str, Any]) -> CostDelta:
    action = Action(spec.get("action", "create"))
    before = spec.get("before") if action is not Action.CREATE else None
    after = spec.get("after") if action is not Action.DELETE else None
    if action is Action.NOOP and after is None:
        after = before
    change = ResourceChange(
        address=spec["address"],
        action=action,
        before=None if before is None else _resource(spec, before),
        after=None if after is None else _resource(spec, after),
    )
    return CostDelta(change=change, before=_side(before), after=_side(after))


def context(spec: dict[str, Any] | None) -> PolicyContext:
    spec = spec or {}
    today = spec.get("today")
    return PolicyContext(
        platform=spec.get("platform"),
        head_sha=spec.get("head_sha"),
        approvals=tuple(
            ApprovalRecord(
                approver=a["approver"],
                teams=tuple(a.get("teams", [])),
                head_sha=a.get("head_sha"),
                approved_monthly_delta=(
                    None
                    if a.get("approved_monthly_delta") is None
                    else Decimal(str(a["approved_monthly_delta"]))
                ),
            )
            for a in spec.get("approvals", [])
        ),
        today=today if isinstance(today, date) else None,
        all_resources=bool(spec.get("all_resources", False)),
    )


def run(case: dict[str, Any]) -> PolicyOutcome:
    text = yaml.safe_dump({"version": 1, **case.get("config", {})})
    settings = parse_settings(text, display="cfg")
    return evaluate([delta(r) for r in case["resources"]], settings, context(case.get("context")))


def check(case: dict[str, Any]) -> None:
    """Run a case and compare everything it expects."""
    outcome = run(case)
    expect = case["expect"]
    got = [(f.policy, f.severity.value, f.address, f.message) for f in outcome.findings]
    wanted = expect.get("findings", [])
    assert len(got) == len(wanted), f"findings: {got}"
    for (policy, severity, address, message), w in zip(got, wanted, strict=True):
        assert (policy, severity) == (w["policy"], w["severity"]), got
        assert address == w.get("address"), got
        assert w["message"] in message, f"{w['message']!r} not in {message!r}"
    assert outcome.verdict.value == expect["verdict"]
    for key, value in (expect.get("approval") or {}).items():
        actual = getattr(outcome.approval, key)
        if key in ("reasons", "approvers", "approved_by"):
            assert len(actual) == len(value), actual
            for a, v in zip(actual, value, strict=True):
                assert v in a, f"{v!r} not in {a!r}"
        else:
            assert actual == value
    for got_service, want in zip(outcome.services, expect.get("services", []), strict=True):
        for key, value in want.items():
            actual = getattr(got_service, key)
            if isinstance(actual, Decimal):
                value = Decimal(str(value))
            assert actual == value, (key, actual)
