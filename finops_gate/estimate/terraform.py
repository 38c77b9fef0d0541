"""Terraform resources -> SideCost: a registry of mappers keyed by resource type.

A mapper is a plain function ``cost_lines(resource, usage) -> list[CostLine]`` in its own small
module; it says *what* to price (names, units, catalog keys, monthly quantities) and never looks
a price up. Types in ``FREE`` cost nothing by themselves; every other unregistered type is
``unsupported`` and listed as such, never shown as $0.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from typing import Any

from finops_gate.catalogs.price import PriceCatalog
from finops_gate.catalogs.store import CatalogSet
from finops_gate.estimate import shapes
from finops_gate.estimate.lines import price_lines
from finops_gate.estimate.usage import Usage, UsageFile
from finops_gate.model import (
    MOVED_FROM,
    REGION_FROM,
    THIS_RESOURCE,
    UNREAD_MODULE,
    Assumption,
    CostLine,
    Resource,
    SideCost,
    Status,
)

Mapper = Callable[[Resource, Usage], Sequence[CostLine]]


# A cloud's package of mappers (``REGISTRY``) and free list (``FREE``) is imported with its
# first resource: a plan of AWS resources never loads the Azure and Google mappers (start-up).
# Static imports, one function per cloud (tests/test_layers.py reads them).
def _aws() -> Any:
    from finops_gate.estimate import aws

    return aws


def _azure() -> Any:
    from finops_gate.estimate import azure

    return azure


def _gcp() -> Any:
    from finops_gate.estimate import gcp

    return gcp


# prefix of a resource type -> its cloud's package
_CLOUD_PACKAGES: dict[str, Callable[[], Any]] = {"aws": _aws, "azurerm": _azure, "google": _gcp}

# where a reader puts the values of the resources a resource is joined to (the plan reader's
# ``terraform_links.LINK_KEY``, the AWS mappers' ``_common.LINK_KEY``; the same key, tested)
_LINKS = "_related"

# provider of a resource type -> pricing catalog name
CATALOGS: dict[str, str] = {"aws": "aws", "azurerm": "azure", "google": "gcp", "google-beta": "gcp"}

_NO_MAPPERS: Mapping[str, Mapper] = {}


@functools.cache
def _cloud(prefix: str) -> Any:
    package = _CLOUD_PACKAGES.get(prefix)
    return None if package is None else package()


def _mappers(kind: str) -> Mapping[str, Mapper]:
    """The mapper registry of the cloud a resource type belongs to (its prefix)."""
    cloud = _cloud(kind.partition("_")[0])
    return _NO_MAPPERS if cloud is None else cloud.REGISTRY


def mapper_for(kind: str) -> Mapper | None:
    found = _MAPPER_OF.get(kind, _UNSEEN)
    if found is _UNSEEN:
        found = _mappers(kind).get(kind)
        if len(_MAPPER_OF) < 100_000:  # (types are few; a hostile plan's made-up ones are not)
            _MAPPER_OF[kind] = found
    return found  # type: ignore[return-value]


# resource type -> its mapper (None: none), for the sides of every resource of a large plan
_MAPPER_OF: dict[str, Mapper | None] = {}
_UNSEEN = object()


def is_free(kind: str) -> bool:
    """A type that costs nothing by itself: its cloud's free list, or Terraform's utility
    providers' (``random_id``, ``null_resource``...). Read on the first type with no mapper."""
    found = _FREE_OF.get(kind)
    if found is None:
        cloud = _cloud(kind.partition("_")[0])
        family = getattr(cloud, "FREE_FAMILIES", None)
        found = (
            (cloud is not None and kind in cloud.FREE)
            or (family is not None and family.fullmatch(kind) is not None)
            or kind in _utility_free()
        )
        if len(_FREE_OF) < 100_000:
            _FREE_OF[kind] = found
    return found


_FREE_OF: dict[str, bool] = {}  # resource type -> whether it is free (as _MAPPER_OF)


@functools.cache
def _utility_free() -> frozenset[str]:
    from finops_gate.estimate import free_list

    return frozenset(free_list.read(free_list.UTILITY))


