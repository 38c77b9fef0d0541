"""Shipped catalogs are read as asked (issue 18): a run looks up a few prices of the thousands a
catalog holds, so the ``prices`` of a shipped file are found by their line in its canonical
text and parsed one entry at a time (catalogs/files.py, ``CanonicalPrices``). What a run sees is
what ``json.loads`` reads, for every shipped file; the file is still hashed and checked whole."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from finops_gate.catalogs import files
from finops_gate.catalogs.store import CatalogSet

ROOT = Path(__file__).resolve().parents[2]
PRICING = ROOT / "pricing"
SHIPPED = sorted(
    PRICING / rel for rel in files.parse_sums((PRICING / files.SUMS).read_text(encoding="utf-8"))
)
PRICED = [p for p in SHIPPED if isinstance(json.loads(p.read_bytes()).get("prices"), dict)]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(PRICING)))
def test_every_shipped_file_is_written_canonically(path: Path) -> None:
    """What the reading relies on: one layout, indent 1, sorted keys, a line per key (a
    newline inside a value is written as an escape)."""
    text = path.read_text(encoding="utf-8")
    canonical = json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False)
    assert text in (canonical, canonical + "\n")


@pytest.mark.parametrize("path", PRICED, ids=lambda p: str(p.relative_to(PRICING)))
def test_a_shipped_file_read_as_asked_is_what_json_reads(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = path.read_bytes()
    expected = json.loads(raw)
    doc = files._canonical(raw)
    if not expected["prices"]:
        assert doc is None  # nothing to find: read whole
        return
    assert doc is not None and isinstance(doc["prices"], files.CanonicalPrices)
    assert {k: v for k, v in doc.items() if k != "prices"} == {
        k: v for k, v in expected.items() if k != "prices"
    }
    # each entry found by its line (a sample of the largest files), as json reads it
    monkeypatch.setattr(files, "_LOOKUPS", 10**9)
    keys = list(expected["prices"])
    step = max(1, len(keys) // 2000)
    lazy = files._canonical(raw)
    assert lazy is not None
    prices = lazy["prices"]
    for key in [*keys[::step], keys[-1]]:
        assert prices[key] == expected["prices"][key]
    if all(isinstance(e, dict) for e in expected["prices"].values()):  # not a part's prices
        regions = {r for e in expected["prices"].values() for r in e["regions"]}  # "*" too
        for region in sorted(regions):
            assert prices.has_region(region)
        for absent in ("nowhere-1", "us-east-1x", "*", "regions", "unit", ""):
            assert prices.has_region(absent) is (absent in regions)
    for key in ("nowhere", "ec2", "unit", "regions", keys[0] + "x", ""):
        assert key not in prices and prices.get(key) is None
    assert prices._all is None  # none of this parsed the whole object
    # and whole: the same mapping, in the same order
    assert list(prices) == keys and dict(prices) == expected["prices"]
    assert len(prices) == len(keys) and prices == expected["prices"]


def test_a_key_or_region_json_would_escape_is_looked_up_in_the_whole_object() -> None:
    raw = (PRICING / "aws" / "2026-12-01.json").read_bytes()
    doc = files._canonical(raw)
    assert doc is not None
    prices = doc["prices"]
    for odd in ('t3"medium', "t3\\medium", "t3\nmedium", "us-east-1\u2028"):
        assert prices.get(odd) is None and not prices.has_region(odd)
    assert prices._all is not None


def test_after_a_number_of_keys_the_prices_are_parsed_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A run that asks for many keys (a large plan) parses the object once, as before, rather
    than scanning the text for each."""
    raw = (PRICING / "aws" / "2026-12-01.json").read_bytes()
    expected = json.loads(raw)["prices"]
    doc = files._canonical(raw)
    assert doc is not None
    prices = doc["prices"]
    keys = list(expected)
    for key in keys[: files._LOOKUPS]:
        assert prices[key] == expected[key]
    assert prices._all is None
    assert prices[keys[-1]] == expected[keys[-1]] and prices._all is not None
    assert prices[keys[0]] == expected[keys[0]]


