"""aws_dx_private_virtual_interface, aws_dx_transit_virtual_interface:
https://aws.amazon.com/directconnect/pricing/ (SiteLink).

A virtual interface costs nothing by itself: port hours and data transfer out are billed on its
connection (``aws_dx_connection``). SiteLink, turned on per private or transit interface
(``sitelink_enabled = true``), is billed per hour for each interface it is on and per GB sent
between Direct Connect locations (usage ``monthly_sitelink_data_gb``). The shipped catalog holds
no SiteLink rate (the reference data has none, and which Price List rows carry it is not
confirmed), so such an interface is unpriced, naming the key, never $0. Left unset, SiteLink is
off (AWS's default) and the interface adds no line.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import (
    get,
    is_off,
    unknown_line,
    unknown_setting,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

NAME = "SiteLink"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "sitelink_enabled"):
        return [unknown_line(NAME, "hours", "sitelink_enabled")]
    enabled = get(resource, "sitelink_enabled")
    if enabled is None or is_off(enabled, "sitelink_enabled"):  # neither: NotABoolean names it
        return []
    return [
        CostLine(NAME, "hours", "dx.sitelink", HOURS_PER_MONTH),
        usage_line(
            f"{NAME} data transfer", "GB", "dx.sitelink.data", usage, "monthly_sitelink_data_gb"
        ),
    ]
