"""End to end: an event payload + a plan -> ``finops-gate check --post`` against the local GitHub
API server -> one comment, one status, the right exit code; approval flips the gate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.publish import github as gh
from tests.conftest import EXAMPLES, ROOT
from tests.publish.conftest import GATED_CONFIG, commit, diverged_repo, git, make_pr_repo
from tests.publish.fake_github import FakeGitHub, Fault

PLAN = EXAMPLES / "terraform-plan" / "plan.json"


@pytest.fixture(autouse=True)
def no_pacing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gh, "THROTTLE", (0, 0))


def actions_env(server: FakeGitHub, tmp_path: Path, **extra: str) -> dict[str, str]:
    s = server.state
    event = {
        "action": "synchronize",
        "number": s.number,
        "pull_request": {
            "number": s.number,
            "user": {"login": s.author},
            "base": {"sha": s.base_sha, "ref": "main"},
            "head": {"sha": s.head_sha, "ref": "feature"},
        },
    }
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(path),
        "GITHUB_API_URL": server.url,
        "GITHUB_REPOSITORY": f"{s.owner}/{s.repo}",
        "GITHUB_RUN_ID": "77",
        "GITHUB_SHA": "f" * 40,
        "GITHUB_TOKEN": "t0ken",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    env.update(extra)
    return env


def run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_check_post_publishes_one_comment_and_one_status(
    fake_github: FakeGitHub, tmp_path: Path, pr_repo: Path
) -> None:
    env = actions_env(fake_github, tmp_path)
    out = tmp_path / "report.json"
    plan = str(pr_repo / "plan.json")
    args = ("check", str(pr_repo), "--plan", plan, "--format", "json", "--out", str(out), "--post")
    code, _, err = run(env, *args)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert code == (1 if doc["verdict"] in ("fail", "approval_required") else 0), err
    [comment] = fake_github.state.comments
    assert comment["body"].startswith(
        "<!-- finops-gate key=default head=" + fake_github.state.head_sha
    )
    [status] = fake_github.state.statuses
    assert status["sha"] == fake_github.state.head_sha  # from the event, not GITHUB_SHA
    assert status["context"] == "finops-gate"
    assert status["target_url"] == "https://github.com/acme/shop/actions/runs/77"
    assert "finops-gate: comment created" in err
    assert "### finops-gate:" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_a_second_run_updates_the_same_comment(
    fake_github: FakeGitHub, tmp_path: Path, pr_repo: Path
) -> None:
    env = actions_env(fake_github, tmp_path)
    plan = str(pr_repo / "plan.json")
    run(env, "check", str(pr_repo), "--plan", plan, "--post")
    first = fake_github.state.comments[0]["id"]
    first_head = fake_github.state.head_sha
    (pr_repo / "README.md").write_text("second push\n", encoding="utf-8")
    fake_github.push(commit(pr_repo, "second push"))
    env = actions_env(fake_github, tmp_path)
    code, _, err = run(env, "check", str(pr_repo), "--plan", plan, "--post")
    assert code == 0, err
    [comment] = fake_github.state.comments
    assert comment["id"] == first
    assert "head=" + fake_github.state.head_sha in comment["body"].split("\n", 1)[0]
    assert "comment updated" in err
    shas = [s["sha"] for s in fake_github.state.statuses]
    assert shas == [first_head, fake_github.state.head_sha]


def test_post_outside_a_pull_request_posts_nothing(fake_github: FakeGitHub, tmp_path: Path) -> None:
    env = actions_env(fake_github, tmp_path, GITHUB_EVENT_NAME="push")
    Path(env["GITHUB_EVENT_PATH"]).write_text('{"ref": "refs/heads/main"}', encoding="utf-8")
    code, _, err = run(env, "check", "--plan", str(PLAN), "--post")
    assert code == 0
    assert "not in a pull request; nothing posted" in err
    assert fake_github.state.log == []


def test_post_without_a_token_is_a_one_line_error(
    fake_github: FakeGitHub, tmp_path: Path, pr_repo: Path
) -> None:
    env = actions_env(fake_github, tmp_path, GITHUB_TOKEN="")
    code, _, err = run(env, "check", str(pr_repo), "--plan", str(pr_repo / "plan.json"), "--post")
    assert code == 2
    assert err.strip().splitlines() == [
        "finops-gate: no GitHub token: pass github-token to the action (or set GITHUB_TOKEN)"
    ]


def test_post_without_the_publish_extra_is_a_usage_error_naming_it(
    fake_github: FakeGitHub, tmp_path: Path, pr_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "github", None)  # as if PyGithub were not installed
    env = actions_env(fake_github, tmp_path)
    code, _, err = run(env, "check", str(pr_repo), "--plan", str(pr_repo / "plan.json"), "--post")
    assert code == 2
    [line] = err.strip().splitlines()
    assert "finops-gate[publish]" in line
    assert fake_github.state.log == []


def blocked_report(tmp_path: Path) -> Path:
    """A real report with the approval gate the policy engine sets above its threshold."""
    path = tmp_path / "report.json"
    code, _, err = run({}, "check", "--plan", str(PLAN), "--format", "json", "--out", str(path))
    assert code == 0, err
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    doc["verdict"] = "approval_required"
    doc["approval"] = {
        "required": True,
        "reasons": ["monthly increase $513.00 > $500"],
        "approvers": ["alice"],
        "approved_by": [],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_an_approving_review_flips_the_status_to_success(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    report = blocked_report(tmp_path)
    env = actions_env(fake_github, tmp_path)
    code, _, _ = run(env, "comment", str(report), "--post")
    assert code == 1
    assert fake_github.state.statuses[-1]["state"] == "failure"
    assert "approval required" in fake_github.state.statuses[-1]["description"]

    fake_github.add_review("alice", "APPROVED", "a" * 40)
    code, _, err = run(env, "comment", str(report), "--post")
    assert code == 0, err
    assert fake_github.state.statuses[-1]["state"] == "success"
    assert "approved by alice" in fake_github.state.statuses[-1]["description"]
    [comment] = fake_github.state.comments
    assert "Approved by: <code>alice</code>" in comment["body"]


def test_approvers_come_from_the_trusted_config_not_the_report(
    fake_github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = blocked_report(tmp_path)
    (tmp_path / ".finops-gate.yml").write_text(
        "version: 1\npolicies:\n  approval:\n    monthly_increase: 500\n"
        "    approvers: {github: [bob]}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    fake_github.add_review("alice", "APPROVED", "a" * 40)
    env = actions_env(fake_github, tmp_path)
    code, _, err = run(env, "comment", str(report), "--post", "--pr", "7", "--head-sha", "a" * 40)
    assert code == 1
    assert "approval by alice does not count: not among the approvers" in err


def test_a_report_for_a_superseded_head_is_not_posted(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    report = blocked_report(tmp_path)
    env = actions_env(fake_github, tmp_path)
    code, _, err = run(env, "comment", str(report), "--post", "--pr", "7", "--head-sha", "9" * 40)
    assert code == 2
    assert "not posted" in err
    assert fake_github.state.comments == [] and fake_github.state.statuses == []


def test_a_forks_artifact_naming_another_pr_with_the_same_commit_is_not_posted(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    """The PR number in a fork's artifact is the fork's word. A fork that pushes the commit of
    another (blocked) PR and names that PR with a passing report must not post on it."""
    report = blocked_report(tmp_path)
    doc = json.loads(report.read_text(encoding="utf-8"))
    doc["verdict"], doc["approval"]["required"] = "pass", False
    report.write_text(json.dumps(doc), encoding="utf-8")
    env = actions_env(fake_github, tmp_path, GITHUB_EVENT_NAME="workflow_run")
    s = fake_github.state
    pinned = ("--pr", "7", "--head-sha", s.head_sha)
    code, _, err = run(
        env, "comment", str(report), "--post", *pinned, "--head-repo", "mallory/shop"
    )
    assert code == 2
    assert "PR #7 comes from acme/shop, not mallory/shop" in err and "not posted" in err
    assert s.comments == [] and s.statuses == []
    s.head_repo = "mallory/shop"  # the PR does come from that fork: posted
    code, _, err = run(
        env, "comment", str(report), "--post", *pinned, "--head-repo", "Mallory/shop"
    )
    assert code == 0, err
    assert [x["state"] for x in s.statuses] == ["success"]


def test_an_untrusted_artifact_that_is_not_a_report_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "report.json"
    bad.write_text('{"verdict": "pass"}', encoding="utf-8")
    code, _, err = run({}, "comment", str(bad))
    assert code == 2
    assert "report.json: not a finops-gate report" in err


def test_comment_renders_a_saved_report_as_markdown(tmp_path: Path) -> None:
    report = blocked_report(tmp_path)
    code, out, _ = run({}, "comment", str(report))
    assert code == 0
    assert out.startswith("### finops-gate:")
    assert "Approval required from: <code>alice</code>" in out


def test_the_comment_says_who_approved_which_head_and_what_did_not_count(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    report = blocked_report(tmp_path)
    fake_github.add_review("alice", "APPROVED", "a" * 40)
    fake_github.add_review("eve", "APPROVED", "a" * 40)
    run(actions_env(fake_github, tmp_path), "comment", str(report), "--post")
    [comment] = fake_github.state.comments
    assert (
        "- <code>alice</code> approved head <code>aaaaaaaaaaaa</code> (review)" in comment["body"]
    )
    assert "- approval by eve does not count: not among the approvers" in comment["body"]


def test_in_a_pull_request_the_config_comes_from_the_base_commit_even_with_a_plan(
    fake_github: FakeGitHub, tmp_path: Path, pr_repo: Path
) -> None:
    (pr_repo / ".finops-gate.yml").write_text("version: 1\nloosen_my_gate: true\n", "utf-8")
    fake_github.push(commit(pr_repo, "a PR that edits the gate's config"))
    env = actions_env(fake_github, tmp_path)
    code, _, err = run(env, "check", str(pr_repo), "--plan", str(pr_repo / "plan.json"), "--post")
    assert code == 0, err  # the head's invalid config was not read
    assert len(fake_github.state.statuses) == 1
    # without the PR context the head's config is the one at hand, and it is refused
    code, _, err = run({}, "check", str(pr_repo), "--plan", str(pr_repo / "plan.json"))
    assert code == 2 and "loosen_my_gate" in err


def test_an_approve_comment_event_reads_the_shas_from_the_api(
    fake_github: FakeGitHub, tmp_path: Path, pr_repo: Path
) -> None:
    env = actions_env(fake_github, tmp_path, GITHUB_EVENT_NAME="issue_comment")
    s = fake_github.state
    event = {
        "issue": {"number": s.number, "user": {"login": s.author}, "pull_request": {"url": "u"}},
        "comment": {"body": "/finops-gate approve", "user": {"login": "alice"}},
    }
    Path(env["GITHUB_EVENT_PATH"]).write_text(json.dumps(event), encoding="utf-8")
    code, _, err = run(env, "check", str(pr_repo), "--plan", str(pr_repo / "plan.json"), "--post")
    assert code == 0, err
    [status] = s.statuses
    assert status["sha"] == s.head_sha


def resources_reported(env: dict[str, str], repo: Path, out: Path) -> list[tuple[str, str]]:
    code, _, err = run(env, "check", str(repo), "--post", "--format", "json", "--out", str(out))
    assert code == 0, err
    report = json.loads(out.read_text(encoding="utf-8"))
    return [(r["address"], r["action"]) for r in report["resources"]]


def test_an_approve_comment_run_on_the_head_counts_only_the_pull_requests_change(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    """On issue_comment the workflow checks out the PR head, and GitHub's base SHA is the base
    branch's tip, which moved on since the PR branched: what main gained is not shown as
    removed by the PR (a big saving that would hide its increase)."""
    s = fake_github.state
    _, s.base_sha, s.head_sha = diverged_repo(tmp_path / "repo")
    env = actions_env(fake_github, tmp_path, GITHUB_EVENT_NAME="issue_comment")
    event = {
        "issue": {"number": s.number, "user": {"login": s.author}, "pull_request": {"url": "u"}},
        "comment": {"body": "/finops-gate approve", "user": {"login": "alice"}},
    }
    Path(env["GITHUB_EVENT_PATH"]).write_text(json.dumps(event), encoding="utf-8")
    assert resources_reported(env, tmp_path / "repo", tmp_path / "r.json") == [
        ("Deployment/default/web", "update")
    ]


def test_a_merge_checkout_is_compared_with_the_target_it_merged_not_a_stale_base_sha(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    """``pull_request.base.sha`` can be older than the target commit of GitHub's merge ref:
    the merge's other parent is what the checked-out tree changes."""
    s = fake_github.state
    repo = tmp_path / "repo"
    s.base_sha, target, s.head_sha = diverged_repo(repo)
    git(repo, "checkout", "-q", "--detach", target)
    git(repo, "merge", "-q", "--no-edit", s.head_sha)  # refs/pull/7/merge
    assert resources_reported(actions_env(fake_github, tmp_path), repo, tmp_path / "r.json") == [
        ("Deployment/default/web", "update")
    ]


