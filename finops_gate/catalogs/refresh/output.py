"""Turn refreshed prices into a new dated catalog file, or refuse and keep the old one.

Checks before anything is written: the document validates; every region asked for has prices;
against the newest previous version in the folder, no region loses more than
``max_coverage_drop`` percent of its keys and no more than ``max_price_moves`` percent of the
prices both versions hold have moved. A unit-price catalog is written split by region (an index
``<date>.json`` and one ``<date>/<region>.json`` per region, so a check reads only the regions
it prices); each file is written next to a temporary name and linked into place, never over an
existing file, the index last, and the folder's SHA256SUMS gains their lines. A refresh that
reads exactly the prices of the newest version in the folder writes nothing (a scheduled job
then has nothing to propose).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from finops_gate.catalogs import files as f
from finops_gate.catalogs.inspect import Diff, diff
from finops_gate.errors import CatalogError, RefreshError


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a refresh refuses to write (percent). Defaults: a provider rarely moves a tenth of
    its prices at once, and a region that loses a fifth of its keys is a broken download."""

    max_price_moves: Decimal = Decimal(10)
    max_coverage_drop: Decimal = Decimal(20)


@dataclass(frozen=True, slots=True)
class Priced:
    """One price a client read: the catalog key, its unit and description, where it came from."""

    key: str
    region: str
    price: Decimal
    unit: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Written:
    """A catalog file a refresh wrote, and what it changes against the previous one."""

    path: Path
    sha256: str
    previous: Path | None
    diff: Diff | None
    entries: int
    unchanged: bool = False  # the prices equal ``previous``'s: nothing written, ``path`` is it


def build(
    cloud: str,
    rows: list[Priced],
    *,
    version: str,
    description: str,
    source: Mapping[str, Any],
) -> dict[str, Any]:
    """The catalog document (price-catalog schema) for ``rows``; one source, id ``cloud-api``."""
    prices: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: (r.key, r.region)):
        entry = prices.setdefault(
            row.key, {"unit": row.unit, "source": f"{cloud}-api", "regions": {}}
        )
        if row.description and "description" not in entry:
            entry["description"] = row.description
        if entry["unit"] != row.unit:
            raise RefreshError(
                f"{cloud}: {row.key} comes in {entry['unit']!r} and {row.unit!r}; nothing written"
            )
        old = entry["regions"].get(row.region)
        if old is not None and Decimal(old) != row.price:
            raise RefreshError(
                f"{cloud}: two prices for {row.key} in {row.region} ({old} and {row.price}); "
                "the filter let an unwanted row through; nothing written"
            )
        entry["regions"][row.region] = _text(row.price)
    return {
        "catalog": cloud,
        "version": version,
        "currency": "USD",
        "hours_per_month": 730,
        "description": description,
        "sources": {f"{cloud}-api": dict(source)},
        "prices": prices,
    }


def _text(price: Decimal) -> str:
    text = format(price.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".") or "0"


