"""The model-settings benchmark runs (its figures are read by people, not asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_models_benchmark_runs_on_a_small_tree(tmp_path: Path) -> None:
    script = str(ROOT / "bench" / "bench_models.py")
    proc = subprocess.run(
        [sys.executable, script, "--files", "40", "--runs", "1", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "time ratio:" in proc.stdout and "settings found:" in proc.stdout
