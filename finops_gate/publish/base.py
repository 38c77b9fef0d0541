"""The seam between the gate and a CI platform: a ``Publisher`` is a handful of primitives; the
comment behaviours are implemented once, here, over them.

A platform module (``github.py``, ``gitlab.py``) implements the primitives: find its own report
comments (marker on the first line AND authored by the token's user), create, edit, delete, hide
(or raise ``PublishError`` where the platform cannot), set the ``finops-gate`` status, read the
approvals. ``upsert_comment`` keeps one comment up to date with the behaviours ``update`` (edit
the latest, skip an identical body), ``new``, ``delete-and-new`` and ``hide-and-new``; a run older
than the comment there (by time, or because the change moved on to a head that comment already
covers) leaves it alone; a body over the platform's limit drops resources from the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from finops_gate.errors import PublishError
from finops_gate.publish import COMMENT_BEHAVIORS
from finops_gate.publish.approvals import PlatformApprovals
from finops_gate.publish.comment import Marker, comment_body, parse_marker


class CommentTooLong(PublishError):
    """The platform refused a body as too long although it fits our count of its limit."""


class Posted(Protocol):
    """A comment or note on the platform, as the primitives return it."""

    @property
    def id(self) -> int: ...

    @property
    def body(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class PublishResult:
    comment: str  # created | updated | unchanged | recreated | stale | skipped
    comment_id: int | None
    status: str | None  # the state set (success | failure | failed ...), or None (not set)
    notes: tuple[str, ...] = ()


class Publisher(Protocol):
    """The primitives of one platform for one pull/merge request."""

    key: str
    max_body: int
    approve_hint: str  # how a lead approves on this platform (Markdown, shown when blocked)

    @property
    def head_sha(self) -> str: ...

    def now(self) -> datetime: ...

    def own_reports(self) -> Sequence[tuple[Any, Marker]]: ...

    def create_comment(self, body: str) -> Any: ...

    def edit_comment(self, comment: Any, body: str) -> None: ...

    def delete_comment(self, comment: Any) -> None: ...

    def hide_comment(self, comment: Any) -> None: ...

    def approvals(self, approvers: Sequence[str]) -> PlatformApprovals: ...


def upsert_comment(
    publisher: Publisher, doc: dict[str, Any], *, head_sha: str, behavior: str = "update"
) -> PublishResult:
    """Keep the one report comment of ``publisher.key`` up to date for ``head_sha``."""
    if behavior not in COMMENT_BEHAVIORS:
        choices = ", ".join(COMMENT_BEHAVIORS)
        raise PublishError(f"comment behavior {behavior!r} is unknown; use one of {choices}")
    now = publisher.now()
    ours = list(publisher.own_reports())
    latest = ours[-1] if ours else None
    if latest is not None and is_stale(latest[1], head_sha, now, publisher.head_sha):
        return PublishResult(
            "stale",
            latest[0].id,
            None,
            (f"a newer report (head {latest[1].head[:7]}) is already there; left as is",),
        )
    since = latest[1].since if latest is not None and latest[1].head == head_sha else now
    marker = Marker(publisher.key, head_sha, now, since)
    body = comment_body(doc, marker, limit=publisher.max_body, approve_hint=publisher.approve_hint)
    if behavior == "update" and latest is not None:
        comment = latest[0]
        if same_report(comment.body, body):
            return PublishResult("unchanged", comment.id, None)
        _write(lambda text: publisher.edit_comment(comment, text), body, doc, publisher, marker)
        return PublishResult("updated", comment.id, None)
    for comment, _ in ours if behavior != "new" else ():
        if behavior == "delete-and-new":
            publisher.delete_comment(comment)
        else:
            publisher.hide_comment(comment)
    created = _write(publisher.create_comment, body, doc, publisher, marker)
    return PublishResult("created" if not ours else "recreated", created.id, None)


def _write(send: Any, body: str, doc: dict[str, Any], publisher: Publisher, marker: Marker) -> Any:
    """Create or edit; when the platform says "too long" (it counts differently, or lowered its
    limit), once more with a much shorter body."""
    try:
        return send(body)
    except CommentTooLong:
        limit = publisher.max_body // 4
        return send(comment_body(doc, marker, limit=limit, approve_hint=publisher.approve_hint))


def is_stale(existing: Marker, head: str, now: datetime, current_head: str) -> bool:
    """The comment there is newer than this run: written later, or for the current head while
    this run is for an older one."""
    if existing.time > now:
        return True
    return head != current_head and existing.head == current_head


def same_report(old: str | None, new: str) -> bool:
    """Equal apart from the marker's run time."""
    a, b = parse_marker(old), parse_marker(new)
    return a is not None and b is not None and a.head == b.head and _rest(old) == _rest(new)


def _rest(body: str | None) -> str:
    return (body or "").partition("\n")[2]
