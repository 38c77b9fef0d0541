"""Small helpers the AWS mappers share: read plan attributes, spot unknowns, build lines.

Attribute paths are dotted with list indices as numbers (``root_block_device.0.volume_size``),
the same form as ``Resource.unknown``. A path is unknown when it or any parent is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from finops_gate.estimate.usage import Usage
from finops_gate.model import (
    HOURS_PER_MONTH,
    UNKNOWN_ARGUMENTS,
    WRITTEN_UNKNOWN,
    CostLine,
    Resource,
)

MILLION = Decimal(1_000_000)
# where the plan reader puts the planned values of related resources (a launch template, the
# autoscaling targets of a table...): finops_gate.sources.terraform_links.LINK_KEY
LINK_KEY = "_related"
# the address of a backward-linked resource (terraform_links.ADDRESS_KEY)
ADDRESS_KEY = "_address"


def get(resource: Resource, path: str) -> Any:
    """The known value at ``path``, or None (unset, null or unknown)."""
    value: Any = resource.attributes
    if "." not in path:  # the common case, on the hot path of every mapper
        return value.get(path) if isinstance(value, dict) else None
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
        if value is None:
            return None
    return value


def is_unknown(resource: Resource, path: str) -> bool:
    """True when ``path`` (or a parent block holding it) is known only after apply."""
    if "" in resource.unknown:
        return True
    parts = path.split(".")
    return any(".".join(parts[: i + 1]) in resource.unknown for i in range(len(parts)))


# the expressions the .tf reader could not evaluate, by attribute path (terraform_hcl's
# UNKNOWN_INPUTS; a plan has none)
_CODE_UNKNOWN = "__unknown_inputs__"


def unknown_in_code(resource: Resource, path: str) -> bool:
    """True when the code writes ``path`` with a value it does not tell: the ``.tf`` reader
    could not evaluate it (a dynamic block over a data source), or a plan shows unknown an
    argument its configuration writes (``multi_az = aws_x.y.flag``). A plan marks an argument
    unknown also when the provider computes it for one left unset (``ebs_block_device`` from
    the AMI, a default ``storage_type``): not this."""
    written = resource.attributes.get(_CODE_UNKNOWN)
    if isinstance(written, Mapping) and path in written:
        return True
    planned = resource.attributes.get(WRITTEN_UNKNOWN)
    return isinstance(planned, frozenset) and path in planned


class NotANumber(ValueError):
    """An attribute that holds a value but no number (``"abc"``, ``"NaN"``, a list). Terraform
    refuses such a value, so no price built on it is right: the side is unpriced, naming it
    (``estimate/terraform.py``), where reading it as unset would drop its line unseen."""

    def __init__(self, path: str, value: Any) -> None:
        shown = repr(value)
        shown = shown if len(shown) <= 40 else f"{shown[:37]}..."
        super().__init__(f"{path or 'a size or count'} is {shown}, not a number; fix it")


class NotABoolean(NotANumber):
    """A switch that holds a value Terraform cannot read as true or false (``"yes"``, ``1``):
    Terraform refuses it, so the side is unpriced naming it, never read as off."""

    def __init__(self, path: str, value: Any) -> None:
        ValueError.__init__(
            self, f"{path or 'a switch'} is {repr(value)[:40]}, not true or false; fix it"
        )


def as_bool(value: Any) -> bool | None:
    """``value`` as Terraform converts it for a bool argument: a bool, or the strings ``"true"``
    / ``"1"`` and ``"false"`` / ``"0"`` (``multi_az = "true"`` in a ``.tf`` file is Multi-AZ;
    the ``.tf`` reader keeps the string as written, a plan holds the converted bool); None for
    anything else (unset, or a value Terraform refuses: ``"TRUE"``, ``"yes"``, ``1``)."""
    if isinstance(value, bool):
        return value
    return _STRING_BOOLS.get(value) if isinstance(value, str) else None


_STRING_BOOLS = {"true": True, "1": True, "false": False, "0": False}


def flag(resource: Resource, path: str) -> bool | None:
    """The switch at ``path`` as Terraform reads it (``as_bool``); None when unset or unknown;
    NotABoolean for a value Terraform cannot read as true or false."""
    return _switch(get(resource, path), path)


def number(value: Any, path: str = "") -> Decimal | None:
    """``value`` as a Decimal, None when unset; NotANumber when set to something else
    (``path`` names it). An infinity is kept: the pricing stage refuses it as absurd."""
    if value is None or isinstance(value, bool):
        return None
    try:
        found = Decimal(str(value))
    except InvalidOperation:
        raise NotANumber(path, value) from None
    if found.is_nan():  # "NaN", "sNaN": no comparison or sum can take it
        raise NotANumber(path, value)
    return found


# no count a plan states (workers, KPUs, schedulers, DPUs) comes near this: a larger one is an
# absurd input, refused with its path named as the pricing stage refuses an absurd cost
COUNT_MAX = Decimal(10) ** 6


def not_a_count(
    path: str, value: Decimal, *, least: Decimal = Decimal(1), whole: bool = True
) -> str | None:
    """Why ``value`` (read at ``path``) cannot be the count a price multiplies: infinite, below
    ``least``, fractional when it must be ``whole``, or beyond COUNT_MAX; None when it can.
    A mapper makes the reason an unpriced line (never a "depends on usage" line that shows
    "-5 DPUs", never a crash in the arithmetic that follows)."""
    shown = str(value) if len(str(value)) <= 40 else f"{str(value)[:37]}..."
    if not value.is_finite() or value > COUNT_MAX:
        return f"{path} is {shown}, beyond any real count; fix it"
    if value < least:
        return f"{path} is {shown}, less than {least}; fix it"
    if whole and value != value.to_integral_value():
        return f"{path} is {shown}, not a whole number; fix it"
    return None


def num(resource: Resource, path: str) -> Decimal | None:
    return number(get(resource, path), path)


def num_or_default(resource: Resource, path: str, default: Decimal) -> Decimal | None:
    """The number at ``path``, AWS's ``default`` when the attribute is not set, or None when it
    is set to a value known only after apply (the plan shows that very path unknown; the .tf
    code writes an expression it does not tell): never the default for a value not known."""
    found = num(resource, path)
    if found is not None:
        return found
    if path in resource.unknown or "" in resource.unknown or unknown_in_code(resource, path):
        return None
    return default


def unknown_setting(resource: Resource, path: str, *, computed: bool = False) -> bool:
    """True when ``path`` is set to a value known only after apply, so that AWS's default for
    it (a Gateway endpoint, an application load balancer...) does not apply: the plan shows
    that very path unknown (not for a ``computed`` attribute, which a plan shows unknown when
    left unset too), or the ``.tf`` code writes an expression it does not tell."""
    if get(resource, path) is not None:
        return False
    if unknown_in_code(resource, path):
        return True
    return not computed and (path in resource.unknown or "" in resource.unknown)


def text(resource: Resource, path: str) -> str | None:
    value = get(resource, path)
    return None if value is None or isinstance(value, (dict, list)) else str(value)


def is_on(value: Any, path: str) -> bool:
    """Whether ``value`` (the argument at ``path``) is a switch turned on as Terraform reads it
    (``as_bool``); NotABoolean, as ``flag``, for a set value Terraform cannot read as true or
    false (``fifo_queue = "yes"``): never read as off."""
    return _switch(value, path) is True


def is_off(value: Any, path: str) -> bool:
    """Whether ``value`` (the argument at ``path``) is a switch turned off as Terraform reads it
    (``as_bool``); NotABoolean for a set value that is neither true nor false."""
    return _switch(value, path) is False


def _switch(value: Any, path: str) -> bool | None:
    if value is None:
        return None
    found = as_bool(value)
    if found is None:
        raise NotABoolean(path, value)
    return found


def blocks(resource: Resource, path: str) -> list[Mapping[str, Any]]:
    value = get(resource, path)
    if not isinstance(value, list):
        return []
    return [b for b in value if isinstance(b, Mapping)]


def unknown_line(name: str, unit: str, path: str, why: str = "") -> CostLine:
    """A line that cannot be priced because ``path`` is known only after apply."""
    reason = f"{path} is unknown until apply{why}"
    return CostLine(name, unit, "", None, unknown_reason=reason)


def unpriceable(name: str, unit: str, reason: str) -> CostLine:
    return CostLine(name, unit, "", None, unknown_reason=reason)


def monthly_hours(usage: Usage) -> Decimal:
    """``monthly_hrs`` from usage when given (0 is a valid answer), else 730."""
    given = usage.number("monthly_hrs")
    return HOURS_PER_MONTH if given is None else given


def usage_line(
    name: str, unit: str, price_key: str, usage: Usage, key: str, divisor: Decimal = Decimal(1)
) -> CostLine:
    """A usage-based line: quantity = usage[key] / divisor, or None ("depends on usage")."""
    given = usage.number(key)
    quantity = None if given is None else given / divisor
    return CostLine(name, unit, price_key, quantity, usage_key=key)


def always_on(
    name: str,
    unit: str,
    price_key: str,
    usage: Usage,
    usage_key: str,
    floor: Decimal | None = None,
    assumption: tuple[str, str] | None = None,
) -> CostLine:
    """Hours of units billed while they run (extra workers, KPUs, managed nodes): usage
    ``usage_key`` (the average count over the month) x 730 when given, else ``floor`` (the
    count the plan states) x 730, else a line that depends on ``usage_key``."""
    given = usage.number(usage_key)
    count = floor if given is None else given
    hours = None if count is None else count * HOURS_PER_MONTH
    by_usage = given is not None or floor is None
    return CostLine(
        name,
        unit,
        price_key,
        hours,
        usage_key=usage_key if by_usage else None,
        assumption=assumption,
    )


def hourly(
    name: str, price_key: str, count: Decimal | int = 1, usage: Usage | None = None
) -> CostLine:
    hours = HOURS_PER_MONTH if usage is None else monthly_hours(usage)
    return CostLine(name, "hours", price_key, hours * Decimal(count))


def monthly(name: str, unit: str, price_key: str, count: Decimal | int = 1) -> CostLine:
    return CostLine(name, unit, price_key, Decimal(count))


def tiers(
    quantity: Decimal | None,
    bands: Sequence[tuple[str, str, Decimal | None]],
    unit: str,
    usage_key: str,
) -> list[CostLine]:
    """Split a monthly ``quantity`` over price bands ``(label, price_key, size)`` (last: None,
    unbounded). Without usage, one "depends on usage" line at the first band's rate."""
    if quantity is None:
        label, key, _ = bands[0]
        return [CostLine(label, unit, key, None, usage_key=usage_key)]
    out: list[CostLine] = []
    left = quantity
    for i, (label, key, size) in enumerate(bands):
        take = left if size is None else min(left, size)
        if take > 0 or i == 0:
            out.append(CostLine(label, unit, key, take, usage_key=usage_key))
        left -= take
        if left <= 0:
            break
    return out


