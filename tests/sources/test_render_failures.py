"""A chart or overlay its tool cannot render: a cost unknown, never a stopped gate, never a
deletion.

Real repositories keep overlays whose ``.env`` or values file is generated at deploy time
(azd, CI secrets), so ``kustomize build`` fails on them in every pull request. Such an overlay
is listed as not rendered (unchanged: a note; changed: a row whose cost is unknown) and the
rest of the tree gets its verdict. What the base rendered from a directory the head cannot
render must not look deleted: that stops the check, naming the directory.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main
from finops_gate.sources import k8s_render, scope
from finops_gate.sources.k8s_render import _kustomize_cmd

needs_kustomize = pytest.mark.skipif(
    _kustomize_cmd() is None, reason="neither kustomize nor kubectl is installed"
)

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata: {{name: {name}}}
spec:
  replicas: {replicas}
  selector: {{matchLabels: {{app: {name}}}}}
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec:
      containers:
      - name: app
        image: example/app:1
        resources: {{requests: {{cpu: "2", memory: 4Gi}}}}
"""
# the azd layout: the overlay's env file is written at deploy time, never committed
OVERLAY = "resources: [deploy.yaml]\nconfigMapGenerator:\n- name: settings\n  envs: [.env]\n"
APPROVAL = "version: 1\npolicies:\n  approval:\n    percent_increase: 10\n"


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def _tree(root: Path, *, web: int = 2, ai: int = 1, env: bool = False) -> None:
    files = {
        "web/deploy.yaml": DEPLOY.format(name="web", replicas=web),
        "overlays/ai/kustomization.yaml": OVERLAY,
        "overlays/ai/deploy.yaml": DEPLOY.format(name="ai", replicas=ai),
    }
    if env:
        files["overlays/ai/.env"] = "LOG_LEVEL=info\n"
    _write(root, files)


