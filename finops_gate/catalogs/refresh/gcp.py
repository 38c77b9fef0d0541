"""Google Cloud: the Cloud Billing Catalog API v1 (an API key, from ``FINOPS_GATE_GCP_API_KEY``).
Services, then each service's SKUs page by page (``nextPageToken``); prices are
``units + nanos`` per usage unit. A predefined machine type has no SKU of its own: its hourly
price is composed per region from its family's core and RAM SKUs (vCPUs x core price + GiB x
RAM price), the way Google bills it; the families' SKU descriptions and each type's vCPUs and
GiB are data (``gcp_shapes.json``, built by ``scripts/build_gcp_shapes.py`` from the reference
data). On-demand list prices, and the Spot prices of what the mappers price at the spot rate
(machine types composed the same way from the family's Spot core and RAM SKUs, custom types,
GPUs, local SSD, a spot VM's external IP; keys ending ``.spot``): a Spot SKU is the on-demand
SKU's description with "Spot Preemptible " in front (GPUs and local SSD: "attached to Spot
Preemptible VMs"; the IP: "on a Spot Preemptible VM"). Committed-use, sole-tenancy and the older
"Preemptible" (not Spot) SKUs are dropped, and no sustained-use discount is applied.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
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
HOURS = Decimal(730)

_DISKS = {
    "Storage PD Capacity": "compute.disk.pd-standard",
    "SSD backed PD Capacity": "compute.disk.pd-ssd",
    "Balanced PD Capacity": "compute.disk.pd-balanced",
}
# Cloud NAT: the uptime SKU is the price per assigned VM-hour ("NAT Gateway: Uptime charge",
# "Networking Cloud NAT Gateway Uptime charge"; in the Compute Engine or the Networking
# service); a gateway is billed for at most 32 VMs, so its cap is 32 x that price
_NAT_UPTIME = re.compile(r"^(?:Networking Cloud )?NAT Gateway:? Uptime charge$", re.IGNORECASE)
_NAT_DATA = re.compile(
    r"^(?:Networking Cloud )?NAT (?:Gateway:? )?Data Processing(?: charge)?$", re.IGNORECASE
)
NAT_VMS = Decimal(32)
SHAPES_FILE = Path(__file__).with_name("gcp_shapes.json")  # scripts/build_gcp_shapes.py
_TAIL = re.compile(r"^(?: running)?(?: in [A-Z][\w .()/-]*)?$")


Shape = tuple[str, Decimal, Decimal, str, Decimal, Decimal]


@functools.cache
def shapes() -> tuple[tuple[tuple[str, str, str], ...], dict[str, Shape]]:
    """(family, part, SKU description prefix) longest prefix first, and machine type ->
    (family, vCPUs, GiB, GPU SKU name, GPUs, bundled local SSD GB): what predefined machine
    type prices are composed from."""
    data = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    prefixes = [
        (family, part, prefix)
        for family, (core, ram) in data["families"].items()
        for part, prefix in (("Core", core), ("Ram", ram))
    ]
    prefixes.sort(key=lambda item: -len(item[2]))
    types = {
        name: (
            spec[0],
            Decimal(spec[1]),
            Decimal(spec[2]),
            spec[3] if len(spec) > 3 else "",
            Decimal(spec[4]) if len(spec) > 3 else Decimal(0),
            Decimal(spec[5]) if len(spec) > 3 else Decimal(0),
        )
        for name, spec in data["types"].items()
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


_SPOT = "Spot Preemptible "
_SPOT_ATTACHED = " attached to Spot Preemptible VMs"
_SPOT_KEYS = ("compute.gpu.", "compute.custom.")  # and compute.local_ssd, compute.ip.vm


def spot_twin(description: str) -> str | None:
    """The on-demand SKU description of a Spot SKU ("Spot Preemptible N2 Instance Core running
    in Americas" -> "N2 Instance Core running in Americas"), None for any other SKU."""
    if description.startswith(_SPOT):
        return description.removeprefix(_SPOT)
    if _SPOT_ATTACHED in description:  # GPUs, local SSD
        return description.replace(_SPOT_ATTACHED, "", 1)
    if description == "External IP Charge on a Spot Preemptible VM":
        return "External IP Charge on a Standard VM"
    return None


def _spot_key(key: str) -> bool:
    return key.startswith(_SPOT_KEYS) or key in ("compute.local_ssd", "compute.ip.vm")


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
}
# pd-extreme and Hyperdisk: capacity per GiB-month, provisioned IOPS and throughput per month
_HYPER = re.compile(
    r"^(?P<kind>Extreme PD|Hyperdisk (?P<hd>Extreme|Balanced|Throughput|ML)) "
    r"(?P<what>Capacity|IOPS|Throughput)$"
)
_HYPER_PARTS = {
    "Capacity": ("", "GB"),
    "IOPS": (".provisioned_iops", "IOPS"),
    "Throughput": (".provisioned_throughput", "MiBps"),
}
# custom machine types: their own core and RAM SKUs (a premium over the predefined ones) and
# extended memory; "Custom Instance Core" is N1's
_CUSTOM = re.compile(
    r"^(?:(?P<fam>N2D AMD|N2|N4D|N4|E2) )?Custom (?P<ext>Extended )?Instance (?P<part>Core|Ram)$"
)
_CUSTOM_FAMILIES = {None: "n1", "N2D AMD": "n2d", "N2": "n2", "N4D": "n4d", "N4": "n4", "E2": "e2"}
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
# operations: the SKU's resource group names the class; "Class A"/"Class B" in the description;
# per operation in the API, per 10k in the catalog. Multi-region and dual-region operations are
# other SKUs (a multi-region location such as "us" reads MultiRegionalOps)
_GCS_OPS_GROUPS = {
    "RegionalOps": "standard",
    "MultiRegionalOps": "standard",
    "NearlineOps": "nearline",
    "ColdlineOps": "coldline",
    "ArchiveOps": "archive",
}
_GCS_OPS = re.compile(r"\bClass (?P<ab>A|B)\b")
_TEN_K = Decimal(10_000)
# network egress from Cloud Storage by destination, in monthly bands (tiered rates)
_GCS_EGRESS = {
    "Download Worldwide Destinations (excluding Asia & Australia)": "worldwide",
    "Download APAC": "asia",
    "Download China": "china",
    "Download Australia": "australia",
}
_EGRESS_BANDS = {Decimal(0): "first_1tb", Decimal(1024): "next_9tb", Decimal(10240): "over_10tb"}

