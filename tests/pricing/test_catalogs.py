"""The shipped catalogs: valid, matching SHA256SUMS, reproducible from the reference data."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest

from finops_gate.catalogs.store import price_catalog

ROOT = Path(__file__).resolve().parents[2]
PRICING = ROOT / "pricing"
SCHEMA = PRICING / "schema" / "price-catalog.schema.json"
REFERENCE = ROOT.parent / "shared" / "reference-data"
CATALOGS = sorted(
    p for p in PRICING.rglob("*.json") if "schema" not in p.relative_to(PRICING).parts
)
# the regional parts of split versions (<catalog>/<version>/<region>.json): checked through
# their index (files.check_part), not against the schema of a whole catalog
VERSIONS = [p for p in CATALOGS if len(p.relative_to(PRICING).parts) == 2]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _digests() -> dict[str, str]:
    out = {}
    for line in (PRICING / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, _, rel = line.partition("  ")
        out[rel] = digest
    return out


def _schema_for(path: Path) -> Path:
    """The schema a catalog names in "$schema", else one named after its folder, else the
    shared unit-price schema."""
    declared = json.loads(path.read_text(encoding="utf-8")).get("$schema", "")
    name = path.relative_to(PRICING).parts[0]
    candidates = [
        PRICING / "schema" / f"{name}-catalog.schema.json",
        PRICING / "schema" / f"{name}.schema.json",
    ]
    if isinstance(declared, str) and declared.endswith(".schema.json"):
        candidates.insert(0, PRICING / "schema" / declared.rsplit("/", 1)[-1])
    return next((c for c in candidates if c.is_file()), SCHEMA)


@pytest.mark.parametrize("path", VERSIONS, ids=lambda p: p.relative_to(PRICING).as_posix())
def test_catalog_file_validates_against_its_schema(path: Path) -> None:
    schema = json.loads(_schema_for(path).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.relative_to(PRICING).as_posix())
def test_catalog_file_matches_its_sha256sums_line(path: Path) -> None:
    rel = path.relative_to(PRICING).as_posix()
    assert _digests().get(rel) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_sha256sums_lists_every_catalog_and_nothing_else_in_sorted_order() -> None:
    listed = list(_digests())
    assert listed == sorted(listed)
    assert set(listed) == {p.relative_to(PRICING).as_posix() for p in CATALOGS}


def test_update_digests_reproduces_the_committed_sha256sums() -> None:
    lines = _script("update_digests").digest_lines(PRICING)
    assert "\n".join(lines) + "\n" == (PRICING / "SHA256SUMS").read_text(encoding="utf-8")


def test_b2sums_is_reproduced_and_pins_the_very_bytes_sha256sums_pins() -> None:
    """A run checks a shipped file against its BLAKE2b in pricing/B2SUMS and reports the sha256
    of SHA256SUMS: the two list the same files, each digest of the same bytes."""
    lines = _script("update_digests").digest_lines(PRICING, "blake2b")
    assert "\n".join(lines) + "\n" == (PRICING / "B2SUMS").read_text(encoding="utf-8")
    quick = {rel: d for d, _, rel in (line.partition("  ") for line in lines)}
    assert list(quick) == list(_digests())
    for rel, digest in _digests().items():
        data = (PRICING / rel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, rel
        assert hashlib.blake2b(data).hexdigest() == quick[rel], rel


@pytest.mark.skipif(
    not (REFERENCE / "infracost-golden-prices").is_dir(),
    reason=f"reference data not found at {REFERENCE}; cannot rebuild the catalog",
)
def test_build_script_reproduces_the_aws_catalog_byte_for_byte() -> None:
    build = _script("build_aws_catalog")
    text = build.render(build.build(REFERENCE))
    assert text == (PRICING / "aws" / f"{build.VERSION}.json").read_text(encoding="utf-8")


def test_aws_catalog_holds_every_karpenter_instance_type_in_us_east_1_only() -> None:
    data = json.loads((PRICING / "aws" / "2026-11-01.json").read_text(encoding="utf-8"))
    linux = {
        k: v
        for k, v in data["prices"].items()
        if k.startswith("ec2.instance.") and v["source"] == "karpenter-ec2-us-east-1"
    }
    assert len(linux) == 1367
    assert {r for v in linux.values() for r in v["regions"]} == {"us-east-1"}


def test_every_price_entry_names_a_declared_source() -> None:
    data = json.loads((PRICING / "aws" / "2026-11-01.json").read_text(encoding="utf-8"))
    assert {e["source"] for e in data["prices"].values()} <= set(data["sources"])
    for meta in data["sources"].values():
        assert meta["retrieved"] == "2026-11-22" and meta["licence"] and meta["price_date"]


@pytest.mark.parametrize(
    ("key", "region", "price"),
    [
        ("ec2.instance.t3.medium", "us-east-1", "0.0416"),
        ("ec2.instance.m5.large", "us-east-1", "0.096"),
        ("ebs.gp3.storage", "us-east-1", "0.08"),
        ("ebs.gp2.storage", "us-east-1", "0.1"),
        ("nat.gateway", "us-east-1", "0.045"),
        ("nat.data_processed", "us-east-1", "0.045"),
        ("elb.application", "us-east-1", "0.0225"),
        ("elb.application.lcu", "us-east-1", "0.008"),
        ("s3.standard.storage", "us-east-1", "0.023"),
        ("lambda.requests", "us-east-1", "0.2"),
        ("lambda.duration.x86_64.tier1", "us-east-1", "0.0000166667"),
        ("eks.cluster", "us-east-1", "0.1"),
        ("vpc.public_ipv4", "us-east-1", "0.005"),
        ("rds.instance.postgres.db.t3.large.single-az", "us-east-1", "0.145"),
        ("dynamodb.wcu", "us-east-2", "0.00065"),
        ("rds.aurora.storage", "sa-east-1", "0.19"),
    ],
)
def test_known_list_prices_are_in_the_aws_catalog(key: str, region: str, price: str) -> None:
    assert price_catalog("aws", "2026-11-01").price(key, region) == Decimal(price)


def test_a_regional_price_is_never_borrowed_from_another_region() -> None:
    catalog = price_catalog("aws", "2026-11-01")
    assert catalog.price("ec2.instance.t3.medium", "us-east-2") is None
    assert catalog.price("dynamodb.wcu", "us-east-1") is None


@pytest.mark.skipif(
    not (REFERENCE / "cyclenerd-gcp-pricing").is_dir(),
    reason=f"reference data not found at {REFERENCE}; cannot rebuild the GCP machine shapes",
)
def test_build_script_reproduces_the_gcp_machine_shapes() -> None:
    build = _script("build_gcp_shapes")
    assert build.render(REFERENCE) == build.OUT.read_text(encoding="utf-8")
