"""services: the case table cases/services.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from tests.policies.casetable import cases, check


@pytest.mark.parametrize("case", cases("services"))
def test_services_policy_cases(case: dict[str, Any]) -> None:
    check(case)
