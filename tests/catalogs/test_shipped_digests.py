"""A shipped catalog file is checked against pricing/B2SUMS (BLAKE2b, a third of the cost of
sha256 over the same bytes; start-up, issue 18) and reported with the sha256 SHA256SUMS pins:
an edited file is still refused, whichever list is out of step with it."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from finops_gate.catalogs import files as f
from finops_gate.errors import CatalogError

PRICING = Path(__file__).resolve().parents[2] / "pricing"
AWS = "aws/2026-12-01.json"


def _sums(lines: dict[str, str]) -> str:
    return "".join(f"{digest}  {rel}\n" for rel, digest in lines.items())


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A copy of pricing/ with the aws catalog alone, read as the shipped catalogs."""
    copy = tmp_path / "pricing"
    (copy / "aws").mkdir(parents=True)
    (copy / "schema").symlink_to(PRICING / "schema")
    shutil.copyfile(PRICING / AWS, copy / AWS)
    data = (copy / AWS).read_bytes()
    (copy / f.SUMS).write_text(_sums({AWS: hashlib.sha256(data).hexdigest()}), encoding="utf-8")
    (copy / f.B2SUMS).write_text(_sums({AWS: hashlib.blake2b(data).hexdigest()}), "utf-8")
    monkeypatch.setattr(f, "pricing_dir", lambda: copy)
    caches = (f.digests, f.quick_digests, f.released, f._read_cached)
    for cached in caches:
        cached.cache_clear()
    yield copy
    for cached in caches:
        cached.cache_clear()


def _price(copy: Path) -> tuple[str, str]:
    """The digest the shipped aws file is reported with, and a price read from it."""
    for cached in (f.digests, f.quick_digests, f._read_cached):
        cached.cache_clear()
    [file] = f.shipped("aws")
    assert file.path == copy / AWS
    loaded = f.read(file)
    entry = loaded.data["prices"]["ec2.instance.t3.medium"]
    return loaded.digest, entry["regions"]["us-east-1"]


def _edit(path: Path) -> None:
    data = path.read_bytes()
    edited = data.replace(b'"0.0416"', b'"0.0001"', 1)
    assert edited != data
    path.write_bytes(edited)


def test_a_shipped_file_is_checked_without_sha256_and_reported_with_it(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed: list[int] = []
    real = f.sha256_hex
    monkeypatch.setattr(f, "sha256_hex", lambda data: hashed.append(len(data)) or real(data))
    digest, price = _price(shipped)
    assert digest == hashlib.sha256((PRICING / AWS).read_bytes()).hexdigest()
    assert price == "0.0416" and hashed == []


def test_an_edited_shipped_file_is_refused(shipped: Path) -> None:
    _edit(shipped / AWS)
    with pytest.raises(CatalogError, match=r"aws/2026-12-01.json: contents do not match"):
        _price(shipped)


def test_an_edited_file_is_refused_when_only_sha256sums_was_brought_in_step(
    shipped: Path,
) -> None:
    _edit(shipped / AWS)
    sha = hashlib.sha256((shipped / AWS).read_bytes()).hexdigest()
    (shipped / f.SUMS).write_text(_sums({AWS: sha}), encoding="utf-8")
    with pytest.raises(CatalogError, match="contents do not match"):
        _price(shipped)


def test_without_a_b2sums_line_the_file_is_checked_with_sha256(shipped: Path) -> None:
    (shipped / f.B2SUMS).unlink()
    digest, price = _price(shipped)
    assert digest == hashlib.sha256((PRICING / AWS).read_bytes()).hexdigest()
    assert price == "0.0416"
    _edit(shipped / AWS)
    with pytest.raises(CatalogError, match="contents do not match"):
        _price(shipped)
