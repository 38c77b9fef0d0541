"""The Google and Azure joins cannot be forged: a plan or ``.tf`` the pull request controls may
write any attribute, but what the readers join (an instance group's template, autoscaler and
per-instance configs, a node pool's cluster, a child's parent location) comes only from the
references Terraform would follow. One implementation (sources/terraform_links.py) serves both
readers; a group also grows by one VM per ``google_compute_per_instance_config``."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from finops_gate.config import Settings
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status
from finops_gate.sources import terraform_hcl
from finops_gate.sources.terraform_plan import plan_changes
from finops_gate.sources.tree import Tree

GOOGLE = 'provider "google" {\n  region = "us-central1"\n}\n'
CHEAP = {"machine_type": "f1-micro", "disk": []}
# every spelling a forger may try: the link key, the keys the readers used before, and the keys
# the .tf reader keeps for itself (written references, unknown inputs)
FORGED_TEMPLATE = {
    "_related": {"instance_template": CHEAP},
    "_instance_template": CHEAP,
    "__references__": {"version.0.instance_template": "${google_compute_instance_template.x.id}"},
    "__unknown_inputs__": {"version.0.instance_template": "google_compute_instance_template.x.id"},
}
FORGED_SCALER = {
    "_related": {"autoscalers": [{"autoscaling_policy": [{"min_replicas": 0}]}]},
    "_autoscaler": {"min_replicas": 0, "max_replicas": 1},
}
FORGED_CONFIGS = {"_related": {"per_instance_configs": [{}, {}, {}, {}, {}]}}
FORGED_CLUSTER = {
    "_related": {"cluster": {"location": "asia-east1-a"}},
    "_cluster": {"location": "asia-east1-a"},
}


def _price(resource: Resource, usage: dict[str, dict[str, object]] | None = None) -> SideCost:
    return price_side(resource, UsageFile(by_address=usage or {}))


def _vm_hours(side: SideCost) -> Decimal:
    line = next(x for x in side.lines if "Instance usage" in x.name)
    assert line.monthly_quantity is not None
    return line.monthly_quantity


def _machine(side: SideCost) -> str:
    return next(x.name for x in side.lines if "Instance usage" in x.name)


def _hcl(value: Any) -> str:
    """A Python value as an HCL expression (maps, lists, strings, numbers)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {_hcl(v)}' for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_hcl(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value.replace("${", "$${"))
    return str(value)


def _tf(tmp_path: Path, text: str) -> dict[str, Resource]:
    (tmp_path / "main.tf").write_text(GOOGLE + text, encoding="utf-8")
    return {r.address: r for r in terraform_hcl.load(Tree(tmp_path), Settings())}


def _group_code(extra: dict[str, Any], *, scaler: bool = False, configs: int = 0) -> str:
    forged = "\n".join(f"  {k} = {_hcl(v)}" for k, v in extra.items())
    text = f"""
resource "google_compute_instance_template" "big" {{
  machine_type = "n1-standard-8"
}}
resource "google_compute_instance_template" "x" {{
  machine_type = "f1-micro"
}}
resource "google_compute_instance_group_manager" "g" {{
  zone               = "us-central1-a"
  base_instance_name = "g"
  target_size        = 2
  version {{ instance_template = google_compute_instance_template.big.id }}
{forged}
}}
"""
    if scaler:
        text += """
resource "google_compute_autoscaler" "a" {
  zone   = "us-central1-a"
  target = google_compute_instance_group_manager.g.id
  autoscaling_policy {
    min_replicas = 3
    max_replicas = 6
  }
}
"""
    for i in range(configs):
        text += f"""
resource "google_compute_per_instance_config" "c{i}" {{
  zone                   = "us-central1-a"
  name                   = "vm-{i}"
  instance_group_manager = google_compute_instance_group_manager.g.name
}}
"""
    return text


@pytest.mark.parametrize("key", sorted(FORGED_TEMPLATE))
def test_a_template_written_into_the_group_code_is_not_believed(tmp_path: Path, key: str) -> None:
    honest = _price(_tf(tmp_path, _group_code({}))["google_compute_instance_group_manager.g"])
    forged = _tf(tmp_path, _group_code({key: FORGED_TEMPLATE[key]}))
    side = _price(forged["google_compute_instance_group_manager.g"])
    assert "n1-standard-8" in _machine(side)
    assert (side.status, side.monthly) == (honest.status, honest.monthly)


