"""Azure: the Retail Prices API (no credentials). One OData ``$filter`` per service and region,
``NextPageLink`` paging (``$skip`` when a page has no link field at all), 429 with backoff.

Kept: ``type eq 'Consumption'`` rows (reservations and savings plans are not list prices), the
primary meter region, USD, the first price tier. Per service (``--service``):

- ``virtual-machines``: Linux ``vm.<arm sku name>`` and Windows ``vm.<arm sku name>.windows``
  per hour (Spot and Low Priority meters dropped).
- ``storage``: managed disks ``disk.<tier>.<redundancy>`` per month, Standard HDD/SSD disk
  operations per 10k, Ultra disk capacity, IOPS and throughput (hourly meters x 730, per
  month, as the mappers price them); storage accounts ``storage.<kind>.<tier>.<redundancy>.
  <access tier>[.<meter>]`` of every kind (the product a kind is billed under, see
  ``_ACCOUNT_PRODUCTS``): capacity in its volume bands, operations per 10k, blob index tags,
  retrieval, early deletion, file share data, snapshots and metadata.
- ``virtual-network``: public IPs (Standard static regional and global, Basic dynamic), public
  IP prefixes (the per-IP hourly meter), NAT gateway hours and data processed.
- ``load-balancer``: Standard load balancer data processed.
- ``kubernetes``: the AKS Standard tier (uptime SLA) per cluster-hour.
- ``app-service``: App Service plans ``app_service.<sku>.<linux|windows>`` per instance-hour.
- ``postgresql``: PostgreSQL flexible server storage and backup storage per GB-month, compute per
  server-hour
  (``postgresql_flexible.gp_standard_d2ds_v4``, ``b_standard_b1ms``, ``mo_standard_e4s_v3``).
- ``sql-database``: Azure SQL Database single databases. DTU SKUs (``mssql.s1``, ``mssql.basic``;
  the API's daily rate / 24 per hour) and their extra storage; provisioned vCore compute per
  hour by service tier, hardware family and vCores (``mssql.gp_gen5_4``, ``mssql.bc_m_8``), the
  zone-redundancy surcharge (``.zone``), a Hyperscale replica at the compute rate
  (``.replica``); serverless per vCore-hour (``mssql.gp_s_gen5_<n>``, one rate for every size);
  data storage by tier; point-in-time and long-term backup storage by redundancy; the SQL
  Server licence per vCore-hour by tier (``mssql.license.gp``): its meters are listed once,
  under location "Global", read with a second query and written for each commercial region
  refreshed (US Gov, China and Germany regions have licence meters of their own: not read).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from finops_gate.catalogs.refresh.http import Client
from finops_gate.catalogs.refresh.output import Priced
from finops_gate.errors import RefreshError

ENDPOINT = "https://prices.azure.com"
API_VERSION = "2023-01-01-preview"
MAX_PAGES = 2000
PAGE = 1000  # the API's page size: the $skip step when a page carries no NextPageLink field

Item = dict[str, Any]
HOURS = Decimal(730)


@dataclass(frozen=True, slots=True)
class Scaled:
    """A meter priced in another unit than the mappers': key, unit, and the factor."""

    key: str
    unit: str
    factor: Decimal
    divisor: Decimal = Decimal(1)  # a daily rate per hour: / 24 (exact where the rate allows)


Rule = Callable[[Item], "tuple[str, str] | Scaled | Many | None"]


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


_REDUNDANCY = {
    "LRS": "lrs",
    "ZRS": "zrs",
    "GRS": "grs",
    "RA-GRS": "ragrs",
    "GZRS": "gzrs",
    "RA-GZRS": "ragzrs",
}
_ULTRA = {
    "Provisioned Capacity": ("disk.ultra.storage", "GiB"),
    "Provisioned IOPS": ("disk.ultra.iops", "IOPS"),
    "Provisioned Throughput (MBps)": ("disk.ultra.throughput", "MB/s"),
}