def test_prices_are_found_whether_a_key_follows_them_or_not() -> None:
    """The close of ``prices`` is found before the next top-level key, or at the end of the
    document where ``prices`` is its last key."""
    doc = json.loads((PRICING / "aws" / "2026-12-01.json").read_bytes())
    keys = sorted(doc["prices"])[:3]
    for tail in ({"sources": doc["sources"], "version": "2026-12-01"}, {}):
        small = {"catalog": "aws", "prices": {k: doc["prices"][k] for k in keys}, **tail}
        text = json.dumps(small, indent=1, sort_keys=True, ensure_ascii=False)
        read = files._canonical(text.encode())
        assert read is not None and isinstance(read["prices"], files.CanonicalPrices)
        assert read == small and read["prices"][keys[-1]] == small["prices"][keys[-1]]


def test_other_layouts_and_team_files_are_read_by_json(tmp_path: Path) -> None:
    """Only the shipped files, each pinned by SHA256SUMS, are read as asked: a team's catalog
    (any layout) is parsed and checked whole."""
    compact = json.dumps(json.loads((PRICING / "aws" / "2026-12-01.json").read_bytes()))
    assert files._canonical(compact.encode()) is None
    team = tmp_path / "team" / "aws"
    team.mkdir(parents=True)
    doc = json.loads((PRICING / "aws" / "2026-12-01.json").read_bytes())
    (team / "2026-12-01.json").write_text(json.dumps(doc, indent=1, sort_keys=True))
    loaded = files.read(files.scan(tmp_path / "team", origin="team")[0])
    assert type(loaded.data["prices"]) is dict and loaded.data == doc


def test_a_shipped_file_is_still_hashed_whole_and_its_digest_reported() -> None:
    catalogs = CatalogSet()
    aws = catalogs.price_catalog("aws")
    assert aws.price("ec2.instance.t3.medium", "us-east-1") is not None
    assert aws.covers("us-east-1") and not aws.covers("nowhere-1") and not aws.covers(None)
    (use,) = catalogs.used()
    path = PRICING / "aws" / f"{aws.version}.json"
    assert use.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "data", [b"", b"abc", bytes(range(256)) * 1000, (PRICING / "SHA256SUMS").read_bytes()]
)
def test_the_interpreters_sha256_is_hashlibs(data: bytes) -> None:
    assert files.sha256_hex(data) == hashlib.sha256(data).hexdigest()


# a one-resource plan run in a fresh interpreter: which entries of the aws catalog it parsed
_PROBE = """
import sys
from finops_gate.catalogs import store
from finops_gate.cli import main
sys.argv = ["finops-gate", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
(aws,) = store._PRICE_MEMO.values()
print(aws.prices._all is None, len(aws.prices._found), "hashlib" in sys.modules)
"""


def test_a_small_run_parses_a_few_entries_of_the_aws_catalog(tmp_path: Path) -> None:
    plan: dict[str, Any] = {
        "format_version": "1.2",
        "resource_changes": [
            {
                "address": "aws_instance.web",
                "mode": "managed",
                "type": "aws_instance",
                "name": "web",
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": {"instance_type": "t3.medium"},
                    "after_unknown": {"id": True},
                },
            }
        ],
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
            },
            "root_module": {
                "resources": [
                    {
                        "address": "aws_instance.web",
                        "mode": "managed",
                        "type": "aws_instance",
                        "name": "web",
                        "provider_config_key": "aws",
                    }
                ]
            },
        },
    }
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    out = tmp_path / "r.json"
    args = ["check", str(tmp_path), "--plan", str(tmp_path / "plan.json"), "--out", str(out)]
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args, "--format", "json"], capture_output=True,
        text=True, cwd=tmp_path, check=True,
    )  # fmt: skip
    whole, entries, hashlib_loaded = proc.stdout.split()
    assert (whole, hashlib_loaded) == ("True", "False") and 0 < int(entries) < 16
    row = json.loads(out.read_text(encoding="utf-8"))["resources"][0]
    assert row["status"] == "priced" and row["monthly_after"] not in (None, "0")