def __getattr__(name: str) -> Any:
    """``MAPPERS`` and ``FREE``, every cloud's at once, for the tools and tests that list them
    (pricing itself looks up one cloud at a time)."""
    clouds = [_cloud(prefix) for prefix in _CLOUD_PACKAGES]
    if name == "MAPPERS":
        return {kind: m for cloud in clouds for kind, m in cloud.REGISTRY.items()}
    if name == "FREE":
        return frozenset().union(*(cloud.FREE for cloud in clouds), _utility_free())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# What a catalog's prices leave out, said once in the report for every resource priced from it
CATALOG_ASSUMPTIONS: dict[str, Assumption] = {
    "gcp": Assumption(
        "google_*",
        "pricing",
        "list hourly prices; sustained-use and committed-use discounts are not applied",
        "gcp catalog",
    ),
}


def side_pricer(
    usage_file: UsageFile, catalogs: CatalogSet | None = None
) -> Callable[[Resource], SideCost]:
    """``price_side(resource, usage_file, catalogs)`` for each side of one pricing: where no
    usage is configured, a side found by its shape (``_Head.found``) is found without the
    calls around it (``price_side``'s and ``_Head.price``'s first lines and ``shapes.shape_key``,
    inlined here: this runs for both sides of every resource of a large plan)."""
    if usage_file.by_type or usage_file.by_address:
        return functools.partial(_price_side, usage_file, catalogs)
    heads, catalogs_id = _HEADS, id(catalogs)
    get_missing, plain = shapes.MISSINGS, shapes.PLAIN

    def price(resource: Resource) -> SideCost:
        attributes = resource.attributes
        if type(attributes) is dict and _LINKS not in attributes:
            key = (resource.kind, resource.provider, resource.region, resource.unknown,
                   attributes.get(REGION_FROM), catalogs_id)  # fmt: skip
            head = heads.get(key)
            if head is not None and head.catalogs is catalogs:
                if head.found:
                    values = tuple(map(attributes.get, head.keys, get_missing))
                    types = tuple(map(type, values))
                    if plain.issuperset(types):
                        side = head.found.get((values, types))
                        if side is not None:
                            head.filed_from.hits += 1
                            return side
                return head.price(resource)
        return price_side(resource, usage_file, catalogs)

    return price


def _price_side(usage_file: UsageFile, catalogs: CatalogSet | None, resource: Resource) -> SideCost:
    return price_side(resource, usage_file, catalogs)


