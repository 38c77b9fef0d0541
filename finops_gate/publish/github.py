"""GitHub: the platform primitives of the ``Publisher`` protocol (``publish/base.py``), with
PyGithub, and the workflow annotations. The comment behaviours, staleness, trimming and approval
rules live once in ``publish/base.py``.

PyGithub is imported inside the functions that talk to GitHub, never at module import.

Native approvals are reviews: the latest decisive review of each user (APPROVED, CHANGES_REQUESTED,
DISMISSED; a plain comment review neither gives nor withdraws), bound to the review's commit.
Approvers are users or ``org/team`` slugs; membership is read through the team API (an
installation token often cannot: then the approval does not count and a note says why).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from finops_gate.ci import PullRequestContext
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
from finops_gate.publish.comment import APPROVE_COMMAND, aware
from finops_gate.report.document import Document

MAX_BODY = 65_536  # GitHub rejects longer comment bodies with 422
DEFAULT_BOT = "github-actions[bot]"
THROTTLE = (0.25, 1.0)  # PyGithub's pacing: seconds between requests, between writes
_DECISIVE_REVIEWS = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")
FORK_HELP = (
    "PR #{number} comes from the fork {fork}: GitHub gives its workflow a read-only token, so "
    "nothing can be posted; use examples/github/finops-gate-fork-check.yml and "
    "finops-gate-fork-post.yml for pull requests from forks"
)
APPROVE_HINT = (
    f"To approve this change for the current head commit, an approver submits a review with "
    f"**Approve**, or comments `{APPROVE_COMMAND}` (a new push needs a new approval; the author "
    f"cannot approve their own change)."
)


def workflow_annotations(doc: Document | Mapping[str, Any]) -> list[str]:
    """GitHub workflow commands (``::error file=..,line=..::message``) for findings with a file."""
    out = []
    for f in Document.of(doc).findings:
        if not f.file:
            continue
        level = {"fail": "error", "warn": "warning"}.get(f.severity, "notice")
        props = f"file={_prop(f.file)}"
        if f.line:
            props += f",line={f.line}"
        props += f",title={_prop(f.policy or 'finops-gate')}"
        where = f"{f.address}: " if f.address else ""
        out.append(f"::{level} {props}::{_data(where + f.message)}")
    return out


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: object) -> str:
    return _data(str(text)).replace(":", "%3A").replace(",", "%2C")


# --- talking to GitHub -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded retries: 5xx, 429 and rate-limited 403 (honouring Retry-After), with backoff."""

    total: int = 4
    backoff_factor: float = 1.0
    backoff_max: float = 30.0
    secondary_rate_wait: float = 60.0
    max_rate_limit_wait: float = 300.0


