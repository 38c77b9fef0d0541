"""A small GitLab REST API v4 on 127.0.0.1 for the publisher tests (stdlib only).

Payloads follow the public GitLab REST docs for the endpoints finops-gate uses: ``/user``, a merge
request (``sha``, ``diff_refs``, ``author``), its notes (offset pagination with ``X-Page``,
``X-Next-Page``, ``X-Total`` and a ``Link`` header; create, edit, delete; ``system`` notes), commit
statuses, MR approvals (``/approvals`` with ``approved_at``, and ``/approval_state``), the MR's
diff versions (when each head was pushed), user lookup by username and group members. Authentication
is the ``PRIVATE-TOKEN`` header. Faults are queued per request: 401/403/404, 429 with
``Retry-After`` or ``RateLimit-Reset``, 5xx. A note over 1,000,000 characters is a 400 as on
GitLab, and a commit status whose name is a CI job of the same pipeline is a 400 ("has already
been taken") as on GitLab.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import Message
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode

from tests.localhttp import Answer, LocalJsonApi

MAX_NOTE = 1_000_000
TOO_LONG = {"message": {"note": ["is too long (maximum is 1000000 characters)"]}}


@dataclass
class Fault:
    method: str
    path: str  # regex matched against the path
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=lambda: {"message": "injected"})
    times: int = 1


@dataclass
class State:
    project_id: int = 99
    project_path: str = "acme/shop"
    iid: int = 12
    author: str = "dev"
    base_sha: str = "b" * 40
    head_sha: str = "a" * 40
    token: str = "glpat-test"
    token_user: str = "finops-bot"
    users: dict[str, int] = field(default_factory=dict)  # username -> id (filled on demand)
    notes: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    approvals: list[dict[str, Any]] = field(default_factory=list)  # {"user": .., "approved_at": ..}
    report_approved_at: bool = True  # False: an older GitLab without approved_at
    groups: dict[str, list[str]] = field(default_factory=dict)  # full path -> member usernames
    hidden_groups: set[str] = field(default_factory=set)  # 403 on its members
    pipeline_jobs: set[str] = field(default_factory=set)  # CI job names in the head's pipeline
    pushed: dict[str, str] = field(default_factory=dict)  # head sha -> when it was pushed
    faults: list[Fault] = field(default_factory=list)
    log: list[tuple[str, str]] = field(default_factory=list)
    last: datetime = field(default_factory=lambda: datetime.now(UTC) - timedelta(hours=1))
    next_id: int = 5000

    def tick(self) -> str:
        """Now (and strictly after the previous tick), as GitLab writes times."""
        self.last = max(datetime.now(UTC), self.last + timedelta(milliseconds=1))
        return stamp(self.last)

    def requests(self, method: str, pattern: str = "") -> list[str]:
        return [p for m, p in self.log if m == method and re.search(pattern, p)]

    def user_id(self, username: str) -> int:
        return self.users.setdefault(username, 100 + len(self.users))


def stamp(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


class FakeGitLab(LocalJsonApi):
    """Start with ``start()``; ``url`` is the API base (``.../api/v4``); ``state`` holds what it
    received."""

    methods = frozenset({"GET", "POST", "PUT", "DELETE"})

    def __init__(self, state: State | None = None, per_page_cap: int = 100) -> None:
        super().__init__()
        self.state = state or State()
        self.per_page_cap = per_page_cap
        self.url = f"{self.root}/api/v4"

    # data helpers used by tests ---------------------------------------------------------

    def user(self, username: str) -> dict[str, Any]:
        return {
            "id": self.state.user_id(username),
            "username": username,
            "name": username.title(),
            "state": "active",
            "locked": False,
            "avatar_url": None,
            "web_url": f"{self.root}/{username}",
        }

    def add_note(
        self, username: str, body: str, *, system: bool = False, edited: bool = False
    ) -> dict[str, Any]:
        s = self.state
        s.next_id += 1
        created = s.tick()
        note = {
            "id": s.next_id,
            "type": None,
            "body": body,
            "author": self.user(username),
            "created_at": created,
            "updated_at": s.tick() if edited else created,
            "system": system,
            "noteable_id": 777,
            "noteable_type": "MergeRequest",
            "project_id": s.project_id,
            "noteable_iid": s.iid,
            "resolvable": False,
            "confidential": False,
            "internal": False,
            "imported": False,
            "imported_from": "none",
        }
        s.notes.append(note)
        return note

    def approve(self, username: str) -> None:
        self.state.approvals.append({"user": self.user(username), "approved_at": self.state.tick()})

    def push(self, sha: str) -> None:
        """A new head: GitLab records a diff version for it, created now."""
        self.state.head_sha = sha
        self.state.pushed[sha] = self.state.tick()

    def versions(self) -> list[dict[str, Any]]:
        s = self.state
        first = stamp(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
        heads = dict(s.pushed)
        heads.setdefault(s.head_sha, first)  # the MR was opened with this head
        return [
            {
                "id": 300 + i,
                "head_commit_sha": sha,
                "base_commit_sha": s.base_sha,
                "start_commit_sha": s.base_sha,
                "created_at": at,
                "merge_request_id": 777,
                "state": "collected",
                "real_size": "1",
                "patch_id_sha": None,
            }
            for i, (sha, at) in enumerate(sorted(heads.items(), key=lambda kv: kv[1]))
        ][::-1]  # newest first, as GitLab lists them

    def merge_request(self) -> dict[str, Any]:
        s = self.state
        return {
            "id": 777,
            "iid": s.iid,
            "project_id": s.project_id,
            "title": "Bigger instances",
            "description": "",
            "state": "opened",
            "created_at": "2026-11-20T09:00:00.000Z",
            "updated_at": "2026-11-20T09:00:00.000Z",
            "target_branch": "main",
            "source_branch": "feature",
            "source_project_id": s.project_id,
            "target_project_id": s.project_id,
            "author": self.user(s.author),
            "draft": False,
            "work_in_progress": False,
            "merge_when_pipeline_succeeds": False,
            "detailed_merge_status": "mergeable",
            "sha": s.head_sha,
            "merge_commit_sha": None,
            "squash_commit_sha": None,
            "diff_refs": {"base_sha": s.base_sha, "head_sha": s.head_sha, "start_sha": s.base_sha},
            "references": {"short": f"!{s.iid}", "full": f"{s.project_path}!{s.iid}"},
            "web_url": f"{self.root}/{s.project_path}/-/merge_requests/{s.iid}",
        }

    # the server -------------------------------------------------------------------------

    def parse_body(self, raw: bytes, headers: Message) -> Any:
        """JSON or a form, as python-gitlab sends either; nothing is ``{}``."""
        if not raw:
            return {}
        if "json" in (headers.get("Content-Type") or ""):
            return json.loads(raw)
        return {k: v[0] for k, v in parse_qs(raw.decode()).items()}

    def answer(self, method: str, path: str, query: str, body: Any, headers: Message) -> Answer:
        self.state.log.append((method, path))
        return self.route(method, path, parse_qs(query), body, headers)

    def _page(
        self, path: str, query: dict[str, list[str]], items: list[Any]
    ) -> tuple[int, Any, dict[str, str]]:
        per_page = min(int(query.get("per_page", ["20"])[0]), self.per_page_cap)
        page = int(query.get("page", ["1"])[0])
        total_pages = max(1, -(-len(items) // per_page))
        chunk = items[(page - 1) * per_page : page * per_page]
        rest = {k: v[0] for k, v in query.items() if k not in ("page", "per_page")}

        def url(n: int) -> str:
            return f"{self.root}{path}?" + urlencode({**rest, "page": n, "per_page": per_page})

        links = [f'<{url(1)}>; rel="first"', f'<{url(total_pages)}>; rel="last"']
        headers = {
            "X-Page": str(page),
            "X-Per-Page": str(per_page),
            "X-Total": str(len(items)),
            "X-Total-Pages": str(total_pages),
            "X-Next-Page": str(page + 1) if page < total_pages else "",
            "X-Prev-Page": str(page - 1) if page > 1 else "",
        }
        if page < total_pages:
            links.insert(0, f'<{url(page + 1)}>; rel="next"')
        if page > 1:
            links.insert(0, f'<{url(page - 1)}>; rel="prev"')
        headers["Link"] = ", ".join(links)
        return 200, chunk, headers

    def route(
        self, method: str, path: str, query: dict[str, list[str]], body: Any, headers: Any
    ) -> tuple[int, Any, dict[str, str]]:
        s = self.state
        for fault in s.faults:
            if fault.times > 0 and fault.method == method and re.search(fault.path, path):
                fault.times -= 1
                return fault.status, fault.body, fault.headers
        if headers.get("PRIVATE-TOKEN") != s.token:
            return 401, {"message": "401 Unauthorized"}, {}
        if not path.startswith("/api/v4/"):
            return 404, {"error": "404 Not Found"}, {}
        rest = path[len("/api/v4") :]
        if rest == "/user" and method == "GET":
            return 200, {**self.user(s.token_user), "bot": True, "email": None}, {}
        m = re.fullmatch(r"/projects/([^/]+)/(.*)", rest)
        if m:
            if unquote(m[1]) not in (str(s.project_id), s.project_path):
                return 404, {"message": "404 Project Not Found"}, {}
            return self._project(method, path, m[2], query, body)
        if rest == "/users" and method == "GET":
            wanted = query.get("username", [""])[0]
            known = [u for u in [*s.users, s.author, s.token_user] if u.lower() == wanted.lower()]
            return self._page(path, query, [self.user(u) for u in dict.fromkeys(known)])
        m = re.fullmatch(r"/groups/([^/]+)(/members/all/(\d+))?", rest)
        if m and method == "GET":
            return self._group(unquote(m[1]), int(m[3]) if m[3] else None)
        return 404, {"error": "404 Not Found"}, {}

    def _project(
        self, method: str, path: str, rest: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, Any, dict[str, str]]:
        s = self.state
        m = re.fullmatch(r"statuses/([0-9a-f]{40})", rest)
        if m and method == "POST":
            return self._status(m[1], body)
        m = re.fullmatch(r"merge_requests/(\d+)(/.*)?", rest)
        if not m or int(m[1]) != s.iid:
            return 404, {"message": "404 Not found"}, {}
        sub = m[2] or ""
        if sub == "" and method == "GET":
            return 200, self.merge_request(), {}
        if sub == "/notes" and method == "GET":
            notes = sorted(s.notes, key=lambda n: (n["created_at"], n["id"]))
            if query.get("sort", ["desc"])[0] == "desc":
                notes.reverse()
            return self._page(path, query, notes)
        if sub == "/notes" and method == "POST":
            text = str(body.get("body", ""))
            if not text.strip():
                return 400, {"message": '400 Bad request - Note {:note=>["can\'t be blank"]}'}, {}
            if len(text) > MAX_NOTE:
                return 400, TOO_LONG, {}
            return 201, self.add_note(s.token_user, text), {}
        m = re.fullmatch(r"/notes/(\d+)", sub)
        if m:
            return self._note(method, int(m[1]), body)
        if sub == "/approvals" and method == "GET":
            return 200, self._approvals(), {}
        if sub == "/versions" and method == "GET":
            return self._page(path, query, self.versions())
        if sub == "/approval_state" and method == "GET":
            return 200, self._approval_state(), {}
        return 404, {"error": "404 Not Found"}, {}

    def _note(self, method: str, note_id: int, body: Any) -> tuple[int, Any, dict[str, str]]:
        s = self.state
        note = next((n for n in s.notes if n["id"] == note_id), None)
        if note is None:
            return 404, {"message": "404 Note Not Found"}, {}
        if method == "GET":
            return 200, note, {}
        if note["author"]["username"] != s.token_user or note["system"]:
            return 403, {"message": "403 Forbidden"}, {}
        if method == "PUT":
            text = str(body.get("body", ""))
            if len(text) > MAX_NOTE:
                return 400, TOO_LONG, {}
            note["body"] = text
            note["updated_at"] = s.tick()
            return 200, note, {}
        if method == "DELETE":
            s.notes.remove(note)
            return 204, None, {}
        return 405, {"message": "405 Method Not Allowed"}, {}

    def _status(self, sha: str, body: Any) -> tuple[int, Any, dict[str, str]]:
        s = self.state
        state = body.get("state")
        if state not in ("pending", "running", "success", "failed", "canceled", "skipped"):
            return 400, {"error": "state does not have a valid value"}, {}
        name = body.get("name") or body.get("context") or "default"
        if sha == s.head_sha and name in s.pipeline_jobs:
            return 400, {"message": {"name": ["has already been taken"]}}, {}
        s.next_id += 1
        now = s.tick()
        status = {
            "id": s.next_id,
            "sha": sha,
            "ref": body.get("ref") or "feature",
            "status": state,
            "name": name,
            "target_url": body.get("target_url"),
            "description": body.get("description"),
            "created_at": now,
            "started_at": now,
            "finished_at": now if state in ("success", "failed", "canceled") else None,
            "allow_failure": False,
            "coverage": None,
            "pipeline_id": 4242,
            "author": self.user(s.token_user),
        }
        s.statuses.append(status)
        return 201, status, {}

    def _approvals(self) -> dict[str, Any]:
        s = self.state
        approved_by = [a if s.report_approved_at else {"user": a["user"]} for a in s.approvals]
        mr = self.merge_request()
        return {
            "id": mr["id"],
            "iid": s.iid,
            "project_id": s.project_id,
            "title": mr["title"],
            "description": mr["description"],
            "state": mr["state"],
            "created_at": mr["created_at"],
            "updated_at": mr["updated_at"],
            "merge_status": "can_be_merged",
            "approved": bool(approved_by),
            "approvals_required": 0,
            "approvals_left": 0,
            "require_password_to_approve": False,
            "approved_by": approved_by,
            "suggested_approvers": [],
            "approvers": [],
            "approver_groups": [],
            "user_has_approved": False,
            "user_can_approve": False,
            "approval_rules_left": [],
            "has_approval_rules": False,
            "merge_request_approvers_available": False,
            "multiple_approval_rules_available": False,
            "invalid_approvers_rules": [],
        }

    def _approval_state(self) -> dict[str, Any]:
        users = [a["user"] for a in self.state.approvals]
        return {
            "approval_rules_overwritten": False,
            "rules": [
                {
                    "id": 1,
                    "name": "All Members",
                    "rule_type": "any_approver",
                    "eligible_approvers": [],
                    "approvals_required": 0,
                    "users": [],
                    "groups": [],
                    "contains_hidden_groups": False,
                    "approved_by": users,
                    "source_rule": None,
                    "approved": True,
                    "overridden": False,
                }
            ],
        }

    def _group(self, full_path: str, user_id: int | None) -> tuple[int, Any, dict[str, str]]:
        s = self.state
        if full_path not in s.groups:
            return 404, {"message": "404 Group Not Found"}, {}
        if user_id is None:
            gid = 9000 + sorted(s.groups).index(full_path)
            return (
                200,
                {
                    "id": gid,
                    "name": full_path.rsplit("/", 1)[-1],
                    "path": full_path.rsplit("/", 1)[-1],
                    "full_path": full_path,
                    "full_name": full_path.replace("/", " / "),
                    "visibility": "private",
                    "web_url": f"{self.root}/groups/{full_path}",
                },
                {},
            )
        if full_path in s.hidden_groups:
            return 403, {"message": "403 Forbidden"}, {}
        for username in s.groups[full_path]:
            if s.user_id(username) == user_id:
                member = self.user(username)
                return 200, {**member, "access_level": 40, "expires_at": None}, {}
        return 404, {"message": "404 Not found"}, {}
