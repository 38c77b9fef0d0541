"""Shared fixtures: paths to the repository's examples and fixtures."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def example_plan() -> Path:
    return EXAMPLES / "terraform-plan" / "plan.json"


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see no CI of their own: a test run inside GitHub Actions or GitLab CI must not pick
    up that pipeline's pull request (tests that need one pass their own environment)."""
    for name in ("GITHUB_ACTIONS", "GITLAB_CI", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH"):
        monkeypatch.delenv(name, raising=False)
    from finops_gate.ci import REGION_VARIABLES

    for name in REGION_VARIABLES:  # a developer's AWS_REGION must not change priced output
        monkeypatch.delenv(name, raising=False)


@functools.cache
def _newest_catalog_day() -> date:
    from finops_gate.catalogs import files

    return max(c.day for c in files.shipped())


@pytest.fixture(autouse=True)
def _newest_catalogs_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI prices on today's date by default (``--as-of``), and a catalog version may be dated
    after the day it lands: tests run as on a day when every shipped version is in force, so the
    suite's outcome (and the README's output) does not change on the day a newer version starts."""
    import datetime

    from finops_gate import cli

    today = datetime.datetime.now(datetime.UTC).date()
    monkeypatch.setattr(cli, "_today", lambda: max(today, _newest_catalog_day()))


def _hypothesis_profiles() -> None:
    """Property tests run a bounded budget by default (CI); ``FINOPS_GATE_FUZZ=long`` runs a
    longer one on demand (``FINOPS_GATE_FUZZ=long pytest tests/properties``)."""
    import os

    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("ci", max_examples=16, derandomize=True, **common)
    settings.register_profile("long", max_examples=3000, **common)
    settings.load_profile("long" if os.environ.get("FINOPS_GATE_FUZZ") == "long" else "ci")


_hypothesis_profiles()


@pytest.fixture
def snapshot(snapshot: Any, request: pytest.FixtureRequest) -> Any:
    """pytest-snapshot's fixture, reading and writing ``snapshots/`` beside the test file
    (regenerate with ``pytest --snapshot-update`` and review the diff like code)."""
    snapshot.snapshot_dir = request.path.parent / "snapshots"
    return snapshot
