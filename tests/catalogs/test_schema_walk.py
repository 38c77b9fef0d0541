"""The large maps of a catalog (prices, keys, units) are checked without jsonschema for speed;
what they report must be what jsonschema reports, error for error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from finops_gate.catalogs import files

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "pricing/schema/price-catalog.schema.json").read_text("utf-8"))
BASE: dict[str, Any] = {
    "catalog": "aws",
    "version": "2026-12-01",
    "currency": "USD",
    "hours_per_month": 730,
    "description": "d",
    "sources": {"a": {"title": "t", "licence": "l", "retrieved": "2026-12-01"}},
}
ENTRY = {"unit": "hours", "source": "a", "regions": {"us-east-1": "0.1"}}


def _jsonschema(doc: dict[str, Any]) -> list[tuple[list[Any], str]]:
    found = jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc)
    return sorted((list(e.absolute_path), e.message) for e in found)


@pytest.mark.parametrize(
    "extra",
    [
        {"prices": {"ec2.instance.m5.large": ENTRY}},
        {"prices": {"Bad Key": ENTRY, "ok": {**ENTRY, "unit": ""}}},
        {"prices": {"k": {"source": "a", "regions": {"x": "1"}}}},
        {"prices": {"k": {**ENTRY, "regions": {}}}},
        {"prices": {"k": {**ENTRY, "regions": {"x": "-1", "y": 1, "z": "1.5"}}}},
        {"prices": {"k": {**ENTRY, "extra": 1, "more": 2}}},
        {"prices": {"k": "str", "j": None, "i": []}},
        {"prices": []},
        {"prices": {}, "units": {"K": "h", "k": "", "j": 3}},
        {"prices": {}, "keys": {"k": {"description": "x"}, "j": {"source": 1, "x": 2}}},
        {"prices": {}, "parts": {"us-east-1": {"sha256": "x", "entries": -1}}},
        {"prices": {"k": ENTRY}, "units": "not a map", "keys": ["no"]},
        {"prices": {"k": {**ENTRY, "description": 5, "source": None}}},
    ],
)
def test_the_walk_reports_what_jsonschema_reports(extra: dict[str, Any]) -> None:
    doc = {**BASE, **extra}
    assert sorted(files._schema_errors("price", doc)) == _jsonschema(doc)


def test_a_document_without_the_required_prices_map_is_still_reported() -> None:
    doc = {k: v for k, v in BASE.items() if k != "description"}
    assert sorted(files._schema_errors("price", doc)) == _jsonschema(doc)
    assert files.check(doc)  # prices missing too: reported, not walked


def test_the_shipped_split_indexes_pass_both_ways() -> None:
    for index in sorted((ROOT / "pricing").glob("*/2026-12-01.json")):
        doc = json.loads(index.read_text("utf-8"))
        if "providers" in doc:
            continue
        assert files._schema_errors("price", doc) == [] == _jsonschema(doc), index


def test_the_real_schema_s_large_maps_are_walked_not_handed_to_jsonschema() -> None:
    assert all(files._walkable(SCHEMA["properties"][name]) for name in files._BIG_MAPS)
