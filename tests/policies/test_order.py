"""The findings of a check come in one order: policy, severity (fail, warn, info), address,
message; ties keep the order the policies found them in (policies/__init__.py sorts them in
four stable passes, which must give what one sort by the tuple gives)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from finops_gate.model import Finding, Severity
from finops_gate.policies import _SEVERITY_ORDER, _sort_findings

_text = st.sampled_from(["", "a", "a\x00", "a\x00b", "b", "é", "web[1]", "web[10]"])
_finding = st.builds(
    Finding,
    policy=st.sampled_from(["tags.required", "pricing.unpriced", "budget.monthly"]),
    severity=st.sampled_from(list(Severity)),
    message=_text,
    address=st.none() | _text,
)


@settings(max_examples=300)
@given(st.lists(_finding, max_size=20))
def test_findings_sort_as_their_tuples_do_ties_in_order(found: list[Finding]) -> None:
    expected = sorted(
        found, key=lambda f: (f.policy, _SEVERITY_ORDER[f.severity], f.address or "", f.message)
    )
    _sort_findings(found)
    assert [id(f) for f in found] == [id(f) for f in expected]