# --service name -> the Catalog API service's display name
SERVICES = {
    "compute": "Compute Engine",
    "networking": "Networking",
    "gke": "Kubernetes Engine",
    "sql": "Cloud SQL",
    "redis": "Cloud Memorystore for Redis",
    "storage": "Cloud Storage",
}


# an on-demand GPU attached to a VM: "Nvidia Tesla T4 GPU running in Americas" ->
# compute.gpu.nvidia-tesla-t4 (the accelerator type); Virtual Workstation licences and GPUs
# attached to Spot VMs ("... attached to Spot Preemptible VMs") are other SKUs
_GPU = re.compile(r"^Nvidia (?P<name>[A-Za-z0-9 ]+?) GPU$", re.IGNORECASE)
# G4's RTX PRO 6000 is listed without "Nvidia ... GPU" ("RTX 6000 96GB running in Americas"):
# read to compose G4 machine types (a fraction of one in the smaller ones), no key of its own
_RTX = re.compile(r"^(?P<name>RTX [0-9]+ [0-9]+GB)$")
# a SKU's GPU name -> the accelerator type where Terraform spells it otherwise
_GPU_TYPES = {"tesla-a100-80gb": "a100-80gb"}


def gpu_name(description: str) -> str | None:
    """The GPU name of an on-demand GPU SKU ("Tesla A100 80GB"), without its location."""
    base = _IN.sub("", description)
    if rtx := _RTX.match(base):
        return rtx["name"]
    found = _GPU.match(base)
    if found is None or "workstation" in found["name"].lower():
        return None
    return found["name"]


def gpu_key(name: str) -> str:
    token = name.lower().replace(" ", "-")
    return f"compute.gpu.nvidia-{_GPU_TYPES.get(token, token)}"


@dataclass(frozen=True, slots=True)
class Out:
    """One catalog price a SKU gives: its key, unit and the factor from the SKU's unit."""

    key: str
    unit: str
    factor: Decimal = Decimal(1)


