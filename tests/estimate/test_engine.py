"""The engine picks a pricer by what a resource is (provider and kind), not by its reader."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from finops_gate.catalogs import files
from finops_gate.config import Settings
from finops_gate.estimate import engine
from finops_gate.model import Action, Resource, ResourceChange, Status
from finops_gate.model import domain as model_domain

# a pretend second IaC reader (CloudFormation): it maps its own type names and property names
# onto the resource types the mappers know, and says it is not Terraform
_CFN_TYPES = {"AWS::EC2::Instance": ("aws_instance", {"InstanceType": "instance_type"})}


def _from_cloudformation(logical_id: str, template: dict[str, Any]) -> Resource:
    kind, names = _CFN_TYPES[template["Type"]]
    attrs = {names[k]: v for k, v in template["Properties"].items() if k in names}
    return Resource(
        address=f"stack.yaml#{logical_id}",
        source="cloudformation",
        kind=kind,
        provider="aws",
        region="us-east-1",
        attributes=attrs,
        file="stack.yaml",
    )


def _created(resource: Resource) -> ResourceChange:
    return ResourceChange(resource.address, Action.CREATE, None, resource)


def test_a_second_iac_source_prices_through_the_aws_mappers() -> None:
    cfn = _from_cloudformation(
        "Api", {"Type": "AWS::EC2::Instance", "Properties": {"InstanceType": "m5.large"}}
    )
    (delta,) = engine.price_changes([_created(cfn)], Settings())
    assert delta.after is not None and delta.after.status is Status.PRICED
    assert delta.after.lines[0].name == "Instance usage (Linux, on-demand, m5.large)"
    assert delta.after.lines[0].monthly_cost == Decimal(730) * Decimal("0.096")
    # exactly what the same instance read from Terraform costs
    terraform = replace(cfn, source="terraform", address="aws_instance.api", file=None)
    side = engine.price_side(terraform, Settings())
    assert replace(side, assumptions=()) == replace(delta.after, assumptions=())
    # with the same assumptions (the AMI is in neither: billed as Linux, said), each said of
    # its own resource in the report
    from finops_gate.report.build import assumptions

    tf_delta = replace(delta, change=_created(terraform), after=side)
    said = [(a.subject, a.key, a.value) for a in assumptions([tf_delta])]
    assert said == [(terraform.address, a.key, a.value) for a in assumptions([delta])]
    assert [a.subject for a in assumptions([delta])] == [cfn.address]
    assert [a.key for a in side.assumptions] == ["operating_system"]


def test_usage_for_a_second_sources_resource_is_looked_up_by_its_address() -> None:
    cfn = Resource(
        "stack.yaml#Logs", "cloudformation", "aws_cloudwatch_log_group", "aws", "us-east-1"
    )
    raw = {
        "version": 1,
        "usage": {
            "terraform": {"resource_usage": {"stack.yaml#Logs": {"monthly_data_ingested_gb": 10}}}
        },
    }
    side = engine.price_side(cfn, Settings(raw=raw))
    ingested = next(x for x in side.lines if x.monthly_quantity == Decimal(10))
    assert ingested.monthly_cost is not None and ingested.monthly_cost > 0


@pytest.mark.parametrize(
    ("source", "kind", "provider", "domain"),
    [
        ("terraform", "aws_instance", "aws", "resource_type"),
        ("pulumi", "azurerm_linux_virtual_machine", "azurerm", "resource_type"),
        ("cloudformation", "google_compute_instance", "google", "resource_type"),
        ("terraform", "datadog_monitor", "datadog", "resource_type"),
        # the Terraform kubernetes provider's types are resource types, not API kinds
        ("terraform", "kubernetes_deployment", "kubernetes", "resource_type"),
        ("kubernetes", "Deployment", "kubernetes", "kubernetes"),
        ("helm", "StatefulSet", "kubernetes", "kubernetes"),
        ("models", "llm_model", "llm", "llm"),
        ("code", "llm_model", "llm", "llm"),
    ],
)
def test_the_domain_comes_from_provider_and_kind_never_from_the_source(
    source: str, kind: str, provider: str, domain: str
) -> None:
    assert model_domain(Resource("x", source, kind, provider)) == domain
    assert set(engine.REGISTRY) == {"kubernetes", "llm", "resource_type"}


def test_an_unknown_providers_type_from_any_source_is_unsupported_never_free() -> None:
    side = engine.price_side(
        Resource("x", "pulumi", "acme_widget", "acme", "eu-west-1"), Settings()
    )
    assert side.status is Status.UNSUPPORTED and side.monthly is None
    assert "acme_widget is not supported" in (side.reason or "")


def test_a_terraform_kubernetes_deployment_is_not_priced_as_a_manifest() -> None:
    res = Resource(
        "kubernetes_deployment.web",
        "terraform",
        "kubernetes_deployment",
        "kubernetes",
        None,
        {"spec": [{"replicas": 3}]},
    )
    side = engine.price_side(res, Settings())
    assert side.status is Status.UNSUPPORTED and side.monthly is None


def test_the_caches_of_shared_sides_are_dropped_once_the_changes_are_priced() -> None:
    from finops_gate.estimate import terraform

    def instance(i: int, size: str) -> Resource:
        return Resource(
            address=f"aws_instance.app{i}",
            source="terraform",
            kind="aws_instance",
            provider="aws",
            region="us-east-1",
            attributes={"instance_type": size, "ami": f"ami-{i:08x}"},
        )

    changes = [
        ResourceChange(
            address=f"aws_instance.app{i}",
            action=Action.UPDATE,
            before=instance(i, "t3.micro"),
            after=instance(i, "t3.small"),
        )
        for i in range(3)
    ]
    first = engine.price_changes(changes, Settings())
    # a whole tree's distinct sides are not held through the report by the caches
    assert not engine._WITHIN and not terraform._PRICED and not terraform._BY_LINES
    again = engine.price_changes(changes, Settings())
    assert again == first
    assert {d.after.monthly for d in first if d.after is not None} == {first[0].after.monthly}


def _instance(address: str, region: str = "us-east-1", **attributes: Any) -> Resource:
    return Resource(address, "terraform", "aws_instance", "aws", region, attributes)


def _after_sides(resources: list[Resource], settings: Settings) -> list[Any]:
    deltas = engine.price_changes([_created(r) for r in resources], settings)
    return [d.after for d in deltas]


def test_sides_of_one_kind_and_region_are_priced_by_every_attribute_their_mapper_reads() -> None:
    # priced one after the other in one run: the later ones may reuse what the first looked
    # up, never its price where an input of the price differs
    base = {"ami": "ami-1", "instance_type": "m5.large"}
    resources = [
        _instance("aws_instance.a", **base),
        _instance("aws_instance.b", **{**base, "instance_type": "m5.xlarge"}),
        _instance("aws_instance.c", **{**base, "tenancy": "dedicated"}),
        _instance("aws_instance.d", **{**base, "root_block_device": [{"volume_size": 500}]}),
        _instance("aws_instance.e", "eu-west-1", **base),
        replace(_instance("aws_instance.f", **base), unknown=frozenset({"count"})),
    ]
    sides = _after_sides(resources, Settings())
    # each alone, in a run of its own, prices as it does among the others
    alone = [_after_sides([r], Settings())[0] for r in resources]
    assert sides == alone
    monthly = [s.monthly for s in sides]
    assert monthly[1] > monthly[0]  # a larger type
    assert monthly[2] is None and "dedicated" in sides[2].reason  # no such rate in the catalog
    assert monthly[3] > monthly[0]  # a larger root volume
    assert monthly[4] != monthly[0]  # another region's rates
    assert sides[5].status is Status.UNPRICED and "count" in sides[5].reason


def test_sides_that_differ_only_in_what_no_mapper_reads_share_one_priced_side() -> None:
    sides = _after_sides(
        [
            _instance(
                f"aws_instance.r{i}",
                ami="ami-1",
                instance_type="m5.large",
                description=f"word{i} " * 50,
                tags={"Name": f"r{i}"},
            )
            for i in range(3)
        ],
        Settings(),
    )
    assert sides[0].monthly == Decimal(730) * Decimal("0.096")
    assert sides[1] is sides[0] and sides[2] is sides[0]


def test_usage_written_for_one_address_reaches_that_resource_alone() -> None:
    raw = {
        "version": 1,
        "usage": {
            "terraform": {
                "resource_usage": {"aws_cloudwatch_log_group.b": {"monthly_data_ingested_gb": 10}}
            }
        },
    }
    groups = [
        Resource(f"aws_cloudwatch_log_group.{n}", "terraform", "aws_cloudwatch_log_group", "aws",
                 "us-east-1", {"name": n})
        for n in "abc"
    ]  # fmt: skip
    a, b, c = _after_sides(groups, Settings(raw=raw))
    assert a == c and b != a
    assert any(line.monthly_quantity == Decimal(10) for line in b.lines)
    assert not any(line.monthly_quantity == Decimal(10) for line in a.lines)


def test_the_same_side_priced_from_two_catalog_sets_keeps_each_sets_version() -> None:
    resource = _instance("aws_instance.a", ami="ami-1", instance_type="m5.large")
    old, new = Settings(raw={"version": 1, "pricing": {"as_of": "2026-11-01"}}), Settings()
    # the module's pricers are called without the engine's end-of-run cleanup in between
    sides = [engine.price_side(resource, s) for s in (old, new, old, new)]
    latest = max(c.version for c in files.shipped() if c.catalog == "aws")
    assert latest > "2026-11-01"
    assert [s.catalog for s in sides] == [
        ("aws", "2026-11-01"),
        ("aws", latest),
        ("aws", "2026-11-01"),
        ("aws", latest),
    ]
