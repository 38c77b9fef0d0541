"""Run Infracost's Azure and Google golden test cases through finops-gate, per resource address.

The goldens (``.tf``, ``.usage.yml``, expected cost table ``.golden``) are read from
``../shared/reference-data/infracost-goldens/{azure,google}`` beside the repository (a worktree
one level further down looks one level up), or ``$FINOPS_GOLDENS`` (the folder holding
``azure/`` and ``google/``); they are never copied into the repository. No azurerm/google
provider is available offline, so the cases go through the ``.tf`` reader.

Only resources of the types finops-gate prices are compared. A resource *matches* when its
monthly total is within 1% (or one cent) of the golden's; usage-dependent lines without usage
count as $0 on both sides.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from finops_gate.config import Settings
from finops_gate.estimate.terraform import MAPPERS, price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status
from finops_gate.sources import terraform_hcl
from finops_gate.sources.tree import Tree

ROOT = Path(__file__).resolve().parents[3]
_GOLDENS = Path("shared", "reference-data", "infracost-goldens")
TOLERANCE = Decimal("0.01")
CENT = Decimal("0.01")
PREFIX = {"azure": "azurerm_", "google": "google_"}

_COST = re.compile(r"\$(-?[\d,]+(?:\.\d+)?)\s*\*?\s*$")
_RESOURCE = re.compile(r"^ ((?:module\.[^\s]+\.)?(?:azurerm|google)_[a-z0-9_]+\.[^\s]+)\s*$")


@dataclass(frozen=True, slots=True)
class Outcome:
    case: str
    address: str
    kind: str
    golden: Decimal
    ours: Decimal | None  # None: not priced
    status: str
    reason: str = ""

    @property
    def verdict(self) -> str:
        """match | off | unpriced | silent-zero."""
        if self.ours is None:
            return "unpriced"
        if self.status == Status.USAGE_UNKNOWN.value and self.golden > CENT:
            return "unpriced"
        if self.ours == 0 and self.golden > CENT:
            return "silent-zero"
        diff = abs(self.ours - self.golden)
        return "match" if diff <= CENT or diff <= self.golden * TOLERANCE else "off"


def goldens_dir(cloud: str) -> Path:
    given = os.environ.get("FINOPS_GOLDENS")
    if given:
        return Path(given) / cloud
    candidates = [ROOT.parent / _GOLDENS / cloud, ROOT.parent.parent / _GOLDENS / cloud]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def _file(case: Path, suffix: str) -> Path | None:
    found = sorted(case.glob(f"*{suffix}"))
    return found[0] if found else None


def parse_golden(text: str) -> dict[str, Decimal]:
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


def usage_file(case: Path) -> UsageFile:
    path = _file(case, ".usage.yml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path else None
    data = data if isinstance(data, dict) else {}
    return UsageFile(
        by_type=data.get("resource_type_default_usage") or {},
        by_address=data.get("resource_usage") or {},
    )


def _total(side: SideCost) -> Decimal | None:
    if side.status in (Status.FREE, Status.USAGE_UNKNOWN):
        return Decimal(0)
    if side.monthly is None:
        return None
    return side.monthly


def run_case(case: Path, cloud: str) -> Iterator[Outcome]:
    golden_file = _file(case, ".golden")
    if golden_file is None:
        return
    golden = parse_golden(golden_file.read_text(encoding="utf-8"))
    ours: dict[str, Resource] = {r.address: r for r in terraform_hcl.load(Tree(case), Settings())}
    usage = usage_file(case)
    for address, expected in golden.items():
        kind = address.split(".")[-2] if address.startswith("module.") else address.split(".")[0]
        if kind not in MAPPERS or not kind.startswith(PREFIX[cloud]):
            continue
        resource = ours.get(address)
        if resource is None:
            yield Outcome(case.name, address, kind, expected, None, "missing")
            continue
        side = price_side(resource, usage)
        yield Outcome(
            case.name, address, kind, expected, _total(side), side.status.value, side.reason or ""
        )


def run_all(cloud: str) -> list[Outcome]:
    root = goldens_dir(cloud)
    out: list[Outcome] = []
    for case in sorted(p for p in root.iterdir() if p.is_dir()):
        out.extend(run_case(case, cloud))
    return out