# storage accounts: the Retail Prices product a kind and performance tier is billed under (the
# product names public code that reads the API uses), and the kinds each product prices. General
# Purpose v2 Standard is read from "General Block Blob v2" only (the same meters under "Blob
# Storage" are BlobStorage's: read twice they could disagree)
_ACCOUNT_PRODUCTS: dict[str, tuple[tuple[str, str], ...]] = {
    "General Block Blob v2": (("storagev2", "standard"),),
    "Blob Storage": (("blobstorage", "standard"), ("blockblobstorage", "standard")),
    "General Block Blob": (("storage", "standard"),),
    "Premium Block Blob": (
        ("storagev2", "premium"),
        ("blobstorage", "premium"),
        ("blockblobstorage", "premium"),
        ("storage", "premium"),
    ),
    "Files v2": (("filestorage", "standard"),),
    "Premium Files": (("filestorage", "premium"),),
}
_ACCOUNT_SKU = re.compile(r"^(?P<access>Hot|Cool|Cold|Standard|Premium) (?P<red>[A-Z-]+)$")
# the meter's last words -> (key suffix, unit, the API units it may come in); checked longest
# first ("Iterative Write Operations" is a meter of its own, not a write operation)
_ACCOUNT_METERS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Iterative Write Operations", "", "", ()),
    ("Iterative Read Operations", "", "", ()),
    ("List and Create Container Operations", "list_operations", "10k operations", ("10K",)),
    ("List Operations", "list_operations", "10k operations", ("10K",)),
    ("Write Operations", "write_operations", "10k operations", ("10K",)),
    ("Read Operations", "read_operations", "10k operations", ("10K",)),
    ("Other Operations", "other_operations", "10k operations", ("10K",)),
    ("Data Retrieval", "data_retrieval", "GB", ("1 GB",)),
    ("Early Delete", "early_deletion", "GB", ("1 GB", "1 GB/Month")),
    ("Index Tags", "blob_index", "10k tags", ("10K", "10K/Month")),
    ("Metadata", "metadata_at_rest", "GB", ("1 GB/Month",)),
    ("Snapshots", "snapshots", "GB", ("1 GB/Month",)),
    ("Provisioned", "data_at_rest", "GB", ("1 GiB/Month", "1 GB/Month")),
    ("Data Stored", "", "GB", ("1 GB/Month",)),
)
# capacity bands of a Standard Hot blob account by the meter's tierMinimumUnits (GB)
_BANDS = {Decimal(0): "", Decimal(51200): ".next_450tb", Decimal(512000): ".over_500tb"}
_BANDED = ("storagev2", "blobstorage", "blockblobstorage")


def _account(item: Item) -> Many | None:
    """A storage account meter: the keys ``storage.<kind>.<tier>.<redundancy>.<access>[.<meter>]``
    the storage account mapper reads (estimate/azure/services.py), for every kind the product
    bills."""
    kinds = _ACCOUNT_PRODUCTS.get(str(item.get("productName") or ""))
    sku = _ACCOUNT_SKU.match(str(item.get("skuName") or ""))
    if kinds is None or sku is None or sku["red"] not in _REDUNDANCY:
        return None
    meter, unit = str(item.get("meterName") or ""), item.get("unitOfMeasure")
    found = next((m for m in _ACCOUNT_METERS if meter.endswith(m[0])), None)
    if found is None or unit not in found[3]:
        return None
    _, suffix, mine, _ = found
    red = _REDUNDANCY[sku["red"]]
    access = "hot" if sku["access"] == "Standard" else sku["access"].lower()  # v1: no tier
    try:
        band = _BANDS.get(Decimal(str(item.get("tierMinimumUnits") or 0)))
    except InvalidOperation:
        return None
    if band is None:
        return None  # a band the mappers do not know
    keys: list[str] = []
    for kind, tier in kinds:
        if (access == "premium") != (tier == "premium"):
            continue
        base = f"storage.{kind}.{tier}.{red}.{access}"
        if kind == "filestorage":
            if band:
                continue
            if meter.endswith("Data Stored"):  # a standard share: data and snapshots alike
                keys += [f"{base}.data_at_rest", f"{base}.snapshots"]
            elif suffix:
                keys.append(f"{base}.{suffix}")
            continue
        if suffix in ("data_at_rest", "snapshots", "metadata_at_rest"):
            continue  # file share meters
        if not suffix:  # capacity, in bands for Standard Hot
            if band and not (access == "hot" and kind in _BANDED):
                continue
            keys.append(base + band)
        elif not band:
            keys.append(f"{base}.{suffix}")
    return Many(tuple(keys), mine) if keys else None


