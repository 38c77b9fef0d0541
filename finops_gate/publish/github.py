"""GitHub: the one PR comment, the ``finops-gate`` commit status, and approvals by leads.

PyGithub is imported inside the functions that talk to GitHub, never at module import.

The comment is found again by a hidden marker on its first line AND its author (the token's
user), so a quote of it by someone else is never touched. The marker stamps the head SHA the
report is for, the time of the run, and since when a report for that head has been shown:
``<!-- finops-gate key=default head=<sha> time=<iso> since=<iso> -->``. A run older than the
comment there (by time, or because the PR moved on to a head the comment already covers) leaves it.

An approval counts when it is a review in state APPROVED on the current head commit, or a
``/finops-gate approve`` comment created after the bot's report for that head and never edited;
never from the PR author; only from a configured approver (a user, or a member of an
``org/team`` read through the API: when the token cannot read it, the approval is not counted
and a note says why).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from finops_gate.ci import PullRequestContext
from finops_gate.errors import PublishError
from finops_gate.extras import require
from finops_gate.publish import STATUS_CONTEXT
from finops_gate.publish.approvals import PlatformApproval, PlatformApprovals
from finops_gate.publish.base import CommentTooLong, PublishResult, upsert_comment
from finops_gate.publish.comment import (
    APPROVE_COMMAND,
    APPROVE_HINT,
    Marker,
    aware,
    parse_marker,
    status_description,
    status_state,
)

MAX_BODY = 65_536  # GitHub rejects longer comment bodies with 422
DEFAULT_BOT = "github-actions[bot]"
THROTTLE = (0.25, 1.0)  # PyGithub's pacing: seconds between requests, between writes
_DECISIVE_REVIEWS = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")


def workflow_annotations(doc: dict[str, Any]) -> list[str]:
    """GitHub workflow commands (``::error file=..,line=..::message``) for findings with a file."""
    out = []
    for f in doc.get("findings", []):
        if not f.get("file"):
            continue
        level = {"fail": "error", "warn": "warning"}.get(f.get("severity", ""), "notice")
        props = f"file={_prop(f['file'])}"
        if f.get("line"):
            props += f",line={int(f['line'])}"
        props += f",title={_prop(f.get('policy', 'finops-gate'))}"
        where = f"{f['address']}: " if f.get("address") else ""
        out.append(f"::{level} {props}::{_data(where + str(f.get('message', '')))}")
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
    """PR comment, status and approvals for one pull request (``ctx.platform == "github"``)."""

    ctx: PullRequestContext
    key: str = "default"
    bot_login: str | None = None
    max_body: int = MAX_BODY
    approve_hint: str = APPROVE_HINT
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    throttle: tuple[float | None, float | None] = field(default_factory=lambda: THROTTLE)
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    _gh: Any = None
    _pull: Any = None
    _login: str | None = None

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

            class BoundedRetry(GithubRetry):
                """A server's Retry-After is honoured up to ``max_rate_limit_wait`` seconds."""

                def get_retry_after(self, response: Any) -> float | None:
                    wait = super().get_retry_after(response)
                    cap = self.max_rate_limit_wait
                    return wait if wait is None or cap is None else min(float(wait), cap)

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

    @property
    def head_sha(self) -> str:
        return str(self.pull().head.sha)

    @property
    def author(self) -> str:
        return str(self.pull().user.login)

    def login(self) -> str:
        """The token's user: ``GET /user``; an installation token (GitHub App, Actions) cannot
        read that, so the GraphQL ``viewer`` (``<app>[bot]``), else ``github-actions[bot]``."""
        if self._login is None:
            self._login = self.bot_login or self._whoami()
        return self._login

    def _whoami(self) -> str:
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

    # comment ----------------------------------------------------------------------------

    def own_reports(self) -> list[tuple[Any, Marker]]:
        """Our comments (marker with our key on the first line AND authored by us), oldest first."""
        me = self.login().lower()
        found = []
        for c in _call(lambda: list(self.pull().get_issue_comments()), "list PR comments"):
            marker = parse_marker(c.body)
            if marker and marker.key == self.key and str(c.user.login).lower() == me:
                found.append((c, marker))
        return found

    def upsert_comment(
        self, doc: dict[str, Any], *, head_sha: str, behavior: str = "update"
    ) -> PublishResult:
        return upsert_comment(self, doc, head_sha=head_sha, behavior=behavior)

    def create_comment(self, body: str) -> Any:
        return self._send(self.pull().create_issue_comment, body, "create")

    def edit_comment(self, comment: Any, body: str) -> None:
        self._send(comment.edit, body, "update")

    def delete_comment(self, comment: Any) -> None:
        _call(comment.delete, "delete the old PR comment")

    def hide_comment(self, comment: Any) -> None:
        from github import GithubException

        try:
            comment.minimize("OUTDATED")
        except GithubException as exc:
            raise _error(exc, "hide the old PR comment (GraphQL minimizeComment)") from exc

    def _send(self, send: Callable[[str], Any], body: str, verb: str) -> Any:
        """A 422 on a body within our count of the limit: GitHub counts length differently, or
        lowered its limit (the generic upsert retries once with a much shorter body)."""
        from github import GithubException

        try:
            return send(body)
        except GithubException as exc:
            if exc.status == 422:
                raise CommentTooLong(str(_error(exc, f"{verb} the PR comment"))) from exc
            raise _error(exc, f"{verb} the PR comment") from exc

    # status -----------------------------------------------------------------------------

    def set_status(self, doc: dict[str, Any], *, head_sha: str) -> str:
        state = status_state(doc)
        commit = self.client().get_repo(self.ctx.repository).get_commit(head_sha)
        fields = {"description": status_description(doc), "context": STATUS_CONTEXT}
        if self.ctx.run_url:  # an empty target_url is not a URL: leave it out
            fields["target_url"] = self.ctx.run_url
        _call(lambda: commit.create_status(state=state, **fields), "set the finops-gate status")
        return state

    # approvals --------------------------------------------------------------------------

    def approvals(self, approvers: Sequence[str]) -> PlatformApprovals:
        """Valid approvals for the current head by configured approvers, with notes on any
        that could not count (team membership unreadable, edited comment, the author...)."""
        head, author = self.head_sha, self.author.lower()
        notes: list[str] = []
        if not approvers:
            return PlatformApprovals(
                notes=(
                    "no approvers configured: set policies.approval.approvers.github "
                    "in the base branch's .finops-gate.yml",
                )
            )
        candidates: dict[str, str] = {}  # login -> via
        for login, state, commit_id in self._latest_reviews():
            if state == "APPROVED" and commit_id == head:
                candidates.setdefault(login, "review")
        for login, note in self._approve_comments(head):
            if note:
                notes.append(note)
            else:
                candidates.setdefault(login, "comment")
        users = {a.lower() for a in approvers if "/" not in a}
        teams = [a for a in approvers if "/" in a]
        valid: list[PlatformApproval] = []
        for login, via in sorted(candidates.items()):
            if login.lower() == author:
                notes.append(f"{login} is the author of this pull request and cannot approve it")
                continue
            member_of = self._teams_of(login, teams, notes)
            if login.lower() in users or member_of:
                valid.append(PlatformApproval(login, via, head, member_of))
            else:
                notes.append(f"approval by {login} does not count: not among the approvers")
        return PlatformApprovals(tuple(valid), tuple(dict.fromkeys(notes)))

    def _latest_reviews(self) -> Iterable[tuple[str, str, str | None]]:
        latest: dict[str, tuple[str, str, str | None]] = {}
        for review in _call(lambda: list(self.pull().get_reviews()), "list PR reviews"):
            if review.user is None or review.state not in _DECISIVE_REVIEWS:
                continue  # a plain comment review neither gives nor withdraws approval
            login = str(review.user.login)
            latest[login.lower()] = (login, str(review.state), review.commit_id)
        return latest.values()

    def _approve_comments(self, head: str) -> Iterable[tuple[str, str | None]]:
        """(login, None) for each valid approve comment; (login, why not) for the others."""
        reports = [m for _, m in self.own_reports() if m.head == head]
        since = reports[-1].since if reports else None
        for c in _call(lambda: list(self.pull().get_issue_comments()), "list PR comments"):
            if (c.body or "").strip().split("\n", 1)[0].strip() != APPROVE_COMMAND:
                continue
            login = str(c.user.login)
            created, updated = aware(c.created_at), aware(c.updated_at)
            if since is None or created <= since:
                continue  # approved an earlier report: silently stale
            if updated != created:
                yield login, f"the approve comment by {login} was edited and does not count"
            else:
                yield login, None

    def _teams_of(self, login: str, teams: Sequence[str], notes: list[str]) -> tuple[str, ...]:
        from github import GithubException

        member_of = []
        for slug in teams:
            org, _, team = slug.partition("/")
            try:
                t = self.client().get_organization(org).get_team_by_slug(team)
                membership = t.get_team_membership(login)
                if membership.state == "active":
                    member_of.append(slug)
            except GithubException as exc:
                if exc.status == 404 and _team_visible(self.client(), org, team):
                    continue  # the team is readable and the user is not in it
                if exc.status in (401, 403, 404):
                    notes.append(
                        f"cannot read the members of {slug} with this token (HTTP {exc.status}); "
                        f"approvals through that team are not counted — give the workflow a "
                        f"token that can read org membership (members: read)"
                    )
                    continue
                raise _error(exc, f"read team {slug}") from exc
        return tuple(member_of)

    # the whole publication --------------------------------------------------------------

    def publish(
        self, doc: dict[str, Any], *, behavior: str = "update", post_comment: bool = True
    ) -> PublishResult:
        head = self.ctx.head_sha or self.head_sha
        result = (
            self.upsert_comment(doc, head_sha=head, behavior=behavior)
            if post_comment
            else PublishResult("skipped", None, None)
        )
        state = self.set_status(doc, head_sha=head)
        return PublishResult(result.comment, result.comment_id, state, result.notes)


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


def _call(fn: Callable[[], Any], what: str) -> Any:
    from github import GithubException

    try:
        return fn()
    except GithubException as exc:
        raise _error(exc, what) from exc


def _error(exc: Any, what: str) -> PublishError:
    data = exc.data if isinstance(exc.data, dict) else {}
    message = data.get("message") or str(exc.data or "")
    hint = {
        401: "the token is invalid or expired",
        403: "the token lacks a permission (pull-requests: write, statuses: write, contents: read)"
        " or the rate limit is exhausted",
        404: "not found, or the token cannot see it",
        422: "GitHub rejected the content",
    }.get(exc.status, "GitHub API error")
    return PublishError(f"GitHub: could not {what}: HTTP {exc.status} {message} ({hint})")
