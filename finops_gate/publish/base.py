"""The ``Publisher`` protocol (a platform's primitives) and the comment behaviours, once.

A CI platform plugs in as ONE module that implements the small ``Publisher`` protocol below with
its API client (imported lazily, inside methods) and is listed in
``finops_gate.publish.PUBLISHERS``. Everything a user sees as behaviour lives here, generic over
the protocol, so every platform behaves the same:

- **the comment** (``Publication.upsert_comment``): found again by the hidden marker on its first
  line AND its author (``whoami()``); system notes and other users' copies of the marker are
  ignored. Behaviours ``update | new | delete-and-new | hide-and-new`` (hide only where
  ``supports_hide``; otherwise a ``PublishError`` says so). An identical body (apart from the
  run time) is not rewritten. Staleness: the marker stamps the head SHA and the run time; a run
  older than the comment there, or for a head the PR has moved past while the comment already
  covers the current head, leaves it. The body is trimmed to ``comment_limit`` by dropping
  resources from the end; a ``BodyRejected`` from the platform is retried once with a quarter.
- **the status** (``Publication.set_status``): ``success`` or ``failure`` with a one-line
  description on the head SHA; the platform maps the state to its own words.
- **approvals** (``Publication.approvals``): candidates are the platform's standing native
  approvals bound to the current head (``native_approvals``) and ``/finops-gate approve``
  comments created after the bot's report for that head and never edited; the PR author never
  counts; an approver is a user name or a group (``is_group``) whose membership is read through
  ``member_of`` (``MembershipUnreadable`` -> not counted, with a note saying why).

To add a platform ``acme``:

1. ``finops_gate/publish/acme.py``: a class with the attributes and methods of ``Publisher``
   (``platform``, ``comment_limit``, ``supports_hide``, ``approve_hint``, ``whoami``, ``change``,
   ``list_comments``, ``create_comment``, ``update_comment``, ``delete_comment``,
   ``hide_comment``, ``set_status``, ``native_approvals``, ``is_group``, ``member_of``). Raise
   ``PublishError`` with one line (what failed, the HTTP status, what permission to grant) for
   API failures, ``BodyRejected`` when the platform refuses a body as too long.
2. A factory in ``PUBLISHERS`` (``finops_gate/publish/__init__.py``) that imports it lazily.
3. ``finops_gate/ci.py`` detects the platform and fills ``PullRequestContext``.
4. Tests against a local fake of the platform's REST API on 127.0.0.1 with the real client; the
   behaviours above are already covered once, generic, in ``tests/publish/test_base.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from finops_gate.errors import PublishError
from finops_gate.publish import COMMENT_BEHAVIORS
from finops_gate.publish.approvals import PlatformApproval, PlatformApprovals
from finops_gate.publish.comment import (
    APPROVE_COMMAND,
    Marker,
    comment_body,
    parse_marker,
    status_description,
    status_state,
)
from finops_gate.report.document import Document

StatusState = Literal["success", "failure"]


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment/note on the change, as the platform lists it (times are timezone-aware)."""

    id: int
    author: str
    body: str
    created_at: datetime
    updated_at: datetime
    system: bool = False  # GitLab system notes ("added 1 commit"): never ours, never approvals


@dataclass(frozen=True, slots=True)
class Change:
    """The pull/merge request as the platform sees it now."""

    number: int
    author: str
    head_sha: str
    base_sha: str | None = None
    head_repo: str | None = None  # where the head commit lives (a fork's name), when known


@dataclass(frozen=True, slots=True)
class NativeApproval:
    """A standing approval given with the platform's own means (a review, an MR approval),
    bound to the commit it approves (``None`` when the platform cannot bind it to one)."""

    login: str
    head_sha: str | None
    via: str = "review"


class BodyRejected(PublishError):
    """The platform refused a comment body (too long by its own count): retried shorter."""


class MembershipUnreadable(PublishError):
    """The token cannot read a group's members; ``detail`` says why and what to grant."""


