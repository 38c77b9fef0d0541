"""GitLab: the platform primitives of the ``Publisher`` protocol (``publish/base.py``), with
python-gitlab. The comment behaviours, staleness, trimming and approval rules live once in
``publish/base.py``.

python-gitlab is imported inside the functions that talk to GitLab, never at module import.

Notes may be up to GitLab's 1,000,000 characters; system notes are marked as such (never ours,
never approvals). GitLab cannot hide (minimize) a note: ``hide-and-new`` is refused.

Native approvals are MR approvals. GitLab approvals carry no commit SHA; one is bound to the
current head when GitLab says it was given (``approved_at``) after that head was pushed (the
``created_at`` of the MR diff version whose head is that commit). An approval given before a
push therefore does not count for the pushed commit: the approver revokes and approves again,
or comments ``/finops-gate approve``. A GitLab too old to say ``approved_at`` binds nothing.
Approvers are usernames or group paths (``acme/platform-leads``, or a top-level group by its
name); membership, inherited included, is read through ``/groups/:id/members/all/:user_id``.

Requests are retried a bounded number of times on 429 (honouring ``Retry-After`` and
``RateLimit-Reset`` up to a cap) and 5xx (POST only on 429 and 503: a create is not repeated
after the server may have done it).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from finops_gate.ci import GITLAB_TOKEN_VARIABLE, PullRequestContext
from finops_gate.errors import PublishError
from finops_gate.extras import require
from finops_gate.publish import STATUS_CONTEXT
from finops_gate.publish.base import (
    BodyRejected,
    Change,
    Comment,
    MembershipUnreadable,
    NativeApproval,
    StatusState,
)
from finops_gate.publish.comment import APPROVE_COMMAND, parse_time

MAX_BODY = 1_000_000  # GitLab's limit for a note
MAX_NOTES = 20_000  # notes read from one MR (a hostile MR cannot make a run unbounded)
MAX_TARGET_URL = 255  # GitLab rejects a longer commit status target_url
TOKEN_HELP = (
    f"{GITLAB_TOKEN_VARIABLE} is not set, so nothing was posted to the merge request. Create a "
    "project access token (role Developer, scope api) and add it in Settings > CI/CD > Variables "
    f"as {GITLAB_TOKEN_VARIABLE}, masked but NOT protected (merge request pipelines cannot read "
    "protected variables); the CI job token cannot write merge request notes"
)
FORK_TOKEN_HELP = (
    "this merge request comes from the fork {fork}: its pipeline runs in the fork, without the "
    f"target project's {GITLAB_TOKEN_VARIABLE}, so nothing was posted (the job's result is the "
    "gate). To post, a maintainer of the target project runs the pipeline there: the merge "
    "request's Pipelines tab > Run pipeline"
)
HIDE_UNSUPPORTED = (
    "--comment-behavior hide-and-new: GitLab cannot hide (minimize) a note; "
    "use update, new or delete-and-new"
)
_STATES = {"success": "success", "failure": "failed"}  # GitLab's names for a status
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+")  # no ( ) [ ] < > or space


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded retries: ``total`` attempts after the first, exponential backoff, and a server's
    wait (``Retry-After`` / ``RateLimit-Reset``) honoured up to ``max_wait`` seconds."""

    total: int = 4
    backoff_factor: float = 1.0
    backoff_max: float = 30.0
    max_wait: float = 60.0


RETRY = RetryPolicy()


