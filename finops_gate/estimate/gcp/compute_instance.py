"""google_compute_instance: https://cloud.google.com/compute/vm-instance-pricing,
https://cloud.google.com/compute/disks-image-pricing and https://cloud.google.com/compute/gpus-pricing.

- Instance hours (usage ``monthly_hrs``, default 730) of ``machine_type``: predefined types at
  their list rate; ``custom-*`` types (N1, N2, N2D, E2) per vCPU and GB, extended memory apart.
  ``scheduling.preemptible`` or ``provisioning_model = "SPOT"``: the spot rate, named "spot".
- A premium public image (``windows-cloud``, ``rhel-cloud``, ``suse-cloud``... see
  _common.PREMIUM_PROJECTS) adds its licence hours per machine type, named so; the shipped
  catalog has no licence rates, so such a VM is unpriced naming it, never a Linux VM's price.
- Boot disk: ``boot_disk.initialize_params`` size and type (unset type: pd-standard, named so);
  a size left to the image is unknown in a plan: usage ``boot_disk_size_gb``, never a guess.
  Attached disks, and a boot disk given only by ``boot_disk.source`` (an existing disk, no
  ``initialize_params``), are priced on their google_compute_disk.
- ``scratch_disk`` blocks: local SSD, 375 GB each unless ``size`` says otherwise; a machine type
  that comes with its local SSDs (``c3-standard-8-lssd``: _common.bundles_local_ssd) has them
  in its rate, so its ``scratch_disk`` blocks are not billed again.
- ``guest_accelerator``: GPU hours per GPU; none for an accelerator-optimized type (A2, A3,
  A4, G2, G4: _common.bundles_gpus), whose rate includes its GPUs.
- ``network_interface.access_config``: an external IPv4 address in use (billed hourly since 2024),
  except one whose ``nat_ip`` is a google_compute_address of the plan or code: that address bills
  it (in use), so it is not counted twice.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours, related
from finops_gate.estimate.gcp._common import (
    bundles_local_ssd,
    disk_line,
    get,
    gpu_lines,
    license_line,
    machine_lines,
    num,
    number,
    premium_image,
    spot,
    text,
    unknown_lines,
    written_unknown,
)
from finops_gate.estimate.gcp.compute_disk import BILLED_IOPS, default_iops_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

LOCAL_SSD_GB = Decimal(375)
# the arguments that choose the spot rate (preemptible and spot VMs are billed alike)
SPOT_PATHS = ("scheduling.0.preemptible", "scheduling.0.provisioning_model")


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    mtype = text(resource, "machine_type")
    hours = monthly_hours(usage)
    is_spot = spot(resource)
    if mtype is None:
        return [
            CostLine(
                "Instance usage",
                "hours",
                "",
                None,
                unknown_reason="machine_type is unknown until apply",
            )
        ]
    premium = premium_image(text(resource, "boot_disk.0.initialize_params.0.image"))
    label = premium[1] if premium else "Linux/UNIX"
    market = written_unknown(resource, *SPOT_PATHS)
    if market is not None:  # spot or on-demand: not known, nor is the rate
        lines = unknown_lines(f"Instance usage ({mtype})", "hours", market, "its rate")
    else:
        lines = machine_lines(mtype, spot=is_spot, hours=hours, count=Decimal(1), os_label=label)
    if premium is not None:
        lines.append(license_line(premium, mtype, hours=hours, count=Decimal(1)))
    if not _boot_disk_is_attached(resource):
        lines.append(boot_disk_line(resource, usage))
        lines.extend(boot_iops_lines(resource))
    if not bundles_local_ssd(mtype):
        lines.extend(local_ssd_lines(resource, "scratch_disk", is_spot))
    lines.extend(
        gpu_lines(
            resource,
            "guest_accelerator",
            spot=is_spot,
            hours=hours,
            count=Decimal(1),
            machine_type=mtype,
        )
    )
    reserved = 1 if related(resource, "nat_address") is not None else 0
    lines.extend(external_ip_lines(resource, "network_interface", is_spot, hours, reserved))
    return lines


def _boot_disk_is_attached(resource: Resource) -> bool:
    """The boot disk is an existing disk (``source``) the VM does not create: billed on that
    disk's own resource. A plan of an applied VM sets ``source`` too, beside its
    ``initialize_params``: that disk is the VM's own."""
    source = bool(text(resource, "boot_disk.0.source")) or (
        "boot_disk.0.source" in resource.unknown  # a reference to a disk of the code
    )
    return source and not get(resource, "boot_disk.0.initialize_params")


def boot_disk_line(resource: Resource, usage: Usage) -> CostLine:
    params = "boot_disk.0.initialize_params.0"
    # a size known only after apply is usage boot_disk_size_gb when given, as one from the image
    sized = (f"{params}.size",) if usage.number("boot_disk_size_gb") is None else ()
    found = written_unknown(resource, f"{params}.type", *sized)
    if found is not None:
        return unknown_lines("boot_disk", "GB", found, "the boot disk's price")[0]
    size = num(resource, f"{params}.size")
    if size is None:
        size = usage.number("boot_disk_size_gb")
    return disk_line(
        "boot_disk / ", text(resource, f"{params}.type"), size, usage_key="boot_disk_size_gb"
    )


def boot_iops_lines(resource: Resource) -> list[CostLine]:
    """The IOPS of an extreme boot disk (pd-extreme, hyperdisk-extreme: every IOPS billed)."""
    params = "boot_disk.0.initialize_params.0"
    dtype = text(resource, f"{params}.type")
    if dtype not in BILLED_IOPS:
        return []
    iops = num(resource, f"{params}.provisioned_iops")
    if iops is None:
        return [default_iops_line(dtype, f"{params}.provisioned_iops", "boot_disk / ")]
    key = f"compute.disk.{dtype}.provisioned_iops"
    return [CostLine("boot_disk / Provisioned IOPS", "IOPS", key, iops)]


def local_ssd_lines(
    resource: Resource, path: str, is_spot: bool, count: Decimal = Decimal(1)
) -> list[CostLine]:
    disks = get(resource, path)
    total = Decimal(0)
    for i, disk in enumerate(disks if isinstance(disks, list) else []):
        where = f"{path}.{i}.size"
        if written_unknown(resource, where) is not None:
            return unknown_lines("Local SSD provisioned storage", "GB", where, "its size")
        # "375" in code: Terraform converts it; a word is refused (NotANumber), never 375
        size = number(disk.get("size"), where) if isinstance(disk, dict) else None
        total += size if size is not None and size > 0 else LOCAL_SSD_GB
    if not total:
        return []
    key = "compute.local_ssd.spot" if is_spot else "compute.local_ssd"
    name = "Local SSD provisioned storage" + (" (spot)" if is_spot else "")
    return [CostLine(name, "GB", key, total * count)]


def external_ip_lines(
    resource: Resource, path: str, is_spot: bool, hours: Decimal, reserved: int = 0
) -> list[CostLine]:
    """The external addresses of the access configs, less ``reserved`` ones that a
    google_compute_address bills."""
    nics = get(resource, path)
    count = -reserved
    for nic in nics if isinstance(nics, list) else []:
        if isinstance(nic, dict) and isinstance(nic.get("access_config"), list):
            count += len(nic["access_config"])
    if count <= 0:
        return []
    vm = "spot VM" if is_spot else "standard VM"
    key = "compute.ip.vm.spot" if is_spot else "compute.ip.vm"
    return [CostLine(f"External IP address (in use by a {vm})", "hours", key, hours * count)]
