"""Helpers for catalog tests: a team catalog directory and a one-instance plan in eu-central-1."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PLAN = ROOT / "examples" / "terraform-plan" / "plan.json"


def price_doc(
    catalog: str, version: str, prices: dict[str, dict[str, str]], **extra: Any
) -> dict[str, Any]:
    """A valid price catalog: ``prices`` is {key: {region: price}}, unit hours."""
    return {
        "catalog": catalog,
        "version": version,
        "currency": "USD",
        "hours_per_month": 730,
        "description": "team catalog for tests",
        "sources": {
            "team": {"title": "our negotiated rates", "licence": "internal", "retrieved": version}
        },
        "prices": {
            key: {"unit": extra.get("unit", "hours"), "source": "team", "regions": dict(regions)}
            for key, regions in prices.items()
        },
    }


def write_catalog(directory: Path, doc: dict[str, Any]) -> Path:
    path = directory / doc["catalog"] / f"{doc['version']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def eu_plan(tmp_path: Path) -> Path:
    """The example plan cut down to aws_instance.dr_replica (m5.large + 30 GB gp3, eu-central-1)."""
    plan = json.loads(EXAMPLE_PLAN.read_text(encoding="utf-8"))
    plan["resource_changes"] = [
        rc for rc in plan["resource_changes"] if rc["address"] == "aws_instance.dr_replica"
    ]
    out = tmp_path / "plan.json"
    out.write_text(json.dumps(plan), encoding="utf-8")
    return out


@pytest.fixture
def make_dir(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str, *docs: dict[str, Any]) -> Path:
        directory = tmp_path / name
        directory.mkdir(parents=True, exist_ok=True)
        for doc in docs:
            write_catalog(directory, doc)
        return directory

    return make
