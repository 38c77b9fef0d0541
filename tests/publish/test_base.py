"""The comment behaviours, status and approval rules, once, over an in-memory platform that
implements only the ``Publisher`` primitives (what a new platform module provides)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from finops_gate.ci import PullRequestContext
from finops_gate.errors import PublishError
from finops_gate.publish import PUBLISHERS
from finops_gate.publish.base import (
    BodyRejected,
    Change,
    Comment,
    MembershipUnreadable,
    NativeApproval,
    Publication,
    Publisher,
    StatusState,
)
from finops_gate.publish.comment import parse_marker
from tests.publish.reports import doc

T0 = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
HEAD = "a" * 40


@dataclass
class MemoryPlatform:
    """A platform in a list: comments, statuses, approvals and groups as plain data."""

    platform: str = "memory"
    comment_limit: int = 65_536
    supports_hide: bool = False
    approve_hint: str = "Approve with `/finops-gate approve`."
    me: str = "bot"
    author: str = "dev"
    head: str = HEAD
    clock: datetime = T0
    comments: list[Comment] = field(default_factory=list)
    statuses: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    approvals: list[NativeApproval] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    reject_longer_than: int | None = None
    calls: list[str] = field(default_factory=list)

    def whoami(self) -> str:
        return self.me

    def change(self) -> Change:
        return Change(number=7, author=self.author, head_sha=self.head, base_sha="b" * 40)

    def list_comments(self) -> Sequence[Comment]:
        return list(self.comments)

    def add(self, author: str, body: str, *, edited: bool = False, system: bool = False) -> None:
        self.clock += timedelta(seconds=1)
        updated = self.clock + timedelta(seconds=30) if edited else self.clock
        n = len(self.comments) + 1
        self.comments.append(Comment(n, author, body, self.clock, updated, system))

    def create_comment(self, body: str) -> int:
        self._check(body)
        self.calls.append("create")
        self.add(self.me, body)
        return self.comments[-1].id

    def update_comment(self, comment_id: int, body: str) -> None:
        self._check(body)
        self.calls.append("update")
        self.comments = [
            Comment(c.id, c.author, body, c.created_at, c.updated_at) if c.id == comment_id else c
            for c in self.comments
        ]

    def delete_comment(self, comment_id: int) -> None:
        self.calls.append("delete")
        self.comments = [c for c in self.comments if c.id != comment_id]

    def hide_comment(self, comment_id: int) -> None:
        self.calls.append("hide")

    def set_status(
        self, sha: str, *, state: StatusState, description: str, target_url: str | None
    ) -> None:
        self.statuses.append((sha, state, description, target_url))

    def native_approvals(self) -> Sequence[NativeApproval]:
        return list(self.approvals)

    def is_group(self, approver: str) -> bool:
        return approver.startswith("@")

    def member_of(self, login: str, group: str) -> bool:
        if group in self.unreadable:
            raise MembershipUnreadable("HTTP 403; grant read_api")
        return login in self.groups.get(group, [])

    def _check(self, body: str) -> None:
        if self.reject_longer_than is not None and len(body) > self.reject_longer_than:
            raise BodyRejected("too long")


def run(platform: MemoryPlatform, at: datetime = T0, **kw: object) -> Publication:
    return Publication(platform, now=lambda: at, target_url="https://ci.example/1", **kw)  # type: ignore[arg-type]


def ours(platform: MemoryPlatform) -> list[Comment]:
    return [c for c in platform.comments if parse_marker(c.body) and c.author == platform.me]


def protocol_members() -> set[str]:
    methods = {n for n in vars(Publisher) if not n.startswith("_") and callable(vars(Publisher)[n])}
    return methods | set(Publisher.__annotations__)


def missing(obj: object) -> set[str]:
    return {n for n in protocol_members() if not hasattr(obj, n)}


def test_the_memory_platform_meets_the_protocol() -> None:
    assert {"whoami", "list_comments", "set_status", "comment_limit"} <= protocol_members()
    assert missing(MemoryPlatform()) == set()


@pytest.mark.parametrize("platform", sorted(PUBLISHERS))
def test_every_registered_platform_builds_a_complete_publisher(platform: str) -> None:
    ctx = PullRequestContext(
        platform=platform,
        api_url="http://127.0.0.1:9",
        repository="acme/shop",
        number=7,
        token="t0ken",
    )
    publisher = PUBLISHERS[platform](ctx)
    assert missing(publisher) == set()
    assert publisher.platform == platform


def test_first_run_creates_the_comment_and_sets_the_status_on_the_head() -> None:
    p = MemoryPlatform()
    result = run(p).publish(doc())
    assert (result.comment, result.status) == ("created", "failure")
    assert p.statuses == [
        (HEAD, "failure", "+$513.00/month, approval required", "https://ci.example/1")
    ]
    [c] = ours(p)
    assert "Approve with `/finops-gate approve`." in c.body


def test_a_second_run_updates_and_an_identical_one_is_skipped() -> None:
    p = MemoryPlatform()
    run(p).publish(doc())
    assert run(p, T0 + timedelta(minutes=1)).publish(doc(delta="600.00")).comment == "updated"
    assert run(p, T0 + timedelta(minutes=2)).publish(doc(delta="600.00")).comment == "unchanged"
    assert p.calls == ["create", "update"]


def test_delete_and_new_replaces_the_comment() -> None:
    p = MemoryPlatform()
    run(p).publish(doc())
    result = run(p, T0 + timedelta(minutes=1)).publish(doc(), behavior="delete-and-new")
    assert result.comment == "recreated"
    assert p.calls == ["create", "create", "delete"]  # the old one goes once the new is there
    assert len(ours(p)) == 1


def test_hide_and_new_is_refused_where_the_platform_cannot_hide() -> None:
    p = MemoryPlatform()
    run(p).publish(doc())
    with pytest.raises(PublishError, match="memory cannot hide comments"):
        run(p, T0 + timedelta(minutes=1)).publish(doc(), behavior="hide-and-new")
    p.supports_hide = True
    run(p, T0 + timedelta(minutes=2)).publish(doc(), behavior="hide-and-new")
    assert p.calls == ["create", "create", "hide"]


def test_an_older_run_never_overwrites_a_newer_comment() -> None:
    p = MemoryPlatform()
    run(p, T0 + timedelta(minutes=5)).publish(doc(delta="700.00"))
    result = run(p, T0).publish(doc(delta="513.00"))
    assert result.comment == "stale"
    assert "700.00" in ours(p)[0].body


def test_a_run_for_a_head_the_change_moved_past_leaves_the_newer_report() -> None:
    p = MemoryPlatform(head="c" * 40)
    run(p, head_sha="c" * 40).publish(doc(delta="700.00"))
    late = run(p, T0 + timedelta(minutes=9), head_sha="a" * 40).publish(doc(delta="1.00"))
    assert late.comment == "stale"


def test_system_notes_and_other_users_copies_of_the_marker_are_ignored() -> None:
    p = MemoryPlatform()
    run(p).publish(doc())
    quoted = ours(p)[0].body
    p.add("mallory", quoted)
    p.add(p.me, quoted, system=True)
    run(p, T0 + timedelta(minutes=1)).publish(doc(delta="9.00"))
    assert [c.author for c in p.comments] == ["bot", "mallory", "bot"]
    assert "9.00" in p.comments[0].body and "9.00" not in p.comments[2].body


def test_the_body_is_trimmed_to_the_platform_limit() -> None:
    p = MemoryPlatform(comment_limit=6000)
    run(p).publish(doc(resources=300))
    [c] = ours(p)
    assert len(c.body) <= 6000 and "more resources" in c.body


def test_a_rejected_body_is_sent_once_more_much_shorter() -> None:
    p = MemoryPlatform(comment_limit=40_000, reject_longer_than=12_000)
    run(p).publish(doc(resources=300))
    [c] = ours(p)
    assert len(c.body) <= 10_000


def test_an_unknown_behavior_is_refused() -> None:
    with pytest.raises(PublishError, match="unknown"):
        run(MemoryPlatform()).publish(doc(), behavior="upsert")


# --- approvals -----------------------------------------------------------------------------


def test_a_native_approval_counts_only_on_the_current_head() -> None:
    p = MemoryPlatform(approvals=[NativeApproval("alice", HEAD, "approval")])
    state = run(p).approvals(["alice"])
    assert [(a.login, a.via, a.head_sha) for a in state.approvals] == [("alice", "approval", HEAD)]
    p.approvals = [NativeApproval("alice", "9" * 40), NativeApproval("bob", None)]
    assert run(p).approvals(["alice", "bob"]).logins == ()


def test_an_approval_of_an_earlier_head_is_said_not_dropped_silently() -> None:
    p = MemoryPlatform(approvals=[NativeApproval("alice", "9" * 40), NativeApproval("bob", None)])
    state = run(p).approvals(["alice", "bob"])
    assert state.logins == ()
    assert state.notes == (
        f"the approval by alice is for the earlier commit 999999999999, not the current head "
        f"{HEAD[:12]}: a new push needs a new approval",
        f"the approval by bob was given before the current head {HEAD[:12]} was pushed: a new "
        "push needs a new approval",
    )


def test_the_author_never_approves_their_own_change() -> None:
    p = MemoryPlatform(approvals=[NativeApproval("Dev", HEAD)])
    state = run(p).approvals(["dev"])
    assert state.logins == () and any("author" in n for n in state.notes)


def test_an_approve_comment_counts_after_the_report_for_this_head_and_unedited() -> None:
    p = MemoryPlatform()
    p.add("alice", "/finops-gate approve")  # before any report: stale, silently
    run(p, T0 + timedelta(seconds=2)).publish(doc())
    assert run(p).approvals(["alice"]).logins == ()
    p.add("carol", "/finops-gate approve", edited=True)
    p.add("alice", "/finops-gate approve")
    p.add("bob", "/finops-gate approve", system=True)
    state = run(p).approvals(["alice", "bob", "carol"])
    assert [(a.login, a.via) for a in state.approvals] == [("alice", "comment")]
    assert any("carol was edited" in n for n in state.notes)


def test_group_members_approve_and_unreadable_groups_are_said_plainly() -> None:
    p = MemoryPlatform(approvals=[NativeApproval("carol", HEAD), NativeApproval("eve", HEAD)])
    p.groups["@leads"] = ["carol"]
    state = run(p).approvals(["@leads"])
    assert [(a.login, a.teams) for a in state.approvals] == [("carol", ("@leads",))]
    assert "approval by eve does not count: not among the approvers" in state.notes
    p.unreadable.add("@leads")
    state = run(p).approvals(["@leads"])
    assert state.logins == ()
    assert any("cannot read the members of @leads" in n and "read_api" in n for n in state.notes)


def test_without_approvers_nobody_counts_and_the_platforms_config_key_is_named() -> None:
    p = MemoryPlatform(approvals=[NativeApproval("alice", HEAD)])
    state = run(p).approvals([])
    assert state.logins == ()
    assert "policies.approval.approvers.memory" in state.notes[0]
