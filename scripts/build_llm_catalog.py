"""Build pricing/llm/<VERSION>.json from pydantic/genai-prices, reproducibly.

Usage:  python scripts/build_llm_catalog.py [--version YYYY-MM-DD] [REFERENCE_DATA_DIR]
        (default: ../shared/reference-data next to the repository)
        then: python scripts/update_digests.py
        python scripts/build_llm_catalog.py --check [REFERENCE_DATA_DIR]
        (writes nothing: lists where LiteLLM's current prices differ from the catalog's)

Input (read-only): genai-prices/data.v2.json (MIT, Pydantic Services Inc.; commit in SOURCE.txt).
litellm-model-prices/ (MIT, BerriAI; the JSON LiteLLM ships in its wheel) gives the prices of the
other service tiers of a model -- the batch API, OpenAI's ``flex`` and ``priority`` -- which
genai-prices does not carry. They are kept on a model's current price entry only where LiteLLM's
standard input and output prices equal that entry's, so a tier price never comes from another
price period; ``--check`` prints where the two sources disagree. A long-context model keeps its
input-token cliffs on each tier (``..._above_200k_tokens_batches``); where LiteLLM has no tier
price above a cliff, the tier says it holds only below it (``up_to_tokens``).
From 2026-12-03 on, LiteLLM also prices a dated snapshot genai-prices lists in its base model's
match rule at the base price although the snapshot costs another (``gpt-4o-2024-05-13``: $5/$15,
not gpt-4o's $2.50/$10, https://openai.com/api/pricing/): see ``split_snapshots``.

What is kept, per provider: id, name, pricing pages, the provider's model-match rule and its
fallback providers; per model: id, name, match rules (aliases, dated snapshots), whether it is
deprecated, and the price history. A price entry is a start date (``null``: since the model
exists) and USD per 1M tokens for input, output, cache read and cache write, plus USD per 1,000
requests where a provider charges per request. Token-count tiers ("cliff" tiers: above the start
every token pays the tier price) are kept. What is left out, and said so in the file: audio,
image and video token prices, web-search fees and time-of-day (off-peak) prices; the standard
daytime price is what a config switch changes.

Provider aliases map the prefixes that LiteLLM and other SDKs put in front of model names
(``bedrock/``, ``vertex_ai/``, ``azure/``...) to genai-prices provider ids. The HuggingFace
router providers are left out (they are addressed by repository name, not by a model id).
Output is sorted where order does not matter and stable: same inputs, same bytes.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

VERSION = "2026-12-03"  # --version 2026-11-01 / 2026-12-01 rebuild the earlier files byte for byte
TIERS_FROM = "2026-12-01"  # catalogs from this version on carry service-tier prices
SNAPSHOTS_FROM = "2026-12-03"  # ... and split listed snapshots priced apart (split_snapshots)
RETRIEVED = "2026-11-22"
BUILD = (
    "python scripts/build_llm_catalog.py ../shared/reference-data"
    " && python scripts/update_digests.py"
)
ROOT = Path(__file__).resolve().parent.parent
PRICE_KEYS = ("input_mtok", "output_mtok", "cache_read_mtok", "cache_write_mtok", "requests_kcount")

# The order in which a bare model name (no provider prefix, no provider hint) is looked up:
# first-party providers first, then clouds that resell them, then hosts of open models.
SEARCH_ORDER = (
    "openai",
    "anthropic",
    "google",
    "mistral",
    "cohere",
    "deepseek",
    "x-ai",
    "voyageai",
    "moonshotai",
    "zhipuai",
    "minimax",
    "perplexity",
    "aws",
    "azure",
    "groq",
    "together",
    "fireworks",
    "cerebras",
)

# Bare model names whose shape names the provider although its genai-prices entry has no
# model-match rule: Bedrock model ids ("anthropic.claude-...", "us.amazon.nova-pro-v1:0").
NAME_PATTERNS = {
    "aws": (
        r"^(?:(?:us|eu|apac|global|us-gov|jp|au|ca)\.)?"
        r"(?:anthropic|amazon|meta|cohere|mistral|ai21|deepseek|qwen|writer|openai)\.[a-z0-9]"
    ),
}

# Prefixes (LiteLLM provider names and common spellings) -> genai-prices provider id.
PROVIDER_ALIASES = {
    "anthropic": "anthropic",
    "avian": "avian",
    "aws": "aws",
    "azure": "azure",
    "azure_ai": "azure",
    "azure_openai": "azure",
    "azureopenai": "azure",
    "bedrock": "aws",
    "bedrock_converse": "aws",
    "amazon": "aws",
    "cerebras": "cerebras",
    "cohere": "cohere",
    "cohere_chat": "cohere",
    "deepseek": "deepseek",
    "doubleword": "doubleword",
    "fireworks": "fireworks",
    "fireworks_ai": "fireworks",
    "gemini": "google",
    "google": "google",
    "google_genai": "google",
    "groq": "groq",
    "minimax": "minimax",
    "mistral": "mistral",
    "mistralai": "mistral",
    "modal": "modal",
    "moonshot": "moonshotai",
    "moonshotai": "moonshotai",
    "novita": "novita",
    "openai": "openai",
    "text-completion-openai": "openai",
    "openrouter": "openrouter",
    "ovhcloud": "ovhcloud",
    "perplexity": "perplexity",
    "together": "together",
    "together_ai": "together",
    "togetherai": "together",
    "vertex": "google",
    "vertex_ai": "google",
    "vertex_ai_beta": "google",
    "vertexai": "google",
    "voyage": "voyageai",
    "voyageai": "voyageai",
    "x-ai": "x-ai",
    "xai": "x-ai",
    "zai": "zai",
    "zhipuai": "zhipuai",
}


def _dec(value: float | int) -> str:
    """Shortest decimal text of a JSON number: 0.15 -> "0.15", 5 -> "5"."""
    text = format(Decimal(repr(value)).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _price_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            "base": _dec(value["base"]),
            "tiers": [{"start": t["start"], "price": _dec(t["price"])} for t in value["tiers"]],
        }
    return _dec(value)


def _lower_match(clause: dict[str, Any]) -> dict[str, Any]:
    ((op, arg),) = clause.items()
    if op in ("or", "and"):
        return {op: [_lower_match(c) for c in arg]}
    # regexes keep their case: lowering "\\D" would change what they match
    return {op: arg if op == "regex" else str(arg).lower()}


def _history(prices: Any) -> list[dict[str, Any]]:
    entries = prices if isinstance(prices, list) else [{"prices": prices}]
    out: list[dict[str, Any]] = []
    for entry in entries:
        constraint = entry.get("constraint") or {}
        if "start_time" in constraint:
            continue  # off-peak time-of-day prices: not what a config change is priced at
        row: dict[str, Any] = {"start_date": constraint.get("start_date")}
        for key in PRICE_KEYS:
            if key in entry["prices"]:
                row[key] = _price_value(entry["prices"][key])
        out.append(row)
    out.sort(key=lambda r: r["start_date"] or "")
    return out


def _model(raw: dict[str, Any]) -> dict[str, Any]:
    model: dict[str, Any] = {
        "id": raw["id"],
        "match": _lower_match(raw["match"]),
        "prices": _history(raw["prices"]),
    }
    if raw.get("name"):
        model["name"] = raw["name"]
    if raw.get("deprecated"):
        model["deprecated"] = True
    return model


def _provider(raw: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": raw["id"],
        "name": raw["name"],
        "pricing_urls": list(raw.get("pricing_urls") or []),
        "fallback_providers": list(raw.get("fallback_model_providers") or []),
        "models": [_model(m) for m in raw["models"]],
    }
    if raw.get("model_match"):
        out["model_match"] = _lower_match(raw["model_match"])
    return out


SERVICE_TIERS = {"batch": "batches", "flex": "flex", "priority": "priority"}
_TIER_KEYS = (
    ("input_mtok", "input_cost_per_token"),
    ("output_mtok", "output_cost_per_token"),
    ("cache_read_mtok", "cache_read_input_token_cost"),
)
LITELLM_FILE = "litellm-model-prices/model_prices_and_context_window.json"
# LiteLLM's provider of a first-party model name -> ours (Gemini's bare names are Vertex's)
LITELLM_PROVIDERS = {"vertex_ai-language-models": "google"}


def _mtok(per_token: float) -> Decimal:
    return (Decimal(repr(per_token)) * 1_000_000).normalize()


def _tiers_of(entry: dict[str, Any], cliffs: tuple[int, ...] = ()) -> dict[str, dict[str, Any]]:
    """LiteLLM's service-tier prices of one model, with the standard price's input-token
    ``cliffs`` (``..._above_200k_tokens_batches``); where a cliff has no tier price, the tier
    holds only below it (``up_to_tokens``)."""
    out: dict[str, dict[str, Any]] = {}
    for tier, suffix in SERVICE_TIERS.items():
        bases = {
            ours: _mtok(entry[f"{theirs}_{suffix}"])
            for ours, theirs in _TIER_KEYS
            if isinstance(entry.get(f"{theirs}_{suffix}"), int | float)
        }
        if "input_mtok" not in bases or "output_mtok" not in bases:
            continue
        known: dict[str, list[dict[str, Any]]] = {ours: [] for ours in bases}
        up_to = None
        for start in cliffs:
            above = {
                ours: entry.get(f"{theirs}_above_{start // 1000}k_tokens_{suffix}")
                for ours, theirs in _TIER_KEYS
                if ours in bases
            }
            if not all(isinstance(v, int | float) for v in above.values()):
                up_to = start  # no tier price above this cliff: the tier holds below it
                break
            for ours, value in above.items():
                assert isinstance(value, int | float)
                known[ours].append({"price": format(_mtok(value), "f"), "start": start})
        prices: dict[str, Any] = {
            ours: {"base": format(base, "f"), "tiers": known[ours]}
            if known[ours]
            else format(base, "f")
            for ours, base in bases.items()
        }
        if up_to is not None:
            prices["up_to_tokens"] = up_to
        out[tier] = dict(sorted(prices.items()))
    return out


def _cliffs(price: Any) -> tuple[int, ...]:
    """The input-token cliffs of a standard price (``(200000,)`` for gemini-2.5-pro)."""
    parts = (price.input, price.output, price.cache_read)
    return tuple(sorted({start for part in parts if part for start, _ in part.tiers}))


def _same_standard(entry: dict[str, Any], price: Any, cliffs: tuple[int, ...]) -> bool:
    """Whether LiteLLM's standard prices are the catalog's: base input and output, and each
    cliff LiteLLM prices (``input_cost_per_token_above_200k_tokens``) too."""
    if (_mtok(entry["input_cost_per_token"]), _mtok(entry["output_cost_per_token"])) != (
        price.input.base.normalize(),
        price.output.base.normalize(),
    ):
        return False
    for start in cliffs:
        for standard, theirs in ((price.input, "input"), (price.output, "output")):
            value = entry.get(f"{theirs}_cost_per_token_above_{start // 1000}k_tokens")
            above = standard.at(Decimal(start + 1)).normalize()
            if isinstance(value, int | float) and _mtok(value) != above:
                return False
    return True


def add_service_tiers(reference: Path, catalog: dict[str, Any], version: str) -> int:
    """Tier prices from LiteLLM onto each model's current price entry (see the module doc).
    A first-party name (no provider prefix) that resolves to the model, with the same standard
    prices (its long-context cliffs too, where LiteLLM prices them); when names of one model
    disagree on a tier, the model's own id wins, else none."""
    sys.path.insert(0, str(ROOT))
    from datetime import date

    from finops_gate.catalogs.llm import build_llm as _build

    ours = _build(version, catalog)
    day = date.fromisoformat(version)
    theirs = json.loads((reference / LITELLM_FILE).read_text(encoding="utf-8"))
    found: dict[tuple[str, str], dict[str, dict[str, dict[str, Any]]]] = {}
    for name, entry in sorted(theirs.items()):
        if not isinstance(entry, dict) or "/" in name or "input_cost_per_token" not in entry:
            continue
        resolved = ours.resolve(name) if _tiers_of(entry) else None
        if resolved is None:
            continue
        model = resolved.model
        provider = str(entry.get("litellm_provider"))
        if LITELLM_PROVIDERS.get(provider, PROVIDER_ALIASES.get(provider)) != model.provider:
            continue
        price = model.price_on(day)
        if price.input is None or price.output is None:
            continue
        cliffs = _cliffs(price)
        if not _same_standard(entry, price, cliffs):
            continue  # LiteLLM prices another period of this model: its tiers do not apply
        found.setdefault((model.provider, model.id), {})[name] = _tiers_of(entry, cliffs)
    count = 0
    for provider in catalog["providers"]:
        for model in provider["models"]:
            names = found.get((provider["id"], model["id"]))
            if not names:
                continue
            tiers = names.get(model["id"])
            if tiers is None:
                distinct = {json.dumps(t, sort_keys=True) for t in names.values()}
                tiers = next(iter(names.values())) if len(distinct) == 1 else None
            if tiers:
                current = max(model["prices"], key=lambda r: r["start_date"] or "")
                current["service_tiers"] = dict(sorted(tiers.items()))
                count += 1
    return count


