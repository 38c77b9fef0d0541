"""Node counts of GKE and AKS pools, the joins both Terraform readers make (a pool in its
cluster's location, an instance group with its template), and rates that hang on one attribute
(Hybrid Benefit, Windows node pools, Cloud SQL predefined tiers)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from finops_gate.catalogs.store import price_catalog
from finops_gate.config import Settings
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status
from finops_gate.sources import terraform_hcl
from finops_gate.sources.terraform_plan import plan_changes
from finops_gate.sources.tree import Tree
from tests.sides import check_sides

GOOGLE = 'provider "google" {\n  region = "us-central1"\n}\n'
AZURE = 'provider "azurerm" {\n  features {}\n}\n'


def _tf(tmp_path: Path, text: str) -> dict[str, Resource]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    return {r.address: r for r in terraform_hcl.load(Tree(tmp_path), Settings())}


def _price(resource: Resource, usage: dict[str, dict[str, object]] | None = None) -> SideCost:
    return price_side(resource, UsageFile(by_address=usage or {}))


def _hours(side: SideCost, word: str) -> Decimal:
    """The monthly quantity of the first priced line whose name holds ``word``."""
    line = next(x for x in side.lines if word in x.name)
    assert line.monthly_quantity is not None
    return line.monthly_quantity


GKE = (
    GOOGLE
    + """
resource "google_container_cluster" "zonal" {
  name     = "z"
  location = "europe-west1-b"
  remove_default_node_pool = true
  initial_node_count = 1
}
resource "google_container_cluster" "two_zones" {
  name           = "r"
  location       = "europe-west1"
  node_locations = ["europe-west1-b", "europe-west1-c"]
  remove_default_node_pool = true
  initial_node_count = 1
}
resource "google_container_node_pool" "in_zonal" {
  cluster    = google_container_cluster.zonal.id
  node_count = 2
  node_config { machine_type = "e2-standard-4" }
}
resource "google_container_node_pool" "in_two_zones" {
  cluster    = google_container_cluster.two_zones.name
  node_count = 2
  node_config { machine_type = "e2-standard-4" }
}
resource "google_container_node_pool" "autoscaled" {
  cluster = google_container_cluster.two_zones.id
  autoscaling {
    min_node_count = 1
    max_node_count = 5
  }
  node_config { machine_type = "e2-standard-4" }
}
resource "google_container_node_pool" "orphan" {
  cluster    = "projects/p/locations/us-east1/clusters/elsewhere"
  node_count = 2
  node_config { machine_type = "e2-standard-4" }
}
"""
)


def test_a_gke_pool_runs_in_its_clusters_region_and_zones_from_the_tf_code(
    tmp_path: Path,
) -> None:
    found = _tf(tmp_path, GKE)
    zonal, two = (
        found["google_container_node_pool.in_zonal"],
        found["google_container_node_pool.in_two_zones"],
    )
    assert (zonal.region, two.region) == ("europe-west1", "europe-west1")
    assert _hours(_price(zonal), "Instance usage") == Decimal(2 * 730)
    assert _hours(_price(two), "Instance usage") == Decimal(4 * 730)


def test_an_autoscaled_gke_pool_is_priced_at_its_minimum_per_zone_and_says_so(
    tmp_path: Path,
) -> None:
    side = _price(_tf(tmp_path, GKE)["google_container_node_pool.autoscaled"])
    line = next(x for x in side.lines if "Instance usage" in x.name)
    assert "autoscaling 1-5 per zone: minimum" in line.name
    assert line.monthly_quantity == Decimal(2 * 730)


def test_usage_nodes_is_per_zone_and_becomes_an_assumption(tmp_path: Path) -> None:
    pool = _tf(tmp_path, GKE)["google_container_node_pool.autoscaled"]
    side = _price(pool, {pool.address: {"nodes": 4}})
    assert _hours(side, "Instance usage") == Decimal(8 * 730)
    assert [(a.key, a.value) for a in side.assumptions if a.key == "nodes"] == [("nodes", "4")]


def test_a_pool_whose_cluster_is_not_in_the_code_keeps_the_provider_region(
    tmp_path: Path,
) -> None:
    orphan = _tf(tmp_path, GKE)["google_container_node_pool.orphan"]
    assert orphan.region == "us-central1"
    # a regional location without node_locations: three zones, never fewer
    assert _hours(_price(orphan), "Instance usage") == Decimal(6 * 730)


def test_an_inline_gke_pool_reads_its_own_usage_and_the_clusters_zones(tmp_path: Path) -> None:
    text = (
        GOOGLE
        + """
