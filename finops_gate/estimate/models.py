"""Price an AI model setting per request and per month against the LLM catalog.

Per request = uncached input tokens x input price + cached input tokens x cache-read price
+ output tokens x output price (+ a per-request fee where the provider has one), at the price
in force on the report date. Monthly = per request x requests per month. With an output cap
(``max_tokens``...) in the same config block the worst case per request is the cap's worth of
output. Usage comes from ``usage.models.sites`` (keys are addresses or globs; the exact address
wins, then the longest glob), then ``usage.models.default``; every value used is reported with
where it came from. Prices: the provider pages named in ``pricing/llm/<date>.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, cast

from finops_gate.catalogs.llm import PER_MTOK, LlmCatalog, Model, PriceEntry, TierPrice
from finops_gate.config import Settings
from finops_gate.estimate.lines import price_lines
from finops_gate.model import (
    BY_KEY,
    COMPUTED,
    EVIDENCE,
    Assumption,
    CostLine,
    Resource,
    SideCost,
    Status,
)
from finops_gate.usage import merged

USAGE_KEYS = ("requests_per_month", "input_tokens", "output_tokens", "cached_share")
# Used for the per-request figure when the config gives no token counts at all: a short chat
# turn. Reported as an assumption; the monthly figure never uses a made-up request count.
BUILTIN = {"input_tokens": Decimal(1000), "output_tokens": Decimal(500), "cached_share": Decimal(0)}
ALL = "every model setting"  # the subject of a default that applies to all of them
BUILTIN_ORIGIN = "built-in default (set usage.models.default)"
_THOUSAND = Decimal(1000)
# service tiers that are the standard price; the catalog prices batch, flex and priority
STANDARD_TIERS = frozenset({"default", "auto", "standard", "standard_only", "on_demand"})
PRICED_TIERS = frozenset({"batch", "flex", "priority"})


def report_date(settings: Settings) -> date:
    """The price date of the run (``--as-of``, ``pricing.as_of`` or today, decided by the
    caller); without one, the newest price of each model."""
    return settings.catalogs.as_of or date.max


def usage_for(
    address: str,
    settings: Settings,
    *,
    moved_from: str | None = None,
    stream: str | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Usage values for one setting and the config key each came from. A setting that moved
    (``moved_from``: its base address) keeps the usage configured for where it was, unless its
    new address has its own; an entry of a list (``stream``: the list's address) takes the
    list's usage when it has none of its own."""
    section = settings.section("usage", "models")
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, value in (section.get("default") or {}).items():
        values[key], origins[key] = value, "usage.models.default"
    sites: Mapping[str, Mapping[str, Any]] = section.get("sites") or {}
    from_sites, where = merged(sites, address, 'usage.models.sites."{pattern}"')
    if not from_sites and moved_from is not None:
        from_sites, where = merged(sites, moved_from, 'usage.models.sites."{pattern}"')
    if not from_sites and stream is not None:  # the list's own entry: one stream for all
        from_sites, where = merged(sites, stream, 'usage.models.sites."{pattern}"')
    values.update(from_sites)
    origins.update(where)
    return values, origins


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() and number >= 0 else None


def is_setting(resource: Resource, settings: Settings) -> bool:
    """Whether a model-setting candidate of a source is a model setting: the one place that
    asks the catalog. A name the catalog knows always is; a provider's own name (``llm:
    openai``) never is; otherwise the source's evidence decides: a candidate found by its key
    alone (``model: User`` in an ORM config) is not, any other (the value looks like a model,
    an LLM key or block, a self-hosted server) is, and is reported unpriced if unknown."""
    attrs = resource.attributes
    evidence = attrs.get(EVIDENCE)
    name = attrs.get("base_model") or attrs.get("model")
    if evidence is None or name is None:
        return evidence != BY_KEY  # code sites and values set at run time: the source decides
    catalog = settings.catalogs.llm(pricing=False)
    if catalog.resolve(str(name), provider_hint=provider_hint(attrs, catalog)) is not None:
        return True
    return evidence != BY_KEY and catalog.provider_id(str(name)) is None


