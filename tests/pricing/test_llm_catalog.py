"""The LLM catalog: rebuilt byte for byte from genai-prices, attributed, complete enough."""

from __future__ import annotations

import importlib.util
import json
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "pricing" / "llm" / "2026-12-01.json"
VERSIONS = ("2026-11-01", "2026-12-01", "2026-12-03")  # every shipped version rebuilds alike
# a checkout sits next to shared/ (main) or two levels below it (a worktree)
REFERENCE = next(
    (
        p
        for p in (
            ROOT.parent / "shared" / "reference-data",
            ROOT.parent.parent / "shared" / "reference-data",
        )
        if p.is_dir()
    ),
    ROOT.parent / "shared" / "reference-data",
)


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_llm_catalog", ROOT / "scripts" / "build_llm_catalog.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_llm_catalog"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not (REFERENCE / "genai-prices").is_dir(),
    reason=f"reference data not found at {REFERENCE}; cannot rebuild the catalog",
)
@pytest.mark.parametrize("version", VERSIONS)
def test_build_script_reproduces_the_llm_catalog_byte_for_byte(version: str) -> None:
    build = _build_script()
    shipped = ROOT / "pricing" / "llm" / f"{version}.json"
    assert build.render(build.build(REFERENCE, version)) == shipped.read_text(encoding="utf-8")


@pytest.mark.skipif(
    not (REFERENCE / "litellm-model-prices").is_dir(),
    reason=f"reference data not found at {REFERENCE}; cannot rebuild the catalog",
)
def test_service_tier_prices_come_from_litellm_with_the_same_standard_price() -> None:
    """Tier prices are kept only where LiteLLM's standard price is the catalog's: each is
    LiteLLM's own figure for that tier, never a guessed discount."""
    data = json.loads(CATALOG.read_text(encoding="utf-8"))
    litellm = json.loads(
        (REFERENCE / "litellm-model-prices" / "model_prices_and_context_window.json").read_text()
    )
    assert data["sources"]["litellm"]["licence"].startswith("MIT")
    kept = {
        (p["id"], m["id"]): m["prices"][-1]
        for p in data["providers"]
        for m in p["models"]
        if "service_tiers" in m["prices"][-1]
    }
    assert len(kept) >= 50
    gpt5 = kept[("openai", "gpt-5")]
    theirs = litellm["gpt-5"]
    for tier, suffix in (("batch", "batches"), ("flex", "flex"), ("priority", "priority")):
        for ours, key in (
            ("input_mtok", "input_cost_per_token"),
            ("output_mtok", "output_cost_per_token"),
        ):
            expected = Decimal(repr(theirs[f"{key}_{suffix}"])) * 1_000_000
            assert Decimal(gpt5["service_tiers"][tier][ours]) == expected
    assert Decimal(gpt5["input_mtok"]) == Decimal(repr(theirs["input_cost_per_token"])) * 1_000_000
    old = json.loads((ROOT / "pricing" / "llm" / "2026-11-01.json").read_text(encoding="utf-8"))
    assert "litellm" not in old["sources"]


def test_llm_catalog_keeps_the_genai_prices_attribution() -> None:
    source = json.loads(CATALOG.read_text(encoding="utf-8"))["sources"]["genai-prices"]
    assert source["url"] == "https://github.com/pydantic/genai-prices"
    assert source["licence"].startswith("MIT")
    assert len(source["commit"]) == 40


def test_llm_catalog_covers_the_big_providers() -> None:
    data = json.loads(CATALOG.read_text(encoding="utf-8"))
    ids = {p["id"] for p in data["providers"]}
    assert {"openai", "anthropic", "google", "aws", "azure"} <= ids


@pytest.mark.skipif(
    not (REFERENCE / "litellm-model-prices").is_dir(),
    reason=f"reference data not found at {REFERENCE}; cannot cross-check",
)
def test_common_models_cost_the_same_in_litellm_and_in_the_catalog() -> None:
    build = _build_script()
    differ = build.cross_check(REFERENCE, json.loads(CATALOG.read_text(encoding="utf-8")))
    common = (
        "gpt-4o-mini", "gpt-4-turbo", "gpt-4o", "gpt-4.1", "o3-mini", "text-embedding-3-small",
        "claude-3-5-haiku-20241022", "claude-3-haiku-20240307", "gemini-2.0-flash",
        "mistral-large-latest",
    )  # fmt: skip
    assert [line for line in differ if line.split(":")[0] in common] == []
    assert differ[-1].endswith("LiteLLM models resolved and compared")


def test_service_tiers_of_long_context_models_cover_their_cliffs_or_say_where_they_stop() -> None:
    """A model whose price rises above an input-token cliff (gemini-2.5-pro above 200k): each
    of its service tiers prices the same cliffs, or says up to where it holds."""
    data = json.loads(CATALOG.read_text(encoding="utf-8"))
    checked = 0
    for p in data["providers"]:
        for m in p["models"]:
            entry = m["prices"][-1]
            cliffs = sorted(
                {
                    t["start"]
                    for key in ("input_mtok", "output_mtok")
                    if isinstance(entry.get(key), dict)
                    for t in entry[key]["tiers"]
                }
            )
            if not cliffs or "service_tiers" not in entry:
                continue
            for tier in entry["service_tiers"].values():
                starts = sorted(
                    {
                        t["start"]
                        for key in ("input_mtok", "output_mtok")
                        if isinstance(tier[key], dict)
                        for t in tier[key]["tiers"]
                    }
                )
                up_to = tier.get("up_to_tokens")
                assert starts == [c for c in cliffs if up_to is None or c < up_to], m["id"]
                assert up_to is None or up_to in cliffs, m["id"]
                checked += 1
    assert checked >= 10