def banded(item: Item) -> bool:
    """A storage account capacity meter of a later volume band (read despite its tier)."""
    return str(item.get("productName") or "") in _ACCOUNT_PRODUCTS and str(
        item.get("meterName") or ""
    ).endswith("Data Stored")


def _storage(item: Item) -> tuple[str, str] | Scaled | Many | None:
    product, meter = str(item.get("productName") or ""), str(item.get("meterName") or "")
    unit = item.get("unitOfMeasure")
    if product.endswith("Managed Disks") and meter == "Disk Operations" and unit == "10K":
        kind = {
            "Standard HDD Managed Disks": "standard_hdd",
            "Standard SSD Managed Disks": "standard_ssd",
        }.get(product)
        return None if kind is None else (f"disk.{kind}.operations", "10k operations")
    if product == "Ultra Disks" and meter in _ULTRA and unit in ("1 GiB/Hour", "1/Hour", "1 Hour"):
        key, mine = _ULTRA[meter]
        return Scaled(key, mine, HOURS)  # hourly meters; the mappers price a month
    if product in _ACCOUNT_PRODUCTS:
        return _account(item)
    return _disk(item)


_NETWORK = {
    ("IP Addresses", "Standard IPv4 Static Public IP"): ("public_ip.static.regional", "hours"),
    ("IP Addresses", "Basic IPv4 Dynamic Public IP"): ("public_ip.dynamic.regional", "hours"),
    ("Global Public IP", "Global IPv4 Static Public IP"): ("public_ip.static.global", "hours"),
    ("Public IP Prefix", "Static IP Addresses"): ("public_ip_prefix", "hours"),
    ("NAT Gateway", "Standard Gateway"): ("nat_gateway", "hours"),
    ("NAT Gateway", "Standard Data Processed"): ("nat_gateway.data_processed", "GB"),
}


def _network(item: Item) -> tuple[str, str] | None:
    if item.get("unitOfMeasure") not in ("1 Hour", "1 GB"):
        return None
    found = _NETWORK.get((str(item.get("productName") or ""), str(item.get("meterName") or "")))
    if found is None and item.get("meterName") == "Standard IPv4 Static Public IP":
        return _ip(item)
    return found


def _lb(item: Item) -> tuple[str, str] | None:
    if (
        item.get("productName") == "Load Balancer"
        and item.get("meterName") == "Standard Data Processed"
        and item.get("unitOfMeasure") == "1 GB"
    ):
        return "lb.data_processed", "GB"
    return None


def _aks(item: Item) -> tuple[str, str] | None:
    if item.get("meterName") == "Standard Uptime SLA" and item.get("unitOfMeasure") == "1 Hour":
        return "aks.uptime_sla", "hours"
    return None


_PLAN = re.compile(r"^Azure App Service (?P<tier>.+) Plan(?: - (?P<os>Linux))?$")


def _app_service(item: Item) -> tuple[str, str] | None:
    found = _PLAN.match(str(item.get("productName") or ""))
    sku = str(item.get("skuName") or "")
    if (
        found is None
        or item.get("unitOfMeasure") != "1 Hour"
        or str(item.get("meterName") or "") != f"{sku} App"
        or found["tier"] in ("Free", "Shared")
    ):
        return None
    os_name = "linux" if found["os"] else "windows"
    return f"app_service.{sku.replace(' ', '').lower()}.{os_name}", "hours"


