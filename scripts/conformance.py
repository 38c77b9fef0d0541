"""Print finops-gate's agreement with Infracost's AWS golden test cases, per resource type.

    python scripts/conformance.py                   # plan mode where a cached plan exists, else .tf
    python scripts/conformance.py --make-plans      # first make the plans (terraform, slow, cached)
    python scripts/conformance.py --mode hcl        # the .tf reader only
    python scripts/conformance.py --details         # one row per resource that does not match

Goldens are read from ../shared/reference-data/infracost-goldens/aws (--goldens, FINOPS_GOLDENS).
``--make-plans`` runs ``terraform init/plan/show -json`` per case in a scratch directory with the
provider taken from a local filesystem mirror (``--mirror``, default /opt/tf-plugins) and never the
network: the goldens' provider blocks use mock credentials and skip every account look-up.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from finops_gate.estimate.terraform import FREE, MAPPERS
from tests.conformance import allowlist
from tests.conformance.oracle import CACHE, Outcome, cases, goldens_dir, plan_path, run_all

_RC = """provider_installation {{
  filesystem_mirror {{
    path    = "{mirror}"
    include = ["registry.terraform.io/*/*"]
  }}
  direct {{
    exclude = ["registry.terraform.io/*/*"]
  }}
}}
"""


def make_plan(case: Path, rc: Path, cache: Path) -> str:
    target = plan_path(case, cache)
    if target.is_file():
        return f"{case.name}: cached"
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(rc), "TF_IN_AUTOMATION": "1"}
    env.pop("AWS_PROFILE", None)
    with tempfile.TemporaryDirectory(prefix="conformance-") as tmp:
        for tf in case.glob("*.tf"):
            text = tf.read_text(encoding="utf-8")
            Path(tmp, tf.name).write_text(without_registry_modules(text), encoding="utf-8")
        steps = [
            ["terraform", "init", "-input=false", "-no-color", "-backend=false"],
            ["terraform", "plan", "-input=false", "-no-color", "-refresh=false", "-out=tfplan"],
        ]
        for cmd in steps:
            done = subprocess.run(
                cmd, cwd=tmp, env=env, capture_output=True, text=True, timeout=600
            )
            if done.returncode != 0:
                last = (done.stderr or done.stdout).strip().splitlines()[-3:]
                return f"{case.name}: {cmd[1]} failed: {' | '.join(last)}"
        shown = subprocess.run(
            ["terraform", "show", "-json", "tfplan"],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if shown.returncode != 0:
            return f"{case.name}: show failed"
        target.write_text(shown.stdout, encoding="utf-8")
    return f"{case.name}: planned"


_MODULE = re.compile(r'^module\s+"[^"]+"\s*\{', re.MULTILINE)
_LOCAL_SOURCE = re.compile(r'^\s*source\s*=\s*"\.{1,2}/', re.MULTILINE)


def without_registry_modules(text: str) -> str:
    """``text`` without its ``module`` blocks sourced from a registry: the machine has no
    network, so those modules cannot be fetched; their resources come out *missing* (counted,
    never matched), the rest of the case is planned as written."""
    out, pos = [], 0
    for found in _MODULE.finditer(text):
        if found.start() < pos:
            continue
        depth, end = 0, found.end() - 1
        for end in range(found.end() - 1, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                break
        block = text[found.start() : end + 1]
        if _LOCAL_SOURCE.search(block):
            continue
        out.append(text[pos : found.start()])
        pos = end + 1
    out.append(text[pos:])
    return "".join(out)


def make_plans(root: Path, mirror: str, jobs: int, cache: Path) -> None:
    if shutil.which("terraform") is None:
        sys.exit("terraform is not on PATH; install it or run with --mode hcl")
    cache.mkdir(exist_ok=True)
    rc = cache / "terraform.rc"
    rc.write_text(_RC.format(mirror=mirror), encoding="utf-8")
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for line in pool.map(lambda c: make_plan(c, rc, cache), cases(root)):
            print(line, flush=True)


def table(outcomes: list[Outcome]) -> str:
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for o in outcomes:
        by_type[o.kind][o.verdict] += 1
    head = f"{'type':<50} {'n':>4} {'match':>6} {'off':>4} {'unpr':>5} {'$0!':>4} {'allowed':>7}"
    rows = [head, "-" * len(head)]
    allowed = allowlist.load()
    allowed_by_type: Counter[str] = Counter(
        o.kind for o in outcomes if o.verdict != "match" and allowlist.covers(allowed, o)
    )
    for kind in sorted(by_type):
        c = by_type[kind]
        claim = "" if kind in MAPPERS or kind in FREE else " (unsupported)"
        rows.append(
            f"{kind + claim:<50} {sum(c.values()):>4} {c['match']:>6} {c['off']:>4}"
            f" {c['unpriced']:>5} {c['silent-zero']:>4} {allowed_by_type[kind]:>7}"
        )
    rows.append("-" * len(head))
    rows.append(summary(outcomes, "all golden resources"))
    in_scope = [o for o in outcomes if o.kind in MAPPERS or o.kind in FREE]
    rows.append(summary(in_scope, "in scope (types finops-gate prices or lists free)"))
    _, _, matched, measured = allowlist.agreement(allowed, in_scope)
    rows.append(
        f"in scope, without the differences that are the golden's own"
        f" ({' / '.join(allowlist.GOLDENS_OWN)} entries): {measured} resources, {matched} within"
        f" 1% ({100 * matched / (measured or 1):.1f}%)"
    )
    modes = Counter(o.mode for o in outcomes)
    rows.append(f"modes: {dict(sorted(modes.items()))}")
    return "\n".join(rows)


def summary(outcomes: list[Outcome], label: str) -> str:
    c = Counter(o.verdict for o in outcomes)
    n = len(outcomes) or 1
    allowed = allowlist.load()
    unexplained = [o for o in outcomes if o.verdict != "match" and not allowlist.covers(allowed, o)]
    return (
        f"{label}: {len(outcomes)} resources, {c['match']} within 1% ({100 * c['match'] / n:.1f}%),"
        f" {c['off']} off, {c['unpriced']} unpriced, {c['silent-zero']} silent $0;"
        f" {len(unexplained)} not explained by the allow-list"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goldens", help="folder of the AWS golden cases")
    parser.add_argument("--mode", choices=["plan", "hcl"], default="plan")
    parser.add_argument("--make-plans", action="store_true", help="run terraform for missing plans")
    parser.add_argument("--mirror", default="/opt/tf-plugins", help="terraform provider mirror")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--type", action="append", help="only these resource types")
    args = parser.parse_args()
    root = goldens_dir(args.goldens)
    if not root.is_dir():
        sys.exit(f"{root}: goldens not found; pass --goldens or set FINOPS_GOLDENS")
    if args.make_plans:
        make_plans(root, args.mirror, args.jobs, CACHE)
    outcomes = run_all(root, args.mode, CACHE)
    if args.type:
        outcomes = [o for o in outcomes if o.kind in args.type]
    print(table(outcomes))
    if args.details:
        allowed = allowlist.load()
        for o in outcomes:
            if o.verdict == "match":
                continue
            mark = "allowed" if allowlist.covers(allowed, o) else "UNEXPLAINED"
            print(
                f"{mark:<11} {o.verdict:<11} {o.case:<40} {o.address:<60} golden={o.golden}"
                f" ours={o.ours} [{o.status}] {o.reason[:100]}"
            )


if __name__ == "__main__":
    main()