class Publisher(Protocol):
    """The primitives of one CI platform for one pull/merge request."""

    platform: str  # "github", "gitlab": also the key under policies.approval.approvers
    comment_limit: int  # characters the platform accepts in one comment
    supports_hide: bool  # False: "hide-and-new" is refused with a clear message
    approve_hint: str  # Markdown: how an approver approves on this platform

    def whoami(self) -> str:
        """The login of the token's user (the author of our comments)."""
        ...

    def change(self) -> Change:
        """The pull/merge request now: number, author, head SHA (base SHA when known)."""
        ...

    def list_comments(self) -> Sequence[Comment]:
        """Every comment/note of the change, oldest first."""
        ...

    def create_comment(self, body: str) -> int:
        """Create a comment; its id."""
        ...

    def update_comment(self, comment_id: int, body: str) -> None: ...

    def delete_comment(self, comment_id: int) -> None: ...

    def hide_comment(self, comment_id: int) -> None:
        """Collapse as outdated (only called when ``supports_hide``)."""
        ...

    def set_status(
        self, sha: str, *, state: StatusState, description: str, target_url: str | None
    ) -> str | None:
        """The ``finops-gate`` commit status on ``sha``; a note for the log when the platform
        carries the gate another way (GitLab: a CI job of the same name), else ``None``."""
        ...

    def native_approvals(self) -> Sequence[NativeApproval]:
        """Standing approvals (withdrawn or dismissed ones already left out)."""
        ...

    def is_group(self, approver: str) -> bool:
        """Whether a configured approver names a team/group rather than a user."""
        ...

    def member_of(self, login: str, group: str) -> bool:
        """Whether ``login`` is an active member; ``MembershipUnreadable`` if it cannot tell."""
        ...


@dataclass(frozen=True, slots=True)
class PublishResult:
    """What publishing did to the comment and the status, and what it noted."""

    comment: str  # created | updated | unchanged | recreated | stale | skipped
    comment_id: int | None
    status: str | None  # success | failure | None (not set)
    notes: tuple[str, ...] = ()


