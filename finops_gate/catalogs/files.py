"""Catalog files on disk: the shipped ``pricing/`` folder and a team's own catalog directories.

Layout (the same everywhere): ``<dir>/<catalog>/<YYYY-MM-DD>.json``, one file per catalog
version, named by the date its prices were taken. A version may be **split by region** (what
``pricing refresh`` writes): then ``<YYYY-MM-DD>.json`` is an index (metadata, the prices that
hold everywhere, the unit of every key, and per region the sha256 of its part) and the region's
prices are in ``<YYYY-MM-DD>/<region>.json``, read only when a run asks for that region.
Shipped files are checked against ``pricing/SHA256SUMS`` (released files are never edited, so
a changed digest means a changed file); ``pricing/RELEASED`` lists, in the same format, every
file already released, whose digest may never change again (a test holds it; a new version
gets a new dated file). A team directory may carry its own ``SHA256SUMS``;
when it does, it is checked too. Every file's digest is reported, so a reviewer sees exactly
which prices a verdict used.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from finops_gate.catalogs import checked
from finops_gate.errors import CatalogError
from finops_gate.frozen import frozen

# sha256 by the interpreter's own implementation (3.12: _sha2, 3.11: _sha256), the very digest:
# hashlib's is OpenSSL's, whose loading costs a run more than hashing the catalogs it reads
try:
    from _sha2 import sha256 as _sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - by version
    try:
        from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
    except ImportError:
        from hashlib import sha256 as _sha256  # type: ignore[assignment,unused-ignore]
# BLAKE2b, the interpreter's own module too: a shipped file is checked against its line in
# pricing/B2SUMS, in about a third of the instructions sha256 takes over the same bytes
try:
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - by build
    from hashlib import blake2b as _blake2b

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
SUMS = "SHA256SUMS"
B2SUMS = "B2SUMS"
RELEASED = "RELEASED"
SHIPPED = "shipped"
MAX_FILE_BYTES = 256 * 1024 * 1024
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# catalogs whose file is a whole model list (prices with their own history), not unit prices
MODEL_CATALOGS = frozenset({"llm"})


@functools.cache
def pricing_dir() -> Path:
    """The ``pricing/`` folder: inside the wheel, or at the root of a source checkout (found
    once: a run asks for it with each list and catalog it reads)."""
    for candidate in (_PACKAGE_DIR / "_pricing", _PACKAGE_DIR.parent / "pricing"):
        if (candidate / SUMS).is_file():
            return candidate
    raise CatalogError(
        "pricing catalogs not found; reinstall finops-gate (pip install finops-gate)"
    )


@frozen
class CatalogFile:
    """One catalog version on disk. ``origin`` is ``"shipped"`` or the directory as given."""

    catalog: str
    version: str
    path: Path
    origin: str

    @property
    def day(self) -> date:
        return date.fromisoformat(self.version)

    @property
    def display(self) -> str:
        """``pricing/aws/2026-11-01.json`` for a shipped file, else ``<dir>/aws/<date>.json``."""
        rel = f"{self.catalog}/{self.version}.json"
        return f"pricing/{rel}" if self.origin == SHIPPED else f"{self.origin.rstrip('/')}/{rel}"


def parse_sums(text: str) -> dict[str, str]:
    """``<sha256>  <relative path>`` lines -> {relative path: digest}."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, rel = line.partition("  ")
            out[rel.strip()] = digest.strip()
    return out


def sha256_hex(data: bytes) -> str:
    """The sha256 of ``data`` as hex, as ``hashlib.sha256(data).hexdigest()``."""
    return str(_sha256(data).hexdigest())


@functools.cache
def digests() -> dict[str, str]:
    """Relative path -> sha256 hex digest, from the shipped ``pricing/SHA256SUMS``."""
    return parse_sums((pricing_dir() / SUMS).read_text(encoding="utf-8"))


def quick_digest(rel: str) -> str | None:
    """The BLAKE2b-512 hex digest (``b2sum``) of shipped file ``rel`` in ``pricing/B2SUMS``
    (None without one): the same files and bytes as SHA256SUMS, both written by
    scripts/update_digests.py, one ``<digest>  <path>`` line each, and held equal by a test.
    The line is found by its text: a run reads a file or two of the list."""
    text = _quick_sums()
    at = text.find(f"  {rel}\n")
    return None if at < 0 else text[text.rfind("\n", 0, at) + 1 : at]


