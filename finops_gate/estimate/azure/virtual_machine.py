"""azurerm_linux_virtual_machine, azurerm_windows_virtual_machine, azurerm_virtual_machine
(legacy): https://azure.microsoft.com/pricing/details/virtual-machines/linux/ and /windows/.

- Instance hours (usage ``monthly_hrs``, default 730) of ``size`` (``vm_size`` on the legacy
  type) at the pay-as-you-go rate. Windows (the windows type; on the legacy one
  ``os_profile_windows_config``, the OS disk's ``os_type`` or the image offer) uses the Windows
  rate, priced only where the catalog holds it (else unpriced, naming the key); with Azure
  Hybrid Benefit (``license_type`` Windows_Server / Windows_Client) the base (Linux) rate.
  ``priority = "Spot"`` is unpriced: spot prices are not in the catalog. A Linux VM from a
  pay-as-you-go RHEL, SLES or Ubuntu Pro marketplace image (``source_image_reference``,
  ``storage_image_reference``; not a BYOS offer), or any VM from a SQL Server Enterprise,
  Standard or Web image (not Developer, Express or BYOL), adds the image's licence hours,
  unpriced naming the key where no catalog holds them (the shipped one holds none).
- ``os_disk`` (``storage_os_disk``): a managed disk billed by tier; its size comes from the image
  when unset (usage ``os_disk_size_gb``). Legacy ``storage_data_disk`` blocks likewise, except
  those with ``create_option = "Attach"``: an existing disk, billed on its own
  azurerm_managed_disk (never twice); an unmanaged disk (``vhd_uri``) is a page blob billed on
  its storage account, never as a managed disk.
- On a dedicated host (``dedicated_host_id``, ``dedicated_host_group_id``): the host is billed
  per hour (and for Windows Server, by its ``license_type``) on the host resource, so the VM
  adds no instance hours, only its disks and image licences, after a $0 line naming the host.
- An ephemeral OS disk (``os_disk.diff_disk_settings``) bills no storage.
- ``additional_capabilities.ultra_ssd_enabled``: the reservation fee applies only while no ultra
  disk is attached, so it is not estimated.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours
from finops_gate.estimate.azure._common import (
    billed_image_licence,
    dedicated_host,
    disk_lines,
    get,
    licence_line,
    num,
    on_host,
    os_disk_lines,
    text,
    vm_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    legacy = resource.kind == "azurerm_virtual_machine"
    size = text(resource, "vm_size" if legacy else "size")
    if size is None:
        reason = "size is unknown until apply"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    windows = resource.kind == "azurerm_windows_virtual_machine" or (legacy and _windows(resource))
    if (text(resource, "priority") or "Regular") == "Spot":
        reason = "spot prices change with demand and are not in the catalog"
        return [
            CostLine(f"Instance usage (spot, {size})", "hours", "", None, unknown_reason=reason)
        ]
    hours = monthly_hours(usage)
    # the host (and a Windows Server licence, its license_type) is billed on the host
    host = (
        None if legacy else dedicated_host(resource, "dedicated_host_id", "dedicated_host_group_id")
    )
    licence = text(resource, "license_type") if windows and host is None else None
    lines = (
        []
        if host
        else [vm_line(size, windows=windows, hours=hours, count=Decimal(1), license_type=licence)]
    )
    image = "storage_image_reference.0" if legacy else "source_image_reference.0"
    software = billed_image_licence(resource, image, windows=windows)
    if software is not None:
        lines.append(licence_line(software, size, hours, Decimal(1)))
    if legacy:
        lines.extend(_legacy_disks(resource, usage))
    else:
        lines.extend(os_disk_lines(resource, "os_disk.0", usage, Decimal(1)))
    return lines if host is None else on_host(lines, host, size)


def _windows(resource: Resource) -> bool:
    """A legacy VM runs Windows when it says so in its OS profile, OS disk or image."""
    offer = text(resource, "storage_image_reference.0.offer") or ""
    return (
        bool(get(resource, "os_profile_windows_config"))
        or (text(resource, "storage_os_disk.0.os_type") or "").lower() == "windows"
        or "windows" in offer.lower()
    )


def _attached(resource: Resource, path: str) -> bool:
    """A disk block billed elsewhere: one that attaches an existing managed disk (billed on
    that disk's resource), or an unmanaged disk (``vhd_uri``: a page blob billed on its
    storage account, https://azure.microsoft.com/pricing/details/storage/page-blobs/)."""
    return (text(resource, f"{path}.create_option") or "").lower() == "attach" or bool(
        text(resource, f"{path}.vhd_uri")
    )


def _legacy_disks(resource: Resource, usage: Usage) -> list[CostLine]:
    lines: list[CostLine] = []
    if not _attached(resource, "storage_os_disk.0"):
        lines = disk_lines(
            "storage_os_disk / ",
            text(resource, "storage_os_disk.0.managed_disk_type"),
            num(resource, "storage_os_disk.0.disk_size_gb"),
            usage,
            size_usage_key="os_disk_size_gb",
        )
    data = get(resource, "storage_data_disk")
    for i, _ in enumerate(data if isinstance(data, list) else []):
        if _attached(resource, f"storage_data_disk.{i}"):
            continue
        lines.extend(
            disk_lines(
                f"storage_data_disk[{i}] / ",
                text(resource, f"storage_data_disk.{i}.managed_disk_type"),
                num(resource, f"storage_data_disk.{i}.disk_size_gb"),
                usage,
            )
        )
    return lines
