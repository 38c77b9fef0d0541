"""Shared by the benchmarks: run a child process, return its wall time and peak memory."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path


def run_cpu(cmd: Sequence[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (bytes) of one child process;
    its exit code must be 0-1. CPU time is the steadier figure on a shared machine."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    _, status, rusage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd[:4])}... exited {code}: {err.strip()[-400:]}")
    return elapsed, rusage.ru_utime + rusage.ru_stime, rusage.ru_maxrss * 1024


def run(cmd: Sequence[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one child process; its exit code must be 0-1."""
    elapsed, _, peak = run_cpu(cmd, cwd)
    return elapsed, peak


def instructions(cmd: Sequence[str], cwd: Path | None = None) -> int | None:
    """Instructions one child process executes, counted by valgrind's callgrind (the same count
    from run to run, where time on a shared machine varies 2x); None where valgrind is not
    installed. About 50 times slower than the process itself."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = f"--callgrind-out-file={Path(tmp) / 'callgrind.out'}"
        proc = subprocess.run(
            [valgrind, "--tool=callgrind", out, *cmd],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            check=False,
        )
    found = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
    if proc.returncode not in (0, 1) or found is None:
        raise SystemExit(f"valgrind {' '.join(cmd[:4])}... failed: {proc.stderr.strip()[-400:]}")
    return int(found.group(1))


def median_runs(cmd: Sequence[str], runs: int, cwd: Path | None = None) -> tuple[float, int]:
    """Median wall time and the highest peak memory over ``runs`` runs."""
    results = [run(cmd, cwd) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def median_cpu_runs(
    cmd: Sequence[str], runs: int, cwd: Path | None = None
) -> tuple[float, float, int]:
    """Median wall time, median CPU time and the highest peak memory over ``runs`` runs."""
    results = [run_cpu(cmd, cwd) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        max(r[2] for r in results),
    )


def compiled() -> None:
    """Write the package's bytecode, as ``pip install`` of the wheel does: an editable checkout
    run with PYTHONDONTWRITEBYTECODE (as on CI) would otherwise compile every module from
    source on every run, a cost no installed user pays (click, the baseline, is compiled)."""
    import compileall

    package = Path(__file__).resolve().parent.parent / "finops_gate"
    if package.is_dir():
        compileall.compile_dir(str(package), quiet=1)


def gate() -> list[str]:
    """The installed console script, or the module when only the checkout is there (its
    bytecode written first, see ``compiled``)."""
    compiled()
    script = shutil.which("finops-gate")
    return [script] if script else [sys.executable, "-m", "finops_gate.cli"]


def memory_line(peak: int, fixed: int, size: int, what: str) -> str:
    """The memory figure every tree benchmark prints, measured one way.

    ``peak`` is the run's peak RSS; ``fixed`` the peak RSS of the very same command on a
    minimal input of the same kind (one root, one manifest, a 30-file repository): the
    interpreter, the imported modules, the catalogs and the parser's tables, a cost that does
    not grow with the input. What is above it is what the input costs, compared with ``size``,
    the bytes of the input's source files on one side (``what``). Counting the fixed cost
    against a small input would say nothing about how memory grows; leaving out the process
    baseline alone (``python -c pass``) would still charge the imports to the input."""
    above = max(peak - fixed, 0)
    return (
        f"peak memory: {peak / 1e6:.1f} MB; the same command on a minimal input: "
        f"{fixed / 1e6:.1f} MB (fixed: interpreter, imports, catalogs); above it: "
        f"{above / 1e6:.1f} MB = {above / size:.1f}x {what} ({size / 1e6:.2f} MB; target < 5x)"
    )