@functools.cache
def _quick_sums() -> str:
    path = pricing_dir() / B2SUMS
    return path.read_text(encoding="utf-8") if path.is_file() else ""


@functools.cache
def released() -> dict[str, str]:
    """Relative path -> sha256 of every shipped file already released (``pricing/RELEASED``)."""
    path = pricing_dir() / RELEASED
    return parse_sums(path.read_text(encoding="utf-8")) if path.is_file() else {}


def release_problems() -> list[str]:
    """Every shipped file that changed (or went) after its release, and every superseded
    version not listed as released: ``pricing/RELEASED`` only grows."""
    root = pricing_dir()
    problems = []
    for rel, digest in sorted(released().items()):
        path = root / rel
        try:
            actual = sha256_hex(path.read_bytes())
        except OSError:
            problems.append(f"pricing/{rel}: released, but missing; restore it from git history")
            continue
        if actual != digest:
            problems.append(
                f"pricing/{rel}: changed after its release (sha256 {actual[:12]}, released "
                f"{digest[:12]}); restore it from git history and put the new prices in a new "
                "dated version"
            )
    by_catalog: dict[str, list[CatalogFile]] = {}
    for c in shipped():
        by_catalog.setdefault(c.catalog, []).append(c)
    for versions in by_catalog.values():
        for c in versions[:-1]:
            if f"{c.catalog}/{c.version}.json" not in released():
                problems.append(
                    f"{c.display}: superseded by a newer version but not in pricing/{RELEASED}; "
                    "run python scripts/update_digests.py --release"
                )
    return problems


def shipped(catalog: str | None = None) -> list[CatalogFile]:
    """Every shipped catalog file listed in SHA256SUMS (of ``catalog`` alone, if given), sorted
    by catalog then date."""
    root = pricing_dir()
    out = []
    for rel in digests():
        name, _, file = rel.partition("/")
        if catalog is not None and name != catalog:
            continue
        version = file.removesuffix(".json")
        if _NAME.match(name) and _VERSION.match(version) and file.endswith(".json"):
            out.append(CatalogFile(name, version, root / rel, SHIPPED))
    return sorted(out, key=lambda f: (f.catalog, f.version))


def scan(directory: Path, *, origin: str) -> list[CatalogFile]:
    """The catalog files of a team directory (``<dir>/<catalog>/<YYYY-MM-DD>.json``).

    Anything else inside (README, schemas, a misnamed file) is an error naming it, so a typo
    never silently drops a team's prices.
    """
    if not directory.is_dir():
        raise CatalogError(
            f"{origin}: catalog directory not found; check --catalog-dir / pricing.catalog_dirs"
        )
    out = []
    for sub in sorted(directory.iterdir()):
        if sub.name.startswith(".") or (sub.is_file() and _is_companion(sub.name)):
            continue
        if not sub.is_dir() or not _NAME.match(sub.name):
            raise CatalogError(
                f"{origin}/{sub.name}: not a catalog folder; a catalog directory holds "
                "<catalog>/<YYYY-MM-DD>.json files (e.g. aws/2026-11-30.json)"
            )
        out.extend(scan_folder(sub, origin=origin))
    return out


