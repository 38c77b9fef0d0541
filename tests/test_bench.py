"""The benchmark scripts run on small inputs (their figures are read by people, not asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("script", "size_flag", "size", "expected"),
    [
        ("bench_plan.py", "--resources", "40", ("time ratio:", "peak memory:")),
        ("bench_models.py", "--files", "40", ("time ratio:", "settings found:")),
        ("bench_model_code.py", "--files", "60", ("time ratio:", "settings found:")),
        ("bench_kubernetes.py", "--manifests", "20", ("time ratio:",)),
        ("bench_git.py", "--files", "30", ("time ratio:", "peak memory:")),
        ("bench_tf_tree.py", "--files", "20", ("time ratio:", "peak memory:")),
        ("bench_startup.py", None, None, ("time ratio:", "peak memory:")),
        ("bench_refresh.py", "--rows", "300", ("time ratio:", "peak memory:", "one-region check:")),
    ],
)
def test_each_benchmark_runs_on_a_small_input(
    tmp_path: Path,
    script: str,
    size_flag: str | None,
    size: str | None,
    expected: tuple[str, ...],
) -> None:
    sizing = [size_flag, size] if size_flag and size else []
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / script),
            *sizing,
            "--runs",
            "1",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert all(text in proc.stdout for text in expected)


@pytest.mark.parametrize("shape", ["other", "modules"])
def test_bench_plan_measures_linearity_on_a_larger_plan(tmp_path: Path, shape: str) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_plan.py"),
            *("--resources", "20", "--linear", "3", "--shape", shape, "--runs", "1"),
            *("--out", str(tmp_path)),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "per resource at 20" in proc.stdout and "at 60 (ratio" in proc.stdout


def test_bench_plan_counts_instructions_with_valgrind(tmp_path: Path) -> None:
    # a stand-in valgrind: the bench runs the command through it and reads its count
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "valgrind"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import subprocess, sys\n"
        "code = subprocess.run(sys.argv[3:], stdout=subprocess.DEVNULL).returncode\n"
        "count = 7000 if 'json.load' in ' '.join(sys.argv) else 14000\n"
        "sys.stderr.write(f'==1== Collected : {count}\\n')\n"
        "sys.exit(code)\n"
    )
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_plan.py"),
            *("--resources", "10", "--runs", "1", "--instructions", "--out", str(tmp_path)),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert "instructions: finops-gate 14,000, json.load 7,000: ratio 2.00x" in proc.stdout