# compute: "Azure Database for PostgreSQL Flexible Server General Purpose - Ddsv4 Series Compute"
# with skuName "2 vCore" and meterName "vCore" (the price of the 2-vCore server per hour); the
# Burstable tier names the size itself ("B1MS", meter "B1MS" or "B1MS vCore")
_PG_COMPUTE = re.compile(
    r"^Azure Database for PostgreSQL Flexible Server "
    r"(?P<tier>Burstable|General Purpose|Memory Optimized) (?:- )?(?P<series>\w+) Series Compute$"
)
_PG_TIERS = {"Burstable": "b", "General Purpose": "gp", "Memory Optimized": "mo"}
_PG_SERIES = re.compile(r"^(?P<family>[A-Z])(?P<features>[a-z]*)v(?P<version>\d+)$")
_PG_CORES = re.compile(r"^(?P<cores>\d+) vCore$")
_PG_BURSTABLE = re.compile(r"^B\d+[a-z]*$", re.IGNORECASE)


def _postgresql(item: Item) -> tuple[str, str] | None:
    """Flexible server storage, and compute as ``postgresql_flexible.<tier>_standard_<size>``
    (``gp_standard_d2ds_v4``: the mapper's key is the Terraform ``sku_name`` lowercased)."""
    product = str(item.get("productName") or "")
    meter, sku = str(item.get("meterName") or ""), str(item.get("skuName") or "")
    if (
        product.endswith("Flexible Server Storage")
        and meter == "Storage Data Stored"
        and item.get("unitOfMeasure") == "1 GB/Month"
    ):
        return "postgresql_flexible.storage", "GB"
    if (
        product == "Azure Database for PostgreSQL Flexible Server Backup Storage"
        and meter == "Backup Storage LRS Data Stored"
        and item.get("unitOfMeasure") == "1 GB/Month"
    ):
        return "postgresql_flexible.backup", "GB"
    found = _PG_COMPUTE.match(product)
    if found is None or item.get("unitOfMeasure") != "1 Hour":
        return None
    tier = _PG_TIERS[found["tier"]]
    if tier == "b":
        if not _PG_BURSTABLE.match(sku) or meter.removesuffix(" vCore") != sku:
            return None
        return f"postgresql_flexible.b_standard_{sku.lower()}", "hours"
    cores, series = _PG_CORES.match(sku), _PG_SERIES.match(found["series"])
    if cores is None or series is None or meter != "vCore":
        return None
    size = f"{series['family']}{cores['cores']}{series['features']}_v{series['version']}"
    return f"postgresql_flexible.{tier}_standard_{size.lower()}", "hours"


_SQL_DTU = re.compile(r"^SQL Database Single (?P<tier>Basic|Standard|Premium)$")
_SQL_DTU_SKU = re.compile(r"^(?:B|S\d+|P\d+)$")
_SQL_DTU_STORAGE = re.compile(r"^SQL Database (?:Single )?(?P<tier>Standard|Premium) - Storage$")
_SQL_TIERS = {"General Purpose": "gp", "Business Critical": "bc", "Hyperscale": "hs"}
_SQL_COMPUTE = re.compile(
    r"^SQL Database (?:Single/Elastic Pool |SingleDB/Elastic Pool |Single )?"
    r"(?P<tier>General Purpose|Business Critical|Hyperscale)"
    r"(?P<serverless> - Serverless)? - Compute (?P<family>.+)$"
)
_SQL_VCORES = re.compile(r"^(?P<cores>\d+) vCore(?P<zone> Zone Redundancy)?$")
# the hardware part of a product name -> the family part of the Terraform sku_name
_SQL_FAMILIES = {
    "Gen5": "gen5",
    "M Series": "m",
    "FSv2 Series": "fsv2",
    "DC-Series": "dc",
    "Premium Series": "prms",
    "Premium Series Memory Optimized": "mops",
}
# the sizes (max vCores) a serverless database is sold in: one per-vCore-hour rate for all
SERVERLESS_VCORES = (1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 24, 32, 40, 80)
_SQL_STORAGE = re.compile(
    r"^SQL Database (?:Single/Elastic Pool |SingleDB/Elastic Pool |Single )?"
    r"(?P<tier>General Purpose|Business Critical|Hyperscale) - Storage$"
)
_SQL_STORED = re.compile(
    r"^(?P<tier>General Purpose|Business Critical|Hyperscale)(?P<zone> Zone Redundancy)? "
    r"Data Stored$"
)
_SQL_BACKUP = re.compile(r"^Backup (?P<red>LRS|ZRS|RA-GRS|RA-GZRS)$")