def price_side(
    resource: Resource, usage_file: UsageFile, catalogs: CatalogSet | None = None
) -> SideCost:
    """Price one side of a Terraform resource (``catalogs``: default the shipped, newest).

    Rates that change with the date (extended support) read the run's price date
    (``catalogs.as_of``), else the date of the catalog in force."""
    attributes = resource.attributes
    if (
        type(attributes) is dict
        and not usage_file.by_type
        and not usage_file.by_address
        and _LINKS not in attributes
    ):
        # a side of a kind, provider, region, unknown paths and region origin priced before
        # with no usage (most sides of a large plan): what the slow path below looked up for
        # it is kept (``_Head``), and the side its lines priced to
        origin = attributes.get(REGION_FROM)
        head = _HEADS.get((resource.kind, resource.provider, resource.region, resource.unknown,
                           origin, id(catalogs)))  # fmt: skip
        if head is not None and head.catalogs is catalogs:
            return head.price(resource)
    # a type is either mapped or free (tests/test_startup.py): the mapper is looked up first,
    # so a run of priced types never reads the free lists
    mapper = mapper_for(resource.kind)
    if mapper is None and UNREAD_MODULE in resource.attributes:
        # a module call whose resources the code does not hold (sources/terraform_hcl.py)
        return SideCost(Status.UNPRICED, None, reason=str(resource.attributes[UNREAD_MODULE]))
    if mapper is None and is_free(resource.kind):
        ignored = _ignored_on_free(resource, usage_file)
        # (one value for every free side that says nothing more: a large plan has thousands)
        return SideCost(Status.FREE, Decimal(0), notes=ignored) if ignored else _FREE
    catalog_name = CATALOGS.get(resource.provider)
    if mapper is None or catalog_name is None:
        return _unsupported(resource.kind)
    if resource.unknown:  # (most sides know their count: no lookups)
        for meta in _META:
            if meta in resource.unknown:
                return SideCost(
                    Status.UNPRICED,
                    None,
                    reason=f"{meta} is not known from the code; price it from a plan (--plan)"
                    if meta != "import"
                    else "it exists already (an import block brings it under Terraform) and "
                    "what it costs today is not in the code; price it from a plan (--plan)",
                )
    if resource.region is None:
        return SideCost(
            Status.UNPRICED, None, reason="region unknown (no region in the provider configuration)"
        )
    chosen = catalogs or CatalogSet()
    catalog = chosen.price_catalog(catalog_name)
    on = chosen.as_of or _catalog_day(catalog.version)
    usage = _NO_USAGE.get(on) if not usage_file.by_type and not usage_file.by_address else None
    if usage is None:
        moved = resource.attributes.get(MOVED_FROM)
        usage = usage_file.for_resource(
            resource.address,
            resource.kind,
            moved_from=moved if isinstance(moved, str) else None,
            on=on,
        )
        if not usage_file.by_type and not usage_file.by_address:
            _NO_USAGE[on] = usage
    linked = _LINKS in resource.attributes
    if linked:  # joined resources (autoscaling targets...): AWS only
        from finops_gate.estimate.aws import linked_usage

        usage = linked_usage.with_targets(resource, usage, usage_file)
    context = (
        mapper,
        resource.kind,
        resource.provider,
        resource.region,
        resource.unknown,
        usage.on,
    )
    origin = resource.attributes.get(REGION_FROM)
    head = _Head(catalogs, mapper, catalog, usage, context, origin)
    if (
        catalogs is not None
        and type(resource.attributes) is dict
        and not usage_file.by_type
        and not usage_file.by_address
        and not linked
    ):
        if len(_HEADS) >= _PRICED_MAX:
            _HEADS.clear()
        _HEADS[(resource.kind, resource.provider, resource.region, resource.unknown,
                origin, id(catalogs))] = head  # fmt: skip
    return head.price(resource)


