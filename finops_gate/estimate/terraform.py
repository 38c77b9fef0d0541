"""Terraform resources -> SideCost: a registry of mappers keyed by resource type.

A mapper is a plain function ``cost_lines(resource, usage) -> list[CostLine]`` in its own small
module; it says *what* to price (names, units, catalog keys, monthly quantities) and never looks
a price up. Types in ``FREE`` cost nothing by themselves; every other unregistered type is
``unsupported`` and listed as such, never shown as $0.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from finops_gate.catalogs.store import CatalogSet
from finops_gate.estimate import free_list
from finops_gate.estimate.aws import FREE as AWS_FREE
from finops_gate.estimate.aws import REGISTRY as AWS_MAPPERS
from finops_gate.estimate.aws import linked_usage
from finops_gate.estimate.azure import FREE as AZURE_FREE
from finops_gate.estimate.azure import REGISTRY as AZURE_MAPPERS
from finops_gate.estimate.gcp import FREE as GCP_FREE
from finops_gate.estimate.gcp import REGISTRY as GCP_MAPPERS
from finops_gate.estimate.lines import price_lines
from finops_gate.estimate.usage import Usage, UsageFile
from finops_gate.model import (
    MOVED_FROM,
    REGION_FROM,
    Assumption,
    CostLine,
    Resource,
    SideCost,
    Status,
)

Mapper = Callable[[Resource, Usage], Sequence[CostLine]]

MAPPERS: dict[str, Mapper] = {**AWS_MAPPERS, **AZURE_MAPPERS, **GCP_MAPPERS}
FREE: frozenset[str] = (
    AWS_FREE | AZURE_FREE | GCP_FREE | frozenset(free_list.read(free_list.UTILITY))
)

# provider of a resource type -> pricing catalog name
CATALOGS: dict[str, str] = {"aws": "aws", "azurerm": "azure", "google": "gcp", "google-beta": "gcp"}


# What a catalog's prices leave out, said once in the report for every resource priced from it
CATALOG_ASSUMPTIONS: dict[str, Assumption] = {
    "gcp": Assumption(
        "google_*",
        "pricing",
        "list hourly prices; sustained-use and committed-use discounts are not applied",
        "gcp catalog",
    ),
}


def price_side(
    resource: Resource, usage_file: UsageFile, catalogs: CatalogSet | None = None
) -> SideCost:
    """Price one side of a Terraform resource (``catalogs``: default the shipped, newest).

    Rates that change with the date (extended support) read the run's price date
    (``catalogs.as_of``), else the date of the catalog in force."""
    if resource.kind in FREE:
        return SideCost(Status.FREE, Decimal(0), notes=_ignored_on_free(resource, usage_file))
    mapper = MAPPERS.get(resource.kind)
    catalog_name = CATALOGS.get(resource.provider)
    if mapper is None or catalog_name is None:
        return SideCost(
            Status.UNSUPPORTED,
            None,
            reason=f"{resource.kind} is not supported yet; its cost is not included",
        )
    for meta in ("count", "for_each"):
        if meta in resource.unknown:
            return SideCost(
                Status.UNPRICED,
                None,
                reason=f"{meta} is not known from the code; price it from a plan (--plan)",
            )
    moved = resource.attributes.get(MOVED_FROM)
    usage = usage_file.for_resource(
        resource.address, resource.kind, moved_from=moved if isinstance(moved, str) else None
    )
    usage = linked_usage.with_targets(resource, usage, usage_file)
    if resource.region is None:
        return SideCost(
            Status.UNPRICED, None, reason="region unknown (no region in the provider configuration)"
        )
    chosen = catalogs or CatalogSet()
    catalog = chosen.price_catalog(catalog_name)
    usage = replace(usage, on=chosen.as_of or _catalog_day(catalog.version))
    lines = mapper(resource, usage)
    side = price_lines(lines, catalog, resource.region)
    if side.notes:  # a line's note (a fallback taken) names the resource in the report
        side = replace(side, notes=tuple(f"{resource.address}: {n}" for n in side.notes))
    said = CATALOG_ASSUMPTIONS.get(catalog_name)
    if said is not None and side.status in (Status.PRICED, Status.USAGE_UNKNOWN):
        side = replace(side, assumptions=(said,))
    defaults = tuple(
        Assumption(resource.address, line.assumption[0], line.assumption[1], "default")
        for line in lines
        if line.assumption is not None
    )
    if defaults:
        side = replace(side, assumptions=(*side.assumptions, *defaults))
    origin = resource.attributes.get(REGION_FROM)
    if isinstance(origin, str):  # the provider sets no region: say where this one came from
        region_note = Assumption(resource.address, "region", resource.region, origin)
        side = replace(side, assumptions=(*side.assumptions, region_note))
    if not usage.values:
        return side
    return replace(
        side,
        assumptions=(*side.assumptions, *_assumptions(resource.address, usage)),
        notes=(*side.notes, *_ignored(resource, usage)),
    )


def _catalog_day(version: str) -> date | None:
    try:
        return date.fromisoformat(version)
    except ValueError:
        return None


def _assumptions(address: str, usage: Usage) -> tuple[Assumption, ...]:
    """The usage values the mapper read: only those are assumptions the estimate rests on."""
    return tuple(
        Assumption(address, key, _show(value), usage.origins[key])
        for key, value in sorted(usage.values.items())
        if key in usage.read
    )


def _ignored(resource: Resource, usage: Usage) -> tuple[str, ...]:
    """A usage key given for a resource that its mapper never reads: ignored, with a guess."""
    out = []
    for key in sorted(set(usage.values) - usage.read):
        guess = difflib.get_close_matches(key, sorted(usage.read), n=1, cutoff=0.6)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        out.append(
            f"{resource.address}: usage key '{key}' ({usage.origins[key]}) is ignored:"
            f" nothing in the {resource.kind} estimate reads it{hint}"
        )
    return tuple(out)


def _ignored_on_free(resource: Resource, usage_file: UsageFile) -> tuple[str, ...]:
    """Usage written for a type that costs nothing by itself: ignored, except what the resource
    it configures reads (an autoscaling target's ``capacity``: see linked_usage)."""
    if not usage_file.by_address and not usage_file.by_type:
        return ()  # the common case, on the plan's hot path
    given = usage_file.for_resource(resource.address, resource.kind)
    if not given.values:
        return ()
    read_elsewhere = (
        linked_usage.READ_BY_SCALED if resource.kind == linked_usage.TARGET else frozenset()
    )
    return tuple(
        f"{resource.address}: usage key '{key}' ({given.origins[key]}) is ignored:"
        f" {resource.kind} costs nothing by itself"
        for key in sorted(set(given.values) - read_elsewhere)
    )


def _show(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={_show(v)}" for k, v in sorted(value.items()))
    return str(value)


def catalog_for(resource: Resource) -> str | None:
    """The catalog a resource is priced from, if any."""
    if resource.kind in MAPPERS:
        return CATALOGS.get(resource.provider)
    return None