def _rule(service: str, description: str, group: str = "") -> list[Out]:
    """The catalog prices one SKU gives, from its description (location suffix removed) and
    its resource group; empty when none."""
    base = _IN.sub("", description)
    if service in ("compute", "networking"):
        if _NAT_UPTIME.match(base):
            return [Out("nat.vm", "VM-hours"), Out("nat.gateway", "hours", NAT_VMS)]
        if _NAT_DATA.match(base):
            return [Out("nat.data_processed", "GB")]
        if service == "networking":
            return []
        if (name := gpu_name(description)) is not None:
            return [] if _RTX.match(name) else [Out(gpu_key(name), "hours")]
        if found := _HYPER.match(base):
            disk = "pd-extreme" if found["hd"] is None else f"hyperdisk-{found['hd'].lower()}"
            suffix, unit = _HYPER_PARTS[found["what"]]
            return [Out(f"compute.disk.{disk}{suffix}", unit)]
        if found := _CUSTOM.match(base):
            part = found["part"].lower()
            if found["ext"]:
                if part != "ram":
                    return []
                part = "extended_ram"
            unit = "vCPU-hours" if part == "core" else "GB-hours"
            return [Out(f"compute.custom.{_CUSTOM_FAMILIES[found['fam']]}.{part}", unit)]
        simple = _COMPUTE.get(base)
        return [] if simple is None else [Out(*simple)]
    if service == "gke":
        if base in ("Regional Kubernetes Clusters", "Zonal Kubernetes Clusters"):
            return [Out("gke.cluster", "hours")]
        return []
    if service == "sql":
        found = _SQL.match(base)
        if found is None:
            return [Out("sql.backup", "GB")] if base == "Cloud SQL: Backups" else []
        key, unit = _SQL_KEYS[found["what"]]
        return [Out(key.format(a=found["avail"].lower()), unit)]
    if service == "redis":
        found = _REDIS.match(description)
        if found is None:
            return []
        return [Out(f"redis.{found['tier'].lower()}.{found['cap'].lower()}", "GB-hours")]
    if group in _GCS_OPS_GROUPS:
        ops = _GCS_OPS.search(description)
        if ops is None or "Tagging" in description or description.startswith("Dual-Region"):
            return []
        if group == "RegionalOps" and description.startswith("Multi-Region"):
            return []
        key = f"gcs.{_GCS_OPS_GROUPS[group]}.class_{ops['ab'].lower()}"
        return [Out(key, "10k operations", _TEN_K)]
    found = _GCS.match(description)
    if found is None or (found["what"] == "Data Retrieval" and found["cls"] == "Standard"):
        return []
    cls = _GCS_CLASS.get(found["cls"], found["cls"].lower())
    what = "storage" if found["what"] == "Storage" else "retrieval"
    return [Out(f"gcs.{cls}.{what}", "GB")]


def _multi_region(region: str) -> bool:
    """A multi-region location ("us", "eu", "asia"), not a region ("us-central1")."""
    return "-" not in region


def _egress(sku: dict[str, Any], dest: str, regions: list[str]) -> Iterator[Priced]:
    """Cloud Storage egress to one destination: one key per monthly band of the tiered rate."""
    info = sku.get("pricingInfo") or []
    rates = info[-1].get("pricingExpression", {}).get("tieredRates") if info else None
    for rate in rates or []:
        band = _EGRESS_BANDS.get(Decimal(str(rate.get("startUsageAmount", 0))))
        money = rate.get("unitPrice") or {}
        if band is None or money.get("currencyCode", "USD") != "USD":
            continue
        price = Decimal(str(money.get("units") or 0)) + Decimal(int(money.get("nanos") or 0)) / NANO
        for region in regions:
            yield Priced(f"gcs.egress.{dest}.{band}", region, price, "GB")


