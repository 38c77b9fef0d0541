"""The Kubernetes catalog: OpenCost's default rates with attribution, rebuilt byte for byte."""

from __future__ import annotations

import importlib.util
import json
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from finops_gate.catalogs.store import price_catalog
from finops_gate.estimate.k8s_rates import shapes

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "pricing" / "kubernetes" / "2026-11-01.json"
REFERENCE = next(
    (
        p
        for p in (
            ROOT.parent / "shared" / "reference-data",
            ROOT.parents[1] / "shared" / "reference-data",
        )
        if (p / "opencost-default-pricing").is_dir()
    ),
    None,
)


def _build() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_kubernetes_catalog", ROOT / "scripts" / "build_kubernetes_catalog.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_kubernetes_catalog"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("key", "price"),
    [
        ("kubernetes.cpu", "0.031611"),
        ("kubernetes.memory", "0.004237"),
        ("kubernetes.gpu", "0.95"),
        ("kubernetes.storage", "0.00005479452"),
        ("kubernetes.load_balancer", "0.025"),
        ("kubernetes.storage_class.gp3", "0.08"),
    ],
)
def test_kubernetes_rates_are_opencost_defaults_everywhere(key: str, price: str) -> None:
    assert price_catalog("kubernetes", "2026-11-01").price(key, None) == Decimal(price)


def test_every_price_names_a_declared_source_with_a_licence() -> None:
    data = json.loads(CATALOG.read_text(encoding="utf-8"))
    for entry in data["prices"].values():
        assert entry["source"] in data["sources"]
    assert data["sources"]["opencost-default"]["licence"] == "Apache-2.0"


@pytest.mark.skipif(REFERENCE is None, reason="reference data not found; cannot rebuild")
def test_build_script_reproduces_the_kubernetes_catalog_byte_for_byte() -> None:
    build = _build()
    assert REFERENCE is not None
    assert build.render(build.build(REFERENCE)) == CATALOG.read_text(encoding="utf-8")


def test_ec2_shapes_come_from_moto_with_attribution() -> None:
    moto = pytest.importorskip("moto")
    build = _build()
    path = ROOT / "finops_gate" / "estimate" / "data" / "ec2_shapes.json"
    shipped = json.loads(path.read_text(encoding="utf-8"))
    if moto.__version__ != shipped["moto_version"]:
        pytest.skip(f"built from moto {shipped['moto_version']}; moto {moto.__version__} installed")
    assert shipped["licence"] == "Apache-2.0"
    assert shipped["types"] == build.shapes()["types"]
    assert shapes()["m5.xlarge"] == (Decimal(4), Decimal(16))
