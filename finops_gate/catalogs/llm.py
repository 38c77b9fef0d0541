"""The LLM model catalog (``pricing/llm/<date>.json``): resolve a model name, read its price.

A model name as written in a config ("gpt-4o-2024-08-06", "openai/gpt-4o-mini",
"bedrock/us.anthropic.claude-3-5-sonnet-20240620-v1:0", "vertex_ai/gemini-1.5-pro") resolves
to one catalog model: the provider prefix (or a provider hint from the config) picks the
provider, else providers are searched in the catalog's ``search_order``; inside a provider the
most specific match rule wins (an exact alias before a prefix, a longer prefix before a shorter).
Prices are a history; the entry in force on a date is the last one started on or before it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

CATALOG = "llm"
PER_MTOK = Decimal(1_000_000)


@dataclass(frozen=True, slots=True)
class Price:
    """USD per 1M tokens; ``tiers`` are (start, price) cliffs on the request's input tokens."""

    base: Decimal
    tiers: tuple[tuple[int, Decimal], ...] = ()

    def at(self, input_tokens: Decimal) -> Decimal:
        """The rate for a request with ``input_tokens``: above a tier's start, all pay its rate."""
        rate = self.base
        for start, price in self.tiers:
            if input_tokens > start:
                rate = price
        return rate


@dataclass(frozen=True, slots=True)
class TierPrice:
    """The same model on another service tier (``batch``, ``flex``, ``priority``): USD per 1M
    tokens, with the same input-token cliffs as the standard price where the source prices
    them; without a cache-read price, cached input pays the tier's input price. ``up_to``: the
    tier's price is known only for requests of at most that many input tokens (the source has
    no price for the standard price's cliff above it)."""

    input: Price
    output: Price
    cache_read: Price | None = None
    up_to: int | None = None


@dataclass(frozen=True, slots=True)
class PriceEntry:
    """A model's prices from ``start_date`` on (None: the modality has no price)."""

    start_date: date | None
    input: Price | None
    output: Price | None
    cache_read: Price | None
    cache_write: Price | None
    per_kilo_requests: Price | None
    service_tiers: tuple[tuple[str, TierPrice], ...] = ()

    def tier(self, name: str) -> TierPrice | None:
        """The price on service tier ``name``, or None when the catalog has none."""
        return next((price for tier, price in self.service_tiers if tier == name), None)


@dataclass(frozen=True, slots=True)
class Model:
    """One model of one provider in the model catalog, with its price history."""

    provider: str
    provider_name: str
    id: str
    name: str
    history: tuple[PriceEntry, ...]
    deprecated: bool = False

    def price_on(self, day: date) -> PriceEntry:
        """The price in force on ``day`` (the first entry if none had started yet)."""
        current = self.history[0]
        for entry in self.history:
            if entry.start_date is None or entry.start_date <= day:
                current = entry
        return current

    @property
    def has_history(self) -> bool:
        return len(self.history) > 1


# prefixes that route a call through a client library to the provider written after them
_ROUTERS = frozenset({"litellm", "any-llm", "any_llm"})
# provider prefixes client libraries write that no catalog alias lists: pydantic-ai's
# "openai-responses:" and "openai-chat:" (two APIs of OpenAI, one price), "google-gla:" (the
# Gemini API), "google-vertex:" and "grok:" (xAI); LangChain's "google_genai" written with a hyphen
_LIBRARY_PROVIDERS = {
    "openai-responses": "openai",
    "openai-chat": "openai",
    "google-gla": "google",
    "google-vertex": "google",
    "google-genai": "google",
    "grok": "x-ai",
}


@dataclass(frozen=True, slots=True)
class Resolution:
    """A model name as written, the catalog model it names, and how it was resolved."""

    model: Model
    written: str  # the name as written in the config
    via: str  # how it resolved: "alias", "prefix openai/", "provider hint azure", ...


def _price(value: Any) -> Price | None:
    if value is None:
        return None
    if isinstance(value, dict):
        tiers = tuple((int(t["start"]), Decimal(t["price"])) for t in value["tiers"])
        return Price(Decimal(value["base"]), tuple(sorted(tiers)))
    return Price(Decimal(value))


def _required(value: Any) -> Price:
    found = _price(value)
    if found is None:
        raise ValueError("a service tier needs input and output prices")
    return found


