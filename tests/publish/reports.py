"""A small JSON report (DESIGN.md shape) for the publisher tests."""

from __future__ import annotations

from typing import Any


def doc(
    delta: str = "513.00",
    verdict: str = "approval_required",
    resources: int = 1,
    approvers: tuple[str, ...] = ("alice",),
) -> dict[str, Any]:
    return {
        "schema_version": "1",
        "generator": "finops-gate test",
        "currency": "USD",
        "hours_per_month": 730,
        "catalogs": {"aws": "2026-11-01"},
        "totals": {
            "monthly_before": "100.00",
            "monthly_after": str(100 + float(delta)),
            "monthly_delta": delta,
            "delta_percent": "513.00",
            "not_counted": 0,
        },
        "resources": [
            {
                "address": f"aws_instance.web[{i}]",
                "source": "terraform",
                "kind": "aws_instance",
                "action": "create",
                "status": "priced",
                "file": "plan.json",
                "line": None,
                "monthly_before": "0",
                "monthly_after": "70.08",
                "monthly_delta": "70.08",
                "per_request_before": None,
                "per_request_after": None,
                "lines": [],
            }
            for i in range(resources)
        ],
        "findings": [],
        "verdict": verdict,
        "approval": {
            "required": verdict == "approval_required",
            "reasons": ["monthly increase $513.00 > $500"],
            "approvers": list(approvers),
            "approved_by": [],
        },
        "assumptions": [],
        "notes": [],
    }
