"""The LLM catalog resolver: aliases, dated snapshots, provider prefixes, Bedrock ids, history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finops_gate.catalogs.store import llm_catalog


@pytest.mark.parametrize(
    ("written", "provider", "model_id"),
    [
        ("gpt-4o-mini", "openai", "gpt-4o-mini"),
        ("gpt-4o-2024-08-06", "openai", "gpt-4o"),
        ("GPT-4o", "openai", "gpt-4o"),
        ("openai/gpt-4o-mini", "openai", "gpt-4o-mini"),
        ("text-embedding-3-small", "openai", "text-embedding-3-small"),
        ("claude-3-5-sonnet-20241022", "anthropic", "claude-3-5-sonnet"),
        ("anthropic/claude-3-5-haiku-20241022", "anthropic", "claude-3-5-haiku-latest"),
        ("vertex_ai/gemini-1.5-pro", "google", "gemini-1.5-pro"),
        ("gemini/gemini-2.0-flash", "google", "gemini-2.0-flash"),
        ("gemini-1.5-flash-002", "google", "gemini-1.5-flash"),
        ("bedrock/us.amazon.nova-pro-v1:0", "aws", "amazon.nova-pro-v1:0"),
        ("us.amazon.nova-pro-v1:0", "aws", "amazon.nova-pro-v1:0"),
        ("mistral-large-latest", "mistral", "mistral-large"),
        # a client library's routing prefix (the OpenAI Agents SDK's "litellm/<model>" and
        # "any-llm/<model>"): the provider named after it, at its price
        ("litellm/openai/gpt-4o-mini", "openai", "gpt-4o-mini"),
        ("any-llm/openai/gpt-4o", "openai", "gpt-4o"),
    ],
)
def test_model_names_resolve_to_their_catalog_model(
    written: str, provider: str, model_id: str
) -> None:
    found = llm_catalog("2026-11-01").resolve(written)
    assert found is not None
    assert (found.model.provider, found.model.id) == (provider, model_id)


@pytest.mark.parametrize(
    ("written", "provider", "model_id"),
    [
        ("openai:gpt-4o", "openai", "gpt-4o"),  # LangChain init_chat_model, pydantic-ai
        ("anthropic:claude-haiku-4-5-20251001", "anthropic", "claude-haiku-4-5"),
        ("google_genai:gemini-2.0-flash", "google", "gemini-2.0-flash"),
        ("bedrock_converse:amazon.nova-pro-v1:0", "aws", "amazon.nova-pro-v1:0"),
        ("anthropic.claude-3-haiku-20240307-v1:0", "aws", None),  # its ":0" is no provider
        # pydantic-ai's own provider names: two OpenAI APIs, the Gemini API, Vertex, xAI
        ("openai-responses:gpt-5.4", "openai", "gpt-5.4"),
        ("openai-chat:gpt-4o", "openai", "gpt-4o"),
        ("google-gla:gemini-2.5-flash", "google", "gemini-2.5-flash"),
        ("google-vertex:gemini-2.5-pro", "google", "gemini-2.5-pro"),
        ("grok:grok-4", "x-ai", None),
    ],
)
def test_a_provider_colon_model_name_resolves_in_that_provider(
    written: str, provider: str, model_id: str | None
) -> None:
    found = llm_catalog().resolve(written)
    assert found is not None and found.model.provider == provider
    assert model_id is None or found.model.id == model_id


def test_the_gemini_api_resource_name_resolves_in_google() -> None:
    catalog = llm_catalog()
    for model_id in ("gemini-2.5-pro", "gemini-2.5-flash-image"):  # as gpt-researcher writes
        found = catalog.resolve(f"models/{model_id}")
        assert found is not None and (found.model.provider, found.model.id) == ("google", model_id)
    assert catalog.resolve("models/no-such-model") is None
    assert catalog.resolve("models/a/b") is None


def test_a_colon_that_names_no_provider_resolves_nothing_new() -> None:
    catalog = llm_catalog()
    assert catalog.resolve("llama3:8b") is None
    assert catalog.resolve("openai:no-such-model") is None


def test_bedrock_anthropic_id_resolves_to_bedrock_not_to_vertex() -> None:
    found = llm_catalog().resolve("anthropic.claude-3-haiku-20240307-v1:0")
    assert found is not None and found.model.provider == "aws"


def test_azure_prefix_falls_back_to_openai_models() -> None:
    found = llm_catalog().resolve("azure/gpt-4o")
    assert found is not None and found.model.id == "gpt-4o"
    assert found.via == "prefix azure/"


def test_a_routing_prefix_keeps_the_name_as_written_and_resolves_nothing_unknown() -> None:
    found = llm_catalog().resolve("litellm/openrouter/openai/gpt-4o-mini")
    assert found is not None
    assert (found.model.provider, found.model.id) == ("openrouter", "openai/gpt-4o-mini")
    assert found.written == "litellm/openrouter/openai/gpt-4o-mini"
    assert llm_catalog().resolve("litellm/no-such-model") is None


def test_a_provider_hint_picks_the_provider_of_a_bare_name() -> None:
    found = llm_catalog().resolve("gpt-4o", provider_hint="azure")
    assert found is not None and found.via == "provider azure"


@pytest.mark.parametrize("written", ["gpt-99-ultra", "User", "blue", "production", "", "x" * 300])
def test_names_that_are_no_model_do_not_resolve(written: str) -> None:
    assert llm_catalog().resolve(written) is None


def test_an_exact_alias_beats_a_shorter_prefix_rule() -> None:
    found = llm_catalog().resolve("gpt-4o-mini-2024-07-18")
    assert found is not None and found.model.id == "gpt-4o-mini"


def test_price_history_gives_the_price_in_force_on_a_date() -> None:
    found = llm_catalog().resolve("o3")
    assert found is not None
    history = found.model
    before = history.price_on(date(2025, 6, 9)).input
    after = history.price_on(date(2025, 6, 10)).input
    assert before is not None and before.base == Decimal("10")
    assert after is not None and after.base == Decimal("2")
