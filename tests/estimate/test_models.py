"""Per-request and monthly prices of model settings, with usage from config and its origins."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from finops_gate.config import Settings
from finops_gate.estimate.models import ALL, BUILTIN_ORIGIN, price_side, usage_for
from finops_gate.model import Resource, Status


def _setting(
    model: str | None, address: str = "config/app.yaml#chat.model", **attrs: Any
) -> Resource:
    return Resource(
        address=address,
        source="models",
        kind="llm_model",
        provider="llm",
        attributes={"model": model, **attrs},
        file=address.partition("#")[0],
        line=3,
    )


def _settings(models: dict[str, Any], **pricing: Any) -> Settings:
    raw: dict[str, Any] = {"version": 1, "usage": {"models": models}}
    if pricing:
        raw["pricing"] = pricing
    return Settings(raw=raw)


DEFAULT = {"default": {"requests_per_month": 10000, "input_tokens": 1000, "output_tokens": 500}}


def test_gpt_4o_mini_costs_input_plus_output_tokens_per_request_and_month() -> None:
    side = price_side(_setting("gpt-4o-mini"), _settings(DEFAULT))
    # 1000 x $0.15/1M + 500 x $0.60/1M
    assert side.status is Status.PRICED
    assert side.per_request == Decimal("0.00045")
    assert side.monthly == Decimal("4.5")
    assert side.catalog == ("llm", "2026-12-03")
    assert [(line.name, line.monthly_cost) for line in side.lines] == [
        ("Input tokens (OpenAI gpt-4o-mini)", Decimal("1.5")),
        ("Output tokens (OpenAI gpt-4o-mini)", Decimal("3")),
    ]


def test_switch_to_gpt_4_turbo_is_about_sixty_times_the_cost_per_request() -> None:
    settings = _settings(DEFAULT)
    before = price_side(_setting("gpt-4o-mini"), settings)
    after = price_side(_setting("gpt-4-turbo"), settings)
    assert after.per_request == Decimal("0.025")  # 1000 x $10/1M + 500 x $30/1M
    assert after.monthly == Decimal("250")
    assert before.per_request is not None and after.per_request is not None
    assert after.per_request / before.per_request > 50


def test_cached_share_of_input_is_billed_at_the_cache_read_price() -> None:
    usage = {"default": {**DEFAULT["default"], "cached_share": 0.5}}
    side = price_side(_setting("gpt-4o"), _settings(usage))
    # 500 x $2.50 + 500 x $1.25 + 500 x $10, per 1M
    assert side.per_request == Decimal("0.006875")
    assert "Cached input tokens (OpenAI gpt-4o)" in [line.name for line in side.lines]


def test_worst_case_uses_the_output_cap_from_the_same_block() -> None:
    side = price_side(
        _setting("gpt-4o", max_tokens=4000, max_tokens_key="max_tokens"), _settings(DEFAULT)
    )
    assert side.per_request_worst == Decimal("0.0425")  # 1000 x 2.5 + 4000 x 10, per 1M
    assert side.quantities["max output tokens"] == "4000"
    assert not [a for a in side.assumptions if a.key == "max output tokens"]  # config, not usage


def test_usage_max_output_tokens_gives_a_worst_case_where_the_config_has_no_cap() -> None:
    usage = {"default": {**DEFAULT["default"], "max_output_tokens": 2000}}
    side = price_side(_setting("gpt-4o"), _settings(usage))
    assert side.per_request_worst == Decimal("0.0225")
    assert [(a.subject, a.value) for a in side.assumptions if a.key == "max_output_tokens"] == [
        (ALL, "2000")
    ]


def test_expected_output_never_exceeds_the_cap() -> None:
    side = price_side(_setting("gpt-4o", max_tokens=100), _settings(DEFAULT))
    assert side.per_request == side.per_request_worst == Decimal("0.0035")


def test_embedding_model_is_priced_on_input_tokens_only() -> None:
    side = price_side(_setting("text-embedding-3-small"), _settings(DEFAULT))
    assert side.per_request == Decimal("0.00002")
    assert [line.name for line in side.lines] == ["Input tokens (OpenAI text-embedding-3-small)"]


def test_unknown_model_is_unpriced_with_the_reason_never_zero() -> None:
    side = price_side(_setting("gpt-99-ultra"), _settings(DEFAULT))
    assert side.status is Status.UNPRICED
    assert side.monthly is None and side.per_request is None
    assert side.reason is not None and "'gpt-99-ultra' is not in the llm catalog" in side.reason


def test_model_set_only_at_run_time_is_unpriced_and_says_where_it_comes_from() -> None:
    side = price_side(_setting(None, model_from="$LLM_MODEL at run time"), _settings(DEFAULT))
    assert side.status is Status.UNPRICED
    assert side.reason is not None and "$LLM_MODEL" in side.reason


def test_without_requests_per_month_the_monthly_cost_is_usage_unknown() -> None:
    side = price_side(_setting("gpt-4o-mini"), Settings())
    assert side.status is Status.USAGE_UNKNOWN
    assert side.monthly is None
    assert side.per_request == Decimal("0.00045")  # built-in 1000 in / 500 out
    assert {(a.subject, a.key, a.origin) for a in side.assumptions} == {
        (ALL, "input_tokens", BUILTIN_ORIGIN),
        (ALL, "output_tokens", BUILTIN_ORIGIN),
    }
    assert all(line.monthly_cost is None for line in side.lines)


def test_site_usage_wins_over_default_and_exact_address_over_glob() -> None:
    usage = {
        **DEFAULT,
        "sites": {
            "config/*.yaml#*": {"requests_per_month": 20000},
            "config/app.yaml#chat.model": {"requests_per_month": 30000, "input_tokens": 10},
        },
    }
    values, origins = usage_for("config/app.yaml#chat.model", _settings(usage))
    assert values == {"requests_per_month": 30000, "input_tokens": 10, "output_tokens": 500}
    assert origins["requests_per_month"] == 'usage.models.sites."config/app.yaml#chat.model"'
    assert origins["output_tokens"] == "usage.models.default"
    values, origins = usage_for("config/other.yaml#model", _settings(usage))
    assert values["requests_per_month"] == 20000
    assert origins["requests_per_month"] == 'usage.models.sites."config/*.yaml#*"'


def test_a_glob_site_assumption_is_reported_once_under_its_glob() -> None:
    usage = {"sites": {"services/*/.env#*": {"requests_per_month": 5}}}
    side = price_side(_setting("gpt-4o", "services/api/.env#LLM_MODEL"), _settings(usage))
    found = [a for a in side.assumptions if a.key == "requests_per_month"]
    assert [(a.subject, a.value) for a in found] == [("services/*/.env#*", "5")]


def test_price_in_force_on_the_report_date_is_used() -> None:
    # o3: $10/$40 until 2025-06-09, $2/$8 from 2025-06-10 (genai-prices history)
    old = price_side(_setting("o3"), _settings(DEFAULT, as_of="2025-06-01"))
    new = price_side(_setting("o3"), _settings(DEFAULT, as_of="2025-06-10"))
    assert old.per_request == Decimal("0.03")
    assert new.per_request == Decimal("0.006")
    assert any(a.key == "price date" and a.value == "2025-06-10" for a in new.assumptions)


def test_long_prompt_crosses_a_token_tier_and_pays_the_tier_rate() -> None:
    # gemini-1.5-pro: $1.25 input up to 128k tokens, $2.50 above (cliff on the input size)
    short = {"default": {"requests_per_month": 1, "input_tokens": 100000, "output_tokens": 0}}
    long = {"default": {"requests_per_month": 1, "input_tokens": 200000, "output_tokens": 0}}
    assert price_side(_setting("gemini-1.5-pro"), _settings(short)).per_request == Decimal("0.125")
    assert price_side(_setting("gemini-1.5-pro"), _settings(long)).per_request == Decimal("0.5")


def test_litellm_base_model_sets_the_price_of_a_custom_azure_deployment() -> None:
    setting = _setting("azure/prod-gpt4", base_model="azure/gpt-4-turbo")
    side = price_side(setting, _settings(DEFAULT))
    assert side.per_request == Decimal("0.025")
    assert side.quantities["model"] == "azure/prod-gpt4"


@pytest.mark.parametrize("written", ["gpt-4o-2024-08-06", "openai/gpt-4o", "azure/gpt-4o"])
def test_snapshots_and_provider_prefixes_price_like_the_model(written: str) -> None:
    side = price_side(_setting(written), _settings(DEFAULT))
    assert side.per_request == Decimal("0.0075")


def test_an_unknown_key_under_usage_models_is_a_config_error() -> None:
    from finops_gate.config import parse_settings
    from finops_gate.errors import ConfigError

    text = "version: 1\nusage:\n  models:\n    default: {requests_per_month: 5, input_tokenz: 3}\n"
    with pytest.raises(ConfigError, match="input_tokenz"):
        parse_settings(text, display=".finops-gate.yml")


def test_every_fixture_setting_priced_snapshot(snapshot: Any) -> None:
    from pathlib import Path

    from finops_gate.sources.tree import Tree
    from tests.sources.model_settings import load

    tree = Path(__file__).resolve().parents[1] / "fixtures" / "models" / "tree"
    settings = _settings(DEFAULT, as_of="2026-11-01")
    rows = []
    for r in load(Tree(tree), settings):
        side = price_side(r, settings)
        priced_as = side.quantities.get("priced as", "-")
        rows.append(
            f"{r.address}: {side.status} | {priced_as} | per request {side.per_request} | "
            f"worst {side.per_request_worst} | monthly {side.monthly} | {side.reason or ''}"
        )
    snapshot.assert_match("\n".join(rows) + "\n", "models_priced.txt")


def test_a_misspelt_model_gets_a_suggestion_in_the_reason() -> None:
    side = price_side(_setting("gpt-4o-mnii"), _settings(DEFAULT))
    assert side.status is Status.UNPRICED
    assert side.reason is not None and "(did you mean gpt-4o-mini?)" in side.reason


def test_settings_of_one_model_with_the_same_defaults_share_what_their_sides_say() -> None:
    """A tree of services each set to the same model: their sides say the same quantities,
    identity and assumptions, held once (a whole tree's check holds every side to the end);
    a setting that says something else keeps its own."""
    settings = _settings({})
    sides = [
        price_side(_setting("gpt-4o-mini", f"svc{i}/config.yaml#assistant.model"), settings)
        for i in range(3)
    ]
    first = sides[0]
    assert first.assumptions and first.quantities and first.identity
    for side in sides[1:]:
        assert side == first
        assert side.quantities is first.quantities
        assert side.identity is first.identity
        assert side.assumptions is first.assumptions
    other = price_side(_setting("gpt-4o-mini", reasoning_effort="high"), settings)
    assert other.quantities is not first.quantities
    assert other.quantities["reasoning effort"] == "high"
    assert "reasoning effort" not in first.quantities


def test_an_env_key_and_the_key_expanding_it_count_one_stream_of_requests(
    tmp_path: Path,
) -> None:
    from finops_gate.sources.models import load
    from finops_gate.sources.tree import Tree

    (tmp_path / ".env").write_text("LLM_MODEL=gpt-4-turbo\nOPENAI_MODEL=${LLM_MODEL}\n")
    settings = Settings(
        raw={"version": 1, "usage": {"models": {"default": {"requests_per_month": 1000}}}}
    )
    sides = {r.address: price_side(r, settings) for r in load(Tree(tmp_path), settings)}
    # $0.025 a request (1,000 in x $10/M + 500 out x $30/M), 1,000 requests once, not twice
    assert sum(s.monthly for s in sides.values()) == Decimal("25")
    row = sides[".env#OPENAI_MODEL"].quantities["one stream of requests"]
    assert row == "split over 2 sites with .env#LLM_MODEL"


def test_a_self_hosted_model_switched_to_a_paid_api_is_an_increase_in_the_totals(
    tmp_path: Path,
) -> None:
    # ollama -> gpt-4-turbo at 1M requests: $25,000 a month was left out of the totals (the
    # base had no per-token price), so a monthly_increase threshold passed it
    from finops_gate.estimate.engine import price_changes
    from finops_gate.model import Action, ResourceChange
    from finops_gate.report.build import totals
    from finops_gate.sources.models import load
    from finops_gate.sources.tree import Tree

    settings = Settings(
        raw={"version": 1, "usage": {"models": {"default": {"requests_per_month": 1000000}}}}
    )
    sides = []
    for name, model in (("base", "ollama/llama3.1"), ("head", "gpt-4-turbo")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "c.yaml").write_text(f"chat:\n  model: {model}\n")
        (site,) = load(Tree(tmp_path / name), settings)
        sides.append(site)
    up = ResourceChange(sides[0].address, Action.UPDATE, sides[0], sides[1])
    (d,) = price_changes([up], settings)
    assert d.monthly_delta == Decimal("25000")
    assert totals([d]).monthly_delta == Decimal("25000")
    # the reverse switch is still never a saving: out of the totals, self hosted
    down = ResourceChange(sides[0].address, Action.UPDATE, sides[1], sides[0])
    (r,) = price_changes([down], settings)
    assert r.monthly_delta is None and r.status == Status.SELF_HOSTED