def prices(
    client: Client,
    endpoint: str,
    key: str,
    regions: list[str],
    counter: list[int],
    services: list[str] | None = None,
) -> tuple[list[Priced], str]:
    """The prices of ``services`` (default: all) in ``regions``: Compute Engine machine types
    composed (GPU families with their GPUs and bundled local SSD), custom types, GPUs, disks
    (pd-extreme and Hyperdisk with IOPS/throughput), IPs, local SSD, snapshots, Cloud NAT; GKE
    cluster fee; Cloud SQL vCPU, RAM, storage, shared-core instances and the db-n1 tiers;
    Memorystore capacity; Cloud Storage classes, retrieval, operations and egress; and the Spot
    prices of machine types, custom types, GPUs, local SSD and a spot VM's IP (``.spot``)."""
    out: list[Priced] = []
    # what machine types are composed of, on demand and Spot
    composed: dict[bool, dict[tuple[str, str, str], Decimal]] = {False: {}, True: {}}
    newest = ""
    for service in services or list(SERVICES):
        for sku in skus(client, endpoint, key, SERVICES[service]):
            counter[0] += 1
            category = sku.get("category") or {}
            description = str(sku.get("description", ""))
            spot = category.get("usageType") == "Preemptible" and service == "compute"
            if spot:
                twin = spot_twin(description)
                if twin is None:
                    continue  # the older Preemptible SKUs, Spot network fees...
                description = twin
            elif category.get("usageType") != "OnDemand":
                continue  # Commit1Yr... are not list prices
            parts = composed[spot]
            tail = ".spot" if spot else ""
            where = [r for r in sku.get("serviceRegions") or [] if r in regions or r == "global"]
            if not where:
                continue
            in_regions = regions if "global" in where else where
            egress = _GCS_EGRESS.get(description) if service == "storage" else None
            if egress is not None:
                out.extend(_egress(sku, egress, in_regions))
                continue
            price = _price(sku)
            if price is None:
                continue
            newest = max(
                newest, str((sku.get("pricingInfo") or [{}])[-1].get("effectiveTime", ""))[:10]
            )
            match = core_or_ram(description) if service == "compute" else None
            if match:  # a predefined family's core or RAM: what its machine types are made of
                fam, which = match
                for region in in_regions:
                    parts[(fam, which, region)] = price
                continue
            group = str(category.get("resourceGroup") or "")
            found = _rule(service, description, group)
            if spot:
                found = [Out(o.key + tail, o.unit, o.factor) for o in found if _spot_key(o.key)]
            if service == "compute":
                for region in in_regions:
                    if (name := gpu_name(description)) is not None:
                        parts[("gpu", name.lower(), region)] = price
                    elif _IN.sub("", description) == "SSD backed Local Storage":
                        parts[("local_ssd", "", region)] = price
            ops = group in _GCS_OPS_GROUPS  # regional ops for regions, multi-region for "us"...
            for one in found:
                for region in in_regions:
                    if ops and _multi_region(region) != (group == "MultiRegionalOps"):
                        continue
                    out.append(Priced(one.key, region, price * one.factor, one.unit))
    out.extend(_machines(composed[False]))
    out.extend(_machines(composed[True], ".spot"))
    out.extend(_sql_tiers(out))
    return out, newest


# Cloud SQL's legacy db-n1 tiers, billed as their vCPUs and memory at the per-vCPU and per-GB
# rates: (vCPUs, GB per vCPU) of db-n1-standard-N and db-n1-highmem-N
SQL_N1_TIERS: dict[str, tuple[int, Decimal]] = {
    **{f"db-n1-standard-{n}": (n, Decimal("3.75")) for n in (1, 2, 4, 8, 16, 32, 64, 96)},
    **{f"db-n1-highmem-{n}": (n, Decimal("6.5")) for n in (2, 4, 8, 16, 32, 64, 96)},
}


def _sql_tiers(out: list[Priced]) -> Iterator[Priced]:
    """``sql.db-n1-<...>.<zonal|regional>`` per hour where the vCPU and memory rates were read."""
    rates = {
        (p.key, p.region): p.price for p in out if p.key.startswith(("sql.vcpu.", "sql.memory."))
    }
    for avail in ("zonal", "regional"):
        for region in sorted({r for k, r in rates if k == f"sql.vcpu.{avail}"}):
            vcpu, memory = (
                rates.get((f"sql.vcpu.{avail}", region)),
                rates.get((f"sql.memory.{avail}", region)),
            )
            if vcpu is None or memory is None:
                continue
            for tier, (cpus, gb) in SQL_N1_TIERS.items():
                hourly = vcpu * cpus + memory * gb * cpus
                yield Priced(f"sql.{tier}.{avail}", region, hourly, "hours")


def _machines(parts: dict[tuple[str, str, str], Decimal], tail: str = "") -> Iterator[Priced]:
    """Every predefined machine type of the families whose core and RAM were read, per region:
    vCPUs x core + GiB x RAM, plus its GPUs and bundled local SSD (per GB-month / 730) where it
    has them and their prices were read too."""
    regions = sorted({region for _, _, region in parts})
    for name, (family, vcpus, gib, gpu, gpus, ssd) in sorted(shapes()[1].items()):
        for region in regions:
            core, ram = parts.get((family, "Core", region)), parts.get((family, "Ram", region))
            if core is None or ram is None:
                continue
            hourly = core * vcpus + ram * gib
            if gpus:
                card = parts.get(("gpu", gpu.lower(), region))
                if card is None:
                    continue  # never a GPU machine priced without its GPUs
                hourly += card * gpus
            if ssd:
                disk = parts.get(("local_ssd", "", region))
                if disk is None:
                    continue
                hourly += disk * ssd / HOURS
            yield Priced(f"compute.instance.{name}{tail}", region, hourly, "hours")


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
    "networking": ("nat.gateway", "nat.data_processed"),
}
