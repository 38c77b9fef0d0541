""".gitlab-ci-template.yml and examples/gitlab: valid against GitLab's CI JSON schema (vendored
by check-jsonschema, offline), following the rules that keep them safe, and the template run
for real by gitlab-ci-local (shell executor) against the local GitLab API.

gitlab-ci-local is pinned in .ci/node/package-lock.json and installed by .ci/run
(``npm ci --prefix .ci/node``); it needs rsync. The template installs finops-gate from the
locked wheels that .ci/run downloads into .ci/wheels (no index: the test reaches no network).
Where any of these is absent the run test skips and says how to get it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.publish.conftest import GITLAB_GATED_CONFIG, make_pr_repo
from tests.publish.fake_gitlab import FakeGitLab

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / ".gitlab-ci-template.yml"
EXAMPLE = ROOT / "examples" / "gitlab" / ".gitlab-ci.yml"
COMPONENT = ROOT / "templates" / "finops-gate.yml"
GCL = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "gitlab-ci-local"
WHEELS = ROOT / ".ci" / "wheels"
LOCK = ROOT / "requirements" / "publish.txt"


def validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        check=False,
    )


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("path", [TEMPLATE, EXAMPLE], ids=lambda p: p.name)
def test_validates_against_gitlabs_ci_schema(path: Path) -> None:
    result = validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_invalid_pipeline_is_rejected_by_the_same_check(tmp_path: Path) -> None:
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text("finops-gate:\n  script: 42\n  interruptible: maybe\n", encoding="utf-8")
    assert validate(broken).returncode != 0


def test_a_hidden_job_to_extend_and_a_visible_job_on_merge_request_pipelines() -> None:
    doc = load(TEMPLATE)
    hidden, job = doc[".finops-gate"], doc["finops-gate"]
    assert job["extends"] == ".finops-gate"
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert hidden["interruptible"] is True
    assert hidden["variables"]["GIT_DEPTH"] == "0"  # the base commit must be in the clone
    for name in (
        "FINOPS_GATE_CONFIG",
        "FINOPS_GATE_PLAN",
        "FINOPS_GATE_COMMENT_BEHAVIOR",
        "FINOPS_GATE_TOKEN_VARIABLE",
        "FINOPS_GATE_WORKING_DIRECTORY",
    ):
        assert name in hidden["variables"]
    assert hidden["artifacts"]["when"] == "always"
    assert hidden["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json"}
    assert set(hidden["artifacts"]["paths"]) == {"finops-gate-report.json", "finops-gate-report.md"}


def test_the_template_installs_the_locked_dependencies_like_the_action() -> None:
    script = "\n".join(load(TEMPLATE)[".finops-gate"]["script"])
    assert '--require-hashes -r "$src/requirements/publish.txt"' in script
    assert '--no-deps --no-build-isolation "$src"' in script
    assert "python3 -m venv" in script and "ensurepip" in script
    assert "check . --format json" in script and "--post" in script
    assert "GITLAB_TOKEN" not in script.replace("export GITLAB_TOKEN", "").replace(
        'GITLAB_TOKEN="$(printenv', ""
    )  # never echoed


def component() -> tuple[dict[str, Any], dict[str, Any]]:
    header, body = yaml.safe_load_all(COMPONENT.read_text(encoding="utf-8"))
    return header, body


def test_the_components_two_documents_validate(tmp_path: Path) -> None:
    paths = []
    for i, doc in enumerate(component()):
        path = tmp_path / f"doc{i}.yml"
        path.write_text(yaml.safe_dump(doc), encoding="utf-8")
        paths.append(path)
    result = validate(*paths)
    assert result.returncode == 0, result.stdout + result.stderr
    bad = tmp_path / "bad.yml"
    bad.write_text("spec:\n  inputs:\n    x:\n      type: banana\n", encoding="utf-8")
    assert validate(bad).returncode != 0


def test_the_component_runs_the_templates_script_with_inputs_for_its_variables() -> None:
    header, body = component()
    [job] = body.values()
    hidden = load(TEMPLATE)[".finops-gate"]
    assert job["script"] == hidden["script"]  # one script, two ways to include it
    assert job["artifacts"] == hidden["artifacts"]
    assert job["interruptible"] is True
    assert job["rules"] == load(TEMPLATE)["finops-gate"]["rules"]
    inputs = header["spec"]["inputs"]
    for name in hidden["variables"]:
        if name.startswith("FINOPS_GATE_"):
            key = name.removeprefix("FINOPS_GATE_").lower()
            assert job["variables"][name] == f"$[[ inputs.{key} ]]"
            assert key in inputs
    assert job["variables"]["GIT_DEPTH"] == "0"


def test_the_example_feeds_the_plan_jobs_artifact_to_the_gate() -> None:
    doc = load(EXAMPLE)
    plan_job = doc["terraform-plan"]
    assert "terraform show -json tfplan" in " ".join(plan_job["script"])
    assert plan_job["artifacts"]["paths"] == ["plan.json"]
    gate = doc["finops-gate"]
    assert gate["needs"] == [{"job": "terraform-plan", "artifacts": True}]
    assert gate["variables"]["FINOPS_GATE_PLAN"] == "plan.json"
    [include] = doc["include"]
    assert include["remote"].endswith("/.gitlab-ci-template.yml")
    assert gate["variables"]["FINOPS_GATE_REF"] in include["remote"]  # the same release


# --- the template run by gitlab-ci-local ----------------------------------------------------


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not GCL.exists():
        return "gitlab-ci-local is not installed: npm ci --prefix .ci/node (as .ci/run does)"
    if shutil.which("rsync") is None or shutil.which("git") is None:
        return "gitlab-ci-local needs rsync and git"
    if _unfetched():
        return (
            f"needs the locked wheels in .ci/wheels (missing: {', '.join(_unfetched()[:3])}): "
            "python -m pip download --require-hashes --no-deps -r requirements/publish.txt "
            "-d .ci/wheels (as .ci/run does)"
        )
    return None


def _unfetched() -> list[str]:
    """The pins of requirements/publish.txt that have no file in .ci/wheels."""
    have = (
        {re.sub(r"[-_.]+", "_", f.name.lower()) for f in WHEELS.glob("*") if f.is_file()}
        if WHEELS.is_dir()
        else set()
    )
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", LOCK.read_text(encoding="utf-8"), re.M)
    wanted = [re.sub(r"[-_.]+", "_", f"{name}-{version}".lower()) + "_" for name, version in pins]
    return [w.rstrip("_") for w in wanted if not any(h.startswith(w) for h in have)]


@pytest.fixture
def fake_gitlab() -> Iterator[FakeGitLab]:
    with FakeGitLab() as server:
        yield server


@pytest.fixture
def mr_repo(tmp_path: Path, fake_gitlab: FakeGitLab) -> Iterator[Path]:
    ci = (
        "include:\n"
        "  - local: .gitlab-ci-template.yml\n"
        "finops-gate:\n"
        "  variables:\n"
        f"    FINOPS_GATE_SOURCE: {json.dumps(str(ROOT))}\n"
        "    FINOPS_GATE_PLAN: plan.json\n"
        f"    FINOPS_GATE_PIP_ARGS: {json.dumps(f'--no-index --find-links {WHEELS}')}\n"
    )
    files = {".gitlab-ci-template.yml": TEMPLATE.read_text(encoding="utf-8"), ".gitlab-ci.yml": ci}
    yield make_pr_repo(tmp_path / "project", fake_gitlab.state, GITLAB_GATED_CONFIG, files)


def gitlab_ci_local(
    mr_repo: Path, fake_gitlab: FakeGitLab, tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    """The ``finops-gate`` job of ``mr_repo``'s pipeline, run by gitlab-ci-local in a merge
    request pipeline against the local GitLab API."""
    s = fake_gitlab.state
    variables = {
        "GITLAB_CI": "true",
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_API_V4_URL": fake_gitlab.url,
        "CI_SERVER_URL": fake_gitlab.root,
        "CI_PROJECT_ID": str(s.project_id),
        "CI_MERGE_REQUEST_PROJECT_ID": str(s.project_id),
        "CI_MERGE_REQUEST_IID": str(s.iid),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": s.base_sha,
        "GITLAB_TOKEN": s.token,
    }
    args = [str(GCL), "--force-shell-executor", "--no-color", "--home", str(tmp_path / "home")]
    args += ["--ignore-predefined-vars", ",".join(variables)]
    for key, value in variables.items():
        args += ["--variable", f"{key}={value}"]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "CI", "GITLAB", "GITHUB", "FINOPS_GATE"))
    }
    env["PIP_CONFIG_FILE"] = os.devnull
    return subprocess.run(
        [*args, "finops-gate"],
        cwd=mr_repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.skipif(_missing() is not None, reason=str(_missing()))
def test_gitlab_ci_local_runs_the_template_against_the_local_api(
    mr_repo: Path, fake_gitlab: FakeGitLab, tmp_path: Path
) -> None:
    s = fake_gitlab.state
    s.pipeline_jobs.add("finops-gate")  # as on GitLab: the job of that name is the status
    result = gitlab_ci_local(mr_repo, fake_gitlab, tmp_path)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log  # blocked: approval required
    assert "Verdict: APPROVAL_REQUIRED" in log
    assert "comment created" in log
    [note] = s.notes
    assert str(note["body"]).startswith(f"<!-- finops-gate key=default head={s.head_sha}")
    assert "re-run" in str(note["body"])
    assert "CI job of that name in this pipeline is the status" in log
    report = json.loads((mr_repo / "finops-gate-report.json").read_text(encoding="utf-8"))
    assert report["verdict"] == "approval_required"
    assert (mr_repo / "finops-gate-report.md").read_text(encoding="utf-8").startswith("###")
    issues = json.loads((mr_repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert {i["check_name"] for i in issues} == {f["policy"] for f in report["findings"]}
    assert s.token not in log  # the token is never printed


@pytest.mark.skipif(_missing() is not None, reason=str(_missing()))
def test_the_template_installs_a_release_pinned_by_its_commit(
    mr_repo: Path, fake_gitlab: FakeGitLab, tmp_path: Path
) -> None:
    """FINOPS_GATE_REF may be the commit the include is pinned to, not only a tag: ``git clone
    --branch`` takes no commit SHA."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    if not re.fullmatch(r"[0-9a-f]{40}", commit):
        pytest.skip(f"{ROOT} is not a git checkout: no commit to pin")
    ci = (mr_repo / ".gitlab-ci.yml").read_text(encoding="utf-8")
    source = f"    FINOPS_GATE_SOURCE: {json.dumps(str(ROOT))}\n"
    assert source in ci
    pinned = f"    FINOPS_GATE_SOURCE: file://{ROOT}\n    FINOPS_GATE_REF: {commit}\n"
    (mr_repo / ".gitlab-ci.yml").write_text(ci.replace(source, pinned), encoding="utf-8")
    result = gitlab_ci_local(mr_repo, fake_gitlab, tmp_path)
    log = result.stdout + result.stderr
    assert "Verdict: APPROVAL_REQUIRED" in log, log
    assert len(fake_gitlab.state.notes) == 1