def test_a_shallow_clone_without_the_base_commit_is_a_one_line_error(
    fake_github: FakeGitHub, tmp_path: Path, pr_repo: Path
) -> None:
    fake_github.state.base_sha = "e" * 40
    env = actions_env(fake_github, tmp_path)
    code, _, err = run(env, "check", str(pr_repo), "--plan", str(pr_repo / "plan.json"), "--post")
    assert code == 2
    assert "base commit eeeeeeeeeeee is not in this clone; check out with fetch-depth: 0" in err
    assert fake_github.state.statuses == []


def test_in_github_actions_the_report_goes_to_the_job_summary_even_without_posting(
    fake_github: FakeGitHub, tmp_path: Path, pr_repo: Path
) -> None:
    env = actions_env(fake_github, tmp_path, GITHUB_TOKEN="")
    out = tmp_path / "report.txt"
    code, _, err = run(
        env, "check", str(pr_repo), "--plan", str(pr_repo / "plan.json"), "--out", str(out)
    )
    assert code == 0, err
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith("### finops-gate:")
    assert fake_github.state.log == []


def check_post(env: dict[str, str], repo: Path) -> tuple[int, str, str]:
    return run(env, "check", str(repo), "--plan", str(repo / "plan.json"), "--post")


def test_check_post_blocks_until_a_lead_approves_the_head_then_passes(
    fake_github: FakeGitHub, tmp_path: Path, gated_repo: Path
) -> None:
    env = actions_env(fake_github, tmp_path)
    code, _, err = check_post(env, gated_repo)
    assert code == 1, err
    [status] = fake_github.state.statuses
    assert status["state"] == "failure"
    assert status["description"].startswith("+$639.99/month, approval required")
    body = fake_github.state.comments[0]["body"]
    assert "Approval required from: <code>alice</code>, <code>acme/platform-leads</code>" in body
    assert "/finops-gate approve" in body

    fake_github.add_review("alice", "APPROVED", fake_github.state.head_sha)
    code, _, err = check_post(env, gated_repo)
    assert code == 0, err
    assert fake_github.state.statuses[-1]["state"] == "success"
    assert "approved by alice" in fake_github.state.statuses[-1]["description"]
    [comment] = fake_github.state.comments
    assert (
        f"<code>alice</code> approved head <code>{fake_github.state.head_sha[:12]}</code>"
        in (comment["body"])
    )