_SNAPSHOT_KEYS = (
    ("input_mtok", "input_cost_per_token"),
    ("output_mtok", "output_cost_per_token"),
    ("cache_read_mtok", "cache_read_input_token_cost"),
    ("cache_write_mtok", "cache_creation_input_token_cost"),
)


def _base_of(value: Any) -> Decimal:
    return Decimal(value["base"] if isinstance(value, dict) else value).normalize()


def _litellm_entries(
    theirs: dict[str, Any], provider: str, name: str
) -> list[tuple[str, dict[str, Any]]]:
    """LiteLLM's entries for exactly ``name`` at ``provider``: the bare name or the name behind
    one of the provider's prefixes (``groq/openai/gpt-oss-120b``), each priced by that provider
    (``theirs``: LiteLLM's entries by lower-case name)."""
    keys = [name, *sorted(f"{a}/{name}" for a, p in PROVIDER_ALIASES.items() if p == provider)]
    out = []
    for key in keys:
        entry = theirs.get(key)
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), int | float)
            for k in ("input_cost_per_token", "output_cost_per_token")
        ):
            continue
        owner = str(entry.get("litellm_provider"))
        if LITELLM_PROVIDERS.get(owner, PROVIDER_ALIASES.get(owner)) == provider:
            out.append((key, entry))
    return out