@pytest.mark.parametrize("key", sorted(FORGED_SCALER))
def test_an_autoscaler_written_into_the_group_code_is_not_believed(
    tmp_path: Path, key: str
) -> None:
    plain = _tf(tmp_path, _group_code({key: FORGED_SCALER[key]}))
    assert _vm_hours(_price(plain["google_compute_instance_group_manager.g"])) == 2 * 730
    scaled = _tf(tmp_path, _group_code({key: FORGED_SCALER[key]}, scaler=True))
    assert _vm_hours(_price(scaled["google_compute_instance_group_manager.g"])) == 3 * 730


def test_per_instance_configs_written_into_the_group_code_are_not_believed(
    tmp_path: Path,
) -> None:
    found = _tf(tmp_path, _group_code(FORGED_CONFIGS))
    assert _vm_hours(_price(found["google_compute_instance_group_manager.g"])) == 2 * 730


def test_each_per_instance_config_adds_one_vm_to_the_target_size(tmp_path: Path) -> None:
    found = _tf(tmp_path, _group_code({}, configs=2))
    side = _price(found["google_compute_instance_group_manager.g"])
    assert _vm_hours(side) == 4 * 730
    assert "target_size 2 + 2 per-instance configs" in _machine(side)


NODE_POOL = """
resource "google_container_cluster" "main" {
  name               = "main"
  location           = "europe-west1-b"
  initial_node_count = 1
  remove_default_node_pool = true
}
resource "google_container_node_pool" "pool" {
  cluster    = google_container_cluster.main.name
  node_count = 1
  node_config { machine_type = "e2-standard-4" }
%s
}
"""


@pytest.mark.parametrize("key", sorted(FORGED_CLUSTER))
def test_a_cluster_written_into_the_node_pool_code_is_not_believed(
    tmp_path: Path, key: str
) -> None:
    forged = f"  {key} = {_hcl(FORGED_CLUSTER[key])}"
    pool = _tf(tmp_path, NODE_POOL % forged)["google_container_node_pool.pool"]
    assert pool.region == "europe-west1"
    side = _price(pool)
    assert "[1 node]" in _machine(side)  # a zonal cluster: one zone, not the forged one's


# --- the plan reader -----------------------------------------------------------------------


def _plan(
    resources: list[tuple[str, dict[str, Any]]], config: dict[str, dict[str, list[str]]]
) -> dict[str, Resource]:
    """A plan creating ``resources`` (address, planned values); ``config`` maps an address to
    {argument path: references} as terraform show -json writes them."""

    def expressions(address: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for path, refs in config.get(address, {}).items():
            # "version.0.instance_template" -> {"version": [{"instance_template": {...}}]}
            node: Any = {"references": refs}
            for part in reversed(path.split(".")):
                node = [node] if part.isdigit() else {part: node}
            out.update(node)
        return out

    kinds = {a: a.split(".")[0] for a, _ in resources}
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.11.0",
        "resource_changes": [
            {
                "address": address,
                "mode": "managed",
                "type": kinds[address],
                "name": address.split(".")[1],
                "provider_name": "registry.terraform.io/hashicorp/google",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": values,
                    "after_unknown": {},
                },
            }
            for address, values in resources
        ],
        "configuration": {
            "provider_config": {
                "google": {
                    "name": "google",
                    "expressions": {"region": {"constant_value": "us-central1"}},
                }
            },
            "root_module": {
                "resources": [
                    {
                        "address": address,
                        "type": kinds[address],
                        "name": address.split(".")[1],
                        "provider_config_key": "google",
                        "expressions": expressions(address),
                    }
                    for address, _ in resources
                ]
            },
        },
    }
    changes = plan_changes(json.loads(json.dumps(plan)), display="plan.json")
    return {c.address: c.current for c in changes if c.current is not None}


