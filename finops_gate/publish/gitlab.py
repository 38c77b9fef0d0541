"""GitLab: the one merge request note, the ``finops-gate`` commit status, and approvals by leads.

python-gitlab is imported inside the functions that talk to GitLab, never at module import.

The note is found again by the hidden marker on its first line AND its author (the token's user);
system notes and other users' copies of the marker are ignored. Notes may be up to GitLab's
1,000,000 characters. GitLab cannot hide (minimize) a note: ``hide-and-new`` is refused.

An approval counts for the current head when it is given by a configured approver (a username,
or a member of a configured group, read through the API) who is not the MR author, and either

- a ``/finops-gate approve`` note created after the bot's note for the current head and never
  edited, or
- a native MR approval whose ``approved_at`` is after the bot's note for the current head.
  GitLab approvals carry no commit SHA: this is how one is bound to a head. The note for a head
  is written when the pipeline for that head runs, so an approval given before a push does not
  count for the pushed commit (the approver revokes and approves again, or comments).

Requests are retried a bounded number of times on 429 (honouring ``Retry-After`` and
``RateLimit-Reset`` up to a cap) and 5xx (POST only on 429 and 503: a create is not repeated
after the server may have done it).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from finops_gate.ci import GITLAB_TOKEN_VARIABLE, PullRequestContext
from finops_gate.errors import PublishError
from finops_gate.extras import require
from finops_gate.publish import STATUS_CONTEXT
from finops_gate.publish.approvals import PlatformApproval, PlatformApprovals
from finops_gate.publish.base import CommentTooLong, PublishResult, upsert_comment
from finops_gate.publish.comment import (
    APPROVE_COMMAND,
    Marker,
    parse_marker,
    parse_time,
    status_description,
    status_state,
)

MAX_BODY = 1_000_000  # GitLab's limit for a note
MAX_NOTES = 20_000  # notes read from one MR (a hostile MR cannot make a run unbounded)
MAX_TARGET_URL = 255  # GitLab rejects a longer commit status target_url
TOKEN_HELP = (
    f"{GITLAB_TOKEN_VARIABLE} is not set, so nothing was posted to the merge request. Create a "
    "project access token (role Developer, scope api) and add it in Settings > CI/CD > Variables "
    f"as {GITLAB_TOKEN_VARIABLE}, masked but NOT protected (merge request pipelines cannot read "
    "protected variables); the CI job token cannot write merge request notes"
)
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+")  # no ( ) [ ] < > or space
_STATES = {"success": "success", "failure": "failed"}  # GitLab's names for a status
HIDE_UNSUPPORTED = (
    "--comment-behavior hide-and-new: GitLab cannot hide (minimize) a note; "
    "use update, new or delete-and-new"
)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded retries: ``total`` attempts after the first, exponential backoff, and a server's
    wait (``Retry-After`` / ``RateLimit-Reset``) honoured up to ``max_wait`` seconds."""

    total: int = 4
    backoff_factor: float = 1.0
    backoff_max: float = 30.0
    max_wait: float = 60.0


RETRY = RetryPolicy()


@dataclass(frozen=True, slots=True)
class Note:
    """A merge request note as plain data."""

    id: int
    body: str
    author: str
    author_id: int | None
    created_at: datetime
    updated_at: datetime
    system: bool


