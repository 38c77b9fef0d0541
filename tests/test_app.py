"""app.check end to end on trees: --base/--head and --base-ref (git)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from finops_gate.app import CheckRequest, check
from finops_gate.errors import ConfigError, UsageError
from finops_gate.model import Action, Verdict

TF = """
provider "aws" { region = "us-east-1" }
resource "aws_instance" "web" {
  instance_type = "{itype}"
}
"""

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _write(root: Path, itype: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "main.tf").write_text(TF.replace("{itype}", itype))


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_two_trees_on_disk_are_compared(tmp_path: Path) -> None:
    _write(tmp_path / "base", "t3.micro")
    _write(tmp_path / "head", "t3.large")
    report = check(CheckRequest(base=tmp_path / "base", head=tmp_path / "head"))
    (delta,) = report.costs
    assert delta.change.action is Action.UPDATE
    assert report.totals.monthly_delta > 0


@needs_git
def test_base_ref_compares_the_working_tree_with_the_ref(tmp_path: Path) -> None:
    _write(tmp_path, "t3.micro")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "-c", "user.email=a@b.c", "-c", "user.name=a", "add", "-A")
    _git(tmp_path, "-c", "user.email=a@b.c", "-c", "user.name=a", "commit", "-qm", "base")
    _write(tmp_path, "t3.large")  # uncommitted change in the working tree
    report = check(CheckRequest(root=tmp_path, base_ref="main"))
    (delta,) = report.costs
    assert delta.before is not None and delta.after is not None
    assert delta.change.before is not None
    assert delta.change.before.attributes["instance_type"] == "t3.micro"
    assert delta.change.after is not None
    assert delta.change.after.attributes["instance_type"] == "t3.large"


@needs_git
def test_an_unknown_base_ref_is_a_usage_error(tmp_path: Path) -> None:
    _write(tmp_path, "t3.micro")
    _git(tmp_path, "init", "-q", "-b", "main")
    with pytest.raises(UsageError, match=r"no commit named 'no-such-branch' in this clone"):
        check(CheckRequest(root=tmp_path, base_ref="no-such-branch"))


def test_the_base_config_is_used_so_a_change_cannot_loosen_its_own_gate(tmp_path: Path) -> None:
    _write(tmp_path / "base", "t3.micro")
    _write(tmp_path / "head", "t3.micro")
    (tmp_path / "base" / ".finops-gate.yml").write_text("version: 1\n")
    (tmp_path / "head" / ".finops-gate.yml").write_text("version: 1\nbogus: true\n")
    check(CheckRequest(base=tmp_path / "base", head=tmp_path / "head"))  # head's config unread


def test_a_config_new_in_the_change_is_used_with_a_note(tmp_path: Path) -> None:
    _write(tmp_path / "base", "t3.micro")
    _write(tmp_path / "head", "t3.micro")
    (tmp_path / "head" / ".finops-gate.yml").write_text("version: 1\n")
    report = check(CheckRequest(base=tmp_path / "base", head=tmp_path / "head"))
    assert any("new in this change" in n for n in report.notes)


@pytest.mark.parametrize(
    "config",
    [
        "version: 1\npolicies: {tags: {required: []}}\n",  # switches the default warning off
        "version: 1\nexemptions:\n"
        '  - {policy: tags.required, address: "*", reason: self, expires: 2099-01-01}\n',
    ],
    ids=["drops-a-default-policy", "exempts-itself"],
)
def test_a_config_new_in_the_change_cannot_lower_the_default_gate(
    tmp_path: Path, config: str
) -> None:
    _write(tmp_path / "base", "t3.micro")
    _write(tmp_path / "head", "t3.large")  # untagged: the defaults warn (tags.required)
    (tmp_path / "head" / ".finops-gate.yml").write_text(config)
    report = check(CheckRequest(base=tmp_path / "base", head=tmp_path / "head"))
    assert report.verdict is Verdict.WARN
    assert [f.policy for f in report.findings] == ["tags.required"]
    assert any("cannot lower the default gate: 1 finding" in n for n in report.notes)


def test_a_config_new_in_the_change_can_tighten_the_gate_without_a_floor_note(
    tmp_path: Path,
) -> None:
    _write(tmp_path / "base", "t3.micro")
    _write(tmp_path / "head", "t3.large")
    (tmp_path / "head" / ".finops-gate.yml").write_text(STRICT)
    report = check(CheckRequest(base=tmp_path / "base", head=tmp_path / "head"))
    assert report.verdict is Verdict.APPROVAL_REQUIRED
    assert not any("cannot lower the default gate" in n for n in report.notes)


def test_base_and_head_must_be_directories(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="not a directory"):
        check(CheckRequest(base=tmp_path / "file", head=tmp_path))


# --- the gate's config: one rule, from the base (finops_gate/gate.py) ---------------------

STRICT = "version: 1\npolicies: {approval: {monthly_increase: 1}}\n"
LOOSE = "version: 1\npolicies: {approval: {monthly_increase: 100000}}\n"
PLAN = Path(__file__).parent.parent / "examples" / "terraform-plan" / "plan.json"


def _commit(root: Path, message: str = "c") -> None:
    _git(root, "-c", "user.email=a@b.c", "-c", "user.name=a", "add", "-A")
    _git(root, "-c", "user.email=a@b.c", "-c", "user.name=a", "commit", "-qm", message)


def _repo(tmp_path: Path, config: str = STRICT, at: str = ".finops-gate.yml") -> Path:
    repo = tmp_path / "repo"
    _write(repo / "infra", "t3.micro")
    (repo / at).parent.mkdir(parents=True, exist_ok=True)
    (repo / at).write_text(config)
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, "base")
    _write(repo / "infra", "t3.large")
    return repo


@needs_git
def test_config_path_is_read_at_the_base_commit_not_from_the_change(tmp_path: Path) -> None:
    repo = _repo(tmp_path, at="ci/gate.yml")
    (repo / "ci" / "gate.yml").write_text(LOOSE)  # the change loosens its own gate
    report = check(CheckRequest(root=repo, base_ref="main", config=repo / "ci" / "gate.yml"))
    assert report.approval.required
    assert report.config == {"origin": "base", "path": "ci/gate.yml", "ref": "main"}
    assert any("ci/gate.yml changes in this change" in n for n in report.notes)


@needs_git
def test_config_path_new_in_the_change_is_read_from_the_head_with_a_note(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "gate.yml").write_text(LOOSE)
    report = check(CheckRequest(root=repo, base_ref="main", config=repo / "gate.yml"))
    assert report.config is not None and report.config["origin"] == "head"
    assert any("gate.yml is new in this change" in n for n in report.notes)


@needs_git
def test_config_path_outside_the_repository_is_read_as_given(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    outside = tmp_path / "org-gate.yml"
    outside.write_text(LOOSE)
    report = check(CheckRequest(root=repo, base_ref="main", config=outside))
    assert not report.approval.required
    assert report.config is not None and report.config["origin"] == "file"


@needs_git
def test_check_subdir_finds_the_repository_root_config_of_the_base(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / ".finops-gate.yml").write_text(LOOSE)
    report = check(CheckRequest(root=repo / "infra", base_ref="main"))
    assert report.approval.required  # the base's strict root config, not the edited one
    assert report.config == {"origin": "base", "path": ".finops-gate.yml", "ref": "main"}


@needs_git
def test_the_nearest_config_of_the_base_wins_for_a_subdirectory(tmp_path: Path) -> None:
    repo = _repo(tmp_path, config=LOOSE)
    (repo / "infra" / ".finops-gate.yml").write_text(STRICT)
    _commit(repo, "per-directory gate")
    _write(repo / "infra", "t3.xlarge")
    report = check(CheckRequest(root=repo / "infra", base_ref="main"))
    assert report.config is not None and report.config["path"] == "infra/.finops-gate.yml"
    assert report.approval.required


@needs_git
def test_a_plan_outside_a_pull_request_uses_the_base_commits_config(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _git(repo, "checkout", "-q", "-b", "feature")
    (repo / ".finops-gate.yml").write_text(LOOSE)
    report = check(CheckRequest(root=repo, plans=(PLAN,)))
    assert report.config is not None and report.config["origin"] == "base"
    assert report.approval.required


@needs_git
def test_without_a_base_commit_the_report_says_the_working_tree_config_was_used(
    tmp_path: Path,
) -> None:
    repo = _repo(tmp_path)
    _git(repo, "branch", "-m", "main", "trunk")  # no main/master/origin: no default branch
    report = check(CheckRequest(root=repo, plans=(PLAN,)))
    assert report.config == {"origin": "worktree", "path": ".finops-gate.yml", "ref": None}
    assert any("no base commit found" in n for n in report.notes)


@needs_git
def test_an_invalid_base_config_names_the_base_file(tmp_path: Path) -> None:
    repo = _repo(tmp_path, config="version: 1\nbogus: true\n")
    (repo / ".finops-gate.yml").write_text(STRICT)
    with pytest.raises(ConfigError, match=r"\.finops-gate\.yml \(base\): unknown key 'bogus'"):
        check(CheckRequest(root=repo, base_ref="main"))


@needs_git
def test_a_broken_head_config_leaves_the_base_one_in_force_and_says_so(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / ".finops-gate.yml").write_text("version: 1\npolicies: [\n")
    report = check(CheckRequest(root=repo, base_ref="main"))
    assert report.approval.required
    assert any("the new config will not load after merge" in n for n in report.notes)


def test_a_config_path_in_neither_tree_is_a_usage_error(tmp_path: Path) -> None:
    _write(tmp_path / "base", "t3.micro")
    _write(tmp_path / "head", "t3.micro")
    with pytest.raises(UsageError, match=r"gate\.yml: config file not found"):
        check(
            CheckRequest(
                base=tmp_path / "base", head=tmp_path / "head", config=tmp_path / "head/gate.yml"
            )
        )


def test_config_path_in_the_head_tree_is_read_from_the_base_tree(tmp_path: Path) -> None:
    _write(tmp_path / "base", "t3.micro")
    _write(tmp_path / "head", "t3.large")
    (tmp_path / "base" / "gate.yml").write_text(STRICT)
    (tmp_path / "head" / "gate.yml").write_text(LOOSE)
    report = check(
        CheckRequest(
            base=tmp_path / "base", head=tmp_path / "head", config=tmp_path / "head/gate.yml"
        )
    )
    assert report.approval.required
    assert report.config == {"origin": "base", "path": "gate.yml", "ref": None}


def test_platform_approvals_feed_the_policy_engines_approval_context() -> None:
    from finops_gate.app import policy_context
    from finops_gate.ci import PullRequestContext
    from finops_gate.policies import ApprovalRecord
    from finops_gate.publish.approvals import PlatformApproval, PlatformApprovals

    head = "a" * 40
    state = PlatformApprovals((PlatformApproval("carol", "review", head, ("acme/leads",)),))
    ctx = PullRequestContext(platform="github", number=7, head_sha=head)
    context = policy_context(ctx, state, today=None)
    assert context.approvals == (
        ApprovalRecord(approver="carol", teams=("acme/leads",), head_sha=head),
    )
    assert (context.platform, context.head_sha) == ("github", head)
    local = policy_context(PullRequestContext(platform="local"), state, today=None)
    assert local.approvals == () and local.platform is None


def test_a_new_platform_is_one_publisher_registered_and_nothing_else_in_the_use_case(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pretend platform: its primitives (an in-memory ``Publisher``) and one PUBLISHERS
    entry; ``run_check`` posts the comment and the status through the generic behaviours."""
    from finops_gate.app import GateRun, PostRequest, run_check
    from finops_gate.ci import PullRequestContext
    from finops_gate.publish import PUBLISHERS
    from finops_gate.publish.comment import parse_marker
    from tests.conftest import EXAMPLES
    from tests.publish.test_base import HEAD, MemoryPlatform

    acme = MemoryPlatform(platform="acme")
    monkeypatch.setitem(PUBLISHERS, "acme", lambda ctx: acme)
    request = CheckRequest(
        base=EXAMPLES / "model-switch" / "base", head=EXAMPLES / "model-switch" / "head"
    )
    ctx = PullRequestContext("acme", number=7, base_sha="b" * 40, head_sha=HEAD)
    result = run_check(GateRun(request=request, ci=ctx, post=PostRequest()))
    (comment,) = acme.comments
    marker = parse_marker(comment.body)
    assert marker is not None and marker.head == HEAD
    assert "finops-gate" in comment.body and "gpt-4o" in comment.body
    # the model switch needs an approval nobody gave: the status blocks, like the exit code
    assert [(sha, state) for sha, state, _, _ in acme.statuses] == [(HEAD, "failure")]
    assert result.doc.verdict.blocks
    assert any(line.startswith("comment created") for line in result.log)
    assert any("policies.approval.approvers.acme" in line for line in result.log)


