"""A small GitHub REST + GraphQL API on 127.0.0.1 for the publisher tests (stdlib only).

Payloads follow the public REST docs for the endpoints finops-gate uses, including the ``url``,
``node_id`` and ``issue_url`` fields PyGithub follows, ``Link`` pagination and the GraphQL
``minimizeComment`` mutation. Faults are queued per request: 403/429 with ``Retry-After``, 5xx,
and 422 for a comment body over 65,536 characters as GitHub does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import Message
from typing import Any, ClassVar
from urllib.parse import parse_qs

from tests.localhttp import Answer, LocalJsonApi

MAX_BODY = 65_536


@dataclass
class Fault:
    method: str
    path: str  # regex matched against the path
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)
    times: int = 1


@dataclass
class State:
    owner: str = "acme"
    repo: str = "shop"
    number: int = 7
    author: str = "dev"
    base_sha: str = "b" * 40
    head_sha: str = "a" * 40
    head_repo: str = "acme/shop"  # the head commit's repository: a fork's name for a fork PR
    token_user: str | None = "finops-bot"  # None: GET /user answers 403 (an Actions token)
    viewer: str | None = "github-actions[bot]"  # GraphQL viewer of an installation token
    comments: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    teams: dict[str, list[str]] = field(default_factory=dict)  # "org/slug" -> members
    hidden_teams: set[str] = field(default_factory=set)  # membership unreadable: 403
    minimized: set[int] = field(default_factory=set)
    faults: list[Fault] = field(default_factory=list)
    log: list[tuple[str, str]] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)  # path?query of every request
    clock: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
    next_id: int = 1000

    def tick(self) -> str:
        self.clock += timedelta(seconds=1)
        return self.clock.strftime("%Y-%m-%dT%H:%M:%SZ")

    def requests(self, method: str, pattern: str = "") -> list[str]:
        return [p for m, p in self.log if m == method and re.search(pattern, p)]


class FakeGitHub(LocalJsonApi):
    """Start with ``start()``; ``url`` is the API base; ``state`` holds what it received."""

    content_type: ClassVar[str] = "application/json; charset=utf-8"
    extra_headers: ClassVar[Mapping[str, str]] = {
        "X-RateLimit-Limit": "5000",
        "X-RateLimit-Remaining": "4999",
    }
    methods = frozenset({"GET", "POST", "PATCH", "DELETE"})

    def __init__(self, state: State | None = None, per_page_cap: int = 100) -> None:
        super().__init__()
        self.state = state or State()
        self.per_page_cap = per_page_cap
        self.url = self.root

    # data helpers used by tests ---------------------------------------------------------

    def user(self, login: str) -> dict[str, Any]:
        uid = sum(map(ord, login))
        return {
            "login": login,
            "id": uid,
            "node_id": f"U_{uid}",
            "url": f"{self.url}/users/{login}",
            "html_url": f"https://github.example/{login}",
            "type": "Bot" if login.endswith("[bot]") else "User",
            "site_admin": False,
        }

    def add_comment(self, login: str, body: str, *, edited: bool = False) -> dict[str, Any]:
        s = self.state
        s.next_id += 1
        created = s.tick()
        c = {
            "id": s.next_id,
            "node_id": f"IC_{s.next_id}",
            "url": f"{self._repo_url()}/issues/comments/{s.next_id}",
            "html_url": f"https://github.example/{s.owner}/{s.repo}/pull/{s.number}#issuecomment-{s.next_id}",
            "issue_url": f"{self._repo_url()}/issues/{s.number}",
            "body": body,
            "user": self.user(login),
            "created_at": created,
            "updated_at": s.tick() if edited else created,
            "author_association": "MEMBER",
        }
        s.comments.append(c)
        return c

    def add_review(self, login: str, state: str, commit_id: str) -> None:
        s = self.state
        s.next_id += 1
        s.reviews.append(
            {
                "id": s.next_id,
                "node_id": f"PRR_{s.next_id}",
                "user": self.user(login),
                "body": "",
                "state": state,
                "commit_id": commit_id,
                "html_url": f"https://github.example/{s.owner}/{s.repo}/pull/{s.number}",
                "pull_request_url": self._pull_url(),
                "submitted_at": s.tick(),
            }
        )

    def push(self, sha: str) -> None:
        self.state.head_sha = sha

    def repository(self, full_name: str) -> dict[str, Any]:
        owner, name = full_name.split("/")
        return {
            "id": sum(map(ord, full_name)),
            "node_id": f"R_{full_name}",
            "name": name,
            "full_name": full_name,
            "owner": self.user(owner),
            "private": False,
            "fork": full_name != f"{self.state.owner}/{self.state.repo}",
            "url": f"{self.url}/repos/{full_name}",
            "html_url": f"https://github.example/{full_name}",
        }

    def _repo_url(self) -> str:
        return f"{self.url}/repos/{self.state.owner}/{self.state.repo}"

    def _pull_url(self) -> str:
        return f"{self._repo_url()}/pulls/{self.state.number}"

    def pull(self) -> dict[str, Any]:
        s = self.state
        return {
            "url": self._pull_url(),
            "id": 1,
            "node_id": "PR_1",
            "number": s.number,
            "state": "open",
            "title": "Bigger instances",
            "user": self.user(s.author),
            "html_url": f"https://github.example/{s.owner}/{s.repo}/pull/{s.number}",
            "issue_url": f"{self._repo_url()}/issues/{s.number}",
            "comments_url": f"{self._repo_url()}/issues/{s.number}/comments",
            "review_comments_url": f"{self._pull_url()}/comments",
            "statuses_url": f"{self._repo_url()}/statuses/{s.head_sha}",
            "head": {
                "label": "acme:feature",
                "ref": "feature",
                "sha": s.head_sha,
                "repo": self.repository(s.head_repo),
            },
            "base": {"label": "acme:main", "ref": "main", "sha": s.base_sha},
        }

    # the HTTP side ----------------------------------------------------------------------

    def answer(self, method: str, path: str, query: str, body: Any, headers: Message) -> Answer:
        self.state.log.append((method, path))
        self.state.queries.append(f"{path}?{query}")
        for fault in self.state.faults:
            if fault.method == method and re.search(fault.path, path):
                fault.times -= 1
                if fault.times <= 0:
                    self.state.faults.remove(fault)
                return fault.status, fault.body, fault.headers
        if headers.get("Authorization") != "token t0ken":
            return 401, {"message": "Bad credentials"}, {}
        return self.route(method, path, query, body)

    def _page(
        self, path: str, query: str, items: list[dict[str, Any]]
    ) -> tuple[int, Any, dict[str, str]]:
        q = parse_qs(query)
        per_page = min(int(q.get("per_page", ["30"])[0]), self.per_page_cap)
        page = int(q.get("page", ["1"])[0])
        last = max(1, -(-len(items) // per_page))
        chunk = items[(page - 1) * per_page : page * per_page]
        links = []
        if page < last:
            links.append(f'<{self.url}{path}?per_page={per_page}&page={page + 1}>; rel="next"')
            links.append(f'<{self.url}{path}?per_page={per_page}&page={last}>; rel="last"')
        return 200, chunk, ({"Link": ", ".join(links)} if links else {})

    def route(
        self, method: str, path: str, query: str, body: Any
    ) -> tuple[int, Any, dict[str, str]]:
        s = self.state
        repo = f"/repos/{s.owner}/{s.repo}"
        not_found = (
            404,
            {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"},
            {},
        )
        if method == "GET" and path == "/user":
            if s.token_user is None:
                return 403, {"message": "Resource not accessible by integration"}, {}
            return 200, self.user(s.token_user), {}
        if method == "GET" and path == f"{repo}/pulls/{s.number}":
            return 200, self.pull(), {}
        if path == f"{repo}/issues/{s.number}/comments":
            if method == "GET":
                return self._page(path, query, s.comments)
            if method == "POST":
                text = body.get("body", "")
                if len(text) > MAX_BODY:
                    return (
                        422,
                        {
                            "message": "Validation Failed",
                            "errors": [
                                {
                                    "resource": "IssueComment",
                                    "code": "custom",
                                    "field": "body",
                                    "message": "body is too long (maximum is 65536 characters)",
                                }
                            ],
                        },
                        {},
                    )
                login = s.token_user or s.viewer or "github-actions[bot]"
                return 201, self.add_comment(login, text), {}
        if m := re.fullmatch(rf"{repo}/issues/comments/(\d+)", path):
            comment = next((c for c in s.comments if c["id"] == int(m[1])), None)
            if comment is None:
                return not_found
            if method == "GET":
                return 200, comment, {}
            if method == "PATCH":
                if len(body.get("body", "")) > MAX_BODY:
                    return 422, {"message": "Validation Failed"}, {}
                comment["body"] = body["body"]
                comment["updated_at"] = s.tick()
                return 200, comment, {}
            if method == "DELETE":
                s.comments.remove(comment)
                return 204, None, {}
        if method == "GET" and path == f"{repo}/pulls/{s.number}/reviews":
            return self._page(path, query, s.reviews)
        if m := re.fullmatch(rf"{repo}/commits/([0-9a-f]+)", path):
            return 200, {"sha": m[1], "url": f"{self.url}{path}", "node_id": "C_1"}, {}
        if method == "POST" and (m := re.fullmatch(rf"{repo}/statuses/([0-9a-f]+)", path)):
            s.next_id += 1
            status = {
                "url": f"{self.url}{repo}/statuses/{m[1]}",
                "id": s.next_id,
                "node_id": f"SC_{s.next_id}",
                "state": body["state"],
                "description": body.get("description"),
                "target_url": body.get("target_url"),
                "context": body.get("context", "default"),
                "created_at": s.tick(),
                "updated_at": s.clock.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "creator": self.user(s.token_user or "github-actions[bot]"),
                "sha": m[1],
            }
            if len(status["description"] or "") > 140 or body.get("target_url") == "":
                # GitHub validates target_url as a URL
                return 422, {"message": "Validation Failed"}, {}
            s.statuses.append(status)
            return 201, status, {}
        if m := re.fullmatch(r"/orgs/([^/]+)", path):
            return 200, {"login": m[1], "id": 9, "node_id": "O_9", "url": f"{self.url}{path}"}, {}
        if m := re.fullmatch(r"/orgs/([^/]+)/teams/([^/]+)", path):
            slug = f"{m[1]}/{m[2]}"
            if slug not in s.teams or slug in s.hidden_teams:
                return not_found
            return (
                200,
                {
                    "id": 5,
                    "node_id": "T_5",
                    "slug": m[2],
                    "name": m[2],
                    "url": f"{self.url}{path}",
                    "organization": {"login": m[1]},
                },
                {},
            )
        if m := re.fullmatch(r"/orgs/([^/]+)/teams/([^/]+)/memberships/([^/]+)", path):
            slug = f"{m[1]}/{m[2]}"
            if slug in s.hidden_teams:
                return 403, {"message": "Resource not accessible by integration"}, {}
            if m[3] not in s.teams.get(slug, []):
                return not_found
            return 200, {"url": f"{self.url}{path}", "role": "member", "state": "active"}, {}
        if method == "POST" and path in ("/graphql", "/api/graphql"):
            return self._graphql(body)
        return not_found

    def _graphql(self, body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        query = body.get("query", "")
        if "viewer" in query:
            login = self.state.token_user or self.state.viewer
            if login is None:
                return 200, {"errors": [{"message": "Resource not accessible"}]}, {}
            return 200, {"data": {"viewer": {"login": login}}}, {}
        if "minimizeComment" not in query:
            return 200, {"errors": [{"message": "unsupported query"}]}, {}
        variables = body.get("variables", {})
        arg = variables.get("input", variables)
        node = arg.get("subjectId")
        comment = next((c for c in self.state.comments if c["node_id"] == node), None)
        if comment is None:
            return (
                200,
                {
                    "data": None,
                    "errors": [
                        {
                            "type": "NOT_FOUND",
                            "message": f"Could not resolve to a node with id '{node}'",
                        }
                    ],
                },
                {},
            )
        self.state.minimized.add(comment["id"])
        return 200, {"data": {"minimizeComment": {"minimizedComment": {"isMinimized": True}}}}, {}