def related(resource: Resource, name: str) -> Mapping[str, Any] | None:
    """The planned values of the related resource ``name`` (see terraform_links), if joined."""
    links = resource.attributes.get(LINK_KEY)
    found = links.get(name) if isinstance(links, Mapping) else None
    return found if isinstance(found, Mapping) else None


def inherit(resource: Resource, taken: Mapping[str, Any], pending: frozenset[str]) -> Resource:
    """``resource`` with the arguments it takes from a related one (a read replica's source, an
    Aurora instance's cluster): ``taken`` the known values, ``pending`` those the related
    resource's code writes with a value known only after apply (kept as this resource's written
    unknowns: never read as AWS's default for leaving them unset)."""
    if not taken and not pending:
        return resource
    attributes = {**resource.attributes, **taken}
    if pending:
        own = attributes.get(WRITTEN_UNKNOWN)
        attributes[WRITTEN_UNKNOWN] = pending | (own if isinstance(own, frozenset) else frozenset())
    return replace(
        resource,
        attributes=attributes,
        unknown=frozenset(u for u in resource.unknown if u.split(".")[0] not in taken),
    )


def related_unknown(values: Mapping[str, Any] | None, path: str, *, computed: bool = True) -> bool:
    """True when a related resource's code sets ``path`` to a value known only after apply
    (both readers keep such arguments under WRITTEN_UNKNOWN: the planned values leave them
    out, as if unset): AWS's default for leaving it unset is not its value. An argument no
    provider computes (``computed=False``: a block) is so whenever the plan shows it unknown
    (UNKNOWN_ARGUMENTS), as ``unknown_setting`` reads a resource's own."""
    if values is None or values.get(path) is not None:
        return False
    written = values.get(WRITTEN_UNKNOWN)
    if isinstance(written, frozenset) and path in written:
        return True
    unknown = values.get(UNKNOWN_ARGUMENTS)
    return not computed and isinstance(unknown, frozenset) and path in unknown


