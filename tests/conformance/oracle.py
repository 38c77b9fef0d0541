"""Run Infracost's golden test cases through finops-gate and compare per resource address.

One oracle for every cloud: ``cloud`` is ``aws`` (the default), ``azure`` or ``google``. The
goldens (``.tf``, ``.usage.yml`` and the expected cost table ``.golden`` of each case) are read
from ``../shared/reference-data/infracost-goldens/<cloud>`` beside the repository, or from the
path given; they are never copied into the repository. No azurerm/google provider is available
offline, so Azure and Google cases always go through the ``.tf`` reader. An AWS case is read
either from a cached ``terraform show -json`` plan (``plan`` mode: what a pipeline feeds the
gate) or through the ``.tf`` reader (``hcl`` mode). Plans are made by
``scripts/conformance.py --make-plans`` with the local terraform binary and provider mirror, and
cached under ``.conformance-cache/`` (gitignored).

A resource *matches* when its monthly total is within 1% (or one cent) of the golden's total.
The golden's usage-dependent lines without usage count as $0 there; ours count the same way.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from finops_gate.config import Settings
from finops_gate.estimate.engine import price_side
from finops_gate.model import Resource, SideCost, Status
from finops_gate.sources import terraform_hcl
from finops_gate.sources.terraform_plan import load_plan
from finops_gate.sources.tree import Tree

ROOT = Path(__file__).resolve().parents[2]
_GOLDENS = Path("shared", "reference-data", "infracost-goldens")
CLOUDS = ("aws", "azure", "google")
CACHE = ROOT / ".conformance-cache"
TOLERANCE = Decimal("0.01")
PRICE_DATE = "2025-07-07"
CATALOG = "2026-12-03"
CENT = Decimal("0.01")

_COST = re.compile(r"\$(-?[\d,]+(?:\.\d+)?)\s*\*?\s*$")
_RESOURCE = re.compile(r"^ ((?:module\.[^\s]+\.)?(?:aws|azurerm|google)_[a-z0-9_]+\.[^\s]+)\s*$")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One golden resource compared with finops-gate's answer."""

    case: str
    address: str
    kind: str
    golden: Decimal
    ours: Decimal | None  # None: not priced (unsupported, unpriced, missing)
    status: str  # finops-gate's status, or "missing" when the reader produced no such address
    mode: str  # "plan" or "hcl"
    reason: str = ""

    @property
    def verdict(self) -> str:
        """match | off | unpriced | silent-zero."""
        if self.ours is None:
            return "unpriced"
        if self.status == Status.USAGE_UNKNOWN.value and self.golden > CENT:
            return "unpriced"  # said "depends on usage" where the golden had a usage value
        if self.ours == 0 and self.golden > CENT:
            return "silent-zero"
        diff = abs(self.ours - self.golden)
        if diff <= CENT or diff <= self.golden * TOLERANCE:
            return "match"
        return "off"


def goldens_dir(path: str | Path | None = None, *, cloud: str = "aws") -> Path:
    """Where a cloud's goldens are: ``path``, ``$FINOPS_GOLDENS`` (the AWS folder; the Azure and
    Google folders beside it), or beside the repository."""
    given = path or os.environ.get("FINOPS_GOLDENS")
    if given:
        return Path(given) if cloud == "aws" else Path(given).parent / cloud
    # ../shared beside the checkout; a git worktree one level further down looks one level up
    candidates = [ROOT.parent / _GOLDENS / cloud, ROOT.parent.parent / _GOLDENS / cloud]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def cases(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and _file(p, ".golden") is not None)


def _file(case: Path, suffix: str) -> Path | None:
    found = sorted(case.glob(f"*{suffix}"))
    return found[0] if found else None


def parse_golden(text: str) -> dict[str, Decimal]:
    """Resource address -> monthly total of the golden's cost table (usage-dependent lines: $0)."""
    totals: dict[str, Decimal] = {}
    current: str | None = None
    for line in text.splitlines():
        if line.startswith(" OVERALL TOTAL") or "cloud resources were detected" in line:
            break
        match = _RESOURCE.match(line)
        if match:
            current = match.group(1)
            totals.setdefault(current, Decimal(0))
            continue
        if current is None or "depends on usage" in line:
            continue
        cost = _COST.search(line)
        if cost:
            totals[current] += Decimal(cost.group(1).replace(",", ""))
    return totals


