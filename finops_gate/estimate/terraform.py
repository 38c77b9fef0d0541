"""Terraform resources -> SideCost: a registry of mappers keyed by resource type.

A mapper is a plain function ``cost_lines(resource, usage) -> list[CostLine]`` in its own small
module; it says *what* to price (names, units, catalog keys, monthly quantities) and never looks
a price up. Types in ``FREE`` cost nothing by themselves; every other unregistered type is
``unsupported`` and listed as such, never shown as $0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from finops_gate.estimate.aws import REGISTRY as AWS_MAPPERS
from finops_gate.estimate.aws import FREE as AWS_FREE
from finops_gate.estimate.catalog import price_catalog
from finops_gate.estimate.lines import price_lines
from finops_gate.estimate.usage import Usage, UsageFile
from finops_gate.model import CostLine, Resource, SideCost, Status

Mapper = Callable[[Resource, Usage], Sequence[CostLine]]

MAPPERS: dict[str, Mapper] = {**AWS_MAPPERS}
FREE: frozenset[str] = AWS_FREE

# provider of a resource type -> pricing catalog name
CATALOGS: dict[str, str] = {"aws": "aws"}


def price_side(resource: Resource, usage_file: UsageFile) -> SideCost:
    """Price one side of a Terraform resource."""
    if resource.kind in FREE:
        return SideCost(Status.FREE, Decimal(0))
    mapper = MAPPERS.get(resource.kind)
    catalog_name = CATALOGS.get(resource.provider)
    if mapper is None or catalog_name is None:
        return SideCost(Status.UNSUPPORTED, None,
                        reason=f"{resource.kind} is not supported yet; its cost is not included")
    usage = usage_file.for_resource(resource.address, resource.kind)
    return price_lines(mapper(resource, usage), price_catalog(catalog_name), resource.region)


def catalogs_used(resources: Sequence[Resource]) -> set[str]:
    return {CATALOGS[r.provider] for r in resources
            if r.provider in CATALOGS and r.kind in MAPPERS}
