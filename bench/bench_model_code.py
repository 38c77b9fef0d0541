"""Benchmark: `finops-gate check --base --head` on a 20,000-file Python repository.

Writes two trees of N Python modules each (2-12 KB): most are ordinary application code (some
Django-style models that say "model", none calling an LLM), one in fifty wraps an LLM client
(constants, wrapper defaults, client calls), and the head side changes a wrapper default in ten
of them. Prints the gate's wall time against a `python -c` that only runs `ast.parse` over every
module of ONE tree (the cost a naive scanner pays per side), and how many modules the gate
could skip without parsing (their bytes say nothing of models) or parsed once for both sides
(the same bytes on both sides).
Usage: python bench/bench_model_code.py [--files N] [--runs N] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the gate runs from here: this checkout's code

PARSE_BASELINE = """
import ast, sys
root = sys.argv[1]
for path in open(root + "/FILES").read().split():
    ast.parse(open(root + "/" + path, encoding="utf-8").read())
"""

PLAIN = '''"""Module {i}: request handlers."""

import json
import logging

log = logging.getLogger(__name__)
TIMEOUT_S = {timeout}


class Handler{i}:
    def __init__(self, repo, cache=None):
        self.repo = repo
        self.cache = cache or {{}}

    def get(self, key):
        if key in self.cache:
            return self.cache[key]
        value = self.repo.fetch(key, timeout=TIMEOUT_S)
        self.cache[key] = value
        return value

'''
ORM = '''"""Module {i}: data models."""

from django.db import models


class Invoice{i}(models.Model):
    number = models.CharField(max_length=32)
    total = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["number"]

'''
LLM = '''"""Module {i}: the assistant of feature {i}."""

import os
from openai import OpenAI
from langchain_openai import ChatOpenAI

DEFAULT_MODEL = "{model}"
EMBEDDING_MODEL = os.getenv("EMBEDDING_MODEL", "text-embedding-3-small")
_client = OpenAI()


def complete(prompt, model="{wrapper}", max_tokens=400):
    return _client.chat.completions.create(
        model=model, max_tokens=max_tokens, messages=[{{"role": "user", "content": prompt}}]
    )


def classify(text):
    return _client.chat.completions.create(model=DEFAULT_MODEL, messages=[])


def summarize(text):
    return complete("Summarize: " + text)


chain = ChatOpenAI(model="gpt-4o-mini", temperature=0)
'''


def _module(i: int, rng: random.Random, *, head: bool) -> str:
    if i % 50 == 0:
        switched = head and i % 2000 == 0
        return LLM.format(
            i=i, model="gpt-4o-mini", wrapper="gpt-4-turbo" if switched else "gpt-4o-mini"
        )
    body = (ORM if i % 7 == 0 else PLAIN).format(i=i, timeout=rng.randint(1, 30))
    extra = "".join(
        f"\n\ndef helper_{i}_{k}(x, y={k}):\n    return json.dumps({{'x': x, 'y': y}})\n"
        for k in range(rng.randint(5, 60))
    )
    return body + extra


def write_trees(out: Path, n: int) -> tuple[Path, Path, int]:
    base, head = out / "base", out / "head"
    for root in (base, head):
        shutil.rmtree(root, ignore_errors=True)
    total = 0
    listing: list[str] = []
    for i in range(n):
        rel = f"app/pkg_{i // 200}/mod_{i}.py"
        for root, is_head in ((base, False), (head, True)):
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            text = _module(i, random.Random(i), head=is_head)
            path.write_text(text, encoding="utf-8")
            if not is_head:
                total += len(text.encode())
        listing.append(rel)
    for root in (base, head):  # the baseline reads this list; the gate ignores it
        (root / "FILES").write_text("\n".join(listing) + "\n")
    return base, head, total


def _time(cmd: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="default: a temporary directory")
    args = parser.parse_args()
    if args.out is None:
        with tempfile.TemporaryDirectory(prefix="finops-gate-bench-") as tmp:
            return run(args.files, args.runs, Path(tmp))
    return run(args.files, args.runs, args.out.resolve())


def run(files: int, runs: int, out: Path) -> int:
    base, head, size = write_trees(out, files)
    gate = [
        sys.executable, "-m", "finops_gate.cli", "check",
        "--base", str(base), "--head", str(head), "--format", "json",
    ]  # fmt: skip
    check = subprocess.run(gate, capture_output=True, text=True, check=False, cwd=ROOT)
    if check.returncode not in (0, 1):
        print(check.stderr, file=sys.stderr)
        return 1
    doc = json.loads(check.stdout)
    changed = sum(1 for r in doc["resources"] if r["action"] != "no-op")
    one = [sys.executable, "-c", PARSE_BASELINE, str(base)]
    t_gate, t_one = _time(gate, runs), _time(one, runs)
    print(f"tree: {files} Python modules per side, {size / 1e6:.1f} MB per side")
    print(f"settings found: {len(doc['resources'])}, changed: {changed}")
    print(f"finops-gate check --base --head: {t_gate:.3f} s (median of {runs})")
    print(f"ast.parse of every module of one tree: {t_one:.3f} s")
    print(f"time ratio: {t_gate / t_one:.2f}x of parsing one tree with ast")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