@dataclass
class GitHubPublisher:
    """The ``Publisher`` primitives for one pull request (``ctx.platform == "github"``)."""

    ctx: PullRequestContext
    bot_login: str | None = None
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    throttle: tuple[float | None, float | None] = field(default_factory=lambda: THROTTLE)
    platform: str = "github"
    comment_limit: int = MAX_BODY
    supports_hide: bool = True
    approve_hint: str = APPROVE_HINT
    _gh: Any = None
    _pull: Any = None
    _comments: dict[int, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.ctx.platform != "github" or self.ctx.number is None:
            raise PublishError("--post works in a GitHub pull request workflow; no PR found")
        if not self.ctx.token:
            raise PublishError(
                "no GitHub token: pass github-token to the action (or set GITHUB_TOKEN)"
            )
        if not self.ctx.repository:
            raise PublishError("GITHUB_REPOSITORY is not set; cannot publish")
        require("github", "publish", "--post on GitHub")

    # client and pull request ------------------------------------------------------------

    def client(self) -> Any:
        if self._gh is None:
            from github import Auth, Github, GithubRetry
            from urllib3.exceptions import MaxRetryError

            class BoundedRetry(GithubRetry):
                """A server's Retry-After is honoured up to ``max_rate_limit_wait`` seconds. A
                comment is created again only where GitHub cannot have created it (a rate
                limit, 503): after a 500 or 502 it may be there, and would be there twice."""

                def get_retry_after(self, response: Any) -> float | None:
                    wait = super().get_retry_after(response)
                    cap = self.max_rate_limit_wait
                    return wait if wait is None or cap is None else min(float(wait), cap)

                def increment(
                    self, method: Any = None, url: Any = None, *args: Any, **kw: Any
                ) -> Any:
                    response = kw.get("response")
                    creates = method == "POST" and str(url).split("?")[0].endswith("/comments")
                    if creates and response is not None and response.status not in (403, 429, 503):
                        raise MaxRetryError(kw["_pool"], str(url))
                    return super().increment(method, url, *args, **kw)

            # PyGithub logs each refused request at INFO to stderr: the error is one line, ours
            logging.getLogger("github").setLevel(logging.WARNING)
            r = self.retry
            retry = BoundedRetry(
                total=r.total,
                backoff_factor=r.backoff_factor,
                backoff_max=r.backoff_max,
                secondary_rate_wait=r.secondary_rate_wait,
                max_rate_limit_wait=r.max_rate_limit_wait,
                status_forcelist=[429, *range(500, 600)],
                raise_on_status=False,
            )
            self._gh = Github(
                base_url=self.ctx.api_url or "https://api.github.com",
                auth=Auth.Token(self.ctx.token or ""),
                retry=retry,
                per_page=100,
                seconds_between_requests=self.throttle[0],
                seconds_between_writes=self.throttle[1],
                lazy=True,
                user_agent="finops-gate",
            )
        return self._gh

    def pull(self) -> Any:
        if self._pull is None:
            repo = self.client().get_repo(self.ctx.repository)
            self._pull = _call(lambda: _complete(repo.get_pull(self.ctx.number)), "read the PR")
        return self._pull

    def change(self) -> Change:
        pull = self.pull()
        repo = pull.head.repo  # None when the fork was deleted
        return Change(
            number=int(pull.number),
            author=str(pull.user.login),
            head_sha=str(pull.head.sha),
            base_sha=str(pull.base.sha),
            head_repo=str(repo.full_name) if repo is not None else None,
        )

    def whoami(self) -> str:
        """The token's user: ``GET /user``; an installation token (GitHub App, Actions) cannot
        read that, so the GraphQL ``viewer`` (``<app>[bot]``), else ``github-actions[bot]``."""
        if self.bot_login:
            return self.bot_login
        from github import GithubException

        try:
            return str(self.client().get_user().login)
        except GithubException as exc:
            if exc.status not in (401, 403, 404):
                raise _error(exc, "read the token's user") from exc
        try:
            _, data = self.client().requester.graphql_query("query { viewer { login } }", {})
            return str(data["data"]["viewer"]["login"])
        except (GithubException, KeyError, TypeError):
            return DEFAULT_BOT

    # comments ---------------------------------------------------------------------------

    def list_comments(self) -> list[Comment]:
        found = []
        for c in _call(lambda: list(self.pull().get_issue_comments()), "list PR comments"):
            self._comments[int(c.id)] = c
            found.append(
                Comment(
                    id=int(c.id),
                    author=str(c.user.login),
                    body=c.body or "",
                    created_at=aware(c.created_at),
                    updated_at=aware(c.updated_at),
                )
            )
        return found

    def _comment(self, comment_id: int) -> Any:
        if comment_id not in self._comments:
            self._comments[comment_id] = _call(
                lambda: self.pull().get_issue_comment(comment_id), "read the PR comment"
            )
        return self._comments[comment_id]

    def create_comment(self, body: str) -> int:
        created = _write(lambda: self.pull().create_issue_comment(body), "create", self._fork())
        self._comments[int(created.id)] = created
        return int(created.id)

    def update_comment(self, comment_id: int, body: str) -> None:
        comment = self._comment(comment_id)
        _write(lambda: comment.edit(body), "update", self._fork())

    def delete_comment(self, comment_id: int) -> None:
        _call(self._comment(comment_id).delete, "delete the old PR comment")

    def hide_comment(self, comment_id: int) -> None:
        from github import GithubException

        try:
            self._comment(comment_id).minimize("OUTDATED")
        except GithubException as exc:
            raise _error(exc, "hide the old PR comment (GraphQL minimizeComment)") from exc

    # status -----------------------------------------------------------------------------

    def set_status(
        self, sha: str, *, state: StatusState, description: str, target_url: str | None
    ) -> None:
        commit = self.client().get_repo(self.ctx.repository).get_commit(sha)
        fields = {"description": description, "context": STATUS_CONTEXT}
        if target_url:  # an empty target_url is not a URL: leave it out
            fields["target_url"] = target_url
        _call(
            lambda: commit.create_status(state=state, **fields),
            "set the finops-gate status",
            self._fork(),
        )

    def _fork(self) -> str | None:
        """What a refused write means when the PR comes from a fork (its token is read-only)."""
        if not self.ctx.fork:
            return None
        return FORK_HELP.format(number=self.ctx.number, fork=self.ctx.fork)

    # approvals --------------------------------------------------------------------------

    def native_approvals(self) -> list[NativeApproval]:
        latest: dict[str, tuple[str, str, str | None]] = {}
        for review in _call(lambda: list(self.pull().get_reviews()), "list PR reviews"):
            if review.user is None or review.state not in _DECISIVE_REVIEWS:
                continue  # a plain comment review neither gives nor withdraws approval
            login = str(review.user.login)
            latest[login.lower()] = (login, str(review.state), review.commit_id)
        return [
            NativeApproval(login, commit_id, "review")
            for login, state, commit_id in latest.values()
            if state == "APPROVED"
        ]

    def is_group(self, approver: str) -> bool:
        return "/" in approver  # org/team

    def member_of(self, login: str, group: str) -> bool:
        from github import GithubException

        org, _, team = group.partition("/")
        try:
            t = self.client().get_organization(org).get_team_by_slug(team)
            return bool(t.get_team_membership(login).state == "active")
        except GithubException as exc:
            if exc.status == 404 and _team_visible(self.client(), org, team):
                return False  # the team is readable and the user is not in it
            if exc.status in (401, 403, 404):
                raise MembershipUnreadable(
                    f"HTTP {exc.status}; give the workflow a token that can read org "
                    "membership (members: read)"
                ) from exc
            raise _error(exc, f"read team {group}") from exc


def _write(send: Callable[[], Any], verb: str, fork: str | None = None) -> Any:
    """A comment write; 422 means GitHub rejected the body (it counts length differently, or
    lowered its limit): the caller retries shorter."""
    from github import GithubException

    try:
        return send()
    except GithubException as exc:
        if exc.status == 422:
            raise BodyRejected(str(_error(exc, f"{verb} the PR comment"))) from exc
        raise _error(exc, f"{verb} the PR comment", fork) from exc


def _team_visible(gh: Any, org: str, team: str) -> bool:
    from github import GithubException

    try:
        gh.get_organization(org).get_team_by_slug(team)
    except GithubException:
        return False
    return True


def _complete(obj: Any) -> Any:
    obj.head  # noqa: B018 -- touching an attribute completes a lazy PyGithub object
    return obj


def _call(fn: Callable[[], Any], what: str, fork: str | None = None) -> Any:
    from github import GithubException

    try:
        return fn()
    except GithubException as exc:
        raise _error(exc, what, fork) from exc


def _error(exc: Any, what: str, fork: str | None = None) -> PublishError:
    """One line: what failed, GitHub's status and message, and what to do (``fork``: what a
    refused write means for a pull request from a fork)."""
    data = exc.data if isinstance(exc.data, dict) else {}
    message = data.get("message") or str(exc.data or "")
    if exc.status == 403 and fork:
        return PublishError(f"GitHub: could not {what}: HTTP 403 {message} ({fork})")
    hint = {
        401: "the token is invalid or expired",
        403: "the token lacks a permission (pull-requests: write, statuses: write, contents: read)"
        " or the rate limit is exhausted",
        404: "not found, or the token cannot see it",
        422: "GitHub rejected the content",
    }.get(exc.status, "GitHub API error")
    return PublishError(f"GitHub: could not {what}: HTTP {exc.status} {message} ({hint})")
