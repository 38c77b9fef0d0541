"""aws_ecs_service: https://aws.amazon.com/fargate/pricing/ (tasks on Fargate).

- Where the tasks run: ``launch_type``; else the service's ``capacity_provider_strategy``; else
  the default strategy of its cluster (the ``aws_ecs_cluster`` its ``cluster`` refers to and the
  ``aws_ecs_cluster_capacity_providers`` of that cluster, joined by the plan reader); else, when
  the task definition can only run on Fargate (``requires_compatibilities = ["FARGATE"]``),
  Fargate. On EC2 instances (the EC2 launch type, ECS's default, or capacity providers backed
  by autoscaling groups) the service adds no charge of its own (https://aws.amazon.com/ecs/pricing/:
  no additional charge for the EC2 launch type): the instances are priced where they are
  declared, and a $0 line says so, never a bare $0. On external instances (ECS Anywhere) AWS
  bills each registered on-premises instance per hour, a rate the catalog does not hold, for
  instances registered outside Terraform: unpriced, naming that. A strategy that mixes
  ``FARGATE_SPOT`` in is
  unpriced (spot rates move and are not in the catalog); where the plan cannot tell, unpriced.
  A strategy of ``FARGATE`` and autoscaling-group providers splits the tasks
  (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html):
  the provider with a ``base`` runs that many first, the rest go by ``weight``; the Fargate
  share is priced (stated as an assumption; a share that is not whole is the weighted one)
  beside the $0 line of the tasks on instances; a base or weight unknown until apply, or a
  strategy ECS refuses (no weight above 0, two bases), is unpriced naming it.
- Fargate: ``desired_count`` tasks (at least the ``min_capacity`` of an
  ``aws_appautoscaling_target`` on ``ecs:service:DesiredCount`` the plan reader joins) x the
  task definition's ``cpu`` (vCPU; ``"1 vCPU"`` or CPU units, 1024 = 1 vCPU) and ``memory``
  (GB; ``"2 GB"`` or MiB) x 730 hours (usage ``monthly_hrs``), Linux/x86 rates; an ARM64 or
  Windows ``runtime_platform`` uses its own keys; ephemeral storage above the 20 GB included,
  per GB-hour.
- The task definition is the one ``task_definition`` refers to, joined by the plan reader; one
  the plan does not show (a data source, an ARN string, task sets) leaves the service unpriced.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws._common import (
    LINK_KEY,
    blocks,
    fargate_lines,
    is_unknown,
    monthly_hours,
    not_a_count,
    num,
    number,
    related,
    related_unknown,
    scaled_capacity,
    text,
    unknown_in_code,
    unknown_line,
    unknown_setting,
    unpriceable,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

FREE_EPHEMERAL_GB = Decimal(20)
MIXED = "FARGATE and EC2"  # a strategy of FARGATE and autoscaling-group providers
_WHERE = frozenset({"FARGATE", "FARGATE_SPOT", "EC2", "EXTERNAL", MIXED, None})
# tasks on EC2 container instances: no ECS charge; the instances bill where they are declared
ON_EC2 = CostLine(
    "Tasks on EC2 container instances (no ECS charge: billed on the instances, their"
    " aws_instance or aws_autoscaling_group)",
    "month",
    "",
    Decimal(1),
    unit_price=Decimal(0),
)
ANYWHERE = (
    "ECS Anywhere bills each registered external instance per hour"
    " (https://aws.amazon.com/ecs/pricing/), a rate the catalog does not hold, for instances"
    " registered outside the plan"
)
_QUANTITY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(vcpu|gb)?\s*$", re.IGNORECASE)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    for path in ("launch_type", "capacity_provider_strategy"):
        # written with a value known only after apply (a variable without a value, a data
        # source, a dynamic block over one): where the tasks run is not known, never EC2's $0
        if unknown_setting(resource, path, computed=path == "launch_type"):
            return [unknown_line("Tasks", "hours", path)]
    where = _runs_on(resource)
    if where not in _WHERE:
        why = f"launch_type {str(where)[:40]!r} is not one ECS has (FARGATE, EC2, EXTERNAL); fix it"
        return [unpriceable("Tasks", "hours", why)]
    if where == "EC2":  # the container instances are priced on their own resources
        return [ON_EC2]
    if where == "EXTERNAL":
        return [unpriceable("Tasks on external instances (ECS Anywhere)", "hours", ANYWHERE)]
    if where == "FARGATE_SPOT":
        return [
            unpriceable(
                "Fargate tasks (spot)", "hours", "Fargate Spot rates are not in the catalog"
            )
        ]
    if where is None:
        return [
            unpriceable(
                "Tasks",
                "hours",
                "where the tasks run (launch type or capacity provider) is not known from the plan",
            )
        ]
    task = related(resource, "task_definition")
    if task is None:
        return [
            unpriceable(
                "Fargate tasks",
                "hours",
                "the task definition is not in the plan (a data source, an ARN or task sets)",
            )
        ]
    tasks = num(resource, "desired_count")
    bad = None if tasks is None else not_a_count("desired_count", tasks, least=Decimal(0))
    if bad is not None:  # 2.5 tasks, -1 tasks, Infinity: no service runs them
        return [unpriceable("Fargate tasks", "hours", bad)]
    floor, given = scaled_capacity(resource, "ecs:service:DesiredCount", usage)
    if floor is not None and given:
        tasks = floor  # the count the autoscaler is expected to hold (usage on its target)
    elif floor is not None:
        # Application Auto Scaling keeps the count within the target's bounds
        tasks = max(tasks or Decimal(0), floor)
    if tasks is None and (
        is_unknown(resource, "desired_count") or unknown_in_code(resource, "desired_count")
    ):
        return [unknown_line("Fargate tasks", "hours", "desired_count")]
    if tasks is None:
        # not set: the provider asks ECS for 0 tasks (Terraform's default), which an autoscaler
        # outside the plan or a later change raises; how many will run is not in the plan
        why = (
            "desired_count is not set (Terraform starts 0 tasks; what runs is what an autoscaler "
            "sets): set desired_count, or price an aws_appautoscaling_target on the service"
        )
        return [unpriceable("Fargate tasks", "hours", why)]
    vcpu = _amount(task.get("cpu"), "vcpu")
    memory = _amount(task.get("memory"), "gb")
    if vcpu is None or memory is None:
        missing = "cpu" if vcpu is None else "memory"
        if related_unknown(task, missing):  # written from another resource: not "not set"
            return [unknown_line("Fargate tasks", "hours", f"the task definition's {missing}")]
        return [
            unpriceable(
                "Fargate tasks",
                "hours",
                f"the task definition's {missing} is not set at the task level (Fargate needs it)",
            )
        ]
    platform = _first(task, "runtime_platform")
    variant = ""
    if str(platform.get("cpu_architecture") or "").upper() == "ARM64":
        variant = ".arm64"
    if str(platform.get("operating_system_family") or "LINUX").upper().startswith("WINDOWS"):
        variant = ".windows"
    count = f"{tasks} task{'' if tasks == 1 else 's'}"
    split: list[CostLine] = []
    if where == MIXED:
        share, why = _fargate_share(resource, tasks)
        if share is None:
            return [unpriceable("Fargate tasks", "hours", why)]
        tasks, count, split = share, f"{_plain(share)} of {count} on FARGATE", [ON_EC2]
        placed = ("capacity_provider_strategy", f"{count}: {why}")
    hours = monthly_hours(usage)
    lines = fargate_lines(count, tasks, vcpu, memory, hours, variant)
    if split:
        lines = [dataclasses.replace(line, assumption=placed) for line in lines] + split
    hours *= tasks
    storage = number(
        _first(task, "ephemeral_storage").get("size_in_gib"), "task definition ephemeral_storage"
    )
    if storage is not None and storage > FREE_EPHEMERAL_GB:
        lines.append(
            CostLine(
                "Ephemeral storage (above 20 GB)",
                "GB-hours",
                "fargate.ephemeral_storage_gb",
                (storage - FREE_EPHEMERAL_GB) * hours,
            )
        )
    return lines


def _runs_on(resource: Resource) -> str | None:
    launch = text(resource, "launch_type")
    if launch:
        return launch.upper()
    strategy = blocks(resource, "capacity_provider_strategy")
    if not strategy:
        cluster = related(resource, "cluster") or {}
        if _unknown_strategy(cluster):
            return None  # the cluster's default strategy is known only after apply
        strategy = _cluster_strategy(cluster)
    if strategy:
        providers = {str(s.get("capacity_provider") or "").upper() for s in strategy}
        if "FARGATE_SPOT" in providers:
            return "FARGATE_SPOT"
        if providers == {"FARGATE"}:
            return "FARGATE"
        if "" in providers:
            return None  # a provider named by a value the plan does not show
        if "FARGATE" in providers:
            return MIXED  # tasks split between Fargate and instances by base and weight
        return "EC2"  # capacity providers backed by autoscaling groups
    task = related(resource, "task_definition")
    if task is None:
        return None  # neither the strategy nor the task definition can tell
    compat = task.get("requires_compatibilities")
    if isinstance(compat, list) and [str(c).upper() for c in compat] == ["FARGATE"]:
        return "FARGATE"  # such a task definition runs nowhere else
    unset = not text(resource, "cluster") and not is_unknown(resource, "cluster")
    if related(resource, "cluster") is not None or unset:
        return "EC2"  # no strategy anywhere: ECS's default launch type
    return None


def _strategy(resource: Resource) -> tuple[list[Mapping[str, Any]], Mapping[str, Any], str]:
    """The strategy the service's tasks are placed by (its own, else its cluster's default),
    the values that write it (for their unknown markers) and the path of its entries."""
    own = blocks(resource, "capacity_provider_strategy")
    if own:
        return own, resource.attributes, "capacity_provider_strategy"
    cluster = related(resource, "cluster") or {}
    key = "default_capacity_provider_strategy"
    if cluster.get(key):
        return _cluster_strategy(cluster), cluster, key
    links = cluster.get(LINK_KEY)
    providers = links.get("capacity_providers") if isinstance(links, Mapping) else None
    for entry in providers if isinstance(providers, list) else []:
        if isinstance(entry, Mapping) and entry.get(key):
            return _cluster_strategy(cluster), entry, key
    return [], {}, key


def _fargate_share(resource: Resource, tasks: Decimal) -> tuple[Decimal | None, str]:
    """How many of ``tasks`` a FARGATE + EC2 strategy places on Fargate, and how (else None
    and why). https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html:
    the provider with a ``base`` runs that many tasks first; the rest split by ``weight``
    (a weight of 1 and of 4: one task in five on the first). A split that is not whole is the
    weighted share, stated so (ECS places tasks one by one to approach it)."""
    strategy, owner, path = _strategy(resource)
    bases: dict[str, Decimal] = {}
    weights: dict[str, Decimal] = {}
    for i, entry in enumerate(strategy):
        name = str(entry.get("capacity_provider") or "").upper()
        for arg, into in (("base", bases), ("weight", weights)):
            where = f"{path}.{i}.{arg}"
            value = entry.get(arg)
            if value is None and (
                related_unknown(owner, where) or unknown_setting(resource, where, computed=True)
            ):
                return None, f"{where} is unknown until apply, and it splits the tasks"
            amount = number(value, where) if value is not None else Decimal(0)
            bad = None if amount is None else not_a_count(where, amount, least=Decimal(0))
            if amount is None or bad is not None:
                return None, bad or f"{where} is not a number"
            into[name] = into.get(name, Decimal(0)) + amount
    if sum(1 for b in bases.values() if b) > 1:
        return None, "more than one capacity provider of the strategy has a base (ECS allows one)"
    first = min(sum(bases.values(), Decimal(0)), tasks)
    rest = tasks - first
    total = sum(weights.values(), Decimal(0))
    if rest and not total:
        return None, "no capacity provider of the strategy has a weight above 0 (ECS needs one)"
    on_fargate = first if bases.get("FARGATE") else Decimal(0)
    share = on_fargate + (rest * weights.get("FARGATE", Decimal(0)) / total if rest else 0)
    base = bases.get("FARGATE", Decimal(0))
    how = f"base {_plain(base)}, weight {_plain(weights.get('FARGATE', Decimal(0)))}"
    how += f" of {_plain(total)}"
    if share != share.to_integral_value():
        how += ": the weighted share, ECS places whole tasks"
    return share, how


def _plain(value: Decimal) -> str:
    """A count as shown: whole, or the share to two places (``~2.33``)."""
    if value == value.to_integral_value():
        return format(value.to_integral_value(), "f")
    return "~" + format(value.quantize(Decimal("0.01")), "f")


def _unknown_strategy(cluster: Mapping[str, Any]) -> bool:
    """Whether the cluster, or the aws_ecs_cluster_capacity_providers of it, writes its
    default strategy with a value known only after apply (a dynamic block over a data source):
    never read as no strategy (EC2)."""
    key = "default_capacity_provider_strategy"
    if related_unknown(cluster, key, computed=False):
        return True
    links = cluster.get(LINK_KEY)
    providers = links.get("capacity_providers") if isinstance(links, Mapping) else None
    entries = providers if isinstance(providers, list) else []
    return any(isinstance(e, Mapping) and related_unknown(e, key, computed=False) for e in entries)


def _cluster_strategy(cluster: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    own = cluster.get("default_capacity_provider_strategy")
    if isinstance(own, list) and own:
        return [s for s in own if isinstance(s, Mapping)]
    links = cluster.get(LINK_KEY)
    providers = links.get("capacity_providers") if isinstance(links, Mapping) else None
    for entry in providers if isinstance(providers, list) else []:
        found = (
            entry.get("default_capacity_provider_strategy") if isinstance(entry, Mapping) else None
        )
        if isinstance(found, list) and found:
            return [s for s in found if isinstance(s, Mapping)]
    return []


def _first(values: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    block = values.get(key)
    if isinstance(block, list) and block and isinstance(block[0], Mapping):
        return block[0]
    return {}


def _amount(value: Any, unit: str) -> Decimal | None:
    """``"1 vCPU"`` / ``"2 GB"`` as given, or CPU units / MiB as numbers (1024 per vCPU/GB)."""
    if value is None:
        return None
    found = _QUANTITY.match(str(value))
    if found is None:
        return None
    amount = Decimal(found.group(1))
    if found.group(2):
        return amount if found.group(2).lower() == unit else None
    return amount / 1024