def _standard(entry: dict[str, Any]) -> tuple[Decimal, Decimal]:
    return _mtok(entry["input_cost_per_token"]), _mtok(entry["output_cost_per_token"])


def split_snapshots(reference: Path, catalog: dict[str, Any]) -> list[str]:
    """Ids a genai-prices model lists in its match rule (``equals``) whose own price is another:
    genai-prices groups ``gpt-4o-2024-05-13`` under gpt-4o at $2.50/$10, while OpenAI prices
    that snapshot at $5/$15 (https://openai.com/api/pricing/). Such an id becomes a model of its
    own, priced from LiteLLM's entry for exactly that id (``price_source: litellm``), when:

    - the id is not the model's own id in another spelling (``accounts/fireworks/models/x`` is
      x): a listed id that is, prices the model itself, where the two sources may just disagree;
    - LiteLLM prices the model's own id (in some spelling, at the same provider) at the model's
      current input and output price: both sources agree on the group;
    - LiteLLM prices the listed id (every spelling alike) at another input or output price.

    Ids where both sources agree stay in the group; so does an id with a long-context price
    (``..._above_200k_tokens``), which this rule does not carry. Returns one line per split."""
    raw = json.loads((reference / LITELLM_FILE).read_text(encoding="utf-8"))
    theirs = {name.lower(): entry for name, entry in sorted(raw.items())}
    done: list[str] = []
    for provider in catalog["providers"]:
        pid = provider["id"]
        models: list[dict[str, Any]] = []
        for model in provider["models"]:
            models.append(model)
            own = model["id"].lower()
            current = max(model["prices"], key=lambda r: r["start_date"] or "")
            if "input_mtok" not in current or "output_mtok" not in current:
                continue
            group = (_base_of(current["input_mtok"]), _base_of(current["output_mtok"]))
            listed = [n for n in _equals_of(model["match"]) if n != own and "or" in model["match"]]
            spellings = [own] + [n for n in listed if n.rsplit("/", 1)[-1] == own]
            base = [e for n in spellings for _, e in _litellm_entries(theirs, pid, n)]
            if not base or any(_standard(e) != group for e in base):
                continue  # LiteLLM does not confirm the group's own price: no basis to split
            for name in listed:
                if name in spellings:
                    continue
                found = _litellm_entries(theirs, pid, name)
                prices = {json.dumps(_standard(e), default=str) for _, e in found}
                if len(prices) != 1 or _standard(found[0][1]) == group:
                    continue
                key, entry = found[0]
                if any("_above_" in k and "cost_per_token" in k for k in entry):
                    continue
                row: dict[str, Any] = {"start_date": None}
                for ours, theirs_key in _SNAPSHOT_KEYS:
                    if isinstance(entry.get(theirs_key), int | float):
                        row[ours] = format(_mtok(entry[theirs_key]), "f")
                models.append(
                    {
                        "id": name,
                        "match": {"equals": name},
                        "name": name,
                        "price_source": "litellm",
                        "prices": [row],
                        "split_from": model["id"],
                    }
                )
                model["match"] = _without(model["match"], name)
                done.append(
                    f"{pid}/{name}: own model at ${row['input_mtok']}/${row['output_mtok']} "
                    f"(LiteLLM {key}), was {model['id']} at ${group[0]:f}/${group[1]:f}"
                )
        provider["models"] = models
    return done