def _check(tmp_path: Path, *extra: str) -> tuple[int, dict | None, str]:
    args = ["check", "--base", str(tmp_path / "base"), "--head", str(tmp_path / "head")]
    result = CliRunner().invoke(main, [*args, "--format", "json", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    try:
        doc = json.loads(result.output)
    except ValueError:
        doc = None
    return result.exit_code, doc, result.output


def _rows(doc: dict) -> dict[str, dict]:
    return {r["address"]: r for r in doc["resources"]}


@needs_kustomize
def test_an_overlay_that_fails_on_both_sides_unchanged_leaves_the_rest_its_verdict(
    tmp_path: Path,
) -> None:
    _tree(tmp_path / "base", web=2)
    _tree(tmp_path / "head", web=5)
    code, doc, out = _check(tmp_path, "--all-resources")
    assert code == 0 and doc is not None, out
    rows = _rows(doc)
    assert rows["Deployment/default/web"]["action"] == "update"
    assert doc["totals"]["monthly_delta"] != "0"
    overlay = rows["Kustomization/overlays/ai"]
    # the same failure on both sides (each in its own directory) is no change
    assert overlay["action"] == "no-op" and overlay["status"] == "unsupported"
    assert any("overlays/ai/" in n and "not rendered" in n for n in doc["notes"])


@needs_kustomize
def test_a_changed_overlay_that_cannot_be_rendered_is_a_cost_unknown(tmp_path: Path) -> None:
    _tree(tmp_path / "base", ai=1)
    _tree(tmp_path / "head", ai=40)
    (tmp_path / "approval.yml").write_text(APPROVAL, encoding="utf-8")
    code, doc, out = _check(tmp_path)
    assert code == 0 and doc is not None, out
    overlay = _rows(doc)["Kustomization/overlays/ai"]
    assert overlay["action"] == "update" and overlay["status"] == "unsupported"
    assert "Deployment/default/ai" not in _rows(doc)  # never priced from the raw files
    code, doc, out = _check(tmp_path, "--config", str(tmp_path / "approval.yml"))
    assert code == 1 and doc is not None, out
    assert doc["verdict"] == "approval_required"


@needs_kustomize
def test_what_the_base_rendered_never_looks_deleted_when_the_head_cannot_render_it(
    tmp_path: Path,
) -> None:
    _tree(tmp_path / "base", ai=30, env=True)
    _tree(tmp_path / "head", ai=30, env=False)
    code, doc, out = _check(tmp_path)
    assert code == 2 and doc is None
    assert "overlays/ai" in out and "Traceback" not in out


@needs_kustomize
def test_a_remote_base_added_in_the_head_never_deletes_what_the_base_rendered(
    tmp_path: Path,
) -> None:
    _tree(tmp_path / "base", ai=30, env=True)
    _tree(tmp_path / "head", ai=30, env=True)
    _write(
        tmp_path / "head",
        {"overlays/ai/kustomization.yaml": OVERLAY.replace("]", ", github.com/x/y?ref=v1]", 1)},
    )
    code, doc, out = _check(tmp_path)
    assert code == 2 and doc is None, out  # not a -100% with the Deployment "deleted"
    assert "overlays/ai" in out and "Traceback" not in out


@needs_kustomize
def test_the_base_failing_reads_the_head_as_new(tmp_path: Path) -> None:
    _tree(tmp_path / "base", ai=3, env=False)
    _tree(tmp_path / "head", ai=3, env=True)
    code, doc, out = _check(tmp_path)
    assert code == 0 and doc is not None, out
    assert _rows(doc)["Deployment/default/ai"]["action"] == "create"


def _tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """A ``kustomize`` first on PATH that runs ``script`` (a hostile overlay's effect)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "kustomize"
    tool.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    assert shutil.which("kustomize") == str(tool)


def test_an_overlay_that_renders_too_slowly_is_not_rendered_and_the_check_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tool(tmp_path, monkeypatch, "exec sleep 30")
    monkeypatch.setattr(k8s_render, "RENDER_TIMEOUT_SECONDS", 1)
    _tree(tmp_path / "base", web=1, ai=1)
    _tree(tmp_path / "head", web=3, ai=2)
    code, doc, out = _check(tmp_path)
    assert code == 0 and doc is not None, out
    rows = _rows(doc)
    assert rows["Deployment/default/web"]["action"] == "update"
    assert rows["Kustomization/overlays/ai"]["action"] == "update"
    assert rows["Kustomization/overlays/ai"]["status"] == "unsupported"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _git_check(repo: Path, base: dict[str, str], head: dict[str, str]) -> tuple[int, dict, str]:
    """``check --base-ref`` of a repository whose one commit holds ``base``, ``head`` written
    over it in the working tree (git mode: the base is read out of the commit)."""
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _write(repo, base)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _write(repo, head)
    result = CliRunner().invoke(
        main, ["check", str(repo), "--base-ref", "HEAD", "--format", "json"]
    )
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output), result.output


def _small(name: str, cpu: str) -> str:
    return DEPLOY.format(name=name, replicas=1).replace('cpu: "2"', f'cpu: "{cpu}"')


@needs_kustomize
def test_git_mode_reads_an_overlay_whole_when_it_reads_any_of_its_files(tmp_path: Path) -> None:
    # microservices-demo's layout: plain manifests with their own kustomization, and a copy of
    # them under an overlay's base; a change to one plain manifest names objects the copy
    # holds too, so the copy's kustomization is read, and with it the overlay
    tree = {
        "app/kustomization.yaml": "resources: [frontend.yaml]\n",
        "app/frontend.yaml": _small("frontend", "1"),
        "kustomize/kustomization.yaml": "resources: [base]\n",
        "kustomize/base/kustomization.yaml": "resources: [frontend.yaml, cart.yaml]\n",
        "kustomize/base/frontend.yaml": _small("frontend", "1"),
        "kustomize/base/cart.yaml": _small("cart", "1"),
    }
    code, doc, out = _git_check(
        tmp_path / "repo", tree, {"app/frontend.yaml": _small("frontend", "3")}
    )
    assert code == 0, out
    changed = [r for r in doc["resources"] if r["action"] != "no-op"]
    assert [(r["address"], r["action"]) for r in changed] == [
        ("Deployment/default/frontend#app (rendered)", "update")
    ]
    projects = {p["name"]: p["monthly_delta"] for p in doc["projects"]}
    assert projects["kustomize"] == "0"  # rendered whole on both sides: unchanged
    # the scope held all of it: no second pass over every file was needed
    assert not any("read every file on both sides" in n for n in doc["notes"])


@needs_kustomize
def test_git_mode_reads_every_file_when_the_base_cannot_render_from_what_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the scope misses a file an overlay needs (here: it reads no kustomization's bases), so
    # the base's export lacks it and the base fails where the head's checkout renders: the
    # check reads every file rather than show what the head renders as new
    monkeypatch.setattr(scope, "_kustomize_refs", lambda text: [])
    tree = {
        "base/kustomization.yaml": "resources: [deploy.yaml]\n",
        "base/deploy.yaml": DEPLOY.format(name="api", replicas=2),
        "overlays/prod/kustomization.yaml": "resources: [../../base]\n",
        "docs/readme.md": "unrelated\n",
    }
    head = {
        "overlays/prod/kustomization.yaml": (
            "resources: [../../base]\nreplicas:\n- {name: api, count: 4}\n"
        )
    }
    code, doc, out = _git_check(tmp_path / "repo", tree, head)
    assert code == 0, out
    rows = {r["address"]: r for r in doc["resources"]}
    assert rows["Deployment/default/api"]["action"] == "update"  # never "create"
    assert not any(r["action"] == "delete" for r in doc["resources"])
    assert any("read every file on both sides" in n and "overlays/prod" in n for n in doc["notes"])


def test_a_tools_error_reads_the_same_from_either_side(tmp_path: Path) -> None:
    from finops_gate.sources.tree import Tree

    def stderr(root: Path, stamp: str) -> str:
        return (
            f'E1201 {stamp} run.go:72] "command failed" err=<\n'
            f"\tsecurity; file '{root}/patches/x.yaml' is not in or below '{root}/overlays'\n >\n"
        )

    sides = []
    for name, stamp in (("base", "18:26:14.704001    8756"), ("head", "18:27:01.000002   19012")):
        (tmp_path / name).mkdir()
        sides.append(k8s_render._first_error(stderr(tmp_path / name, stamp), Tree(tmp_path / name)))
    assert sides[0] == sides[1]
    assert "patches/x.yaml" in sides[0] and str(tmp_path) not in sides[0]
    assert k8s_render._first_error("", Tree(tmp_path / "base"))  # never an empty reason


@pytest.mark.skipif(os.name != "posix", reason="the output cap is set with the shell's ulimit")
def test_an_overlay_that_renders_without_end_is_cut_off_at_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # without the cap this writes to the disk until the timeout (120 s): gigabytes
    _tool(tmp_path, monkeypatch, "exec yes 'a: b'")
    monkeypatch.setattr(k8s_render, "MAX_RENDERED_BYTES", 1 << 20)
    _tree(tmp_path / "base", web=1, ai=1)
    _tree(tmp_path / "head", web=1, ai=2)
    code, doc, out = _check(tmp_path)
    assert code == 0 and doc is not None, out
    overlay = _rows(doc)["Kustomization/overlays/ai"]
    assert overlay["action"] == "update" and overlay["status"] == "unsupported"
    assert "1 MiB" in overlay["reason"]


def test_an_overlay_whose_tool_writes_no_yaml_is_not_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tool(tmp_path, monkeypatch, "printf 'kind: [\\n'")
    _tree(tmp_path / "base", web=1, ai=1)
    _tree(tmp_path / "head", web=3, ai=2)
    code, doc, out = _check(tmp_path)
    assert code == 0 and doc is not None, out
    rows = _rows(doc)
    assert rows["Deployment/default/web"]["action"] == "update"
    assert rows["Kustomization/overlays/ai"]["status"] == "unsupported"
