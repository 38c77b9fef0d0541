"""The LLM catalog: rebuilt byte for byte from genai-prices, attributed, complete enough."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "pricing" / "llm" / "2026-11-01.json"
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
def test_build_script_reproduces_the_llm_catalog_byte_for_byte() -> None:
    build = _build_script()
    assert build.render(build.build(REFERENCE)) == CATALOG.read_text(encoding="utf-8")


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
