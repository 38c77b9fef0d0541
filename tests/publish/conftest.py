"""Fixtures: a local GitHub API server per test and a publisher pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.publish.fake_github import FakeGitHub


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    server = FakeGitHub().start()
    try:
        yield server
    finally:
        server.stop()
