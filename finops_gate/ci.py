"""CI environment -> PullRequestContext. The only module that reads CI environment variables.

GitHub Actions: the pull request number and its base and head SHAs come from the event payload
(``GITHUB_EVENT_PATH``), never from ``GITHUB_SHA`` (on ``pull_request`` that is a merge commit that
no reviewer saw). ``GITHUB_API_URL`` is honoured, so GitHub Enterprise Server works. On
``issue_comment`` the payload carries only the number: the publisher asks the API for the SHAs.
GitLab CI: the merge request variables (``gitlab`` below). Anywhere else: a local context that
publishes nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from finops_gate.errors import UsageError
from finops_gate.frozen import frozen

DEFAULT_GITHUB_API = "https://api.github.com"
DEFAULT_GITLAB_SERVER = "https://gitlab.com"
GITLAB_TOKEN_VARIABLE = "GITLAB_TOKEN"
MAX_EVENT_BYTES = 25 * 1024 * 1024


@frozen
class PullRequestContext:
    """Where a check runs and which pull/merge request it is about.

    ``platform`` is ``"github"``, ``"gitlab"`` or ``"local"``. ``number`` is ``None`` outside a
    pull request. ``base_sha``/``head_sha`` may be ``None`` when the event does not carry them
    (``issue_comment``); the publisher fills them from the API. The token never shows in a repr.
    """

    platform: str
    api_url: str | None = None
    repository: str | None = None
    number: int | None = None
    base_sha: str | None = None
    head_sha: str | None = None
    author: str | None = None
    event_name: str | None = None
    run_url: str | None = None
    token: str | None = field(default=None, repr=False)
    summary_path: Path | None = None  # where the CI collects a Markdown job summary, if anywhere
    fork: str | None = None  # the head's repository/project when the change comes from a fork

    @property
    def is_pull_request(self) -> bool:
        return self.platform != "local" and self.number is not None

    def with_pull(
        self, number: int, *, base_sha: str | None = None, head_sha: str | None = None
    ) -> PullRequestContext:
        return replace(self, number=number, base_sha=base_sha, head_sha=head_sha)


def detect(env: Mapping[str, str] | None = None) -> PullRequestContext:
    """The context of this run, read from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    if env.get("GITHUB_ACTIONS") == "true":
        return github(env)
    if env.get("GITLAB_CI") == "true":
        return gitlab(env)
    return PullRequestContext(platform="local")


def github(env: Mapping[str, str]) -> PullRequestContext:
    event_name = env.get("GITHUB_EVENT_NAME")
    event = _event(env.get("GITHUB_EVENT_PATH"))
    server = env.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    repository = env.get("GITHUB_REPOSITORY")
    run_id = env.get("GITHUB_RUN_ID")
    number, base_sha, head_sha, author = _pull_from_event(event)
    fork = _fork_of(event.get("pull_request"))
    return PullRequestContext(
        platform="github",
        api_url=env.get("GITHUB_API_URL", DEFAULT_GITHUB_API).rstrip("/"),
        repository=repository,
        number=number,
        base_sha=base_sha,
        head_sha=head_sha,
        author=author,
        event_name=event_name,
        run_url=f"{server}/{repository}/actions/runs/{run_id}" if repository and run_id else None,
        token=env.get("GITHUB_TOKEN") or env.get("INPUT_GITHUB_TOKEN") or None,
        summary_path=step_summary_path(env),
        fork=fork,
    )


def _fork_of(pull: object) -> str | None:
    """The head repository's name when a pull request comes from another repository."""
    if not isinstance(pull, dict):
        return None
    head, base = pull.get("head") or {}, pull.get("base") or {}
    head_repo = head.get("repo") if isinstance(head, dict) else None
    base_repo = base.get("repo") if isinstance(base, dict) else None
    if not isinstance(head_repo, dict) or not isinstance(base_repo, dict):
        return None
    name = _str(head_repo.get("full_name"))
    return name if name is not None and name != _str(base_repo.get("full_name")) else None