def scan_folder(sub: Path, *, origin: str) -> list[CatalogFile]:
    """The dated files of one catalog's folder (``<dir>/aws``); ``origin`` names ``<dir>``."""
    out = []
    for path in sorted(sub.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and _VERSION.match(path.name):
            if not (sub / f"{path.name}.json").is_file():
                raise CatalogError(
                    f"{origin}/{sub.name}/{path.name}/: region files without their index "
                    f"{path.name}.json; restore the index or remove the folder"
                )
            continue  # the regional parts of a split version, read through its index
        version = path.name.removesuffix(".json")
        if not path.name.endswith(".json") or not _VERSION.match(version) or not _is_day(version):
            raise CatalogError(
                f"{origin}/{sub.name}/{path.name}: not a dated catalog file; name it "
                "<YYYY-MM-DD>.json after the date its prices were taken"
            )
        out.append(CatalogFile(sub.name, version, path, origin))
    return out


_COMPANIONS = r"(?i)^(README|NOTICE|LICEN[CS]E|COPYING)([.-].*)?$"


def _is_companion(name: str) -> bool:
    """Files a catalog directory may hold beside its catalogs: digests (SHA256SUMS; B2SUMS, as
    pricing/ ships it), the released list, and the readme/notice/licence of the price data
    (their licences often require them)."""
    return name in (SUMS, B2SUMS, RELEASED) or bool(_pattern(_COMPANIONS).match(name))


def is_catalog_folder(directory: Path) -> bool:
    """Whether ``directory`` is one catalog's folder (``.../aws``) holding dated files directly."""
    return bool(_NAME.match(directory.name)) and any(
        p.is_file() and looks_dated(directory.name, p.name.removesuffix(".json"))
        for p in directory.glob("*.json")
    )


def looks_dated(catalog: str, version: str) -> bool:
    """Whether ``<catalog>/<version>.json`` follows the layout (``aws/2026-11-30.json``)."""
    return bool(_NAME.match(catalog) and _VERSION.match(version) and _is_day(version))


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@frozen
class Loaded:
    """A catalog file read and checked: its JSON and its sha256."""

    file: CatalogFile
    data: dict[str, Any]
    digest: str


def read(file: CatalogFile) -> Loaded:
    """Read, verify and (team files) validate one catalog file; a bad file is a CatalogError."""
    return _read_cached(file, _stamp(file))


def _stamp(file: CatalogFile) -> tuple[int, int]:
    try:
        st = file.path.stat()
    except OSError as exc:
        raise CatalogError(f"{file.display}: cannot read ({exc.strerror})") from None
    return st.st_mtime_ns, st.st_size


@functools.lru_cache(maxsize=64)
def _read_cached(file: CatalogFile, stamp: tuple[int, int]) -> Loaded:
    del stamp  # part of the cache key only: a file changed on disk is read again
    try:
        with file.path.open("rb") as handle:
            st = os.fstat(handle.fileno())  # (the file read: what the check record keeps)
            if st.st_size > MAX_FILE_BYTES:
                raise CatalogError(f"{file.display}: larger than 256 MB; not read")
            raw = handle.read()
    except OSError as exc:
        raise CatalogError(f"{file.display}: cannot read ({exc.strerror})") from None
    if file.origin == SHIPPED:
        digest, matches = _shipped_digest(file, raw, st)
    else:
        digest = sha256_hex(raw)
        expected = _expected_digest(file)
        matches = expected is None or expected == digest
    if not matches:
        raise CatalogError(
            f"{file.display}: contents do not match {_sums_name(file)}; released catalogs are "
            "never edited: add a new dated file instead"
        )
    try:
        # a shipped file is one of the files SHA256SUMS pins (the digest above), each written
        # canonically (tests/pricing/test_lazy_prices.py): its prices are read as asked
        data = _canonical(raw) if file.origin == SHIPPED else None
        if data is None:
            data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise CatalogError(f"{file.display}: not valid JSON ({exc}); regenerate the file") from None
    if file.origin != SHIPPED:
        problems = check(data, file.catalog, file.version)
        if problems:
            raise CatalogError(f"{file.display}: {problems[0]} (run finops-gate pricing validate)")
    return Loaded(file, data, digest)


# where the prices of a canonical document (json.dumps(doc, indent=1, sort_keys=True,
# ensure_ascii=False), every shipped file) begin and end: a line of the top-level object is
# indented by one space, a key of ``prices`` by two, a key of an entry by three, a region of its
# ``regions`` by four, and a newline within a value is written ``\\n``
_PRICES_OPEN = '\n "prices": {\n'
_PRICES_CLOSE = "\n }"
# the close followed by the next key of the top-level object (``sources``, in every shipped
# file): the same place as the first _PRICES_CLOSE, found by a longer needle, which the search
# skips ahead by more of (a third fewer instructions over the aws catalog's 280 KB of prices)
_PRICES_CLOSE_THEN_KEY = '\n },\n "'
_DECODER = json.JSONDecoder()
_ABSENT = object()


def _canonical(raw: bytes) -> dict[str, Any] | None:
    """A canonical catalog document as ``json.loads`` reads it, its ``prices`` a
    ``CanonicalPrices`` (each entry parsed when it is asked for); None for any other layout
    (an empty ``prices``, none, another indent), then read with ``json.loads``."""
    text = raw.decode("utf-8")
    start = text.find(_PRICES_OPEN)
    if start < 0:
        return None
    body = start + len(_PRICES_OPEN) - 1  # the newline before the first key
    end = text.find(_PRICES_CLOSE_THEN_KEY, body)
    if end < 0:  # ``prices`` the last key
        end = text.find(_PRICES_CLOSE, body)
    if end < 0:
        return None
    data = json.loads(text[:body] + text[end + 2 :])  # the document with "prices": {}
    if not isinstance(data, dict) or data.get("prices") != {}:
        return None
    data["prices"] = CanonicalPrices(text, body, end)
    return data


# distinct keys looked up one by one in a canonical ``prices`` before it is parsed whole: a
# lookup scans the text (about 1% of parsing it), a small run asks for a few keys
_LOOKUPS = 16


class CanonicalPrices(Mapping[str, Mapping[str, Any]]):
    """The ``prices`` of a canonical catalog document, as ``json.loads`` reads them: an entry is
    found by its key's line (``\\n  "<key>": ``, a key of ``prices`` alone is indented by two
    spaces) and parsed when first asked for; after ``_LOOKUPS`` keys, or for anything that
    needs every entry (iterating, the length), the whole object is parsed once. A small run
    reads a few entries of the thousands the aws catalog holds (issue 18)."""

    __slots__ = ("_all", "_end", "_found", "_regions", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        # the object's body is text[start:end], from the newline before its first key (looked
        # up in place: a copy of the aws catalog's prices costs as much as a few lookups)
        self._text, self._start, self._end = text, start, end
        self._found: dict[str, Any] = {}  # key -> its entry, _ABSENT where there is none
        self._regions: dict[str, bool] = {}
        self._all: dict[str, Any] | None = None

    def __getitem__(self, key: str) -> Mapping[str, Any]:
        if self._all is not None:
            found: Any = self._all[key]
            return found  # type: ignore[no-any-return]
        try:
            entry = self._found[key]
        except KeyError:
            if len(self._found) >= _LOOKUPS or not _is_plain(key):
                return self.whole()[key]  # type: ignore[no-any-return]
            entry = self._found[key] = self._entry(key)
        if entry is _ABSENT:
            raise KeyError(key)
        return entry  # type: ignore[no-any-return]

    def _entry(self, key: str) -> Any:
        line = f'\n  "{key}": '
        at = self._text.find(line, self._start, self._end)
        if at < 0:
            return _ABSENT
        value, _ = _DECODER.raw_decode(self._text, at + len(line))
        return value

    def whole(self) -> dict[str, Any]:
        """Every entry, parsed once."""
        if self._all is None:
            self._all = json.loads("{" + self._text[self._start : self._end] + "\n}")
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def __len__(self) -> int:
        return len(self.whole())

    def __repr__(self) -> str:
        return repr(self.whole())

    def has_region(self, region: str) -> bool:
        """Whether an entry is priced in ``region``: a key of a ``regions`` object alone is
        indented by four spaces."""
        if self._all is not None or not _is_plain(region):
            return any(region in entry["regions"] for entry in self.whole().values())
        found = self._regions.get(region)
        if found is None:
            line = f'\n    "{region}": "'
            found = self._regions[region] = self._text.find(line, self._start, self._end) >= 0
        return found


def _is_plain(text: str) -> bool:
    """Whether JSON writes ``text`` as it is (no quote, backslash, control character): what a
    key or region may hold to be found by its text."""
    return text.isprintable() and '"' not in text and "\\" not in text


def _shipped_digest(file: CatalogFile, raw: bytes, st: os.stat_result) -> tuple[str, bool]:
    """The sha256 of a shipped file, the one pricing/SHA256SUMS pins, and whether ``raw`` are
    the bytes it pins: checked against the file's BLAKE2b in pricing/B2SUMS (written with
    SHA256SUMS from the same bytes, a test holds the two), a third of the instructions of
    hashing them with sha256, which a one-resource run spent 15 million on (start-up, issue
    18); a file B2SUMS does not list is hashed with sha256. A file that an earlier run found
    intact and that is still exactly as it was then (``checked``) is not hashed again."""
    pinned = _expected_digest(file)
    assert pinned is not None  # a shipped file is listed in SHA256SUMS, else CatalogError
    quick = quick_digest(f"{file.catalog}/{file.version}.json")
    expected = pinned if quick is None else quick
    if checked.found_intact(file.path, st, expected):
        return pinned, True
    actual = sha256_hex(raw) if quick is None else _blake2b(raw).hexdigest()
    if actual != expected:
        return actual if quick is None else pinned, False
    checked.remember(file.path, st, expected, shipped=pricing_dir())
    return pinned, True


def _sums_name(file: CatalogFile) -> str:
    return "pricing/SHA256SUMS" if file.origin == SHIPPED else f"{file.origin}/{SUMS}"


def _expected_digest(file: CatalogFile) -> str | None:
    rel = f"{file.catalog}/{file.version}.json"
    if file.origin == SHIPPED:
        found = digests().get(rel)
        if found is None:
            raise CatalogError(f"pricing/{rel}: not listed in pricing/SHA256SUMS")
        return found
    sums = file.path.parent.parent / SUMS
    if not sums.is_file():
        return None
    try:
        return parse_sums(sums.read_text(encoding="utf-8")).get(rel)
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{file.origin}/{SUMS}: cannot read ({exc})") from None


def is_split(data: Any) -> bool:
    """Whether a catalog document is the index of a version split by region."""
    return isinstance(data, dict) and isinstance(data.get("parts"), dict)


def part_path(file: CatalogFile, region: str) -> Path:
    """Where the prices of ``region`` of a split version are: ``<catalog>/<version>/<region>.json``
    (derived, never read from the index, so an index cannot point outside its folder)."""
    return file.path.parent / file.version / f"{region}.json"


def read_part(loaded: Loaded, region: str) -> dict[str, Any]:
    """The prices of ``region`` in a split version (``{}`` when the index has no such part),
    checked against the digest the index holds, as entries (``{key: {unit, source,
    regions: {region: price}}}``) whichever way the part is written."""
    parts = loaded.data.get("parts") or {}
    meta = parts.get(region)
    if not isinstance(meta, dict):
        return {}
    slot = (loaded.file, loaded.digest or str(id(loaded.data)))
    _INDEXES.setdefault(slot, loaded.data)
    return _read_part(loaded.file, region, str(meta.get("sha256", "")), slot[1])


# index documents by (file, digest), for the parts read through them (the cache key of
# _read_part stays small: an index may list thousands of keys)
_INDEXES: dict[tuple[CatalogFile, str], dict[str, Any]] = {}


def whole(loaded: Loaded) -> dict[str, Any]:
    """A split version as one document (every part read): for ``validate``, ``diff``, ``show``
    and a refresh's comparison with the previous version. Other documents as they are."""
    data = loaded.data
    if not is_split(data):
        return data
    prices = {k: dict(v) for k, v in data["prices"].items()}
    for region in sorted(data["parts"]):
        for key, entry in read_part(loaded, region).items():
            target = prices.setdefault(key, {**entry, "regions": {}})
            target["regions"] = {**target["regions"], **entry["regions"]}
    drop = ("parts", "units", "keys")
    return {k: v for k, v in data.items() if k not in drop} | {"prices": prices}


@functools.lru_cache(maxsize=256)
def _read_part(file: CatalogFile, region: str, digest: str, index_digest: str) -> dict[str, Any]:
    index = _INDEXES[(file, index_digest)]
    path = part_path(file, region)
    shown = f"{file.display.removesuffix('.json')}/{region}.json"
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CatalogError(f"{shown}: larger than 256 MB; not read")
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(
            f"{shown}: cannot read ({exc.strerror}); the index {file.display} lists it"
        ) from None
    if sha256_hex(raw) != digest:
        raise CatalogError(
            f"{shown}: contents do not match the sha256 in {file.display}; released catalogs are "
            "never edited: add a new dated version instead"
        )
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise CatalogError(f"{shown}: not valid JSON ({exc}); regenerate the file") from None
    if file.origin != SHIPPED:  # a shipped part is pinned by SHA256SUMS through its index
        problems = check_part(data, index, region)
        if problems:
            raise CatalogError(f"{shown}: {problems[0]} (run finops-gate pricing validate)")
    return part_entries(data["prices"], index, region)


def part_entries(prices: dict[str, Any], index: dict[str, Any], region: str) -> dict[str, Any]:
    """A part's prices as entries. A part holds, per key, either a whole entry (``{unit,
    source, regions}``) or only the price (``"0.096"``), its unit from the index's ``units``
    and its source and description from the index's ``keys``."""
    units = index.get("units") or {}
    keys = index.get("keys") or {}
    out: dict[str, Any] = {}
    for key, value in prices.items():
        if isinstance(value, str):
            meta = keys.get(key) or {}
            entry = {"unit": units.get(key), **meta, "regions": {region: value}}
            out[key] = entry
        else:
            out[key] = value
    return out


# (compiled by the first check that uses them: a run of the shipped catalogs checks none)
_PRICE = r"^\d+(\.\d+)?$"
_KEY = r"^[a-z0-9][a-z0-9_.:/+-]*$"


def check_part(data: Any, index: dict[str, Any], region: str) -> list[str]:
    """Every problem of one regional part: it names its catalog, version and region, holds only
    that region's prices, in the units the index lists, for keys the index lists, from sources
    the index lists. A price alone is checked here (a decimal string, its key in the index's
    ``keys``); a whole entry against the catalog schema."""
    if not isinstance(data, dict) or not isinstance(data.get("prices"), dict):
        return [
            "not a regional part (expected a JSON object with catalog, version, region and prices)"
        ]
    problems = []
    for name in ("catalog", "version"):
        if data.get(name) != index.get(name):
            problems.append(
                f"{name}: {data.get(name)!r} does not match its index ({index.get(name)!r})"
            )
    if data.get("region") != region:
        problems.append(f"region: {data.get('region')!r} does not match its file name {region}")
    units: dict[str, Any] = index["units"] if isinstance(index.get("units"), dict) else {}
    keys: dict[str, Any] = index["keys"] if isinstance(index.get("keys"), dict) else {}
    entries = {}
    key_pattern, price_pattern = _pattern(_KEY), _pattern(_PRICE)
    for key, value in sorted(data["prices"].items()):
        if not isinstance(value, str):
            entries[key] = value
        elif not key_pattern.match(key):
            problems.append(f"prices/{key}: not a price key (lowercase letters, digits, ._:/+-)")
        elif key not in keys or key not in units:
            problems.append(
                f"prices/{key}: a price alone needs the key's unit and source in the index "
                "(units, keys)"
            )
        elif not price_pattern.match(value):
            problems.append(f'prices/{key}: {value!r} is not a decimal price (e.g. "0.096")')
    problems.extend(placeholder_problems(data["prices"]))
    if entries:
        doc = {
            **{
                k: index.get(k)
                for k in ("catalog", "version", "currency", "hours_per_month", "description")
            },
            "sources": index.get("sources"),
            "prices": entries,
        }
        problems.extend(
            p for p in check(doc, strict=False) if not p.startswith(("catalog:", "version:"))
        )
    for key, entry in sorted(entries.items()):
        if not isinstance(entry, dict):
            continue
        if isinstance(entry.get("regions"), dict) and set(entry["regions"]) != {region}:
            problems.append(f"prices/{key}/regions: a part holds only {region}'s prices")
        if units.get(key) != entry.get("unit"):
            problems.append(
                f"prices/{key}/unit: {entry.get('unit')!r}, but the index lists {units.get(key)!r}"
            )
    return problems


@functools.cache
def _validator(kind: str) -> Any:
    import jsonschema

    name = "model-catalog" if kind == "model" else "price-catalog"
    schema_path = pricing_dir() / "schema" / f"{name}.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


# the maps that grow with a catalog (a refreshed EC2 region holds ~100,000 keys): checked against
# their part of the schema by _walk, the same keywords and messages as jsonschema, ~30x faster;
# the rest of the document by jsonschema itself
_BIG_MAPS = ("prices", "keys", "units")
_WALKED = frozenset(
    {
        "type",
        "pattern",
        "propertyNames",
        "additionalProperties",
        "properties",
        "required",
        "minLength",
        "minProperties",
        "minimum",
        "description",
    }
)
_TYPES: dict[str, Any] = {"object": dict, "string": str, "integer": int}


def _schema_errors(kind: str, data: dict[str, Any]) -> list[tuple[list[str | int], str]]:
    """(path, message) of every schema error of ``data``."""
    validator = _validator(kind)
    props = validator.schema.get("properties", {})
    big = [name for name in _BIG_MAPS if name in data and _walkable(props.get(name))]
    if kind != "price" or not big:
        return [(list(e.absolute_path), e.message) for e in validator.iter_errors(data)]
    light = {k: v for k, v in data.items() if k not in big}
    if "prices" in big:
        light["prices"] = {}  # required; its entries are walked below
    errors = [(list(e.absolute_path), e.message) for e in validator.iter_errors(light)]
    for name in big:
        errors.extend(_walk(props[name], data[name], [name]))
    return errors


def _walkable(node: Any) -> bool:
    if not isinstance(node, dict) or not set(node) <= _WALKED:
        return False
    if node.get("type", "object") not in _TYPES:
        return False
    nested = [*node.get("properties", {}).values(), node.get("propertyNames", {})]
    extra = node.get("additionalProperties", False)
    if not isinstance(extra, bool):
        nested.append(extra)
    return all(_walkable(n) for n in nested if n)


def _walk(node: dict[str, Any], value: Any, path: list[str | int]) -> list[tuple[Any, str]]:
    """The errors of ``value`` against ``node`` (only the keywords of _WALKED), as jsonschema
    words them."""
    kind = node.get("type")
    if kind is not None and not (
        isinstance(value, _TYPES[kind]) and not (kind == "integer" and isinstance(value, bool))
    ):
        return [(path, f"{value!r} is not of type {kind!r}")]
    out: list[tuple[Any, str]] = []
    if isinstance(value, str):
        if "minLength" in node and len(value) < node["minLength"]:
            short = "should be non-empty" if node["minLength"] == 1 else "is too short"
            out.append((path, f"{value!r} {short}"))
        if "pattern" in node and not _pattern(node["pattern"]).search(value):
            out.append((path, f"{value!r} does not match {node['pattern']!r}"))
    if isinstance(value, int) and "minimum" in node and value < node["minimum"]:
        out.append((path, f"{value!r} is less than the minimum of {node['minimum']!r}"))
    if not isinstance(value, dict):
        return out
    if "minProperties" in node and len(value) < node["minProperties"]:
        few = "should be non-empty" if node["minProperties"] == 1 else "does not have enough"
        out.append(
            (path, f"{value!r} {few}" + ("" if node["minProperties"] == 1 else " properties"))
        )
    names = node.get("propertyNames")
    if names:
        out.extend((path, message) for key in value for _, message in _walk(names, key, path))
    out.extend(
        (path, f"{name!r} is a required property")
        for name in node.get("required", ())
        if name not in value
    )
    props, extra = node.get("properties", {}), node.get("additionalProperties", True)
    unexpected = [key for key in value if key not in props] if extra is False else []
    if unexpected:
        listed = ", ".join(repr(key) for key in unexpected)
        verb = "was" if len(unexpected) == 1 else "were"
        out.append((path, f"Additional properties are not allowed ({listed} {verb} unexpected)"))
    for key, item in value.items():
        sub = props.get(key, extra if isinstance(extra, dict) else None)
        if sub:
            out.extend(_walk(sub, item, [*path, key]))
    return out


@functools.cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def check(
    data: Any, catalog: str | None = None, version: str | None = None, *, strict: bool = True
) -> list[str]:
    """Every problem of one catalog document: its JSON Schema, then the rules a schema cannot
    say (the name and date match the file's place, prices are finite, "*" stands alone, no
    placeholder keys...). ``strict=False`` leaves out the rules added after files were released
    (placeholder keys), to read an old released file as it was."""
    if not isinstance(data, dict):
        return ["not a catalog (expected a JSON object with catalog, version and prices)"]
    kind = "model" if data.get("catalog") in MODEL_CATALOGS or "providers" in data else "price"
    problems = []
    for path, message in sorted(_schema_errors(kind, data), key=lambda e: e[0]):
        where = "/".join(str(p) for p in path) or "top level"
        problems.append(f"{where}: {_short(message)}")
    if catalog is not None and data.get("catalog") != catalog:
        problems.append(f"catalog: {data.get('catalog')!r} does not match its folder {catalog!r}")
    if version is not None and data.get("version") != version:
        problems.append(f"version: {data.get('version')!r} does not match its file name {version}")
    if isinstance(data.get("version"), str) and not _is_day(data["version"]):
        problems.append(f"version: {data['version']!r} is not a calendar date")
    if kind == "price" and isinstance(data.get("prices"), dict):
        problems.extend(_price_rules(data))
        if strict:
            problems.extend(placeholder_problems(data["prices"]))
            problems.extend(placeholder_problems(data.get("units") or {}, where="units"))
        if is_split(data):
            problems.extend(_index_rules(data))
        elif not data["prices"]:
            problems.append("prices: empty; a catalog holds at least one price")
    return problems


# a key segment (between . _ - : / +) that marks an entry nobody priced: a generator's stand-in
# (karpenter's ARM_SKU_NAME_PLACEHOLDER), a note to self, a sample
_PLACEHOLDER_WORDS = frozenset(
    {"placeholder", "todo", "tbd", "fixme", "dummy", "changeme", "xxx", "lorem", "ipsum"}
)
_SEGMENTS = r"[._:/+-]+"


def placeholder_problems(prices: Any, *, where: str = "prices") -> list[str]:
    """Keys that are a placeholder, not a price (``vm.arm_sku_name_placeholder``): a resource
    named like one would be priced at whatever figure sat beside it."""
    if not isinstance(prices, dict):
        return []
    problems = []
    segments = _pattern(_SEGMENTS)
    for key in sorted(prices):
        words = {w for w in segments.split(str(key).lower()) if w}
        hit = sorted(words & _PLACEHOLDER_WORDS)
        if hit:
            problems.append(
                f"{where}/{key}: a placeholder key ({hit[0]!r}), not a price; remove the entry "
                "(a catalog holds only prices read from a source)"
            )
    return problems


def _index_rules(data: dict[str, Any]) -> list[str]:
    problems = []
    keys = data.get("keys") or {}
    units: dict[str, Any] = data["units"] if isinstance(data.get("units"), dict) else {}
    sources: dict[str, Any] = data["sources"] if isinstance(data.get("sources"), dict) else {}
    for key, meta in sorted(keys.items()) if isinstance(keys, dict) else ():
        if key not in units:
            problems.append(f"keys/{key}: not in units (every key of the parts has a unit)")
        source = meta.get("source") if isinstance(meta, dict) else None
        if isinstance(source, str) and sources and source not in sources:
            problems.append(f"keys/{key}/source: {source!r} is not listed under sources")
    if not data["parts"] and not data["prices"]:
        problems.append("parts: empty, and no prices either; a catalog holds at least one price")
    if not isinstance(data.get("units"), dict):
        problems.append("units: a split catalog lists the unit of every key in its parts")
    for key, entry in sorted(data["prices"].items()):
        if isinstance(entry, dict) and set(entry.get("regions") or {}) - {"*"}:
            problems.append(
                f"prices/{key}/regions: a split catalog's index holds only '*' prices; "
                "regional prices belong in its parts"
            )
    return problems


def _price_rules(data: dict[str, Any]) -> list[str]:
    problems = []
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
    for key, entry in sorted(data["prices"].items()):
        if not isinstance(entry, dict):
            continue
        regions = entry.get("regions")
        if isinstance(regions, dict) and "*" in regions and len(regions) > 1:
            problems.append(
                f"prices/{key}/regions: '*' (same price everywhere) cannot be mixed with "
                "regional prices"
            )
        source = entry.get("source")
        if isinstance(source, str) and sources and source not in sources:
            problems.append(f"prices/{key}/source: {source!r} is not listed under sources")
    return problems


def _short(message: str) -> str:
    return message if len(message) <= 160 else message[:157] + "..."
