"""Unit-price catalogs (``aws``, ``azure``, ``gcp``, ``kubernetes``): look a price up by key and
region, across the shipped file and any team catalogs layered over it.

A later layer (a team's directory) overrides an earlier one (the shipped file) for exactly the
(key, region) pairs it holds and adds the keys and regions it brings; everything else stays as
shipped. A price is never borrowed from another region.

A version split by region (``files.is_split``) is read lazily: its index when the catalog is
built, a region's part the first time a price in that region is asked for; the layers are then
merged for that region alone, with the same precedence as whole files.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import field
from decimal import Decimal
from operator import itemgetter
from typing import Any

from finops_gate.catalogs.files import (
    SHIPPED,
    CanonicalPrices,
    CatalogFile,
    Loaded,
    is_split,
    read,
    read_part,
    whole,
)
from finops_gate.errors import CatalogError
from finops_gate.frozen import frozen


@frozen
class PriceCatalog:
    """One unit-price catalog in force (its team layers merged): prices by key and region."""

    name: str
    version: str
    prices: Mapping[str, Mapping[str, Any]]
    regions: AbstractSet[str]
    files: tuple[CatalogFile, ...] = field(default=(), compare=False)
    # (file, sha256) of every layer: what a derived table (Kubernetes rates) is cached by
    identity: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # split versions: the layers (to read a region's parts) and the regions held in parts
    layers: tuple[Loaded, ...] = field(default=(), compare=False, repr=False)
    split: frozenset[str] = field(default=frozenset(), compare=False)
    # shipped versions dated after the run's price date (oldest first; ``CatalogSet``): a key
    # missing here that one of them prices is named with it (``missing_price``)
    later: tuple[CatalogFile, ...] = field(default=(), compare=False, repr=False)
    _by_region: dict[str, Mapping[str, Mapping[str, Any]]] = field(
        default_factory=dict, compare=False, repr=False, init=False
    )

    def price(self, key: str, region: str | None) -> Decimal | None:
        """Unit price of ``key`` in ``region``; ``None`` when the catalog has none.

        A price listed for region ``"*"`` is the same everywhere. A regional price is never
        borrowed from another region.
        """
        entry = self.table(region).get(key)
        if entry is None:
            return None
        by_region: Mapping[str, str] = entry["regions"]
        value = by_region.get(region or "") or by_region.get("*")
        return None if value is None else Decimal(value)

    def table(self, region: str | None) -> Mapping[str, Mapping[str, Any]]:
        """The prices that hold in ``region`` (key -> entry): for a region held in split parts,
        the layers merged with that region's parts, read on first use."""
        if region is None or region not in self.split:
            return self.prices
        found = self._by_region.get(region)
        if found is None:
            found = _merge([(layer, _with_part(layer, region)) for layer in self.layers])
            self._by_region[region] = found
        return found

    def parts_read(self) -> list[tuple[Loaded, str]]:
        """(layer, region) of every regional part this catalog has read for a price so far:
        the files a report names beside their index."""
        return [
            (layer, region)
            for region in sorted(self._by_region)
            for layer in self.layers
            if is_split(layer.data) and region in layer.data["parts"]
        ]

    def everything(self) -> Mapping[str, Mapping[str, Any]]:
        """Every price of every region (all parts read): for ``pricing show``."""
        if not self.split:
            return self.prices
        return _merge([(layer, whole(layer)["prices"]) for layer in self.layers])

    def unit(self, key: str) -> str | None:
        entry = self.prices.get(key)
        if entry is not None:
            return str(entry["unit"])
        for layer in reversed(self.layers):
            unit = (layer.data.get("units") or {}).get(key)
            if unit is not None:
                return str(unit)
        return None

    def covers(self, region: str | None) -> bool:
        return region in self.regions

    @property
    def label(self) -> str:
        """How a reason names this catalog: ``aws 2026-11-01`` (+ the team files layered on)."""
        extra = [f.display for f in self.files if f.origin != SHIPPED]
        return f"{self.name} {self.version}" + (f" + {', '.join(extra)}" if extra else "")

    def missing_price(self, key: str, region: str | None) -> str:
        """The unpriced reason for a key this catalog has no price for in ``region``. For aws,
        whose shipped catalog holds regions other than us-east-1 only for a few golden unit
        prices, a key it prices elsewhere names the refresh that fetches the region's prices."""
        why = f"no price for {key} in {region or 'any region'} ({self.label})"
        newer = self._later_version(key, region)
        if newer is not None:
            # shipped, but dated after the run's price date: not in force yet, never used unasked
            return (
                f"{why}; {self.name} {newer}, shipped and in force from {newer}, prices it: "
                f"`--as-of {newer}` (or pricing.as_of) prices with it now"
            )
        if self.name in _REFRESH_HINT and region is not None:
            from finops_gate.catalogs.aws_services import service_for

            service = service_for(key)
            named = f" --service {service}" if service else ""
            fix = f"finops-gate pricing refresh {self.name}{named} --region {region} --out DIR"
            if self.unit(key) is not None:
                held = sorted(
                    r for r in (self.prices.get(key) or {}).get("regions", {}) if r != "*"
                )
                shown = ", ".join(held[:3]) + ("..." if len(held) > 3 else "")
                where = f"only in {shown}" if held else f"not in {region}"
                why += f"; the {self.name} catalogs used have it {where}: run `{fix}` and add "
                why += "DIR to pricing.catalog_dirs"
            elif service is not None and not key.startswith(_WHOLE_AWS):
                # a class or size the shipped catalog's public sources do not price (RDS and
                # ElastiCache classes...): the service's price list has it where AWS sells it
                why += f"; the {self.name} catalogs used do not hold this rate: if AWS sells it "
                why += f"in {region}, run `{fix}` and add DIR to pricing.catalog_dirs"
        elif self.name in _REFRESH_IF_SOLD and region is not None and self.unit(key) is not None:
            # shipped whole for Linux VMs / machine types per region, most other keys for a few
            # regions; which regions hold a key is in files not read, so no "only in" here
            fix = f"finops-gate pricing refresh {self.name} --region {region} --out DIR"
            why += f"; if it is sold in {region}, run `{fix}` and add DIR to pricing.catalog_dirs"
        return why

    def _later_version(self, key: str, region: str | None) -> str | None:
        """The first shipped version after this one (``later``) whose price list has ``key`` in
        ``region`` (or for every region), or None. Split versions are not looked into."""
        for file in self.later:
            try:
                data = read(file).data
            except CatalogError:
                continue  # a broken later file says nothing about this run
            if is_split(data):
                continue
            regions = ((data.get("prices") or {}).get(key) or {}).get("regions") or {}
            if (region is not None and region in regions) or "*" in regions:
                return file.version
        return None

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


