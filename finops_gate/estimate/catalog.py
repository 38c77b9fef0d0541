"""Versioned pricing catalogs shipped in ``pricing/``: find, verify and look up.

Catalog files are data only. At run time a file is checked against ``pricing/SHA256SUMS``
(released files are never edited, so a changed digest means a changed file); the JSON Schema
validation runs in the build scripts and the test suite, keeping ``check`` fast.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from finops_gate.errors import CatalogError

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def pricing_dir() -> Path:
    """The ``pricing/`` folder: inside the wheel, or at the root of a source checkout."""
    for candidate in (_PACKAGE_DIR / "_pricing", _PACKAGE_DIR.parent / "pricing"):
        if (candidate / "SHA256SUMS").is_file():
            return candidate
    raise CatalogError(
        "pricing catalogs not found; reinstall finops-gate (pip install finops-gate)"
    )


@functools.cache
def digests() -> dict[str, str]:
    """Relative path -> sha256 hex digest, from ``pricing/SHA256SUMS``."""
    out: dict[str, str] = {}
    for line in (pricing_dir() / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, _, rel = line.partition("  ")
            out[rel.strip()] = digest.strip()
    return out


def versions(name: str) -> list[str]:
    """The released versions of catalog ``name``, oldest first."""
    prefix = f"{name}/"
    return sorted(rel[len(prefix) : -len(".json")] for rel in digests() if rel.startswith(prefix))


def load_json(name: str, version: str | None = None) -> tuple[str, dict[str, Any]]:
    """Read and verify catalog ``name`` at ``version`` (default: the newest)."""
    known = versions(name)
    if not known:
        raise CatalogError(f"pricing/{name}: no catalog of that name is shipped")
    if version is None:
        version = known[-1]
    elif version not in known:
        raise CatalogError(
            f"pricing/{name}/{version}.json: no such catalog version; available: {', '.join(known)}"
        )
    rel = f"{name}/{version}.json"
    raw = (pricing_dir() / rel).read_bytes()
    if hashlib.sha256(raw).hexdigest() != digests()[rel]:
        raise CatalogError(
            f"pricing/{rel}: contents do not match pricing/SHA256SUMS; released catalogs are "
            "never edited: add a new dated file instead"
        )
    return version, json.loads(raw)


@dataclass(frozen=True, slots=True)
class PriceCatalog:
    name: str
    version: str
    prices: dict[str, dict[str, Any]]
    regions: frozenset[str]

    def price(self, key: str, region: str | None) -> Decimal | None:
        """Unit price of ``key`` in ``region``; ``None`` when the catalog has none.

        A price listed for region ``"*"`` is the same everywhere. A regional price is never
        borrowed from another region.
        """
        entry = self.prices.get(key)
        if entry is None:
            return None
        by_region: dict[str, str] = entry["regions"]
        value = by_region.get(region or "") or by_region.get("*")
        return None if value is None else Decimal(value)

    def unit(self, key: str) -> str | None:
        entry = self.prices.get(key)
        return None if entry is None else str(entry["unit"])

    def covers(self, region: str | None) -> bool:
        return region in self.regions


@functools.cache
def price_catalog(name: str, version: str | None = None) -> PriceCatalog:
    """Load a unit-price catalog once per process."""
    resolved, data = load_json(name, version)
    regions: set[str] = set()
    for entry in data["prices"].values():
        regions.update(r for r in entry["regions"] if r != "*")
    return PriceCatalog(name, resolved, data["prices"], frozenset(regions))
