"""Which catalog files a run prices from: the shipped ones, a team's directories over them, the
versions in force on the price date (``--as-of`` / ``pricing.as_of``) or pinned in config.

The price date is an input: the CLI passes today (UTC) unless ``--as-of`` or the config names a
day; nothing below reads the clock. For each catalog, each layer contributes its newest version
dated on or before that day; ``pricing.catalogs`` pins a shipped version exactly. A catalog is
loaded only when a resource needs it, and every file loaded is named in the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from finops_gate.catalogs import files as f
from finops_gate.catalogs.price import PriceCatalog, layered
from finops_gate.errors import CatalogError
from finops_gate.frozen import frozen
from finops_gate.model import CatalogUse

if TYPE_CHECKING:  # the model catalog's module is imported by the first run that needs it
    from finops_gate.catalogs.llm import LlmCatalog

# built catalogs by the files (and digests) they come from: a second run in one process (tests,
# benchmarks) reuses them; a changed file has another digest
_PRICE_MEMO: dict[tuple[tuple[str, str], ...], PriceCatalog] = {}
_LLM_MEMO: dict[tuple[str, str], LlmCatalog] = {}


@frozen
class CatalogDir:
    """A team catalog directory: where it is, and how the user wrote it (for messages)."""

    path: Path
    display: str


@frozen
class CatalogSet:
    """The catalogs of one run. ``dirs`` are layered over the shipped files, later ones winning;
    ``as_of`` None means the newest of everything (library use without a date)."""

    as_of: date | None = None
    pins: Mapping[str, str] = field(default_factory=dict)
    dirs: tuple[CatalogDir, ...] = ()
    _cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    _used: dict[str, f.Loaded] = field(default_factory=dict, compare=False, repr=False)
    _notes: dict[str, None] = field(default_factory=dict, compare=False, repr=False)

    def price_catalog(self, name: str) -> PriceCatalog:
        """The unit-price catalog ``name`` in force, with the team layers over it."""
        found = self._cache.get(name)
        if found is None:
            layers = self._layers(name)
            # the path too: a split version's parts are read from beside its index, later
            key = tuple((str(item.file.path), item.digest) for item in layers)
            memo = _PRICE_MEMO.get(key)
            if memo is None:
                memo = _PRICE_MEMO[key] = layered(name, layers)
            # this run's own view (the built layers shared): the regional parts it reads are
            # the ones its report names
            found = self._cache[name] = replace(memo, later=self._later(name, layers))
        assert isinstance(found, PriceCatalog)
        return found

    def _later(self, name: str, layers: Sequence[f.Loaded]) -> tuple[f.CatalogFile, ...]:
        """The shipped versions of ``name`` dated after the run's price date, when the shipped
        one in force was chosen by that date (not pinned, not the newest of a dateless run)."""
        if self.as_of is None or name in self.pins or not layers:
            return ()
        if layers[0].file.origin != f.SHIPPED:
            return ()
        newer = [c for c in f.shipped(name) if c.day > self.as_of]
        return tuple(sorted(newer, key=lambda c: c.version))

    def llm(self, *, pricing: bool = True) -> LlmCatalog:
        """The model catalog in force: a team's llm file replaces the shipped one as a whole.
        ``pricing=False``: only to recognise model names (a source), not named in the report."""
        from finops_gate.catalogs.llm import LlmCatalog, build_llm

        found = self._cache.get("llm")
        if found is None:
            top = self._layers("llm", record=False)[-1]
            key = (top.file.display, top.digest)
            found = _LLM_MEMO.get(key)
            if found is None:
                found = _LLM_MEMO[key] = build_llm(top.file.version, top.data)
            self._cache["llm"] = found
            self._cache["llm.file"] = top
        if pricing:
            chosen = self._cache["llm.file"]
            assert isinstance(chosen, f.Loaded)
            self._used[chosen.file.display] = chosen
        assert isinstance(found, LlmCatalog)
        return found

    def used(self) -> tuple[CatalogUse, ...]:
        """Every catalog file loaded so far, for the report (sorted by catalog, then layer): a
        version split by region is named by its index and by each regional part read."""
        # by path and digest: a built catalog is shared by runs that name its folder otherwise
        parts: dict[tuple[str, str], list[str]] = {}
        for cached in self._cache.values():
            if isinstance(cached, PriceCatalog):
                for layer, region in cached.parts_read():
                    parts.setdefault((str(layer.file.path), layer.digest), []).append(region)
        out: list[CatalogUse] = []
        for loaded in self._used.values():
            out.append(_use(loaded))
            for region in parts.get((str(loaded.file.path), loaded.digest), ()):
                out.append(_part_use(loaded, region))
        return tuple(out)

    def notes(self) -> tuple[str, ...]:
        return tuple(self._notes)

    def in_force(self, candidates: Sequence[f.CatalogFile]) -> list[f.CatalogFile]:
        """Of ``candidates``, the files this set prices from (per catalog and folder)."""
        out = []
        for name in sorted({c.catalog for c in candidates}):
            if any(c.catalog == name and c.origin == f.SHIPPED for c in candidates):
                found = self._shipped(name)
                if found is not None:
                    out.append(found)
            for d in self.dirs:
                mine = [c for c in candidates if c.catalog == name and c.origin == d.display]
                pick = self._in_force(mine)
                if pick is not None:
                    out.append(pick)
        return out

    def loaded(self, name: str) -> list[f.Loaded]:
        """The layers of catalog ``name`` (lowest first), read and checked."""
        return self._layers(name, record=False)

    def files(self) -> list[f.CatalogFile]:
        """Every file the shipped folder and the team directories hold (for ``pricing list``)."""
        out = f.shipped()
        for d in self.dirs:
            out.extend(f.scan(d.path, origin=d.display))
        return out

    def _layers(self, name: str, *, record: bool = True) -> list[f.Loaded]:
        chosen: list[f.CatalogFile] = []
        base = self._shipped(name)
        if base is not None:
            chosen.append(base)
        for d in self.dirs:
            mine = [c for c in f.scan(d.path, origin=d.display) if c.catalog == name]
            pick = self._in_force(mine)
            if pick is not None:
                chosen.append(pick)
        if not chosen:
            raise CatalogError(
                f"pricing/{name}: no {name} catalog is shipped or in --catalog-dir; run "
                f"finops-gate pricing list to see the catalogs"
            )
        loaded = [f.read(c) for c in chosen]
        for item in loaded if record else ():
            self._used[item.file.display] = item
        return loaded

    def _shipped(self, name: str) -> f.CatalogFile | None:
        known = f.shipped(name)
        if not known:
            return None
        pin = self.pins.get(name)
        if pin is not None:
            for c in known:
                if c.version == pin:
                    return c
            raise CatalogError(
                f"pricing/{name}/{pin}.json: no such catalog version (pricing.catalogs.{name}); "
                f"available: {', '.join(c.version for c in known)}"
            )
        pick = self._in_force(known)
        if pick is None:
            pick = known[0]
            assert self.as_of is not None
            if name in f.MODEL_CATALOGS:
                return pick  # a model catalog carries each price's history: the date picks it
            self._notes.setdefault(
                f"no {name} catalog is dated on or before {self.as_of.isoformat()}: priced with "
                f"the oldest shipped, {pick.version}"
            )
        return pick

    def _in_force(self, candidates: Sequence[f.CatalogFile]) -> f.CatalogFile | None:
        ordered = sorted(candidates, key=lambda c: c.version)
        if self.as_of is None:
            return ordered[-1] if ordered else None
        eligible = [c for c in ordered if c.day <= self.as_of]
        return eligible[-1] if eligible else None


def _use(loaded: f.Loaded) -> CatalogUse:
    sources = loaded.data.get("sources") or {}
    retrieved = sorted(
        str(s["retrieved"]) for s in sources.values() if isinstance(s, dict) and "retrieved" in s
    )
    price_dates = sorted(
        str(s["price_date"]) for s in sources.values() if isinstance(s, dict) and "price_date" in s
    )
    return CatalogUse(
        catalog=loaded.file.catalog,
        version=loaded.file.version,
        file=loaded.file.display,
        origin=loaded.file.origin,
        sha256=loaded.digest,
        sources=tuple(sorted(sources)),
        retrieved=retrieved[-1] if retrieved else None,
        price_date=price_dates[-1] if price_dates else None,
    )


def _part_use(index: f.Loaded, region: str) -> CatalogUse:
    """A regional part read through ``index``: its own file and the sha256 the index pins."""
    use = _use(index)
    return replace(
        use,
        file=f"{index.file.display.removesuffix('.json')}/{region}.json",
        sha256=str(index.data["parts"][region]["sha256"]),
    )


def price_catalog(name: str, version: str | None = None) -> PriceCatalog:
    """A shipped unit-price catalog at ``version`` (default: the newest), no team layers."""
    return CatalogSet(pins={name: version} if version else {}).price_catalog(name)


def llm_catalog(version: str | None = None) -> LlmCatalog:
    """The shipped model catalog at ``version`` (default: the newest)."""
    return CatalogSet(pins={"llm": version} if version else {}).llm()