@dataclass(frozen=True, slots=True)
class Many:
    """A meter that is the price of several keys (a serverless rate of every size)."""

    keys: tuple[str, ...]
    unit: str
    factor: Decimal = Decimal(1)


def _mssql(item: Item) -> tuple[str, str] | Scaled | Many | None:
    product, meter = str(item.get("productName") or ""), str(item.get("meterName") or "")
    sku, unit = str(item.get("skuName") or ""), item.get("unitOfMeasure")
    if meter.endswith(" - Free"):
        return None  # the free offer's meters, not the list price
    if (found := _SQL_DTU.match(product)) and unit == "1/Day":
        if not _SQL_DTU_SKU.match(sku) or not meter.endswith(("DTU", "DTUs")):
            return None
        name = "basic" if sku == "B" else sku.lower()
        return Scaled(f"mssql.{name}", "hours", Decimal(1), Decimal(24))
    if (found := _SQL_DTU_STORAGE.match(product)) and unit == "1 GB/Month":
        if meter != "Data Stored":
            return None
        return f"mssql.extra_storage.{found['tier'].lower()}", "GB"
    if (found := _SQL_COMPUTE.match(product)) and unit == "1 Hour":
        family = _SQL_FAMILIES.get(found["family"])
        cores = _SQL_VCORES.match(sku)
        if family is None or cores is None:
            return None
        tier, zone = _SQL_TIERS[found["tier"]], ".zone" if cores["zone"] else ""
        if found["serverless"]:
            if tier != "gp" or cores["cores"] != "1":
                return None
            keys = tuple(f"mssql.gp_s_{family}_{n}{zone}" for n in SERVERLESS_VCORES)
            return Many(keys, "vCore-hours")
        key = f"mssql.{tier}_{family}_{cores['cores']}"
        if zone:
            return (f"{key}.zone", "hours") if tier == "gp" else None
        return Many((key, f"{key}.replica"), "hours") if tier == "hs" else (key, "hours")
    if (found := _SQL_STORAGE.match(product)) and unit == "1 GB/Month":
        stored = _SQL_STORED.match(meter)
        if stored is None or stored["tier"] != found["tier"]:
            return None
        tier = _SQL_TIERS[found["tier"]]
        if tier == "hs" and item.get("armSkuName") not in ("", None, "Hyperscale"):
            return None
        return f"mssql.storage.{tier}{'.zone' if stored['zone'] else ''}", "GB"
    backup = _SQL_BACKUP.match(sku)
    if backup and unit == "1 GB/Month" and meter == f"{backup['red']} Data Stored":
        red = _REDUNDANCY[backup["red"]]
        if product == "SQL Database - LTR Backup Storage":
            return f"mssql.ltr.{red}", "GB"
        if product.startswith("SQL Database") and product.endswith("PITR Backup Storage"):
            return f"mssql.pitr.{red}", "GB"
    return None


_SQL_LICENSE = re.compile(
    r"^SQL Database (?:Single/Elastic Pool |SingleDB/Elastic Pool |Single )?"
    r"(?P<tier>General Purpose|Business Critical|Hyperscale) - SQL License$"
)
# the licence meters are sold once for every commercial region, under location "Global"
# (US Gov, China and Germany have their own): read there and written for each region refreshed
GLOBAL = "Global"
_SOVEREIGN = ("usgov", "usdod", "china", "germany")


