"""The GitHub publisher, with the real PyGithub client against a local GitHub API server."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from finops_gate.ci import PullRequestContext
from finops_gate.errors import PublishError
from finops_gate.publish import github as gh
from finops_gate.publish.base import Publication
from finops_gate.publish.comment import Marker, parse_marker
from finops_gate.publish.github import GitHubPublisher, RetryPolicy
from tests.publish.fake_github import FakeGitHub, Fault
from tests.publish.reports import doc

T0 = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
FAST = RetryPolicy(total=3, backoff_factor=0.01, backoff_max=0.05, secondary_rate_wait=0.05)


def ctx(server: FakeGitHub, **kw: Any) -> PullRequestContext:
    s = server.state
    values: dict[str, Any] = {
        "platform": "github",
        "api_url": server.url,
        "repository": f"{s.owner}/{s.repo}",
        "number": s.number,
        "head_sha": s.head_sha,
        "base_sha": s.base_sha,
        "token": "t0ken",
        "run_url": "https://github.example/acme/shop/actions/runs/1",
    }
    values.update(kw)
    return PullRequestContext(**values)


def github(server: FakeGitHub, **kw: Any) -> GitHubPublisher:
    return GitHubPublisher(ctx(server, **kw), retry=FAST, throttle=(0, 0))


def publisher(
    server: FakeGitHub, now: datetime = T0, key: str = "default", **kw: Any
) -> Publication:
    """The generic comment behaviours over the GitHub primitives, at a fixed time."""
    clock: Callable[[], datetime] = lambda: now  # noqa: E731
    c = ctx(server, **kw)
    return Publication(
        GitHubPublisher(c, retry=FAST, throttle=(0, 0)),
        key=key,
        target_url=c.run_url,
        head_sha=c.head_sha,
        now=clock,
    )


def bodies(server: FakeGitHub) -> list[str]:
    return [c["body"] for c in server.state.comments]


def test_first_publication_creates_one_comment_and_one_failure_status(
    fake_github: FakeGitHub,
) -> None:
    result = publisher(fake_github).publish(doc())
    assert (result.comment, result.status) == ("created", "failure")
    [body] = bodies(fake_github)
    marker = parse_marker(body)
    assert marker is not None and marker.head == "a" * 40 and marker.key == "default"
    [status] = fake_github.state.statuses
    assert status["context"] == "finops-gate"
    assert status["sha"] == "a" * 40
    assert status["description"] == "+$513.00/month, approval required"
    assert "/finops-gate approve" in body


def test_second_run_updates_the_same_comment(fake_github: FakeGitHub) -> None:
    publisher(fake_github).publish(doc())
    result = publisher(fake_github, now=T0 + timedelta(minutes=1)).publish(doc(delta="600.00"))
    assert result.comment == "updated"
    [body] = bodies(fake_github)
    assert "+$600.00/month" in body
    assert len(fake_github.state.requests("POST", "/comments$")) == 1


def test_identical_report_is_not_edited_again(fake_github: FakeGitHub) -> None:
    publisher(fake_github).publish(doc())
    result = publisher(fake_github, now=T0 + timedelta(minutes=1)).publish(doc())
    assert result.comment == "unchanged"
    assert fake_github.state.requests("PATCH") == []


def test_an_older_run_never_overwrites_a_newer_comment(fake_github: FakeGitHub) -> None:
    publisher(fake_github, now=T0 + timedelta(minutes=5)).publish(doc(delta="700.00"))
    result = publisher(fake_github, now=T0).publish(doc(delta="513.00"))
    assert result.comment == "stale"
    assert "+$700.00/month" in bodies(fake_github)[0]


def test_a_run_for_a_superseded_head_leaves_the_current_heads_comment(
    fake_github: FakeGitHub,
) -> None:
    fake_github.push("c" * 40)
    publisher(fake_github, head_sha="c" * 40).publish(doc(delta="700.00"))
    late = publisher(fake_github, now=T0 + timedelta(minutes=9), head_sha="a" * 40)
    assert late.publish(doc()).comment == "stale"
    assert parse_marker(bodies(fake_github)[0]).head == "c" * 40  # type: ignore[union-attr]


def test_a_quote_of_the_marker_by_someone_else_is_never_edited(fake_github: FakeGitHub) -> None:
    quoted = Marker("default", "a" * 40, T0, T0).line() + "\n> quoting the bot"
    fake_github.add_comment("mallory", quoted)
    publisher(fake_github).publish(doc())
    assert bodies(fake_github)[0] == quoted
    assert len(bodies(fake_github)) == 2


def test_new_behavior_adds_a_comment_each_run(fake_github: FakeGitHub) -> None:
    publisher(fake_github).publish(doc(), behavior="new")
    publisher(fake_github, now=T0 + timedelta(minutes=1)).publish(doc(delta="1.00"), behavior="new")
    assert len(bodies(fake_github)) == 2


def test_delete_and_new_leaves_only_the_fresh_comment(fake_github: FakeGitHub) -> None:
    publisher(fake_github).publish(doc())
    result = publisher(fake_github, now=T0 + timedelta(minutes=1)).publish(
        doc(delta="1.00"), behavior="delete-and-new"
    )
    assert result.comment == "recreated"
    [body] = bodies(fake_github)
    assert "+$1.00/month" in body
    assert len(fake_github.state.requests("DELETE")) == 1


def test_hide_and_new_minimizes_the_old_comment_through_graphql(fake_github: FakeGitHub) -> None:
    publisher(fake_github).publish(doc())
    old_id = fake_github.state.comments[0]["id"]
    publisher(fake_github, now=T0 + timedelta(minutes=1)).publish(
        doc(delta="1.00"), behavior="hide-and-new"
    )
    assert fake_github.state.minimized == {old_id}
    assert len(bodies(fake_github)) == 2
    assert fake_github.state.requests("POST", "graphql$")


def test_unknown_behavior_is_a_usage_error(fake_github: FakeGitHub) -> None:
    with pytest.raises(PublishError, match="behavior 'upsert' is unknown"):
        publisher(fake_github).publish(doc(), behavior="upsert")


def test_comments_are_found_across_pages(fake_github: FakeGitHub) -> None:
    fake_github.per_page_cap = 2
    for i in range(5):
        fake_github.add_comment("dev", f"comment {i}")
    publisher(fake_github).publish(doc())
    publisher(fake_github, now=T0 + timedelta(minutes=1)).publish(doc(delta="2.00"))
    assert len(bodies(fake_github)) == 6
    assert any("/comments?" in q and "page=3" in q for q in fake_github.state.queries)


def test_an_actions_token_finds_comments_by_github_actions_bot(fake_github: FakeGitHub) -> None:
    fake_github.state.token_user = None  # GET /user is 403 for an installation token
    publisher(fake_github).publish(doc())
    publisher(fake_github, now=T0 + timedelta(minutes=1)).publish(doc(delta="3.00"))
    [comment] = fake_github.state.comments
    assert comment["user"]["login"] == "github-actions[bot]"
    assert "+$3.00/month" in comment["body"]


def test_a_github_app_token_finds_its_comments_through_the_graphql_viewer(
    fake_github: FakeGitHub,
) -> None:
    fake_github.state.token_user, fake_github.state.viewer = None, "acme-finops[bot]"
    fake_github.add_comment("github-actions[bot]", Marker("default", "a" * 40, T0, T0).line())
    publisher(fake_github).publish(doc())
    publisher(fake_github, now=T0 + timedelta(minutes=1)).publish(doc(delta="4.00"))
    authors = [c["user"]["login"] for c in fake_github.state.comments]
    assert authors == ["github-actions[bot]", "acme-finops[bot]"]
    assert "+$4.00/month" in fake_github.state.comments[1]["body"]


def test_a_huge_report_is_truncated_below_githubs_limit(fake_github: FakeGitHub) -> None:
    publisher(fake_github).publish(doc(resources=2000))
    [body] = bodies(fake_github)
    assert len(body) <= gh.MAX_BODY
    assert "more resources — full report in the job summary / artifact" in body


def test_a_422_for_a_long_body_retries_with_a_shorter_one(fake_github: FakeGitHub) -> None:
    fake_github.state.faults.append(
        Fault("POST", "/comments$", 422, body={"message": "Validation Failed"})
    )
    assert publisher(fake_github).publish(doc(resources=50)).comment == "created"
    assert len(bodies(fake_github)) == 1


def test_the_server_rejects_bodies_over_65536_characters(fake_github: FakeGitHub) -> None:
    p = github(fake_github)
    with pytest.raises(PublishError, match="HTTP 422"):
        gh._call(lambda: p.pull().create_issue_comment("x" * 65_537), "create the PR comment")


@pytest.mark.parametrize(
    "fault",
    [
        Fault("POST", "/statuses/", 502, times=2),
        Fault("POST", "/statuses/", 429, headers={"Retry-After": "0"}),
        Fault(
            "POST",
            "/statuses/",
            403,
            headers={"Retry-After": "0"},
            body={"message": "You have exceeded a secondary rate limit"},
        ),
        Fault(
            "GET", "/pulls/7$", 403, body={"message": "You have exceeded a secondary rate limit."}
        ),
    ],
    ids=["5xx", "429", "403-retry-after", "403-secondary"],
)
def test_rate_limits_and_server_errors_are_retried(fake_github: FakeGitHub, fault: Fault) -> None:
    fake_github.state.faults.append(fault)
    assert publisher(fake_github).publish(doc()).status == "failure"
    assert len(fake_github.state.statuses) == 1


def test_a_long_retry_after_is_waited_only_up_to_the_bound(fake_github: FakeGitHub) -> None:
    fake_github.state.faults.append(
        Fault("POST", "/statuses/", 429, headers={"Retry-After": "3600"})
    )
    p = publisher(fake_github)
    assert isinstance(p.publisher, GitHubPublisher)
    p.publisher.retry = RetryPolicy(total=2, backoff_factor=0.01, max_rate_limit_wait=0.05)
    started = time.monotonic()
    assert p.publish(doc(), post_comment=False).status == "failure"
    assert time.monotonic() - started < 30


def test_retries_are_bounded_and_end_in_a_one_line_error(fake_github: FakeGitHub) -> None:
    fake_github.state.faults.append(Fault("POST", "/statuses/", 503, times=99))
    with pytest.raises(PublishError, match="could not set the finops-gate status"):
        publisher(fake_github).publish(doc())
    assert len(fake_github.state.requests("POST", "/statuses/")) == FAST.total + 1


def test_a_forbidden_write_names_the_missing_permission(fake_github: FakeGitHub) -> None:
    fake_github.state.faults.append(
        Fault("POST", "/comments$", 403, body={"message": "Resource not accessible by integration"})
    )
    with pytest.raises(PublishError, match="pull-requests: write"):
        publisher(fake_github).publish(doc())


def test_passing_report_sets_a_success_status(fake_github: FakeGitHub) -> None:
    publisher(fake_github).publish(doc(delta="-12.00", verdict="pass"), post_comment=False)
    [status] = fake_github.state.statuses
    assert (status["state"], status["description"]) == ("success", "-$12.00/month, pass")
    assert fake_github.state.comments == []


# --- approvals -----------------------------------------------------------------------------


def approvals(server: FakeGitHub, approvers: tuple[str, ...] = ("alice",)) -> Any:
    return publisher(server).approvals(approvers)


def test_an_approving_review_on_the_head_commit_counts(fake_github: FakeGitHub) -> None:
    fake_github.add_review("alice", "APPROVED", "a" * 40)
    state = approvals(fake_github)
    assert state.logins == ("alice",)
    assert state.approvals[0].via == "review"


def test_a_review_on_an_earlier_commit_does_not_count(fake_github: FakeGitHub) -> None:
    fake_github.add_review("alice", "APPROVED", "9" * 40)
    assert approvals(fake_github).logins == ()


def test_changes_requested_after_approval_withdraws_it(fake_github: FakeGitHub) -> None:
    fake_github.add_review("alice", "APPROVED", "a" * 40)
    fake_github.add_review("alice", "COMMENTED", "a" * 40)
    assert approvals(fake_github).logins == ("alice",)
    fake_github.add_review("alice", "CHANGES_REQUESTED", "a" * 40)
    assert approvals(fake_github).logins == ()


def test_the_pr_author_cannot_approve(fake_github: FakeGitHub) -> None:
    fake_github.add_review("dev", "APPROVED", "a" * 40)
    state = approvals(fake_github, ("dev", "alice"))
    assert state.logins == ()
    assert any("author" in n for n in state.notes)


def test_someone_not_among_the_approvers_does_not_count(fake_github: FakeGitHub) -> None:
    fake_github.add_review("eve", "APPROVED", "a" * 40)
    state = approvals(fake_github)
    assert state.logins == ()
    assert "approval by eve does not count: not among the approvers" in state.notes


def test_a_team_member_approves_through_the_team(fake_github: FakeGitHub) -> None:
    fake_github.state.teams["acme/platform-leads"] = ["carol"]
    fake_github.add_review("carol", "APPROVED", "a" * 40)
    fake_github.add_review("eve", "APPROVED", "a" * 40)
    state = approvals(fake_github, ("acme/platform-leads",))
    assert [(a.login, a.teams) for a in state.approvals] == [("carol", ("acme/platform-leads",))]


def test_unreadable_team_membership_is_said_plainly_and_not_counted(
    fake_github: FakeGitHub,
) -> None:
    fake_github.state.teams["acme/platform-leads"] = ["carol"]
    fake_github.state.hidden_teams.add("acme/platform-leads")
    fake_github.add_review("carol", "APPROVED", "a" * 40)
    state = approvals(fake_github, ("acme/platform-leads",))
    assert state.logins == ()
    assert any("cannot read the members of acme/platform-leads" in n for n in state.notes)


def test_an_approve_comment_after_the_report_counts(fake_github: FakeGitHub) -> None:
    # the server's clock is before T0: post the report with a time the server's clock follows
    fake_github.state.clock = T0
    publisher(fake_github).publish(doc())
    fake_github.add_comment("alice", "/finops-gate approve")
    state = approvals(fake_github)
    assert [(a.login, a.via) for a in state.approvals] == [("alice", "comment")]


def test_an_approve_comment_before_the_report_for_this_head_does_not_count(
    fake_github: FakeGitHub,
) -> None:
    fake_github.state.clock = T0 - timedelta(hours=1)
    fake_github.add_comment("alice", "/finops-gate approve")
    fake_github.state.clock = T0
    publisher(fake_github).publish(doc())
    assert approvals(fake_github).logins == ()


def test_an_approve_comment_without_a_report_for_the_new_head_does_not_count(
    fake_github: FakeGitHub,
) -> None:
    fake_github.state.clock = T0
    publisher(fake_github).publish(doc())
    fake_github.add_comment("alice", "/finops-gate approve")
    fake_github.push("d" * 40)
    assert publisher(fake_github, head_sha="d" * 40).approvals(("alice",)).logins == ()


def test_an_edited_approve_comment_does_not_count(fake_github: FakeGitHub) -> None:
    fake_github.state.clock = T0
    publisher(fake_github).publish(doc())
    fake_github.add_comment("alice", "/finops-gate approve", edited=True)
    state = approvals(fake_github)
    assert state.logins == ()
    assert any("was edited" in n for n in state.notes)


def test_no_configured_approvers_means_no_approval_counts(fake_github: FakeGitHub) -> None:
    fake_github.add_review("alice", "APPROVED", "a" * 40)
    state = approvals(fake_github, ())
    assert state.logins == ()
    assert "policies.approval.approvers.github" in state.notes[0]


# --- pure parts ----------------------------------------------------------------------------


def test_annotations_carry_file_and_line_and_escape_the_message() -> None:
    d = doc()
    d["findings"] = [
        {
            "policy": "tags.required",
            "severity": "fail",
            "address": "aws_eip.egress",
            "message": "missing tag finops:team\n::error::injected",
            "file": "infra/main.tf",
            "line": 12,
        },
        {
            "policy": "pricing.unpriced",
            "severity": "warn",
            "address": None,
            "message": "50% unknown",
            "file": "a,b:c.tf",
            "line": None,
        },
        {
            "policy": "budget.monthly",
            "severity": "warn",
            "address": None,
            "message": "x",
            "file": None,
            "line": None,
        },
    ]
    assert gh.workflow_annotations(d) == [
        "::error file=infra/main.tf,line=12,title=tags.required::aws_eip.egress: missing tag "
        "finops:team%0A::error::injected",
        "::warning file=a%2Cb%3Ac.tf,title=pricing.unpriced::50%25 unknown",
    ]


def test_publishing_outside_a_pull_request_is_refused() -> None:
    with pytest.raises(PublishError, match="no PR found"):
        GitHubPublisher(PullRequestContext(platform="local"))
    with pytest.raises(PublishError, match="no GitHub token"):
        GitHubPublisher(PullRequestContext(platform="github", number=1, repository="a/b"))


def test_hostile_text_from_the_pr_is_inert_in_the_posted_comment(fake_github: FakeGitHub) -> None:
    d = doc()
    d["resources"][0]["address"] = 'aws_s3_bucket.x["<img src=x onerror=alert(1)>"]'
    d["resources"][0]["file"] = "@acme/admins [click](https://evil.example) | ```\n# Title"
    d["findings"] = [
        {
            "policy": "tags.required",
            "severity": "warn",
            "address": "@everyone",
            "message": "<script>x</script> www.evil.example",
            "file": "x.tf\n## injected",
            "line": 3,
        }
    ]
    publisher(fake_github).publish(d)
    [body] = bodies(fake_github)
    for raw in ("<img", "<script", "@acme", "@everyone", "](https://", "www.evil", "\n## injected"):
        assert raw not in body


def test_pygithub_is_loaded_only_when_publishing() -> None:
    import subprocess
    import sys

    code = (
        "import sys, finops_gate.cli, finops_gate.publish.github, finops_gate.publish.post; "
        "assert 'github' not in sys.modules, 'PyGithub imported eagerly'"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=False
    )
    assert result.returncode == 0, result.stderr


def test_two_gates_on_one_pr_keep_their_own_comments(fake_github: FakeGitHub) -> None:
    publisher(fake_github).publish(doc())
    infra = publisher(fake_github, key="infra")
    infra.publish(doc(delta="9.00"))
    later = publisher(fake_github, now=T0 + timedelta(1), key="infra")
    assert later.publish(doc(delta="10.00")).comment == "updated"
    keys = sorted(parse_marker(b).key for b in bodies(fake_github))  # type: ignore[union-attr]
    assert keys == ["default", "infra"]


def test_when_no_identity_is_readable_the_actions_bot_is_assumed(fake_github: FakeGitHub) -> None:
    fake_github.state.token_user, fake_github.state.viewer = None, None
    assert github(fake_github).whoami() == "github-actions[bot]"


def test_a_status_without_a_run_url_leaves_target_url_out(fake_github: FakeGitHub) -> None:
    publisher(fake_github, run_url=None).publish(doc(), post_comment=False)
    [status] = fake_github.state.statuses
    assert status["target_url"] is None


def test_a_422_on_update_retries_with_a_shorter_body(fake_github: FakeGitHub) -> None:
    publisher(fake_github).publish(doc(resources=50))
    fake_github.state.faults.append(Fault("PATCH", "/comments/", 422, body={"message": "x"}))
    later = publisher(fake_github, now=T0 + timedelta(minutes=1))
    assert later.publish(doc(resources=60)).comment == "updated"
    assert len(fake_github.state.requests("PATCH")) == 2


def test_a_comment_is_not_created_again_after_a_server_error(fake_github: FakeGitHub) -> None:
    """GitHub may have created it before answering 502: a second POST would post it twice."""
    fake_github.state.faults.append(Fault("POST", "/comments$", 502))
    with pytest.raises(PublishError, match="HTTP 502"):
        publisher(fake_github).publish(doc())
    assert len(fake_github.state.requests("POST", "/comments$")) == 1
    assert fake_github.state.statuses == []  # nothing half-posted


def test_a_write_refused_on_a_pull_request_from_a_fork_says_what_to_use(
    fake_github: FakeGitHub,
) -> None:
    fake_github.state.faults.append(
        Fault("POST", "/comments$", 403, body={"message": "Resource not accessible by integration"})
    )
    with pytest.raises(PublishError) as caught:
        publisher(fake_github, fork="mallory/shop").publish(doc())
    message = str(caught.value)
    assert "\n" not in message
    assert "comes from the fork mallory/shop" in message
    assert "finops-gate-fork-check.yml" in message
