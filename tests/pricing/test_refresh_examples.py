"""The scheduled refresh examples (GitHub and GitLab): valid for their CI, run only on a
schedule, refresh into one team catalog folder and validate it before opening a PR/MR, and
never let the pipeline of a merge request run them."""

from __future__ import annotations

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
