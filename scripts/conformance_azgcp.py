"""Print finops-gate's agreement with Infracost's Azure and Google golden test cases, per type.

    python scripts/conformance_azgcp.py                 # the per-type table, both clouds
    python scripts/conformance_azgcp.py --details       # one row per resource that does not match
    python scripts/conformance_azgcp.py --unexplained   # only the rows no allow-list entry covers

Goldens are read from ../shared/reference-data/infracost-goldens/{azure,google} (or the folders
beside $FINOPS_GOLDENS) by the same oracle as the AWS suite (tests/conformance/oracle.py); only
the types finops-gate prices or lists as free are compared, through the .tf reader (no azurerm or
google provider is available offline for terraform plan). Every difference is explained, one
reason each, in tests/estimate/{azure,gcp}/conformance_allowlist.yml; the test
tests/estimate/gcp/test_conformance.py fails on an unexplained difference or a stale entry.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conformance import allowlist
from tests.conformance.oracle import Outcome, goldens_dir
from tests.estimate.gcp.test_conformance import ALLOWLISTS, in_scope, outcomes


def table(rows: list[Outcome]) -> str:
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for o in rows:
        by_kind[o.kind][o.verdict] += 1
    head = f"{'type':<46} {'total':>5} {'within 1%':>9} {'off':>4} {'unpriced':>8} {'$0':>3}"
    lines = [head]
    for kind, c in [*sorted(by_kind.items()), ("ALL", Counter(o.verdict for o in rows))]:
        total = sum(c.values())
        lines.append(
            f"{kind:<46} {total:>5} {c['match']:>9} {c['off']:>4} {c['unpriced']:>8}"
            f" {c['silent-zero']:>3}"
        )
    return "\n".join(lines)


def details(rows: list[Outcome], cloud: str, *, only_unexplained: bool) -> str:
    entries = allowlist.load(ALLOWLISTS[cloud])
    out = []
    for o in rows:
        if o.verdict == "match":
            continue
        explained = allowlist.covers(entries, o)
        if only_unexplained and explained:
            continue
        mark = " " if explained else "!"
        out.append(
            f"{mark}{o.verdict:<8} {o.case}: {o.address} golden={o.golden} ours={o.ours}"
            f" ({o.status}) {o.reason[:160]}"
        )
    return "\n".join(out)


def main() -> int:
    for cloud in ("azure", "google"):
        if not goldens_dir(cloud=cloud).is_dir():
            print(f"{goldens_dir(cloud=cloud)}: goldens not found", file=sys.stderr)
            return 2
        rows = [o for o in outcomes(cloud) if in_scope(o)]
        print(f"== {cloud}")
        print(table(rows))
        if "--details" in sys.argv or "--unexplained" in sys.argv:
            print(details(rows, cloud, only_unexplained="--unexplained" in sys.argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