def usage_settings(case: Path, cloud: str = "aws") -> Settings:
    path = _file(case, ".usage.yml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path else None
    data = data if isinstance(data, dict) else {}
    usage = {k: data[k] for k in ("resource_usage", "resource_type_default_usage") if data.get(k)}
    # one price date for every case: the goldens were regenerated 2024-07 .. 2026-05 and label
    # extended support "year 1"; on 2025-07-07 that holds for every version they list
    # ... with this branch's catalog pinned (a 2025 price date would pick an older file)
    pricing = {"as_of": PRICE_DATE, "catalogs": {"aws": CATALOG}}
    if cloud != "aws":  # one Azure and one GCP catalog: the shipped one, no date-bound rates
        return Settings(raw={"version": 1, "usage": {"terraform": usage}})
    return Settings(raw={"version": 1, "usage": {"terraform": usage}, "pricing": pricing})


def plan_path(case: Path, cache: Path = CACHE) -> Path:
    """The cache file for a case's plan: keyed by the ``.tf`` text, so an edit makes a new one."""
    tf = _file(case, ".tf")
    digest = hashlib.sha256(tf.read_bytes() if tf else b"").hexdigest()[:16]
    return cache / f"{case.name}-{digest}.json"


def resources(case: Path, mode: str, cache: Path = CACHE) -> list[Resource]:
    if mode == "plan":
        return [c.after for c in load_plan(plan_path(case, cache)) if c.after is not None]
    tree = Tree(case)
    return terraform_hcl.load(tree, Settings())


def _total(side: SideCost) -> Decimal | None:
    if side.status in (Status.FREE, Status.USAGE_UNKNOWN):
        return Decimal(0)  # usage unknown: nothing known to cost money, usage lines listed
    if side.status in (Status.UNSUPPORTED,) or side.monthly is None:
        return None
    if side.status is Status.UNPRICED and not any(x.monthly_cost for x in side.lines):
        return None
    return side.monthly


def run_case(
    case: Path, mode: str, cache: Path = CACHE, *, cloud: str = "aws"
) -> Iterator[Outcome]:
    golden_file = _file(case, ".golden")
    assert golden_file is not None
    golden = parse_golden(golden_file.read_text(encoding="utf-8"))
    settings = usage_settings(case, cloud)
    ours: dict[str, Resource] = {r.address: r for r in resources(case, mode, cache)}
    for address, expected in golden.items():
        kind = address.split(".")[-2] if address.startswith("module.") else address.split(".")[0]
        resource = ours.get(address)
        if resource is None:
            yield Outcome(case.name, address, kind, expected, None, "missing", mode)
            continue
        side = price_side(resource, settings)
        yield Outcome(
            case.name,
            address,
            kind,
            expected,
            _total(side),
            side.status.value,
            mode,
            side.reason or "",
        )


def mode_for(case: Path, wanted: str, cache: Path = CACHE, *, cloud: str = "aws") -> str:
    """``plan`` when wanted and a cached plan exists (AWS only), else ``hcl``."""
    if cloud == "aws" and wanted == "plan" and plan_path(case, cache).is_file():
        return "plan"
    return "hcl"


def run_all(
    root: Path, wanted: str = "plan", cache: Path = CACHE, *, cloud: str = "aws"
) -> list[Outcome]:
    return list(_run_all(root, wanted, cache, cloud))


@functools.cache
def _run_all(root: Path, wanted: str, cache: Path, cloud: str) -> tuple[Outcome, ...]:
    # the test module asks for the same run several times; pricing is pure
    out: list[Outcome] = []
    for case in cases(root):
        mode = mode_for(case, wanted, cache, cloud=cloud)
        out.extend(run_case(case, mode, cache, cloud=cloud))
    return tuple(out)
