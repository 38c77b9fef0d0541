"""google_compute_instance_group_manager / google_compute_region_instance_group_manager:
https://cloud.google.com/compute/vm-instance-pricing (a managed instance group costs what its VMs
cost; the group itself is free).

``target_size`` VMs (usage ``instances`` wins; a ``google_compute_autoscaler`` targeting the group
sets its size: priced at ``min_replicas``, like the Kubernetes HPA rule, and listed in the
assumptions), plus one VM per ``google_compute_per_instance_config`` of the group (the provider
creates each through ``createInstances``, which grows the target size), of the instance template
its first ``version`` names: the template's machine type (spot/preemptible at the spot rate), its
``disk`` blocks (size from the image when unset: usage ``boot_disk_size_gb``), local SSDs, GPUs
and external IPs, each x the VM count; a premium public image on the boot disk adds its
licence hours (see compute_instance). Both Terraform readers join the template, autoscaler and
per-instance configs to the group (``sources/terraform_links.py``); a template outside the plan
or code is unknown, so the group is unpriced, naming it. An argument of the template that sets
the VMs' price (machine type, a disk's type, size or IOPS, GPUs, spot, external IPs) written
with a value known only after apply reaches the group with the join (``WRITTEN_UNKNOWN``): the
group is unpriced naming it, never priced at Google's default for leaving it unset.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws._common import monthly_hours, number, related, related_list
from finops_gate.estimate.gcp._common import (
    bundles_local_ssd,
    disk_line,
    get,
    gpu_lines,
    license_line,
    machine_lines,
    num,
    premium_image,
    spot,
    text,
)
from finops_gate.estimate.gcp.compute_disk import BILLED_IOPS, default_iops_line
from finops_gate.estimate.gcp.compute_instance import external_ip_lines
from finops_gate.estimate.usage import Usage
from finops_gate.model import UNKNOWN_ARGUMENTS, WRITTEN_UNKNOWN, CostLine, Resource

LOCAL_SSD_GB = Decimal(375)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    count = usage.number("instances")
    assumed: tuple[str, str] | None = None
    note = ""
    autoscaler = _autoscaling_policy(resource)
    if count is None and autoscaler is not None:
        # an autoscaler sets the group's size: like the Kubernetes HPA rule, its minimum
        low, high = autoscaler.get("min_replicas"), autoscaler.get("max_replicas")
        if isinstance(low, int) and not isinstance(low, bool):
            count = Decimal(low)
            assumed = ("instances", f"autoscaler {low}-{high}: minimum; usage instances sets it")
    if count is None:
        count = num(resource, "target_size")
        configs = len(related_list(resource, "per_instance_configs"))
        if count is not None and configs:
            note = f": target_size {count} + {configs} per-instance config{'s' * (configs > 1)}"
            count += configs
    found = related(resource, "instance_template")
    template = dict(found) if found is not None else None
    if template is None:
        reason = (
            "its instance template is not in this plan or module (or is one instance of a"
            " counted one), so the machine type is unknown"
        )
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    if count is None:
        reason = "target_size is unknown until apply (usage: instances)"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    versions = get(resource, "version")
    if isinstance(versions, list) and len(versions) > 1:
        found = related(resource, "canary_template")
        canary = dict(found) if found is not None else None
        if canary is None or _priced_shape(canary) != _priced_shape(template):
            why = (
                "its second version's instance template is not in this plan or module"
                if canary is None
                else "its VMs split between two versions whose templates are priced differently"
                " (machine type, disks, GPUs, spot or addresses), and the split is not priced"
            )
            return [CostLine("Instance usage", "hours", "", None, unknown_reason=why)]
        unknown = _written_unknown(canary, usage)
        if unknown:  # alike in what is known, not in what is not
            line = _unknown_template_line(unknown)
            why = str(line.unknown_reason).replace("instance template's", "second version's", 1)
            return [CostLine("Instance usage", "hours", "", None, unknown_reason=why)]
    tpl = Resource(resource.address, "terraform", "template", "google", attributes=template)
    mtype = text(tpl, "machine_type")
    if mtype is None:
        reason = "the template's machine_type is unknown until apply"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    written = _written_unknown(template, usage)
    if written:
        return [_unknown_template_line(written)]
    hours = monthly_hours(usage)
    is_spot = spot(tpl)
    label = f"[{count} VM{'' if count == 1 else 's'}{note}] "
    premium = premium_image(_boot_image(template))
    runs = premium[1] if premium else "Linux/UNIX"
    lines = [
        CostLine(label + line.name, line.unit, line.price_key, line.quantity, assumption=assumed)
        for line in machine_lines(mtype, spot=is_spot, hours=hours, count=count, os_label=runs)
    ]
    if premium is not None:
        lines.append(license_line(premium, mtype, hours=hours, count=count))
    lines.extend(_disk_lines(template, usage, count, is_spot, bundles_local_ssd(mtype)))
    lines.extend(
        gpu_lines(
            tpl, "guest_accelerator", spot=is_spot, hours=hours, count=count, machine_type=mtype
        )
    )
    for line in external_ip_lines(tpl, "network_interface", is_spot, hours):
        lines.append(CostLine(line.name, line.unit, line.price_key, (line.quantity or 0) * count))
    return lines


# the arguments of a template's blocks that set its VMs' price (their other arguments, a disk's
# labels or a network's name, do not)
_PRICED = {
    "disk": frozenset(
        {"disk_type", "disk_size_gb", "type", "provisioned_iops", "source_image", "source"}
    ),
    "guest_accelerator": frozenset({"type", "count"}),
    "scheduling": frozenset({"preemptible", "provisioning_model"}),
    "network_interface": frozenset({"access_config"}),
}


# blocks of google_compute_instance_template the provider never computes (its schema: no
# ``Computed``): a plan shows one unknown as a whole only when the code writes it so
_NOT_COMPUTED = ("disk", "guest_accelerator", "network_interface")


def _written_unknown(template: Mapping[str, Any], usage: Usage) -> list[str]:
    """The arguments of the joined template that set its VMs' price and that its code sets to
    a value known only after apply (both readers keep them with the template's values under
    WRITTEN_UNKNOWN, as for a launch template; a plan shows a dynamic ``disk``, GPU or network
    block unknown as a whole under UNKNOWN_ARGUMENTS). Google's default for leaving one unset
    (pd-standard, on-demand, no GPU, the image's size) is not its value, so the group is
    unpriced naming them. A disk size so is usage ``boot_disk_size_gb`` when given, as one
    from the image."""
    written = template.get(WRITTEN_UNKNOWN)
    paths = set(written) if isinstance(written, frozenset) else set()
    whole = template.get(UNKNOWN_ARGUMENTS)
    for block in _NOT_COMPUTED:
        if isinstance(whole, frozenset) and block in whole and not template.get(block):
            paths.add(block)  # unknown as a whole only when written so (a dynamic block)
    sized = usage.number("boot_disk_size_gb") is not None
    found = []
    for path in sorted(paths):
        parts = path.split(".")
        if parts[0] == "machine_type":
            found.append(path)
        elif parts[0] in _PRICED and (len(parts) < 3 or parts[2] in _PRICED[parts[0]]):
            if sized and parts[0] == "disk" and parts[2:] == ["disk_size_gb"]:
                continue
            found.append(path)
    return found


def _unknown_template_line(paths: list[str]) -> CostLine:
    named = ", ".join(paths)
    verb = "is" if len(paths) == 1 else "are"
    reason = (
        f"the instance template's {named} {verb} unknown until apply, and"
        f" {'it sets' if len(paths) == 1 else 'they set'} the price of the group's VMs"
    )
    return CostLine("Instance usage", "hours", "", None, unknown_reason=reason)


def _priced_shape(template: dict[str, Any]) -> tuple[object, ...]:
    """What sets the price of a template's VM: two templates alike in it cost the same (a new
    image of the same family, new labels or metadata, as a canary version usually is). Built
    from _PRICED, every priced argument of every block, so the two cannot drift apart."""
    blocks = tuple(
        (
            block,
            [
                tuple((key, _shape_value(key, item.get(key))) for key in sorted(keys))
                for item in template.get(block) or []
                if isinstance(item, dict)
            ],
        )
        for block, keys in sorted(_PRICED.items())
    )
    return (
        template.get("machine_type"),
        spot(Resource("", "terraform", "template", "google", attributes=template)),
        premium_image(_boot_image(template)),
        blocks,
    )


def _shape_value(key: str, value: object) -> object:
    """An argument as it sets the price: an image by its licence (a new image of the same
    family costs the same), the external addresses by their count."""
    if key == "source_image":
        return premium_image(value)
    if key == "access_config":
        return len(value) if isinstance(value, list) else value
    return value


def _boot_image(template: dict[str, Any]) -> object:
    """The image the template's boot disk starts from (the disk marked ``boot``, else the
    first, as Compute Engine takes it)."""
    disks = [d for d in template.get("disk") or [] if isinstance(d, dict)]
    boot = next((d for d in disks if d.get("boot") is True), disks[0] if disks else None)
    return None if boot is None else boot.get("source_image")


def _autoscaling_policy(resource: Resource) -> dict[str, Any] | None:
    """min/max replicas of the autoscaler targeting the group (the first, if several)."""
    for scaler in related_list(resource, "autoscalers"):
        policy = scaler.get("autoscaling_policy")
        first = policy[0] if isinstance(policy, list) and policy else None
        if isinstance(first, dict):
            return {k: first[k] for k in ("min_replicas", "max_replicas") if k in first}
    return None


def _disk_lines(
    template: dict[str, Any], usage: Usage, count: Decimal, is_spot: bool, bundled: bool
) -> list[CostLine]:
    """The template's disks; its local SSDs are in the machine type's rate when ``bundled``."""
    lines = []
    disks = template.get("disk")
    for i, disk in enumerate(disks if isinstance(disks, list) else []):
        if not isinstance(disk, dict):
            continue
        dtype = disk.get("disk_type")
        if dtype == "local-ssd" or disk.get("type") == "SCRATCH":
            if bundled:
                continue
            # "375" in code: Terraform converts it; a word is refused (NotANumber), never 375
            stated = number(disk.get("disk_size_gb"), f"disk.{i}.disk_size_gb")
            ssd = stated if stated is not None and stated > 0 else LOCAL_SSD_GB
            key = "compute.local_ssd.spot" if is_spot else "compute.local_ssd"
            lines.append(
                CostLine(f"disk[{i}] / Local SSD provisioned storage", "GB", key, ssd * count)
            )
            continue
        # "375" in code: Terraform converts it
        size = number(disk.get("disk_size_gb"), "disk.disk_size_gb")
        known = size if size is not None and size.is_finite() and size > 0 else None
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
        if dtype in BILLED_IOPS:  # every IOPS of an extreme disk is billed, per VM
            iops = number(disk.get("provisioned_iops"), f"disk.{i}.provisioned_iops")
            if iops is None:
                lines.append(
                    default_iops_line(dtype, f"disk.{i}.provisioned_iops", f"disk[{i}] / ")
                )
            else:
                key = f"compute.disk.{dtype}.provisioned_iops"
                name = f"disk[{i}] / Provisioned IOPS"
                lines.append(CostLine(name, "IOPS", key, iops * count))
    return lines
