"""approval: the case table cases/approval.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from tests.policies.casetable import cases, check


@pytest.mark.parametrize("case", cases("approval"))
def test_approval_policy_cases(case: dict[str, Any]) -> None:
    check(case)
