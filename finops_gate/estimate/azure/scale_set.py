"""azurerm_linux_virtual_machine_scale_set, azurerm_windows_virtual_machine_scale_set,
azurerm_orchestrated_virtual_machine_scale_set:
https://azure.microsoft.com/pricing/details/virtual-machine-scale-sets/ (the instances are VMs).

Instances (usage ``instances`` wins, else ``instances``) x hours of ``sku`` (``sku_name`` on the
orchestrated type; Windows at the Windows rate where the catalog holds it), plus each instance's
``os_disk`` and ``data_disk`` blocks (every instance gets each one). Spot scale sets are unpriced
(spot prices are not in the catalog). A Linux set from a pay-as-you-go RHEL, SLES or Ubuntu Pro
image adds its licence hours per instance (see virtual_machine). On a dedicated host group
(``host_group_id``) the hosts are billed: the set adds only its disks and image licences. An
ephemeral OS disk (``os_disk.diff_disk_settings``) bills no storage.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours, not_a_count
from finops_gate.estimate.azure._common import (
    billed_image_licence,
    data_disk_lines,
    dedicated_host,
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
    orchestrated = resource.kind == "azurerm_orchestrated_virtual_machine_scale_set"
    size = text(resource, "sku_name" if orchestrated else "sku")
    count, given = usage.number("instances"), True  # usage: an average, so 2.5 is fine
    if count is None:
        count, given = num(resource, "instances"), False
    if size is None or count is None:
        what = "sku" if size is None else "instances"
        reason = f"{what} is unknown until apply"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    # -3, or 2.5 written in the code: no real scale set
    if why := not_a_count("instances", count, least=Decimal(0), whole=not given):
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=why)]
    if (text(resource, "priority") or "Regular") == "Spot":
        reason = "spot prices change with demand and are not in the catalog"
        return [
            CostLine(f"Instance usage (spot, {size})", "hours", "", None, unknown_reason=reason)
        ]
    windows = resource.kind == "azurerm_windows_virtual_machine_scale_set" or bool(
        get(resource, "os_profile.0.windows_configuration")
    )
    # on a dedicated host group, the hosts are billed per hour (and Windows by their licence)
    host = None if orchestrated else dedicated_host(resource, "host_group_id")
    licence = text(resource, "license_type") if windows and host is None else None
    line = vm_line(
        size, windows=windows, hours=monthly_hours(usage), count=count, license_type=licence
    )
    named = CostLine(f"[{count} instances] {line.name}", line.unit, line.price_key, line.quantity)
    software = billed_image_licence(resource, "source_image_reference.0", windows=windows)
    licences = (
        [] if software is None else [licence_line(software, size, monthly_hours(usage), count)]
    )
    lines = [
        *([] if host else [named]),
        *licences,
        *os_disk_lines(resource, "os_disk.0", usage, count),
        *data_disk_lines(resource, "data_disk", usage, count),
    ]
    return lines if host is None else on_host(lines, host, f"[{count} instances] {size}")
