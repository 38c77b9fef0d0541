"""exemptions: the case table cases/exemptions.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from tests.policies.casetable import cases, check


@pytest.mark.parametrize("case", cases("exemptions"))
def test_exemptions_policy_cases(case: dict[str, Any]) -> None:
    check(case)