def _entry(raw: Mapping[str, Any]) -> PriceEntry:
    start = raw.get("start_date")
    return PriceEntry(
        start_date=None if start is None else date.fromisoformat(start),
        input=_price(raw.get("input_mtok")),
        output=_price(raw.get("output_mtok")),
        cache_read=_price(raw.get("cache_read_mtok")),
        cache_write=_price(raw.get("cache_write_mtok")),
        per_kilo_requests=_price(raw.get("requests_kcount")),
        service_tiers=tuple(
            (
                name,
                TierPrice(
                    _required(t["input_mtok"]),
                    _required(t["output_mtok"]),
                    _price(t.get("cache_read_mtok")),
                    t.get("up_to_tokens"),
                ),
            )
            for name, t in sorted((raw.get("service_tiers") or {}).items())
        ),
    )


@functools.cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _score(rule: Mapping[str, Any], name: str) -> tuple[int, int] | None:
    """How specifically ``rule`` matches ``name`` (higher is better), or None."""
    ((op, arg),) = rule.items()
    if op == "or":
        scores = [s for s in (_score(r, name) for r in arg) if s is not None]
        return max(scores) if scores else None
    if op == "and":
        found = [_score(r, name) for r in arg]
        both = [s for s in found if s is not None]
        return max(both) if len(both) == len(found) and both else None
    if op == "equals":
        return (3, len(arg)) if name == arg else None
    if op == "starts_with":
        return (2, len(arg)) if name.startswith(arg) else None
    if op == "ends_with":
        return (1, len(arg)) if name.endswith(arg) else None
    if op == "contains":
        return (1, len(arg)) if arg in name else None
    if op == "regex":
        return (2, len(arg)) if _regex(arg).search(name) else None
    return None


def _loose_args(rule: Mapping[str, Any], name: str) -> list[str]:
    """The prefix / substring / suffix arguments of ``rule`` that match ``name``."""
    ((op, arg),) = rule.items()
    if op in ("or", "and"):
        return [a for r in arg for a in _loose_args(r, name)]
    if op in ("starts_with", "contains", "ends_with") and _score(rule, name) is not None:
        return [arg]
    return []


def _equals(rule: Mapping[str, Any]) -> list[str]:
    ((op, arg),) = rule.items()
    if op in ("or", "and"):
        return [name for r in arg for name in _equals(r)]
    return [arg] if op == "equals" else []


_GRAM = 3  # rules are indexed by the first three characters of the literal each needs


def _needles(rule: Mapping[str, Any]) -> list[str] | None:
    """Literal strings one of which a name must contain for ``rule`` to match it; None when
    that cannot be said (a regex)."""
    ((op, arg),) = rule.items()
    if op == "or":
        found = [_needles(r) for r in arg]
        return None if any(f is None for f in found) else [n for f in found if f for n in f]
    if op == "and":  # every branch must match: the needles of any one are needed
        known = [f for f in (_needles(r) for r in arg) if f is not None]
        return min(known, key=len) if known else None
    if op in ("equals", "starts_with", "ends_with", "contains"):
        return [str(arg).lower()]
    return None


