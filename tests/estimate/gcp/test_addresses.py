"""What a reserved Google Cloud address costs depends on what uses it
(https://cloud.google.com/vpc/network-pricing, https://cloud.google.com/nat/pricing): no charge
when a forwarding rule serves it (the rule is billed), the $0.005 in-use rate when a Cloud NAT
gateway lists it, $0.01 an hour only when nothing uses it. And an AUTO_ONLY NAT gateway's own
addresses are billed, never left out."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from finops_gate.sources.terraform_plan import plan_changes
from tests.estimate.gcp.test_pools_and_joins import _plan, _price
from tests.sides import check_sides

GOOGLE = 'provider "google" {\n  project = "p"\n  region  = "us-central1"\n}\n'


def _report(tmp_path: Path, body: str, config: str = "") -> dict[str, dict[str, Any]]:
    base = {".finops-gate.yml": config} if config else {}
    doc = check_sides(tmp_path, base, {"main.tf": GOOGLE + body})
    return {r["address"]: r for r in doc["resources"]}


def test_an_address_a_forwarding_rule_serves_is_not_billed_as_unused(tmp_path: Path) -> None:
    body = """
resource "google_compute_global_address" "lb" {
  name = "lb"
}
resource "google_compute_global_forwarding_rule" "https" {
  name       = "https"
  target     = "t"
  port_range = "443"
  ip_address = google_compute_global_address.lb.address
}
resource "google_compute_address" "nlb" {
  name = "nlb"
}
resource "google_compute_forwarding_rule" "nlb" {
  name       = "nlb"
  port_range = "80"
  ip_address = google_compute_address.nlb.id
}
resource "google_compute_global_address" "idle" {
  name = "idle"
}
"""
    found = _report(tmp_path, body)
    for address in ("google_compute_global_address.lb", "google_compute_address.nlb"):
        assert found[address]["monthly_after"] == "0", found[address]
        assert found[address]["lines"] == []
    # nothing uses it: reserved and unused, $0.01 an hour in us-central1
    assert found["google_compute_global_address.idle"]["monthly_after"] == "7.3"


def test_an_address_a_nat_gateway_uses_is_billed_in_use(tmp_path: Path) -> None:
    body = """
resource "google_compute_address" "a" {
  name = "a"
}
resource "google_compute_router_nat" "n" {
  name                               = "n"
  router                             = "r"
  nat_ip_allocate_option             = "MANUAL_ONLY"
  nat_ips                            = [google_compute_address.a.self_link]
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"
}
"""
    found = _report(tmp_path, body)
    (line,) = found["google_compute_address.a"]["lines"]
    assert "Cloud NAT" in line["name"]
    assert line["monthly_cost"] == "3.65"  # 730 h x $0.005
    nat = found["google_compute_router_nat.n"]
    assert not [x for x in nat["lines"] if "IP address" in x["name"]]  # billed on the address


def test_an_auto_only_gateway_bills_the_addresses_its_vms_ports_need(tmp_path: Path) -> None:
    body = """
resource "google_compute_router_nat" "n" {
  name                               = "n"
  router                             = "r"
  nat_ip_allocate_option             = "AUTO_ONLY"
  min_ports_per_vm                   = 4096
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"
}
"""
    config = (
        "version: 1\nusage:\n  terraform:\n    resource_usage:\n"
        "      google_compute_router_nat.n: {assigned_vms: 40, monthly_data_processed_gb: 0}\n"
    )
    nat = _report(tmp_path, body, config)["google_compute_router_nat.n"]
    (ips,) = [x for x in nat["lines"] if "IP addresses" in x["name"]]
    # 40 VMs x 4096 ports / 64,512 ports an address: 3 addresses x 730 h x $0.005
    assert (ips["monthly_quantity"], ips["monthly_cost"]) == ("2190", "10.95")
    assert nat["monthly_after"] == "43.65"  # + the 32-VM cap, 730 h x $0.0448


def test_an_auto_only_gateway_without_usage_names_its_addresses(tmp_path: Path) -> None:
    body = """
resource "google_compute_router_nat" "n" {
  name                               = "n"
  router                             = "r"
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"
}
"""
    nat = _report(tmp_path, body)["google_compute_router_nat.n"]
    (ips,) = [x for x in nat["lines"] if "IP addresses" in x["name"]]
    assert ips["monthly_cost"] is None
    assert ips["usage_key"] == "assigned_vms"


def test_an_existing_address_is_billed_by_what_its_users_name() -> None:
    # a plan shows the provider's ``users`` of an address that exists: the URLs of a forwarding
    # rule (no charge), a router's Cloud NAT ($0.005 an hour), a VM outside the plan ($0.005,
    # the standard VM rate, stated), or none (reserved and unused, $0.01)
    base = "https://www.googleapis.com/compute/v1/projects/p/"
    users = {
        "lb": [f"{base}global/forwardingRules/https"],
        "nat": [f"{base}regions/us-central1/routers/r"],
        "vm": [f"{base}zones/us-central1-a/instances/web"],
        "idle": [],
    }
    plan = _plan(
        [
            {
                "address": f"google_compute_address.{name}",
                "type": "google_compute_address",
                "values": {"name": name, "address_type": "EXTERNAL", "users": urls},
            }
            for name, urls in users.items()
        ],
        [
            {
                "address": f"google_compute_address.{name}",
                "type": "google_compute_address",
                "provider_config_key": "google",
                "expressions": {},
            }
            for name in users
        ],
    )
    found = {
        c.address.split(".")[1]: _price(c.current)
        for c in plan_changes(json.loads(json.dumps(plan)), display="plan.json")
        if c.current is not None
    }
    assert found["lb"].monthly == 0
    assert found["nat"].monthly == Decimal("3.65")
    assert found["vm"].monthly == Decimal("3.65")
    assert "users" in [a.key for a in found["vm"].assumptions]
    assert found["idle"].monthly == Decimal("7.3")


@pytest.mark.parametrize("ports", ["-64", "0", "1.5", '"Infinity"', '"1e999999"'])
def test_an_auto_only_gateway_with_min_ports_not_a_whole_number_names_it(
    tmp_path: Path, ports: str
) -> None:
    body = f"""
resource "google_compute_router_nat" "n" {{
  name                               = "n"
  router                             = "r"
  nat_ip_allocate_option             = "AUTO_ONLY"
  min_ports_per_vm                   = {ports}
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"
}}
"""
    config = (
        "version: 1\nusage:\n  terraform:\n    resource_usage:\n"
        "      google_compute_router_nat.n: {assigned_vms: 40, monthly_data_processed_gb: 0}\n"
    )
    nat = _report(tmp_path, body, config)["google_compute_router_nat.n"]
    (ips,) = [x for x in nat["lines"] if "IP addresses" in x["name"]]
    assert ips["monthly_cost"] is None
    assert "min_ports_per_vm" in ips["reason"]
