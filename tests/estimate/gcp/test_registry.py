"""Every registered google_* type has a plan fixture, read through the real plan reader, whose
priced lines match a reviewed snapshot; the free list is data and never overlaps the mappers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finops_gate.estimate.gcp import FREE, FREE_FAMILIES, REGISTRY
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from tests.estimate.gcp.plan_fixture import PLANS, render_fixture, resources

FIXTURES = PLANS / "gcp"


def test_every_registry_key_has_a_plan_fixture() -> None:
    fixtures = {p.name.removesuffix(".json") for p in FIXTURES.glob("*.json")}
    assert sorted(set(REGISTRY) - fixtures) == []


def test_every_fixture_holds_its_own_resource_type() -> None:
    for path in sorted(FIXTURES.glob("*.json")):
        kind = path.name.removesuffix(".json")
        assert kind in {r.kind for r in resources("gcp", kind)}, path.name


def test_the_readers_join_what_the_google_mappers_read() -> None:
    from finops_gate.sources.terraform_links import BACKWARD, FORWARD

    for kind in (
        "google_compute_instance_group_manager",
        "google_compute_region_instance_group_manager",
    ):
        assert [link.name for link in FORWARD[kind]] == ["instance_template", "canary_template"]
        assert {b.name for b in BACKWARD[kind]} == {"autoscalers", "per_instance_configs"}
    assert [link.name for link in FORWARD["google_container_node_pool"]] == ["cluster"]


def test_free_and_registered_types_do_not_overlap() -> None:
    assert sorted(FREE & set(REGISTRY)) == []
    assert all(name.startswith("google_") for name in FREE)


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_priced_lines_match_the_reviewed_snapshot(kind: str, snapshot: object) -> None:
    snapshot.assert_match(render_fixture("gcp", kind), f"{kind}.txt")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "kind",
    [
        "google_project_iam_member",
        "google_compute_firewall",
        "google_compute_network",
        "google_org_policy_policy",  # cloud-foundation-fabric's stages: were unsupported
        "google_tags_tag_value",
    ],
)
def test_free_types_are_free_not_unsupported(kind: str) -> None:
    res = Resource(f"{kind}.x", "terraform", kind, "google", "us-central1")
    side = price_side(res, UsageFile())
    assert (side.status, side.monthly) == (Status.FREE, Decimal(0))


@pytest.mark.parametrize(
    "kind",
    [
        "google_workstations_workstation_iam_binding",  # cloud-foundation-fabric's modules
        "google_tags_tag_value_iam_member",
        "google_secure_source_manager_repository_iam_policy",
        "google_organization_iam_custom_role",
    ],
)
def test_iam_on_any_resource_is_free_by_family(kind: str) -> None:
    assert kind not in FREE  # not listed one by one: the family covers it
    res = Resource(f"{kind}.x", "terraform", kind, "google", "us-central1")
    assert price_side(res, UsageFile()).status is Status.FREE


def test_a_free_family_never_covers_a_priced_type_or_a_look_alike() -> None:
    assert FREE_FAMILIES is not None
    assert [k for k in REGISTRY if FREE_FAMILIES.fullmatch(k)] == []
    for kind in (
        "google_project_iam_audit_config",  # turns on data access logs: billed
        "google_iam_workload_identity_pool",
        "google_compute_instance_iam_binding_x",
        "aws_iam_member",
    ):
        assert FREE_FAMILIES.fullmatch(kind) is None, kind


@pytest.mark.parametrize(
    "kind",
    [
        "google_pubsub_topic",
        "google_dns_managed_zone",
        "google_project_iam_audit_config",
        "google_compute_external_vpn_gateway",  # egress to it is billed
        "google_monitoring_alert_policy",  # billed per condition and time series read
        "google_monitoring_uptime_check_config",  # executions past the free allowance
    ],
)
def test_types_that_cost_with_usage_are_not_on_the_free_list(kind: str) -> None:
    res = Resource(f"{kind}.x", "terraform", kind, "google", "us-central1")
    assert price_side(res, UsageFile()).status is Status.UNSUPPORTED