def test_a_check_for_rendering_holds_what_the_report_shows_of_its_resources(
    tmp_path: Path,
) -> None:
    """``as_shown`` (the command line's check): once priced and judged, a resource keeps its
    address, kind, file, line, project and region, not the arguments and tags the pricing and
    the policies read (a whole tree's every file); the report is the same, and a resource both
    sides share (a no-op) stays one."""
    from finops_gate.report.json import document

    for side, itype in (("base", "t3.micro"), ("head", "t3.large")):
        _write(tmp_path / side / "web", itype)
        _write(tmp_path / side / "db", "m5.large")
        (tmp_path / side / "k8s.yaml").write_text(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, labels: {app: api}}\n"
            "spec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n"
            "        - {name: api, image: nginx, resources: {requests: {cpu: 250m}}}\n"
        )
    from finops_gate.policies import PolicyContext

    request = CheckRequest(base=tmp_path / "base", head=tmp_path / "head")
    whole = PolicyContext(all_resources=True)  # every file read: the unchanged are no-ops
    full, shown = check(request, context=whole), check(request, context=whole, as_shown=True)
    assert document(shown).to_json() == document(full).to_json()
    assert full.costs[0].change.after is not None and full.costs[0].change.after.attributes
    actions = set()
    for d in shown.costs:
        b, a = d.change.before, d.change.after
        assert b is not None and a is not None
        actions.add(d.change.action)
        for r in (b, a):
            assert not r.attributes and r.tags is None and not r.unknown, r
        assert (b is a) == (d.change.action is Action.NOOP)
    assert actions == {Action.UPDATE, Action.NOOP}