def _group(model_id: str, listed: list[str], price: tuple[str, str]) -> dict[str, object]:
    return {
        "id": model_id,
        "match": {"or": [{"equals": n} for n in [model_id, *listed]]},
        "prices": [{"start_date": None, "input_mtok": price[0], "output_mtok": price[1]}],
    }


def _litellm(tmp_path: Path, entries: dict[str, tuple[float, float, str]]) -> Path:
    target = tmp_path / "litellm-model-prices" / "model_prices_and_context_window.json"
    target.parent.mkdir(parents=True)
    doc = {
        name: {
            "input_cost_per_token": i / 1e6,
            "output_cost_per_token": o / 1e6,
            "litellm_provider": provider,
        }
        for name, (i, o, provider) in entries.items()
    }
    target.write_text(json.dumps(doc))
    return tmp_path


def test_a_listed_snapshot_litellm_prices_apart_becomes_its_own_model(tmp_path: Path) -> None:
    """genai-prices lists gpt-4o-2024-05-13 in gpt-4o's group at $2.50/$10; OpenAI (and
    LiteLLM) price that snapshot at $5/$15 (https://openai.com/api/pricing/): it becomes a
    model of its own, its price from LiteLLM, while the snapshot both price alike stays."""
    build = _build_script()
    catalog = {
        "providers": [
            {
                "id": "openai",
                "models": [
                    _group("gpt-4o", ["gpt-4o-2024-05-13", "gpt-4o-2024-08-06"], ("2.5", "10")),
                ],
            }
        ]
    }
    reference = _litellm(
        tmp_path,
        {
            "gpt-4o": (2.5, 10, "openai"),
            "gpt-4o-2024-05-13": (5, 15, "openai"),
            "gpt-4o-2024-08-06": (2.5, 10, "openai"),
        },
    )
    done = build.split_snapshots(reference, catalog)
    assert len(done) == 1 and done[0].startswith("openai/gpt-4o-2024-05-13: own model at $5/$15")
    group, snapshot = catalog["providers"][0]["models"]
    assert group["match"] == {"or": [{"equals": "gpt-4o"}, {"equals": "gpt-4o-2024-08-06"}]}
    assert snapshot == {
        "id": "gpt-4o-2024-05-13",
        "match": {"equals": "gpt-4o-2024-05-13"},
        "name": "gpt-4o-2024-05-13",
        "price_source": "litellm",
        "prices": [{"start_date": None, "input_mtok": "5", "output_mtok": "15"}],
        "split_from": "gpt-4o",
    }


def test_no_split_where_litellm_does_not_confirm_the_group_or_names_the_same_model(
    tmp_path: Path,
) -> None:
    """A listed id is split only when LiteLLM prices the group's own id at the group's price:
    where it prices the base model otherwise too (or not at all), the two sources disagree on
    the model, not on the snapshot. An id that is the model's own id behind a path
    (``accounts/fireworks/models/x``) is the model itself, never split."""
    build = _build_script()
    catalog = {
        "providers": [
            {
                "id": "openai",
                "models": [
                    _group("gpt-9", ["gpt-9-2026-01-01"], ("1", "2")),
                    _group("gpt-8", ["gpt-8-2026-01-01"], ("1", "2")),
                ],
            },
            {
                "id": "fireworks",
                "models": [
                    _group("gemma-x", ["accounts/fireworks/models/gemma-x"], ("0.1", "0.1")),
                ],
            },
        ]
    }
    before = json.loads(json.dumps(catalog))
    reference = _litellm(
        tmp_path,
        {
            "gpt-9": (3, 4, "openai"),  # the base model is priced otherwise
            "gpt-9-2026-01-01": (5, 6, "openai"),
            "gpt-8-2026-01-01": (5, 6, "openai"),  # no entry for gpt-8 itself
            "fireworks_ai/accounts/fireworks/models/gemma-x": (0.9, 0.9, "fireworks_ai"),
        },
    )
    assert build.split_snapshots(reference, catalog) == []
    assert catalog == before


@pytest.mark.skipif(
    not (REFERENCE / "litellm-model-prices").is_dir(),
    reason=f"reference data not found at {REFERENCE}; cannot cross-check",
)
def test_the_2026_12_03_catalog_prices_gpt_4o_2024_05_13_as_itself() -> None:
    from datetime import date

    from finops_gate.catalogs.llm import build_llm

    new = json.loads((ROOT / "pricing" / "llm" / "2026-12-03.json").read_text(encoding="utf-8"))
    old = json.loads(CATALOG.read_text(encoding="utf-8"))
    for doc, expected in ((new, ("gpt-4o-2024-05-13", "5", "15")), (old, ("gpt-4o", "2.5", "10"))):
        found = build_llm(doc["version"], doc).resolve("gpt-4o-2024-05-13")
        assert found is not None
        price = found.model.price_on(date(2026, 12, 3))
        assert price.input is not None and price.output is not None
        assert (found.model.id, f"{price.input.base:f}", f"{price.output.base:f}") == expected
    later = build_llm(new["version"], new).resolve("gpt-4o-2024-08-06")
    assert later is not None and later.model.id == "gpt-4o"  # both sources agree: unchanged
    build = _build_script()
    differ = build.cross_check(REFERENCE, new)
    assert [line for line in differ if line.startswith("gpt-4o-2024-05-13:")] == []
