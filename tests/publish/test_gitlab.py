"""The GitLab publisher through the real python-gitlab client against a local GitLab API."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from finops_gate.ci import PullRequestContext
from finops_gate.errors import PublishError
from finops_gate.publish import gitlab as gl
from finops_gate.publish.base import Publication
from finops_gate.publish.comment import parse_marker
from finops_gate.publish.gitlab import GitLabPublisher, RetryPolicy
from finops_gate.publish.post import publication
from tests.publish.fake_gitlab import FakeGitLab, Fault
from tests.publish.reports import doc

FAST = RetryPolicy(total=3, backoff_factor=0, backoff_max=0, max_wait=0.3)


def ctx(server: FakeGitLab, **changes: object) -> PullRequestContext:
    s = server.state
    fields: dict[str, object] = {
        "platform": "gitlab",
        "api_url": server.url,
        "repository": str(s.project_id),
        "number": s.iid,
        "base_sha": s.base_sha,
        "head_sha": s.head_sha,
        "run_url": "https://gitlab.example/acme/shop/-/jobs/31",
        "token": s.token,
    }
    fields.update(changes)
    return PullRequestContext(**fields)  # type: ignore[arg-type]


def publisher(server: FakeGitLab, **changes: object) -> Publication:
    c = ctx(server, **changes)
    return publication(c, publisher=GitLabPublisher(c, retry=FAST))


def ours(server: FakeGitLab) -> list[dict[str, object]]:
    return [n for n in server.state.notes if n["author"]["username"] == server.state.token_user]


def test_the_first_run_creates_one_note_with_the_marker(fake_gitlab: FakeGitLab) -> None:
    result = publisher(fake_gitlab).publish(doc())
    [note] = fake_gitlab.state.notes
    marker = parse_marker(str(note["body"]))
    assert marker is not None and marker.head == fake_gitlab.state.head_sha
    assert (result.comment, result.comment_id) == ("created", note["id"])


def test_a_second_run_edits_the_same_note(fake_gitlab: FakeGitLab) -> None:
    publisher(fake_gitlab).publish(doc(delta="513.00"))
    result = publisher(fake_gitlab).publish(doc(delta="600.00"))
    [note] = fake_gitlab.state.notes
    assert result.comment == "updated" and "+$600.00" in str(note["body"])
    assert len(fake_gitlab.state.requests("PUT", r"/notes/\d+$")) == 1


def test_an_identical_report_is_not_written_again(fake_gitlab: FakeGitLab) -> None:
    publisher(fake_gitlab).publish(doc())
    result = publisher(fake_gitlab).publish(doc())
    assert result.comment == "unchanged"
    assert fake_gitlab.state.requests("PUT") == []


def test_notes_are_read_across_pages(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.per_page_cap = 2
    for i in range(5):
        fake_gitlab.add_note("someone", f"comment {i}")
    publisher(fake_gitlab).publish(doc())
    for i in range(3):
        fake_gitlab.add_note("someone", f"later {i}")
    assert publisher(fake_gitlab).publish(doc(delta="9.00")).comment == "updated"
    assert len(ours(fake_gitlab)) == 1
    pages = fake_gitlab.state.requests("GET", "/notes$")
    assert len(pages) >= 5  # 9 notes, 2 a page: followed the Link header


def test_a_quote_of_the_marker_by_someone_else_or_a_system_note_is_left_alone(
    fake_gitlab: FakeGitLab,
) -> None:
    publisher(fake_gitlab).publish(doc())
    body = str(fake_gitlab.state.notes[0]["body"])
    fake_gitlab.state.notes.clear()
    quote = fake_gitlab.add_note("mallory", body)
    system = fake_gitlab.add_note(fake_gitlab.state.token_user, body, system=True)
    result = publisher(fake_gitlab).publish(doc(delta="700.00"))
    assert result.comment == "created"
    assert quote["body"] == body and system["body"] == body
    assert len(fake_gitlab.state.notes) == 3


@pytest.mark.parametrize(("behavior", "count"), [("new", 2), ("delete-and-new", 1)])
def test_new_and_delete_and_new(fake_gitlab: FakeGitLab, behavior: str, count: int) -> None:
    publisher(fake_gitlab).publish(doc())
    result = publisher(fake_gitlab).publish(doc(delta="42.00"), behavior=behavior)
    assert result.comment == "recreated"
    assert len(ours(fake_gitlab)) == count
    assert "+$42.00" in str(ours(fake_gitlab)[-1]["body"])


def test_delete_and_new_keeps_the_old_note_when_the_new_one_is_refused(
    fake_gitlab: FakeGitLab,
) -> None:
    publisher(fake_gitlab).publish(doc())
    fake_gitlab.state.faults.append(Fault("POST", "/notes$", 403))
    with pytest.raises(PublishError, match="HTTP 403"):
        publisher(fake_gitlab).publish(doc(delta="42.00"), behavior="delete-and-new")
    [kept] = ours(fake_gitlab)
    assert parse_marker(str(kept["body"])) is not None


def test_hide_is_refused_with_a_reason(fake_gitlab: FakeGitLab) -> None:
    publisher(fake_gitlab).publish(doc())
    with pytest.raises(PublishError, match="gitlab cannot hide"):
        publisher(fake_gitlab).publish(doc(delta="1.00"), behavior="hide-and-new")


def test_an_older_run_never_overwrites_a_newer_note(fake_gitlab: FakeGitLab) -> None:
    later = datetime.now(UTC) + timedelta(hours=1)
    p = publisher(fake_gitlab)
    p.now = lambda: later
    p.publish(doc(delta="1.00"))
    result = publisher(fake_gitlab).publish(doc(delta="2.00"))
    assert result.comment == "stale"
    assert "+$1.00" in str(fake_gitlab.state.notes[0]["body"])


def test_a_run_for_an_earlier_head_leaves_the_note_of_the_current_head(
    fake_gitlab: FakeGitLab,
) -> None:
    old_head = fake_gitlab.state.head_sha
    fake_gitlab.push("c" * 40)
    publisher(fake_gitlab, head_sha="c" * 40).publish(doc(delta="3.00"))
    result = publisher(fake_gitlab, head_sha=old_head).publish(doc(delta="4.00"))
    assert result.comment == "stale"


def test_a_long_report_is_trimmed_to_gitlabs_limit(
    fake_gitlab: FakeGitLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = publisher(fake_gitlab)
    p.publisher.comment_limit = 5_000
    p.publish(doc(resources=300))
    body = str(fake_gitlab.state.notes[0]["body"])
    assert len(body) <= 5_000 and "more resource" in body


def test_a_note_gitlab_finds_too_long_is_sent_again_shorter(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.state.faults.append(
        Fault("POST", "/notes$", 400, body={"message": {"note": ["is too long (maximum ...)"]}})
    )
    p = publisher(fake_gitlab)
    p.publisher.comment_limit = 20_000
    assert p.publish(doc(resources=300)).comment == "created"
    assert len(str(fake_gitlab.state.notes[0]["body"])) <= 5_000


def test_the_status_is_set_on_the_merge_requests_head_not_the_merged_result(
    fake_gitlab: FakeGitLab,
) -> None:
    # merged-results pipeline: CI_COMMIT_SHA is a merge commit; ci.py gives the MR head
    result = publisher(fake_gitlab).publish(doc())
    [status] = fake_gitlab.state.statuses
    assert (status["sha"], status["name"], status["status"]) == (
        fake_gitlab.state.head_sha,
        "finops-gate",
        "failed",
    )
    assert status["description"] == "+$513.00/month, approval required"
    assert status["target_url"] == "https://gitlab.example/acme/shop/-/jobs/31"
    assert result.status == "failure"  # our word; GitLab's is "failed"


def test_a_passing_report_sets_success(fake_gitlab: FakeGitLab) -> None:
    publisher(fake_gitlab).publish(doc(delta="5.00", verdict="pass"), post_comment=False)
    assert fake_gitlab.state.notes == []
    assert fake_gitlab.state.statuses[0]["status"] == "success"


def test_a_ci_job_of_the_same_name_is_the_status(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.state.pipeline_jobs.add("finops-gate")
    result = publisher(fake_gitlab).publish(doc())
    assert fake_gitlab.state.statuses == []
    assert any("CI job of that name in this pipeline is the status" in n for n in result.notes)


def test_an_overlong_job_url_is_left_out_of_the_status(fake_gitlab: FakeGitLab) -> None:
    publisher(fake_gitlab, run_url="https://x/" + "j" * 300).publish(doc())
    assert fake_gitlab.state.statuses[0]["target_url"] is None


# --- failures and retries -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "hint"),
    [
        (401, "invalid or expired"),
        (403, "lacks a permission"),
        (404, "cannot see it"),
    ],
)
def test_a_refused_request_is_one_clear_error(
    fake_gitlab: FakeGitLab, status: int, hint: str
) -> None:
    fake_gitlab.state.faults.append(Fault("GET", r"/merge_requests/12$", status))
    with pytest.raises(
        PublishError, match=rf"GitLab: could not read merge request !12: HTTP {status}.*{hint}"
    ):
        publisher(fake_gitlab).publish(doc())


def test_a_wrong_token_is_refused_with_401(fake_gitlab: FakeGitLab) -> None:
    with pytest.raises(PublishError, match="HTTP 401") as caught:
        publisher(fake_gitlab, token="wrong").publish(doc())
    assert "HTTP 401 Unauthorized (the token is invalid or expired" in str(caught.value)


@pytest.mark.parametrize("code", [500, 502, 503, 504])
def test_server_errors_on_reads_are_retried(fake_gitlab: FakeGitLab, code: int) -> None:
    fake_gitlab.state.faults.append(Fault("GET", "/notes$", code, times=2))
    assert publisher(fake_gitlab).publish(doc()).comment == "created"
    assert len(fake_gitlab.state.requests("GET", "/notes$")) == 3


def test_retries_are_bounded(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.state.faults.append(Fault("GET", "/notes$", 502, times=50))
    with pytest.raises(PublishError, match="HTTP 502"):
        publisher(fake_gitlab).publish(doc())
    assert len(fake_gitlab.state.requests("GET", "/notes$")) == 1 + FAST.total


def test_a_create_is_not_repeated_after_a_500(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.state.faults.append(Fault("POST", "/notes$", 500))
    with pytest.raises(PublishError, match="HTTP 500"):
        publisher(fake_gitlab).publish(doc())
    assert len(fake_gitlab.state.requests("POST", "/notes$")) == 1


def test_429_honours_retry_after_up_to_the_cap(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.state.faults.append(
        Fault("POST", "/notes$", 429, headers={"Retry-After": "3600"}, times=1)
    )
    start = time.monotonic()
    assert publisher(fake_gitlab).publish(doc()).comment == "created"
    waited = time.monotonic() - start
    assert FAST.max_wait <= waited < 5  # honoured, but capped (not an hour)
    assert len(fake_gitlab.state.requests("POST", "/notes$")) == 2


def test_429_honours_ratelimit_reset(fake_gitlab: FakeGitLab) -> None:
    reset = str(int(time.time()) + 3600)
    fake_gitlab.state.faults.append(
        Fault("GET", r"/merge_requests/12$", 429, headers={"RateLimit-Reset": reset})
    )
    start = time.monotonic()
    publisher(fake_gitlab).publish(doc())
    assert FAST.max_wait <= time.monotonic() - start < 5
    assert len(fake_gitlab.state.requests("GET", r"/merge_requests/12$")) == 2


@pytest.mark.parametrize("reset", ["1\u00b22", "9" * 5000])
def test_a_ratelimit_reset_that_is_no_number_falls_back_to_the_backoff(
    fake_gitlab: FakeGitLab, reset: str
) -> None:
    # "1²2" is digits to str.isdigit but no number to int (a traceback, exit 3, before)
    fake_gitlab.state.faults.append(
        Fault("GET", r"/merge_requests/12$", 429, headers={"RateLimit-Reset": reset})
    )
    start = time.monotonic()
    publisher(fake_gitlab).publish(doc())
    assert time.monotonic() - start < 5
    assert len(fake_gitlab.state.requests("GET", r"/merge_requests/12$")) == 2


def test_an_unreachable_gitlab_is_a_publish_error() -> None:
    server = FakeGitLab()  # never started: nothing listens
    server.server.server_close()
    with pytest.raises(PublishError, match="GitLab: could not"):
        publisher(server).publish(doc())


def test_without_a_token_the_error_says_which_variable_to_set(fake_gitlab: FakeGitLab) -> None:
    with pytest.raises(PublishError, match=r"GITLAB_TOKEN.*masked but NOT protected"):
        GitLabPublisher(ctx(fake_gitlab, token=None))


# --- approvals ----------------------------------------------------------------------------


def report_now(server: FakeGitLab) -> Publication:
    """The bot's note for the current head, then a publisher to read approvals."""
    p = publisher(server)
    p.publish(doc())
    return publisher(server)


