"""Name resolution picks the model written, not a neighbour with another version number."""

from __future__ import annotations

import pytest

from finops_gate.catalogs.llm import version_clash
from finops_gate.config import Settings


@pytest.mark.parametrize(
    ("name", "model_id"),
    [
        ("amazon.titan-embed-text-v2:0", "amazon.titan-embed-text-v1"),
        ("gpt-4.1", "gpt-4"),
        ("gpt-5.1", "gpt-5"),
        ("claude-sonnet-4-5", "claude-sonnet-4-0"),
        ("llama-3.1-70b", "llama-3-70b"),
    ],
)
def test_another_version_number_is_a_clash(name: str, model_id: str) -> None:
    assert version_clash(name, model_id)


@pytest.mark.parametrize(
    ("name", "model_id"),
    [
        ("amazon.titan-embed-text-v1", "amazon.titan-embed-text-v1"),
        ("gpt-4-0613", "gpt-4"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gpt-4o-mini", "gpt-4o"),
        ("claude-3-5-sonnet-20240620", "claude-3-5-sonnet"),
        ("us.anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet"),
        ("gemini-1.5-pro-002", "gemini-1.5-pro"),
        ("claude-sonnet-4-20250514", "claude-sonnet-4-0"),
        ("claude-sonnet-4", "claude-sonnet-4-0"),
        ("o3-mini", "o3"),
    ],
)
def test_dates_snapshots_and_suffixes_are_the_same_model(name: str, model_id: str) -> None:
    assert not version_clash(name, model_id)


def _resolved(name: str) -> str | None:
    found = Settings().catalogs.llm(pricing=False).resolve(name)
    return None if found is None else found.model.id


def test_titan_embed_v2_is_not_priced_as_v1() -> None:
    assert _resolved("amazon.titan-embed-text-v1") == "amazon.titan-embed-text-v1"
    assert _resolved("amazon.titan-embed-text-v2:0") is None  # unpriced, never v1's price


def test_claude_sonnet_4_5_is_labelled_as_itself() -> None:
    assert _resolved("claude-sonnet-4-5") == "claude-sonnet-4-5"
    assert _resolved("claude-sonnet-4-5-20250929") == "claude-sonnet-4-5"
    assert _resolved("claude-sonnet-4-20250514") == "claude-sonnet-4-0"


def test_every_exact_alias_of_the_catalog_still_finds_its_model() -> None:
    catalog = Settings().catalogs.llm(pricing=False)
    for pid, provider in catalog.providers.items():
        for rule, model in provider.models:
            for alias in _equals(rule):
                found = provider.find(alias)
                assert found is not None and found.id == model.id, (pid, alias)


def _equals(rule: dict[str, object]) -> list[str]:
    ((op, arg),) = rule.items()
    if op in ("or", "and"):
        return [n for r in arg for n in _equals(r)]  # type: ignore[attr-defined]
    return [str(arg)] if op == "equals" else []


def test_a_loose_rule_does_not_reach_a_newer_version_through_a_reseller() -> None:
    """Vertex's rule "contains claude-sonnet-4" would take claude-sonnet-4-5 for Sonnet 4."""
    assert _resolved("vertex_ai/claude-sonnet-4-5@20250929") == "claude-sonnet-4-5"
    assert _resolved("vertex_ai/claude-sonnet-4@20250514") == "claude-4-sonnet"
    assert _resolved("us.amazon.nova-pro-v1:0") == "amazon.nova-pro-v1:0"


def test_an_unknown_version_is_never_offered_another_version_as_a_suggestion() -> None:
    catalog = Settings().catalogs.llm(pricing=False)
    assert catalog.suggest("amazon.titan-embed-text-v2:0") != "amazon.titan-embed-text-v1"
    assert catalog.suggest("gpt-4o-mnii") == "gpt-4o-mini"