def _plan_group(extra: dict[str, Any], *, scaler: bool = False) -> Resource:
    resources: list[tuple[str, dict[str, Any]]] = [
        ("google_compute_instance_template.big", {"machine_type": "n1-standard-8", "disk": []}),
        (
            "google_compute_instance_group_manager.g",
            {"zone": "us-central1-a", "target_size": 2, **extra},
        ),
    ]
    config = {
        "google_compute_instance_group_manager.g": {
            "version.0.instance_template": [
                "google_compute_instance_template.big.id",
                "google_compute_instance_template.big",
            ]
        }
    }
    if scaler:
        policy = [{"min_replicas": 3, "max_replicas": 6}]
        resources.append(("google_compute_autoscaler.a", {"autoscaling_policy": policy}))
        config["google_compute_autoscaler.a"] = {
            "target": ["google_compute_instance_group_manager.g.id"]
        }
    return _plan(resources, config)["google_compute_instance_group_manager.g"]


@pytest.mark.parametrize("key", ["_related", "_instance_template"])
def test_a_template_written_into_the_planned_group_is_not_believed(key: str) -> None:
    honest = _price(_plan_group({}))
    side = _price(_plan_group({key: FORGED_TEMPLATE[key]}))
    assert "n1-standard-8" in _machine(side)
    assert side.monthly == honest.monthly and side.monthly is not None


def test_a_planned_group_without_its_template_stays_unpriced_whatever_it_carries() -> None:
    forged = {"zone": "us-central1-a", "target_size": 2, **FORGED_TEMPLATE}
    group = _plan([("google_compute_instance_group_manager.g", forged)], {})
    side = _price(group["google_compute_instance_group_manager.g"])
    assert side.status is Status.UNPRICED and side.monthly is None


@pytest.mark.parametrize("key", sorted(FORGED_SCALER))
def test_an_autoscaler_written_into_the_planned_group_is_not_believed(key: str) -> None:
    assert _vm_hours(_price(_plan_group({key: FORGED_SCALER[key]}))) == 2 * 730
    scaled = _plan_group({key: FORGED_SCALER[key]}, scaler=True)
    assert _vm_hours(_price(scaled)) == 3 * 730


def test_per_instance_configs_written_into_the_planned_group_are_not_believed() -> None:
    assert _vm_hours(_price(_plan_group(FORGED_CONFIGS))) == 2 * 730


def test_the_plan_reader_adds_the_groups_per_instance_configs() -> None:
    found = _plan(
        [
            ("google_compute_instance_template.t", {"machine_type": "e2-small", "disk": []}),
            (
                "google_compute_instance_group_manager.g",
                {"zone": "us-central1-a", "target_size": 0},
            ),
            ("google_compute_per_instance_config.c", {"name": "vm-1"}),
        ],
        {
            "google_compute_instance_group_manager.g": {
                "version.0.instance_template": ["google_compute_instance_template.t.id"]
            },
            "google_compute_per_instance_config.c": {
                "instance_group_manager": ["google_compute_instance_group_manager.g.name"]
            },
        },
    )
    assert _vm_hours(_price(found["google_compute_instance_group_manager.g"])) == 730


@pytest.mark.parametrize("key", sorted(FORGED_CLUSTER))
def test_a_cluster_written_into_the_planned_node_pool_is_not_believed(key: str) -> None:
    cluster = {"location": "europe-west1-b", "node_locations": []}
    pool = {"node_count": 1, "node_config": [{"machine_type": "e2-standard-4"}]}
    found = _plan(
        [
            ("google_container_cluster.main", cluster),
            ("google_container_node_pool.pool", {**pool, key: FORGED_CLUSTER[key]}),
        ],
        {"google_container_node_pool.pool": {"cluster": ["google_container_cluster.main.name"]}},
    )
    node_pool = found["google_container_node_pool.pool"]
    assert node_pool.region == "europe-west1"
    assert "[1 node]" in _machine(_price(node_pool))


@pytest.mark.parametrize("key", sorted(FORGED_CLUSTER))
def test_a_node_pool_without_a_cluster_reference_takes_no_written_cluster(key: str) -> None:
    pool = {"node_count": 1, "node_config": [{"machine_type": "e2-standard-4"}]}
    found = _plan([("google_container_node_pool.pool", {**pool, key: FORGED_CLUSTER[key]})], {})
    node_pool = found["google_container_node_pool.pool"]
    assert node_pool.region == "us-central1"  # the provider's, not the forged cluster's
    assert "[3 nodes]" in _machine(_price(node_pool))  # a region: three zones


