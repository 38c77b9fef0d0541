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
VERSIONS = ("2026-11-01", "2026-12-01")  # every shipped version rebuilds from the same data
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