@dataclass
class GitLabPublisher:
    """MR note, commit status and approvals for one merge request (``ctx.platform == "gitlab"``)."""

    ctx: PullRequestContext
    key: str = "default"
    max_body: int = MAX_BODY
    retry: RetryPolicy | None = None  # None: RETRY, the module's default
    approve_hint: str = ""
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    _gl: Any = None
    _mr: Any = None
    _login: str | None = None
    _groups: dict[str, bool] = field(default_factory=dict)  # path -> visible to the token

    def __post_init__(self) -> None:
        if self.ctx.platform != "gitlab" or self.ctx.number is None:
            raise PublishError("--post works in a GitLab merge request pipeline; no MR found")
        if not self.ctx.token:
            raise PublishError(TOKEN_HELP)
        if not self.ctx.repository:
            raise PublishError("CI_PROJECT_ID is not set; cannot publish")
        require("gitlab", "publish", "--post on GitLab")
        if not self.approve_hint:
            self.approve_hint = approve_hint(self.ctx.run_url)

    # client and merge request -----------------------------------------------------------

    def client(self) -> Any:
        if self._gl is None:
            self._gl = _client(self.ctx, self.retry or RETRY)
        return self._gl

    def project(self) -> Any:
        return self.client().projects.get(self.ctx.repository, lazy=True)

    def merge_request(self) -> Any:
        if self._mr is None:
            self._mr = _call(
                lambda: self.project().mergerequests.get(self.ctx.number),
                f"read merge request !{self.ctx.number}",
            )
        return self._mr

    @property
    def head_sha(self) -> str:
        """The MR's head commit now (``sha``), not the merged-results commit of the pipeline."""
        return str(self.merge_request().sha)

    @property
    def author(self) -> str:
        return str(self.merge_request().author["username"])

    def login(self) -> str:
        """The token's user (``GET /user``): the author of our notes."""
        if self._login is None:
            user = _call(lambda: self.client().http_get("/user"), "read the token's user")
            self._login = str(user["username"])
        return self._login

    # notes ------------------------------------------------------------------------------

    def notes(self) -> list[Note]:
        """The MR's notes, oldest first (at most ``MAX_NOTES``)."""

        def read() -> list[Note]:
            found = []
            pages = self.merge_request().notes.list(
                iterator=True, sort="asc", order_by="created_at", per_page=100
            )
            for raw in pages:
                found.append(_note(raw))
                if len(found) >= MAX_NOTES:
                    break
            return found

        return list(_call(read, "list the merge request notes"))

    def own_reports(self) -> list[tuple[Note, Marker]]:
        """Our report notes (our marker key on the first line AND authored by the token's user,
        not a system note), oldest first."""
        me = self.login().lower()
        found = []
        for note in self.notes():
            marker = parse_marker(note.body)
            if marker and marker.key == self.key and not note.system and note.author.lower() == me:
                found.append((note, marker))
        return found

    def create_comment(self, body: str) -> Note:
        mr = self.merge_request()
        return _note(self._send(lambda: mr.notes.create({"body": body}), "create the MR note"))

    def edit_comment(self, comment: Note, body: str) -> None:
        mr = self.merge_request()
        self._send(lambda: mr.notes.update(comment.id, {"body": body}), "edit the MR note")

    def delete_comment(self, comment: Note) -> None:
        mr = self.merge_request()
        _call(lambda: mr.notes.delete(comment.id), "delete the old MR note")

    def hide_comment(self, comment: Note) -> None:
        raise PublishError(HIDE_UNSUPPORTED)

    def _send(self, send: Callable[[], Any], what: str) -> Any:
        from gitlab.exceptions import GitlabError

        try:
            return _call(send, what)
        except PublishError as exc:
            cause = exc.__cause__
            too_long = isinstance(cause, GitlabError) and cause.response_code == 400
            if too_long and "too long" in str(getattr(cause, "error_message", "")):
                raise CommentTooLong(str(exc)) from cause
            raise

    def upsert_comment(
        self, doc: dict[str, Any], *, head_sha: str, behavior: str = "update"
    ) -> PublishResult:
        return upsert_comment(self, doc, head_sha=head_sha, behavior=behavior)

    def publish(
        self, doc: dict[str, Any], *, behavior: str = "update", post_comment: bool = True
    ) -> PublishResult:
        """The note (unless ``post_comment`` is false), then the status, for the MR's head."""
        head = self.ctx.head_sha or self.head_sha
        result = (
            self.upsert_comment(doc, head_sha=head, behavior=behavior)
            if post_comment
            else PublishResult("skipped", None, None)
        )
        state, note = self.set_status(
            head_sha=head, state=_STATES[status_state(doc)], description=status_description(doc)
        )
        notes = result.notes + ((note,) if note else ())
        return PublishResult(result.comment, result.comment_id, state, notes)

    # status -----------------------------------------------------------------------------

    def set_status(self, *, head_sha: str, state: str, description: str) -> tuple[str, str | None]:
        """The ``finops-gate`` commit status on ``head_sha`` (``success`` or ``failed``); returns
        (state set, or ``"job"`` when the status is this CI job itself, and a note)."""
        from gitlab.exceptions import GitlabError

        fields = {"state": state, "name": STATUS_CONTEXT, "description": description}
        if self.ctx.run_url and len(self.ctx.run_url) <= MAX_TARGET_URL:
            fields["target_url"] = self.ctx.run_url
        commit = self.project().commits.get(head_sha, lazy=True)
        try:
            commit.statuses.create(fields)
        except GitlabError as exc:
            if exc.response_code == 400 and "taken" in str(exc.error_message):
                # a CI job named finops-gate runs in the pipeline of this commit: GitLab keeps
                # one name per pipeline, and that job's own result is the gate
                return "job", (
                    f"status {STATUS_CONTEXT}: the CI job of that name in this pipeline is the "
                    f"status (its exit code follows the verdict)"
                )
            raise _error(exc, "set the finops-gate commit status") from exc
        except _network_errors() as exc:
            raise PublishError(f"GitLab: could not set the commit status: {exc}") from exc
        return state, None

    # approvals --------------------------------------------------------------------------

    def approvals(self, approvers: Sequence[str]) -> PlatformApprovals:
        """Valid approvals for the current head by configured approvers, with notes on the ones
        that could not count (group unreadable, edited note, the author, given too early...)."""
        if not approvers:
            return PlatformApprovals(
                notes=(
                    "no approvers configured: set policies.approval.approvers.gitlab "
                    "in the base branch's .finops-gate.yml",
                )
            )
        head, author = self.head_sha, self.author.lower()
        notes_seen = self.notes()
        me = self.login().lower()
        reports = [
            m
            for n in notes_seen
            if (m := parse_marker(n.body)) is not None
            and m.key == self.key
            and m.head == head
            and not n.system
            and n.author.lower() == me
        ]
        since = reports[-1].since if reports else None
        why: list[str] = []
        candidates: dict[str, tuple[str, int | None, str]] = {}  # lower name -> (name, id, via)
        for name, uid in self._native_approvals(since, why):
            candidates.setdefault(name.lower(), (name, uid, "approval"))
        for note in notes_seen:
            if note.system or note.body.strip().split("\n", 1)[0].strip() != APPROVE_COMMAND:
                continue
            if since is None or note.created_at <= since:
                continue  # approved an earlier report: stale
            if note.updated_at != note.created_at:
                why.append(f"the approve note by {note.author} was edited and does not count")
                continue
            candidates.setdefault(note.author.lower(), (note.author, note.author_id, "comment"))
        valid: list[PlatformApproval] = []
        for lower, (name, uid, via) in sorted(candidates.items()):
            if lower == author:
                why.append(f"{name} is the author of this merge request and cannot approve it")
                continue
            direct = any(a.lower() == lower for a in approvers)
            groups = self._groups_of(name, uid, [a for a in approvers if a.lower() != lower], why)
            if direct or groups:
                valid.append(PlatformApproval(name, via, head, groups))
            else:
                why.append(f"approval by {name} does not count: not among the approvers")
        return PlatformApprovals(tuple(valid), tuple(dict.fromkeys(why)))

    def _native_approvals(
        self, since: datetime | None, why: list[str]
    ) -> Iterator[tuple[str, int | None]]:
        mr = self.merge_request()
        state = _call(lambda: mr.approvals.get(), "read the merge request approvals")
        for entry in getattr(state, "approved_by", None) or []:
            user = entry.get("user") or {}
            name = str(user.get("username") or "")
            if not name:
                continue
            at = entry.get("approved_at")
            if not at:
                why.append(
                    f"this GitLab does not say when {name} approved, so the approval cannot be "
                    f"bound to the current head; comment `{APPROVE_COMMAND}` instead"
                )
                continue
            if since is None or parse_time(str(at)) <= since:
                why.append(
                    f"{name} approved before the report for the current head; revoke and approve "
                    f"again, or comment `{APPROVE_COMMAND}`"
                )
                continue
            yield name, user.get("id") if isinstance(user.get("id"), int) else None

    def _groups_of(
        self, name: str, user_id: int | None, entries: Sequence[str], why: list[str]
    ) -> tuple[str, ...]:
        """The configured entries that are groups ``name`` is a member of (inherited membership
        included). An entry without ``/`` that is no group is another user's name."""
        from gitlab.exceptions import GitlabError

        member_of = []
        for path in entries:
            if not self._group_visible(path, why):
                continue
            if user_id is None:
                why.append(f"GitLab gave no user id for {name}; membership of {path} not checked")
                continue
            group = self.client().groups.get(path, lazy=True)
            try:
                member = group.members_all.get(user_id)
            except GitlabError as exc:
                if exc.response_code == 404:
                    continue  # the group is readable and the user is not in it
                if exc.response_code in (401, 403):
                    why.append(_unreadable(path, exc.response_code))
                    continue
                raise _error(exc, f"read the members of group {path}") from exc
            except _network_errors() as exc:
                raise PublishError(f"GitLab: could not read group {path}: {exc}") from exc
            if str(getattr(member, "state", "active")) == "active":
                member_of.append(path)
        return tuple(member_of)

    def _group_visible(self, path: str, why: list[str]) -> bool:
        if path not in self._groups:
            from gitlab.exceptions import GitlabError

            try:
                self.client().groups.get(path)
                self._groups[path] = True
            except GitlabError as exc:
                if exc.response_code not in (401, 403, 404):
                    raise _error(exc, f"read group {path}") from exc
                self._groups[path] = False
                if "/" in path or exc.response_code != 404:
                    why.append(_unreadable(path, exc.response_code))
            except _network_errors() as exc:
                raise PublishError(f"GitLab: could not read group {path}: {exc}") from exc
        return self._groups[path]