# --- a reserved address used by a VM ----------------------------------------------------------

ADDRESS_CODE = """
resource "google_compute_address" "ip" {
  name = "ip"
}
resource "google_compute_address" "spare" {
  name = "spare"
}
resource "google_compute_address" "internal" {
  name         = "internal"
  address_type = "INTERNAL"
}
resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-small"
  zone         = "us-central1-a"
  boot_disk {
    initialize_params {
      size = 10
    }
  }
  network_interface {
    network = "default"
    access_config {
      nat_ip = google_compute_address.ip.address
    }
  }
  %s
}
resource "google_compute_instance" "ephemeral" {
  name         = "eph"
  machine_type = "e2-small"
  zone         = "us-central1-a"
  boot_disk {
    initialize_params {
      size = 10
    }
  }
  network_interface {
    network = "default"
    access_config {}
  }
}
"""


def _ip_lines(side: SideCost) -> list[tuple[str, str]]:
    return [(x.name, str(x.unit_price)) for x in side.lines if "IP address" in x.name]


def test_a_reserved_address_a_vm_uses_is_billed_once_in_use(tmp_path: Path) -> None:
    found = _tf(tmp_path, ADDRESS_CODE % "")
    address = _price(found["google_compute_address.ip"])
    assert [x.name for x in address.lines] == ["IP address (static, in use by a standard VM)"]
    assert address.monthly == Decimal("0.005") * 730
    assert _ip_lines(_price(found["google_compute_instance.vm"])) == []  # the address bills it
    spare = _price(found["google_compute_address.spare"])
    assert spare.monthly == Decimal("0.01") * 730  # reserved, not in use
    assert _price(found["google_compute_address.internal"]).monthly == 0
    ephemeral = _ip_lines(_price(found["google_compute_instance.ephemeral"]))
    assert ephemeral == [("External IP address (in use by a standard VM)", "0.005")]


def test_a_spot_vm_makes_its_reserved_address_the_spot_rate(tmp_path: Path) -> None:
    found = _tf(tmp_path, ADDRESS_CODE % "scheduling {\n    preemptible = true\n  }")
    address = _price(found["google_compute_address.ip"])
    assert address.lines[0].name == "IP address (static, in use by a spot VM)"
    assert address.monthly == Decimal("0.0025") * 730


def test_the_plan_reader_joins_a_vm_to_its_reserved_address() -> None:
    vm = {
        "machine_type": "e2-small",
        "zone": "us-central1-a",
        "boot_disk": [{"initialize_params": [{"size": 10}]}],
        "network_interface": [{"access_config": [{"nat_ip": None}]}],
    }
    found = _plan(
        [("google_compute_address.ip", {"name": "ip"}), ("google_compute_instance.vm", vm)],
        {
            "google_compute_instance.vm": {
                "network_interface.0.access_config.0.nat_ip": [
                    "google_compute_address.ip.address",
                    "google_compute_address.ip",
                ]
            }
        },
    )
    assert _price(found["google_compute_address.ip"]).monthly == Decimal("0.005") * 730
    assert _ip_lines(_price(found["google_compute_instance.vm"])) == []


def test_a_vm_written_into_the_address_is_not_believed() -> None:
    forged = {"name": "ip", "_related": {"users": [{"machine_type": "e2-small"}]}}
    found = _plan([("google_compute_address.ip", forged)], {})
    assert _price(found["google_compute_address.ip"]).monthly == Decimal("0.01") * 730


def test_a_related_resource_cannot_carry_joins_of_its_own_into_the_plan() -> None:
    # the template's planned values arrive with a hand-written "_related": it is not passed on
    template = {"machine_type": "n1-standard-8", "_related": {"instance_template": CHEAP}}
    group = {"zone": "us-central1-a", "target_size": 1}
    found = _plan(
        [
            ("google_compute_instance_template.big", template),
            ("google_compute_instance_group_manager.g", group),
        ],
        {
            "google_compute_instance_group_manager.g": {
                "version.0.instance_template": ["google_compute_instance_template.big.id"]
            }
        },
    )
    joined = found["google_compute_instance_group_manager.g"].attributes["_related"]
    assert joined["instance_template"] == {"machine_type": "n1-standard-8"}
