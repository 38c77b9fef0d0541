"""The Kubernetes rates in effect: the shipped catalog, adjusted by ``pricing.kubernetes``.

``node_instance_type`` derives the CPU and memory rates from a node's hourly price in a cloud
catalog the way OpenCost splits a node: keep the default CPU:RAM price ratio and scale both so
that the node's vCPUs and GiB add up to its hourly price. ``storage_classes`` sets a price
(USD per GiB-month) per storage class.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from finops_gate.catalogs.price import PriceCatalog, regions_of
from finops_gate.catalogs.store import CatalogSet
from finops_gate.errors import ConfigError
from finops_gate.model import Assumption

CATALOG = "kubernetes"
NODE_CATALOG = "aws"
NODE_REGION = "us-east-1"
_SHAPES = Path(__file__).parent / "data" / "ec2_shapes.json"


@dataclass(frozen=True, slots=True)
class Rates:
    """The catalog Kubernetes workloads are priced from, and what its rates assume."""

    catalog: PriceCatalog
    assumptions: tuple[Assumption, ...] = ()


_MEMO: dict[tuple[object, ...], Rates] = {}


def rates(pricing: Mapping[str, Any], catalogs: CatalogSet) -> Rates:
    node = pricing.get("node_instance_type")
    classes = pricing.get("storage_classes") or {}
    base = catalogs.price_catalog(CATALOG)
    cloud = catalogs.price_catalog(NODE_CATALOG) if isinstance(node, str) else None
    key = (
        base.identity,
        None if cloud is None else cloud.identity,
        node if isinstance(node, str) else None,
        tuple(sorted((str(k), str(v)) for k, v in classes.items())),
    )
    found = _MEMO.get(key)
    if found is None:
        found = _MEMO[key] = _rates(base, cloud, key[2], key[3])
    return found


def _rates(
    base: PriceCatalog,
    cloud: PriceCatalog | None,
    node: str | None,
    classes: tuple[tuple[str, str], ...],
) -> Rates:
    if node is None and not classes:
        return Rates(base)
    prices = dict(base.prices)
    notes: list[Assumption] = []
    if node is not None and cloud is not None:
        cpu, ram, note = _node_split(base, node, cloud)
        prices["kubernetes.cpu"] = _entry(prices["kubernetes.cpu"], cpu, f"node {node}")
        prices["kubernetes.memory"] = _entry(prices["kubernetes.memory"], ram, f"node {node}")
        notes.append(note)
    for cls, price in classes:
        prices[f"kubernetes.storage_class.{cls}"] = {
            "unit": "GiB-months",
            "source": "config",
            "regions": {"*": str(Decimal(price))},
        }
        notes.append(
            Assumption(
                "kubernetes",
                f"storage class {cls}",
                f"${price} per GiB-month",
                "pricing.kubernetes.storage_classes",
            )
        )
    return Rates(replace(base, prices=prices, regions=regions_of(prices)), tuple(notes))


def _node_split(
    base: PriceCatalog, node: str, cloud: PriceCatalog
) -> tuple[Decimal, Decimal, Assumption]:
    shape = shapes().get(node)
    hourly = cloud.price(f"ec2.instance.{node}", NODE_REGION)
    if shape is None or hourly is None:
        raise ConfigError(
            f"pricing.kubernetes.node_instance_type: {node!r} is not an EC2 instance type in "
            f"the {NODE_CATALOG} catalog {cloud.version} ({NODE_REGION}); check the spelling"
        )
    vcpus, gib = shape
    cpu_default = base.price("kubernetes.cpu", None)
    ram_default = base.price("kubernetes.memory", None)
    assert cpu_default is not None and ram_default is not None
    ratio = cpu_default / ram_default
    ram = hourly / (vcpus * ratio + gib)
    cpu = ram * ratio
    note = Assumption(
        "kubernetes",
        "cpu and memory rates",
        f"{node} at ${hourly}/h ({vcpus} vCPU, {gib} GiB, {NODE_CATALOG} {cloud.version} "
        f"{NODE_REGION}): ${cpu:.6f} per vCPU-hour, ${ram:.6f} per GiB-hour",
        "pricing.kubernetes.node_instance_type",
    )
    return cpu, ram, note


def _entry(old: Mapping[str, Any], price: Decimal, source: str) -> dict[str, Any]:
    return {"unit": old["unit"], "source": source, "regions": {"*": str(price)}}


@functools.cache
def shapes() -> dict[str, tuple[Decimal, Decimal]]:
    """EC2 instance type -> (vCPUs, GiB of memory), from moto's table (Apache-2.0)."""
    data = json.loads(_SHAPES.read_text(encoding="utf-8"))
    return {name: (Decimal(v[0]), Decimal(v[1]) / 1024) for name, v in data["types"].items()}


_DERIVED: dict[tuple[int, str, Decimal], tuple[PriceCatalog, PriceCatalog]] = {}


def with_price(catalog: PriceCatalog, key: str, price: Decimal, source: str) -> PriceCatalog:
    """``catalog`` plus one derived rate (a GPU-hour by accelerator), same name and version."""
    slot = (id(catalog), key, price)
    cached = _DERIVED.get(slot)
    if cached is not None and cached[0] is catalog:
        return cached[1]
    prices = dict(catalog.prices)
    unit = catalog.unit("kubernetes.gpu") or "GPU-hours"
    prices[key] = {"unit": unit, "source": source, "regions": {"*": str(price)}}
    derived = replace(catalog, prices=prices)
    _DERIVED[slot] = (catalog, derived)
    return derived