def provider_hint(attrs: Mapping[str, Any], catalog: LlmCatalog) -> str | None:
    """The provider the config names for the model: the first of its hints the catalog
    knows (a ``provider:`` key, an env prefix ``AZURE_``, a parent key ``azure:``)."""
    hints = attrs.get("provider_hints")
    if not isinstance(hints, list):
        return None
    return next((h for h in hints if isinstance(h, str) and catalog.provider_id(h)), None)


def price_side(resource: Resource, settings: Settings) -> SideCost:
    """One side of a model setting, priced (or unpriced with the reason)."""
    catalog = settings.catalogs.llm()
    used = ("llm", catalog.version)
    attrs = resource.attributes
    written = attrs.get("model")
    quantities = {"model": str(written)} if written else {}
    # the model as written, on every side of a setting: the report's model_before/model_after
    identity = {"model": None if written is None else str(written)}
    listed = attrs.get("listed")
    if isinstance(listed, list) and listed:
        quantities["models listed"] = ", ".join(str(m) for m in listed)
        quantities["priced entry"] = _entry_note(attrs, len(listed))
    stream, size = attrs.get("stream"), attrs.get("stream_size")
    expands = str(attrs.get("model_from", "")).startswith("$") or stream == resource.address
    if (
        isinstance(stream, str)
        and isinstance(size, int)
        and size > 1
        and (attrs.get("language") or expands)
    ):
        # a model constant and the sites it is the model of (or a .env key and the keys that
        # expand it): one setting, one stream
        what = "constant" if attrs.get("language") else "key"
        quantities["one stream of requests"] = (
            f"split over {size} sites: this {what} and {size - 1} using it"
            if stream == resource.address
            else f"split over {size} sites with {stream}"
        )
    callers = attrs.get("callers_relying_on_default")
    if callers:
        # an in-repo wrapper's default: the calls (in its module and others) that switch with it
        elsewhere = attrs.get("callers")
        listed = ""
        if isinstance(elsewhere, list) and elsewhere:
            more = f" and {len(elsewhere) - 5} more" if len(elsewhere) > 5 else ""
            listed = ": " + ", ".join(str(c) for c in elsewhere[:5]) + more
        quantities["calls relying on this default"] = f"{callers}{listed}"
    unpinned = attrs.get("unpinned")
    if unpinned:
        package = attrs.get("package")
        version = attrs.get("package_version")
        if package:
            quantities["library"] = f"{package} {version}" if version else str(package)
        reason = (
            f"relies on the default model of {unpinned}, which a library update can change; "
            "pass the model explicitly to price it"
        )
        return _unpriced(reason, used, quantities, identity)
    if attrs.get("removed"):
        reason = (
            "the setting is no longer a model name this change shows (removed, or now computed "
            "at run time): the application's model is unknown, so the cost is unknown (not a "
            "saving); write the model as a literal"
        )
        return _unpriced(reason, used, quantities, identity)
    hosted = attrs.get("self_hosted")
    if hosted:
        reason = (
            f"self-hosted (served by {hosted}): no per-token price; its cost is the GPU or pod "
            "that serves it, priced with the Kubernetes/Terraform resources"
        )
        return SideCost(
            Status.SELF_HOSTED,
            None,
            reason=reason,
            catalog=used,
            quantities={**quantities, "served by": str(hosted)},
            identity=identity,
        )
    if written is None:
        origin = str(attrs.get("model_from", "a value set at run time"))
        if origin.endswith(COMPUTED):
            reason = (
                f"the model is {origin}: this change does not show which model it is, so the "
                "cost is unknown (not $0); pass a literal or a constant to price it"
            )
        else:
            reason = f"the model comes from {origin}; give a default value to price it"
        return _unpriced(reason, used, quantities, identity)
    priced_name = attrs.get("base_model") or written
    found = catalog.resolve(str(priced_name), provider_hint=provider_hint(attrs, catalog))
    if found is None:
        close = catalog.suggest(str(priced_name))
        hint = f" (did you mean {close}?)" if close else ""
        reason = (
            f"model {priced_name!r} is not in the llm catalog {catalog.version}{hint}; check "
            "the name, or pin a catalog that lists it (pricing.catalogs.llm)"
        )
        return _unpriced(reason, used, quantities, identity)
    return _price(resource, found.model, catalog, settings, quantities, identity)


