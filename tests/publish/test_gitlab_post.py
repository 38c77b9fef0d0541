"""End to end on GitLab: the CI variables of a merge request pipeline + a change ->
``finops-gate check --post`` against the local GitLab API -> one note, one status, the right exit
code; a lead's approval flips the gate, the author's or an earlier one does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.publish import gitlab as gl
from finops_gate.publish.gitlab import RetryPolicy
from tests.publish.conftest import commit, diverged_repo, git
from tests.publish.fake_gitlab import FakeGitLab, Fault


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = RetryPolicy(total=2, backoff_factor=0, backoff_max=0, max_wait=0.1)
    monkeypatch.setattr(gl, "RETRY", fast)


def gitlab_env(server: FakeGitLab, **extra: str) -> dict[str, str]:
    s = server.state
    env = {
        "GITLAB_CI": "true",
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_API_V4_URL": server.url,
        "CI_SERVER_URL": server.root,
        "CI_PROJECT_ID": str(s.project_id),
        "CI_MERGE_REQUEST_PROJECT_ID": str(s.project_id),
        "CI_MERGE_REQUEST_IID": str(s.iid),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": s.base_sha,
        "CI_COMMIT_SHA": s.head_sha,
        "CI_JOB_URL": f"{server.root}/acme/shop/-/jobs/31",
        "CI_JOB_TOKEN": "job-token-cannot-write-notes",
        "GITLAB_TOKEN": s.token,
    }
    env.update(extra)
    return env


def run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def check_post(env: dict[str, str], repo: Path, *extra: str) -> tuple[int, str, str]:
    return run(env, "check", str(repo), "--plan", str(repo / "plan.json"), "--post", *extra)


def test_check_post_blocks_with_one_note_and_one_failed_status(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    code, _, err = check_post(
        gitlab_env(fake_gitlab), gated_mr_repo, "--format", "json", "--out", str(out)
    )
    assert code == 1, err
    assert json.loads(out.read_text(encoding="utf-8"))["verdict"] == "approval_required"
    [note] = fake_gitlab.state.notes
    assert str(note["body"]).startswith(
        f"<!-- finops-gate key=default head={fake_gitlab.state.head_sha}"
    )
    body = str(note["body"])
    assert "Approval required from: <code>alice</code>, <code>acme/platform-leads</code>" in body
    assert "/finops-gate approve" in body and "re-run" in body
    [status] = fake_gitlab.state.statuses
    assert (status["sha"], status["name"], status["status"]) == (
        fake_gitlab.state.head_sha,
        "finops-gate",
        "failed",
    )
    assert status["description"].startswith("+$639.99/month, approval required")


def test_a_second_run_edits_the_same_note(fake_gitlab: FakeGitLab, gated_mr_repo: Path) -> None:
    env = gitlab_env(fake_gitlab)
    assert check_post(env, gated_mr_repo)[0] == 1
    assert check_post(env, gated_mr_repo)[0] == 1
    assert len(fake_gitlab.state.notes) == 1
    assert fake_gitlab.state.requests("POST", "/notes$") == [
        "/api/v4/projects/99/merge_requests/12/notes"
    ]


def test_an_approve_note_by_a_listed_lead_flips_the_gate(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    env = gitlab_env(fake_gitlab)
    assert check_post(env, gated_mr_repo)[0] == 1
    fake_gitlab.add_note("alice", "/finops-gate approve")
    code, _, err = check_post(env, gated_mr_repo)
    assert code == 0, err
    assert "approved by alice" in err
    assert fake_gitlab.state.statuses[-1]["status"] == "success"
    assert "approved by alice" in fake_gitlab.state.statuses[-1]["description"]
    [note] = fake_gitlab.state.notes[:1]
    assert (
        f"<code>alice</code> approved head <code>{fake_gitlab.state.head_sha[:12]}</code>"
        in str(note["body"])
    )


def test_a_native_approval_by_a_group_member_flips_the_gate(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    fake_gitlab.state.groups["acme/platform-leads"] = ["carol"]
    env = gitlab_env(fake_gitlab)
    assert check_post(env, gated_mr_repo)[0] == 1
    fake_gitlab.approve("carol")
    code, _, err = check_post(env, gated_mr_repo)
    assert code == 0, err
    assert "approved by carol" in err


def test_the_authors_approval_does_not_count(fake_gitlab: FakeGitLab, gated_mr_repo: Path) -> None:
    fake_gitlab.state.author = "alice"
    env = gitlab_env(fake_gitlab)
    assert check_post(env, gated_mr_repo)[0] == 1
    fake_gitlab.approve("alice")
    fake_gitlab.add_note("alice", "/finops-gate approve")
    code, _, err = check_post(env, gated_mr_repo)
    assert code == 1
    assert "alice is the author of this merge request and cannot approve it" in err
    assert fake_gitlab.state.statuses[-1]["status"] == "failed"


def test_an_approval_before_the_current_head_does_not_count(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    env = gitlab_env(fake_gitlab)
    assert check_post(env, gated_mr_repo)[0] == 1
    fake_gitlab.approve("alice")
    fake_gitlab.add_note("alice", "/finops-gate approve")
    assert check_post(env, gated_mr_repo)[0] == 0
    (gated_mr_repo / "README.md").write_text("another push\n", encoding="utf-8")
    fake_gitlab.push(commit(gated_mr_repo, "another push"))
    code, _, err = check_post(gitlab_env(fake_gitlab), gated_mr_repo)
    assert code == 1, err
    assert fake_gitlab.state.statuses[-1]["status"] == "failed"
    assert fake_gitlab.state.statuses[-1]["sha"] == fake_gitlab.state.head_sha
    # the lead who approved is told why it no longer counts, in the log and in the note
    said = (
        f"the approval by alice was given before the current head {fake_gitlab.state.head_sha[:12]}"
    )
    assert said in err and said in str(fake_gitlab.state.notes[0]["body"])


def test_merged_results_pipelines_bind_the_status_to_the_mr_head(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    env = gitlab_env(
        fake_gitlab,
        CI_COMMIT_SHA="e" * 40,  # the merged-results commit
        CI_MERGE_REQUEST_SOURCE_BRANCH_SHA=fake_gitlab.state.head_sha,
    )
    assert check_post(env, gated_mr_repo)[0] == 1
    assert [s["sha"] for s in fake_gitlab.state.statuses] == [fake_gitlab.state.head_sha]


def test_without_a_token_the_job_prints_the_verdict_and_says_what_to_set(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    env = gitlab_env(fake_gitlab)
    del env["GITLAB_TOKEN"]
    code, out, err = check_post(env, gated_mr_repo)
    assert code == 1
    assert "approval required" in out.lower()
    assert "GITLAB_TOKEN is not set" in err and "masked but NOT protected" in err
    assert fake_gitlab.state.log == []  # the job token is never used


def test_a_merge_request_from_a_fork_says_why_nothing_is_posted(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    """A fork's pipeline runs in the fork without the target project's token: asking the fork's
    author to add a token to the target project's settings is no help."""
    env = gitlab_env(
        fake_gitlab,
        CI_PROJECT_ID="5",
        CI_MERGE_REQUEST_SOURCE_PROJECT_ID="5",
        CI_MERGE_REQUEST_SOURCE_PROJECT_PATH="mallory/shop",
    )
    del env["GITLAB_TOKEN"]
    code, _, err = check_post(env, gated_mr_repo)
    assert code == 1
    [line] = [x for x in err.splitlines() if "not posted" in x]
    assert "comes from the fork mallory/shop" in line and "Run pipeline" in line
    assert "GITLAB_TOKEN is not set" not in err
    assert fake_gitlab.state.log == []


