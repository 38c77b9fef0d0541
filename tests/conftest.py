"""Shared fixtures: paths to the repository's examples and fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def example_plan() -> Path:
    return EXAMPLES / "terraform-plan" / "plan.json"