# Terraform resource types that deploy a model billed per token: priced per request like a
# model setting (``price_deployment``), so a switch in them is gated the same way
DEPLOYMENT_KINDS = frozenset({"azurerm_cognitive_deployment", "aws_bedrockagent_agent"})
_FOUNDATION_ARN = ("foundation-model/", "inference-profile/")


def price_deployment(resource: Resource, settings: Settings) -> SideCost:
    """An Azure OpenAI deployment (``azurerm_cognitive_deployment``: ``model { name }``) or a
    Bedrock agent (``aws_bedrockagent_agent``: ``foundation_model``, an id or its ARN): the
    model it serves, priced per request (usage by the resource's address). A provisioned
    throughput deployment (``sku`` ``*Provisioned*``) is billed by the hour for its units,
    which no catalog here holds: unpriced, with the reason."""
    attrs = resource.attributes
    if resource.kind == "azurerm_cognitive_deployment":
        model, hint = _block(attrs.get("model")).get("name"), "azure"
        sku = _block(attrs.get("sku")).get("name")
        if isinstance(sku, str) and "provisioned" in sku.lower():
            return SideCost(
                Status.UNPRICED,
                None,
                reason=f"sku {sku}: provisioned throughput units are billed by the hour, "
                "not per token; no catalog here holds their rate",
            )
    else:
        model, hint = attrs.get("foundation_model"), "bedrock"
        if isinstance(model, str):
            for marker in _FOUNDATION_ARN:
                model = model.rpartition(marker)[2] if marker in model else model
    if not isinstance(model, str) or not model.strip() or "model" in resource.unknown:
        return SideCost(Status.UNPRICED, None, reason="the model is not known until apply")
    setting = replace(
        resource,
        provider="llm",
        kind="llm_model",
        attributes={"model": model.strip(), "provider_hints": [hint]},
    )
    return price_side(setting, settings)


def _block(value: Any) -> Mapping[str, Any]:
    """A nested block as plans and the ``.tf`` reader give it: a mapping, or a list of one."""
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, Mapping) else {}


