"""aws_dx_connection: https://aws.amazon.com/directconnect/pricing/.

Port hours, by the port's capacity (``bandwidth``) and connection type, at the rate of the
connection's Region (the Region whose Direct Connect locations include ``location``: the
provider's). The type is usage ``dx_connection_type`` (``dedicated`` or ``hosted``); without it
the capacity tells it where AWS sells it only one way (Direct Connect user guide, "Dedicated
connections" and "Hosted connections": dedicated ports are 1, 10, 100 or 400 Gbps, partners'
hosted connections 50-500 Mbps, 1, 2, 5, 10 or 25 Gbps), and a port of 1 or 10 Gbps, sold both
ways, is dedicated, the connection CreateConnection makes, said as an assumption. A capacity AWS
does not sell, or not as the type usage gives, leaves the port unpriced, naming it.

Data transfer out over the connection, per GB, at the rate from the AWS Region the data leaves
to the Direct Connect location, for the virtual interface type (usage
``dx_virtual_interface_type``: ``private`` (said as an assumption when not given), ``public``
or ``transit``). Usage ``monthly_outbound_from_region_to_dx_connection_location`` maps each source
Region (``eu_west_1``) to its GB; the older ``monthly_outbound_region_to_dx_location_gb`` is the GB
from the connection's own Region, read when the map is not given. Data transfer in is free.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from finops_gate.estimate.aws._common import is_unknown, text, unknown_line, unpriceable
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

BY_REGION = "monthly_outbound_from_region_to_dx_connection_location"
OWN_REGION = "monthly_outbound_region_to_dx_location_gb"
TYPES = ("dedicated", "hosted")
INTERFACES = ("private", "public", "transit")
_BANDWIDTH = re.compile(r"^(\d+)(M|G)bps$")
_REGION = re.compile(r"^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$")
PORT = "DX connection"
# port capacities by connection type (the Direct Connect user guide's port speeds)
SOLD = {
    "dedicated": frozenset({"1g", "10g", "100g", "400g"}),
    "hosted": frozenset(
        {"50m", "100m", "200m", "300m", "400m", "500m", "1g", "2g", "5g", "10g", "25g"}
    ),
}
OUT = "Outbound data transfer"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [_port(resource, usage), *_data_out(resource, usage)]


def _port(resource: Resource, usage: Usage) -> CostLine:
    bandwidth = text(resource, "bandwidth")
    if bandwidth is None:
        if is_unknown(resource, "bandwidth"):
            return unknown_line(PORT, "hours", "bandwidth")
        return unpriceable(PORT, "hours", "the connection has no bandwidth")
    found = _BANDWIDTH.match(bandwidth)
    if found is None:
        return unpriceable(PORT, "hours", f"bandwidth {bandwidth[:40]!r} is not a port size")
    capacity = f"{found.group(1)}{found.group(2).lower()}"
    sold = [kind for kind in TYPES if capacity in SOLD[kind]]
    if not sold:
        why = f"bandwidth {bandwidth[:40]} is not a port size AWS sells (dedicated: 1, 10, 100"
        return unpriceable(PORT, "hours", why + ", 400Gbps; hosted: 50-500Mbps, 1-25Gbps)")
    given = usage.text("dx_connection_type")
    assumption: tuple[str, str] | None = None
    if given is None:
        kind = sold[0]  # dedicated first: the connection CreateConnection makes
        assumption = ("dx_connection_type", kind) if len(sold) > 1 else None
    else:
        kind = given.lower()
        if kind not in TYPES:
            return unpriceable(
                PORT, "hours", f"usage dx_connection_type {given[:40]!r} is not one of {TYPES}"
            )
        if kind not in sold:
            why = f"AWS sells {bandwidth} ports only as {sold[0]} connections"
            return unpriceable(PORT, "hours", f"{why}, not as usage dx_connection_type {kind}")
    name = f"{PORT} ({kind}, {bandwidth})"
    key = f"dx.connection.{kind}.{capacity}"
    return CostLine(name, "hours", key, HOURS_PER_MONTH, assumption=assumption)


def _data_out(resource: Resource, usage: Usage) -> list[CostLine]:
    location = text(resource, "location")
    if location is None:
        if is_unknown(resource, "location"):
            return [unknown_line(OUT, "GB", "location")]
        return [unpriceable(OUT, "GB", "the connection has no location")]
    if not re.fullmatch(r"[A-Za-z0-9]+", location):
        return [unpriceable(OUT, "GB", f"location {location[:40]!r} is not a location code")]
    given = usage.text("dx_virtual_interface_type")
    interface = "private" if given is None else given.lower()
    if interface not in INTERFACES:
        why = f"usage dx_virtual_interface_type {str(given)[:40]!r} is not one of {INTERFACES}"
        return [unpriceable(OUT, "GB", why)]
    key = f"dx.data_out.{interface}.{location.lower()}"
    assumption = ("dx_virtual_interface_type", "private") if given is None else None
    usage.number(BY_REGION)  # read, even when not given: a typo nearby gets a did-you-mean
    by_region = usage.values.get(BY_REGION)
    if by_region is not None:
        if not isinstance(by_region, Mapping):
            why = f"usage {BY_REGION} must map each source Region (eu_west_1) to its GB"
            return [unpriceable(OUT, "GB", why)]
        return [
            _out_line(str(source), location, key, usage, assumption)
            for source in sorted(by_region, key=str)
        ]
    quantity = usage.number(OWN_REGION)
    return [
        CostLine(
            f"{OUT} (from {resource.region}, to {location})",
            "GB",
            key,
            quantity,
            usage_key=BY_REGION if quantity is None else OWN_REGION,
            assumption=None if quantity is None else assumption,
        )
    ]


def _out_line(
    source: str, location: str, key: str, usage: Usage, assumption: tuple[str, str] | None
) -> CostLine:
    region = source.replace("_", "-")
    name = f"{OUT} (from {region[:40]}, to {location})"
    if not _REGION.match(region):
        return unpriceable(name, "GB", f"usage {BY_REGION} names {source[:40]!r}, not a Region")
    quantity = usage.number(f"{BY_REGION}.{source}")
    if quantity is None:
        return unpriceable(name, "GB", f"usage {BY_REGION}.{source[:40]} is not a number of GB")
    return CostLine(
        name, "GB", key, quantity, usage_key=BY_REGION, assumption=assumption, region=region
    )