def test_approvers_written_as_mentions_count(fake_github: FakeGitHub, tmp_path: Path) -> None:
    """``@alice`` and ``@acme/platform-leads``, as in CODEOWNERS, name alice and the team."""
    config = GATED_CONFIG.replace(
        'approvers: {github: [alice, "acme/platform-leads"]}',
        'approvers: {github: ["@alice", "@acme/platform-leads"]}',
    )
    repo = make_pr_repo(tmp_path / "mentions", fake_github.state, config)
    fake_github.state.teams["acme/platform-leads"] = ["carol"]
    env = actions_env(fake_github, tmp_path)
    assert check_post(env, repo)[0] == 1
    body = fake_github.state.comments[0]["body"]
    assert "Approval required from: <code>alice</code>, <code>acme/platform-leads</code>" in body
    fake_github.add_review("carol", "APPROVED", fake_github.state.head_sha)
    code, _, err = check_post(env, repo)
    assert code == 0, err
    assert "approved by carol" in fake_github.state.statuses[-1]["description"]


def test_a_new_push_needs_a_new_approval(
    fake_github: FakeGitHub, tmp_path: Path, gated_repo: Path
) -> None:
    fake_github.add_review("alice", "APPROVED", fake_github.state.head_sha)
    assert check_post(actions_env(fake_github, tmp_path), gated_repo)[0] == 0
    (gated_repo / "README.md").write_text("another push\n", encoding="utf-8")
    fake_github.push(commit(gated_repo, "another push"))
    code, _, err = check_post(actions_env(fake_github, tmp_path), gated_repo)
    assert code == 1, err
    assert fake_github.state.statuses[-1]["state"] == "failure"


