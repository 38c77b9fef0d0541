"""Unit-price catalogs (``aws``, ``azure``, ``gcp``, ``kubernetes``): look a price up by key and
region, across the shipped file and any team catalogs layered over it.

A later layer (a team's directory) overrides an earlier one (the shipped file) for exactly the
(key, region) pairs it holds and adds the keys and regions it brings; everything else stays as
shipped. A price is never borrowed from another region.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from finops_gate.catalogs.files import SHIPPED, CatalogFile, Loaded
from finops_gate.errors import CatalogError


@dataclass(frozen=True, slots=True)
class PriceCatalog:
    name: str
    version: str
    prices: Mapping[str, Mapping[str, Any]]
    regions: frozenset[str]
    files: tuple[CatalogFile, ...] = field(default=(), compare=False)
    # (file, sha256) of every layer: what a derived table (Kubernetes rates) is cached by
    identity: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def price(self, key: str, region: str | None) -> Decimal | None:
        """Unit price of ``key`` in ``region``; ``None`` when the catalog has none.

        A price listed for region ``"*"`` is the same everywhere. A regional price is never
        borrowed from another region.
        """
        entry = self.prices.get(key)
        if entry is None:
            return None
        by_region: Mapping[str, str] = entry["regions"]
        value = by_region.get(region or "") or by_region.get("*")
        return None if value is None else Decimal(value)

    def unit(self, key: str) -> str | None:
        entry = self.prices.get(key)
        return None if entry is None else str(entry["unit"])

    def covers(self, region: str | None) -> bool:
        return region in self.regions

    @property
    def label(self) -> str:
        """How a reason names this catalog: ``aws 2026-11-01`` (+ the team files layered on)."""
        extra = [f.display for f in self.files if f.origin != SHIPPED]
        return f"{self.name} {self.version}" + (f" + {', '.join(extra)}" if extra else "")

    def missing_region(self, region: str) -> str:
        """The unpriced reason for a region no layer covers, naming the command that fixes it."""
        shipped = any(f.origin == SHIPPED for f in self.files) or not self.files
        where = (
            f"the shipped {self.name} catalog"
            if shipped and len(self.files) <= 1
            else f"the {self.name} catalogs used ({self.label})"
        )
        fix = f"finops-gate pricing refresh {self.name} --region {region} --out DIR"
        return f"region {region} is not in {where}; run `{fix}` and add DIR to pricing.catalog_dirs"


def regions_of(prices: Mapping[str, Mapping[str, Any]]) -> frozenset[str]:
    return frozenset(r for entry in prices.values() for r in entry["regions"] if r != "*")


def layered(name: str, layers: Sequence[Loaded]) -> PriceCatalog:
    """One catalog from the shipped file and the team files over it (first = lowest)."""
    if not layers:
        raise CatalogError(f"pricing/{name}: no catalog of that name is shipped or given")
    base = layers[0]
    if len(layers) == 1:
        prices: Mapping[str, Mapping[str, Any]] = base.data["prices"]
    else:
        merged: dict[str, dict[str, Any]] = dict(base.data["prices"])
        for layer in layers[1:]:
            for key, entry in layer.data["prices"].items():
                old = merged.get(key)
                if old is None:
                    merged[key] = entry
                    continue
                if old["unit"] != entry["unit"]:
                    raise CatalogError(
                        f"{layer.file.display}: prices/{key} is priced per {entry['unit']!r}, "
                        f"but {old['unit']!r} in the catalog it overrides; use the same unit"
                    )
                merged[key] = {**old, **entry, "regions": {**old["regions"], **entry["regions"]}}
        prices = merged
    return PriceCatalog(
        name=name,
        version=str(base.data["version"]),
        prices=prices,
        regions=regions_of(prices),
        files=tuple(layer.file for layer in layers),
        identity=tuple((layer.file.display, layer.digest) for layer in layers),
    )
