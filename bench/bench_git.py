"""Benchmark: git mode in a large monorepo. `finops-gate check REPO --base-ref main` after a
one-file change against `git diff --name-only main` in the same repository (the cost of finding
the change at all).

The repository holds --files files (default 10,000): a third small Terraform roots, a third
Kubernetes manifests and model configs, the rest application code; the change edits one
manifest (replicas 2 -> 5). Prints the time ratio and the gate's peak memory above the same
command in a 30-file repository (_measure.memory_line). --whole also times --all-resources (what
budgets need: the base commit written out of git and every file of both sides read and priced).
Usage: python bench/bench_git.py [--files N] [--runs N] [--out DIR] [--whole]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import gate, median_cpu_runs, memory_line

TF = """provider "aws" {{
  region = "us-east-1"
}}

resource "aws_instance" "app{i}" {{
  ami           = "ami-{i:08x}"
  instance_type = "t3.{size}"
  tags = {{ "finops:team" = "t{team}", "finops:service" = "s{i}" }}
}}
"""
MANIFEST = """apiVersion: apps/v1
kind: Deployment
metadata: {{name: web{i}, namespace: ns{team}}}
spec:
  replicas: {replicas}
  selector: {{matchLabels: {{app: web{i}}}}}
  template:
    metadata: {{labels: {{app: web{i}}}}}
    spec:
      containers:
        - name: web
          image: nginx
          resources: {{requests: {{cpu: 250m, memory: 256Mi}}}}
"""
MODEL = "assistant:\n  model: gpt-4o-mini\n  temperature: 0.{i}\n"
CODE = "def handler_{i}(event):\n    return {{'status': {i}}}\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def build(repo: Path, files: int) -> Path:
    """The repository at its base commit; returns the file the change edits."""
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "bench@example.com")
    git(repo, "config", "user.name", "bench")
    third = files // 3
    for i in range(files):
        team = i % 23
        if i < third:
            path = repo / "infra" / f"stack{i:05d}" / "main.tf"
            text = TF.format(i=i, size=("micro", "small", "medium")[i % 3], team=team)
        elif i < 2 * third:
            if i % 5:
                path = repo / "k8s" / f"team{team}" / f"web{i:05d}.yaml"
                text = MANIFEST.format(i=i, team=team, replicas=2)
            else:
                path = repo / "services" / f"svc{i:05d}" / "config.yaml"
                text = MODEL.format(i=i)
        else:
            path = repo / "src" / f"pkg{i % 97:02d}" / f"mod{i:05d}.py"
            text = CODE.format(i=i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "change")
    target = next(p for p in sorted((repo / "k8s").rglob("*.yaml")))
    target.write_text(target.read_text(encoding="utf-8").replace("replicas: 2", "replicas: 5"))
    git(repo, "commit", "-q", "-am", "scale one deployment")
    return target


def _check(repo: Path, report: Path, *extra: str) -> list[str]:
    return [
        *gate(),
        "check",
        str(repo),
        "--base-ref",
        "main",
        "--format",
        "json",
        "--out",
        str(report),
        *extra,
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument(
        "--whole",
        action="store_true",
        help="also time --all-resources: the base commit written out and every file read",
    )
    args = parser.parse_args()
    repo = args.out.resolve() / "monorepo"
    changed = build(repo, args.files)
    small = args.out.resolve() / "monorepo-small"
    build(small, 30)
    g, g_cpu, peak = median_cpu_runs(
        _check(repo, args.out.resolve() / "git-report.json"), args.runs
    )
    base = ["git", "-C", str(repo), "diff", "--name-only", "main"]
    b, b_cpu, _ = median_cpu_runs(base, max(args.runs, 5))
    _, _, fixed = median_cpu_runs(_check(small, args.out.resolve() / "git-small.json"), args.runs)
    size = sum(p.stat().st_size for p in repo.rglob("*") if ".git" not in p.parts and p.is_file())
    print(f"repository: {args.files} files, one changed ({changed.relative_to(repo)})")
    print(
        f"git diff --name-only: {b:.3f} s   finops-gate check --base-ref: {g:.3f} s"
        f"   (median of {args.runs})"
    )
    print(f"time ratio: {g / b:.1f}x   CPU time ratio: {g_cpu / b_cpu:.1f}x")
    print(memory_line(peak, fixed, size, "the repository's files"))
    report = json.loads((args.out.resolve() / "git-report.json").read_text(encoding="utf-8"))
    for note in report.get("notes", []):
        if "on each side" in note:
            print(f"report: {note}")
    if args.whole:
        whole = _check(repo, args.out.resolve() / "git-whole.json", "--all-resources")
        w, w_cpu, w_peak = median_cpu_runs(whole, args.runs)
        small_whole = _check(small, args.out.resolve() / "git-small.json", "--all-resources")
        _, _, w_fixed = median_cpu_runs(small_whole, args.runs)
        print(
            f"--all-resources (the base commit written out, every file of both sides read and"
            f" priced): {w:.3f} s   CPU {w_cpu:.3f} s   ({w / g:.1f}x the scoped check)"
        )
        print("whole-tree " + memory_line(w_peak, w_fixed, size, "the repository's files"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
