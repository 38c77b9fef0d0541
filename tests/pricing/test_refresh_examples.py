"""The scheduled refresh examples (GitHub and GitLab): valid for their CI, run only on a
schedule, refresh into one team catalog folder and validate it before opening a PR/MR, and
never let the pipeline of a merge request run them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from tests.test_gitlab_template import validate

ROOT = Path(__file__).resolve().parents[2]
GITLAB = ROOT / "examples" / "gitlab" / "finops-gate-pricing-refresh.yml"
GITHUB = ROOT / "examples" / "github" / "finops-gate-pricing-refresh.yml"


def _script(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_gitlab_example_is_a_valid_pipeline_run_only_on_schedules() -> None:
    result = validate(GITLAB)
    assert result.returncode == 0, result.stdout + result.stderr
    job = yaml.safe_load(_script(GITLAB))["pricing-refresh"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=lambda p: p.parent.name)
def test_each_refresh_writes_the_team_folder_and_validates_it_before_review(path: Path) -> None:
    text = _script(path)
    refreshes = [line for line in text.splitlines() if "finops-gate pricing refresh" in line]
    assert refreshes and all("--out pricing-team" in line for line in refreshes)
    assert text.index("finops-gate pricing validate pricing-team") > text.index(refreshes[-1])
    assert "git add pricing-team" in text  # the new dated files only, nothing else
    assert "finops-gate==" in text  # a pinned release, not whatever is newest


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=lambda p: p.parent.name)
def test_a_week_without_price_changes_opens_no_pull_request(path: Path, tmp_path: Path) -> None:
    """The job's own guard, run in a repository where the refresh wrote nothing new (only the
    remembered ETags moved): it stops before branching; a new dated file goes on to the PR."""
    guard = next(line for line in _script(path).splitlines() if "git diff --cached" in line)
    guard = guard.strip().removeprefix("- ")
    repo = tmp_path / "repo"
    (repo / "pricing-team" / "aws").mkdir(parents=True)
    (repo / "pricing-team" / "aws" / "2026-11-02.json").write_text("{}\n", encoding="utf-8")
    etags = repo / "pricing-team" / ".finops-gate-etags.json"
    etags.write_text('{"a": "1"}\n', encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "x")

    def goes_on() -> bool:
        _git(repo, "add", "pricing-team")
        script = f"{guard}\necho OPENS-A-PR\n"
        done = subprocess.run(["bash", "-c", script], cwd=repo, capture_output=True, text=True)
        return "OPENS-A-PR" in done.stdout

    etags.write_text('{"a": "2"}\n', encoding="utf-8")
    assert not goes_on()
    (repo / "pricing-team" / "aws" / "2026-11-09.json").write_text("{}\n", encoding="utf-8")
    assert goes_on()
