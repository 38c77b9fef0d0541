"""Fixtures: a local GitHub API server per test and a publisher pointed at it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.publish.fake_github import FakeGitHub


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    server = FakeGitHub().start()
    try:
        yield server
    finally:
        server.stop()


def git(repo: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "HOME": str(repo),
        "PATH": os.environ["PATH"],
    }
    out = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def pr_repo(tmp_path: Path, fake_github: FakeGitHub) -> Path:
    """A git repository with the example plan: a base commit and a PR head commit whose SHAs
    the fake GitHub reports for pull request #7."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(EXAMPLES / "terraform-plan" / "plan.json", repo / "plan.json")
    shutil.copy(EXAMPLES / "terraform-plan" / ".finops-gate.yml", repo / ".finops-gate.yml")
    fake_github.state.base_sha = commit(repo, "base")
    (repo / "README.md").write_text("head\n", encoding="utf-8")
    fake_github.state.head_sha = commit(repo, "head")
    return repo