def _price(
    resource: Resource,
    model: Model,
    catalog: LlmCatalog,
    settings: Settings,
    quantities: dict[str, str],
    identity: dict[str, str | None],
) -> SideCost:
    used = ("llm", catalog.version)
    day = report_date(settings)
    entry = model.price_on(day)
    label = f"{model.provider_name} {model.id}"
    quantities = {**quantities, "priced as": label}
    effort = resource.attributes.get("reasoning_effort")
    if effort:
        # effort changes how many output tokens a request uses, not the price of a token
        quantities["reasoning effort"] = str(effort)
    tier_name = resource.attributes.get("service_tier")
    tier: TierPrice | None = None
    if tier_name:
        quantities["service tier"] = str(tier_name)
    if tier_name and tier_name not in STANDARD_TIERS:
        tier = entry.tier(str(tier_name))
        if tier is None:
            reason = (
                f"the llm catalog {catalog.version} has no {tier_name!r} service-tier price "
                f"for {label}; priced tiers are {', '.join(sorted(PRICED_TIERS))} where the "
                "provider sells them"
            )
            return _unpriced(reason, used, quantities, identity)
        label = f"{label}, {tier_name}"
    if entry.input is None and entry.output is None and entry.per_kilo_requests is None:
        reason = f"the llm catalog {catalog.version} has no token price for {label}"
        return _unpriced(reason, used, quantities, identity)
    moved = resource.attributes.get("moved_from")
    stream = resource.attributes.get("stream")
    stream = stream if isinstance(stream, str) else None
    size = resource.attributes.get("stream_size")
    size = size if isinstance(size, int) and size > 1 and stream is not None else 1
    values, origins = usage_for(
        resource.address,
        settings,
        moved_from=moved if isinstance(moved, str) else None,
        stream=stream,
    )
    assumptions: list[Assumption] = []

    def get(key: str) -> Decimal | None:
        number = _number(values.get(key))
        if number is not None:
            origin = origins[key]
            subject = resource.address if origin.startswith("usage.models.sites.") else ALL
            if origin.startswith("usage.models.sites.") and origin[20:-1] != resource.address:
                subject = origin[20:-1]  # the glob: one assumption for every setting it matches
            shared = subject != resource.address or resource.address == stream
            if key == "requests_per_month" and size > 1 and shared:
                # a menu (LiteLLM model_list, a list of models), a model constant and the sites
                # it is the model of (a wrapper's default): its sites share one stream; the
                # stream's own entry (the constant's address) is the total, split too
                subject, origin = stream or subject, f"{origin}, split over {size} sites"
                assumptions.append(Assumption(subject, key, f"{values[key]} / {size}", origin))
                return number / size
            assumptions.append(Assumption(subject, key, str(values[key]), origin))
            return number
        fallback = BUILTIN.get(key)
        if fallback is not None and key != "cached_share":
            assumptions.append(Assumption(ALL, key, str(fallback), BUILTIN_ORIGIN))
        return fallback

    requests = get("requests_per_month")
    tokens_in = get("input_tokens") or Decimal(0)
    tokens_out = get("output_tokens") or Decimal(0)
    share = min(get("cached_share") or Decimal(0), Decimal(1))
    configured = resource.attributes.get("max_tokens")
    cap = _cap(resource, None if configured else get("max_output_tokens"))
    if cap is not None and tokens_out > cap:
        tokens_out = cap  # a response cannot be longer than the cap
    if model.has_history:
        assumptions.append(Assumption(ALL, "price date", day.isoformat(), _day_origin(settings)))
    if tier is not None and tier.up_to is not None and tokens_in > tier.up_to:
        reason = (
            f"the llm catalog {catalog.version} prices {label} only for requests of up to "
            f"{tier.up_to:,} input tokens; {tokens_in:,} input tokens is beyond it"
        )
        return replace(
            _unpriced(reason, used, quantities, identity), assumptions=tuple(assumptions)
        )
    rates = _Rates(entry, tokens_in, catalog.version, tier)
    per_request = rates.request(tokens_in, tokens_out, share)
    worst = None if cap is None else rates.request(tokens_in, cap, share)
    if cap is not None:
        quantities["max output tokens"] = str(cap)
    side = replace(
        price_lines(rates.cost_lines(label, requests, tokens_in, tokens_out, share), rates, None),
        per_request=per_request,
        per_request_worst=worst,
        quantities=_held(quantities),
        assumptions=_held(tuple(assumptions)),
        identity=_held(identity),
    )
    if requests is None:
        reason = "requests per month not given: set usage.models.default.requests_per_month"
        return replace(side, status=Status.USAGE_UNKNOWN, reason=reason)
    return side


_V = TypeVar("_V", dict[str, str], dict[str, "str | None"], tuple[Assumption, ...])

# what the settings of a tree say alike (the same model, the same defaults assumed), held once:
# each value kept is never changed once priced. Bounded: emptied when full.
_HELD: dict[Any, Any] = {}
_HELD_MAX = 4096


def _held(value: _V) -> _V:
    """``value``, or an equal one a side priced before holds (a dict of strings or a tuple)."""
    key = (dict, *value.items()) if isinstance(value, dict) else value
    kept = _HELD.get(key)
    if kept is not None:
        return cast(_V, kept)
    if len(_HELD) >= _HELD_MAX:
        _HELD.clear()
    _HELD[key] = value
    return value


def _unpriced(
    reason: str, used: tuple[str, str], quantities: dict[str, str], identity: dict[str, str | None]
) -> SideCost:
    return SideCost(
        Status.UNPRICED, None, reason=reason, catalog=used, quantities=quantities, identity=identity
    )