resource "google_container_cluster" "c" {
  name           = "c"
  location       = "us-central1"
  node_locations = ["us-central1-a", "us-central1-b"]
  node_pool {
    node_count = 1
    node_config { machine_type = "e2-standard-4" }
  }
}
"""
    )
    cluster = _tf(tmp_path, text)["google_container_cluster.c"]
    assert _hours(_price(cluster), "Instance usage") == Decimal(2 * 730)
    side = _price(cluster, {cluster.address: {"node_pool[0]": {"nodes": 3}}})
    assert _hours(side, "Instance usage") == Decimal(6 * 730)


def test_the_tf_reader_joins_an_instance_group_to_its_template(tmp_path: Path) -> None:
    text = (
        GOOGLE
        + """
resource "google_compute_instance_template" "app" {
  machine_type = "e2-standard-2"
  disk {
    boot         = true
    disk_type    = "pd-balanced"
    disk_size_gb = 20
  }
}
resource "google_compute_instance_group_manager" "app" {
  zone               = "us-central1-a"
  base_instance_name = "app"
  target_size        = 3
  version { instance_template = google_compute_instance_template.app.id }
}
resource "google_compute_region_instance_group_manager" "missing" {
  region             = "us-central1"
  base_instance_name = "app"
  target_size        = 3
  version { instance_template = google_compute_instance_template.gone.self_link }
}
"""
    )
    found = _tf(tmp_path, text)
    side = _price(found["google_compute_instance_group_manager.app"])
    assert side.status is Status.PRICED
    hourly = price_catalog("gcp").price("compute.instance.e2-standard-2", "us-central1")
    assert hourly is not None
    assert _hours(side, "Instance usage") == Decimal(3 * 730)
    assert _hours(side, "pd-balanced") == Decimal(3 * 20)
    missing = _price(found["google_compute_region_instance_group_manager.missing"])
    assert missing.status is Status.UNPRICED and "template" in (missing.reason or "")


def _plan(resources: list[dict[str, object]], config: list[dict[str, object]]) -> dict[str, object]:
    changes = [
        {
            "address": r["address"],
            "mode": "managed",
            "type": r["type"],
            "name": str(r["address"]).split(".")[1],
            "provider_name": "registry.terraform.io/hashicorp/google",
            "change": {
                "actions": ["create"],
                "before": None,
                "after": r["values"],
                "after_unknown": {},
            },
        }
        for r in resources
    ]
    return {
        "format_version": "1.2",
        "terraform_version": "1.11.0",
        "resource_changes": changes,
        "configuration": {
            "provider_config": {
                "google": {
                    "name": "google",
                    "expressions": {"region": {"constant_value": "us-central1"}},
                }
            },
            "root_module": {"resources": config},
        },
    }


def test_the_plan_reader_gives_a_gke_pool_its_clusters_location_and_zones() -> None:
    plan = _plan(
        [
            {
                "address": "google_container_cluster.c",
                "type": "google_container_cluster",
                "values": {"location": "europe-west4-a", "node_locations": None},
            },
            {
                "address": "google_container_node_pool.p",
                "type": "google_container_node_pool",
                "values": {"node_count": 2, "node_config": [{"machine_type": "e2-standard-4"}]},
            },
        ],
        [
            {
                "address": "google_container_cluster.c",
                "type": "google_container_cluster",
                "provider_config_key": "google",
                "expressions": {},
            },
            {
                "address": "google_container_node_pool.p",
                "type": "google_container_node_pool",
                "provider_config_key": "google",
                "expressions": {
                    "cluster": {
                        "references": [
                            "google_container_cluster.c.id",
                            "google_container_cluster.c",
                        ]
                    }
                },
            },
        ],
    )
    pool = next(
        c.current
        for c in plan_changes(json.loads(json.dumps(plan)), display="plan.json")
        if c.address == "google_container_node_pool.p"
    )
    assert pool.region == "europe-west4"
    assert _hours(_price(pool), "Instance usage") == Decimal(2 * 730)


AKS = (
    AZURE
    + """