class _Head:
    """What ``price_side`` looks up for a side before its mapper runs, for every side of the
    same kind, provider, region, unknown paths and region origin with no usage configured and
    nothing joined (the catalogs kept, so their id names them while the entry lives), and
    the side each shape's lines price to."""

    __slots__ = (
        "catalog",
        "catalogs",
        "context",
        "filed_from",
        "found",
        "keys",
        "mapper",
        "origin",
        "sides",
        "usage",
    )

    def __init__(
        self,
        catalogs: CatalogSet | None,
        mapper: Mapper,
        catalog: PriceCatalog,
        usage: Usage,
        context: tuple[Any, ...],
        origin: Any,
    ) -> None:
        self.catalogs = catalogs
        self.mapper = mapper
        self.catalog = catalog
        self.usage = usage
        self.context = context
        self.origin = origin
        # id of a tuple of lines -> (the lines, the side they price to): the sides that say
        # nothing of their own resource (no note naming it, no usage)
        self.sides: dict[int, tuple[tuple[CostLine, ...], SideCost]] = {}
        # the same sides by the key of their shape over ``keys``, the keys of the shapes they
        # were filed from (``shapes.Memo.filed``, ``filed_from``): most sides of a large plan
        # are found here, by their key alone
        self.found: dict[Any, SideCost] = {}
        self.keys: tuple[Any, ...] = ()
        self.filed_from: Any = None

    def price(self, resource: Resource) -> SideCost:
        if self.found and type(resource.attributes) is dict:
            try:
                side = self.found.get(shapes.shape_key(resource.attributes, self.keys))
            except TypeError:  # an unhashable value of an unusual type
                side = None
            if side is not None:
                self.filed_from.hits += 1  # (a hit of its shapes, as ``lines`` counts one)
                return side
        usage = self.usage
        try:
            lines = _SHAPES.lines(self.mapper, resource, usage, self.context)
        except ValueError as exc:
            from finops_gate.estimate.aws._common import NotANumber  # (every cloud's mappers')

            if not isinstance(exc, NotANumber):
                raise
            return SideCost(Status.UNPRICED, None, reason=str(exc))
        hit = self.sides.get(id(lines))
        if hit is not None and hit[0] is lines:
            self._file(resource, lines, hit[1])
            return hit[1]
        region_name = resource.region
        assert region_name is not None
        side, assumed = _priced(lines, self.catalog, region_name, shared=not usage.values)
        if side.notes:  # a line's note (a fallback taken) names the resource in the report
            return self._own(
                resource,
                usage,
                replace(side, notes=tuple(f"{resource.address}: {n}" for n in side.notes)),
                assumed,
            )
        side = self._own(resource, usage, side, assumed)
        if not usage.values:
            if len(self.sides) >= _PRICED_MAX:
                self.sides.clear()
            self.sides[id(lines)] = (lines, side)
            self._file(resource, lines, side)
        return side

    def _file(self, resource: Resource, lines: tuple[CostLine, ...], side: SideCost) -> None:
        """``side``, the side of ``lines`` (which say nothing of ``resource``), in ``found``."""
        filed = _SHAPES.filed(self.context, resource.attributes, lines)
        if filed is None:
            return
        shapes_of, key = filed
        if shapes_of is not self.filed_from or shapes_of.keys is not self.keys:
            self.found = {}  # (keys over other keys: none would be found again)
            self.filed_from, self.keys = shapes_of, shapes_of.keys
        if len(self.found) >= _PRICED_MAX:
            self.found.clear()
        self.found[key] = side

    def _own(
        self,
        resource: Resource,
        usage: Usage,
        side: SideCost,
        assumed: tuple[tuple[str, str], ...],
    ) -> SideCost:
        origin, name = self.origin, resource.region
        region = (name, origin) if isinstance(origin, str) and name is not None else None
        if assumed or region is not None:
            # the defaults and where the region came from (the provider sets none), said of
            # this resource: one side for every resource of the shape (THIS_RESOURCE)
            side = _assuming(side, assumed, region)
        if not usage.values:
            return side
        return replace(
            side,
            assumptions=(*side.assumptions, *_assumptions(resource.address, usage)),
            notes=(*side.notes, *_ignored(resource, usage)),
        )


# (kind, provider, region, unknown paths, region origin, id of the catalogs) -> its ``_Head``
_HEADS: dict[tuple[Any, ...], _Head] = {}


_FREE = SideCost(Status.FREE, Decimal(0))
# price date -> what a usage file that configures nothing gives every resource (one value per
# date: ``UsageFile.for_resource``), without the call per side of a large plan
_NO_USAGE: dict[date | None, Usage] = {}

# ``replace(side, assumptions=...)`` for the sides that carry an assumption of their own (an
# instance's AMI, a region taken from the environment: thousands in a large plan): the fields
# read in C, in order, where ``replace`` goes through keyword arguments field by field
_SIDE_FIELDS = tuple(f.name for f in fields(SideCost))
_side_values = operator.attrgetter(*_SIDE_FIELDS)
_ASSUMPTIONS_AT = _SIDE_FIELDS.index("assumptions")


def _with_assumptions(side: SideCost, assumptions: tuple[Assumption, ...]) -> SideCost:
    values = list(_side_values(side))
    values[_ASSUMPTIONS_AT] = assumptions
    return SideCost(*values)


_META = ("count", "for_each", "import")  # ("import": the base of a resource changes.match
# pairs with its import block)


@functools.lru_cache(maxsize=4096)
def _unsupported(kind: str) -> SideCost:
    return SideCost(
        Status.UNSUPPORTED, None, reason=f"{kind} is not supported yet; its cost is not included"
    )