def test_a_team_members_approve_comment_clears_the_gate(
    fake_github: FakeGitHub, tmp_path: Path, gated_repo: Path
) -> None:
    fake_github.state.teams["acme/platform-leads"] = ["carol"]
    env = actions_env(fake_github, tmp_path)
    assert check_post(env, gated_repo)[0] == 1
    fake_github.state.clock = datetime.now(UTC) + timedelta(minutes=1)  # after the report
    fake_github.add_comment("carol", "/finops-gate approve")
    code, _, err = check_post(env, gated_repo)
    assert code == 0, err
    assert "approved by carol" in err


def test_the_author_approving_their_own_change_leaves_it_blocked(
    fake_github: FakeGitHub, tmp_path: Path, gated_repo: Path
) -> None:
    fake_github.state.author = "alice"
    env = actions_env(fake_github, tmp_path)
    fake_github.add_review("alice", "APPROVED", fake_github.state.head_sha)
    code, _, err = check_post(env, gated_repo)
    assert code == 1
    assert "alice is the author of this pull request and cannot approve it" in err
    assert "cannot approve it" in fake_github.state.comments[0]["body"]


def test_a_config_without_approvers_asks_the_platform_for_no_approvals(
    fake_github: FakeGitHub, tmp_path: Path, pr_repo: Path
) -> None:
    code, _, err = check_post(actions_env(fake_github, tmp_path), pr_repo)
    assert code == 0, err
    assert fake_github.state.requests("GET", "/reviews$") == []
    assert "approval:" not in err


