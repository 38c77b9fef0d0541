"""Read Infracost golden cost tables (``<test>.golden``) for the Azure and GCP catalog builds.

A golden table prints, per resource, cost components as ``name  qty  unit  $cost`` or
``name  Monthly cost depends on usage: $P per unit``. The unit price of a priced row is
``cost / qty``; as ``cost`` is rounded to the cent (or to 2-3 significant digits for tiny
amounts), the price is the *shortest* decimal inside the rounding interval, so $919.80 for 2,920
hours gives 0.315 and not 0.31500000. The region of each row is read from its resource block in
the test's ``.tf`` (``region`` / ``zone`` / ``location``), else from the provider block.

Build-time only: nothing here is imported by the package.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Row:
    test: str
    address: str
    name: str  # component name, e.g. "Instance usage (Linux, pay as you go, Standard_F2)"
    parent: str  # enclosing sub-block name ("os_disk", "default_pool") or ""
    unit: str
    price: Decimal
    region: str | None
    qty: Decimal | None = None  # None for a usage-priced row


_ADDRESS = re.compile(r"^ (?P<address>[a-z][a-z0-9_]*\.[^\s]+)\s*$")
_PRICED = re.compile(
    r"^ [ │├└─]*(?P<name>\S.*?)\s{2,}(?P<qty>[\d,]+(?:\.\d+)?)\s{2,}(?P<unit>\S.*?)\s{2,}"
    r"\$(?P<cost>[\d,]+(?:\.\d+)?)\s*(?:\*\s*)?$"
)
_USAGE = re.compile(
    r"^ [ │├└─]*(?P<name>\S.*?)\s{2,}Monthly cost depends on usage: "
    r"\$(?P<price>[\d,]+(?:\.\d+)?) per (?P<unit>.+?)\s*$"
)
_GROUP = re.compile(r"^ (?P<indent>[ │├└─]*)(?P<name>\S.*?)\s*$")


def shortest_decimal(lo: Decimal, hi: Decimal) -> Decimal:
    """The decimal with the fewest digits after the point inside ``[lo, hi]``."""
    for places in range(0, 13):
        step = Decimal(1).scaleb(-places)
        candidate = lo.quantize(step, rounding=ROUND_CEILING)
        if candidate <= hi:
            return candidate.normalize()
        candidate = hi.quantize(step, rounding=ROUND_FLOOR)
        if candidate >= lo:
            return candidate.normalize()
    return ((lo + hi) / 2).normalize()


def unit_price(qty: Decimal, cost: Decimal) -> Decimal:
    """Unit price from a rounded monthly cost: cents, or 3 significant digits below $1."""
    if cost >= 1:
        half = Decimal("0.005")
    else:
        exponent = cost.adjusted() - 2 if cost else -2
        half = Decimal(5).scaleb(exponent - 1)
    return shortest_decimal((cost - half) / qty, (cost + half) / qty)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


_BLOCK = re.compile(r'^resource\s+"(?P<type>[^"]+)"\s+"(?P<name>[^"]+)"', re.M)
_LOCATION = re.compile(r'^\s*(?P<arg>region|zone|location)\s*=\s*"(?P<value>[^"]+)"', re.M)


_LOCATION_REF = re.compile(
    r"^\s*location\s*=\s*(?:data\.)?(?P<target>[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.location", re.M
)


def resource_regions(tf_text: str, normalise: dict[str, str] | None = None) -> dict[str, str]:
    """``type.name`` -> the first literal region/zone/location in its block."""
    out: dict[str, str] = {}
    refs: dict[str, str] = {}
    starts = list(_BLOCK.finditer(tf_text))
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(tf_text)
        address = f"{match['type']}.{match['name']}"
        found = _LOCATION.search(tf_text, match.end(), end)
        ref = _LOCATION_REF.search(tf_text, match.end(), end)
        if found and (ref is None or found.start() < ref.start()):
            out[address] = _region(found["arg"], found["value"])
        elif ref:
            refs[address] = ref["target"]
    for address, target in refs.items():
        if target in out:
            out[address] = out[target]
    return out


def _region(arg: str, value: str) -> str:
    value = value.lower().replace(" ", "")
    if arg == "zone" or re.fullmatch(r"[a-z]+-[a-z]+\d+-[a-z]", value):
        return value.rsplit("-", 1)[0]
    return value


def provider_region(tf_text: str) -> str | None:
    match = re.search(r'^provider\s+"\w+"\s*\{', tf_text, re.M)
    if not match:
        return None
    end = re.search(r"^\}", tf_text[match.end() :], re.M)
    body = tf_text[match.end() : match.end() + (end.start() if end else len(tf_text))]
    found = _LOCATION.search(body)
    return _region(found["arg"], found["value"]) if found else None


def read_test(folder: Path) -> Iterator[Row]:
    """Every priced or usage-priced component row of one golden test folder."""
    test = folder.name
    golden = folder / f"{test}.golden"
    tf = folder / f"{test}.tf"
    if not golden.is_file() or not tf.is_file():
        return
    tf_text = tf.read_text(encoding="utf-8")
    regions = resource_regions(tf_text)
    default = provider_region(tf_text)
    address = ""
    parents: list[tuple[int, str]] = []
    for raw in golden.read_text(encoding="utf-8").splitlines():
        if raw.startswith(" OVERALL TOTAL") or raw.startswith("──"):
            break
        head = _ADDRESS.match(raw)
        if head and not raw.startswith("  "):
            address, parents = head["address"], []
            continue
        if not address:
            continue
        indent = len(raw) - len(raw.lstrip(" │├└─"))
        parents = [(i, n) for i, n in parents if i < indent]
        parent = parents[-1][1] if parents else ""
        bare = re.sub(r"\[[^\]]*\]", "", address)
        bare = bare.split("module.", 1)[0] if not bare.startswith("module.") else bare
        region = regions.get(".".join(bare.split(".")[-2:]), default)
        priced = _PRICED.match(raw)
        if priced:
            qty, cost = _number(priced["qty"]), _number(priced["cost"])
            if qty > 0 and cost > 0:
                price = unit_price(qty, cost)
                yield Row(test, address, priced["name"], parent, priced["unit"], price, region, qty)
            elif qty > 0:  # a free tier shown at $0.00; builders take it only where it is free
                yield Row(test, address, priced["name"], parent, priced["unit"], cost, region, qty)
            continue
        usage = _USAGE.match(raw)
        if usage:
            price = _number(usage["price"])
            yield Row(test, address, usage["name"], parent, usage["unit"], price, region)
            continue
        group = _GROUP.match(raw)
        if group and group["name"].strip():
            parents.append((indent, group["name"].strip()))


def resources(folder: Path) -> dict[str, Any]:
    """Address -> the finops-gate ``Resource`` its ``.tf`` reader makes (attributes the golden
    rows do not show, e.g. an App Service plan's OS)."""
    from finops_gate.config import Settings
    from finops_gate.sources import terraform_hcl
    from finops_gate.sources.tree import Tree

    return {r.address: r for r in terraform_hcl.load(Tree(folder), Settings())}


def read_all(root: Path) -> Iterator[Row]:
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        yield from read_test(folder)
