"""Helpers the GCP mappers share: machine types (predefined and custom), disks, GPUs.

Compute Engine list prices (https://cloud.google.com/compute/vm-instance-pricing): predefined
machine types per hour; custom types per vCPU-hour and GB-hour (plus extended memory); spot and
preemptible VMs at the spot rate, as their own line name. Sustained-use and committed-use
discounts are not list prices and are never applied.
"""

from __future__ import annotations

import re
from decimal import Decimal

from finops_gate.estimate.aws._common import get, num, number, text, unknown_setting
from finops_gate.model import CostLine, Resource

__all__ = [
    "DISK_NAMES",
    "disk_line",
    "get",
    "gpu_lines",
    "license_line",
    "machine_lines",
    "num",
    "number",
    "premium_image",
    "text",
    "unknown_lines",
    "written_unknown",
]

# custom-<vcpus>-<MB>[-ext], with an optional family prefix (n2-, n2d-, e2-; none = N1)
_CUSTOM = re.compile(r"^(?:(?P<fam>[a-z0-9]+)-)?custom-(?P<cpu>\d+)-(?P<mb>\d+)(?P<ext>-ext)?$")
# N1 custom types include up to 6.5 GB per vCPU at the normal rate; more is extended memory
_N1_MAX_GB_PER_VCPU = Decimal("6.5")
_MAX_GB_PER_VCPU = {"n1": Decimal("6.5"), "n2": Decimal(8), "n2d": Decimal(8), "e2": Decimal(8)}

DISK_NAMES = {
    "pd-standard": "Standard provisioned storage (pd-standard)",
    "pd-balanced": "Balanced provisioned storage (pd-balanced)",
    "pd-ssd": "SSD provisioned storage (pd-ssd)",
    "pd-extreme": "Extreme provisioned storage (pd-extreme)",
    "hyperdisk-extreme": "Hyperdisk provisioned storage (hyperdisk-extreme)",
}


# the public image projects whose images bill a licence per VM hour beside the machine
# (https://cloud.google.com/compute/disks-image-pricing#premiumimages): the key part and the
# name the lines use. Images of any other project (debian-cloud, cos-cloud, ubuntu-os-cloud, a
# team's own) carry no such fee.
PREMIUM_PROJECTS = {
    "windows-cloud": ("windows", "Windows Server"),
    "windows-sql-cloud": ("windows_sql", "Windows Server with SQL Server"),
    "rhel-cloud": ("rhel", "RHEL"),
    "rhel-sap-cloud": ("rhel_sap", "RHEL for SAP"),
    "suse-cloud": ("sles", "SLES"),
    "suse-sap-cloud": ("sles_sap", "SLES for SAP"),
    "ubuntu-os-pro-cloud": ("ubuntu_pro", "Ubuntu Pro"),
}
_PROJECT = re.compile(r"(?:^|/)projects/([a-z0-9-]{1,64})/|^([a-z0-9-]{1,64})/")


def premium_image(image: object) -> tuple[str, str] | None:
    """``(key part, name)`` of a premium image's licence (PREMIUM_PROJECTS), from an image as
    Terraform takes it: ``windows-cloud/windows-2022``, ``projects/rhel-cloud/global/images/
    family/rhel-9``, a full URL; None for any other project, or an image named without one."""
    if not isinstance(image, str):
        return None
    found = _PROJECT.search(image.strip().lower()[:500])
    return PREMIUM_PROJECTS.get(found.group(1) or found.group(2)) if found else None


def license_line(
    premium: tuple[str, str], mtype: str, *, hours: Decimal, count: Decimal
) -> CostLine:
    """The premium image's licence hours for ``count`` VMs of ``mtype``; unpriced, naming what
    is missing, where the catalogs hold no such rate (the shipped one holds none)."""
    part, label = premium
    key = f"compute.license.{part}.{mtype}"
    name = f"{label} licence ({mtype})"
    why = (
        f"the {label} image licence is billed per VM hour beside the machine, and no catalog "
        f"used holds its rate ({key}): add a catalog folder with compute.license.* rates to "
        "pricing.catalog_dirs"
    )
    unknown = CostLine(name, "hours", "", None, unknown_reason=why)
    return CostLine(name, "hours", key, hours * count, fallback=unknown)


def bundles_local_ssd(machine_type: str) -> bool:
    """Whether the machine type comes with its local SSDs, priced in its hourly rate
    (``c3-standard-8-lssd``, ``c4d-highmem-16-lssd``, ``z3-highmem-88-standardlssd``): the disks
    a config lists for it (``scratch_disk``, a template's ``SCRATCH`` disks, a node pool's
    ``local_ssd_count``) are those, not more to bill."""
    return any("lssd" in part for part in machine_type.split("-")[2:])


