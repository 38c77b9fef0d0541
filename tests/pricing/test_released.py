"""Released catalog files never change: pricing/RELEASED pins their digests, and every shipped
file validates (parts through their index), the placeholder rule included for the versions in
force."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from finops_gate.catalogs import files as f
from finops_gate.catalogs import inspect
from finops_gate.catalogs.store import CatalogSet
from finops_gate.cli import main

PRICING = Path(__file__).resolve().parents[2] / "pricing"


def test_every_released_file_keeps_its_released_digest() -> None:
    released = f.released()
    assert released, "pricing/RELEASED lists the released catalog files"
    for rel, digest in released.items():
        assert hashlib.sha256((PRICING / rel).read_bytes()).hexdigest() == digest, rel
    assert f.release_problems() == []


def test_every_superseded_version_is_released() -> None:
    by_catalog: dict[str, list[str]] = {}
    for c in f.shipped():
        by_catalog.setdefault(c.catalog, []).append(f"{c.catalog}/{c.version}.json")
    for versions in by_catalog.values():
        assert set(versions[:-1]) <= set(f.released())


def test_the_restored_releases_are_the_first_files_shipped() -> None:
    # the digests of the first commit that shipped each (e0fdef1): the files were edited
    # after release in session 2 and restored; the extended prices are a new dated version
    assert f.released()["azure/2026-06-18.json"].startswith("b4e66743b38a")
    assert f.released()["gcp/2026-07-30.json"].startswith("f5a8cbfe9cec")


def test_a_changed_released_file_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = tmp_path / "pricing"
    (copy / "aws").mkdir(parents=True)
    (copy / "schema").symlink_to(PRICING / "schema")
    for version in ("2026-11-01", "2026-11-30"):
        (copy / "aws" / f"{version}.json").write_bytes(
            (PRICING / "aws" / f"{version}.json").read_bytes()
        )
    released = {"aws/2026-11-01.json": f.released()["aws/2026-11-01.json"]}
    (copy / f.RELEASED).write_text(
        "".join(f"{d}  {r}\n" for r, d in released.items()), encoding="utf-8"
    )
    sums = {
        rel: hashlib.sha256((copy / rel).read_bytes()).hexdigest()
        for rel in ("aws/2026-11-01.json", "aws/2026-11-30.json")
    }
    (copy / f.SUMS).write_text("".join(f"{d}  {r}\n" for r, d in sums.items()), encoding="utf-8")
    monkeypatch.setattr(f, "pricing_dir", lambda: copy)
    for cached in (f.digests, f.released):
        cached.cache_clear()
    try:
        assert f.release_problems() == []
        edited = copy / "aws" / "2026-11-01.json"
        edited.write_bytes(edited.read_bytes().replace(b'"0.096"', b'"0.095"', 1))
        problems = f.release_problems()
        assert (
            len(problems) == 1 and "aws/2026-11-01.json: changed after its release" in problems[0]
        )
        result = CliRunner().invoke(main, ["pricing", "validate"])
        assert result.exit_code == 2 and "changed after its release" in result.stderr
        (copy / f.RELEASED).write_text("", encoding="utf-8")
        f.released.cache_clear()
        problems = f.release_problems()
        assert problems == [
            "pricing/aws/2026-11-01.json: superseded by a newer version but not in "
            "pricing/RELEASED; run python scripts/update_digests.py --release"
        ]
    finally:
        for cached in (f.digests, f.released):
            cached.cache_clear()


def test_as_of_before_the_new_versions_gives_the_released_answer() -> None:
    old = CatalogSet(as_of=date(2026, 11, 30))
    new = CatalogSet(as_of=date(2026, 12, 1))
    assert old.price_catalog("azure").version == "2026-06-18"
    assert old.price_catalog("gcp").version == "2026-07-30"
    assert new.price_catalog("azure").version == "2026-12-01"
    # SQL Database prices came after the azure release: unpriced then, priced now
    assert old.price_catalog("azure").price("mssql.gp_gen5_4", "eastus") is None
    assert new.price_catalog("azure").price("mssql.gp_gen5_4", "eastus") is not None
    # the VM prices, from the same 2026-06-18 extract, agree
    for catalogs in (old, new):
        price = catalogs.price_catalog("azure").price("vm.standard_d2s_v3", "westeurope")
        assert price == Decimal("0.12")


def test_the_shipped_catalogs_validate_with_notes_only_for_released_files() -> None:
    found = inspect.validate_paths([])
    assert found.problems == ()
    assert found.notes == (
        "pricing/azure/2026-06-18.json: prices/vm.arm_sku_name_placeholder: a placeholder key "
        "('placeholder'), not a price; remove the entry (a catalog holds only prices read from "
        "a source) (released: kept as released, never edited)",
    )
    result = CliRunner().invoke(main, ["pricing", "validate"])
    assert result.exit_code == 0, result.stderr
    assert "note: pricing/azure/2026-06-18.json" in result.stderr


@pytest.mark.parametrize(
    "key",
    ["vm.arm_sku_name_placeholder", "ec2.instance.todo", "vm.xxx", "s3.dummy-tier.storage"],
)
def test_validate_rejects_placeholder_keys(tmp_path: Path, key: str) -> None:
    doc = json.loads((PRICING / "kubernetes" / "2026-11-01.json").read_text(encoding="utf-8"))
    doc["prices"][key] = {
        "unit": "hours",
        "source": next(iter(doc["sources"])),
        "regions": {"*": "1"},
    }
    path = tmp_path / "team" / "kubernetes" / "2026-11-01.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = CliRunner().invoke(main, ["pricing", "validate", str(path)])
    assert result.exit_code == 2
    assert f"prices/{key}: a placeholder key" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_catalogs_in_force_hold_no_placeholder_key() -> None:
    for name in ("aws", "azure", "gcp", "kubernetes"):
        catalog = CatalogSet().price_catalog(name)
        assert f.placeholder_problems(dict(catalog.everything())) == [], name
