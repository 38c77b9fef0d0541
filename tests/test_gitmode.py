"""Git mode reads what the change touches: the changed files' projects, from each side, and
reports the same changes as reading the whole tree (``--all-resources`` reads everything)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ROOT_TF = """provider "aws" {{ region = "us-east-1" }}

module "web" {{
  source = "../../modules/web"
  size   = "{size}"
}}
"""
MODULE_TF = """variable "size" {{ default = "t3.micro" }}

resource "aws_instance" "web" {{
  ami           = "ami-1"
  instance_type = var.size
  root_block_device {{ volume_size = {disk} }}
}}
"""
STACK_TF = """provider "aws" {{ region = "us-east-1" }}

resource "aws_instance" "app" {{
  ami           = "ami-1"
  instance_type = "{size}"
}}
"""
DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata: {{name: {name}, namespace: shop}}
spec:
  replicas: {replicas}
  template:
    spec:
      containers:
        - name: app
          image: nginx
          resources: {{requests: {{cpu: "1", memory: 1Gi}}}}
"""
HPA = """apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 6
  maxReplicas: 10
"""
NAMESPACE = """apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {"finops/team": shop}
"""


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=a@b.c", "-c", "user.name=a", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return proc.stdout


def _write(repo: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A small monorepo at its base commit on ``main``: two roots calling one local module,
    40 independent stacks, manifests (one scaled by an HPA in another file, a Namespace with
    labels), model configs."""
    repo = tmp_path / "repo"
    files = {
        "infra/live/a/main.tf": ROOT_TF.format(size="t3.small"),
        "infra/live/b/main.tf": ROOT_TF.format(size="t3.medium"),
        "infra/modules/web/main.tf": MODULE_TF.format(disk=20),
        "k8s/namespace.yaml": NAMESPACE,
        "k8s/api.yaml": DEPLOY.format(name="api", replicas=2),
        "k8s/api-hpa.yaml": HPA,
        "k8s/worker.yaml": DEPLOY.format(name="worker", replicas=1),
        "services/chat/config.yaml": "assistant:\n  model: gpt-4o-mini\n",
        "src/app.py": "def handler():\n    return 1\n",
    }
    for i in range(40):
        files[f"stacks/s{i:02d}/main.tf"] = STACK_TF.format(size="t3.micro")
        files[f"k8s/team/web{i:02d}.yaml"] = DEPLOY.format(name=f"web{i:02d}", replicas=1)
    _write(repo, files)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "checkout", "-q", "-b", "change")
    return repo


def _check(repo: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    result = CliRunner().invoke(
        main, ["check", str(repo), "--base-ref", "main", "--format", "json", *extra]
    )
    if result.exit_code not in (0, 1):
        return result.exit_code, {}, result.output
    return result.exit_code, json.loads(result.output), result.output


def _changes(doc: dict[str, Any]) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(
        (r["address"], r["action"], r["monthly_before"], r["monthly_after"])
        for r in doc["resources"]
        if r["action"] != "no-op"
    )


def _findings(doc: dict[str, Any], addresses: set[str]) -> set[tuple[str, str, str]]:
    return {
        (f["policy"], f.get("address") or "", f["message"])
        for f in doc["findings"]
        if f.get("address") in addresses
    }


def _scope_note(doc: dict[str, Any]) -> str:
    (note,) = [n for n in doc["notes"] if "files on each side, the projects" in n]
    return note


def _same_as_whole_tree(repo: Path) -> dict[str, Any]:
    """The scoped check reports exactly the changes (and prices) the whole-tree read does."""
    code, doc, out = _check(repo)
    assert code in (0, 1), out
    whole_code, whole, out = _check(repo, "--all-resources")
    assert whole_code in (0, 1), out
    assert _changes(doc) == _changes(whole)
    changed = {c[0] for c in _changes(doc)}
    assert _findings(doc, changed) == _findings(whole, changed)
    assert any("read every file on both sides: --all-resources" in n for n in whole["notes"])
    return doc


def test_a_one_manifest_change_reads_that_manifest_alone_and_says_what_it_left_out(
    repo: Path,
) -> None:
    _write(repo, {"k8s/team/web07.yaml": DEPLOY.format(name="web07", replicas=3)})
    _git(repo, "commit", "-qam", "scale web07")
    doc = _same_as_whole_tree(repo)
    assert [c[:2] for c in _changes(doc)] == [("Deployment/shop/web07", "update")]
    # the changed manifest, the two files other objects' costs depend on (Namespace, HPA)
    assert {r["file"] for r in doc["resources"]} == {
        "k8s/team/web07.yaml",
        "k8s/api-hpa.yaml",
        "k8s/namespace.yaml",
    }
    note = _scope_note(doc)
    assert (
        "read 3 of 89 files on each side, the projects of the 1 changed" in note
        and "43 Terraform directories" in note
    )


def test_a_changed_local_module_reprices_every_root_that_calls_it(repo: Path) -> None:
    _write(repo, {"infra/modules/web/main.tf": MODULE_TF.format(disk=500)})
    _git(repo, "commit", "-qam", "bigger disks")
    doc = _same_as_whole_tree(repo)
    assert [(c[0], c[1]) for c in _changes(doc)] == [
        ("module.web.aws_instance.web", "update"),
        ("module.web.aws_instance.web", "update"),
    ]
    assert {r["project"] for r in doc["resources"]} == {"infra/live/a", "infra/live/b"}


def test_a_changed_root_reads_the_local_modules_it_calls(repo: Path) -> None:
    _write(repo, {"infra/live/a/main.tf": ROOT_TF.format(size="m5.xlarge")})
    doc = _same_as_whole_tree(repo)  # uncommitted: the working tree is the head
    ((address, action, before, after),) = _changes(doc)
    assert (address, action) == ("module.web.aws_instance.web", "update")
    assert before is not None and after is not None and float(after) > float(before)


def test_an_hpa_and_namespace_in_other_files_still_shape_a_changed_deployment(
    repo: Path,
) -> None:
    _write(repo, {"k8s/api.yaml": DEPLOY.format(name="api", replicas=3)})
    doc = _same_as_whole_tree(repo)
    (api,) = [r for r in doc["resources"] if r["address"] == "Deployment/shop/api"]
    assert api["action"] == "update"
    read = {r["file"] for r in doc["resources"]}
    assert {"k8s/api-hpa.yaml", "k8s/namespace.yaml"} <= read
    # the namespace's label reaches the deployment: finops/team is not reported missing
    (finding,) = [f for f in doc["findings"] if f.get("address") == "Deployment/shop/api"]
    assert "finops/team" not in finding["message"]


def test_untracked_new_files_and_deleted_files_in_the_working_tree_count(repo: Path) -> None:
    _write(repo, {"stacks/new/main.tf": STACK_TF.format(size="m5.large")})  # untracked
    (repo / "k8s" / "worker.yaml").unlink()  # deleted, not committed
    doc = _same_as_whole_tree(repo)
    assert [c[:2] for c in _changes(doc)] == [
        ("Deployment/shop/worker", "delete"),
        ("aws_instance.app", "create"),
    ]


def test_a_changed_file_unreadable_in_the_head_is_exit_2_not_a_deletion(repo: Path) -> None:
    (repo / "k8s" / "api.yaml").write_bytes(
        DEPLOY.format(name="api", replicas=9).encode() + b"# caf\xe9\n"
    )
    code, _, out = _check(repo)
    assert code == 2 and "k8s/api.yaml" in out and "Traceback" not in out


def test_a_fifo_in_place_of_a_changed_file_is_exit_2_and_never_hangs(repo: Path) -> None:
    (repo / "k8s" / "api.yaml").unlink()
    os.mkfifo(repo / "k8s" / "api.yaml")
    code, _, out = _check(repo)
    assert code == 2 and "k8s/api.yaml" in out


def test_a_changed_symlink_out_of_the_tree_is_exit_2(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(DEPLOY.format(name="api", replicas=1))
    (repo / "k8s" / "api.yaml").unlink()
    (repo / "k8s" / "api.yaml").symlink_to(outside)
    code, _, out = _check(repo)
    assert code == 2 and "k8s/api.yaml" in out


def test_an_unchanged_tf_symlink_out_of_the_tree_is_a_note_in_a_changed_root(
    repo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.tf"
    outside.write_text('variable "unused" {\n  default = 1\n}\n')
    (repo / "stacks" / "s01" / "shared.tf").symlink_to(outside)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "a shared file from outside")
    _git(repo, "branch", "-f", "main")
    _write(repo, {"stacks/s01/main.tf": STACK_TF.format(size="t3.large")})
    for extra in ((), ("--all-resources",)):
        code, doc, out = _check(repo, *extra)
        assert code in (0, 1), out
        assert "stacks/s01/shared.tf: a symlink to outside the tree (unchanged on both sides)" in (
            " ".join(doc["notes"])
        )
        assert [c[:2] for c in _changes(doc)] == [("aws_instance.app", "update")]
    (repo / "stacks" / "s01" / "shared.tf").unlink()
    (repo / "stacks" / "s01" / "shared.tf").symlink_to(tmp_path / "elsewhere.tf")
    (tmp_path / "elsewhere.tf").write_text(outside.read_text())
    code, _, out = _check(repo)
    assert code == 2 and "stacks/s01/shared.tf" in out


def test_a_file_unreadable_in_the_base_only_is_read_from_the_head_as_new(repo: Path) -> None:
    (repo / "k8s" / "api.yaml").write_bytes(
        DEPLOY.format(name="api", replicas=1).encode() + b"# caf\xe9\n"
    )
    _git(repo, "commit", "-qam", "broken in the base")
    _git(repo, "branch", "-f", "main")
    _write(repo, {"k8s/api.yaml": DEPLOY.format(name="api", replicas=2)})
    code, doc, out = _check(repo)
    assert code in (0, 1), out
    assert any("k8s/api.yaml" in n and "in the base" in n for n in doc["notes"])
    assert ("Deployment/shop/api", "create") in [c[:2] for c in _changes(doc)]


def test_budgets_read_the_whole_tree_and_say_so(repo: Path) -> None:
    config = (
        "version: 1\npolicies:\n  budgets:\n"
        "    - {name: shop, scope: {'finops:team': shop}, monthly_limit: 100000}\n"
    )
    _write(repo, {".finops-gate.yml": config})
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "budget")
    _git(repo, "branch", "-f", "main")
    _write(repo, {"k8s/api.yaml": DEPLOY.format(name="api", replicas=3)})
    code, doc, out = _check(repo)
    assert code in (0, 1), out
    (note,) = [n for n in doc["notes"] if "read every file on both sides: budgets" in n]
    # what the read cost, and how the base was read
    assert note.endswith(
        "(90 files in the head, 90 in the base, "
        "the base written out of its commit by one git cat-file)"
    )
    assert len(doc["resources"]) > 40  # every stack and manifest, unchanged ones as no-op


def test_the_base_commit_is_read_out_of_git_not_the_working_tree(repo: Path) -> None:
    _write(repo, {"stacks/s03/main.tf": STACK_TF.format(size="m5.2xlarge")})
    _git(repo, "commit", "-qam", "resize s03")
    _write(repo, {"stacks/s03/main.tf": STACK_TF.format(size="m5.4xlarge")})  # and again, local
    code, doc, out = _check(repo)
    assert code in (0, 1), out
    (app,) = [r for r in doc["resources"] if r["action"] == "update"]
    assert "t3.micro" in json.dumps(app["lines"]) or app["monthly_before"] is not None
    assert float(app["monthly_after"]) > float(app["monthly_before"])


def test_no_change_at_all_reads_nothing_and_passes(repo: Path) -> None:
    code, doc, out = _check(repo)
    assert code == 0, out
    assert doc["resources"] == []
    assert "read 0 of 89 files on each side" in _scope_note(doc)


def test_every_file_read_writes_the_base_out_as_committed_export_ignore_included(
    repo: Path,
) -> None:
    # export-ignore hides a file from git archive, not from the commit: reading the base
    # through an archive made that Deployment look created by a change that never touched it
    _write(repo, {".gitattributes": "k8s/worker.yaml export-ignore\n"})
    (repo / "k8s" / "link.yaml").symlink_to("/etc/hostname")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "attributes and a link out of the tree")
    _git(repo, "branch", "-f", "main")
    _write(repo, {"k8s/api.yaml": DEPLOY.format(name="api", replicas=3)})
    code, doc, out = _check(repo, "--all-resources")
    assert code in (0, 1), out
    assert [c[:2] for c in _changes(doc)] == [("Deployment/shop/api", "update")]
    assert any(r["address"] == "Deployment/shop/worker" for r in doc["resources"])
    # the link is the same on both sides: not read, said once, never followed
    assert any("k8s/link.yaml" in n and "unchanged on both sides" in n for n in doc["notes"])


def test_a_blob_at_several_paths_is_read_out_of_git_once(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from finops_gate import gitrefs

    listing = _git(repo, "ls-tree", "-r", "main", "stacks")
    blobs = [(line.split()[2], line.split("\t")[1]) for line in listing.splitlines()]
    assert len({sha for sha, _ in blobs}) == 1 and len(blobs) == 40  # one text, 40 stacks
    asked: list[bytes] = []
    real = subprocess.Popen

    class Recording(real):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            stdin = self.stdin

            class Writer:
                def write(self, data: bytes) -> int:
                    asked.append(data)
                    return stdin.write(data)  # type: ignore[union-attr]

                def close(self) -> None:
                    stdin.close()  # type: ignore[union-attr]

            self.stdin = Writer()  # type: ignore[assignment]

    monkeypatch.setattr(subprocess, "Popen", Recording)
    out = tmp_path / "base"
    items = [(sha, str(out / rel.replace("/", "_"))) for sha, rel in blobs]
    out.mkdir()
    gitrefs.write_blobs(repo, items)
    assert b"".join(asked).count(b"\n") == 1
    texts = {Path(path).read_text() for _, path in items}
    assert texts == {STACK_TF.format(size="t3.micro")}


def test_the_base_written_out_for_a_whole_tree_read_is_removed_afterwards(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR is read again
    (repo / "k8s" / "team" / "link").symlink_to("../team")  # a link to a directory, committed
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "a link")
    _write(repo, {"k8s/api.yaml": DEPLOY.format(name="api", replicas=3)})
    code, doc, out = _check(repo, "--all-resources")
    assert code in (0, 1), out
    assert any("read every file on both sides" in n for n in doc["notes"])
    assert list(scratch.iterdir()) == []  # nothing left: no file, no directory, no link