def candidates(resource: Resource, name: str) -> list[str]:
    """The addresses of the several resources a value names when none could be joined as
    ``name`` (terraform_links.CANDIDATES: a template name two templates plan)."""
    links = resource.attributes.get(LINK_KEY)
    found = links.get(name + "_candidates") if isinstance(links, Mapping) else None
    return [a for a in found if isinstance(a, str)] if isinstance(found, list) else []


def related_list(resource: Resource, name: str) -> list[Mapping[str, Any]]:
    links = resource.attributes.get(LINK_KEY)
    found = links.get(name) if isinstance(links, Mapping) else None
    return [v for v in found if isinstance(v, Mapping)] if isinstance(found, list) else []


def scaled_minimum(resource: Resource, dimension: str) -> Decimal | None:
    """The largest ``min_capacity`` of the aws_appautoscaling_target(s) of ``dimension`` that
    point at ``resource`` (the plan reader joins them), or None when there is none."""
    found = [
        number(t.get("min_capacity"), "autoscaling target min_capacity")
        for t in related_list(resource, "autoscaling_targets")
        if t.get("scalable_dimension") == dimension
    ]
    known = [f for f in found if f is not None]
    return max(known) if known else None


def scaled_capacity(
    resource: Resource, dimension: str, usage: Usage
) -> tuple[Decimal | None, bool]:
    """The capacity of ``dimension``: the ``capacity`` usage of its autoscaling target when
    given (``autoscaling_capacity``, see linked_usage), else the target's ``min_capacity``
    (the least it is billed for); and whether it came from usage."""
    given = usage.number(f"autoscaling_capacity.{dimension}")
    if given is not None and given >= 0:
        return given, True
    return scaled_minimum(resource, dimension), False


def fargate_lines(
    count: str,
    n: Decimal,
    vcpu: Decimal,
    memory: Decimal,
    hours: Decimal,
    variant: str = "",
    usage_keys: tuple[str | None, str | None] = (None, None),
) -> list[CostLine]:
    """The GB-hours and vCPU-hours of ``n`` Fargate tasks or pods (``count`` names them) of
    ``vcpu`` and ``memory`` GB each, for ``hours`` each (https://aws.amazon.com/fargate/pricing/);
    ``variant`` the rate's (``.arm64``, ``.windows``); ``usage_keys`` (memory, vCPU) where usage
    gave the sizes."""
    return [
        CostLine(
            f"Per GB per hour ({count} x {memory} GB)",
            "GB-hours",
            f"fargate.memory_gb{variant}",
            n * memory * hours,
            usage_key=usage_keys[0],
        ),
        CostLine(
            f"Per vCPU per hour ({count} x {vcpu} vCPU)",
            "vCPU-hours",
            f"fargate.vcpu{variant}",
            n * vcpu * hours,
            usage_key=usage_keys[1],
        ),
    ]