def approve_hint(job_url: str | None) -> str:
    """How a lead approves on GitLab, and that the job must then run again (GitLab starts no
    pipeline on an approval)."""
    job = "the **finops-gate** job"
    if job_url and _SAFE_URL.fullmatch(job_url):
        job = f"[the **finops-gate** job]({job_url})"
    return (
        f"To approve this change for the current head commit, an approver approves the merge "
        f"request or comments `{APPROVE_COMMAND}` (a new push needs a new approval; the author "
        f"cannot approve their own change). GitLab starts no pipeline on an approval: then re-run "
        f"{job} (its page → **Retry**, or **Run pipeline** on the merge request's Pipelines tab)."
    )


def _unreadable(path: str, code: int | None) -> str:
    return (
        f"cannot read the members of group {path} with this token (HTTP {code}); approvals "
        f"through that group are not counted: give the token's user at least Reporter access "
        f"to the group, or list user names"
    )


# --- python-gitlab plumbing ----------------------------------------------------------------


def _client(ctx: PullRequestContext, policy: RetryPolicy) -> Any:
    import gitlab
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import InvalidHeader
    from urllib3.util.retry import Retry

    class BoundedRetry(Retry):
        """Retry-After (seconds or a date) or RateLimit-Reset (epoch seconds), capped; POST is
        repeated only where GitLab cannot have done it (429, 503)."""

        def get_retry_after(self, response: Any) -> float | None:
            try:
                wait = super().get_retry_after(response)
            except InvalidHeader:
                wait = None
            reset = response.headers.get("RateLimit-Reset")
            if wait is None and reset and reset.strip().isdigit():
                wait = max(0.0, int(reset) - time.time())
            return None if wait is None else min(wait, policy.max_wait)

        def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
            if method.upper() == "POST" and status_code not in (429, 503):
                return False
            return super().is_retry(method, status_code, has_retry_after)

    class Client(gitlab.Gitlab):
        """python-gitlab with its own retry loop off: the adapter above is the one budget."""

        def http_request(self, *args: Any, **kwargs: Any) -> Any:
            kwargs["obey_rate_limit"] = False
            kwargs["retry_transient_errors"] = False
            kwargs["max_retries"] = 0
            return super().http_request(*args, **kwargs)

    retry = BoundedRetry(
        total=policy.total,
        connect=policy.total,
        read=0,  # a request the server may have acted on is not sent again
        status=policy.total,
        backoff_factor=policy.backoff_factor,
        backoff_max=policy.backoff_max,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=None,
        raise_on_status=False,
        respect_retry_after_header=True,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    api = (ctx.api_url or "https://gitlab.com/api/v4").rstrip("/")
    server = api[: -len("/api/v4")] if api.endswith("/api/v4") else api
    return Client(
        url=server,
        private_token=ctx.token,
        session=session,
        per_page=100,
        timeout=30,
        user_agent="finops-gate",
    )


def _note(raw: Any) -> Note:
    data = raw if isinstance(raw, dict) else raw.attributes
    author = data.get("author") or {}
    created = parse_time(str(data["created_at"]))
    updated = parse_time(str(data.get("updated_at") or data["created_at"]))
    return Note(
        id=int(data["id"]),
        body=str(data.get("body") or ""),
        author=str(author.get("username") or ""),
        author_id=author.get("id") if isinstance(author.get("id"), int) else None,
        created_at=created,
        updated_at=updated,
        system=bool(data.get("system")),
    )


def _network_errors() -> tuple[type[BaseException], ...]:
    import requests

    return (requests.RequestException,)


def _call(fn: Callable[[], Any], what: str) -> Any:
    from gitlab.exceptions import GitlabError

    try:
        return fn()
    except GitlabError as exc:
        raise _error(exc, what) from exc
    except _network_errors() as exc:
        raise PublishError(f"GitLab: could not {what}: {exc}") from exc


def _error(exc: Any, what: str) -> PublishError:
    code = getattr(exc, "response_code", None)
    message = " ".join(str(getattr(exc, "error_message", "") or exc).split())[:300]
    hint = {
        401: f"the token is invalid or expired: renew {GITLAB_TOKEN_VARIABLE}",
        403: "the token lacks a permission (api scope, Developer role on the project)",
        404: "not found, or the token cannot see it",
        429: "rate limited by GitLab; retried and gave up",
    }.get(code or 0, "GitLab API error")
    return PublishError(f"GitLab: could not {what}: HTTP {code} {message} ({hint})")