def machine_lines(
    mtype: str, *, spot: bool, hours: Decimal, count: Decimal, os_label: str = "Linux/UNIX"
) -> list[CostLine]:
    """Instance-hour lines for ``count`` VMs of ``mtype`` (predefined or custom); ``os_label``
    names what the VMs run (the machine rate is the same, a premium image's licence apart)."""
    market = "spot" if spot else "on-demand"
    suffix = ".spot" if spot else ""
    custom = _CUSTOM.match(mtype)
    if custom is None:
        name = f"Instance usage ({os_label}, {market}, {mtype})"
        return [CostLine(name, "hours", f"compute.instance.{mtype}{suffix}", hours * count)]
    family = custom["fam"] or "n1"
    vcpus = Decimal(custom["cpu"])
    ram_gb = Decimal(custom["mb"]) / Decimal(1024)
    extended = Decimal(0)
    if custom["ext"]:
        limit = vcpus * _MAX_GB_PER_VCPU.get(family, _N1_MAX_GB_PER_VCPU)
        extended = max(ram_gb - limit, Decimal(0))
        ram_gb -= extended
    fam = family.upper()
    key = f"compute.custom.{family}"
    lines = [
        CostLine(
            f"Custom instance CPU ({os_label}, {market}, {fam} {vcpus} vCPUs)",
            "vCPU-hours",
            f"{key}.core{suffix}",
            vcpus * hours * count,
        ),
        CostLine(
            f"Custom instance RAM ({os_label}, {market}, {fam} {_gb(ram_gb)} GB)",
            "GB-hours",
            f"{key}.ram{suffix}",
            ram_gb * hours * count,
        ),
    ]
    if extended:
        lines.append(
            CostLine(
                f"Custom instance extended RAM ({os_label}, {market}, {fam} {_gb(extended)} GB)",
                "GB-hours",
                f"{key}.extended_ram{suffix}",
                extended * hours * count,
            )
        )
    return lines


def _gb(value: Decimal) -> str:
    return format(value.normalize(), "f")


# accelerator-optimized families: their GPUs come with the machine type, in its hourly rate
# (https://cloud.google.com/compute/vm-instance-pricing#accelerator-optimized: a2-highgpu-1g's
# $3.67 an hour is its vCPUs, memory and A100; G2's include their L4s)
_GPU_FAMILIES = frozenset({"a2", "a3", "a4", "a4x", "g2", "g4"})


def bundles_gpus(machine_type: str) -> bool:
    """Whether the machine type's rate includes its GPUs (``a2-highgpu-1g``, ``g2-standard-8``):
    the ``guest_accelerator`` a config lists for it (GKE asks for it) is those, not more."""
    return machine_type.split("-", 1)[0].lower() in _GPU_FAMILIES


def gpu_lines(
    resource: Resource,
    path: str,
    *,
    spot: bool,
    hours: Decimal,
    count: Decimal,
    machine_type: str = "",
) -> list[CostLine]:
    """``guest_accelerator`` blocks at ``path``: GPUs per VM x ``count`` VMs; none for a
    ``machine_type`` whose rate includes its GPUs."""
    if bundles_gpus(machine_type):
        return []
    lines = []
    blocks = get(resource, path)
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, dict):
            continue
        gtype, raw = block.get("type"), block.get("count")
        # "2" in code: Terraform converts it to the number the schema asks for
        usable = isinstance(raw, (int, float, str)) and not isinstance(raw, bool)
        per_vm = number(raw, f"{path}.count") if usable else None
        if per_vm == 0:
            continue
        if not isinstance(gtype, str) or per_vm is None or per_vm != per_vm.to_integral_value():
            # unknown until apply or not a whole number: the GPUs cost money, never drop them
            reason = f"{path} type/count is not known ({gtype!r} x {raw!r})"
            lines.append(CostLine("GPU", "hours", "", None, unknown_reason=reason))
            continue
        gtype = gtype.rsplit("/", 1)[-1]  # a full accelerator-type URL or its short name
        market = "spot" if spot else "on-demand"
        suffix = ".spot" if spot else ""
        lines.append(
            CostLine(
                f"GPU {gtype} ({market})",
                "hours",
                f"compute.gpu.{gtype}{suffix}",
                per_vm * hours * count,
            )
        )
    return lines


def disk_line(
    prefix: str,
    dtype: str | None,
    size: Decimal | None,
    *,
    count: Decimal = Decimal(1),
    default_type: str = "pd-standard",
    regional: bool = False,
    usage_key: str | None = None,
) -> CostLine:
    """One persistent-disk storage line; an unset type is named as the default it gets."""
    note = ""
    if dtype is None:
        dtype, note = default_type, f"[type not set: default {default_type}] "
    name = f"{prefix}{note}{DISK_NAMES.get(dtype, f'Provisioned storage ({dtype})')}"
    if regional:
        name += " (regional)"
    key = f"compute.disk.{dtype}{'.regional' if regional else ''}"
    if size is None:  # from the image or snapshot: depends on usage ``usage_key``
        return CostLine(name + " (size from the image)", "GB", key, None, usage_key=usage_key)
    return CostLine(name, "GB", key, size * count, usage_key=usage_key)


def spot(resource: Resource, path: str = "scheduling.0") -> bool:
    """Preemptible or spot: both are billed at the spot rate."""
    return (
        get(resource, f"{path}.preemptible") is True
        or (text(resource, f"{path}.provisioning_model") or "").upper() == "SPOT"
    )


def written_unknown(resource: Resource, *paths: str) -> str | None:
    """The first of ``paths`` the code (or the plan's configuration) sets to a value known only
    after apply: the default Google gives an unset argument is not its value, so a line priced
    on it would be a guess; None when each is known or truly unset."""
    return next((p for p in paths if unknown_setting(resource, p, computed=True)), None)


def unknown_lines(name: str, unit: str, path: str, what: str) -> list[CostLine]:
    """One unpriced line: ``path`` is known only after apply and sets ``what``."""
    reason = f"{path} is unknown until apply, and it sets {what}"
    return [CostLine(name, unit, "", None, unknown_reason=reason)]