def _pull_from_event(
    event: dict[str, Any],
) -> tuple[int | None, str | None, str | None, str | None]:
    """(number, base sha, head sha, author) from a pull_request / review / issue_comment payload."""
    pull = event.get("pull_request")
    if isinstance(pull, dict):
        base, head, user = pull.get("base") or {}, pull.get("head") or {}, pull.get("user") or {}
        return (
            _int(pull.get("number", event.get("number"))),
            _str(base.get("sha")),
            _str(head.get("sha")),
            _str(user.get("login")),
        )
    issue = event.get("issue")
    if isinstance(issue, dict) and issue.get("pull_request"):
        user = issue.get("user") or {}
        return _int(issue.get("number")), None, None, _str(user.get("login"))
    return None, None, None, None


def gitlab(env: Mapping[str, str]) -> PullRequestContext:
    """A GitLab CI job. In a merge request pipeline: the MR of the target project (a fork's MR
    runs in the fork, but its notes live on the target project), base = the MR's diff base, head =
    the MR's source branch head (in merged-results pipelines ``CI_COMMIT_SHA`` is a merge commit
    no reviewer saw: the status and the approval binding go on the MR's head, not on it). In a
    merged-results pipeline the checked-out tree is that merge, so the base is the target
    branch's head it was merged into (``CI_MERGE_REQUEST_TARGET_BRANCH_SHA``): against the older
    diff base, what the target branch gained since would count as the MR's change. The token is
    ``GITLAB_TOKEN`` only: the CI job token cannot write MR notes."""
    iid = env.get("CI_MERGE_REQUEST_IID")
    server = (env.get("CI_SERVER_URL") or DEFAULT_GITLAB_SERVER).rstrip("/")
    return PullRequestContext(
        platform="gitlab",
        api_url=(env.get("CI_API_V4_URL") or f"{server}/api/v4").rstrip("/"),
        repository=env.get("CI_MERGE_REQUEST_PROJECT_ID") or env.get("CI_PROJECT_ID") or None,
        number=_int(iid),
        base_sha=env.get("CI_MERGE_REQUEST_TARGET_BRANCH_SHA")
        or env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA")
        or None,
        head_sha=env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA") or env.get("CI_COMMIT_SHA") or None,
        author=None,  # GITLAB_USER_LOGIN started the pipeline; the MR author comes from the API
        event_name=env.get("CI_PIPELINE_SOURCE"),
        run_url=env.get("CI_JOB_URL") or None,
        token=env.get(GITLAB_TOKEN_VARIABLE) or None,
        fork=_gitlab_fork(env),
    )


def _gitlab_fork(env: Mapping[str, str]) -> str | None:
    """The source project's path when the merge request comes from a fork."""
    source = env.get("CI_MERGE_REQUEST_SOURCE_PROJECT_ID")
    if not source or source == env.get("CI_MERGE_REQUEST_PROJECT_ID"):
        return None
    return env.get("CI_MERGE_REQUEST_SOURCE_PROJECT_PATH") or f"project {source}"


def _event(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    p = Path(path)
    try:
        if p.stat().st_size > MAX_EVENT_BYTES:
            raise UsageError(f"{path}: GitHub event payload larger than 25 MB; not read")
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: GITHUB_EVENT_PATH names a file that does not exist") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: GitHub event payload is not readable JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise UsageError(f"{path}: GitHub event payload is not a JSON object")
    return data


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 30:
        return int(value)
    return None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def step_summary_path(env: Mapping[str, str] | None = None) -> Path | None:
    """Where GitHub Actions collects the job summary (``GITHUB_STEP_SUMMARY``), if anywhere."""
    env = os.environ if env is None else env
    value = env.get("GITHUB_STEP_SUMMARY")
    return Path(value) if value else None


# the variables Terraform's cloud providers read for a region when the provider block sets none
REGION_VARIABLES = (
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "GOOGLE_REGION",
    "GCLOUD_REGION",
    "CLOUDSDK_COMPUTE_REGION",
)


def region_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The region variables of this run (a plan made here saw the same ones)."""
    env = os.environ if env is None else env
    return {name: env[name] for name in REGION_VARIABLES if env.get(name)}
