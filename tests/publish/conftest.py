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
from tests.publish.fake_gitlab import FakeGitLab


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


GATED_CONFIG = """\
version: 1
usage:
  terraform:
    resource_type_default_usage:
      aws_lambda_function: {monthly_requests: 2000000, request_duration_ms: 350}
    resource_usage:
      aws_nat_gateway.egress: {monthly_data_processed_gb: 2500}
policies:
  tags: {required: []}
  approval:
    monthly_increase: 500
    approvers: {github: [alice, "acme/platform-leads"]}
"""


@pytest.fixture
def gated_repo(tmp_path: Path, fake_github: FakeGitHub) -> Path:
    """Like ``pr_repo``, with a base config that requires an approval above $500/month."""
    repo = tmp_path / "gated"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(EXAMPLES / "terraform-plan" / "plan.json", repo / "plan.json")
    (repo / ".finops-gate.yml").write_text(GATED_CONFIG, encoding="utf-8")
    fake_github.state.base_sha = commit(repo, "base")
    (repo / "README.md").write_text("head\n", encoding="utf-8")
    fake_github.state.head_sha = commit(repo, "head")
    return repo


@pytest.fixture
def fake_gitlab() -> Iterator[FakeGitLab]:
    server = FakeGitLab().start()
    try:
        yield server
    finally:
        server.stop()


GITLAB_GATED_CONFIG = GATED_CONFIG.replace(
    'approvers: {github: [alice, "acme/platform-leads"]}',
    'approvers: {gitlab: [alice, "acme/platform-leads"]}',
)


@pytest.fixture
def gated_mr_repo(tmp_path: Path, fake_gitlab: FakeGitLab) -> Path:
    """A git repository whose base config requires an approval above $500/month (approvers on
    GitLab: alice and the group acme/platform-leads), with a base and an MR head commit that the
    fake GitLab reports for MR !12."""
    repo = tmp_path / "gated-mr"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(EXAMPLES / "terraform-plan" / "plan.json", repo / "plan.json")
    (repo / ".finops-gate.yml").write_text(GITLAB_GATED_CONFIG, encoding="utf-8")
    fake_gitlab.state.base_sha = commit(repo, "base")
    (repo / "README.md").write_text("head\n", encoding="utf-8")
    fake_gitlab.state.head_sha = commit(repo, "head")
    return repo
