"""google_compute_instance_group_manager / google_compute_region_instance_group_manager:
https://cloud.google.com/compute/vm-instance-pricing (a managed instance group costs what its VMs
cost; the group itself is free).

``target_size`` VMs (usage ``instances`` wins; a ``google_compute_autoscaler`` targeting the group
sets its size: priced at ``min_replicas``, like the Kubernetes HPA rule, and listed in the
assumptions) of the
instance template its first ``version`` names: the template's machine type (spot/preemptible at
the spot rate), its ``disk`` blocks (size from the image when unset: usage
``boot_disk_size_gb``), local SSDs, GPUs and external IPs, each x the VM count. The plan reader
joins the template's planned values to the group; a template outside this plan is unknown, so
the group is unpriced, naming it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws._common import monthly_hours
from finops_gate.estimate.gcp._common import disk_line, gpu_lines, machine_lines, num, spot, text
from finops_gate.estimate.gcp.compute_instance import external_ip_lines
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

# the key under which the plan reader joins the template's values (sources/terraform_plan.py)
TEMPLATE_KEY = "_instance_template"
# ... and the autoscaling_policy of a google_compute_(region_)autoscaler that targets the group
AUTOSCALER_KEY = "_autoscaler"

LOCAL_SSD_GB = Decimal(375)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    count = usage.number("instances")
    assumed: tuple[str, str] | None = None
    autoscaler = resource.attributes.get(AUTOSCALER_KEY)
    if count is None and isinstance(autoscaler, dict):
        # an autoscaler sets the group's size: like the Kubernetes HPA rule, its minimum
        low, high = autoscaler.get("min_replicas"), autoscaler.get("max_replicas")
        if isinstance(low, int) and not isinstance(low, bool):
            count = Decimal(low)
            assumed = ("instances", f"autoscaler {low}-{high}: minimum; usage instances sets it")
    if count is None:
        count = num(resource, "target_size")
    template = resource.attributes.get(TEMPLATE_KEY)
    if not isinstance(template, dict):
        reason = "its instance template is not in this plan, so the machine type is unknown"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    if count is None:
        reason = "target_size is unknown until apply (usage: instances)"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    tpl = Resource(resource.address, "terraform", "template", "google", attributes=template)
    mtype = text(tpl, "machine_type")
    if mtype is None:
        reason = "the template's machine_type is unknown until apply"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    hours = monthly_hours(usage)
    is_spot = spot(tpl)
    label = f"[{count} VM{'' if count == 1 else 's'}] "
    lines = [
        CostLine(label + line.name, line.unit, line.price_key, line.quantity, assumption=assumed)
        for line in machine_lines(mtype, spot=is_spot, hours=hours, count=count)
    ]
    lines.extend(_disk_lines(template, usage, count, is_spot))
    lines.extend(gpu_lines(tpl, "guest_accelerator", spot=is_spot, hours=hours, count=count))
    for line in external_ip_lines(tpl, "network_interface", is_spot, hours):
        lines.append(CostLine(line.name, line.unit, line.price_key, (line.quantity or 0) * count))
    return lines


def _disk_lines(
    template: dict[str, Any], usage: Usage, count: Decimal, is_spot: bool
) -> list[CostLine]:
    lines = []
    disks = template.get("disk")
    for i, disk in enumerate(disks if isinstance(disks, list) else []):
        if not isinstance(disk, dict):
            continue
        dtype = disk.get("disk_type")
        if dtype == "local-ssd" or disk.get("type") == "SCRATCH":
            size = disk.get("disk_size_gb") or LOCAL_SSD_GB
            key = "compute.local_ssd.spot" if is_spot else "compute.local_ssd"
            lines.append(
                CostLine(
                    f"disk[{i}] / Local SSD provisioned storage",
                    "GB",
                    key,
                    Decimal(str(size)) * count,
                )
            )
            continue
        size = disk.get("disk_size_gb")
        known = Decimal(str(size)) if isinstance(size, int) and size > 0 else None
        if known is None:
            given = usage.number("boot_disk_size_gb")
            known = None if given is None else given
        lines.append(
            disk_line(
                f"disk[{i}] / ",
                dtype if isinstance(dtype, str) and dtype else None,
                known,
                count=count,
                usage_key="boot_disk_size_gb",
            )
        )
    return lines