resource "azurerm_kubernetes_cluster" "main" {
  name     = "main"
  location = "East US"
  default_node_pool {
    name    = "default"
    vm_size = "Standard_D2_v2"
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "win" {
  name                  = "win"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_DS2_v2"
  os_sku                = "Windows2022"
  node_count            = 2
}
resource "azurerm_kubernetes_cluster_node_pool" "auto" {
  name                  = "auto"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_DS2_v2"
  auto_scaling_enabled  = true
  node_count            = 4
  min_count             = 2
  max_count             = 6
}
"""
)


def test_an_aks_pool_is_in_its_clusters_region_from_the_tf_code(tmp_path: Path) -> None:
    found = _tf(tmp_path, AKS)
    assert found["azurerm_kubernetes_cluster_node_pool.win"].region == "eastus"


def test_an_aks_pool_without_a_count_runs_the_api_default_of_one_node_named_so(
    tmp_path: Path,
) -> None:
    side = _price(_tf(tmp_path, AKS)["azurerm_kubernetes_cluster.main"])
    line = next(x for x in side.lines if "Instance usage" in x.name)
    assert "node_count not set" in line.name and line.monthly_quantity == Decimal(730)


def test_an_autoscaled_aks_pool_is_at_its_minimum_and_usage_overrides_it(tmp_path: Path) -> None:
    pool = _tf(tmp_path, AKS)["azurerm_kubernetes_cluster_node_pool.auto"]
    assert _hours(_price(pool), "Instance usage") == Decimal(2 * 730)
    assert _hours(_price(pool, {pool.address: {"nodes": 5}}), "Instance usage") == 5 * 730


def test_a_windows_os_sku_pool_is_priced_at_the_windows_rate(tmp_path: Path) -> None:
    side = _price(_tf(tmp_path, AKS)["azurerm_kubernetes_cluster_node_pool.win"])
    line = next(x for x in side.lines if "Instance usage" in x.name)
    assert "Windows" in line.name
    windows = price_catalog("azure").price("vm.standard_ds2_v2.windows", "eastus")
    assert windows is not None and line.unit_price == windows


@pytest.mark.parametrize("licence", ["Windows_Server", "Windows_Client"])
def test_hybrid_benefit_pays_the_base_rate_not_the_windows_one(
    tmp_path: Path, licence: str
) -> None:
    text = (
        AZURE
        + f"""
resource "azurerm_windows_virtual_machine" "vm" {{
  name         = "vm"
  location     = "eastus"
  size         = "Standard_D2_v4"
  license_type = "{licence}"
  os_disk {{
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
    disk_size_gb         = 127
  }}
}}
"""
    )
    side = _price(_tf(tmp_path, text)["azurerm_windows_virtual_machine.vm"])
    line = next(x for x in side.lines if "Instance usage" in x.name)
    base = price_catalog("azure").price("vm.standard_d2_v4", "eastus")
    assert "hybrid benefit" in line.name and base is not None
    assert line.unit_price == base


@pytest.mark.parametrize(
    ("tier", "vcpus", "gb"),
    [("db-standard-4", 4, "15"), ("db-highmem-16", 16, "104"), ("db-lightweight-2", 2, "3.75")],
)
def test_cloud_sql_predefined_tiers_bill_their_vcpus_and_memory(
    tmp_path: Path, tier: str, vcpus: int, gb: str
) -> None:
    text = (
        GOOGLE
        + f"""
resource "google_sql_database_instance" "db" {{
  database_version = "POSTGRES_15"
  settings {{ tier = "{tier}" }}
}}
"""
    )
    side = _price(_tf(tmp_path, text)["google_sql_database_instance.db"])
    assert side.status is Status.PRICED
    assert _hours(side, "vCPUs") == Decimal(vcpus * 730)
    assert _hours(side, "Memory") == Decimal(gb) * 730


@pytest.mark.parametrize(
    "kind",
    ["azurerm_monitor_action_group", "google_dns_record_set", "google_compute_target_https_proxy"],
)
def test_types_with_usage_charges_are_unsupported_not_free(kind: str) -> None:
    provider = "azurerm" if kind.startswith("azurerm_") else "google"
    res = Resource(f"{kind}.x", "terraform", kind, provider, "us-central1")
    assert _price(res).status is Status.UNSUPPORTED


def test_an_extract_figure_that_is_the_windows_meter_is_replaced_by_the_linux_rate() -> None:
    # the Azure extract lists Standard_E96as_v5 in eastus at 9.84/h, the Windows meter; the
    # goldens show Linux 5.424 and Windows 9.84 for that size and region
    linux = price_catalog("azure").price("vm.standard_e96as_v5", "eastus")
    assert linux == Decimal("5.424")


def test_an_autoscaling_minimum_and_a_default_count_are_listed_as_assumptions(
    tmp_path: Path,
) -> None:
    (tmp_path / "gke").mkdir()
    gke = _price(_tf(tmp_path / "gke", GKE)["google_container_node_pool.autoscaled"])
    assert [(a.key, a.origin) for a in gke.assumptions if a.key == "nodes"] == [
        ("nodes", "default")
    ]
    assert "minimum" in next(a.value for a in gke.assumptions if a.key == "nodes")
    (tmp_path / "aks").mkdir()
    aks = _price(_tf(tmp_path / "aks", AKS)["azurerm_kubernetes_cluster.main"])
    said = {a.key: a.value for a in aks.assumptions if a.origin == "default"}
    assert "AKS default" in said["default_node_pool.nodes"]


@pytest.mark.parametrize(
    ("attrs", "key"),
    [
        ({}, "storage.storagev2.standard.lrs.hot"),
        (
            {"account_kind": "Storage", "account_replication_type": "RAGRS"},
            "storage.storage.standard.ragrs.hot",
        ),
        (
            {"account_tier": "Premium", "access_tier": "Hot", "account_kind": "BlockBlobStorage"},
            "storage.blockblobstorage.premium.lrs.premium",
        ),
        (
            {"account_replication_type": "RA-GZRS", "access_tier": "Cool"},
            "storage.storagev2.standard.ragzrs.cool",
        ),
    ],
)
def test_a_storage_account_is_keyed_by_kind_tier_replication_and_access(
    attrs: dict[str, str], key: str
) -> None:
    from finops_gate.estimate.azure.services import storage_key

    res = Resource(
        "azurerm_storage_account.s",
        "terraform",
        "azurerm_storage_account",
        "azurerm",
        "westus",
        attributes=attrs,
    )
    assert storage_key(res)[0] == key


AUTOSCALED_GROUP = (
    GOOGLE
    + """
resource "google_compute_instance_template" "app" {
  machine_type = "e2-standard-2"
  disk {
    boot         = true
    disk_size_gb = 20
  }
}
resource "google_compute_instance_group_manager" "app" {
  zone               = "us-central1-a"
  base_instance_name = "app"
  version { instance_template = google_compute_instance_template.app.id }
}
resource "google_compute_autoscaler" "app" {
  zone   = "us-central1-a"
  target = google_compute_instance_group_manager.app.id
  autoscaling_policy {
    min_replicas = 2
    max_replicas = 8
  }
}
"""
)


def test_an_autoscaled_instance_group_is_priced_at_the_autoscalers_minimum(
    tmp_path: Path,
) -> None:
    group = _tf(tmp_path, AUTOSCALED_GROUP)["google_compute_instance_group_manager.app"]
    side = _price(group)
    assert _hours(side, "Instance usage") == Decimal(2 * 730)
    said = {a.key: a.value for a in side.assumptions if a.origin == "default"}
    assert "autoscaler 2-8: minimum" in said["instances"]
    assert _hours(_price(group, {group.address: {"instances": 5}}), "Instance usage") == 5 * 730


def test_an_instance_group_without_size_or_autoscaler_is_unpriced_not_zero(
    tmp_path: Path,
) -> None:
    text = AUTOSCALED_GROUP.split('resource "google_compute_autoscaler"')[0]
    side = _price(_tf(tmp_path, text)["google_compute_instance_group_manager.app"])
    assert side.status is Status.UNPRICED and "target_size" in (side.reason or "")


def test_the_plan_reader_gives_an_instance_group_its_autoscalers_minimum() -> None:
    plan = _plan(
        [
            {
                "address": "google_compute_instance_template.t",
                "type": "google_compute_instance_template",
                "values": {"machine_type": "e2-standard-2", "disk": []},
            },
            {
                "address": "google_compute_instance_group_manager.g",
                "type": "google_compute_instance_group_manager",
                "values": {"zone": "us-central1-a", "target_size": None},
            },
            {
                "address": "google_compute_autoscaler.a",
                "type": "google_compute_autoscaler",
                "values": {
                    "zone": "us-central1-a",
                    "autoscaling_policy": [{"min_replicas": 3, "max_replicas": 9}],
                },
            },
        ],
        [
            {
                "address": "google_compute_instance_template.t",
                "type": "google_compute_instance_template",
                "provider_config_key": "google",
                "expressions": {},
            },
            {
                "address": "google_compute_instance_group_manager.g",
                "type": "google_compute_instance_group_manager",
                "provider_config_key": "google",
                "expressions": {
                    "version": [
                        {
                            "instance_template": {
                                "references": [
                                    "google_compute_instance_template.t.id",
                                    "google_compute_instance_template.t",
                                ]
                            }
                        }
                    ]
                },
            },
            {
                "address": "google_compute_autoscaler.a",
                "type": "google_compute_autoscaler",
                "provider_config_key": "google",
                "expressions": {
                    "target": {
                        "references": [
                            "google_compute_instance_group_manager.g.id",
                            "google_compute_instance_group_manager.g",
                        ]
                    }
                },
            },
        ],
    )
    group = next(
        c.current
        for c in plan_changes(json.loads(json.dumps(plan)), display="plan.json")
        if c.address == "google_compute_instance_group_manager.g"
    )
    assert _hours(_price(group), "Instance usage") == Decimal(3 * 730)


@pytest.mark.parametrize("key", ["backup_storage_gb", "monthly_backup_storage_gb"])
def test_cloud_sql_backups_read_infracosts_usage_key_and_the_older_name(key: str) -> None:
    sql = Resource(
        "google_sql_database_instance.db",
        "terraform",
        "google_sql_database_instance",
        "google",
        "us-central1",
        attributes={"database_version": "MYSQL_8_0", "settings": [{"tier": "db-g1-small"}]},
    )
    side = _price(sql, {sql.address: {key: 1000}})
    backups = next(x for x in side.lines if x.name == "Backups")
    assert backups.monthly_quantity == 1000 and backups.monthly_cost == Decimal(80)
    assert side.status is Status.PRICED


_TEMPLATES = """
resource "google_compute_instance_template" "v1" {
  name_prefix  = "v1-"
  machine_type = "e2-standard-2"
  disk {
    source_image = "debian-cloud/debian-11"
    disk_size_gb = 20
  }
  network_interface {
    network = "default"
  }
}
resource "google_compute_instance_template" "v2" {
  name_prefix  = "v2-"
  machine_type = "MTYPE"
  disk {
    source_image = "debian-cloud/debian-12"
    disk_size_gb = 20
  }
  network_interface {
    network = "default"
  }
}
resource "google_compute_instance_group_manager" "g" {
  name               = "g"
  zone               = "us-central1-a"
  base_instance_name = "g"
  target_size        = 4
  version {
    name              = "stable"
    instance_template = google_compute_instance_template.v1.id
  }
  version {
    name              = "canary"
    instance_template = google_compute_instance_template.v2.id
    target_size {
      percent = 50
    }
  }
}
"""


@pytest.mark.parametrize(
    ("canary", "monthly"),
    [
        # a new image of the same shape: every VM costs the same, 4 x (730 x 0.06701142 + 0.8)
        ("e2-standard-2", "198.87"),
        # half the VMs on n2-standard-16: never priced as 4 e2-standard-2
        ("n2-standard-16", None),
    ],
)
def test_a_canary_version_of_another_price_is_never_priced_as_the_first(
    tmp_path: Path, canary: str, monthly: str | None
) -> None:
    google = 'provider "google" {\n  project = "p"\n  region  = "us-central1"\n}\n'
    doc = check_sides(tmp_path, {}, {"main.tf": google + _TEMPLATES.replace("MTYPE", canary)})
    group = next(r for r in doc["resources"] if r["kind"].endswith("group_manager"))
    assert group["monthly_after"] == monthly
    if monthly is None:
        assert "two versions" in group["reason"]


def test_a_canary_version_differing_only_in_provisioned_iops_is_never_priced_as_the_first(
    tmp_path: Path,
) -> None:
    google = 'provider "google" {\n  project = "p"\n  region  = "us-central1"\n}\n'
    extreme = '    disk_type        = "pd-extreme"\n    provisioned_iops = IOPS\n'
    code = _TEMPLATES.replace("MTYPE", "e2-standard-2").replace("disk_size_gb = 20\n", "")
    parts = code.split('source_image = "debian-cloud/debian-12"\n')
    code = parts[0].replace(
        'source_image = "debian-cloud/debian-11"\n',
        'source_image = "debian-cloud/debian-11"\n' + extreme.replace("IOPS", "10000"),
    )
    code += 'source_image = "debian-cloud/debian-12"\n' + extreme.replace("IOPS", "100000")
    code += parts[1]
    doc = check_sides(tmp_path, {}, {"main.tf": google + code})
    group = next(r for r in doc["resources"] if r["kind"].endswith("group_manager"))
    assert group["monthly_after"] is None
    assert "two versions" in group["reason"]