def _equals_of(rule: dict[str, Any]) -> list[str]:
    ((op, arg),) = rule.items()
    if op == "or":
        return [n for r in arg for n in _equals_of(r)]
    return [arg] if op == "equals" else []


def _without(rule: dict[str, Any], name: str) -> dict[str, Any]:
    """``rule`` no longer listing ``name`` (an ``or`` of one clause becomes that clause)."""
    ((op, arg),) = rule.items()
    if op != "or":
        return rule
    kept = [_without(r, name) for r in arg if r != {"equals": name}]
    return kept[0] if len(kept) == 1 else {"or": kept}


def _litellm_source(reference: Path) -> str:
    for line in (reference / "litellm-model-prices" / "SOURCE.txt").read_text().splitlines():
        if line.startswith("Copied from:"):
            return line.partition(":")[2].strip()
    raise SystemExit("litellm-model-prices/SOURCE.txt: no 'Copied from:' line")


def _source_commit(reference: Path) -> str:
    for line in (reference / "genai-prices" / "SOURCE.txt").read_text().splitlines():
        if line.startswith("Commit:"):
            return line.split()[1]
    raise SystemExit("genai-prices/SOURCE.txt: no Commit: line")


def build(reference: Path, version: str = VERSION) -> dict[str, Any]:
    data = json.loads((reference / "genai-prices" / "data.v2.json").read_text(encoding="utf-8"))
    providers = [_provider(p) for p in data if not p["id"].startswith("huggingface_")]
    known = {p["id"] for p in providers}
    for pid in (*SEARCH_ORDER, *PROVIDER_ALIASES.values()):
        if pid not in known:
            raise SystemExit(f"provider {pid!r} is not in genai-prices; update the build script")
    catalog = {
        "$schema": "../schema/model-catalog.schema.json",
        "build": BUILD,
        "catalog": "llm",
        "currency": "USD",
        "description": (
            "LLM API list prices in USD per 1M tokens (input, output, cache read, cache write) "
            "and per 1,000 requests, with each model's price history (start dates). Audio, "
            "image and video tokens, web-search fees and off-peak prices are not included."
        ),
        "name_patterns": dict(sorted(NAME_PATTERNS.items())),
        "price_unit": "USD per 1M tokens; requests_kcount: USD per 1,000 requests",
        "provider_aliases": dict(sorted(PROVIDER_ALIASES.items())),
        "providers": sorted(providers, key=lambda p: p["id"]),
        "search_order": list(SEARCH_ORDER),
        "sources": {
            "genai-prices": {
                "title": "pydantic/genai-prices, prices/new_data/v2/data.json",
                "url": "https://github.com/pydantic/genai-prices",
                "commit": _source_commit(reference),
                "licence": "MIT, Copyright (c) Pydantic Services Inc. 2025 to present",
                "retrieved": RETRIEVED,
            },
        },
        "version": version,
    }
    if version >= TIERS_FROM:
        title = "service-tier prices (batch, flex, priority) only"
        if version >= SNAPSHOTS_FROM:
            split_snapshots(reference, catalog)
            title = (
                "service-tier prices (batch, flex, priority), and the prices of the models "
                "marked price_source: litellm"
            )
        catalog["sources"]["litellm"] = {
            "title": f"BerriAI/litellm model_prices_and_context_window.json: {title}",
            "url": "https://github.com/BerriAI/litellm",
            "commit": _litellm_source(reference),
            "licence": "MIT, Copyright (c) 2023 Berri AI",
            "retrieved": RETRIEVED,
        }
        add_service_tiers(reference, catalog, version)
    return catalog


