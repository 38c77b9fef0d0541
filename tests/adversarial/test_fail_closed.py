"""A file the head cannot read is never a deletion: exit 2 naming the file, never a pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.cli import main

MANIFEST = """apiVersion: apps/v1
kind: Deployment
metadata: {{name: api, namespace: shop}}
spec:
  replicas: {replicas}
  template:
    spec:
      containers:
        - name: api
          image: shop/api:1
          resources: {{requests: {{cpu: "2", memory: 4Gi}}}}
"""
REL = "k8s/api.yaml"


def _sides(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base", tmp_path / "head"
    for side in (base, head):
        (side / "k8s").mkdir(parents=True)
    (base / REL).write_text(MANIFEST.format(replicas=2), encoding="utf-8")
    return base, head


def _latin1(head: Path, tmp: Path) -> None:
    (head / REL).write_bytes(MANIFEST.format(replicas=40).encode() + b"# caf\xe9\n")


def _oversize(head: Path, tmp: Path) -> None:
    text = MANIFEST.format(replicas=40) + "#" + "x" * (6 * 2**20) + "\n"
    (head / REL).write_text(text, encoding="utf-8")


def _binary(head: Path, tmp: Path) -> None:
    (head / REL).write_bytes(MANIFEST.format(replicas=40).encode() + b"\x00\x01")


def _directory(head: Path, tmp: Path) -> None:
    (head / REL).mkdir()
    (head / REL / "inner.txt").write_text("x")


def _fifo(head: Path, tmp: Path) -> None:
    os.mkfifo(head / REL)


def _loop(head: Path, tmp: Path) -> None:
    os.symlink("api.yaml", head / REL)


def _dangling(head: Path, tmp: Path) -> None:
    os.symlink("gone.yaml", head / REL)


def _outside(head: Path, tmp: Path) -> None:
    outside = tmp / "outside.yaml"
    outside.write_text(MANIFEST.format(replicas=1), encoding="utf-8")
    os.symlink(outside, head / REL)


BREAKAGES: dict[str, Callable[[Path, Path], None]] = {
    "latin-1 byte": _latin1,
    "over the size limit": _oversize,
    "binary": _binary,
    "a directory in its place": _directory,
    "a FIFO in its place": _fifo,
    "a symlink loop": _loop,
    "a dangling symlink": _dangling,
    "a symlink out of the tree": _outside,
}


@pytest.mark.parametrize("how", sorted(BREAKAGES))
def test_a_manifest_the_head_cannot_read_is_exit_2_naming_it_never_a_deletion(
    tmp_path: Path, how: str
) -> None:
    base, head = _sides(tmp_path)
    BREAKAGES[how](head, tmp_path)
    # a subprocess with a timeout: a FIFO must not block the read
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "finops_gate.cli",
            "check",
            "--base",
            str(base),
            "--head",
            str(head),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and REL in lines[0] and "in the head" in lines[0]
    assert "Traceback" not in proc.stderr and "-100" not in proc.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; permission cannot be denied")
def test_a_manifest_without_read_permission_in_the_head_is_exit_2(tmp_path: Path) -> None:
    base, head = _sides(tmp_path)
    (head / REL).write_text(MANIFEST.format(replicas=40), encoding="utf-8")
    (head / REL).chmod(0)
    result = CliRunner().invoke(main, ["check", "--base", str(base), "--head", str(head)])
    assert result.exit_code == 2 and "permission denied" in result.stderr


def test_a_manifest_re_encoded_as_utf16_gives_the_same_verdict(tmp_path: Path) -> None:
    base, head = _sides(tmp_path)
    (head / REL).write_text(MANIFEST.format(replicas=40), encoding="utf-8")
    plain = CliRunner().invoke(
        main, ["check", "--base", str(base), "--head", str(head), "--format", "json"]
    )
    (head / REL).write_bytes(MANIFEST.format(replicas=40).encode("utf-16"))  # with a BOM
    utf16 = CliRunner().invoke(
        main, ["check", "--base", str(base), "--head", str(head), "--format", "json"]
    )
    assert plain.exit_code == utf16.exit_code
    assert plain.stdout == utf16.stdout and '"monthly_delta"' in plain.stdout


def test_a_manifest_the_base_cannot_read_counts_as_new_in_the_head(tmp_path: Path) -> None:
    base, head = _sides(tmp_path)
    (base / REL).write_bytes(MANIFEST.format(replicas=2).encode() + b"# caf\xe9\n")
    (head / REL).write_text(MANIFEST.format(replicas=40), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--base", str(base), "--head", str(head), "--format", "json"]
    )
    assert result.exit_code in (0, 1), result.stderr
    assert '"action": "create"' in result.stdout and "in the base" in result.stdout


def test_the_same_unreadable_manifest_on_both_sides_is_a_note_not_an_error(tmp_path: Path) -> None:
    base, head = _sides(tmp_path)
    for side in (base, head):
        (side / "k8s" / "legacy.yaml").write_bytes(b"kind: x # caf\xe9\n")
    result = CliRunner().invoke(main, ["check", "--base", str(base), "--head", str(head)])
    assert result.exit_code == 0, result.stderr
    # unchanged, so only the projects the change touches are read and it is not; read (the
    # whole tree), it is a note
    assert "k8s/legacy.yaml" not in result.stdout + result.stderr
    whole = CliRunner().invoke(
        main, ["check", "--base", str(base), "--head", str(head), "--all-resources"]
    )
    assert whole.exit_code == 0, whole.stderr
    assert "k8s/legacy.yaml: not UTF-8" in whole.stdout


def test_a_changed_file_unreadable_on_both_sides_is_exit_2(tmp_path: Path) -> None:
    base, head = _sides(tmp_path)
    (head / REL).write_text(MANIFEST.format(replicas=2), encoding="utf-8")
    (base / "k8s" / "gpu.yaml").write_bytes(MANIFEST.format(replicas=1).encode() + b"#\xe9")
    (head / "k8s" / "gpu.yaml").write_bytes(MANIFEST.format(replicas=90).encode() + b"#\xe9")
    result = CliRunner().invoke(main, ["check", "--base", str(base), "--head", str(head)])
    assert result.exit_code == 2 and "k8s/gpu.yaml" in result.stderr


@pytest.mark.skipif(shutil.which("helm") is not None, reason="helm is installed: the chart renders")
def test_a_chart_appearing_over_plain_manifests_without_helm_is_not_a_deletion(
    tmp_path: Path,
) -> None:
    base, head = _sides(tmp_path)
    (head / REL).write_text(MANIFEST.format(replicas=40), encoding="utf-8")
    (head / "k8s" / "Chart.yaml").write_text("apiVersion: v2\nname: api\nversion: 1.0.0\n")
    result = CliRunner().invoke(main, ["check", "--base", str(base), "--head", str(head)])
    assert result.exit_code == 2, result.stdout
    assert "k8s/: not rendered" in result.stderr and "-100" not in result.stdout


@pytest.mark.skipif(shutil.which("helm") is not None, reason="helm is installed: the chart renders")
def test_a_new_chart_without_helm_is_unknown_and_requires_approval(tmp_path: Path) -> None:
    base, head = _sides(tmp_path)
    (head / REL).write_text(MANIFEST.format(replicas=2), encoding="utf-8")
    chart = head / "charts" / "gpu"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: gpu\nversion: 1.0.0\n")
    (chart / "templates" / "d.yaml").write_text("{{ .Values.x }}\n")
    (base / ".finops-gate.yml").write_text(
        "version: 1\npolicies:\n  approval: {monthly_increase: 100}\n"
    )
    result = CliRunner().invoke(
        main, ["check", "--base", str(base), "--head", str(head), "--format", "json"]
    )
    assert result.exit_code == 1, result.stderr
    assert (
        '"cost unknown: 1 changed resource cannot be priced: HelmChart/charts/gpu' in result.stdout
    )
