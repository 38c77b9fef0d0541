"""Benchmark: a `.tf` monorepo with one file changed (`--base DIR --head DIR`) against
python-hcl2 parsing the changed root module's files alone (target: at most 2x).

--files .tf files (default 2,000) in roots of --per-root files each: a provider, variables,
locals and resources per root. The change resizes one instance in one root.
Also runs the same check with --all-resources (every file of both sides read, as budgets and
approval.percent_increase need) against python-hcl2 parsing every head file once; --no-whole
skips it. Peak memory is counted above the same command on a one-root tree (_measure.memory_line).
Usage: python bench/bench_tf_tree.py [--files N] [--per-root N] [--runs N] [--out DIR] [--no-whole]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import gate, median_cpu_runs, memory_line

PROVIDER = 'provider "aws" {\n  region = var.region\n}\n'
VARIABLES = (
    'variable "region" {\n  default = "us-east-1"\n}\n\n'
    'variable "size" {\n  default = "t3.medium"\n}\n'
)
RESOURCE = """locals {{
  name_{j} = "svc-{r}-{j}"
}}

resource "aws_instance" "app_{j}" {{
  ami           = "ami-0123456789abcdef0"
  instance_type = var.size
  tags = {{
    Name          = local.name_{j}
    "finops:team" = "team-{r}"
  }}
  root_block_device {{
    volume_size = {volume}
    volume_type = "gp3"
  }}
}}

resource "aws_ebs_volume" "data_{j}" {{
  availability_zone = "us-east-1a"
  size              = {volume}
  type              = "gp3"
}}
"""


def build(tree: Path, files: int, per_root: int) -> list[Path]:
    if tree.exists():
        shutil.rmtree(tree)
    roots = max(1, files // per_root)
    for r in range(roots):
        root = tree / f"stacks/s{r:04d}"
        root.mkdir(parents=True)
        (root / "providers.tf").write_text(PROVIDER, encoding="utf-8")
        (root / "variables.tf").write_text(VARIABLES, encoding="utf-8")
        for j in range(per_root - 2):
            text = RESOURCE.format(r=r, j=j, volume=20 + j)
            (root / f"app{j:02d}.tf").write_text(text, encoding="utf-8")
    return sorted((tree / "stacks" / "s0000").glob("*.tf"))


def _pair(out: Path, name: str, files: int, per_root: int) -> tuple[Path, Path, list[Path]]:
    """Base and head trees under ``out/name``; the head resizes one root's instances."""
    base, head = out / f"{name}-base", out / f"{name}-head"
    build(base, files, per_root)
    changed_root = build(head, files, per_root)
    target = head / "stacks" / "s0000" / "variables.tf"
    target.write_text(VARIABLES.replace("t3.medium", "m5.4xlarge"), encoding="utf-8")
    return base, head, changed_root


def _check(base: Path, head: Path, report: Path, *extra: str) -> list[str]:
    return [
        *gate(),
        "check",
        str(head),
        "--base",
        str(base),
        "--head",
        str(head),
        "--format",
        "json",
        "--out",
        str(report),
        *extra,
    ]


PARSE = (
    "import hcl2, sys\n"
    "for f in sys.argv[1:]:\n"
    "    with open(f, encoding='utf-8') as h: hcl2.load(h)\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2_000)
    parser.add_argument("--per-root", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument(
        "--no-whole", action="store_true", help="skip the --all-resources run (every file read)"
    )
    args = parser.parse_args()
    out = args.out.resolve()
    base, head, changed_root = _pair(out, "tf", args.files, args.per_root)
    small_base, small_head, _ = _pair(out, "tf-small", args.per_root, args.per_root)
    cmd = _check(base, head, out / "tf-report.json")
    base_cmd = [sys.executable, "-c", PARSE, *map(str, changed_root)]
    g, g_cpu, peak = median_cpu_runs(cmd, args.runs)
    b, b_cpu, _ = median_cpu_runs(base_cmd, args.runs)
    small = _check(small_base, small_head, out / "tf-small.json")
    one, one_cpu, fixed = median_cpu_runs(small, args.runs)
    size = sum(p.stat().st_size for p in head.rglob("*.tf"))
    print(
        f"tree: {args.files} .tf files in roots of {args.per_root}, {size / 1e6:.1f} MB;"
        " one file changed"
    )
    print(
        f"python-hcl2 on the changed root ({len(changed_root)} files): {b:.3f} s"
        f"   finops-gate check: {g:.3f} s   (median of {args.runs})"
    )
    print(f"time ratio: {g / b:.1f}x (target <= 2x)   CPU time ratio: {g_cpu / b_cpu:.1f}x")
    print(
        f"the same check of a one-root tree: {one:.3f} s (CPU {one_cpu:.3f} s): the other"
        f" {args.files - args.per_root} files add {g - one:+.3f} s (CPU {g_cpu - one_cpu:+.3f} s)"
    )
    print(memory_line(peak, fixed, size, "the tree's .tf bytes"))
    if args.no_whole:
        return 0
    whole = _check(base, head, out / "tf-whole.json", "--all-resources")
    w, w_cpu, w_peak = median_cpu_runs(whole, args.runs)
    files = sorted(head.rglob("*.tf"))
    every, every_cpu, _ = median_cpu_runs([sys.executable, "-c", PARSE, *map(str, files)], 1)
    small = _check(small_base, small_head, out / "tf-small.json", "--all-resources")
    _, _, w_fixed = median_cpu_runs(small, args.runs)
    print(
        f"--all-resources (every file of both sides; identical bytes parsed once): {w:.3f} s"
        f"   python-hcl2 on every head file once: {every:.3f} s"
    )
    print(f"whole-tree time ratio: {w / every:.2f}x   CPU time ratio: {w_cpu / every_cpu:.2f}x")
    print("whole-tree " + memory_line(w_peak, w_fixed, size, "the tree's .tf bytes"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
