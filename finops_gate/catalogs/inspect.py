"""``finops-gate pricing list | show | validate | diff``: catalogs looked at as data.

Plain functions returning frozen values; ``cli.py`` prints them. ``diff`` is shared with the
refresh clients, which print what a new dated file changes against the previous one.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from finops_gate.catalogs import files as f
from finops_gate.catalogs.store import CatalogSet
from finops_gate.errors import CatalogError

MAX_SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class Listed:
    """One catalog file for ``pricing list``."""

    file: f.CatalogFile
    sha256: str
    entries: int
    regions: int
    sources: tuple[str, ...]
    retrieved: str | None
    in_force: bool


def listing(catalogs: CatalogSet) -> list[Listed]:
    """Every catalog file shipped or in the team directories, marking the ones in force."""
    out = []
    all_files = catalogs.files()
    in_force = {c.display for c in catalogs.in_force(all_files)}
    for file in all_files:
        loaded = f.read(file)
        data = loaded.data
        sources = data.get("sources") or {}
        retrieved = sorted(str(s.get("retrieved")) for s in sources.values() if s.get("retrieved"))
        entries, regions = _size(data)
        out.append(
            Listed(
                file=file,
                sha256=loaded.digest,
                entries=entries,
                regions=regions,
                sources=tuple(sorted(sources)),
                retrieved=retrieved[-1] if retrieved else None,
                in_force=file.display in in_force,
            )
        )
    return out


def _size(data: Mapping[str, Any]) -> tuple[int, int]:
    if f.is_split(data):  # from the index alone: no part is read to list a catalog
        keys = set(data["prices"]) | set(data.get("units") or {})
        return len(keys), len(data["parts"])
    if "prices" in data:
        prices = data["prices"]
        return len(prices), len({r for e in prices.values() for r in e["regions"] if r != "*"})
    return sum(len(p["models"]) for p in data.get("providers", [])), 0


@dataclass(frozen=True, slots=True)
class Shown:
    """One price key of a unit-price catalog, region by region, and where it came from."""

    catalog: str
    key: str
    unit: str
    description: str
    source: str
    source_detail: Mapping[str, Any]
    prices: tuple[tuple[str, Decimal], ...]
    files: tuple[str, ...]


def show(catalogs: CatalogSet, catalog: str, key: str, region: str | None) -> Shown:
    """The price of ``key`` (every region, or ``region``); a CatalogError says what exists."""
    if catalog in f.MODEL_CATALOGS:
        return _show_model(catalogs, key)
    found = catalogs.price_catalog(catalog)
    prices = found.everything() if region is None else found.table(region)
    entry = prices.get(key)
    if entry is None and region is not None and key in found.everything():
        entry = found.everything()[key]  # the key exists, not in that region: say where it is
    if entry is None:
        close = difflib.get_close_matches(
            key, list(found.everything()), n=MAX_SUGGESTIONS, cutoff=0.6
        )
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise CatalogError(f"{catalog}: no price key {key!r} in {found.label}{hint}")
    regions = dict(entry["regions"])
    if region is not None:
        if region not in regions and "*" not in regions:
            raise CatalogError(
                f"{catalog} {key}: no price in region {region} ({found.label} has "
                f"{len(regions)} region(s) for it: {', '.join(sorted(regions)[:8])}"
                f"{'...' if len(regions) > 8 else ''}); run finops-gate pricing refresh "
                f"{catalog} --region {region} --out DIR"
            )
        regions = {region: regions.get(region, regions.get("*", ""))}
    source = str(entry.get("source", ""))
    detail = _source_detail(catalogs, catalog, source)
    return Shown(
        catalog=catalog,
        key=key,
        unit=str(entry["unit"]),
        description=str(entry.get("description", "")),
        source=source,
        source_detail=detail,
        prices=tuple((r, Decimal(v)) for r, v in sorted(regions.items())),
        files=tuple(c.display for c in found.files),
    )


def _source_detail(catalogs: CatalogSet, catalog: str, source: str) -> Mapping[str, Any]:
    for use in reversed(catalogs.loaded(catalog)):
        detail = (use.data.get("sources") or {}).get(source)
        if isinstance(detail, dict):
            return detail
    return {}


def _show_model(catalogs: CatalogSet, name: str) -> Shown:
    llm = catalogs.llm(pricing=False)
    found = llm.resolve(name)
    if found is None:
        close = llm.suggest(name)
        hint = f"; did you mean {close}?" if close else ""
        raise CatalogError(f"llm: no model {name!r} in the llm catalog {llm.version}{hint}")
    model = found.model
    rows: list[tuple[str, Decimal]] = []
    for entry in model.history:
        since = entry.start_date.isoformat() if entry.start_date else "first known"
        for label, price in (
            ("input", entry.input),
            ("output", entry.output),
            ("cache read", entry.cache_read),
            ("cache write", entry.cache_write),
        ):
            if price is not None:
                rows.append((f"{since} {label}", price.base))
    return Shown(
        catalog="llm",
        key=f"{model.provider}/{model.id}",
        unit="USD per 1M tokens",
        description=f"{model.provider_name} {model.name} (resolved via {found.via})",
        source="",
        source_detail={},
        prices=tuple(rows),
        files=(catalogs.loaded("llm")[-1].file.display,),
    )


# ---------------------------------------------------------------- validate


@dataclass(frozen=True, slots=True)
class Validated:
    """What ``pricing validate`` found: files checked, problems (exit 2), and notes: what a rule
    added after a shipped file was released finds in it (the file stays as released; the
    version in force is clean)."""

    checked: int
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()


def validate_paths(paths: Iterable[Path]) -> Validated:
    """Check files or catalog folders (default: every shipped file). Every problem reads
    ``<file>: <problem>``."""
    targets: list[tuple[Path, str, str | None, str | None, str | None]] = []
    given = list(paths)
    frozen: set[str] = set()
    shipped_root = f.pricing_dir().resolve()
    if any(p.is_dir() and p.resolve() == shipped_root for p in given):
        # the shipped folder itself: the same as no argument (release rules included)
        given = [p for p in given if not (p.is_dir() and p.resolve() == shipped_root)]
        everything = True
    else:
        everything = not given
    if everything:
        for c in f.shipped():
            targets.append((c.path, c.display, c.catalog, c.version, f.digests().get(_rel(c))))
            if _rel(c) in f.released():
                frozen.add(c.display)
    for path in given:
        if path.is_dir() and f.is_catalog_folder(path):
            # one catalog's folder (``pricing/aws``): its dated files
            sums = _sums(path.parent)
            for c in f.scan_folder(path, origin=str(path.parent)):
                targets.append((c.path, c.display, c.catalog, c.version, sums.get(_rel(c))))
        elif path.is_dir():
            sums = _sums(path)
            for c in f.scan(path, origin=str(path)):
                targets.append((c.path, c.display, c.catalog, c.version, sums.get(_rel(c))))
        elif path.is_file():
            catalog, version = path.parent.name, path.name.removesuffix(".json")
            guessed = f.looks_dated(catalog, version)
            targets.append(
                (path, str(path), catalog if guessed else None, version if guessed else None, None)
            )
        else:
            raise CatalogError(f"{path}: no such file or directory")
    problems: list[str] = f.release_problems() if everything else []
    notes: list[str] = []
    for path, display, name, day, digest in targets:
        try:  # a released shipped file, however it was named on the command line
            if path.resolve().relative_to(shipped_root).as_posix() in f.released():
                frozen.add(display)
        except ValueError:
            pass
        found, strict = _validate_one(path, name, day, digest)
        if display in frozen:
            notes.extend(
                f"{display}: {p} (released: kept as released, never edited)" for p in strict
            )
        else:
            found += strict
        problems.extend(f"{display}: {p}" for p in found)
    return Validated(len(targets), tuple(problems), tuple(notes))


def _rel(c: f.CatalogFile) -> str:
    return f"{c.catalog}/{c.version}.json"


def _sums(directory: Path) -> dict[str, str]:
    sums = directory / f.SUMS
    return f.parse_sums(sums.read_text(encoding="utf-8")) if sums.is_file() else {}


def _validate_one(
    path: Path, catalog: str | None, version: str | None, digest: str | None
) -> tuple[list[str], list[str]]:
    """(problems, problems of the rules added after the first release: placeholder keys)."""
    import hashlib

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [f"cannot read ({exc.strerror})"], []
    problems = []
    if digest is not None and hashlib.sha256(raw).hexdigest() != digest:
        problems.append("contents do not match SHA256SUMS (released catalogs are never edited)")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        return [*problems, f"not valid JSON ({exc})"], []
    problems += f.check(data, catalog, version, strict=False)
    strict = []
    if isinstance(data, dict) and isinstance(data.get("prices"), dict):
        strict += f.placeholder_problems(data["prices"])
        strict += f.placeholder_problems(data.get("units"), where="units")
    if f.is_split(data) and not problems:
        problems += _validate_parts(path, data)
    return problems, strict


def _validate_parts(index: Path, data: dict[str, Any]) -> list[str]:
    """Every regional part of a split version: present, matching the index's sha256, valid;
    and no part the index does not list."""
    import hashlib

    folder = index.parent / index.name.removesuffix(".json")
    problems = []
    for region, meta in sorted(data["parts"].items()):
        part = folder / f"{region}.json"
        where = f"{folder.name}/{region}.json"
        try:
            raw = part.read_bytes()
        except OSError as exc:
            problems.append(f"{where}: cannot read ({exc.strerror}); the index lists it")
            continue
        if hashlib.sha256(raw).hexdigest() != meta["sha256"]:
            problems.append(f"{where}: contents do not match the sha256 in the index")
        try:
            doc = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            problems.append(f"{where}: not valid JSON ({exc})")
            continue
        problems.extend(f"{where}: {p}" for p in f.check_part(doc, data, region))
    if folder.is_dir():
        listed = {f"{r}.json" for r in data["parts"]}
        problems.extend(
            f"{folder.name}/{p.name}: not listed in the index (a part from another version?)"
            for p in sorted(folder.iterdir())
            if p.name not in listed
        )
    return problems


# ---------------------------------------------------------------- diff


@dataclass(frozen=True, slots=True)
class Move:
    """One price that differs between two catalog versions (None: absent on that side)."""

    key: str
    region: str
    old: Decimal | None
    new: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        if self.old is None or self.new is None or self.old == 0:
            return None
        return (self.new - self.old) * 100 / self.old


@dataclass(frozen=True, slots=True)
class Diff:
    """``pricing diff``: the prices two catalog versions change, add and remove."""

    old: str
    new: str
    changed: tuple[Move, ...]  # largest moves first
    added: tuple[Move, ...]
    removed: tuple[Move, ...]
    unchanged: int

    @property
    def compared(self) -> int:
        return len(self.changed) + len(self.removed) + self.unchanged


def flatten(data: Mapping[str, Any]) -> dict[tuple[str, str], Decimal]:
    """(key, region) -> price. A model catalog flattens to (provider/model field, "*") at the
    newest price of each model."""
    out: dict[tuple[str, str], Decimal] = {}
    if "prices" in data:
        for key, entry in data["prices"].items():
            for region, value in entry["regions"].items():
                out[(key, region)] = _decimal(value)
        return out
    for provider in data.get("providers", []):
        for model in provider.get("models", []):
            latest = (model.get("prices") or [{}])[-1]
            for field_name, value in sorted(latest.items()):
                if field_name.endswith(("_mtok", "_kcount")) and value is not None:
                    base = value["base"] if isinstance(value, dict) else value
                    out[(f"{provider['id']}/{model['id']} {field_name}", "*")] = _decimal(base)
    return out


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise CatalogError(f"not a decimal price: {value!r}") from None


def diff(old: Mapping[str, Any], new: Mapping[str, Any], *, old_name: str, new_name: str) -> Diff:
    a, b = flatten(old), flatten(new)
    changed, removed, unchanged = [], [], 0
    for pair, price in a.items():
        now = b.get(pair)
        if now is None:
            removed.append(Move(pair[0], pair[1], price, None))
        elif now != price:
            changed.append(Move(pair[0], pair[1], price, now))
        else:
            unchanged += 1
    added = [Move(k, r, None, p) for (k, r), p in b.items() if (k, r) not in a]

    def size(m: Move) -> tuple[Decimal, Decimal, str, str]:
        pct = m.percent
        return (
            -abs(pct) if pct is not None else Decimal(0),
            -abs((m.new or Decimal(0)) - (m.old or Decimal(0))),
            m.key,
            m.region,
        )

    return Diff(
        old=old_name,
        new=new_name,
        changed=tuple(sorted(changed, key=size)),
        added=tuple(sorted(added, key=lambda m: (m.key, m.region))),
        removed=tuple(sorted(removed, key=lambda m: (m.key, m.region))),
        unchanged=unchanged,
    )


def read_any(path: Path) -> dict[str, Any]:
    """A catalog file given on the command line (``pricing diff``)."""
    try:
        if path.stat().st_size > f.MAX_FILE_BYTES:
            raise CatalogError(f"{path}: larger than 256 MB; not read")
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise CatalogError(f"{path}: no such catalog file") from None
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise CatalogError(
            f"{path}: not valid JSON ({exc}); run finops-gate pricing validate"
        ) from None
    if not isinstance(data, dict) or not ("prices" in data or "providers" in data):
        raise CatalogError(
            f"{path}: not a finops-gate catalog (no prices); run finops-gate pricing validate"
        )
    problems = f.check(data, strict=False)  # an old released file is compared as it was
    if problems:
        raise CatalogError(f"{path}: {problems[0]} (run finops-gate pricing validate)")
    if f.is_split(data):
        file = f.CatalogFile(path.parent.name, path.name.removesuffix(".json"), path, "given")
        return f.whole(f.Loaded(file, data, ""))
    return data
