"""Benchmark: the fixed cost of a run. `finops-gate check --plan tiny.json --format json` on a
one-resource plan against `python -c "import click"` (target: within 1.5x).

Usage: python bench/bench_startup.py [--runs N] [--out DIR] [--instructions]

Wall and CPU time vary by 2x on a shared machine; ``--instructions`` also counts the
instructions both commands execute (valgrind's callgrind, git and other children included),
a figure that does not move with the load.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import gate, median_cpu_runs, median_runs

TINY = {
    "format_version": "1.2",
    "terraform_version": "1.9.8",
    "resource_changes": [
        {
            "address": "aws_instance.web",
            "mode": "managed",
            "type": "aws_instance",
            "name": "web",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {
                "actions": ["create"],
                "before": None,
                "after": {"instance_type": "t3.medium", "tags": {"finops:team": "web"}},
                "after_unknown": {"id": True},
            },
        }
    ],
    "configuration": {
        "provider_config": {
            "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
        },
        "root_module": {
            "resources": [
                {
                    "address": "aws_instance.web",
                    "mode": "managed",
                    "type": "aws_instance",
                    "name": "web",
                    "provider_config_key": "aws",
                }
            ]
        },
    },
}


def instructions(cmd: list[str]) -> int:
    """Instructions executed by ``cmd`` and its children, counted by valgrind's callgrind."""
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "--trace-children=yes",
         *cmd],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )  # fmt: skip
    counts = [int(n) for n in re.findall(r"Collected : (\d+)", proc.stderr)]
    if proc.returncode not in (0, 1) or not counts:
        raise SystemExit(f"valgrind {' '.join(cmd[:3])}...: {proc.stderr.strip()[-400:]}")
    return sum(counts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (needs valgrind)"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    plan = args.out / "tiny.json"
    plan.write_text(json.dumps(TINY), encoding="utf-8")
    cmd = [
        *gate(),
        "check",
        str(args.out),
        "--plan",
        str(plan),
        "--format",
        "json",
        "--out",
        str(args.out / "tiny-report.json"),
    ]
    base = [sys.executable, "-c", "import click"]
    median_runs(cmd, 1)  # warm the file cache and the bytecode
    g, g_cpu, peak = median_cpu_runs(cmd, args.runs)
    b, b_cpu, _ = median_cpu_runs(base, args.runs)
    print(
        f"import click: {b:.3f} s   finops-gate check (1 resource): {g:.3f} s"
        f"   (median of {args.runs})"
    )
    print(
        f"time ratio: {g / b:.2f}x (target <= 1.5x)   CPU time ratio: {g_cpu / b_cpu:.2f}x"
        f"   peak memory: {peak / 1e6:.0f} MB"
    )
    if args.instructions:
        if shutil.which("valgrind") is None:
            raise SystemExit("--instructions needs valgrind on PATH")
        g_ir, b_ir = instructions(cmd), instructions(base)
        print(
            f"instructions: import click {b_ir / 1e6:.0f}M   finops-gate check {g_ir / 1e6:.0f}M"
            f"   ratio: {g_ir / b_ir:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
