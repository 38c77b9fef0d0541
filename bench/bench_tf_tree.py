"""Benchmark: a `.tf` monorepo with one file changed (`--base DIR --head DIR`) against
python-hcl2 parsing the changed root module's files alone (target: at most 2x).

--files .tf files (default 2,000) in roots of --per-root files each: a provider, variables,
locals and resources per root. The change resizes one instance in one root.
Usage: python bench/bench_tf_tree.py [--files N] [--per-root N] [--runs N] [--out DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import gate, median_cpu_runs

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2_000)
    parser.add_argument("--per-root", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    args = parser.parse_args()
    out = args.out.resolve()
    base, head = out / "tf-base", out / "tf-head"
    build(base, args.files, args.per_root)
    changed_root = build(head, args.files, args.per_root)
    target = head / "stacks" / "s0000" / "variables.tf"
    target.write_text(VARIABLES.replace("t3.medium", "m5.4xlarge"), encoding="utf-8")
    cmd = [
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
        str(out / "tf-report.json"),
    ]
    parse = (
        "import hcl2, sys\n"
        "for f in sys.argv[1:]:\n"
        "    with open(f, encoding='utf-8') as h: hcl2.load(h)\n"
    )
    base_cmd = [sys.executable, "-c", parse, *map(str, changed_root)]
    g, g_cpu, peak = median_cpu_runs(cmd, args.runs)
    b, b_cpu, b_peak = median_cpu_runs(base_cmd, args.runs)
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
        f"peak memory: {peak / 1e6:.0f} MB (python-hcl2 alone: {b_peak / 1e6:.0f} MB);"
        f" above that: {(peak - b_peak) / size:.1f}x the tree's .tf bytes (one side)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
