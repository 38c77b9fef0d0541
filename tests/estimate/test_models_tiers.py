"""Settings that change the price of the same model: service tier, batch API, reasoning effort."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from finops_gate.config import Settings
from finops_gate.estimate.models import price_side
from finops_gate.model import Resource, Status
from finops_gate.sources.tree import Tree
from tests.sources.model_settings import load

TOKENS = {"default": {"input_tokens": 1000, "output_tokens": 500}}


def _setting(model: str, **attrs: Any) -> Resource:
    return Resource(
        address="app.yaml#chat.model",
        source="models",
        kind="llm_model",
        provider="llm",
        attributes={"model": model, **attrs},
        file="app.yaml",
        line=2,
    )


def _settings(**pricing: Any) -> Settings:
    raw: dict[str, Any] = {"version": 1, "usage": {"models": TOKENS}}
    if pricing:
        raw["pricing"] = pricing
    return Settings(raw=raw)


@pytest.mark.parametrize(
    ("tier", "per_request"),
    [
        (None, Decimal("0.00625")),  # 1000 x $1.25/1M + 500 x $10/1M
        ("default", Decimal("0.00625")),
        ("auto", Decimal("0.00625")),
        ("flex", Decimal("0.003125")),  # $0.625 / $5
        ("batch", Decimal("0.003125")),
        ("priority", Decimal("0.0125")),  # $2.50 / $20
    ],
)
def test_gpt_5_on_each_service_tier(tier: str | None, per_request: Decimal) -> None:
    attrs = {} if tier is None else {"service_tier": tier}
    side = price_side(_setting("gpt-5", **attrs), _settings())
    assert side.per_request == per_request
    if tier is not None:
        assert side.quantities["service tier"] == tier


def test_cached_input_on_a_tier_pays_the_tiers_cache_price() -> None:
    settings = Settings(
        raw={
            "version": 1,
            "usage": {"models": {"default": {**TOKENS["default"], "cached_share": 1}}},
        }
    )
    side = price_side(_setting("gpt-5", service_tier="priority"), settings)
    # 1000 cached x $0.25/1M + 500 x $20/1M
    assert side.per_request == Decimal("0.01025")


def test_a_tier_the_catalog_has_no_price_for_is_unpriced_not_standard() -> None:
    side = price_side(_setting("claude-sonnet-4-5", service_tier="priority"), _settings())
    assert side.status is Status.UNPRICED
    assert side.reason is not None and "no 'priority' service-tier price" in side.reason
    scale = price_side(_setting("gpt-5", service_tier="scale"), _settings())
    assert scale.status is Status.UNPRICED


def test_an_older_pinned_catalog_without_tier_prices_says_so() -> None:
    settings = _settings(catalogs={"llm": "2026-11-01"})
    side = price_side(_setting("gpt-5", service_tier="flex"), settings)
    assert side.status is Status.UNPRICED
    assert side.catalog == ("llm", "2026-11-01")


def test_reasoning_effort_is_shown_and_does_not_change_the_token_price() -> None:
    plain = price_side(_setting("o3"), _settings())
    high = price_side(_setting("o3", reasoning_effort="high"), _settings())
    assert high.per_request == plain.per_request
    assert high.quantities["reasoning effort"] == "high"


def test_sonar_includes_its_per_request_fee() -> None:
    side = price_side(_setting("sonar"), _settings())
    # 1500 tokens x $1/1M + the catalog's $12 per 1,000 requests
    assert side.per_request == Decimal("0.0135")
    assert any(line.name.startswith("Requests (") for line in side.lines)


def _found(root: Path, rel: str, text: str) -> dict[str, Any]:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    (r,) = load(Tree(root), Settings())
    return dict(r.attributes)


@pytest.mark.parametrize(
    ("rel", "text", "tier"),
    [
        ("a.yaml", "chat:\n  model: gpt-5\n  service_tier: flex\n", "flex"),
        ("b.yaml", "chat:\n  model: gpt-5\n  extra_body: {service_tier: priority}\n", "priority"),
        ("c.json", '{"chat": {"model": "gpt-5", "serviceTier": "Priority"}}', "priority"),
        (".env", "OPENAI_MODEL=gpt-5\nOPENAI_SERVICE_TIER=flex\n", "flex"),
        ("d.yaml", "job:\n  model: gpt-4o\n  use_batch_api: true\n", "batch"),
        ("e.yaml", "job:\n  model: gpt-4o\n  completion_window: 24h\n", "batch"),
        ("f.yaml", "job:\n  model: gpt-4o\n  endpoint: /v1/batches\n", "batch"),
    ],
)
def test_the_tier_is_read_beside_the_model(tmp_path: Path, rel: str, text: str, tier: str) -> None:
    assert _found(tmp_path, rel, text)["service_tier"] == tier


@pytest.mark.parametrize(
    "text",
    [
        "chat:\n  model: gpt-5\n  tier: gold\n",
        "chat:\n  model: gpt-5\n  batch_size: 32\n",
        "chat:\n  model: gpt-5\n  batch: false\n",
        "chat:\n  model: gpt-5\n  endpoint: /v1/chat/completions\n",
    ],
)
def test_other_tier_or_batch_words_are_not_a_service_tier(tmp_path: Path, text: str) -> None:
    assert "service_tier" not in _found(tmp_path, "app.yaml", text)


def test_another_providers_tier_in_an_env_file_is_not_this_models(tmp_path: Path) -> None:
    text = "OPENAI_MODEL=gpt-5\nANTHROPIC_SERVICE_TIER=priority\n"
    assert "service_tier" not in _found(tmp_path, ".env", text)


def test_reasoning_effort_is_read_from_the_block(tmp_path: Path) -> None:
    text = "chat:\n  model: o3\n  reasoning:\n    effort: high\n"
    assert _found(tmp_path, "app.yaml", text)["reasoning_effort"] == "high"


def test_the_catalog_entry_in_force_carries_the_tiers() -> None:
    catalog = Settings().catalogs.llm()
    found = catalog.resolve("gpt-5")
    assert found is not None
    entry = found.model.price_on(date.max)
    flex = entry.tier("flex")
    assert flex is not None and flex.input.base == Decimal("0.625")
    assert entry.tier("scale") is None


def _sized(tokens_in: int, tokens_out: int = 1000) -> Settings:
    usage = {"default": {"input_tokens": tokens_in, "output_tokens": tokens_out}}
    return Settings(raw={"version": 1, "usage": {"models": usage}})


@pytest.mark.parametrize(
    ("model", "tokens_in", "per_request"),
    [
        # gpt-5.4 batch: $1.25 / $7.50 per 1M; above 272k input tokens $2.50 / $11.25
        ("gpt-5.4", 100_000, Decimal("0.1325")),  # 100k x 1.25 + 1k x 7.5
        ("gpt-5.4", 300_000, Decimal("0.76125")),  # 300k x 2.5 + 1k x 11.25
        # gemini-2.5-pro batch: $0.625 / $5; above 200k $1.25 / $7.50
        ("gemini-2.5-pro", 150_000, Decimal("0.09875")),  # 150k x 0.625 + 1k x 5
        ("gemini-2.5-pro", 250_000, Decimal("0.32")),  # 250k x 1.25 + 1k x 7.5
    ],
)
def test_batch_prices_of_long_context_models_follow_their_cliffs(
    model: str, tokens_in: int, per_request: Decimal
) -> None:
    standard = price_side(_setting(model), _sized(tokens_in))
    batch = price_side(_setting(model, service_tier="batch"), _sized(tokens_in))
    assert batch.status is Status.USAGE_UNKNOWN  # priced per request; no requests given
    assert batch.per_request == per_request
    assert standard.per_request is not None and batch.per_request < standard.per_request


def test_a_tier_priced_only_below_a_cliff_is_unpriced_above_it_never_standard() -> None:
    # the source (LiteLLM) prices Claude Sonnet 4.5's batch API, not its long-context batch
    below = price_side(_setting("claude-sonnet-4-5", service_tier="batch"), _sized(150_000))
    assert below.per_request == Decimal("0.2325")  # 150k x $1.50 + 1k x $7.50
    above = price_side(_setting("claude-sonnet-4-5", service_tier="batch"), _sized(250_000))
    assert above.status is Status.UNPRICED and above.per_request is None
    assert above.reason is not None and "up to 200,000 input tokens" in above.reason
    # flex on Gemini 2.5 Pro likewise: no flex price above 200k input tokens
    flex = price_side(_setting("gemini-2.5-pro", service_tier="flex"), _sized(250_000))
    assert flex.status is Status.UNPRICED