def test_an_approve_note_after_the_report_by_a_listed_user_counts(fake_gitlab: FakeGitLab) -> None:
    p = report_now(fake_gitlab)
    fake_gitlab.add_note("alice", "/finops-gate approve")
    state = p.approvals(["alice"])
    assert [(a.login, a.via, a.head_sha) for a in state.approvals] == [
        ("alice", "comment", fake_gitlab.state.head_sha)
    ]


def test_an_approve_note_before_the_report_for_this_head_does_not(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.add_note("alice", "/finops-gate approve")
    p = report_now(fake_gitlab)
    assert p.approvals(["alice"]).approvals == ()


def test_an_edited_approve_note_does_not_count(fake_gitlab: FakeGitLab) -> None:
    p = report_now(fake_gitlab)
    fake_gitlab.add_note("alice", "/finops-gate approve", edited=True)
    state = p.approvals(["alice"])
    assert state.approvals == ()
    assert "the approve comment by alice was edited and does not count" in state.notes


def test_a_native_approval_after_the_report_counts(fake_gitlab: FakeGitLab) -> None:
    p = report_now(fake_gitlab)
    fake_gitlab.approve("alice")
    assert [a.via for a in p.approvals(["alice"]).approvals] == ["approval"]


def test_a_native_approval_before_the_current_head_does_not(fake_gitlab: FakeGitLab) -> None:
    publisher(fake_gitlab).publish(doc())
    fake_gitlab.approve("alice")
    fake_gitlab.push("c" * 40)  # a new push: the report for it comes later
    p = publisher(fake_gitlab, head_sha="c" * 40)
    p.publish(doc())
    state = publisher(fake_gitlab, head_sha="c" * 40).approvals(["alice"])
    assert state.approvals == ()


def test_without_approval_times_a_native_approval_cannot_be_bound(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.state.report_approved_at = False
    p = report_now(fake_gitlab)
    fake_gitlab.approve("alice")
    assert p.approvals(["alice"]).approvals == ()


def test_the_author_cannot_approve(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.state.author = "alice"
    p = report_now(fake_gitlab)
    fake_gitlab.approve("alice")
    state = p.approvals(["alice"])
    assert state.approvals == ()
    assert "alice is the author of this merge request and cannot approve it" in state.notes


def test_someone_not_listed_does_not_count(fake_gitlab: FakeGitLab) -> None:
    p = report_now(fake_gitlab)
    fake_gitlab.add_note("eve", "/finops-gate approve")
    state = p.approvals(["alice"])
    assert state.approvals == ()
    assert "approval by eve does not count: not among the approvers" in state.notes


@pytest.mark.parametrize("group", ["acme/platform-leads", "leads"])
def test_a_member_of_a_listed_group_counts(fake_gitlab: FakeGitLab, group: str) -> None:
    fake_gitlab.state.groups[group] = ["carol"]
    p = report_now(fake_gitlab)
    fake_gitlab.add_note("carol", "/finops-gate approve")
    [approval] = p.approvals(["alice", group]).approvals
    assert (approval.login, approval.teams) == ("carol", (group,))


def test_a_non_member_of_a_readable_group_does_not_count_silently(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.state.groups["acme/platform-leads"] = ["carol"]
    p = report_now(fake_gitlab)
    fake_gitlab.add_note("dan", "/finops-gate approve")
    state = p.approvals(["acme/platform-leads"])
    assert state.approvals == ()
    assert state.notes == ("approval by dan does not count: not among the approvers",)


def test_an_unreadable_group_is_said_and_does_not_count(fake_gitlab: FakeGitLab) -> None:
    fake_gitlab.state.groups["acme/platform-leads"] = ["carol"]
    fake_gitlab.state.hidden_groups.add("acme/platform-leads")
    p = report_now(fake_gitlab)
    fake_gitlab.add_note("carol", "/finops-gate approve")
    state = p.approvals(["acme/platform-leads"])
    assert state.approvals == ()
    assert any(
        "cannot read the members of acme/platform-leads" in n and "HTTP 403" in n
        for n in state.notes
    )


def test_no_approvers_configured_is_said(fake_gitlab: FakeGitLab) -> None:
    state = publisher(fake_gitlab).approvals([])
    assert "policies.approval.approvers.gitlab" in state.notes[0]


def test_the_approve_hint_links_the_job_and_says_to_re_run_it() -> None:
    hint = gl.approve_hint("https://gitlab.example/acme/shop/-/jobs/31")
    assert "[the **finops-gate** job](https://gitlab.example/acme/shop/-/jobs/31)" in hint
    assert "/finops-gate approve" in hint and "Retry" in hint
    assert "](" not in gl.approve_hint("https://x/a)(javascript:alert(1)")