@dataclass
class GitLabPublisher:
    """The ``Publisher`` primitives for one merge request (``ctx.platform == "gitlab"``)."""

    ctx: PullRequestContext
    retry: RetryPolicy | None = None  # None: RETRY, the module's default
    platform: str = "gitlab"
    comment_limit: int = MAX_BODY
    supports_hide: bool = False
    approve_hint: str = ""
    change_noun: str = "merge request"  # in the note's words ("the author of this ...")
    _gl: Any = None
    _mr: Any = None
    _login: str | None = None
    _user_ids: dict[str, int | None] = field(default_factory=dict)
    _groups: dict[str, bool] = field(default_factory=dict)  # name -> is a group we can see

    def __post_init__(self) -> None:
        if self.ctx.platform != "gitlab" or self.ctx.number is None:
            raise PublishError("--post works in a GitLab merge request pipeline; no MR found")
        if not self.ctx.token:
            if self.ctx.fork:
                raise PublishError(FORK_TOKEN_HELP.format(fork=self.ctx.fork))
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

    def change(self) -> Change:
        """The MR now: its head is ``sha`` (not the merged-results commit of the pipeline)."""
        mr = self.merge_request()
        refs = getattr(mr, "diff_refs", None) or {}
        return Change(
            number=int(mr.iid),
            author=str(mr.author["username"]),
            head_sha=str(mr.sha),
            base_sha=refs.get("base_sha") if isinstance(refs, dict) else None,
        )

    def whoami(self) -> str:
        """The token's user (``GET /user``): the author of our notes."""
        if self._login is None:
            user = _call(lambda: self.client().http_get("/user"), "read the token's user")
            self._login = str(user["username"])
        return self._login

    # notes ------------------------------------------------------------------------------

    def list_comments(self) -> list[Comment]:
        """The MR's notes, oldest first (at most ``MAX_NOTES``)."""

        def read() -> list[Comment]:
            found = []
            pages = self.merge_request().notes.list(
                iterator=True, sort="asc", order_by="created_at", per_page=100
            )
            for raw in pages:
                found.append(_comment(raw.attributes))
                if len(found) >= MAX_NOTES:
                    break
            return found

        return list(_call(read, "list the merge request notes"))

    def create_comment(self, body: str) -> int:
        mr = self.merge_request()
        note = _write(lambda: mr.notes.create({"body": body}), "create the MR note")
        return int(note.id)

    def update_comment(self, comment_id: int, body: str) -> None:
        mr = self.merge_request()
        _write(lambda: mr.notes.update(comment_id, {"body": body}), "edit the MR note")

    def delete_comment(self, comment_id: int) -> None:
        mr = self.merge_request()
        _call(lambda: mr.notes.delete(comment_id), "delete the old MR note")

    def hide_comment(self, comment_id: int) -> None:
        raise PublishError(HIDE_UNSUPPORTED)

    # status -----------------------------------------------------------------------------

    def set_status(
        self, sha: str, *, state: StatusState, description: str, target_url: str | None
    ) -> str | None:
        """The ``finops-gate`` commit status on ``sha`` (``success`` or ``failed``). Returns a
        note when the status is this CI job itself: GitLab keeps one name per pipeline, so a
        job named ``finops-gate`` in the pipeline of ``sha`` is the status."""
        from gitlab.exceptions import GitlabError

        fields = {"state": _STATES[state], "name": STATUS_CONTEXT, "description": description}
        if target_url and len(target_url) <= MAX_TARGET_URL:
            fields["target_url"] = target_url
        commit = self.project().commits.get(sha, lazy=True)
        try:
            commit.statuses.create(fields)
        except GitlabError as exc:
            if exc.response_code == 400 and "taken" in str(exc.error_message):
                return (
                    f"status {STATUS_CONTEXT}: the CI job of that name in this pipeline is the "
                    "status (its result follows the verdict)"
                )
            raise _error(exc, "set the finops-gate commit status") from exc
        except _network_errors() as exc:
            raise PublishError(f"GitLab: could not set the commit status: {exc}") from exc
        return None

    # approvals --------------------------------------------------------------------------

    def native_approvals(self) -> list[NativeApproval]:
        """MR approvals, bound to the current head when given after it was pushed."""
        mr = self.merge_request()
        state = _call(lambda: mr.approvals.get(), "read the merge request approvals")
        head = str(mr.sha)
        pushed = self._pushed_at(head)
        found = []
        for entry in getattr(state, "approved_by", None) or []:
            user = entry.get("user") or {}
            name = str(user.get("username") or "")
            if not name:
                continue
            if isinstance(user.get("id"), int):
                self._user_ids[name.lower()] = user["id"]
            at = entry.get("approved_at")
            bound = at and pushed is not None and parse_time(str(at)) > pushed
            found.append(NativeApproval(name, head if bound else None, "approval"))
        return found

    def _pushed_at(self, head: str) -> datetime | None:
        """When ``head`` became the MR's head: the latest diff version with that head."""
        mr = self.merge_request()
        versions = _call(
            lambda: mr.diffs.list(get_all=False, per_page=100), "read the merge request versions"
        )
        times = [
            parse_time(str(v.created_at))
            for v in versions
            if getattr(v, "head_commit_sha", None) == head and getattr(v, "created_at", None)
        ]
        return max(times) if times else None

    def is_group(self, approver: str) -> bool:
        """A path with ``/`` is a group; a plain name is a group when GitLab has one by that
        name (usernames and top-level groups share one namespace)."""
        if "/" in approver:
            return True
        if approver not in self._groups:
            from gitlab.exceptions import GitlabError

            try:
                self.client().groups.get(approver)
                self._groups[approver] = True
            except GitlabError as exc:
                if exc.response_code not in (401, 403, 404):
                    raise _error(exc, f"read group {approver}") from exc
                self._groups[approver] = False
            except _network_errors() as exc:
                raise PublishError(f"GitLab: could not read group {approver}: {exc}") from exc
        return self._groups[approver]

    def member_of(self, login: str, group: str) -> bool:
        from gitlab.exceptions import GitlabError

        user_id = self._user_id(login)
        if user_id is None:
            return False
        try:
            member = self.client().groups.get(group, lazy=True).members_all.get(user_id)
        except GitlabError as exc:
            if exc.response_code == 404 and self._group_readable(group):
                return False  # the group is readable and the user is not in it
            if exc.response_code in (401, 403, 404):
                raise MembershipUnreadable(
                    f"HTTP {exc.response_code}; give the token's user at least Reporter access "
                    f"to {group}, or list user names"
                ) from exc
            raise _error(exc, f"read the members of group {group}") from exc
        except _network_errors() as exc:
            raise PublishError(f"GitLab: could not read group {group}: {exc}") from exc
        return str(getattr(member, "state", "active")) == "active"

    def _group_readable(self, group: str) -> bool:
        from gitlab.exceptions import GitlabError

        try:
            self.client().groups.get(group)
        except GitlabError:
            return False
        return True

    def _user_id(self, login: str) -> int | None:
        key = login.lower()
        if key not in self._user_ids:
            users = _call(
                lambda: self.client().users.list(username=login, get_all=False),
                f"look up user {login}",
            )
            ids = [u.id for u in users if str(u.username).lower() == key]
            self._user_ids[key] = int(ids[0]) if ids else None
        return self._user_ids[key]


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
            epoch = reset.strip() if reset else ""
            if wait is None and epoch.isascii() and epoch.isdigit() and len(epoch) <= 20:
                wait = max(0.0, int(epoch) - time.time())
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


