"""What a resource IS (``model.domain``: its provider and kind) decides how every stage treats
it, never which reader found it: a second IaC reader's ``aws_*`` types and a second manifest
reader's API kinds get the same prices, tag checks, Kubernetes findings and ``init`` stubs as
the first reader's."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from finops_gate.config import Settings
from finops_gate.estimate import engine
from finops_gate.model import (
    KUBERNETES,
    LLM,
    RESOURCE_TYPE,
    Action,
    Finding,
    Report,
    Resource,
    ResourceChange,
    Totals,
    domain,
)
from finops_gate.policies import kubernetes as k8s_policy
from finops_gate.policies import tags
from finops_gate.policies.settings import TagPolicy
from finops_gate.scaffold import _detected

POD = {
    "containers": [{"name": "app", "requests": {"cpu": "1", "memory": "1Gi"}, "limits": {}}],
    "init": [],
    "overhead": {},
}
BARE_POD = {
    "containers": [{"name": "app", "requests": {}, "limits": {}}],
    "init": [],
    "overhead": {},
}

# (the reader that ships, a pretend second reader) for one resource of each domain
EC2 = Resource(
    "aws_instance.web",
    "terraform",
    "aws_instance",
    "aws",
    "us-east-1",
    attributes={"instance_type": "t3.micro"},
    tags={"finops:team": "web"},
)
LAMBDA = Resource(
    "aws_lambda_function.f", "terraform", "aws_lambda_function", "aws", "us-east-1",
    attributes={"memory_size": 512},
)  # fmt: skip
DEPLOY = Resource(
    "Deployment/default/web",
    "kubernetes",
    "Deployment",
    "kubernetes",
    attributes={"replicas": 2, "pod": BARE_POD},
    tags={"finops/team": "web"},
    file="k8s/web.yaml",
)
DAEMON = Resource(
    "DaemonSet/default/agent", "kubernetes", "DaemonSet", "kubernetes",
    attributes={"pod": POD}, tags={}, file="k8s/agent.yaml",
)  # fmt: skip
MODEL = Resource(
    "models/app.yaml#chat", "models", "llm_model", "llm", attributes={"model": "gpt-4o-mini"},
    file="app.yaml",
)  # fmt: skip
PRETEND = {RESOURCE_TYPE: "pulumi", KUBERNETES: "helmfile", LLM: "notebooks"}


def _as(resource: Resource, source: str) -> Resource:
    return replace(resource, source=source)


def _create(resource: Resource) -> ResourceChange:
    return ResourceChange(resource.address, Action.CREATE, None, resource)


def _shape(found: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.policy, f.severity, f.message) for f in found]


@pytest.mark.parametrize("resource", [EC2, LAMBDA, DEPLOY, DAEMON, MODEL], ids=lambda r: r.kind)
def test_a_second_reader_of_the_same_kind_is_priced_alike(resource: Resource) -> None:
    pretend = _as(resource, PRETEND[domain(resource)])
    assert engine.price_side(pretend, Settings()) == engine.price_side(resource, Settings())


@pytest.mark.parametrize("resource", [EC2, DEPLOY, DAEMON], ids=lambda r: r.kind)
def test_tag_checks_follow_the_kind_not_the_reader(resource: Resource) -> None:
    pretend = _as(resource, PRETEND[domain(resource)])
    policy = TagPolicy(required=("finops:team", "finops:service"))
    priced = engine.price_changes([_create(resource)], Settings())
    priced_pretend = engine.price_changes([_create(pretend)], Settings())
    real = tags.check(priced, policy, all_resources=False)
    other = tags.check(priced_pretend, policy, all_resources=False)
    assert real and _shape(other) == _shape(real)
    assert tags.is_taggable(pretend) is tags.is_taggable(resource) is True


def test_a_pretend_manifest_reader_is_told_where_pod_labels_go() -> None:
    policy = TagPolicy(required=("finops:service",))
    priced = engine.price_changes([_create(_as(DEPLOY, "helmfile"))], Settings())
    (finding,) = tags.check(priced, policy, all_resources=False)
    assert "finops/service" in finding.message
    assert "spec.template.metadata.labels" in finding.message


def test_a_manifest_kind_without_labels_from_any_reader_is_not_checked() -> None:
    for source in ("kubernetes", "helmfile"):
        assert not tags.is_taggable(_as(replace(DEPLOY, tags=None), source))


def test_terraforms_kubernetes_types_stay_resource_types_for_the_tag_check() -> None:
    # the kubernetes provider's types are not in any taggable list: never an API kind's labels
    tf = Resource(
        "kubernetes_deployment.web", "terraform", "kubernetes_deployment", "kubernetes", tags={}
    )
    assert domain(tf) == RESOURCE_TYPE and not tags.is_taggable(tf)


@pytest.mark.parametrize(
    "resource",
    [
        DEPLOY,
        DAEMON,
        Resource(
            "HelmChart/charts/api", "kubernetes", "HelmChart", "kubernetes",
            attributes={"not_rendered": "helm is not installed"},
        ),
    ],
    ids=lambda r: r.kind,
)  # fmt: skip
def test_kubernetes_findings_follow_the_kind_not_the_reader(resource: Resource) -> None:
    real = k8s_policy.findings(engine.price_changes([_create(resource)], Settings()))
    pretend = _as(resource, "helmfile")
    other = k8s_policy.findings(engine.price_changes([_create(pretend)], Settings()))
    assert real and _shape(other) == _shape(real)


def test_no_kubernetes_finding_for_a_resource_type_of_any_reader() -> None:
    tf = Resource(
        "kubernetes_deployment.web", "terraform", "kubernetes_deployment", "kubernetes",
        attributes={"not_rendered": "written by a hostile plan"},
    )  # fmt: skip
    for source in ("terraform", "kubernetes"):
        changes = [_create(_as(tf, source))]
        assert k8s_policy.findings(engine.price_changes(changes, Settings())) == []


def _report(*resources: Resource) -> Report:
    costs = engine.price_changes([_create(r) for r in resources], Settings())
    # the Kubernetes estimate names no usage key on its lines today: name one, so that where
    # init files it is what this test sees
    costs = [
        replace(d, after=replace(d.after, lines=tuple(
            replace(line, usage_key="daemonset_nodes") for line in d.after.lines
        )))
        if d.after is not None and domain(d.change.current) == KUBERNETES
        else d
        for d in costs
    ]  # fmt: skip
    zero = Decimal(0)
    return Report(catalogs={}, totals=Totals(zero, zero, zero, None), costs=tuple(costs))


def test_init_stubs_usage_where_the_kinds_pricer_reads_it_whatever_the_reader() -> None:
    real = _detected(_report(LAMBDA, DAEMON, MODEL))
    assert real.terraform_usage and real.kubernetes_usage and real.models_need_usage
    pretend = _detected(_report(*(_as(r, PRETEND[domain(r)]) for r in (LAMBDA, DAEMON, MODEL))))
    assert pretend.terraform_usage == real.terraform_usage
    assert pretend.kubernetes_usage == real.kubernetes_usage
    assert pretend.models_need_usage
    # where it was found is the reader's own setting (sources.<reader>): a reader init does
    # not know is not filed under another reader's section
    assert real.kubernetes_paths == ("k8s/**/*.yaml",) and real.model_files == ("app.yaml",)
    assert pretend.kubernetes_paths == () and pretend.model_files == ()


def test_a_rename_losing_its_usage_is_noted_for_any_reader() -> None:
    settings = Settings(
        raw={"version": 1, "usage": {"terraform": {"resource_usage": {LAMBDA.address: {
            "monthly_requests": 1000}}}}}
    )  # fmt: skip
    for source in ("terraform", "pulumi"):
        old = _as(LAMBDA, source)
        new = replace(old, address="aws_lambda_function.g")
        deltas = engine.price_changes(
            [
                ResourceChange(old.address, Action.DELETE, old, None),
                ResourceChange(new.address, Action.CREATE, None, new),
            ],
            settings,
        )
        notes = [n for d in deltas if d.after is not None for n in d.after.notes]
        assert any("if this is a rename" in n for n in notes), source
