"""aws_eks_node_group: https://aws.amazon.com/ec2/pricing/on-demand/ (the nodes are EC2
instances; EKS adds no charge per node) and https://aws.amazon.com/ebs/pricing/ (node disks).

- Nodes: ``scaling_config[0].desired_size`` (usage ``instances`` overrides; unknown => unpriced)
  x instance hours (usage ``monthly_hrs``) of the first of ``instance_types`` (the type EKS
  launches first for on-demand capacity). ``instance_types`` left unset without a launch
  template (a plan shows it unknown: Optional+Computed) is the EKS default t3.medium, and the
  line says so; with a launch template the type comes from that template, which the plan
  reader joins (see launch_template.py), and a template the plan does not show leaves the group
  unpriced, naming it.
  ``capacity_type = "SPOT"`` is unpriced (spot prices move hourly and are not in the catalog).
  Windows AMI types use the Windows rate; a custom AMI (``ami_type = "CUSTOM"``, or an
  ``image_id`` in the launch template) the rate of what that AMI runs, as for aws_instance.
- Disk: ``disk_size`` GB of gp2 per node (EKS default 20 GB, 50 GB on Windows, marked as such);
  with a launch template the disks are its block device mappings (per node: an io1 or gp3
  mapping keeps its type, IOPS and throughput); a template without mappings, or one the plan
  does not show: usage ``disk_size_gb`` at the gp2 rate.
- T-family CPU credits as for aws_instance (the template's ``credit_specification`` counts);
  the template's detailed monitoring, 7 metrics per node.
"""

from __future__ import annotations

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
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
)
from finops_gate.estimate.aws.autoscaling_group import public_ipv4_line
from finops_gate.estimate.aws.ec2_instance import (
    DETAILED_MONITORING_METRICS,
    cpu_credit_line,
    instance_hours_line,
)
from finops_gate.estimate.aws.launch_template import (
    Volume,
    billed_os,
    launch_of,
    pending_monitoring,
    volume_lines,
)
from finops_gate.estimate.aws.reserved import reserved_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    count = usage.number("instances")
    if count is None:
        count = num(resource, "scaling_config.0.desired_size")
        if count is None:
            return [unknown_line("Instance usage", "hours", "scaling_config.0.desired_size")]
        bad = not_a_count("scaling_config.0.desired_size", count, least=Decimal(0))
        if bad is not None:  # 2.5 nodes, -1 nodes, Infinity: no group runs them
            return [unpriceable("Instance usage", "hours", bad)]
    if unknown_setting(resource, "capacity_type", computed=True):
        return [unknown_line("Instance usage", "hours", "capacity_type", " (spot or on-demand)")]
    if (text(resource, "capacity_type") or "ON_DEMAND") == "SPOT":
        return [
            unpriceable(
                "Instance usage (spot)",
                "hours",
                "spot prices change hourly and are not in the catalog",
            )
        ]
    has_template = bool(blocks(resource, "launch_template")) or is_unknown(
        resource, "launch_template"
    )
    launch = launch_of(resource) if has_template else None
    types = get(resource, "instance_types")
    ami_type = (text(resource, "ami_type") or "").upper()
    windows = "WINDOWS" in ami_type
    assumed = None
    if windows:
        os_name = "windows"
    elif launch is not None and (
        ami_type == "CUSTOM" or (not ami_type and (launch.image or launch.ami is not None))
    ):
        # a custom AMI in the launch template (EKS takes an image_id there as CUSTOM): billed
        # as what that AMI runs (launch_template.billed_os)
        os_name, assumed = billed_os(launch.ami, usage, launch.image)
    else:
        os_name = usage.text("operating_system") or "linux"
    default_note = ""
    if isinstance(types, list) and types and isinstance(types[0], str):
        itype = types[0]
    elif launch is not None and launch.instance_type is not None:
        itype = launch.instance_type
    elif launch is not None and launch.pending("instance_type"):
        why = f"the {launch.kind}'s instance_type is unknown until apply (never EKS's default)"
        return [unpriceable("Instance usage", "hours", why)]
    elif launch is not None:
        itype, default_note = "t3.medium", "[instance type set nowhere: EKS default t3.medium] "
    elif has_template:
        why = "instance type comes from the launch template, not shown on the node group"
        several = candidates(resource, "launch_template")
        if several:
            why = (
                f"instance type comes from the launch template, which is any of {len(several)} "
                f"templates planned with the name or id it gives ({', '.join(several[:5])})"
            )
        return [unpriceable("Instance usage", "hours", why)]
    else:
        itype, default_note = "t3.medium", "[instance_types not set: EKS default t3.medium] "
    hours_line = instance_hours_line(
        itype, None, os_name, monthly_hours(usage), count, resource.region
    )
    hours_line = reserved_line(hours_line, usage, offering=True)
    lines = [replace(hours_line, name=default_note + hours_line.name, assumption=assumed)]
    credit = cpu_credit_line(itype, launch.cpu_credits if launch else None, usage, count, os_name)
    if credit is not None:
        lines.append(credit)
    if launch is not None and launch.monitoring:
        lines.append(
            CostLine(
                "EC2 detailed monitoring",
                "metrics",
                "cloudwatch.metrics",
                DETAILED_MONITORING_METRICS * count,
            )
        )
    pending = pending_monitoring(launch, launch.monitoring if launch is not None else None)
    if pending is not None:
        lines.append(pending)
    if launch is not None and launch.public_ip is True:
        lines.append(public_ipv4_line(monthly_hours(usage), count))
    if launch is not None and (launch.volumes or launch.root_mapping is not None):
        if launch.root_mapping is not None and launch.ami_root is not None:
            # the template's mapping of the AMI's root device (launch_template.from_template)
            root = Volume("root_block_device / ", None, launch.ami_root)
            lines.extend(volume_lines(root, usage, count))
        for volume in launch.volumes:
            lines.extend(volume_lines(volume, usage, count))
        return lines
    lines.append(_disk_line(resource, usage, count, windows=windows, has_template=has_template))
    return lines


def _disk_line(
    resource: Resource, usage: Usage, count: Decimal, *, windows: bool, has_template: bool
) -> CostLine:
    if has_template:
        given = usage.number("disk_size_gb")
        several = candidates(resource, "launch_template")
        which = f", any of {', '.join(several[:5])}" if several else ""
        return CostLine(
            f"Storage (from the launch template{which}; gp2 rate)",
            "GB",
            "ebs.gp2.storage",
            None if given is None else given * count,
            usage_key="disk_size_gb",
        )
    size = num(resource, "disk_size")
    name = "Storage (general purpose SSD, gp2)"
    if size is None:
        size = Decimal(50 if windows else 20)
        name = f"[disk_size not set: EKS default {size} GB] {name}"
    return CostLine(name, "GB", "ebs.gp2.storage", size * count)