def finish(
    doc: dict[str, Any],
    out: Path,
    *,
    regions: list[str],
    thresholds: Thresholds,
    merge_previous: bool = True,
) -> Written:
    """Check ``doc`` against the previous version in ``out/<catalog>/`` and write it."""
    cloud, version = doc["catalog"], doc["version"]
    folder = out / cloud
    target = folder / f"{version}.json"
    covered = {r for e in doc.get("prices", {}).values() for r in e["regions"]}
    empty = [r for r in regions if r not in covered and "*" not in covered]
    if empty:
        raise RefreshError(
            f"{cloud}: no prices read for region(s) {', '.join(empty)}; check the region names; "
            "nothing written"
        )
    previous = _previous(folder, version)
    found: Diff | None = None
    if previous is not None:
        old = read_whole(previous)
        if "prices" in doc and "prices" in old and merge_previous:  # a unit-price catalog
            doc = _carry_over(old, doc, regions)
        if _same_prices(old, doc):
            raw_old = previous.read_bytes()
            entries = len(old["prices"]) if "prices" in old else _models(old)
            found = diff(old, doc, old_name=str(previous), new_name=str(previous))
            return Written(
                previous, hashlib.sha256(raw_old).hexdigest(), previous, found, entries, True
            )
        if previous == target:
            raise RefreshError(
                f"{target}: already exists with other prices; released catalogs are never "
                "edited (refresh on another day; or, if it was never committed, remove it with "
                "its folder and refresh every region it should hold in one run)"
            )
        if "prices" in doc and "prices" in old:
            _guard(old, doc, regions, thresholds, previous)
        found = diff(old, doc, old_name=str(previous), new_name=str(target))
    problems = f.check(doc, cloud, version)
    if problems:
        raise RefreshError(f"{cloud}: the refreshed catalog does not validate ({problems[0]})")
    folder.mkdir(parents=True, exist_ok=True)
    sums: dict[str, str] = {}
    if "prices" in doc:
        index, parts = split(doc)
        part_dir = folder / version
        try:
            part_dir.mkdir()
        except FileExistsError:
            raise RefreshError(
                f"{part_dir}: already exists; released catalogs are never edited (remove it if "
                "it was never committed)"
            ) from None
        try:
            for region, part in sorted(parts.items()):
                part_raw = _raw(part)
                _write_new(part_dir / f"{region}.json", part_raw)
                sums[f"{cloud}/{version}/{region}.json"] = hashlib.sha256(part_raw).hexdigest()
                index["parts"][region]["sha256"] = sums[f"{cloud}/{version}/{region}.json"]
            raw = _raw(index)
            _write_new(target, raw)
        except BaseException:
            for leftover in part_dir.glob("*"):
                leftover.unlink(missing_ok=True)
            part_dir.rmdir()
            raise
        entries = len(doc["prices"])
    else:
        raw = _raw(doc)
        _write_new(target, raw)
        entries = _models(doc)
    digest = hashlib.sha256(raw).hexdigest()
    _add_sums(out, {f"{cloud}/{version}.json": digest, **sums})
    return Written(target, digest, previous, found, entries)


def _models(doc: Mapping[str, Any]) -> int:
    return sum(len(p.get("models", [])) for p in doc.get("providers", []))