def test_no_comment_sets_only_the_status(
    fake_github: FakeGitHub, tmp_path: Path, pr_repo: Path
) -> None:
    env = actions_env(fake_github, tmp_path)
    args = ("check", str(pr_repo), "--plan", str(pr_repo / "plan.json"), "--post", "--no-comment")
    code, _, err = run(env, *args)
    assert code == 0, err
    assert fake_github.state.comments == []
    assert len(fake_github.state.statuses) == 1


def test_a_pull_request_from_a_fork_ends_in_one_line_saying_what_to_use(
    fake_github: FakeGitHub, tmp_path: Path, gated_repo: Path
) -> None:
    """The plain workflow on a fork's pull request: GitHub refuses every write of its read-only
    token. The job's log says so in one line (PyGithub logs nothing of its own)."""
    env = actions_env(fake_github, tmp_path)
    event = json.loads(Path(env["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    event["pull_request"]["base"]["repo"] = {"full_name": "acme/shop"}
    event["pull_request"]["head"]["repo"] = {"full_name": "mallory/shop"}
    Path(env["GITHUB_EVENT_PATH"]).write_text(json.dumps(event), encoding="utf-8")
    refused = {"message": "Resource not accessible by integration"}
    fake_github.state.faults.append(Fault("POST", "/comments$", 403, body=refused, times=9))
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB", "GITLAB", "CI"))}
    args = ["check", str(gated_repo), "--post", "--plan", str(gated_repo / "plan.json")]
    result = subprocess.run(
        [sys.executable, "-m", "finops_gate.cli", *args, "--format", "json", "--out", os.devnull],
        env={**keep, **env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "comes from the fork mallory/shop" in line and "finops-gate-fork-post.yml" in line
    assert fake_github.state.comments == [] and fake_github.state.statuses == []
