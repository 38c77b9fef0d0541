"""Google Cloud: the Cloud Billing Catalog API v1 (an API key, from ``FINOPS_GATE_GCP_API_KEY``).
Services, then the Compute Engine SKUs page by page (``nextPageToken``); prices are
``units + nanos`` per usage unit. A predefined machine type has no SKU of its own: its hourly
price is composed per region from its family's core and RAM SKUs (vCPUs x core price + GiB x
RAM price), the way Google bills it. On-demand list prices only: preemptible/spot, committed-use
and sole-tenancy SKUs are dropped, and no sustained-use discount is applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from finops_gate.catalogs.refresh.http import Client
from finops_gate.catalogs.refresh.output import Priced
from finops_gate.errors import RefreshError

ENDPOINT = "https://cloudbilling.googleapis.com"
KEY_ENV = "FINOPS_GATE_GCP_API_KEY"
MAX_PAGES = 5000
NANO = Decimal(1_000_000_000)

_CORE_RAM = re.compile(
    r"^(?P<fam>[A-Z][A-Z0-9]*) (?:Predefined )?Instance (?P<part>Core|Ram) running in "
)
_DISKS = {
    "Storage PD Capacity": "compute.disk.pd-standard",
    "SSD backed PD Capacity": "compute.disk.pd-ssd",
    "Balanced PD Capacity": "compute.disk.pd-balanced",
}
_NAT = {
    "Networking Cloud NAT Gateway Uptime charge": ("nat.gateway", "hours"),
    "Networking Cloud NAT Data Processing": ("nat.data_processed", "GB"),
}
# predefined machine types: family -> {shape: (GiB per vCPU, vCPU counts)} (Compute Engine docs)
_E2 = (2, 4, 8, 16, 32)
SHAPES: dict[str, dict[str, tuple[Decimal, tuple[int, ...]]]] = {
    "n1": {
        "standard": (Decimal("3.75"), (1, 2, 4, 8, 16, 32, 64, 96)),
        "highmem": (Decimal("6.5"), (2, 4, 8, 16, 32, 64, 96)),
        "highcpu": (Decimal("0.9"), (2, 4, 8, 16, 32, 64, 96)),
    },
    "n2": {
        "standard": (Decimal(4), (2, 4, 8, 16, 32, 48, 64, 80, 96, 128)),
        "highmem": (Decimal(8), (2, 4, 8, 16, 32, 48, 64, 80, 96, 128)),
        "highcpu": (Decimal(1), (2, 4, 8, 16, 32, 48, 64, 80, 96)),
    },
    "n2d": {
        "standard": (Decimal(4), (2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224)),
        "highmem": (Decimal(8), (2, 4, 8, 16, 32, 48, 64, 80, 96)),
        "highcpu": (Decimal(1), (2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224)),
    },
    "e2": {
        "standard": (Decimal(4), _E2),
        "highmem": (Decimal(8), (2, 4, 8, 16)),
        "highcpu": (Decimal(1), _E2),
    },
}


def _price(sku: dict[str, Any]) -> Decimal | None:
    info = sku.get("pricingInfo") or []
    if not info:
        return None
    rates = info[-1].get("pricingExpression", {}).get("tieredRates") or []
    first = [r for r in rates if Decimal(str(r.get("startUsageAmount", 0))) == 0]
    if not first:
        return None
    money = first[0].get("unitPrice") or {}
    if money.get("currencyCode", "USD") != "USD":
        return None
    return Decimal(str(money.get("units") or 0)) + Decimal(int(money.get("nanos") or 0)) / NANO


def skus(client: Client, endpoint: str, key: str, service: str) -> Iterator[dict[str, Any]]:
    services = client.json(f"{endpoint}/v1/services", params={"key": key})
    found = [s for s in services.get("services", []) if s.get("displayName") == service]
    if not found:
        raise RefreshError(f"gcp: the Cloud Billing Catalog lists no {service!r} service")
    url = f"{endpoint}/v1/services/{found[0]['serviceId']}/skus"
    token = ""
    for _ in range(MAX_PAGES):
        params = {"key": key, "currencyCode": "USD", "pageSize": "5000"}
        if token:
            params["pageToken"] = token
        page = client.json(url, params=params)
        if not isinstance(page, dict):
            raise RefreshError("gcp: not a Cloud Billing Catalog page")
        yield from page.get("skus") or []
        token = str(page.get("nextPageToken") or "")
        if not token:
            return
    raise RefreshError(f"gcp: more than {MAX_PAGES} pages of SKUs; refused")


def prices(
    client: Client, endpoint: str, key: str, regions: list[str], counter: list[int]
) -> tuple[list[Priced], str]:
    """Compute Engine prices for ``regions``: machine types composed, disks, Cloud NAT."""
    out: list[Priced] = []
    parts: dict[tuple[str, str, str], Decimal] = {}
    newest = ""
    for sku in skus(client, endpoint, key, "Compute Engine"):
        counter[0] += 1
        category = sku.get("category") or {}
        if category.get("usageType") != "OnDemand":
            continue  # Preemptible, Commit1Yr... are not list on-demand prices
        price = _price(sku)
        if price is None:
            continue
        description = str(sku.get("description", ""))
        where = [r for r in sku.get("serviceRegions") or [] if r in regions or r == "global"]
        if not where:
            continue
        newest = max(
            newest, str((sku.get("pricingInfo") or [{}])[-1].get("effectiveTime", ""))[:10]
        )
        in_regions = regions if "global" in where else where
        match = _CORE_RAM.match(description)
        if match and "Custom" not in description and "Sole Tenancy" not in description:
            fam = match["fam"].lower()
            for region in in_regions:
                parts[(fam, match["part"], region)] = price
                part = "core" if match["part"] == "Core" else "ram"
                unit = "vCPU-hours" if part == "core" else "GB-hours"
                out.append(Priced(f"compute.custom.{fam}.{part}", region, price, unit))
        elif description in _DISKS:
            out.extend(Priced(_DISKS[description], r, price, "GB") for r in in_regions)
        elif description in _NAT:
            name, unit = _NAT[description]
            out.extend(Priced(name, r, price, unit) for r in in_regions)
    out.extend(_machines(parts))
    return out, newest


def _machines(parts: dict[tuple[str, str, str], Decimal]) -> Iterator[Priced]:
    for (fam, part, region), core in sorted(parts.items()):
        if part != "Core" or (fam, "Ram", region) not in parts:
            continue
        ram = parts[(fam, "Ram", region)]
        for shape, (gib_per_vcpu, sizes) in SHAPES.get(fam, {}).items():
            for vcpus in sizes:
                gib = gib_per_vcpu * vcpus
                hourly = core * vcpus + ram * gib
                yield Priced(f"compute.instance.{fam}-{shape}-{vcpus}", region, hourly, "hours")
