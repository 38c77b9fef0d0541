"""Benchmark: `finops-gate check --base --head` on a 20,000-file repository of Python and
TypeScript source, with one change.

Writes two trees of N source files each (2-12 KB), half Python modules and half TypeScript
modules (``--python-only``: all Python): most are ordinary application code (some Django-style
models and React components that say "model", none calling an LLM), one in fifty wraps an LLM
client (constants, wrapper defaults, client calls; in TypeScript the OpenAI SDK and the Vercel
AI SDK), and the head side changes ONE wrapper default (``--changes N``: N of them). Prints the
gate's wall time against a `python -c` that only parses every file of ONE tree (``ast.parse``
for Python, this repository's own TS/JS tokenizer for TypeScript: the cost a naive scanner pays
per side).
Usage: python bench/bench_model_code.py [--files N] [--changes N] [--python-only] [--runs N]
       [--out DIR]
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
from finops_gate.sources.model_code_jslex import tokenize
root = sys.argv[1]
for path in open(root + "/FILES").read().split():
    text = open(root + "/" + path, encoding="utf-8").read()
    if path.endswith(".py"):
        ast.parse(text)
    else:
        tokenize(text, jsx=path.endswith(".tsx"), tsx=path.endswith(".tsx"))
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


PLAIN_TS = """/** Module {i}: request handlers. */
import {{ z }} from "zod";
import type {{ Repo }} from "../repo";

const TIMEOUT_MS = {timeout}000;

export class Handler{i} {{
  private cache = new Map<string, unknown>();
  constructor(private repo: Repo) {{}}

  async get(key: string): Promise<unknown> {{
    if (this.cache.has(key)) return this.cache.get(key);
    const value = await this.repo.fetch(key, {{ timeout: TIMEOUT_MS }});
    this.cache.set(key, value);
    return value;
  }}
}}
"""
COMPONENT_TSX = """import {{ useState }} from "react";

// the view model of page {i}: not an AI model
export function Page{i}({{ model }}: {{ model: {{ title: string }} }}) {{
  const [open, setOpen] = useState(false);
  return (
    <section className="page-{i}" onClick={{() => setOpen(!open)}}>
      <h1>{{model.title}}</h1>
      {{open && <p>Model {{model.title}} is open; "gpt-4" here is text.</p>}}
    </section>
  );
}}
"""
LLM_TS = """/** The assistant of feature {i}. */
import OpenAI from "openai";
import {{ generateText }} from "ai";
import {{ openai }} from "@ai-sdk/openai";

export const DEFAULT_MODEL = "{model}";
const client = new OpenAI();

export async function complete(prompt: string, model = "{wrapper}") {{
  return client.chat.completions.create({{ model, max_tokens: 400, messages: [] }});
}}

export const classify = (text: string) =>
  client.chat.completions.create({{ model: DEFAULT_MODEL, messages: [] }});

export const summarize = (text: string) => complete(`Summarize: ${{text}}`);

export const draft = (prompt: string) => generateText({{ model: openai("gpt-4o-mini"), prompt }});
"""


def _module(i: int, rng: random.Random, *, head: bool, switched: set[int], ts: bool) -> str:
    if i % 50 == 0:
        wrapper = "gpt-4-turbo" if head and i in switched else "gpt-4o-mini"
        return (LLM_TS if ts else LLM).format(i=i, model="gpt-4o-mini", wrapper=wrapper)
    if ts:
        body = (COMPONENT_TSX if i % 7 == 0 else PLAIN_TS).format(i=i, timeout=rng.randint(1, 30))
        extra = "".join(
            f"\nexport function helper{i}_{k}(x: number, y = {k}): string {{\n"
            f"  return JSON.stringify({{ x, y }});\n}}\n"
            for k in range(rng.randint(5, 60))
        )
        return body + extra
    body = (ORM if i % 7 == 0 else PLAIN).format(i=i, timeout=rng.randint(1, 30))
    extra = "".join(
        f"\n\ndef helper_{i}_{k}(x, y={k}):\n    return json.dumps({{'x': x, 'y': y}})\n"
        for k in range(rng.randint(5, 60))
    )
    return body + extra


def _rel(i: int, ts: bool) -> str:
    if not ts:
        return f"app/pkg_{i // 200}/mod_{i}.py"
    ext = "tsx" if i % 7 == 0 and i % 50 else "ts"
    return f"web/src/pkg_{i // 200}/mod_{i}.{ext}"


def write_trees(
    out: Path, n: int, *, changes: int = 1, python_only: bool = False
) -> tuple[Path, Path, int]:
    base, head = out / "base", out / "head"
    for root in (base, head):
        shutil.rmtree(root, ignore_errors=True)
    total = 0
    listing: list[str] = []
    wrappers = [i for i in range(0, n, 50)]
    step = max(1, len(wrappers) // max(changes, 1))
    switched = set(wrappers[::step][:changes])
    for i in range(n):
        ts = not python_only and i % 100 >= 50  # half Python, half TypeScript, in runs of 50
        rel = _rel(i, ts)
        for root, is_head in ((base, False), (head, True)):
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            text = _module(i, random.Random(i), head=is_head, switched=switched, ts=ts)
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
    parser.add_argument("--changes", type=int, default=1, help="wrapper defaults switched")
    parser.add_argument("--python-only", action="store_true", help="no TypeScript files")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="default: a temporary directory")
    args = parser.parse_args()
    if args.out is None:
        with tempfile.TemporaryDirectory(prefix="finops-gate-bench-") as tmp:
            return run(args.files, args.runs, Path(tmp), args.changes, args.python_only)
    return run(args.files, args.runs, args.out.resolve(), args.changes, args.python_only)


def run(files: int, runs: int, out: Path, changes: int = 1, python_only: bool = False) -> int:
    base, head, size = write_trees(out, files, changes=changes, python_only=python_only)
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
    kinds = "Python modules" if python_only else "source files (half Python, half TypeScript)"
    print(f"tree: {files} {kinds} per side, {size / 1e6:.1f} MB per side, {changes} changed")
    print(f"settings found: {len(doc['resources'])}, changed: {changed}")
    print(f"finops-gate check --base --head: {t_gate:.3f} s (median of {runs})")
    print(f"parsing every file of one tree (ast / TS tokenizer): {t_one:.3f} s")
    print(f"time ratio: {t_gate / t_one:.2f}x of parsing one tree")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