def render(catalog: dict[str, Any]) -> str:
    return json.dumps(catalog, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def cross_check(reference: Path, catalog: dict[str, Any]) -> list[str]:
    """Models LiteLLM prices whose input or output price differs from the catalog's on VERSION
    (LiteLLM has no history, so a difference may be a price change; a reviewer decides)."""
    sys.path.insert(0, str(ROOT))
    from datetime import date

    from finops_gate.catalogs.llm import build_llm as _build

    ours = _build(VERSION, catalog)
    day = date.fromisoformat(VERSION)
    raw = (reference / "litellm-model-prices" / "model_prices_and_context_window.json").read_text()
    theirs = json.loads(raw)
    out: list[str] = []
    compared = 0
    for name, entry in sorted(theirs.items()):
        if not isinstance(entry, dict) or "input_cost_per_token" not in entry:
            continue
        found = ours.resolve(name)
        if found is None:
            continue
        compared += 1
        price = found.model.price_on(day)
        for side, key in (("input", "input_cost_per_token"), ("output", "output_cost_per_token")):
            mine = getattr(price, side)
            if key not in entry or mine is None:
                continue
            litellm = Decimal(repr(entry[key])) * 1_000_000
            if litellm.normalize() != mine.base.normalize():
                out.append(
                    f"{name}: {side} litellm ${litellm.normalize():f} vs catalog "
                    f"${mine.base:f} ({found.model.provider}/{found.model.id})"
                )
    out.append(f"{compared} LiteLLM models resolved and compared")
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    argv = [a for a in argv if a != "--check"]
    version = VERSION
    if "--version" in argv:
        at = argv.index("--version")
        version = argv[at + 1]
        del argv[at : at + 2]
    reference = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "reference-data"
    catalog = build(reference, version)
    if check:
        print("\n".join(cross_check(reference, catalog)))
        return 0
    try:
        import jsonschema

        schema = json.loads((ROOT / "pricing/schema/model-catalog.schema.json").read_text())
        jsonschema.Draft202012Validator(schema).validate(catalog)
    except ImportError:
        print("jsonschema not installed: catalog not validated", file=sys.stderr)
    target = ROOT / "pricing" / "llm" / f"{version}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(render(catalog), encoding="utf-8")
    tmp.replace(target)
    models = sum(len(p["models"]) for p in catalog["providers"])
    print(
        f"wrote {target.relative_to(ROOT)} ({len(catalog['providers'])} providers, {models} models)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