def _rule_index(
    models: Sequence[tuple[Mapping[str, Any], Model]],
) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Rules by the first trigram of each literal they need, and the rules to try always."""
    grams: dict[str, list[int]] = {}
    always: list[int] = []
    for i, (rule, _) in enumerate(models):
        needles = _needles(rule)
        if needles is None or any(len(n) < _GRAM for n in needles):
            always.append(i)
            continue
        for gram in {n[:_GRAM] for n in needles}:
            grams.setdefault(gram, []).append(i)
    return {g: tuple(v) for g, v in grams.items()}, tuple(always)


@dataclass(frozen=True, slots=True)
class _Provider:
    """One provider of the model catalog: its models, match rules and fallbacks."""

    id: str
    name: str
    model_match: Mapping[str, Any] | None
    fallbacks: tuple[str, ...]
    models: tuple[tuple[Mapping[str, Any], Model], ...]
    # rules indexed by trigram (``_rule_index``): a name is scored against the few rules whose
    # literal it contains, not every rule of the provider (an unknown name costs microseconds)
    grams: Mapping[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    always: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not self.grams and not self.always:
            grams, always = _rule_index(self.models)
            object.__setattr__(self, "grams", grams)
            object.__setattr__(self, "always", always)

    def _rules(self, name: str) -> list[int]:
        """The rules that can match ``name``, in catalog order (ties go to the first)."""
        found = set(self.always)
        for i in range(len(name) - _GRAM + 1):
            found.update(self.grams.get(name[i : i + _GRAM], ()))
        return sorted(found)

    def find(self, name: str) -> Model | None:
        best: tuple[tuple[int, int], Model] | None = None
        for index in self._rules(name):
            rule, model = self.models[index]
            score = _score(rule, name)
            if score is None or (best is not None and score <= best[0]):
                continue
            if score[0] < 3 and (
                version_clash(name, model.id)
                or any(version_clash(name, a, family=True) for a in _loose_args(rule, name))
            ):
                continue  # a loose rule reaching a neighbour: titan-embed-text-v2 is not v1,
                # claude-sonnet-4-5 is not "contains claude-sonnet-4"
            best = (score, model)
        return None if best is None else best[1]


_VERSION_STEP = re.compile(r"[-.:]?v?(\d{1,2}(?:[.-]\d{1,2})*)(?![\d])")


def version_clash(name: str, model_id: str, *, family: bool = False) -> bool:
    """Whether ``name`` names another version of ``model_id``: where the two part, both go on
    with a different short version number (``-v2`` / ``-v1``, ``.1`` / end of id, ``4-5`` /
    ``4-0``); dates and snapshot suffixes (``-20240620``, ``-002``) are not versions.
    ``family``: ``model_id`` is a match rule's prefix, which clashes only where it carries a
    version of its own ("contains claude-sonnet-4" does not reach claude-sonnet-4-5)."""
    mid = model_id.lower()
    start = -1
    for k in range(len(mid), 2, -1):
        start = name.find(mid[:k])
        if start >= 0:
            break
    if start < 0:
        return False
    i = 0
    rest = name[start:]
    while i < len(rest) and i < len(mid) and rest[i] == mid[i]:
        i += 1
    while i > 0 and (rest[i - 1].isdigit() or rest[i - 1] == "v"):
        i -= 1  # compare whole numbers: "4-5" vs "4-0" part at the digit, "v12" vs "v1" too
    ours, theirs = _VERSION_STEP.match(rest, i), _VERSION_STEP.match(mid, i)
    if ours is None:
        return False
    if theirs is None:
        if family:  # a rule's prefix ("amazon.nova-pro") names a family: any version is in it
            return False
        return i >= len(mid) or not mid[i].isalnum()  # gpt-4.1 is not gpt-4; gpt-4o is gpt-4o
    return _plain_version(ours.group(1)) != _plain_version(theirs.group(1))


def _plain_version(text: str) -> str:
    """``4-0`` is ``4``; ``3.1`` is ``3-1``."""
    parts = re.split(r"[.-]", text)
    while len(parts) > 1 and parts[-1] in ("0", "00"):
        parts.pop()
    return "-".join(parts)


@dataclass(frozen=True, slots=True)
class LlmCatalog:
    """The model catalog in force: providers, aliases and the order names are tried in."""

    version: str
    providers: Mapping[str, _Provider]
    aliases: Mapping[str, str]
    search_order: tuple[str, ...]
    name_patterns: tuple[tuple[str, re.Pattern[str]], ...] = ()
    _memo: dict[tuple[str, str | None], Resolution | None] = field(
        default_factory=dict, compare=False, repr=False
    )
    _names: list[str] = field(default_factory=list, compare=False, repr=False)
    _suggested: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def provider_id(self, name: str | None) -> str | None:
        """A provider prefix or hint ("bedrock", "vertex_ai", "Azure") -> provider id."""
        if not name:
            return None
        key = name.strip().lower()
        found = self.aliases.get(key) or (key if key in self.providers else None)
        if found is None and (library := _LIBRARY_PROVIDERS.get(key)) in self.providers:
            found = library
        return found

    def resolve(self, written: str, *, provider_hint: str | None = None) -> Resolution | None:
        """The catalog model ``written`` names, or None when it names none we know."""
        key = (written, provider_hint)
        if key not in self._memo:
            self._memo[key] = self._resolve(written, provider_hint)
        return self._memo[key]

    def _resolve(self, written: str, provider_hint: str | None) -> Resolution | None:
        name = written.strip().lower()
        if not name or len(name) > 200:
            return None
        if name.startswith("models/") and "/" not in name[7:]:
            # the Gemini API's resource name ("models/gemini-2.5-flash"): the model's own name,
            # in Google's catalog
            found = self._in_provider(self.provider_id("google") or "google", name[7:])
            if found is not None:
                return Resolution(found, written, "prefix models/")
        prefix, sep, rest = name.partition("/")
        if sep and prefix in _ROUTERS:
            # a client library's routing prefix (the OpenAI Agents SDK's "litellm/openai/x",
            # "any-llm/openrouter/openai/x"): the library calls the provider named after it,
            # at that provider's price
            inner = self._resolve(rest, provider_hint)
            return None if inner is None else replace(inner, written=written)
        if sep:
            pid = self.provider_id(prefix)
            if pid is not None:
                # "bedrock/converse/x", "openrouter/anthropic/claude-x": try what follows too
                found = self._in_provider(pid, rest) or self._nested(pid, rest)
                return None if found is None else Resolution(found, written, f"prefix {prefix}/")
        else:
            # LangChain's init_chat_model and pydantic-ai write "provider:model"
            # ("openai:gpt-4o", "google_genai:gemini-2.0-flash"); a Bedrock id's own ":0" and
            # Ollama's "llama3:8b" name no provider before the colon
            prefix, sep, rest = name.partition(":")
            pid = self.provider_id(prefix) if sep else None
            if pid is not None:
                found = self._in_provider(pid, rest) or self._nested(pid, rest)
                if found is not None:
                    return Resolution(found, written, f"prefix {prefix}:")
        hint = self.provider_id(provider_hint)
        if hint is not None:
            found = self._in_provider(hint, name)
            if found is not None:
                return Resolution(found, written, f"provider {hint}")
        for pid in self._candidates(name):
            found = self._in_provider(pid, name)
            if found is not None:
                return Resolution(found, written, "alias" if found.id != name else "id")
        return None

    def suggest(self, written: str) -> str | None:
        """The closest known model name, for an error message ("did you mean gpt-4o-mini?")."""
        import difflib

        wanted = written.strip().lower()
        if wanted in self._suggested:
            return self._suggested[wanted]
        if not self._names:
            self._names.extend(
                sorted(
                    {
                        name
                        for pid in self.search_order
                        for rule, model in self.providers[pid].models
                        for name in (model.id, *_equals(rule))
                    }
                )
            )
        # difflib's ratio is at most 2 x the shorter length / both lengths: a name too short or
        # too long for the cutoff is not compared (same answer, a fraction of the work)
        size = len(wanted)
        near = [n for n in self._names if 2 * min(size, len(n)) >= 0.8 * (size + len(n))]
        # never suggest another version of the model (v2 is not v1): that would be a price
        # for a different model
        found = [
            n
            for n in difflib.get_close_matches(wanted, near, n=5, cutoff=0.8)
            if not version_clash(wanted, n)
        ]
        if len(self._suggested) < 4096:
            self._suggested[wanted] = found[0] if found else None
        return found[0] if found else None

    def _nested(self, pid: str, rest: str) -> Model | None:
        head, sep, tail = rest.partition("/")
        if not sep:
            return None
        inner = self.provider_id(head)
        if inner is not None:
            return self._in_provider(pid, tail) or self._in_provider(inner, tail)
        return self._in_provider(pid, tail)

    def _candidates(self, name: str) -> list[str]:
        # a provider whose own match rule claims the name goes first ("gpt-" -> openai)
        shaped = [pid for pid, pattern in self.name_patterns if pattern.search(name)]
        claimed = shaped + [
            pid
            for pid in self.search_order
            if (p := self.providers[pid]).model_match is not None
            and _score(p.model_match, name) is not None
            and pid not in shaped
        ]
        return claimed + [pid for pid in self.search_order if pid not in claimed]

    def _in_provider(self, pid: str, name: str, *, depth: int = 0) -> Model | None:
        provider = self.providers.get(pid)
        if provider is None:
            return None
        found = provider.find(name)
        if found is None and depth == 0:
            for fallback in provider.fallbacks:
                found = self._in_provider(fallback, name, depth=1)
                if found is not None:
                    break
        return found


def build_llm(version: str, data: Mapping[str, Any]) -> LlmCatalog:
    """The model catalog from its JSON document (``pricing/llm/<date>.json``)."""
    providers: dict[str, _Provider] = {}
    for raw in data["providers"]:
        models = tuple(
            (
                m["match"],
                Model(
                    provider=raw["id"],
                    provider_name=raw["name"],
                    id=m["id"],
                    name=m.get("name") or m["id"],
                    history=tuple(_entry(e) for e in m["prices"]),
                    deprecated=bool(m.get("deprecated")),
                ),
            )
            for m in raw["models"]
        )
        providers[raw["id"]] = _Provider(
            raw["id"], raw["name"], raw.get("model_match"), tuple(raw["fallback_providers"]), models
        )
    return LlmCatalog(
        version=version,
        providers=providers,
        aliases=dict(data["provider_aliases"]),
        search_order=tuple(data["search_order"]),
        name_patterns=tuple(
            (pid, re.compile(rx)) for pid, rx in sorted(data.get("name_patterns", {}).items())
        ),
    )


def known_providers(catalog: LlmCatalog) -> Sequence[str]:
    return sorted(catalog.aliases)