# (catalog, region, lines) -> the side they price to: a large plan prices the same few shapes
# (an m5.large with a 50 GB gp3 root volume) thousands of times. The SideCost, a frozen value,
# is shared (its lines are rendered once per report: report/json.py, which tells a no-op's one
# side from two priced sides by the resources, not the sides). The catalog is kept beside the
# entry, so its id names it for as long as the entry lives.
_PRICED: dict[tuple[int, str, tuple[CostLine, ...]], tuple[PriceCatalog, SideCost]] = {}
_PRICED_MAX = 50_000
# the same, by the identity of the lines tuple: a shape's lines are one tuple (``_SHAPES``), so
# most sides are found without hashing their lines (each kept beside its entry, for its id)
_BY_LINES: dict[
    int,
    tuple[tuple[CostLine, ...], PriceCatalog, str, tuple[SideCost, tuple[tuple[str, str], ...]]],
] = {}
# a mapper runs once per shape of resource (estimate/shapes.py)
_SHAPES = shapes.Memo()


def _priced(
    lines: tuple[CostLine, ...], catalog: PriceCatalog, region: str, *, shared: bool
) -> tuple[SideCost, tuple[tuple[str, str], ...]]:
    """The side ``lines`` price to, with what its catalog leaves out (``CATALOG_ASSUMPTIONS``),
    and the defaults the lines rest on (``CostLine.assumption``: the report names the
    resource beside each)."""
    same = _BY_LINES.get(id(lines))
    if same is not None and same[0] is lines and same[1] is catalog and same[2] == region:
        return same[3]
    key = (id(catalog), region, lines)
    hit = _PRICED.get(key)
    if hit is not None and hit[0] is catalog:
        side = hit[1]
    else:
        side = price_lines(lines, catalog, region)
        said = CATALOG_ASSUMPTIONS.get(catalog.name)
        if said is not None and side.status in (Status.PRICED, Status.USAGE_UNKNOWN):
            side = replace(side, assumptions=(said,))
        if len(_PRICED) >= _PRICED_MAX:
            _PRICED.clear()
        _PRICED[key] = (catalog, side)
    found = (side, tuple(line.assumption for line in lines if line.assumption is not None))
    if shared:  # (a resource's own lines, priced with its usage, would only be kept alive)
        if len(_BY_LINES) >= _PRICED_MAX:
            _BY_LINES.clear()
        _BY_LINES[id(lines)] = (lines, catalog, region, found)
    return found


# (side, defaults, region) -> the side with them said (``_assuming``); the side kept beside its
# entry, so its id names it for as long as the entry lives
_ASSUMING: dict[
    tuple[int, tuple[tuple[str, str], ...], tuple[str, str] | None], tuple[SideCost, SideCost]
] = {}


def _assuming(
    side: SideCost, assumed: tuple[tuple[str, str], ...], region: tuple[str, str] | None
) -> SideCost:
    key = (id(side), assumed, region)
    hit = _ASSUMING.get(key)
    if hit is not None and hit[0] is side:
        return hit[1]
    said = [Assumption(THIS_RESOURCE, k, v, "default") for k, v in assumed]
    if region is not None:
        said.append(Assumption(THIS_RESOURCE, "region", *region))
    out = _with_assumptions(side, (*side.assumptions, *said))
    if len(_ASSUMING) >= _PRICED_MAX:
        _ASSUMING.clear()
    _ASSUMING[key] = (side, out)
    return out


def forget() -> None:
    """Drop the priced shapes once a check's changes are priced (``engine.price_changes``)."""
    _HEADS.clear()
    _ASSUMING.clear()
    _PRICED.clear()
    _BY_LINES.clear()
    _SHAPES.clear()


@functools.cache
def _catalog_day(version: str) -> date | None:
    try:
        return date.fromisoformat(version)
    except ValueError:
        return None


def _assumptions(address: str, usage: Usage) -> tuple[Assumption, ...]:
    """The usage values the mapper read: only those are assumptions the estimate rests on (of
    a map read key by key, only the keys read: ``_unread``)."""
    out: list[Assumption] = []
    for key, value in sorted(usage.values.items()):
        if key not in usage.read:
            continue
        kept = _without(value, _unread(key, value, usage))
        if isinstance(value, dict) and value and kept == {}:
            # every key of the map is ignored (reported so, by ``_ignored``): nothing the
            # estimate rests on, so no "standard = " assumption beside the ignored note
            continue
        out.append(Assumption(address, key, _show(kept), usage.origins[key]))
    return tuple(out)


