"""Benchmark: `finops-gate check --base --head` on 2,000 config files against plain parsing.

Writes two trees (base and head) of N application config files each, mixed YAML / JSON / TOML /
.env at realistic sizes (1-20 KB; about a third hold model settings, some LiteLLM proxy configs,
the rest database, logging, feature-flag and service settings), with a model switched in one
file in twenty on the head side. Prints the wall time of the gate divided by the time of a
`python -c` that parses the same files of both trees with PyYAML's C loader, `json`, `tomllib`
and a line split for .env (target: at most 3x), and the same ratio against one tree.
Usage: python bench/bench_models.py [--files N] [--runs N] [--out DIR]
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent  # the gate runs from here: this checkout's code
MODELS = ["gpt-4o-mini", "gpt-4o", "claude-3-5-sonnet-20241022", "gemini-1.5-flash", "o3-mini"]
SWITCH = {"gpt-4o-mini": "gpt-4-turbo", "gpt-4o": "gpt-4.1", "o3-mini": "o1"}

PARSE_BASELINE = """
import json, sys, tomllib, yaml
loader = yaml.CSafeLoader
for root in sys.argv[1:]:
    for path in open(root + "/FILES").read().split():
        text = open(root + "/" + path, encoding="utf-8").read()
        if path.endswith((".yaml", ".yml")):
            list(yaml.load_all(text, Loader=loader))
        elif path.endswith(".json"):
            json.loads(text)
        elif path.endswith(".toml"):
            tomllib.loads(text)
        else:
            dict(l.split("=", 1) for l in text.splitlines() if l and not l.startswith("#"))
"""


def _service_block(rng: random.Random, i: int) -> dict[str, Any]:
    return {
        "service": {"name": f"svc-{i}", "port": 8000 + i % 100, "replicas": rng.randint(1, 6)},
        "database": {
            "host": f"db-{i % 13}.internal",
            "pool": {"min": 2, "max": rng.choice([10, 20, 50]), "timeout_ms": 3000},
            "data_model": "relational",
        },
        "logging": {"level": rng.choice(["info", "warn", "debug"]), "format": "json"},
        "features": {f"flag_{k}": rng.random() < 0.5 for k in range(rng.randint(10, 60))},
        "routes": [
            {"path": f"/api/v1/r{k}", "timeout_ms": 500 + k, "retries": k % 3}
            for k in range(rng.randint(5, 80))
        ],
    }


def _llm_block(rng: random.Random, model: str) -> dict[str, Any]:
    return {
        "model": model,
        "temperature": round(rng.random(), 2),
        "max_tokens": rng.choice([256, 512, 1024, 4096]),
        "system_prompt_file": "prompts/default.md",
    }


def _content(i: int, rng: random.Random) -> dict[str, Any]:
    data = _service_block(rng, i)
    if i % 3 == 0:
        data["assistant"] = {"chat": _llm_block(rng, MODELS[i % len(MODELS)])}
        data["assistant"]["embeddings"] = {"embedding_model": "text-embedding-3-small"}
    if i % 50 == 0:
        data["model_list"] = [
            {"model_name": f"alias-{k}", "litellm_params": {"model": f"openai/{m}"}}
            for k, m in enumerate(MODELS)
        ]
    return data


def _toml(data: dict[str, Any]) -> str:
    lines: list[str] = []

    def scalar(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return str(v)
        return json.dumps(v)

    def table(prefix: str, d: dict[str, Any]) -> None:
        subs = {k: v for k, v in d.items() if isinstance(v, dict)}
        arrays = {k: v for k, v in d.items() if isinstance(v, list)}
        plain = {k: v for k, v in d.items() if k not in subs and k not in arrays}
        if plain:
            lines.append(f"[{prefix}]" if prefix else "")
            lines.extend(f"{k} = {scalar(v)}" for k, v in plain.items())
        for k, v in subs.items():
            table(f"{prefix}.{k}" if prefix else k, v)
        for k, items in arrays.items():
            for item in items:
                name = f"{prefix}.{k}" if prefix else k
                lines.append(f"[[{name}]]")
                flat = {a: b for a, b in item.items() if not isinstance(b, dict)}
                lines.extend(f"{a} = {scalar(b)}" for a, b in flat.items())
                for a, b in item.items():
                    if isinstance(b, dict):
                        lines.append(f"[{name}.{a}]")
                        lines.extend(f"{x} = {scalar(y)}" for x, y in b.items())

    table("", data)
    return "\n".join(lines) + "\n"


def _env(i: int, data: dict[str, Any]) -> str:
    flat = [f"SERVICE_NAME=svc-{i}", f"DATABASE_URL=postgres://db-{i % 13}/app"]
    flat += [f"FEATURE_{k.upper()}={str(v).lower()}" for k, v in data["features"].items()]
    chat = data.get("assistant", {}).get("chat")
    if chat:
        flat += [f"LLM_MODEL={chat['model']}", f"LLM_MAX_TOKENS={chat['max_tokens']}"]
    return "# generated\n" + "\n".join(flat) + "\n"


def _render(i: int, data: dict[str, Any]) -> tuple[str, str]:
    import yaml

    kind = ("yaml", "yaml", "json", "yaml", "toml", "env", "json", "yaml")[i % 8]
    folder = f"services/svc-{i // 8}"
    if kind == "yaml":
        return f"{folder}/config/app-{i}.yaml", yaml.safe_dump(data, sort_keys=False)
    if kind == "json":
        return f"{folder}/config/app-{i}.json", json.dumps(data, indent=2)
    if kind == "toml":
        return f"{folder}/app-{i}.toml", _toml(data)
    return f"{folder}/deploy/app-{i}.env", _env(i, data)


def _switch(data: dict[str, Any]) -> None:
    chat = data.get("assistant", {}).get("chat")
    if chat and chat["model"] in SWITCH:
        chat["model"] = SWITCH[chat["model"]]


def write_trees(out: Path, n: int) -> tuple[Path, Path, int]:
    base, head = out / "base", out / "head"
    for root in (base, head):
        shutil.rmtree(root, ignore_errors=True)
    total = 0
    listing: list[str] = []
    for i in range(n):
        data = _content(i, random.Random(i))
        rel, text = _render(i, data)
        if i % 20 == 0:
            _switch(data)
        _, head_text = _render(i, data)
        for root, body in ((base, text), (head, head_text)):
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        listing.append(rel)
        total += len(text.encode())
    (base / ".finops-gate.yml").write_text(
        "version: 1\nusage:\n  models:\n    default: {requests_per_month: 100000, "
        "input_tokens: 1200, output_tokens: 300}\n"
    )
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
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
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
    both = [sys.executable, "-c", PARSE_BASELINE, str(base), str(head)]
    one = [sys.executable, "-c", PARSE_BASELINE, str(head)]
    t_gate, t_both, t_one = (_time(c, runs) for c in (gate, both, one))
    print(f"tree: {files} files per side, {size / 1e6:.1f} MB per side")
    print(f"settings found: {len(doc['resources'])}, changed: {changed}")
    print(f"finops-gate check --base --head: {t_gate:.3f} s (median of {runs})")
    print(f"parse both trees (PyYAML C loader + json + tomllib): {t_both:.3f} s")
    print(f"parse one tree: {t_one:.3f} s")
    print(f"time ratio: {t_gate / t_both:.2f}x of parsing both trees (target <= 3x); "
          f"{t_gate / t_one:.2f}x of parsing one tree")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
