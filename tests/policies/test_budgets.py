"""budgets: the case table cases/budgets.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from tests.policies.casetable import cases, check


@pytest.mark.parametrize("case", cases("budgets"))
def test_budgets_policy_cases(case: dict[str, Any]) -> None:
    check(case)
