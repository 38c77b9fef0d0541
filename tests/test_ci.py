"""ci.py: the CI environment -> PullRequestContext."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finops_gate import ci
from finops_gate.errors import UsageError

HEAD, BASE, MERGE = "a" * 40, "b" * 40, "f" * 40


def event(tmp_path: Path, payload: object) -> str:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return str(path)


def github_env(tmp_path: Path, payload: object, **extra: str) -> dict[str, str]:
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": event(tmp_path, payload),
        "GITHUB_REPOSITORY": "acme/shop",
        "GITHUB_SHA": MERGE,
        "GITHUB_RUN_ID": "42",
        "GITHUB_TOKEN": "secret-token",
    }
    env.update(extra)
    return env


PULL = {
    "number": 7,
    "pull_request": {
        "number": 7,
        "user": {"login": "dev"},
        "base": {"sha": BASE, "ref": "main"},
        "head": {"sha": HEAD, "ref": "feature"},
    },
}


def test_pull_request_shas_come_from_the_event_not_github_sha(tmp_path: Path) -> None:
    ctx = ci.detect(github_env(tmp_path, PULL))
    assert (ctx.platform, ctx.number, ctx.base_sha, ctx.head_sha) == ("github", 7, BASE, HEAD)
    assert ctx.author == "dev"
    assert ctx.api_url == "https://api.github.com"
    assert ctx.run_url == "https://github.com/acme/shop/actions/runs/42"
    assert ctx.is_pull_request


def test_github_enterprise_api_url_is_honoured(tmp_path: Path) -> None:
    env = github_env(
        tmp_path,
        PULL,
        GITHUB_API_URL="https://ghe.example/api/v3/",
        GITHUB_SERVER_URL="https://ghe.example",
    )
    ctx = ci.detect(env)
    assert ctx.api_url == "https://ghe.example/api/v3"
    assert ctx.run_url == "https://ghe.example/acme/shop/actions/runs/42"


def test_a_review_event_carries_the_pull_request(tmp_path: Path) -> None:
    payload = {"review": {"state": "approved"}, **PULL}
    env = github_env(tmp_path, payload, GITHUB_EVENT_NAME="pull_request_review")
    assert ci.detect(env).head_sha == HEAD


def test_an_issue_comment_on_a_pr_gives_the_number_and_no_shas(tmp_path: Path) -> None:
    payload = {
        "issue": {"number": 9, "user": {"login": "dev"}, "pull_request": {"url": "x"}},
        "comment": {"body": "/finops-gate approve"},
    }
    ctx = ci.detect(github_env(tmp_path, payload, GITHUB_EVENT_NAME="issue_comment"))
    assert (ctx.number, ctx.base_sha, ctx.head_sha) == (9, None, None)


def test_an_issue_comment_on_a_plain_issue_is_not_a_pull_request(tmp_path: Path) -> None:
    payload = {"issue": {"number": 9, "user": {"login": "dev"}}}
    ctx = ci.detect(github_env(tmp_path, payload, GITHUB_EVENT_NAME="issue_comment"))
    assert ctx.number is None and not ctx.is_pull_request


def test_the_token_never_shows_in_the_repr(tmp_path: Path) -> None:
    ctx = ci.detect(github_env(tmp_path, PULL))
    assert ctx.token == "secret-token"
    assert "secret-token" not in repr(ctx)


def test_outside_ci_the_context_is_local() -> None:
    ctx = ci.detect({"HOME": "/root"})
    assert ctx.platform == "local" and not ctx.is_pull_request


def test_gitlab_merge_request_variables_are_read() -> None:
    ctx = ci.detect(
        {
            "GITLAB_CI": "true",
            "CI_MERGE_REQUEST_IID": "12",
            "CI_API_V4_URL": "https://gitlab.example/api/v4",
            "CI_PROJECT_ID": "99",
            "CI_MERGE_REQUEST_DIFF_BASE_SHA": BASE,
            "CI_COMMIT_SHA": HEAD,
        }
    )
    assert (ctx.platform, ctx.number, ctx.base_sha, ctx.head_sha) == ("gitlab", 12, BASE, HEAD)


def test_a_missing_event_file_is_a_one_line_error(tmp_path: Path) -> None:
    env = github_env(tmp_path, PULL, GITHUB_EVENT_PATH=str(tmp_path / "nope.json"))
    with pytest.raises(UsageError, match=r"nope\.json: GITHUB_EVENT_PATH names a file"):
        ci.detect(env)


@pytest.mark.parametrize("text", ["{not json", "[1, 2]"])
def test_an_unreadable_event_payload_names_the_file(tmp_path: Path, text: str) -> None:
    env = github_env(tmp_path, PULL)
    Path(env["GITHUB_EVENT_PATH"]).write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=r"event\.json: GitHub event payload"):
        ci.detect(env)


def test_with_pull_sets_number_and_shas() -> None:
    ctx = ci.PullRequestContext(platform="github").with_pull(3, head_sha=HEAD)
    assert (ctx.number, ctx.head_sha, ctx.base_sha) == (3, HEAD, None)


GITLAB_MR = {
    "GITLAB_CI": "true",
    "CI_PIPELINE_SOURCE": "merge_request_event",
    "CI_MERGE_REQUEST_IID": "12",
    "CI_SERVER_URL": "https://gitlab.example",
    "CI_PROJECT_ID": "99",
    "CI_MERGE_REQUEST_PROJECT_ID": "99",
    "CI_MERGE_REQUEST_DIFF_BASE_SHA": BASE,
    "CI_COMMIT_SHA": HEAD,
    "CI_JOB_URL": "https://gitlab.example/acme/shop/-/jobs/31",
    "CI_JOB_TOKEN": "job-token",
    "GITLAB_USER_LOGIN": "who-started-the-pipeline",
}


def test_in_a_merged_results_pipeline_the_head_is_the_mr_head_not_the_merge_commit() -> None:
    ctx = ci.detect(
        {**GITLAB_MR, "CI_COMMIT_SHA": "e" * 40, "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA": HEAD}
    )
    assert ctx.head_sha == HEAD


def test_gitlab_without_ci_api_v4_url_uses_the_server_url() -> None:
    ctx = ci.detect(GITLAB_MR)
    assert ctx.api_url == "https://gitlab.example/api/v4"
    assert ctx.run_url == "https://gitlab.example/acme/shop/-/jobs/31"


def test_a_fork_mr_is_published_on_the_target_project() -> None:
    ctx = ci.detect({**GITLAB_MR, "CI_PROJECT_ID": "5", "CI_MERGE_REQUEST_PROJECT_ID": "99"})
    assert ctx.repository == "99"


def test_the_ci_job_token_is_never_used_to_publish() -> None:
    ctx = ci.detect(GITLAB_MR)
    assert ctx.token is None
    assert ci.detect({**GITLAB_MR, "GITLAB_TOKEN": "glpat-x"}).token == "glpat-x"


def test_the_pipeline_starter_is_not_taken_for_the_mr_author() -> None:
    assert ci.detect(GITLAB_MR).author is None


def test_a_branch_pipeline_is_not_a_merge_request() -> None:
    env = {k: v for k, v in GITLAB_MR.items() if not k.startswith("CI_MERGE_REQUEST")}
    assert not ci.detect(env).is_pull_request


@pytest.mark.parametrize("iid", ["1²2", "²", "1" * 5000])
def test_a_merge_request_number_in_other_digits_is_no_number_not_a_crash(iid: str) -> None:
    ctx = ci.detect({"GITLAB_CI": "true", "CI_MERGE_REQUEST_IID": iid, "CI_COMMIT_SHA": HEAD})
    assert ctx.number is None and not ctx.is_pull_request


def test_a_pull_request_from_a_fork_names_the_fork(tmp_path: Path) -> None:
    pull = json.loads(json.dumps(PULL))
    pull["pull_request"]["base"]["repo"] = {"full_name": "acme/shop"}
    pull["pull_request"]["head"]["repo"] = {"full_name": "mallory/shop"}
    assert ci.detect(github_env(tmp_path, pull)).fork == "mallory/shop"
    pull["pull_request"]["head"]["repo"] = {"full_name": "acme/shop"}
    assert ci.detect(github_env(tmp_path, pull)).fork is None


def test_a_merge_request_from_a_fork_names_the_fork() -> None:
    fork = {
        **GITLAB_MR,
        "CI_MERGE_REQUEST_PROJECT_ID": "99",
        "CI_MERGE_REQUEST_SOURCE_PROJECT_ID": "5",
        "CI_MERGE_REQUEST_SOURCE_PROJECT_PATH": "mallory/shop",
    }
    assert ci.detect(fork).fork == "mallory/shop"
    same = {**fork, "CI_MERGE_REQUEST_SOURCE_PROJECT_ID": "99"}
    assert ci.detect(same).fork is None