def _same_prices(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """Whether ``new`` prices exactly what ``old`` does: every key with its unit, source and
    price in every region (prices compared as numbers, ``0.10`` = ``0.1``), or every model
    with its price history. The dates and notes of the sources are not prices."""
    if "prices" in new:
        return _price_table(old.get("prices")) == _price_table(new["prices"])
    return bool(old.get("providers")) and old.get("providers") == new.get("providers")


def _price_table(prices: Any) -> dict[str, tuple[str, str, dict[str, Decimal]]] | None:
    if not isinstance(prices, Mapping):
        return None
    return {
        key: (
            str(entry.get("unit")),
            str(entry.get("source")),
            {region: Decimal(str(price)) for region, price in entry["regions"].items()},
        )
        for key, entry in prices.items()
    }


def _raw(doc: Mapping[str, Any]) -> bytes:
    return (json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def split(doc: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A whole catalog document as an index (its ``*`` prices; every regional key's unit in
    ``units`` and its source and description in ``keys``; one entry per region, sha256s filled
    in as the parts are written) and one part per region holding only ``key: price``: a key's
    metadata is written once, not once per region."""
    inline: dict[str, Any] = {}
    parts: dict[str, dict[str, str]] = {}
    units: dict[str, str] = {}
    keys: dict[str, dict[str, str]] = {}
    for key, entry in doc["prices"].items():
        for region, price in entry["regions"].items():
            if region == "*":
                inline.setdefault(key, {**entry, "regions": {}})["regions"]["*"] = price
                continue
            units[key] = entry["unit"]
            keys[key] = {k: entry[k] for k in ("source", "description") if k in entry}
            parts.setdefault(region, {})[key] = price
    meta = {k: v for k, v in doc.items() if k != "prices"}
    index = {
        **meta,
        "prices": inline,
        "units": dict(sorted(units.items())),
        "keys": dict(sorted(keys.items())),
        "parts": {r: {"sha256": "", "entries": len(p)} for r, p in sorted(parts.items())},
    }
    cloud, version = doc["catalog"], doc["version"]
    return index, {
        r: {"catalog": cloud, "version": version, "region": r, "prices": p}
        for r, p in parts.items()
    }


def read_whole(path: Path) -> dict[str, Any]:
    """A previous version as one document, split or not (its parts read)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RefreshError(
            f"{path}: the previous version cannot be read ({exc}); fix or remove it"
        ) from None
    if not f.is_split(data):
        return dict(data)
    file = f.CatalogFile(path.parent.name, path.stem, path, str(path.parent.parent))
    try:
        return f.whole(f.Loaded(file, data, ""))
    except CatalogError as exc:
        raise RefreshError(f"the previous version: {exc}") from None


def _previous(folder: Path, version: str) -> Path | None:
    """The newest version in ``folder`` dated on or before ``version``."""
    if not folder.is_dir():
        return None
    older = sorted(
        p for p in folder.glob("*.json") if f.looks_dated(folder.name, p.stem) and p.stem <= version
    )  # today's own file too: a second refresh the same day compares with it
    return older[-1] if older else None


def _carry_over(old: Mapping[str, Any], new: dict[str, Any], regions: list[str]) -> dict[str, Any]:
    """What this refresh did not read keeps the previous version's prices: other regions (a
    refresh of eu-west-1 must not drop us-east-1) and, in the regions read, keys from other
    sources (prices the API clients do not produce). A key an earlier refresh read from the
    API and this one did not is gone (and counts as a coverage drop)."""
    api = _api_source(new)
    prices: dict[str, dict[str, Any]] = {k: dict(v) for k, v in new["prices"].items()}
    for key, entry in old.get("prices", {}).items():
        from_api = entry.get("source") == api
        kept = {r: p for r, p in entry["regions"].items() if r not in regions or not from_api}
        if not kept:
            continue
        target = prices.setdefault(key, {**entry, "regions": {}})
        if target["unit"] != entry["unit"]:
            continue  # the provider changed the unit: the new rows win, the old ones go
        target["regions"] = {**kept, **target["regions"]}
    sources = {**old.get("sources", {}), **new["sources"]}
    used = {e["source"] for e in prices.values()}
    return {**new, "prices": prices, "sources": {k: v for k, v in sources.items() if k in used}}


def _guard(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    regions: list[str],
    thresholds: Thresholds,
    previous: Path,
) -> None:
    api = _api_source(new)
    for region in regions:
        before = {
            k
            for k, e in old.get("prices", {}).items()
            if region in e["regions"] and e.get("source") == api
        }
        if not before:
            continue
        after = {k for k, e in new["prices"].items() if region in e["regions"]}
        lost = len(before - after) * Decimal(100) / len(before)
        if lost > thresholds.max_coverage_drop:
            raise RefreshError(
                f"{new['catalog']} {region}: {len(before - after)} of {len(before)} keys of "
                f"{previous.name} are missing ({lost:.1f}% > {thresholds.max_coverage_drop}%); "
                "nothing written, the previous catalog is kept (--max-coverage-drop to accept)"
            )
    both = moved = 0
    for key, entry in old.get("prices", {}).items():
        now = new["prices"].get(key)
        if now is None:
            continue
        for region in regions:
            if region in entry["regions"] and region in now["regions"]:
                both += 1
                moved += Decimal(entry["regions"][region]) != Decimal(now["regions"][region])
    if both and moved * Decimal(100) / both > thresholds.max_price_moves:
        share = moved * Decimal(100) / both
        raise RefreshError(
            f"{new['catalog']}: {moved} of {both} prices moved since {previous.name} "
            f"({share:.1f}% > {thresholds.max_price_moves}%); implausible for one refresh; "
            "nothing written, the previous catalog is kept (--max-price-moves to accept)"
        )


def _api_source(doc: Mapping[str, Any]) -> str:
    return f"{doc['catalog']}-api"


def _write_new(target: Path, raw: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.link(tmp, target)  # fails if the file appeared meanwhile: never overwrite
    except FileExistsError:
        raise RefreshError(f"{target}: already exists; nothing written") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _add_sums(out: Path, added: Mapping[str, str]) -> None:
    sums = out / f.SUMS
    lines = f.parse_sums(sums.read_text(encoding="utf-8")) if sums.is_file() else {}
    lines.update(added)
    text = "".join(f"{d}  {r}\n" for r, d in sorted(lines.items()))
    tmp = sums.with_name(f".{f.SUMS}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(sums)


def today_version(today: date) -> str:
    return today.isoformat()