@dataclass
class Publication:
    """The comment behaviours, the status and approval collection over one ``Publisher``."""

    publisher: Publisher
    key: str = "default"
    target_url: str | None = None  # the CI run, linked from the status
    head_sha: str | None = None  # the head the report is for (default: the change's head now)
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    _me: str | None = None
    _change: Change | None = None
    _status_notes: list[str] = field(default_factory=list)

    def me(self) -> str:
        if self._me is None:
            self._me = self.publisher.whoami()
        return self._me

    def change(self) -> Change:
        if self._change is None:
            self._change = self.publisher.change()
        return self._change

    # comment ----------------------------------------------------------------------------

    def own_reports(self) -> list[tuple[Comment, Marker]]:
        """Our comments (marker with our key on the first line AND authored by us), oldest first."""
        me = self.me().lower()
        found = []
        for c in self.publisher.list_comments():
            marker = parse_marker(c.body)
            if marker and marker.key == self.key and c.author.lower() == me and not c.system:
                found.append((c, marker))
        return found

    def upsert_comment(
        self, doc: Document | Mapping[str, Any], *, head_sha: str, behavior: str = "update"
    ) -> PublishResult:
        doc = Document.of(doc)
        if behavior not in COMMENT_BEHAVIORS:
            choices = ", ".join(COMMENT_BEHAVIORS)
            raise PublishError(f"comment behavior {behavior!r} is unknown; use one of {choices}")
        p = self.publisher
        if behavior == "hide-and-new" and not p.supports_hide:
            raise PublishError(
                f"comment behavior hide-and-new: {p.platform} cannot hide comments; use "
                "update, new or delete-and-new"
            )
        now = self.now()
        ours = self.own_reports()
        latest = ours[-1] if ours else None
        if latest is not None and is_stale(latest[1], head_sha, now, self.change().head_sha):
            return PublishResult(
                "stale",
                latest[0].id,
                None,
                (f"a newer report (head {latest[1].head[:7]}) is already on the PR; left as is",),
            )
        since = latest[1].since if latest is not None and latest[1].head == head_sha else now
        marker = Marker(self.key, head_sha, now, since)
        body = self._body(doc, marker, p.comment_limit)
        if behavior == "update" and latest is not None:
            old = latest[0]
            if same_report(old.body, body):
                return PublishResult("unchanged", old.id, None)
            self._write(lambda text: p.update_comment(old.id, text), doc, marker, body)
            return PublishResult("updated", old.id, None)
        # the new comment first: when the platform refuses it, the old one is still there
        created = self._write(p.create_comment, doc, marker, body)
        for old, _ in ours if behavior != "new" else ():
            if behavior == "delete-and-new":
                p.delete_comment(old.id)
            else:
                p.hide_comment(old.id)
        return PublishResult("created" if not ours else "recreated", created, None)

    def _body(self, doc: Document, marker: Marker, limit: int) -> str:
        return comment_body(doc, marker, limit=limit, approve_hint=self.publisher.approve_hint)

    def _write(self, send: Callable[[str], Any], doc: Document, marker: Marker, body: str) -> Any:
        """Create or edit; when the platform rejects the body (it counts length differently,
        or lowered its limit), once more with a much shorter one."""
        try:
            return send(body)
        except BodyRejected:
            return send(self._body(doc, marker, self.publisher.comment_limit // 4))

    # status -----------------------------------------------------------------------------

    def set_status(self, doc: Document | Mapping[str, Any], *, head_sha: str) -> str:
        state: StatusState = "failure" if status_state(doc) == "failure" else "success"
        note = self.publisher.set_status(
            head_sha, state=state, description=status_description(doc), target_url=self.target_url
        )
        if note:
            self._status_notes.append(note)
        return state

    # approvals --------------------------------------------------------------------------

    def approvals(self, approvers: Sequence[str]) -> PlatformApprovals:
        """Valid approvals for the current head by configured approvers, with notes on any
        that could not count (group membership unreadable, edited comment, the author...)."""
        p = self.publisher
        if not approvers:
            return PlatformApprovals(
                notes=(
                    f"no approvers configured: set policies.approval.approvers.{p.platform} "
                    "in the base branch's .finops-gate.yml",
                )
            )
        change = self.change()
        head, author = change.head_sha, change.author.lower()
        notes: list[str] = []
        candidates: dict[str, str] = {}  # login -> via
        earlier: dict[str, str | None] = {}  # login -> the commit a stale approval is for
        for native in p.native_approvals():
            if native.head_sha == head:
                candidates.setdefault(native.login, native.via)
            else:
                earlier.setdefault(native.login, native.head_sha)
        for login, note in self._approve_comments(head):
            if note:
                notes.append(note)
            else:
                candidates.setdefault(login, "comment")
        for login, sha in earlier.items():
            if login not in candidates and login.lower() != author:
                stale = (
                    f"is for the earlier commit {sha[:12]}, not the current head {head[:12]}"
                    if sha
                    else f"was given before the current head {head[:12]} was pushed"
                )
                notes.append(f"the approval by {login} {stale}: a new push needs a new approval")
        users = {a.lower() for a in approvers if not p.is_group(a)}
        groups = [a for a in approvers if p.is_group(a)]
        valid: list[PlatformApproval] = []
        for login, via in sorted(candidates.items()):
            if login.lower() == author:
                noun = getattr(p, "change_noun", "pull request")
                notes.append(f"{login} is the author of this {noun} and cannot approve it")
                continue
            member_of = self._groups_of(login, groups, notes)
            if login.lower() in users or member_of:
                valid.append(PlatformApproval(login, via, head, member_of))
            else:
                notes.append(f"approval by {login} does not count: not among the approvers")
        return PlatformApprovals(tuple(valid), tuple(dict.fromkeys(notes)))

    def _approve_comments(self, head: str) -> Iterable[tuple[str, str | None]]:
        """(login, None) for each valid approve comment; (login, why not) for the others."""
        reports = [m for _, m in self.own_reports() if m.head == head]
        since = reports[-1].since if reports else None
        for c in self.publisher.list_comments():
            if c.system or c.body.strip().split("\n", 1)[0].strip() != APPROVE_COMMAND:
                continue
            if since is None or c.created_at <= since:
                continue  # approved an earlier report: silently stale
            if c.updated_at != c.created_at:
                yield c.author, f"the approve comment by {c.author} was edited and does not count"
            else:
                yield c.author, None

    def _groups_of(self, login: str, groups: Sequence[str], notes: list[str]) -> tuple[str, ...]:
        member_of = []
        for group in groups:
            try:
                if self.publisher.member_of(login, group):
                    member_of.append(group)
            except MembershipUnreadable as exc:
                notes.append(
                    f"cannot read the members of {group} with this token ({exc}); approvals "
                    "through it are not counted"
                )
        return tuple(member_of)

    # the whole publication --------------------------------------------------------------

    def publish(
        self,
        doc: Document | Mapping[str, Any],
        *,
        behavior: str = "update",
        post_comment: bool = True,
    ) -> PublishResult:
        """The comment (unless ``post_comment`` is false), then the status, for the head the
        report is for."""
        doc = Document.of(doc)
        head = self.head_sha or self.change().head_sha
        result = (
            self.upsert_comment(doc, head_sha=head, behavior=behavior)
            if post_comment
            else PublishResult("skipped", None, None)
        )
        state = self.set_status(doc, head_sha=head)
        notes = result.notes + tuple(self._status_notes)
        return PublishResult(result.comment, result.comment_id, state, notes)


def is_stale(existing: Marker, head: str, now: datetime, current_head: str) -> bool:
    """A run older than the comment there, or for a head the PR moved past while the comment
    already covers the current head, must not overwrite it."""
    if existing.time > now:
        return True
    return head != current_head and existing.head == current_head


def same_report(old: str | None, new: str) -> bool:
    """Equal apart from the marker's run time."""
    a, b = parse_marker(old), parse_marker(new)
    return a is not None and b is not None and a.head == b.head and _rest(old) == _rest(new)


def _rest(body: str | None) -> str:
    return (body or "").partition("\n")[2]
