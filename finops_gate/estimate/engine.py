"""Price every change: each side goes to the pricer of its domain, chosen by what the resource
IS (its provider and kind), never by which reader found it.

Domains (``REGISTRY``):

``resource_type``  cloud resource types (``aws_*``, ``azurerm_*``, ``google_*``; every other
                   provider's type is listed as unsupported there): the mapper registry of
                   ``estimate/terraform.py``. A second IaC reader (CloudFormation, Pulumi) that
                   emits the same types and attribute names prices through the same mappers.
``kubernetes``     Kubernetes API kinds (``Deployment``, ``PersistentVolumeClaim``, custom kinds).
                   The Terraform provider's own types (``kubernetes_deployment``) are resource
                   types, not API kinds.
``llm``            AI-model settings (``llm_model``), priced per request and per month.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from types import ModuleType

from finops_gate.config import Settings
from finops_gate.frozen import maker
from finops_gate.model import (
    KUBERNETES,
    LLM,
    RESOURCE_TYPE,
    CostDelta,
    Resource,
    ResourceChange,
    SideCost,
    Status,
    domain,
)

Pricer = Callable[[Resource, Settings], SideCost]
MAKE_FROM = 1000  # changes from which the deltas are made by ``frozen.maker``


# Each domain's pricer is imported on its first resource (start-up: a plan of cloud resources
# never loads the Kubernetes or model pricers, their rate tables and regexes, nor the mappers).
def _price_resource_type(resource: Resource, settings: Settings) -> SideCost:
    if resource.kind in _DEPLOYMENTS:  # a model deployment: per token, like a model setting
        from finops_gate.estimate import models

        return models.price_deployment(resource, settings)
    price: Callable[..., SideCost] = _terraform().price_side
    return price(resource, settings.terraform_usage, settings.catalogs)


# estimate.models.DEPLOYMENT_KINDS (a test holds them equal): that module is imported only
# when a run holds one
_DEPLOYMENTS = frozenset({"azurerm_cognitive_deployment", "aws_bedrockagent_agent"})


@functools.cache
def _terraform() -> ModuleType:
    # (once: an import statement runs importlib's fromlist handling on every call, and this
    # one is called for both sides of every cloud resource)
    from finops_gate.estimate import terraform

    return terraform


def _price_kubernetes(resource: Resource, settings: Settings) -> SideCost:
    from finops_gate.estimate import kubernetes

    return kubernetes.price_side(resource, settings)


def _price_llm(resource: Resource, settings: Settings) -> SideCost:
    from finops_gate.estimate import models

    return models.price_side(resource, settings)


# keyed by ``model.domain``: the one predicate every stage asks
REGISTRY: dict[str, Pricer] = {
    KUBERNETES: _price_kubernetes,
    LLM: _price_llm,
    RESOURCE_TYPE: _price_resource_type,
}


# No single resource costs this much a month (or per request): a larger figure comes from an
# absurd size or count in the input, and is refused rather than totalled.
ABSURD = Decimal(10) ** 10


def admit(resources: Iterable[Resource], settings: Settings) -> list[Resource]:
    """The resources of a source that their pricing domain takes for what they may be. Sources
    decide by shape; an AI-model candidate found by its key alone (``model: User``) is a model
    setting only if the catalog knows its name, which this stage alone reads."""
    kept: list[Resource] = []
    for r in resources:
        if domain(r) != LLM:
            kept.append(r)
            continue
        from finops_gate.estimate import models  # with the first AI-model setting (start-up)

        if models.is_setting(r, settings):
            kept.append(r)
    return kept


def price_side(resource: Resource, settings: Settings) -> SideCost:
    return _bounded(REGISTRY[domain(resource)](resource, settings))


# sides found within bounds, by identity (each kept beside its id): a large plan's sides are
# mostly a few shared values (estimate/terraform.py), checked once each
_WITHIN: dict[int, SideCost] = {}
_WITHIN_MAX = 50_000


def _bounded(side: SideCost) -> SideCost:
    """A side whose quantities are negative or whose cost is absurd is unpriced with the
    reason: money in a report is never negative (except as a delta), never beyond reason."""
    if _WITHIN.get(id(side)) is side:
        return side
    for line in side.lines:
        for value in (line.monthly_quantity, line.monthly_cost):
            if value is not None and value.is_nan():
                why = f"{line.name}: not a number; fix the size, count or usage it comes from"
                return SideCost(
                    Status.UNPRICED, None, reason=why, catalog=side.catalog, notes=side.notes
                )
            if value is not None and value < 0:
                why = (
                    f"{line.name}: {line.monthly_quantity} {line.unit} a month is negative; "
                    "a size, count or usage cannot be: fix it"
                )
                return SideCost(
                    Status.UNPRICED, None, reason=why, catalog=side.catalog, notes=side.notes
                )
    for what, value in (("a month", side.monthly), ("per request", side.per_request_worst),
                        ("per request", side.per_request)):  # fmt: skip
        if value is not None and (value.is_nan() or abs(value) > ABSURD or value < 0):
            amount = f"${value:.3e}" if value.is_finite() else "an infinite amount"
            if value.is_nan():
                why = f"the cost {what} is not a number: a size, count or usage is not; fix it"
            elif value >= 0:
                why = (
                    f"{amount} {what} is beyond what any resource costs: a size or count in "
                    "the input is absurd; fix it"
                )
            else:
                why = f"{amount} {what} is negative: a size, count or usage is; fix it"
            return SideCost(
                Status.UNPRICED, None, reason=why, catalog=side.catalog, notes=side.notes
            )
    if len(_WITHIN) >= _WITHIN_MAX:
        _WITHIN.clear()
    _WITHIN[id(side)] = side
    return side


def _usage_key(resource: Resource, settings: Settings) -> str | None:
    """The config key of usage written for exactly this address (not a glob), if any."""
    kind = domain(resource)
    if kind == RESOURCE_TYPE and resource.address in settings.terraform_usage.by_address:
        return f"usage.terraform.resource_usage.{resource.address}"
    if kind != KUBERNETES:
        return None
    workloads = settings.section("usage", "kubernetes").get("workloads") or {}
    if resource.address in workloads:
        return f'usage.kubernetes.workloads."{resource.address}"'
    return None


def _unbound_usage(deltas: list[CostDelta], settings: Settings) -> list[CostDelta]:
    """A deleted resource whose usage was written for its address, beside a created one of the
    same type and project that has none: maybe a rename the change does not declare (no
    ``moved`` block). The create is priced without that usage, so the report says so instead
    of letting the usage silently vanish (and fake a saving)."""
    if not settings.terraform_usage.by_address and not (
        settings.section("usage", "kubernetes").get("workloads")
    ):
        return deltas  # (no usage written for an address: ``_usage_key`` is None for all)
    orphans: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for d in deltas:
        b = d.change.before
        if d.change.after is None and b is not None and (key := _usage_key(b, settings)):
            orphans.setdefault((b.source, b.kind, b.project or ""), []).append((b.address, key))
    if not orphans:
        return deltas
    out = []
    for d in deltas:
        a = d.change.after
        lost = orphans.get((a.source, a.kind, a.project or "")) if a is not None else None
        created = a is not None and d.change.before is None and d.after is not None
        if (
            created
            and lost
            and a is not None
            and d.after is not None
            and not _usage_key(a, settings)
        ):
            notes = tuple(
                f"{a.address} is created while {old} (same type, deleted) had usage at "
                f"{key}: it does not apply to {a.address}; if this is a rename, add a moved "
                "block or key the usage by the new address"
                for old, key in lost[:3]
            )
            d = replace(d, after=replace(d.after, notes=(*d.after.notes, *notes)))
        out.append(d)
    return out


_CLOSE_CANDIDATES = 5_000  # addresses of one type a mistyped usage address is compared with


_USAGE_ONLY = "aws_data_transfer."


def unmatched_usage(deltas: Iterable[CostDelta], settings: Settings) -> tuple[str, ...]:
    """Usage written for an address that no resource of the change has, while one of its type
    has a close address: a typo, so that resource is priced without the usage meant for it (its
    lines "depend on usage"). Said with the address meant; an address with nothing close (a
    resource the change does not touch) is not, which is most of a repository's usage file.
    Usage keyed by the bare type of a resource in the change is said too, with where it goes."""
    given = settings.terraform_usage.by_address
    if not given:
        return ()
    from finops_gate.usage import matches

    by_type: dict[str, list[str]] = {}
    seen: set[str] = set()
    for d in deltas:
        for side in (d.change.before, d.change.after):
            if side is not None and side.address not in seen and domain(side) == RESOURCE_TYPE:
                seen.add(side.address)
                by_type.setdefault(side.kind, []).append(side.address)
    out = []
    pseudo = sorted(p for p in given if p.startswith(_USAGE_ONLY))
    if pseudo:
        # Infracost's usage-file-only resource: no Terraform type has it, so no change ever does
        out.append(
            f"usage.terraform.resource_usage: {len(pseudo)} {_USAGE_ONLY}* entr"
            f"{'y' if len(pseudo) == 1 else 'ies'} ({pseudo[0]}...) apply to nothing: Infracost's "
            "usage-only data transfer is not priced by finops-gate, which prices data transfer "
            "on the resources that move it (NAT gateways, load balancers, CloudFront...)"
        )
    for pattern in sorted(given):
        if pattern in seen or pattern.startswith(_USAGE_ONLY):
            continue
        if pattern in by_type:  # a type name where an address goes (Infracost files have some)
            out.append(
                f"usage.terraform.resource_usage.{pattern}: a resource type, not an address, so "
                "its usage applies to nothing; put a type's usage under "
                f"resource_type_default_usage.{pattern}"
            )
            continue
        kind = next((t for t in by_type if f"{t}." in pattern), None)
        if kind is None:
            continue  # (no resource of its type in the change)
        if any(matches(pattern, a) for a in by_type[kind]):
            continue
        import difflib  # (only for an address nothing has)

        candidates = by_type[kind][:_CLOSE_CANDIDATES]
        close = difflib.get_close_matches(pattern, candidates, n=1, cutoff=0.8)
        if close:
            out.append(
                f"usage.terraform.resource_usage.{pattern}: no resource of this change has "
                f"that address, so its usage applies to nothing; did you mean {close[0]}?"
            )
    return tuple(out)


def price_changes(changes: Iterable[ResourceChange], settings: Settings) -> list[CostDelta]:
    """Both sides of each change priced; a no-op prices once and reuses it."""
    out: list[CostDelta] = []
    usage, catalogs = settings.terraform_usage, settings.catalogs
    delta: Callable[..., CostDelta] = CostDelta
    if isinstance(changes, list) and len(changes) >= MAKE_FROM:
        delta = maker(CostDelta)  # (the same values, for less than a class call each)
    cloud: Callable[[Resource], SideCost] | None = None
    within, deployments = _WITHIN, _DEPLOYMENTS
    for change in changes:
        # (``price_side`` inlined for cloud resource types, ``domain``'s test included, and
        # ``_bounded``'s lookup of a side found within bounds before: this runs for both sides
        # of every resource of a large plan)
        b, a = change.before, change.after
        if b is None:
            before = None
        elif b.provider != "llm" and b.provider != "kubernetes" and b.kind not in deployments:
            if cloud is None:
                cloud = _terraform().side_pricer(usage, catalogs)
            before = cloud(b)
            if within.get(id(before)) is not before:
                before = _bounded(before)
        else:
            before = price_side(b, settings)
        if a is None:
            after = None
        elif a is b:
            after = before
        elif a.provider != "llm" and a.provider != "kubernetes" and a.kind not in deployments:
            if cloud is None:
                cloud = _terraform().side_pricer(usage, catalogs)
            after = cloud(a)
            if within.get(id(after)) is not after:
                after = _bounded(after)
        else:
            after = price_side(a, settings)
            if before is not None and before.status is Status.SELF_HOSTED:
                before = _api_spend_before(before, after)
        out.append(delta(change, before, after))  # (positional: one per resource)
    _forget()
    return _unbound_usage(out, settings)


_PAID = (Status.PRICED, Status.USAGE_UNKNOWN)


def _api_spend_before(before: SideCost, after: SideCost | None) -> SideCost:
    """A self-hosted model switched to a paid API (``ollama/llama3.1`` -> ``gpt-4-turbo``): the
    base spent $0 per token (its GPU or pod is priced with the Kubernetes/Terraform resources),
    so the API's cost is an increase the totals and thresholds count, never hidden because
    the base had no per-token price. (The reverse switch is never shown as a saving.)"""
    if after is None or after.per_request is None or after.status not in _PAID:
        return before
    return replace(before, monthly=Decimal(0), per_request=Decimal(0))


def _forget() -> None:
    """The caches of shared sides serve one pricing: dropped once it is done, so a whole
    tree's distinct sides, their lines and their keys are not held through the report (only
    the sides the deltas keep stay)."""
    _WITHIN.clear()
    if _terraform.cache_info().currsize:  # (the cloud pricer was loaded)
        _terraform().forget()
