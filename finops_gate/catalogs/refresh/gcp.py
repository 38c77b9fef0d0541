"""Google Cloud: the Cloud Billing Catalog API v1 (an API key, from ``FINOPS_GATE_GCP_API_KEY``).
Services, then each service's SKUs page by page (``nextPageToken``); prices are
``units + nanos`` per usage unit. A predefined machine type has no SKU of its own: its hourly
price is composed per region from its family's core and RAM SKUs (vCPUs x core price + GiB x
RAM price), the way Google bills it; the families' SKU descriptions and each type's vCPUs and
GiB are data (``gcp_shapes.json``, built by ``scripts/build_gcp_shapes.py`` from the reference
data). On-demand list prices only: preemptible/spot, committed-use
and sole-tenancy SKUs are dropped, and no sustained-use discount is applied.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from finops_gate.catalogs.refresh.http import Client
from finops_gate.catalogs.refresh.output import Priced
from finops_gate.errors import RefreshError

ENDPOINT = "https://cloudbilling.googleapis.com"
KEY_ENV = "FINOPS_GATE_GCP_API_KEY"
MAX_PAGES = 5000
NANO = Decimal(1_000_000_000)

_DISKS = {
    "Storage PD Capacity": "compute.disk.pd-standard",
    "SSD backed PD Capacity": "compute.disk.pd-ssd",
    "Balanced PD Capacity": "compute.disk.pd-balanced",
}
_NAT = {
    "Networking Cloud NAT Gateway Uptime charge": ("nat.gateway", "hours"),
    "Networking Cloud NAT Data Processing": ("nat.data_processed", "GB"),
}
SHAPES_FILE = Path(__file__).with_name("gcp_shapes.json")  # scripts/build_gcp_shapes.py
_TAIL = re.compile(r"^(?: running)?(?: in [A-Z][\w .()/-]*)?$")


@functools.cache
def shapes() -> tuple[tuple[tuple[str, str, str], ...], dict[str, tuple[str, Decimal, Decimal]]]:
    """(family, part, SKU description prefix) longest prefix first, and machine type ->
    (family, vCPUs, GiB): what predefined machine type prices are composed from."""
    data = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    prefixes = [
        (family, part, prefix)
        for family, (core, ram) in data["families"].items()
        for part, prefix in (("Core", core), ("Ram", ram))
    ]
    prefixes.sort(key=lambda item: -len(item[2]))
    types = {
        name: (family, Decimal(cpu), Decimal(ram))
        for name, (family, cpu, ram) in data["types"].items()
    }
    return tuple(prefixes), types


def core_or_ram(description: str) -> tuple[str, str] | None:
    """``(family, "Core"|"Ram")`` for a family's on-demand core or RAM SKU, else None
    (custom, sole-tenancy, commitment and spot SKUs have other descriptions)."""
    for family, part, prefix in shapes()[0]:
        if not description.startswith(prefix):
            continue
        rest = description[len(prefix) :]
        if not prefix.endswith(part):
            if not rest.startswith(f" {part}"):
                continue
            rest = rest[len(part) + 1 :]
        if _TAIL.match(rest):
            return family, part
    return None


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


_IN = re.compile(r" (?:running )?in [A-Z][\w .()/-]*$")
_COMPUTE = {
    "Static Ip Charge": ("compute.ip.unused", "hours"),
    "External IP Charge on a Standard VM": ("compute.ip.vm", "hours"),
    "SSD backed Local Storage": ("compute.local_ssd", "GB"),
    "Storage PD Snapshot": ("compute.snapshot", "GB"),
    "Regional Storage PD Capacity": ("compute.disk.pd-standard.regional", "GB"),
    "Regional SSD backed PD Capacity": ("compute.disk.pd-ssd.regional", "GB"),
    "Regional Balanced PD Capacity": ("compute.disk.pd-balanced.regional", "GB"),
    **{d: (k, "GB") for d, k in _DISKS.items()},
    **_NAT,
}
_SQL = re.compile(
    r"^Cloud SQL for (?:MySQL|PostgreSQL): (?P<avail>Zonal|Regional) - "
    r"(?P<what>vCPU|RAM|Standard storage|Micro instance|Small instance)$"
)
_SQL_KEYS = {
    "vCPU": ("sql.vcpu.{a}", "vCPU-hours"),
    "RAM": ("sql.memory.{a}", "GB-hours"),
    "Standard storage": ("sql.storage.ssd.{a}", "GB"),
    "Micro instance": ("sql.db-f1-micro.{a}", "hours"),
    "Small instance": ("sql.db-g1-small.{a}", "hours"),
}
_REDIS = re.compile(r"^Redis Capacity (?P<tier>Basic|Standard) (?P<cap>M[1-5])\b")
_GCS = re.compile(
    r"^(?P<cls>Standard|Nearline|Coldline|Archive|Durable Reduced Availability) "
    r"(?P<what>Storage|Data Retrieval)\b"
)
_GCS_CLASS = {"Durable Reduced Availability": "dra"}

# --service name -> the Catalog API service's display name
SERVICES = {
    "compute": "Compute Engine",
    "gke": "Kubernetes Engine",
    "sql": "Cloud SQL",
    "redis": "Cloud Memorystore for Redis",
    "storage": "Cloud Storage",
}


# an on-demand GPU attached to a VM: "Nvidia Tesla T4 GPU running in Americas" ->
# compute.gpu.nvidia-tesla-t4 (the accelerator type); Virtual Workstation licences and GPUs
# attached to Spot VMs ("... attached to Spot Preemptible VMs") are other SKUs
_GPU = re.compile(r"^Nvidia (?P<name>[A-Za-z0-9 ]+?) GPU$")


def _rule(service: str, description: str) -> tuple[str, str] | None:
    """The catalog key and unit of one SKU description (its location suffix removed)."""
    base = _IN.sub("", description)
    if service == "compute":
        gpu = _GPU.match(base)
        if gpu is not None and "Workstation" not in gpu["name"]:
            return f"compute.gpu.nvidia-{gpu['name'].lower().replace(' ', '-')}", "hours"
        return _COMPUTE.get(base)
    if service == "gke":
        if base in ("Regional Kubernetes Clusters", "Zonal Kubernetes Clusters"):
            return "gke.cluster", "hours"
        return None
    if service == "sql":
        found = _SQL.match(base)
        if found is None:
            return ("sql.backup", "GB") if re.match(r"^Cloud SQL: Backups$", base) else None
        key, unit = _SQL_KEYS[found["what"]]
        return key.format(a=found["avail"].lower()), unit
    if service == "redis":
        found = _REDIS.match(description)
        return (
            None
            if found is None
            else (
                f"redis.{found['tier'].lower()}.{found['cap'].lower()}",
                "GB-hours",
            )
        )
    found = _GCS.match(description)
    if found is None or (found["what"] == "Data Retrieval" and found["cls"] == "Standard"):
        return None
    cls = _GCS_CLASS.get(found["cls"], found["cls"].lower())
    what = "storage" if found["what"] == "Storage" else "retrieval"
    return f"gcs.{cls}.{what}", "GB"


def prices(
    client: Client,
    endpoint: str,
    key: str,
    regions: list[str],
    counter: list[int],
    services: list[str] | None = None,
) -> tuple[list[Priced], str]:
    """The prices of ``services`` (default: all) in ``regions``: Compute Engine machine types
    composed, GPUs, disks, IPs, local SSD, snapshots, Cloud NAT; GKE cluster fee; Cloud SQL
    vCPU, RAM, storage and shared-core instances; Memorystore capacity; Cloud Storage classes."""
    out: list[Priced] = []
    parts: dict[tuple[str, str, str], Decimal] = {}
    newest = ""
    for service in services or list(SERVICES):
        for sku in skus(client, endpoint, key, SERVICES[service]):
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
            match = core_or_ram(description) if service == "compute" else None
            if match:
                fam, which = match
                for region in in_regions:
                    parts[(fam, which, region)] = price
                    part = "core" if which == "Core" else "ram"
                    unit = "vCPU-hours" if part == "core" else "GB-hours"
                    out.append(Priced(f"compute.custom.{fam}.{part}", region, price, unit))
                continue
            found = _rule(service, description)
            if found is not None:
                out.extend(Priced(found[0], r, price, found[1]) for r in in_regions)
    out.extend(_machines(parts))
    return out, newest


def _machines(parts: dict[tuple[str, str, str], Decimal]) -> Iterator[Priced]:
    """Every predefined machine type of the families whose core and RAM were read, per region."""
    regions = sorted({region for _, _, region in parts})
    for name, (family, vcpus, gib) in sorted(shapes()[1].items()):
        for region in regions:
            core, ram = parts.get((family, "Core", region)), parts.get((family, "Ram", region))
            if core is not None and ram is not None:
                hourly = core * vcpus + ram * gib
                yield Priced(f"compute.instance.{name}", region, hourly, "hours")


# per service, keys every region that sells the service should have (see azure.EXPECTED)
EXPECTED: dict[str, tuple[str, ...]] = {
    "compute": (
        "compute.disk.pd-standard",
        "compute.disk.pd-ssd",
        "compute.disk.pd-balanced",
        "compute.ip.vm",
        "compute.local_ssd",
    ),
    "gke": ("gke.cluster",),
    "sql": ("sql.vcpu.zonal", "sql.memory.zonal", "sql.storage.ssd.zonal"),
    "redis": ("redis.basic.m1", "redis.standard.m1"),
    "storage": ("gcs.standard.storage",),
}