def _comment(data: dict[str, Any]) -> Comment:
    author = data.get("author") or {}
    created = parse_time(str(data["created_at"]))
    return Comment(
        id=int(data["id"]),
        author=str(author.get("username") or ""),
        body=str(data.get("body") or ""),
        created_at=created,
        updated_at=parse_time(str(data.get("updated_at") or data["created_at"])),
        system=bool(data.get("system")),
    )


def _write(send: Callable[[], Any], what: str) -> Any:
    """A create or edit; GitLab's 400 "too long" is ``BodyRejected`` (retried shorter)."""
    from gitlab.exceptions import GitlabError

    try:
        return send()
    except GitlabError as exc:
        if exc.response_code == 400 and "too long" in str(exc.error_message):
            raise BodyRejected(str(_error(exc, what))) from exc
        raise _error(exc, what) from exc
    except _network_errors() as exc:
        raise PublishError(f"GitLab: could not {what}: {exc}") from exc


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
    message = message.removeprefix(f"{code} ")  # GitLab's text repeats it: "404 Not found"
    hint = {
        401: f"the token is invalid or expired: renew {GITLAB_TOKEN_VARIABLE}",
        403: "the token lacks a permission (api scope, Developer role on the project)",
        404: "not found, or the token cannot see it",
        429: "rate limited by GitLab; retried and gave up",
    }.get(code or 0, "GitLab API error")
    return PublishError(f"GitLab: could not {what}: HTTP {code} {message} ({hint})")
