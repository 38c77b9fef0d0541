"""Git mode survives what a merged commit can hold: escaping symlinks, submodules."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
POD = (
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
    'spec: {containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}\n'
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.email=t@example.com",
            "-c",
            "user.name=t",
            "-c",
            "protocol.file.allow=always",
            *args,
        ],
        check=True,
        capture_output=True,
    )


def _repo(path: Path) -> Path:
    path.mkdir()
    git(path, "init", "-q")
    (path / "k8s").mkdir()
    (path / "k8s" / "p.yaml").write_text(POD)
    return path


def test_absolute_and_escaping_symlinks_in_the_base_commit_do_not_break_git_mode(
    tmp_path: Path,
) -> None:
    repo = _repo(tmp_path / "repo")
    os.symlink("/etc/passwd", repo / "abs.yaml")
    os.symlink("../../outside.yaml", repo / "k8s" / "esc.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    result = CliRunner().invoke(main, ["check", str(repo), "--base-ref", "HEAD"])
    assert result.exit_code == 0, result.stderr
    assert "abs.yaml: a symlink to outside the tree (unchanged on both sides)" in result.stdout


def test_a_checked_out_submodule_does_not_look_created(tmp_path: Path) -> None:
    sub = _repo(tmp_path / "sub")
    git(sub, "add", "-A")
    git(sub, "commit", "-qm", "sub")
    repo = _repo(tmp_path / "repo")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "submodule", "add", "-q", str(sub), "vendor/sub")
    git(repo, "commit", "-qm", "add submodule")
    result = CliRunner().invoke(
        main, ["check", str(repo), "--base-ref", "HEAD", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert '"action": "create"' not in result.stdout
    assert "vendor/sub/: a git submodule, not read" in result.stdout


def test_a_moved_submodule_pointer_is_said_plainly(tmp_path: Path) -> None:
    sub = _repo(tmp_path / "sub")
    git(sub, "add", "-A")
    git(sub, "commit", "-qm", "sub")
    repo = _repo(tmp_path / "repo")
    git(repo, "submodule", "add", "-q", str(sub), "vendor/sub")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    checkout = repo / "vendor" / "sub"
    (checkout / "k8s" / "p.yaml").write_text(POD.replace('"1"', '"8"'))
    git(checkout, "commit", "-qam", "bigger")
    git(repo, "add", "vendor/sub")
    result = CliRunner().invoke(main, ["check", str(repo), "--base-ref", "HEAD"])
    assert result.exit_code == 0, result.stderr
    assert "vendor/sub: submodule moved" in result.stdout


def test_a_directory_the_head_turns_into_a_submodule_is_not_a_deletion(tmp_path: Path) -> None:
    """The base's manifests in vendor/sub were read; the head's submodule is not: exit 2 naming
    them, not "No resource changes" (the base's side used to skip the path too)."""
    sub = _repo(tmp_path / "sub")
    git(sub, "add", "-A")
    git(sub, "commit", "-qm", "sub")
    repo = _repo(tmp_path / "repo")
    (repo / "vendor" / "sub" / "k8s").mkdir(parents=True)
    (repo / "vendor" / "sub" / "k8s" / "p.yaml").write_text(POD.replace('"1"', '"16"'))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "rm", "-rq", "vendor/sub")
    git(repo, "submodule", "add", "-q", str(sub), "vendor/sub")
    result = CliRunner().invoke(main, ["check", str(repo), "--base-ref", "HEAD"])
    assert result.exit_code == 2
    assert "vendor/sub/k8s/p.yaml: inside vendor/sub/, which is a git submodule" in result.stderr
    # the other way, a submodule that becomes a directory: its files are new, never hidden
    git(repo, "commit", "-qm", "to a submodule")
    git(repo, "rm", "-q", "vendor/sub")
    shutil.rmtree(repo / ".git" / "modules", ignore_errors=True)
    (repo / "vendor" / "sub" / "k8s").mkdir(parents=True)
    (repo / "vendor" / "sub" / "k8s" / "p.yaml").write_text(POD)
    git(repo, "add", "-A")
    result = CliRunner().invoke(
        main, ["check", str(repo), "--base-ref", "HEAD", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert '"action": "create"' in result.stdout
