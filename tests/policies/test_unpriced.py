"""unpriced: the case table cases/unpriced.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from tests.policies.casetable import cases, check


@pytest.mark.parametrize("case", cases("unpriced"))
def test_unpriced_policy_cases(case: dict[str, Any]) -> None:
    check(case)