def test_a_clone_without_the_base_commit_says_which_variable_to_set(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    env = gitlab_env(fake_gitlab, CI_MERGE_REQUEST_DIFF_BASE_SHA="c" * 40)
    code, _, err = check_post(env, gated_mr_repo)
    assert code == 2
    [line] = err.strip().splitlines()
    assert "merge request's base commit cccccccccccc is not in this clone" in line
    assert 'GIT_DEPTH: "0"' in line and "fetch-depth" not in line


def test_post_in_a_branch_pipeline_says_it_needs_a_merge_request_pipeline(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    env = gitlab_env(fake_gitlab, CI_PIPELINE_SOURCE="push")
    del env["CI_MERGE_REQUEST_IID"], env["CI_MERGE_REQUEST_DIFF_BASE_SHA"]
    code, _, err = check_post(env, gated_mr_repo)
    assert code == 1  # the verdict still gates
    assert "CI_MERGE_REQUEST_IID is not set" in err and "merge_request_event" in err
    assert fake_gitlab.state.log == []


def test_a_failure_to_post_keeps_the_verdicts_exit_code(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    fake_gitlab.state.faults.append(Fault("GET", r"/merge_requests/12$", 503, times=100))
    code, out, err = check_post(gitlab_env(fake_gitlab), gated_mr_repo)
    assert code == 1
    assert "approval required" in out.lower()
    assert "not posted: GitLab: could not read merge request !12: HTTP 503" in err


def test_a_passing_change_exits_0_after_a_failed_post(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    (gated_mr_repo / ".finops-gate.yml").write_text("version: 1\n", encoding="utf-8")
    fake_gitlab.state.base_sha = commit(gated_mr_repo, "no gate")
    fake_gitlab.state.faults.append(Fault("POST", r"/notes$", 403))
    code, _, err = check_post(gitlab_env(fake_gitlab), gated_mr_repo)
    assert code == 0, err
    assert "not posted" in err and "HTTP 403" in err


def test_hide_and_new_is_refused_before_anything_runs(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path
) -> None:
    code, _, err = check_post(
        gitlab_env(fake_gitlab), gated_mr_repo, "--comment-behavior", "hide-and-new"
    )
    assert code == 2
    assert "gitlab cannot hide a comment" in err and len(err.strip().splitlines()) == 1
    assert fake_gitlab.state.log == []


def test_comment_post_publishes_a_saved_report(
    fake_gitlab: FakeGitLab, gated_mr_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    env = gitlab_env(fake_gitlab)
    del env["GITLAB_TOKEN"]
    check = ("check", str(gated_mr_repo), "--plan", str(gated_mr_repo / "plan.json"))
    assert run(env, *check, "--format", "json", "--out", str(out))[0] == 1
    code, _, err = run(gitlab_env(fake_gitlab), "comment", str(out), "--post")
    assert code == 1, err
    assert len(fake_gitlab.state.notes) == 1
    assert fake_gitlab.state.statuses[-1]["status"] == "failed"


def test_a_merged_results_pipeline_prices_only_the_merge_requests_change(
    fake_gitlab: FakeGitLab, tmp_path: Path
) -> None:
    """The job checks out the merge of the target branch's head and the MR: compared with the
    MR's diff base, what the target branch gained since would be counted as the MR's."""
    repo = tmp_path / "merged"
    diff_base, target, head = diverged_repo(repo)
    git(repo, "checkout", "-q", "--detach", target)
    git(repo, "merge", "-q", "--no-edit", head)  # the merged-results commit
    fake_gitlab.state.base_sha, fake_gitlab.state.head_sha = diff_base, head
    env = gitlab_env(
        fake_gitlab,
        CI_COMMIT_SHA=git(repo, "rev-parse", "HEAD"),
        CI_MERGE_REQUEST_SOURCE_BRANCH_SHA=head,
        CI_MERGE_REQUEST_TARGET_BRANCH_SHA=target,
    )
    out = tmp_path / "report.json"
    code, _, err = run(env, "check", str(repo), "--post", "--format", "json", "--out", str(out))
    assert code == 0, err
    resources = json.loads(out.read_text(encoding="utf-8"))["resources"]
    assert [(r["address"], r["action"]) for r in resources] == [
        ("Deployment/default/web", "update")
    ]
