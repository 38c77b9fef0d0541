"""aws_globalaccelerator_endpoint_group: https://aws.amazon.com/global-accelerator/pricing/
(data transfer premium).

Besides EC2 data transfer, Global Accelerator bills a premium per GB by the AWS source group of
the endpoints (``endpoint_group_region``) and the destination group of the clients, in the
dominant direction only (inbound or outbound, whichever is larger). Usage, as Infracost's
files give it: ``monthly_inbound_data_transfer_gb`` and ``monthly_outbound_data_transfer_gb``,
each a map of destination groups (``us``, ``europe``, ``south_africa``, ``south_america``,
``south_korea``, ``middle_east``, ``australia``, ``asia_pacific``, ``india``). AWS compares the
directions hour by hour; from monthly figures the month's dominant direction is billed (an
estimate, as Infracost's). The accelerator's fixed fee is on aws_globalaccelerator_accelerator.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import text, unknown_line, unknown_setting, unpriceable
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

# usage key -> (destination group code, the group's name on the price page)
DESTINATIONS = {
    "us": ("na", "US, Mexico, Canada"),
    "europe": ("eu", "Europe"),
    "south_africa": ("za", "South Africa, Kenya"),
    "south_america": ("sa", "South America"),
    "south_korea": ("kr", "South Korea"),
    "middle_east": ("me", "Middle East"),
    "australia": ("au", "Australia, New Zealand"),
    "asia_pacific": ("ap", "Asia Pacific"),
    "india": ("in", "India, Indonesia, Philippines, Thailand"),
}
# the source group of an endpoint region, by its prefix (the offer file's source locations)
SOURCES = (
    ("us-gov-", "us"),
    ("us-", "na"),
    ("ca-", "na"),
    ("eu-", "eu"),
    ("il-", "eu"),
    ("ap-", "ap"),
    ("cn-", "ap"),
    ("me-", "me"),
    ("sa-", "sa"),
    ("af-", "za"),
)
INBOUND, OUTBOUND = "monthly_inbound_data_transfer_gb", "monthly_outbound_data_transfer_gb"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    name = "DT-premium fee"
    if unknown_setting(resource, "endpoint_group_region", computed=True):
        return [unknown_line(name, "GB", "endpoint_group_region")]
    region = text(resource, "endpoint_group_region") or resource.region or ""
    source = next((code for prefix, code in SOURCES if region.startswith(prefix)), None)
    if source is None:
        return [unpriceable(name, "GB", f"no data-transfer source group known for {region!r}")]
    given = {
        key: {g: usage.number(f"{key}.{g}") for g in DESTINATIONS} for key in (INBOUND, OUTBOUND)
    }
    flat = [
        key
        for key in (INBOUND, OUTBOUND)
        if usage.values.get(key) is not None and not isinstance(usage.values.get(key), dict)
    ]
    if flat:
        # one figure says nothing of the destination groups, each with its own premium
        why = f"usage {', '.join(flat)} must map destination groups to GB, e.g. {{us: 100}}"
        return [unpriceable(name, "GB", why)]
    totals = {
        key: sum((v for v in found.values() if v is not None), Decimal(0))
        for key, found in given.items()
    }
    if not any(v is not None for found in given.values() for v in found.values()):
        # no usage: the rate of traffic within the endpoints' own group, depending on usage
        same = source if any(code == source for code, _ in DESTINATIONS.values()) else "na"
        key = f"globalaccelerator.dt_premium.{source}.{same}.in"
        return [CostLine(f"Inbound {name}", "GB", key, None, usage_key=INBOUND)]
    dominant = OUTBOUND if totals[INBOUND] < totals[OUTBOUND] else INBOUND
    direction = "out" if dominant == OUTBOUND else "in"
    lines: list[CostLine] = []
    for group, quantity in given[dominant].items():
        if quantity is None:
            continue
        code, label = DESTINATIONS[group]
        key = f"globalaccelerator.dt_premium.{source}.{code}.{direction}"
        line_name = f"{label} / {direction.capitalize()}bound {name}"
        lines.append(CostLine(line_name, "GB", key, quantity, usage_key=dominant))
    return lines