def _entry_note(attrs: Mapping[str, Any], count: int) -> str:
    if attrs.get("list_rule") == "first":
        return f"the first of {count} (the default one)"
    return f"each of {count}, sharing one stream of requests"


def _day_origin(settings: Settings) -> str:
    return "pricing.as_of" if settings.section("pricing").get("as_of") else "report date"


def _cap(resource: Resource, usage_cap: Decimal | None) -> Decimal | None:
    """The output cap of the config block; else ``max_output_tokens`` from usage. The config's
    cap is the setting's own data (shown with its quantities), not an assumption."""
    configured = resource.attributes.get("max_tokens")
    if isinstance(configured, int) and configured > 0:
        return Decimal(configured)
    return usage_cap if usage_cap is not None and usage_cap > 0 else None


class _Rates:
    """The USD-per-1M-token rates of one model at one request size (tiers are cliffs on input
    tokens), as the catalog ``price_lines`` prices this setting's cost lines against."""

    name = "llm"

    def __init__(
        self, entry: PriceEntry, tokens_in: Decimal, version: str, tier: TierPrice | None = None
    ) -> None:
        self.version = version
        self.input = entry.input.at(tokens_in) if entry.input is not None else None
        self.output = entry.output.at(tokens_in) if entry.output is not None else None
        cache = entry.cache_read.at(tokens_in) if entry.cache_read is not None else None
        if tier is not None:  # another service tier: its own rates; cached input at its
            # input rate unless it has a cache price; cliffs on input tokens as the standard's
            self.input, self.output = tier.input.at(tokens_in), tier.output.at(tokens_in)
            cache = tier.cache_read.at(tokens_in) if tier.cache_read is not None else None
        self.cache = cache if cache is not None else self.input
        self.per_kilo = entry.per_kilo_requests.base if entry.per_kilo_requests else None

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"

    def price(self, key: str, region: str | None) -> Decimal | None:
        return {
            "input": self.input,
            "cached_input": self.cache,
            "output": self.output,
            "requests": self.per_kilo,
        }.get(key)

    def covers(self, region: str | None) -> bool:
        return True  # a model's price is the same in every region

    def missing_region(self, region: str) -> str:
        return f"region {region} is not in {self.label}"

    def missing_price(self, key: str, region: str | None) -> str:
        return f"no price for {key} in {region or 'any region'} ({self.label})"

    def request(self, tokens_in: Decimal, tokens_out: Decimal, share: Decimal) -> Decimal:
        cost = Decimal(0)
        if self.input is not None:
            cost += tokens_in * (1 - share) * self.input
        if self.cache is not None:
            cost += tokens_in * share * self.cache
        if self.output is not None:
            cost += tokens_out * self.output
        cost /= PER_MTOK
        if self.per_kilo is not None:
            cost += self.per_kilo / _THOUSAND
        return cost

    def cost_lines(
        self,
        label: str,
        requests: Decimal | None,
        tokens_in: Decimal,
        tokens_out: Decimal,
        share: Decimal,
    ) -> list[CostLine]:
        """What one month of requests buys, line by line (``None``: requests not given)."""
        rows: list[tuple[str, str, str, Decimal]] = []
        if self.input is not None:
            rows.append(
                (
                    f"Input tokens ({label})",
                    "1M tokens",
                    "input",
                    tokens_in * (1 - share) / PER_MTOK,
                )
            )
        if share > 0 and self.cache is not None:
            rows.append(
                (
                    f"Cached input tokens ({label})",
                    "1M tokens",
                    "cached_input",
                    tokens_in * share / PER_MTOK,
                )
            )
        if self.output is not None:
            rows.append((f"Output tokens ({label})", "1M tokens", "output", tokens_out / PER_MTOK))
        if self.per_kilo is not None:
            rows.append((f"Requests ({label})", "1k requests", "requests", 1 / _THOUSAND))
        if requests is None:
            return [CostLine(n, u, k, None, "requests_per_month") for n, u, k, _ in rows]
        return [CostLine(n, u, k, per_request * requests) for n, u, k, per_request in rows]
