"""Helpers the Azure mappers share: VM sizes, managed-disk tiers.

VM prices: https://azure.microsoft.com/pricing/details/virtual-machines/linux/ (pay as you go);
managed disks: https://azure.microsoft.com/pricing/details/managed-disks/ (Premium SSD, Standard
SSD and Standard HDD are billed per disk by the tier its size falls into; Ultra per GiB of its
billing size — 4, 8, 16 ... 512 GiB, then whole TiB up to 64 TiB: a disk is billed at the next
step up — and per provisioned IOPS and MB/s, which Azure sets from the size when the code does
not).
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, Decimal
from typing import Any

from finops_gate.estimate.aws import _common as aws
from finops_gate.estimate.aws._common import NotANumber, unknown_in_code, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

__all__ = [
    "BadValue",
    "WrittenUnknown",
    "disk_lines",
    "flag",
    "get",
    "num",
    "premium_capable",
    "text",
    "vm_line",
]


class WrittenUnknown(NotANumber):
    """An argument the code writes with a value known only after apply (``sku =
    data.x.y``, a ``dynamic`` block over one): every Azure price here depends on what it reads,
    so the side is unpriced naming it (``estimate/terraform.py``), never priced at the argument's
    default (a Basic load balancer's $0, one App Service worker, Standard HDD)."""

    def __init__(self, path: str) -> None:
        ValueError.__init__(
            self,
            f"{path} is written with a value known only after apply, and the price depends on it",
        )


class BadValue(NotANumber):
    """A value no real resource takes (-2 nodes, 1.5 nodes): the side is unpriced with
    ``message`` (``aws._common.not_a_count``'s reason), as for a NotANumber."""

    def __init__(self, message: str) -> None:
        ValueError.__init__(self, message)


def _written_unknown(resource: Resource, path: str) -> bool:
    """True when ``path``, or a block holding it, is written with a value the code does not tell
    (``os_disk.0.storage_account_type`` under a dynamic ``os_disk``)."""
    parts = path.split(".")
    return any(unknown_in_code(resource, ".".join(parts[: i + 1])) for i in range(len(parts)))


def get(resource: Resource, path: str) -> Any:
    """The known value at ``path``, None when unset; WrittenUnknown when the code writes it with
    a value known only after apply (a plan's unknown that the provider computes for an unset
    argument is not that: None, as unset)."""
    value = aws.get(resource, path)
    if value is None and _written_unknown(resource, path):
        raise WrittenUnknown(path)
    return value


def dedicated_host(resource: Resource, *paths: str) -> str | None:
    """The dedicated host (group) of ``paths`` the VM (or scale set) runs on, named for the
    report (``dedicated_host_id h``, or one created with it: known after apply), or None:
    https://azure.microsoft.com/pricing/details/virtual-machines/dedicated-host/ bills the host
    per hour, whatever runs on it."""
    for path in paths:
        value = aws.get(resource, path)
        if value:  # (as before: an empty id, or false, is no host)
            return f"{path} {str(value).rstrip('/').rsplit('/', 1)[-1][:80]}"
        if path in resource.unknown or unknown_in_code(resource, path):
            return f"{path} known after apply"
    return None


ON_HOST = "[on a dedicated host: instance hours billed on the host] "


def on_host(lines: list[CostLine], host: str, what: str) -> list[CostLine]:
    """The lines of ``what`` (``Standard_D2s_v3``, ``[2 instances] Standard_D2s_v3``) on the
    dedicated host ``host``: first a $0 line naming the host, where its instance hours (and a
    Windows Server licence) are billed, so that a VM whose disks and image bill nothing (an
    ephemeral OS disk, no licensed image) says why it costs $0, never a silent $0."""
    name = f"{ON_HOST}Instance usage ({what}, {host})"
    return [CostLine(name, "month", "", Decimal(1), unit_price=Decimal(0)), *lines]


def billed_image_licence(
    resource: Resource, image: str, *, windows: bool
) -> tuple[str, str] | None:
    """The licence the image at ``image`` (``source_image_reference.0``) bills per hour, None
    when it bills none or when a Linux VM's ``license_type`` brings it (Azure Hybrid Benefit
    for Linux)."""
    software = image_licence(
        text(resource, f"{image}.publisher"),
        text(resource, f"{image}.offer"),
        text(resource, f"{image}.sku"),
    )
    if software is not None and not windows:
        return None if brought_licence(software, text(resource, "license_type")) else software
    return software


def num(resource: Resource, path: str) -> Decimal | None:
    """The number at ``path`` (None when unset); a true/false there is no number Terraform
    takes, so NotANumber, never read as unset (and so as the default)."""
    if isinstance(get(resource, path), bool):
        raise NotANumber(path, get(resource, path))
    return aws.num(resource, path)


def text(resource: Resource, path: str) -> str | None:
    """The value at ``path`` as text (None when unset); a list or block where one value goes
    (``os_type = ["Linux"]``) is refused (BadValue), never read as unset."""
    value = get(resource, path)
    if isinstance(value, (dict, list)):
        shown = repr(value) if len(repr(value)) <= 40 else f"{repr(value)[:37]}..."
        raise BadValue(f"{path} is {shown}, not a single value; fix it")
    return aws.text(resource, path)


def flag(resource: Resource, path: str) -> bool:
    """The switch at ``path``: True only when set true (``"true"`` as Terraform reads it); unset
    is off; WrittenUnknown / NotABoolean as ``get`` / ``aws.flag``."""
    get(resource, path)
    return aws.flag(resource, path) is True


# tier sizes in GiB, smallest first: the disk is billed at the first tier it fits in
_TIERS = (4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767)
_NAMES = ("1", "2", "3", "4", "6", "10", "15", "20", "30", "40", "50", "60", "70", "80")
# storage account type -> (tier letter, redundancy, operations key family or None)
DISK_TYPES = {
    "premium_lrs": ("P", "lrs", None),
    "premium_zrs": ("P", "zrs", None),
    "standardssd_lrs": ("E", "lrs", "standard_ssd"),
    "standardssd_zrs": ("E", "zrs", "standard_ssd"),
    "standard_lrs": ("S", "lrs", "standard_hdd"),
}


HYBRID_BENEFIT = ("windows_server", "windows_client")


def vm_line(
    size: str, *, windows: bool, hours: Decimal, count: Decimal, license_type: str | None = None
) -> CostLine:
    """Instance hours of ``size``; a Windows VM under Azure Hybrid Benefit (``license_type``
    Windows_Server / Windows_Client: the licence is brought) pays the base (Linux) rate."""
    if windows and (license_type or "").lower() in HYBRID_BENEFIT:
        name = f"Instance usage (Windows, hybrid benefit, {size})"
        return CostLine(name, "hours", f"vm.{size.lower()}", hours * count)
    os_label = "Windows" if windows else "Linux"
    key = f"vm.{size.lower()}{'.windows' if windows else ''}"
    name = f"Instance usage ({os_label}, pay as you go, {size})"
    return CostLine(name, "hours", key, hours * count)


# Ultra disk billing sizes (GiB): 4 ... 512, then 1 TiB steps to 64 TiB
_ULTRA_STEPS = (4, 8, 16, 32, 64, 128, 256, 512)
_ULTRA_MAX = 65536
_TIB = 1024


def ultra_billed_gib(size: Decimal) -> Decimal | None:
    """The size an Ultra disk of ``size`` GiB is billed at (the next billing step up), or None
    beyond the largest Ultra disk."""
    for step in _ULTRA_STEPS:
        if size <= step:
            return Decimal(step)
    if size > _ULTRA_MAX:
        return None
    return (size / _TIB).to_integral_value(rounding=ROUND_CEILING) * _TIB


# marketplace images whose pay-as-you-go plan bills a software licence per VM hour beside the
# compute (https://azure.microsoft.com/pricing/details/virtual-machines/red-hat/, /sles-standard/,
# /ubuntu-advantage/): publisher -> (key part, name); a "byos" offer brings its own subscription
_LICENSED_PUBLISHERS = {"redhat": ("rhel", "RHEL"), "suse": ("sles", "SLES")}


# SQL Server images (https://azure.microsoft.com/pricing/details/virtual-machines/sql-server-
# enterprise/, /sql-server-standard/, /sql-server-web/): Developer and Express are free
_FREE_SQL = ("sqldev", "express", "developer")


def image_licence(
    publisher: str | None, offer: str | None, sku: str | None = None
) -> tuple[str, str] | None:
    """``(key part, name)`` of the licence a pay-as-you-go marketplace image bills (RHEL, SLES,
    Ubuntu Pro; SQL Server Enterprise, Standard or Web by its ``sku``, on Windows or Linux), or
    None (any other image, a BYOS / BYOL offer, a free SQL edition, a custom image)."""
    pub, off = (publisher or "").lower(), (offer or "").lower()
    if "byos" in off or "byol" in off:
        return None
    if pub == "microsoftsqlserver":
        edition = (sku or "").lower().removesuffix("-gen2")
        if edition.startswith(_FREE_SQL):
            return None
        if edition in ("enterprise", "standard", "web"):
            return (f"sql_{edition}", f"SQL Server {edition.title()}")
        return ("sql", "SQL Server")
    if pub == "canonical" and "ubuntu-pro" in off:
        return ("ubuntu_pro", "Ubuntu Pro")
    return _LICENSED_PUBLISHERS.get(pub)


def brought_licence(licence: tuple[str, str] | None, license_type: str | None) -> bool:
    """True when a Linux VM's ``license_type`` brings the image's subscription (Azure Hybrid
    Benefit for Linux: ``RHEL_BYOS`` on a RHEL image, ``SLES_BYOS`` on a SLES one), so the
    pay-as-you-go licence is not billed."""
    return licence is not None and (license_type or "").lower() == f"{licence[0]}_byos"


def licence_line(licence: tuple[str, str], size: str, hours: Decimal, count: Decimal) -> CostLine:
    """The image's software licence hours for ``count`` VMs of ``size``; unpriced, naming the key,
    where no catalog holds the rate (the shipped one holds none): never a plain Linux VM's price."""
    part, label = licence
    key = f"vm.license.{part}.{size.lower()}"
    name = f"{label} licence ({size})"
    why = (
        f"the {label} image bills its licence per VM hour beside the compute, and no catalog used"
        f" holds its rate ({key}): add a catalog folder with vm.license.* rates to"
        " pricing.catalog_dirs, or use a BYOS image"
    )
    unknown = CostLine(name, "hours", "", None, unknown_reason=why)
    return CostLine(name, "hours", key, hours * count, fallback=unknown)


def tier_of(letter: str, size_gb: Decimal) -> str | None:
    for top, name in zip(_TIERS, _NAMES, strict=True):
        if size_gb <= top:
            # Standard HDD starts at S4 (32 GiB)
            return f"{letter}4" if letter == "S" and top < 32 else f"{letter}{name}"
    return None


def tier_rank(name: str) -> int:
    """The order of a tier name (``P30``: 8) among its kind's tiers; -1 for none."""
    number = name[1:]
    return _NAMES.index(number) if number in _NAMES else -1


def disk_lines(
    prefix: str,
    account_type: str | None,
    size_gb: Decimal | None,
    usage: Usage,
    *,
    count: Decimal = Decimal(1),
    size_usage_key: str = "disk_size_gb",
    performance_tier: str | None = None,
) -> list[CostLine]:
    """A managed disk (or a VM's OS disk) of ``account_type`` and ``size_gb`` (None: from the
    image, so it depends on usage ``size_usage_key``, shown at the smallest tier's price). A
    ``performance_tier`` above the size's tier (a Premium SSD's ``tier = "P30"``) is billed at
    that tier's price."""
    raw = account_type or "Standard_LRS"
    kind = DISK_TYPES.get(raw.lower())
    if raw.lower() == "ultrassd_lrs":
        return _ultra(prefix, size_gb, usage, count)
    if kind is None:
        reason = f"disk type {raw!r} is not in the azure catalog"
        return [CostLine(f"{prefix}Storage ({raw})", "months", "", None, unknown_reason=reason)]
    letter, red, ops = kind
    if size_gb is None:
        size_gb = usage.number(size_usage_key)
    if size_gb is not None and size_gb <= 0:
        return [_not_positive(prefix, size_gb)]
    if size_gb is None:
        tier = performance_tier or f"{letter}4"
        name = f"{prefix}Storage ({tier} or larger, {red.upper()}; size from the image)"
        lines = [
            CostLine(name, "months", f"disk.{tier.lower()}.{red}", None, usage_key=size_usage_key)
        ]
    else:
        tier_name = tier_of(letter, size_gb)
        if tier_name is None:
            why = f"{size_gb} GiB is larger than any managed disk tier"
            return [CostLine(f"{prefix}Storage", "months", "", None, unknown_reason=why)]
        name = f"{prefix}Storage ({tier_name}, {red.upper()})"
        if performance_tier is not None and tier_rank(performance_tier) > tier_rank(tier_name):
            shown = f"{performance_tier} performance tier, {tier_name} size, {red.upper()}"
            name = f"{prefix}Storage ({shown})"
            tier_name = performance_tier
        lines = [CostLine(name, "months", f"disk.{tier_name.lower()}.{red}", count)]
    if ops is not None:
        lines.append(
            usage_line(
                f"{prefix}Disk operations",
                "10k operations",
                f"disk.{ops}.operations",
                usage,
                "monthly_disk_operations",
                Decimal(10_000),
            )
        )
    return lines


def _not_positive(prefix: str, size: Decimal) -> CostLine:
    reason = f"a disk of {size} GiB: a disk size must be positive; fix disk_size_gb"
    return CostLine(f"{prefix}Storage", "months", "", None, unknown_reason=reason)


def _ultra(prefix: str, size: Decimal | None, usage: Usage, count: Decimal) -> list[CostLine]:
    if size is None:
        reason = "disk_size_gb is unknown until apply"
        return [CostLine(f"{prefix}Storage (ultra)", "GiB", "", None, unknown_reason=reason)]
    if size <= 0:
        return [_not_positive(prefix, size)]
    billed = ultra_billed_gib(size)
    if billed is None:
        why = f"{size} GiB is larger than any Ultra disk (64 TiB)"
        return [CostLine(f"{prefix}Storage (ultra)", "GiB", "", None, unknown_reason=why)]
    name = f"{prefix}Storage (ultra, {billed} GiB)"
    if billed != size:
        name = f"{prefix}Storage (ultra, {size} GiB billed as {billed} GiB)"
    return [CostLine(name, "GiB", "disk.ultra.storage", billed * count)]


def ultra_performance_lines(
    resource: Resource, prefix: str, iops_path: str, mbps_path: str, count: Decimal
) -> list[CostLine]:
    """An Ultra disk's provisioned IOPS and MB/s (``count`` disks). Azure bills both for every
    Ultra disk; unset, it picks them from the size, which the code does not tell: unpriced,
    naming the attribute, never left out."""
    lines = []
    for path, name, unit, key in (
        (iops_path, "Provisioned IOPS", "IOPS", "disk.ultra.iops"),
        (mbps_path, "Throughput", "MB/s", "disk.ultra.throughput"),
    ):
        value = num(resource, path)
        if value is None:
            why = (
                f"{path} is not set (or known only after apply): Azure then sets it from the"
                " disk size, and it is billed; set it to price the disk"
            )
            lines.append(CostLine(f"{prefix}{name}", unit, "", None, unknown_reason=why))
        elif value < 0:
            why = f"{path} is {value}: it cannot be negative; fix it"
            lines.append(CostLine(f"{prefix}{name}", unit, "", None, unknown_reason=why))
        else:
            lines.append(CostLine(f"{prefix}{name}", unit, key, value * count))
    return lines


_PREMIUM = re.compile(r"^(standard|basic)_[a-z]+\d+[a-z-]*s", re.IGNORECASE)


def premium_capable(size: str) -> bool:
    """Sizes that take Premium SSD carry an "s" in their feature letters (DS2_v2, D2s_v3)."""
    return bool(re.match(r"^standard_[a-z]*s\d", size, re.I) or _PREMIUM.match(size))


def data_disk_lines(resource: Resource, path: str, usage: Usage, count: Decimal) -> list[CostLine]:
    """The ``data_disk`` blocks of a scale set (``path``): each instance gets every one, so
    ``count`` disks of each, by type and size (Ultra: with its IOPS and MB/s)."""
    blocks = get(resource, path)
    lines: list[CostLine] = []
    for i, _ in enumerate(blocks if isinstance(blocks, list) else []):
        at = f"{path}.{i}"
        account = text(resource, f"{at}.storage_account_type")
        prefix = f"data_disk[{i}] / "
        lines.extend(
            disk_lines(prefix, account, num(resource, f"{at}.disk_size_gb"), usage, count=count)
        )
        if (account or "").lower() == "ultrassd_lrs":
            lines.extend(
                ultra_performance_lines(
                    resource,
                    prefix,
                    f"{at}.ultra_ssd_disk_iops_read_write",
                    f"{at}.ultra_ssd_disk_mbps_read_write",
                    count,
                )
            )
    return lines


def os_disk_lines(resource: Resource, path: str, usage: Usage, count: Decimal) -> list[CostLine]:
    """An ``os_disk`` block (VMs and scale sets): its type and size (size from the image when
    unset: usage ``os_disk_size_gb``). An ephemeral OS disk (``diff_disk_settings``) lives on the
    VM's own cache or temp disk and bills no storage
    (https://learn.microsoft.com/azure/virtual-machines/ephemeral-os-disks): no line."""
    if get(resource, f"{path}.diff_disk_settings"):
        return []
    account = text(resource, f"{path}.storage_account_type")
    size = num(resource, f"{path}.disk_size_gb")
    return disk_lines(
        "os_disk / ", account, size, usage, count=count, size_usage_key="os_disk_size_gb"
    )