def _mssql_license(item: Item) -> tuple[str, str] | None:
    found = _SQL_LICENSE.match(str(item.get("productName") or ""))
    if found is None or item.get("unitOfMeasure") != "1 Hour" or item.get("meterName") != "vCore":
        return None
    return f"mssql.license.{_SQL_TIERS[found['tier']]}", "vCore-hours"


SERVICES: dict[str, tuple[str, Rule]] = {
    "virtual-machines": ("Virtual Machines", _vm),
    "storage": ("Storage", _storage),
    "virtual-network": ("Virtual Network", _network),
    "load-balancer": ("Load Balancer", _lb),
    "kubernetes": ("Azure Kubernetes Service", _aks),
    "app-service": ("Azure App Service", _app_service),
    "postgresql": ("Azure Database for PostgreSQL", _postgresql),
    "sql-database": ("SQL Database", _mssql),
}


def items(
    client: Client, endpoint: str, service: str, region: str, *, field: str = "armRegionName"
) -> Iterator[Item]:
    """Every item of one service in one region (or ``location`` ``Global``), page by page."""
    query = f"serviceName eq '{service}' and {field} eq '{region}' and priceType eq 'Consumption'"
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
    found_items: Iterator[tuple[Item, Rule]] = (
        (item, rule) for item in items(client, endpoint, name, region)
    )
    if service == "sql-database" and not region.startswith(_SOVEREIGN):
        # read after the region's own meters, and only for a region that sells SQL Database
        # (a region name the API does not know must stay a region with no prices)
        def licences() -> Iterator[tuple[Item, Rule]]:
            if out:  # looked at once the region's own meters are read
                for item in items(client, endpoint, name, GLOBAL, field="location"):
                    yield item, _mssql_license

        found_items = itertools.chain(found_items, licences())
    for item, read in found_items:
        counter[0] += 1
        where = GLOBAL if read is _mssql_license else region
        if (
            item.get("type") != "Consumption"
            or item.get("currencyCode") != "USD"
            or item.get("isPrimaryMeterRegion") is False
            or (item.get("location") if where == GLOBAL else item.get("armRegionName")) != where
            or (
                str(item.get("tierMinimumUnits") or 0) not in ("0", "0.0")
                and not (service == "storage" and banded(item))
            )
        ):
            continue
        found = read(item)
        if found is None:
            continue
        divisor = Decimal(1)
        if isinstance(found, Many):
            keys, unit, factor = found.keys, found.unit, found.factor
        elif isinstance(found, Scaled):
            keys, unit, factor, divisor = (found.key,), found.unit, found.factor, found.divisor
        else:
            keys, unit, factor = (found[0],), found[1], Decimal(1)
        try:
            price = Decimal(str(item.get("retailPrice")))
        except InvalidOperation:
            raise RefreshError(
                f"azure {region}: price {item.get('retailPrice')!r} for {keys[0]}"
            ) from None
        if price < 0 or not price.is_finite():
            raise RefreshError(f"azure {region}: negative price for {keys[0]}")
        newest = max(newest, str(item.get("effectiveStartDate", ""))[:10])
        out.extend(Priced(key, region, price * factor / divisor, unit) for key in keys)
    return out, newest


# per service, keys every region that sells the service should have: a refresh names the ones
# it found no meter for (a product not sold there, or a meter Microsoft renamed)
EXPECTED: dict[str, tuple[str, ...]] = {
    "virtual-machines": (),
    "storage": (
        "disk.p10.lrs",
        "disk.standard_hdd.operations",
        "disk.standard_ssd.operations",
        "storage.storagev2.standard.lrs.hot",
    ),
    "virtual-network": ("public_ip.static.regional", "nat_gateway", "nat_gateway.data_processed"),
    "load-balancer": ("lb.data_processed",),
    "kubernetes": ("aks.uptime_sla",),
    "app-service": (),
    "postgresql": ("postgresql_flexible.storage",),
    "sql-database": ("mssql.s1", "mssql.gp_gen5_4", "mssql.storage.gp", "mssql.pitr.ragrs"),
}
