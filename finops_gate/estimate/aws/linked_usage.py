"""Usage written for a related resource that the resource it points at reads.

Infracost's usage-file shape gives an autoscaled resource's expected capacity on the
``aws_appautoscaling_target`` that scales it (``aws_appautoscaling_target.t: {capacity: 10}``),
not on the table, replication group, MSK cluster or ECS service itself. The plan reader joins
the targets to the resource they point at, each with its address (``_address``); this carries
their ``capacity`` over as the resource's own usage key ``autoscaling_capacity``, one value per
scalable dimension, with the target's entry as its origin, so the report lists it as an
assumption like any other usage value (and the target's own entry is not "ignored").
"""

from __future__ import annotations

from typing import Any

from finops_gate.estimate.aws._common import ADDRESS_KEY, related_list
from finops_gate.estimate.usage import Usage, UsageFile
from finops_gate.model import Resource

TARGET = "aws_appautoscaling_target"
KEY = "autoscaling_capacity"
# the usage keys of a target that the resource it scales reads (see the module docstring)
READ_BY_SCALED = frozenset({"capacity"})
INDEX_DIMENSION = "dynamodb:index:"


def index_capacity_key(dimension: str, resource_id: Any) -> str:
    """The ``autoscaling_capacity`` key of a target on one DynamoDB index (``resource_id``
    ``table/<table>/index/<index>``): the dimension and the resource id, as several indexes of
    one table each have a target on the same dimension."""
    return f"{dimension}|{resource_id}"


def with_targets(resource: Resource, usage: Usage, usage_file: UsageFile) -> Usage:
    """``usage`` plus ``autoscaling_capacity: {dimension: capacity}`` from the joined targets."""
    targets = related_list(resource, "autoscaling_targets")
    if not targets or KEY in usage.values:
        return usage
    capacity: dict[str, Any] = {}
    origins: list[str] = []
    for target in targets:
        address, dimension = target.get(ADDRESS_KEY), target.get("scalable_dimension")
        if not isinstance(address, str) or not isinstance(dimension, str):
            continue
        given = usage_file.for_resource(address, TARGET)
        if "capacity" not in given.values:
            continue
        if dimension.startswith(INDEX_DIMENSION):
            # a table has one target per index and dimension: each keeps its own capacity
            dimension = index_capacity_key(dimension, target.get("resource_id"))
        capacity[dimension] = _larger(capacity.get(dimension), given.values["capacity"])
        origins.append(f"{given.origins['capacity']}.capacity")
    if not capacity:
        return usage
    return Usage(
        {**usage.values, KEY: capacity},
        {**usage.origins, KEY: ", ".join(sorted(set(origins)))},
        on=usage.on,
    )


def _larger(old: Any, new: Any) -> Any:
    # two targets on one dimension (unusual): the larger capacity, the one the service keeps
    if old is None:
        return new
    try:
        return max(old, new)
    except TypeError:
        return new