# catalogs shipped in full for one region (aws: us-east-1, from the karpenter extract), other
# regions holding a few golden unit prices: a key priced elsewhere is a refresh away
_REFRESH_HINT = frozenset({"aws"})
# keys the shipped aws catalog holds for every type AWS lists (EC2 instance types, from the
# karpenter extract): one it lacks in every region is no type, and no refresh prices it
_WHOLE_AWS = "ec2.instance."
# catalogs whose price API the refresh reads per region, shipped whole for some keys only
_REFRESH_IF_SOLD = frozenset({"azure", "gcp"})


def regions_of(prices: Mapping[str, Mapping[str, Any]]) -> frozenset[str]:
    # the union of the keys, taken in C (a catalog holds thousands of entries)
    return frozenset(set().union(*map(itemgetter("regions"), prices.values())) - {"*"})


class _Regions(AbstractSet[str]):
    """``regions_of`` the prices of a shipped file read as asked (``CanonicalPrices``), and the
    regions of split parts: a region is looked up in the file's text; the whole set is made
    only for what needs all of it."""

    __slots__ = ("_all", "_prices", "_split")

    def __init__(self, prices: CanonicalPrices, split: frozenset[str]) -> None:
        self._prices, self._split = prices, split
        self._all: frozenset[str] | None = None

    def __contains__(self, region: object) -> bool:
        if region in self._split:
            return True
        if not isinstance(region, str) or region == "*":
            return False
        return self._prices.has_region(region)

    def _every(self) -> frozenset[str]:
        if self._all is None:
            self._all = regions_of(self._prices) | self._split
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())

    def __repr__(self) -> str:
        return repr(self._every())


def _with_part(layer: Loaded, region: str) -> Mapping[str, Mapping[str, Any]]:
    """A layer's prices for ``region``: the whole file, or a split index's prices with the
    region's part added."""
    inline: Mapping[str, Mapping[str, Any]] = layer.data["prices"]
    if not is_split(layer.data):
        return inline
    out = dict(inline)
    for key, entry in read_part(layer, region).items():
        old = out.get(key)
        out[key] = (
            entry if old is None else {**old, "regions": {**old["regions"], **entry["regions"]}}
        )
    return out


def _merge(
    layers: Sequence[tuple[Loaded, Mapping[str, Mapping[str, Any]]]],
) -> Mapping[str, Mapping[str, Any]]:
    """Layer prices lowest first: a later layer wins for the (key, region) pairs it holds."""
    if len(layers) == 1:
        return layers[0][1]
    merged: dict[str, Mapping[str, Any]] = dict(layers[0][1])
    for layer, prices in layers[1:]:
        for key, entry in prices.items():
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
    return merged


def layered(name: str, layers: Sequence[Loaded]) -> PriceCatalog:
    """One catalog from the shipped file and the team files over it (first = lowest)."""
    if not layers:
        raise CatalogError(f"pricing/{name}: no catalog of that name is shipped or given")
    base = layers[0]
    prices = _merge([(layer, layer.data["prices"]) for layer in layers])
    split: set[str] = set()
    units: dict[str, str] = {}
    for layer in layers:
        if len(layers) > 1:  # one layer has nothing to disagree with (the first one only fills)
            _check_units(layer, units)
        if is_split(layer.data):
            split.update(layer.data["parts"])
    return PriceCatalog(
        name=name,
        version=str(base.data["version"]),
        prices=prices,
        regions=(
            _Regions(prices, frozenset(split))
            if isinstance(prices, CanonicalPrices)
            else regions_of(prices) | split
        ),
        files=tuple(layer.file for layer in layers),
        identity=tuple((layer.file.display, layer.digest) for layer in layers),
        layers=tuple(layers),
        split=frozenset(split),
    )


def _check_units(layer: Loaded, units: dict[str, str]) -> None:
    """A key keeps one unit across layers (checked from the index, before any part is read)."""
    mine = dict(layer.data.get("units") or {})
    mine.update({k: str(e["unit"]) for k, e in layer.data["prices"].items()})
    for key, unit in mine.items():
        old = units.setdefault(key, unit)
        if old != unit:
            raise CatalogError(
                f"{layer.file.display}: prices/{key} is priced per {unit!r}, "
                f"but {old!r} in the catalog it overrides; use the same unit"
            )
