"""action.yml and the example workflows: valid against the GitHub Actions JSON schemas that
check-jsonschema vendors (offline), and following the rules that keep them safe."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
WORKFLOWS = sorted((ROOT / "examples" / "github").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def validate(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(doc: dict[str, Any]) -> list[dict[str, Any]]:
    if "runs" in doc:
        return list(doc["runs"]["steps"])
    return [s for job in doc["jobs"].values() for s in job["steps"]]


def test_action_yml_validates_against_the_github_action_schema() -> None:
    result = validate("vendor.github-actions", ACTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_invalid_action_is_rejected_by_the_same_check(tmp_path: Path) -> None:
    broken = tmp_path / "action.yml"
    broken.write_text("name: x\nruns:\n  using: composite\n  steps: [{run: echo}]\n")
    assert validate("vendor.github-actions", broken).returncode != 0


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_example_workflows_validate_against_the_workflow_schema(workflow: Path) -> None:
    result = validate("vendor.github-workflows", workflow)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [ACTION, *WORKFLOWS], ids=lambda p: p.name)
def test_no_expression_is_expanded_inside_a_script(path: Path) -> None:
    for step in steps(load(path)):
        assert "${{" not in step.get("run", ""), step.get("name")


@pytest.mark.parametrize("path", [ACTION, *WORKFLOWS], ids=lambda p: p.name)
def test_every_used_action_is_pinned_to_a_commit(path: Path) -> None:
    used = [s["uses"] for s in steps(load(path)) if "uses" in s]
    assert used
    assert [u for u in used if not PINNED.match(u)] == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_example_uses_pull_request_target(workflow: Path) -> None:
    doc = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    events = doc.get(True, doc.get("on"))  # PyYAML reads the key `on` as True
    assert "pull_request_target" not in events


def test_the_action_installs_into_a_private_venv_without_touching_the_jobs_python() -> None:
    action = load(ACTION)
    setup = next(s for s in steps(action) if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["update-environment"] is False
    scripts = "\n".join(s.get("run", "") for s in steps(action))
    assert 'venv="$RUNNER_TEMP/finops-gate-venv"' in scripts
    assert '--require-hashes -r "$GITHUB_ACTION_PATH/requirements/publish.txt"' in scripts
    assert '--no-deps --no-build-isolation "$GITHUB_ACTION_PATH"' in scripts


def test_the_action_declares_the_documented_inputs_and_outputs() -> None:
    action = load(ACTION)
    assert {"config", "plan", "working-directory", "github-token", "behavior", "post-comment"} <= (
        set(action["inputs"])
    )
    assert set(action["outputs"]) == {"verdict", "monthly-delta", "report-path", "sarif-path"}
    assert action["inputs"]["upload-sarif"]["default"] == "false"  # opt-in


def test_the_sarif_upload_is_opt_in_and_pinned_by_sha() -> None:
    upload = next(
        s for s in steps(load(ACTION)) if s.get("uses", "").startswith("github/codeql-action/")
    )
    assert re.fullmatch(r"github/codeql-action/upload-sarif@[0-9a-f]{40}", upload["uses"])
    assert "inputs.upload-sarif == 'true'" in upload["if"]


def test_the_plain_workflow_reruns_on_reviews_and_approve_comments() -> None:
    doc = yaml.safe_load((ROOT / "examples/github/finops-gate.yml").read_text(encoding="utf-8"))
    assert set(doc[True]) == {"pull_request", "pull_request_review", "issue_comment"}
    assert doc["permissions"] == {
        "contents": "read",
        "pull-requests": "write",
        "statuses": "write",
    }


def test_a_comment_that_is_no_approval_cannot_cancel_a_gate_run() -> None:
    """GitHub claims a workflow-level concurrency group before it evaluates a job's ``if``: any
    PR comment would start a run that cancels the gate in progress and is then skipped. The
    group sits on the gate job, behind its ``if``."""
    doc = yaml.safe_load((ROOT / "examples/github/finops-gate.yml").read_text(encoding="utf-8"))
    assert "concurrency" not in doc
    gate = doc["jobs"]["gate"]
    assert "/finops-gate approve" in gate["if"]
    assert gate["concurrency"]["cancel-in-progress"] is True
    assert "github.event.issue.number" in gate["concurrency"]["group"]


def test_the_fork_check_job_has_no_write_permission() -> None:
    doc = load(ROOT / "examples/github/finops-gate-fork-check.yml")
    assert doc["permissions"] == {"contents": "read"}
    post = load(ROOT / "examples/github/finops-gate-fork-post.yml")
    assert set(post[True]) == {"workflow_run"}


def fake_venv(tmp: Path) -> None:
    """The action's private venv, standing in for the pip install: this checkout's finops-gate."""
    bin_dir = tmp / "finops-gate-venv" / "bin"
    bin_dir.mkdir(parents=True)
    launcher = bin_dir / "finops-gate"
    launcher.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m finops_gate.cli "$@"\n',
        encoding="utf-8",
    )
    launcher.chmod(0o755)
    (bin_dir / "python").symlink_to(sys.executable)


def test_the_actions_check_step_posts_and_sets_the_outputs(tmp_path: Path) -> None:
    import json
    import os

    from tests.publish.conftest import make_pr_repo
    from tests.publish.fake_github import FakeGitHub

    with FakeGitHub() as server:
        fake_venv(tmp_path)
        s = server.state
        repo = make_pr_repo(tmp_path / "repo", s)
        event = tmp_path / "event.json"
        event.write_text(
            json.dumps(
                {
                    "pull_request": {
                        "number": s.number,
                        "user": {"login": s.author},
                        "base": {"sha": s.base_sha},
                        "head": {"sha": s.head_sha},
                    }
                }
            ),
            encoding="utf-8",
        )
        script = next(st for st in steps(load(ACTION)) if st.get("id") == "gate")["run"]
        env = {
            "PATH": os.environ["PATH"],
            "RUNNER_TEMP": str(tmp_path),
            "GITHUB_OUTPUT": str(tmp_path / "output"),
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_API_URL": server.url,
            "GITHUB_REPOSITORY": f"{s.owner}/{s.repo}",
            "GITHUB_TOKEN": "t0ken",
            "FG_CONFIG": "",
            "FG_PLAN": "plan.json\n",
            "FG_BEHAVIOR": "update",
            "FG_POST_COMMENT": "true",
            "FG_KEY": ".",
            "FG_UPLOAD_SARIF": "true",
        }
        result = subprocess.run(
            ["bash", "-c", script],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    outputs = dict(line.split("=", 1) for line in (tmp_path / "output").read_text().splitlines())
    report = json.loads((tmp_path / "finops-gate" / "report.json").read_text(encoding="utf-8"))
    assert outputs["verdict"] == report["verdict"] in ("pass", "warn")
    assert outputs["monthly-delta"] == report["totals"]["monthly_delta"]
    assert outputs["report-path"] == str(tmp_path / "finops-gate" / "report.json")
    sarif = json.loads(Path(outputs["sarif-path"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == len(report["findings"])
    assert len(s.comments) == 1 and len(s.statuses) == 1
    assert "RESOURCE" in result.stdout  # the table in the job log