def _unread(key: str, value: object, usage: Usage) -> list[str]:
    """The dotted keys inside the map ``value`` of usage ``key`` that no mapper asked for, when
    the mapper reads that map key by key (it asked for some ``key.<name>``): a misspelt nested
    key (``standard_infrequent_access.monthly_retrieval_gb``) is as ignored as a top-level one.
    ``autoscaling_capacity`` is the plan's own (linked_usage), never the user's spelling."""
    if not isinstance(value, dict) or key == "autoscaling_capacity":
        return []
    prefix = key + "."
    if not any(p.startswith(prefix) for p in usage.read_paths):
        return []
    out: list[str] = []
    for name, inner in value.items():
        path = f"{prefix}{name}"
        if path in usage.read_paths:
            continue
        if isinstance(inner, dict) and any(p.startswith(path + ".") for p in usage.read_paths):
            out.extend(_unread(path, inner, usage))
        else:
            out.append(path)
    return out


def _without(value: object, paths: list[str]) -> object:
    """``value`` without the nested keys ``paths`` (dotted from the usage key down)."""
    if not paths or not isinstance(value, dict):
        return value
    drop = {p.split(".", 1)[1] for p in paths if "." in p}
    out: dict[str, object] = {}
    for name, inner in value.items():
        if name in drop:
            continue
        below = [d.split(".", 1)[1] for d in drop if d.startswith(f"{name}.")]
        out[name] = _without(inner, [f"x.{b}" for b in below]) if below else inner
    return out


def _ignored(resource: Resource, usage: Usage) -> tuple[str, ...]:
    """A usage key given for a resource that its mapper never reads: ignored, with a guess
    (also a key nested in a map the mapper reads key by key: ``_unread``)."""
    out = list(_not_numbers(resource, usage))
    ignored = sorted(set(usage.values) - usage.read)
    nested = [
        path
        for key in sorted(usage.read)
        if key in usage.values
        for path in _unread(key, usage.values[key], usage)
    ]
    if not ignored and not nested:
        return tuple(out)
    import difflib  # only for a usage key nothing reads (start-up)

    for key in ignored:
        guess = difflib.get_close_matches(key, sorted(usage.read), n=1, cutoff=0.6)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        out.append(
            f"{resource.address}: usage key '{key}' ({usage.origins[key]}) is ignored:"
            f" nothing in the {resource.kind} estimate reads it{hint}"
        )
    for path in nested:
        parent, _, name = path.rpartition(".")
        siblings = sorted(
            p.rpartition(".")[2] for p in usage.read_paths if p.rpartition(".")[0] == parent
        )
        guess = difflib.get_close_matches(name, siblings, n=1, cutoff=0.6)
        hint = f"; did you mean '{parent}.{guess[0]}'?" if guess else ""
        origin = usage.origins[path.split(".")[0]]
        out.append(
            f"{resource.address}: usage key '{path}' ({origin}) is ignored:"
            f" nothing in the {resource.kind} estimate reads it{hint}"
        )
    return tuple(out)


def _not_numbers(resource: Resource, usage: Usage) -> list[str]:
    """A usage value read as a number that is none (``new_connections: abc``, ``true``): the
    estimate takes it as not given, so it is said to be ignored, naming it."""
    out = []
    for key in sorted(usage.not_numbers - usage.read_as_text):
        value: object = usage.values
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, (dict, list)):
            continue  # a map or list: mappers probe those keys and read them key by key
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        out.append(
            f"{resource.address}: usage key '{key}' ({usage.origin(key)}) is ignored:"
            f" {shown} is not a number"
        )
    return out


def _ignored_on_free(resource: Resource, usage_file: UsageFile) -> tuple[str, ...]:
    """Usage written for a type that costs nothing by itself: ignored, except what the resource
    it configures reads (an autoscaling target's ``capacity``: see linked_usage)."""
    if not usage_file.by_address and not usage_file.by_type:
        return ()  # the common case, on the plan's hot path
    given = usage_file.for_resource(resource.address, resource.kind)
    if not given.values:
        return ()
    from finops_gate.estimate.aws import linked_usage

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
    if mapper_for(resource.kind) is not None:
        return CATALOGS.get(resource.provider)
    return None
