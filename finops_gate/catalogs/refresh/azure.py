"""Azure: the Retail Prices API (no credentials). One OData ``$filter`` per service and region,
``NextPageLink`` paging (``$skip`` when a page has no link field at all), 429 with backoff.

Kept: ``type eq 'Consumption'`` rows (reservations and savings plans are not list prices), the
primary meter region, USD. Virtual machines: Linux only (``productName`` without "Windows";
Spot and Low Priority meters dropped), ``vm.<arm sku name>``; Windows as
``vm.<arm sku name>.windows``. Managed disks: ``disk.<tier>.<redundancy>`` per month. Public IP:
``public_ip.static.regional`` per hour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from finops_gate.catalogs.refresh.http import Client
from finops_gate.catalogs.refresh.output import Priced
from finops_gate.errors import RefreshError

ENDPOINT = "https://prices.azure.com"
API_VERSION = "2023-01-01-preview"
MAX_PAGES = 2000
PAGE = 1000  # the API's page size: the $skip step when a page carries no NextPageLink field

Item = dict[str, Any]
Rule = Callable[[Item], tuple[str, str] | None]


def _vm(item: Item) -> tuple[str, str] | None:
    sku, meter = str(item.get("armSkuName") or ""), str(item.get("meterName") or "")
    if (
        not sku
        or "Spot" in meter
        or "Low Priority" in meter
        or item.get("unitOfMeasure") != "1 Hour"
    ):
        return None
    windows = "Windows" in str(item.get("productName", ""))
    return f"vm.{sku.lower()}{'.windows' if windows else ''}", "hours"


def _disk(item: Item) -> tuple[str, str] | None:
    meter = str(item.get("meterName") or "")
    if not meter.endswith(" Disk") or item.get("unitOfMeasure") != "1/Month":
        return None
    tier, _, redundancy = meter.removesuffix(" Disk").partition(" ")
    if not tier or not redundancy:
        return None
    return f"disk.{tier.lower()}.{redundancy.lower()}", "months"


def _ip(item: Item) -> tuple[str, str] | None:
    if (
        item.get("meterName") == "Standard IPv4 Static Public IP"
        and item.get("unitOfMeasure") == "1 Hour"
    ):
        return "public_ip.static.regional", "hours"
    return None


SERVICES: dict[str, tuple[str, Rule]] = {
    "virtual-machines": ("Virtual Machines", _vm),
    "storage": ("Storage", _disk),
    "virtual-network": ("Virtual Network", _ip),
}


def items(client: Client, endpoint: str, service: str, region: str) -> Iterator[Item]:
    """Every item of one service in one region, page by page."""
    query = (
        f"serviceName eq '{service}' and armRegionName eq '{region}' and priceType eq 'Consumption'"
    )
    url: str | None = f"{endpoint}/api/retail/prices"
    params: dict[str, str] | None = {
        "api-version": API_VERSION,
        "currencyCode": "USD",
        "$filter": query,
    }
    skip = 0
    for _ in range(MAX_PAGES):
        if url is None:
            return
        page = client.json(url, params=params)
        if not isinstance(page, dict) or not isinstance(page.get("Items"), list):
            raise RefreshError(f"azure {service} {region}: not a Retail Prices API page")
        yield from page["Items"]
        if "NextPageLink" in page:
            url, params = page["NextPageLink"] or None, None
        elif page["Items"]:
            skip += len(page["Items"])
            params = {**(params or {}), "$skip": str(skip)}
        else:
            return
    raise RefreshError(f"azure {service} {region}: more than {MAX_PAGES} pages; refused")


def regional(
    client: Client, endpoint: str, service: str, region: str, counter: list[int]
) -> tuple[list[Priced], str]:
    name, rule = SERVICES[service]
    out: list[Priced] = []
    newest = ""
    for item in items(client, endpoint, name, region):
        counter[0] += 1
        if (
            item.get("type") != "Consumption"
            or item.get("currencyCode") != "USD"
            or item.get("isPrimaryMeterRegion") is False
            or item.get("armRegionName") != region
            or float(item.get("tierMinimumUnits") or 0) != 0
        ):
            continue
        found = rule(item)
        if found is None:
            continue
        price = Decimal(str(item.get("retailPrice")))
        if price < 0:
            raise RefreshError(f"azure {region}: negative price for {found[0]}")
        newest = max(newest, str(item.get("effectiveStartDate", ""))[:10])
        out.append(Priced(found[0], region, price, found[1]))
    return out, newest
