"""A shipped catalog file is checked against pricing/B2SUMS (BLAKE2b, a third of the cost of
sha256 over the same bytes; start-up, issue 18) and reported with the sha256 SHA256SUMS pins:
an edited file is still refused, whichever list is out of step with it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from finops_gate.catalogs import checked
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
    caches = (f.digests, f._quick_sums, f.released, f._read_cached)
    for cached in caches:
        cached.cache_clear()
    yield copy
    for cached in caches:
        cached.cache_clear()


def _price(copy: Path) -> tuple[str, str]:
    """The digest the shipped aws file is reported with, and a price read from it."""
    for cached in (f.digests, f._quick_sums, f._read_cached):
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


def test_a_digest_line_found_by_its_text_is_the_one_the_list_parses_to() -> None:
    listed = f.parse_sums((PRICING / f.B2SUMS).read_text(encoding="utf-8"))
    assert listed and all(f.quick_digest(rel) == digest for rel, digest in listed.items())
    assert f.quick_digest("aws/1999-01-01.json") is None
    assert f.quick_digest("2026-12-01.json") is None  # the end of another line's path


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


# ---------------------------------------------------------------- a file found intact before


@pytest.fixture
def record(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """The check record kept in a bytecode folder of the test's own."""
    where = tmp_path / "__pycache__" / checked.NAME
    where.parent.mkdir()
    monkeypatch.setattr(checked, "record_path", lambda: where)
    checked._recorded.cache_clear()
    yield where
    checked._recorded.cache_clear()


def _hashes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    hashed: list[int] = []
    real = f._blake2b
    monkeypatch.setattr(f, "_blake2b", lambda data: hashed.append(len(data)) or real(data))
    return hashed


def _edit_in_place(path: Path) -> None:
    """The same number of bytes written over the file, its mtime set back: only its ctime,
    which no program can set, says that it changed."""
    before = path.stat()
    with path.open("r+b") as handle:
        data = handle.read()
        edited = data.replace(b'"0.0416"', b'"0.0001"', 1)
        assert edited != data and len(edited) == len(data)
        handle.seek(0)
        handle.write(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )


def test_a_file_found_intact_by_an_earlier_run_is_not_hashed_again(
    shipped: Path, record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = _hashes(monkeypatch)
    first = _price(shipped)
    assert hashed == [(shipped / AWS).stat().st_size] and record.is_file()
    checked._recorded.cache_clear()  # (as a new process finds it)
    assert _price(shipped) == first and len(hashed) == 1
    record.unlink()  # safe to delete: the next run hashes the file again
    checked._recorded.cache_clear()
    assert _price(shipped) == first and len(hashed) == 2


@pytest.mark.skipif(os.name != "posix", reason="the record is kept on POSIX only")
def test_a_recorded_file_edited_in_place_with_its_mtime_set_back_is_refused(
    shipped: Path, record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = _hashes(monkeypatch)
    _price(shipped)
    _edit_in_place(shipped / AWS)
    checked._recorded.cache_clear()
    with pytest.raises(CatalogError, match=r"aws/2026-12-01.json: contents do not match"):
        _price(shipped)
    assert len(hashed) == 2


def test_a_recorded_file_whose_digest_line_changed_is_hashed_and_refused(
    shipped: Path, record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = _hashes(monkeypatch)
    _price(shipped)
    (shipped / f.B2SUMS).write_text(_sums({AWS: "0" * 128}), "utf-8")
    checked._recorded.cache_clear()
    with pytest.raises(CatalogError, match="contents do not match"):
        _price(shipped)
    assert len(hashed) == 2


def test_the_record_keeps_the_shipped_folder_alone_and_needs_a_bytecode_folder(
    shipped: Path, record: Path
) -> None:
    record.write_text(json.dumps({"/elsewhere/aws/2026-12-01.json": [1, 2, 3, 4, 5, "x"]}))
    _price(shipped)
    assert list(json.loads(record.read_text())) == [str(shipped / AWS)]
    record.unlink()
    record.parent.rmdir()
    checked._recorded.cache_clear()
    _price(shipped)
    assert not record.parent.exists()


def test_the_record_lives_with_the_package_s_bytecode() -> None:
    """Not in the cache directory a CI keeps, nor anywhere a checked tree reaches: whoever can
    write it can write the bytecode the interpreter runs."""
    where = checked.record_path()
    if os.name == "posix" and sys.pycache_prefix is None:
        assert where == Path(checked.__file__).parent / "__pycache__" / checked.NAME
    else:
        assert where is None
