"""aws_autoscaling_group: https://aws.amazon.com/ec2/autoscaling/pricing/ (no charge for the group)
and https://aws.amazon.com/ec2/pricing/on-demand/ + https://aws.amazon.com/ebs/pricing/ for the
instances it runs.

- Instances: usage ``instances`` when given, else ``desired_capacity``, else ``min_size`` (AWS
  starts the group at its minimum when no desired capacity is set). A ``desired_capacity`` the
  code sets to a value it does not tell (a variable with no value) is not the minimum: the
  group is unpriced, naming it, until usage ``instances`` gives the count. ``min_size = 0``
  without a desired capacity: the number running depends on the scaling policies, so the lines
  depend on usage ``instances`` (never a guessed count, never $0).
- Each instance runs what the group's launch template (``launch_template`` or
  ``mixed_instances_policy``) or launch configuration says (see launch_template.py): instance
  hours at the tenancy's rate (usage ``operating_system: windows`` for the Windows rate, usage
  ``monthly_hrs``), T-family CPU credits (usage ``monthly_cpu_credit_hrs``), detailed monitoring
  (7 metrics per instance), each EBS block device, and the root volume from the AMI (usage
  ``root_volume_size_gb``) when the template does not define it.
- ``mixed_instances_policy``: the first ``override`` instance type (the launch template's
  otherwise); its ``weighted_capacity`` counts capacity units per instance. Instances above
  ``on_demand_base_capacity`` beyond ``on_demand_percentage_above_base_capacity`` are spot,
  whose prices are not in the catalog: those are unpriced, not $0.
- ``warm_pool``: its instances (max_group_prepared_capacity, else max_size, less the desired
  capacity; at least its min_size) as instances when Running, as their volumes when Stopped (the
  default) or Hibernated.
- A template the plan does not show (from a module output, a data source, a variable) leaves
  the group unpriced, naming it; on dedicated-host tenancy the hours are billed per host
  (aws_ec2_host) and the group adds only its volumes, as an aws_instance on a host does.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

from finops_gate.estimate.aws._common import (
    blocks,
    candidates,
    get,
    is_unknown,
    monthly_hours,
    not_a_count,
    num,
    number,
    unknown_in_code,
    unpriceable,
)
from finops_gate.estimate.aws.ec2_instance import (
    DETAILED_MONITORING_METRICS,
    cpu_credit_line,
    ebs_optimized_line,
    instance_hours_line,
)
from finops_gate.estimate.aws.launch_template import (
    Launch,
    Volume,
    billed_os,
    launch_of,
    pending_monitoring,
    volume_lines,
)
from finops_gate.estimate.aws.reserved import reserved_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

NAME = "Instance usage"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    launch = launch_of(resource)
    if launch is None:
        return [unpriceable(NAME, "hours", _no_template(resource))]
    if unknown_in_code(resource, "mixed_instances_policy.0.launch_template.0.override"):
        # a dynamic override block over a value the code does not tell: never the template's
        why = "the instance types come from a dynamic override block the code does not tell"
        return [unpriceable(NAME, "hours", f"{why}; price it from a plan")]
    mixed = blocks(resource, "mixed_instances_policy.0.launch_template.0.override")
    itype, weight = launch.instance_type, Decimal(1)
    if mixed and isinstance(mixed[0].get("instance_type"), str):
        itype = str(mixed[0]["instance_type"])
        path = "mixed_instances_policy.0.launch_template.0.override.0.weighted_capacity"
        given = number(mixed[0].get("weighted_capacity"), path)
        # AWS takes a whole weight of 1 to 999 (never "Infinity": 0 instances, a silent $0)
        bad = None if given is None else not_a_count(path, given)
        if bad is not None:
            return [unpriceable(f"{NAME} ({itype})", "hours", bad)]
        weight = given or Decimal(1)
    if itype is None and launch.pending("instance_type"):
        why = f"the {launch.kind}'s instance_type is unknown until apply"
        return [unpriceable(NAME, "hours", why)]
    if itype is None:
        return [unpriceable(NAME, "hours", f"the {launch.kind} sets no instance_type")]
    if usage.number("instances") is None and unknown_in_code(resource, "desired_capacity"):
        # set to a value the code does not tell (a variable with no value): never the minimum
        why = "desired_capacity is unknown until apply; usage 'instances' sets the count"
        return [unpriceable(f"{NAME} ({itype})", "hours", why)]
    try:
        count = _instances(resource, usage, weight)
    except BadCount as bad:
        return [unpriceable(f"{NAME} ({itype})", "hours", str(bad))]
    if isinstance(count, str) and launch.spot:
        # spot instances have no rate to show beside the count usage would give
        why = f"spot prices change hourly and are not in the catalog ({count})"
        return [unpriceable(f"{NAME} (spot, {itype})", "hours", why)]
    if isinstance(count, str):
        return [
            CostLine(
                f"{NAME} ({itype}; {count})",
                "hours",
                _hours_key(itype, launch, usage),
                None,
                usage_key="instances",
            )
        ]
    try:
        spot = _spot_instances(resource, count, weight)
    except BadCount as bad:
        return [unpriceable(f"{NAME} ({itype})", "hours", str(bad))]
    if launch.spot:
        spot = count
    lines = instance_lines(launch, itype, usage, count - spot, resource.region)
    lines.extend(_warm_pool(resource, launch, itype, usage, count))
    if spot > 0:
        lines.insert(
            0,
            unpriceable(
                f"{NAME} (spot, {itype}, {spot} instances)",
                "hours",
                "spot prices change hourly and are not in the catalog",
            ),
        )
        lines.extend(_volumes(launch, usage, spot))
    return lines


def instance_lines(
    launch: Launch, itype: str, usage: Usage, count: Decimal, region: str | None = None
) -> list[CostLine]:
    """Hours, credits, monitoring and volumes of ``count`` on-demand instances of ``launch``."""
    if launch.tenancy == "host":
        # the hosts are billed per hour (aws_ec2_host) whatever runs on them; the volumes are
        # not (as for an aws_instance on a host). Said on the first line
        said = "[on dedicated hosts: instance hours billed on the hosts] "
        volumes = _volumes(launch, usage, count)
        return [replace(volumes[0], name=said + volumes[0].name), *volumes[1:]]
    os_name, assumed = billed_os(launch.ami, usage, launch.image)
    hours = instance_hours_line(itype, launch.tenancy, os_name, monthly_hours(usage), count, region)
    lines = [replace(reserved_line(hours, usage, offering=True), assumption=assumed)]
    fee = ebs_optimized_line(itype, launch.ebs_optimized, monthly_hours(usage), count)
    if fee is not None:
        lines.append(fee)
    credit = cpu_credit_line(itype, launch.cpu_credits, usage, count, os_name)
    if credit is not None:
        lines.append(credit)
    if launch.monitoring:
        lines.append(
            CostLine(
                "EC2 detailed monitoring",
                "metrics",
                "cloudwatch.metrics",
                DETAILED_MONITORING_METRICS * count,
            )
        )
    pending = pending_monitoring(launch, launch.monitoring)
    if pending is not None:
        lines.append(pending)
    if launch.public_ip is True:
        lines.append(public_ipv4_line(monthly_hours(usage), count))
    lines.extend(_volumes(launch, usage, count))
    return lines


def public_ipv4_line(hours: Decimal, count: Decimal) -> CostLine:
    """The public IPv4 address each instance gets (https://aws.amazon.com/vpc/pricing/)."""
    return CostLine("Public IPv4 address", "hours", "vpc.public_ipv4", hours * count)


def _warm_pool(
    resource: Resource, launch: Launch, itype: str, usage: Usage, desired: Decimal
) -> list[CostLine]:
    """The instances a ``warm_pool`` keeps beside the group (https://docs.aws.amazon.com/
    autoscaling/ec2/userguide/ec2-auto-scaling-warm-pools.html): max_group_prepared_capacity
    (unset or -1: the group's max_size) less the desired capacity, at least the pool's
    min_size. Running, they are billed as instances; Stopped (the default) or Hibernated, for
    their EBS volumes only (https://aws.amazon.com/ec2/autoscaling/pricing/)."""
    pools = blocks(resource, "warm_pool")
    if not pools:
        return []
    pool, prefix = pools[0], "warm pool / "
    path = "warm_pool.0.max_group_prepared_capacity"
    prepared = number(pool.get("max_group_prepared_capacity"), path)
    if prepared is None or prepared == -1:
        path, prepared = "max_size", num(resource, "max_size")
    least = number(pool.get("min_size"), "warm_pool.0.min_size") or Decimal(0)
    if prepared is None:
        return [unpriceable(f"{prefix}{NAME} ({itype})", "hours", f"{path} is unknown until apply")]
    size = max(least, prepared - desired, Decimal(0))
    bad = not_a_count(f"the warm pool size from {path}", size, least=Decimal(0))
    if bad is not None:
        return [unpriceable(f"{prefix}{NAME} ({itype})", "hours", bad)]
    if size == 0:
        return []
    state = str(pool.get("pool_state") or "Stopped")
    prefix = f"warm pool ({state.lower()}, {size} instances) / "
    if state == "Running":
        lines = instance_lines(launch, itype, usage, size, resource.region)
    else:  # stopped or hibernated: no instance hours, no public address; the volumes stay
        lines = _volumes(launch, usage, size)
    return [replace(line, name=prefix + line.name) for line in lines]


def _volumes(launch: Launch, usage: Usage, count: Decimal) -> list[CostLine]:
    lines: list[CostLine] = []
    has_root = any(v.prefix.startswith("root_block_device") for v in launch.volumes)
    if not has_root and launch.ami_root is not None:
        lines.extend(
            volume_lines(Volume("root_block_device / ", None, launch.ami_root), usage, count)
        )
    elif not has_root:
        given = usage.number("root_volume_size_gb")
        lines.append(
            CostLine(
                "root_block_device / Storage (size and type from the AMI; gp2 rate)",
                "GB",
                "ebs.gp2.storage",
                None if given is None else given * count,
                usage_key="root_volume_size_gb",
            )
        )
    for volume in launch.volumes:
        lines.extend(volume_lines(volume, usage, count))
    return lines


def _hours_key(itype: str, launch: Launch, usage: Usage) -> str:
    os_name, _ = billed_os(launch.ami, usage, launch.image)
    return instance_hours_line(itype, launch.tenancy, os_name, Decimal(0), Decimal(0)).price_key


def _instances(resource: Resource, usage: Usage, weight: Decimal) -> Decimal | str:
    """Instances running, or why that depends on usage ``instances``."""
    given = usage.number("instances")
    if given is not None:
        return given
    path = "desired_capacity"
    capacity = num(resource, path)
    if capacity is None:
        path = "min_size"
        capacity = num(resource, path)
        if capacity is None or capacity == 0:
            why = "min_size is 0" if capacity == 0 else "min_size is unknown until apply"
            return f"{why} and desired_capacity is not set: set usage 'instances'"
    bad = not_a_count(path, capacity, least=Decimal(0))
    if bad is not None:
        raise BadCount(bad)
    return Decimal(math.ceil(capacity / weight))


class BadCount(ValueError):
    """A capacity no group can have (negative, fractional, infinite or absurd): the group is
    unpriced naming it, never a crash in the arithmetic nor a guessed count."""


def _spot_instances(resource: Resource, count: Decimal, weight: Decimal) -> Decimal:
    """The spot instances of ``count``: those above the on-demand base (given in capacity
    units, as the desired capacity: ``weight`` units per instance) beyond the on-demand share
    (https://docs.aws.amazon.com/autoscaling/ec2/userguide/mixed-instances-groups-set-up-overview.html)."""
    dist = "mixed_instances_policy.0.instances_distribution.0."
    if not blocks(resource, "mixed_instances_policy"):
        return Decimal(0)
    base = num(resource, dist + "on_demand_base_capacity") or Decimal(0)
    percent = num(resource, dist + "on_demand_percentage_above_base_capacity")
    if percent is None:
        percent = Decimal(100)  # the AWS default: all on-demand
    bad = not_a_count(dist + "on_demand_base_capacity", base, least=Decimal(0))
    if bad is None and not Decimal(0) <= percent <= 100:
        bad = f"{dist}on_demand_percentage_above_base_capacity is {percent}, not 0 to 100; fix it"
    if bad is not None:
        raise BadCount(bad)
    base_instances = Decimal(math.ceil(base / weight))
    above = max(count - base_instances, Decimal(0))
    on_demand_above = Decimal(math.ceil(above * percent / 100))
    return above - on_demand_above


def _no_template(resource: Resource) -> str:
    several = candidates(resource, "launch_template")
    if several:
        return (
            f"the launch template it names is any of {len(several)} templates planned with that "
            f"name or id ({', '.join(several[:5])}): which one runs is not known; refer to one"
        )
    for path in (
        "launch_template",
        "launch_configuration",
        "mixed_instances_policy",
    ):
        if get(resource, path) or is_unknown(resource, path):
            return (
                f"the {path.replace('_', ' ')} it uses is not in the plan (a module output, "
                "data source or variable) or the code alone cannot tell it; price it from a "
                "plan that creates the template"
            )
    return "no launch template or launch configuration is set"
