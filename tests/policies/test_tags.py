"""tags.required and tags.allowed_values, from the case table cases/tags.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from finops_gate.model import Resource
from finops_gate.policies.tags import closest_value, is_taggable, platform_key, taggable_types
from tests.policies.casetable import cases, check


@pytest.mark.parametrize("case", cases("tags"))
def test_tag_policy_cases(case: dict[str, Any]) -> None:
    check(case)


def test_taggability_comes_from_the_shipped_provider_lists() -> None:
    assert len(taggable_types("aws")) == 839 and "aws_instance" in taggable_types("aws")
    assert "aws_iam_role_policy_attachment" not in taggable_types("aws")
    assert "google_compute_instance" in taggable_types("google")
    assert "azurerm_resource_group" in taggable_types("azurerm")


@pytest.mark.parametrize("provider", ["aws", "azurerm", "google"])
def test_a_provider_list_holds_one_type_name_per_line(provider: str) -> None:
    # taggable_types splits the list on any blank: a name with a blank inside would be two
    from finops_gate.policies.tags import _DATA, _LISTS

    lines = (_DATA / _LISTS[provider]).read_text(encoding="utf-8").splitlines()
    names = [line.strip() for line in lines if line.strip()]
    assert names and all(len(name.split()) == 1 for name in names)
    assert taggable_types(provider) == frozenset(names)


def test_an_unknown_provider_has_no_taggable_types() -> None:
    resource = Resource(address="x.y", source="terraform", kind="x_y", provider="x", tags={})
    assert not is_taggable(resource)


@pytest.mark.parametrize(
    ("provider", "key"),
    [
        ("aws", "finops:team"),
        ("azurerm", "finops:team"),
        ("google", "finops_team"),
        ("kubernetes", "finops/team"),
    ],
)
def test_the_key_is_spelled_per_platform(provider: str, key: str) -> None:
    assert platform_key("finops:team", provider, {}) == key


def test_the_closest_value_is_none_when_nothing_is_near() -> None:
    assert closest_value("zzz", ["prod", "dev"]) is None
    assert closest_value("prd", ["prod", "dev"]) == "prod"


def test_resources_of_one_change_each_get_their_own_platform_s_message() -> None:
    """A message is made once per what it says (tags.py ``_MESSAGES``): resources of other
    platforms, kinds and missing keys in one change still each read as their own."""
    from decimal import Decimal

    from finops_gate.model import Action, CostDelta, ResourceChange, SideCost, Status
    from finops_gate.policies.settings import TagPolicy
    from finops_gate.policies.tags import check as check_tags

    def delta(address: str, kind: str, provider: str, tags: dict[str, str], unknown=()):  # type: ignore[no-untyped-def]
        r = Resource(
            address, "terraform", kind, provider, tags=tags, unknown_tags=frozenset(unknown)
        )
        side = SideCost(Status.PRICED, Decimal(1))
        return CostDelta(ResourceChange(address, Action.CREATE, None, r), None, side)

    deltas = [
        delta("aws_instance.a", "aws_instance", "aws", {}),
        delta("aws_instance.b", "aws_instance", "aws", {"finops:team": "x"}),
        delta("google_compute_instance.c", "google_compute_instance", "google", {}),
        delta("aws_instance.d", "aws_instance", "aws", {}, ("*", "*var.tags")),
        delta("aws_instance.e", "aws_instance", "aws", {}, ("*",)),
        delta("Deployment/ns/f", "Deployment", "kubernetes", {}),
        delta("CronJob/ns/g", "CronJob", "kubernetes", {}),
        delta("aws_instance.h", "aws_instance", "aws", {}),
    ]
    policy = TagPolicy(required=("finops:team", "finops:service"))
    messages = {f.address: f.message for f in check_tags(deltas, policy, all_resources=False)}
    assert messages == {
        "aws_instance.a": "missing tags finops:team, finops:service; add them to the "
        "resource's tags or to the provider's default_tags",
        "aws_instance.b": "missing tag finops:service; add it to the resource's tags or to "
        "the provider's default_tags",
        "google_compute_instance.c": "missing labels finops_team, finops_service; add them "
        "to the resource's labels or to the provider's default_labels",
        "aws_instance.d": "tags finops:team, finops:service are not known until apply (the "
        "provider's default_tags come from var.tags); set them as a literal so the gate can "
        "check them",
        "aws_instance.e": "tags finops:team, finops:service are not known until apply (the "
        "tags are computed); set them as a literal so the gate can check them",
        "Deployment/ns/f": "missing labels finops/team, finops/service; add them to "
        "spec.template.metadata.labels",
        "CronJob/ns/g": "missing labels finops/team, finops/service; add them to "
        "spec.jobTemplate.spec.template.metadata.labels",
        "aws_instance.h": messages["aws_instance.a"],
    }
    assert messages["aws_instance.h"] is messages["aws_instance.a"]  # made once


def test_a_large_change_finds_what_a_small_one_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """From MAKE_FROM changes the findings are made by frozen.maker: the same findings."""
    from finops_gate.model import Action, CostDelta, ResourceChange
    from finops_gate.policies import tags
    from finops_gate.policies.settings import TagPolicy

    def delta(i: int) -> CostDelta:
        pending = frozenset({"*"} if i % 5 == 0 else ())
        resource = Resource(
            f"aws_instance.r{i}", "terraform", "aws_instance", "aws", "us-east-1",
            tags={"finops:team": "a"} if i % 3 else {}, unknown_tags=pending,
        )  # fmt: skip
        return CostDelta(
            ResourceChange(resource.address, Action.CREATE, None, resource), None, None
        )

    deltas = [delta(i) for i in range(tags.MAKE_FROM)]
    large = tags.check(deltas, TagPolicy(), all_resources=False)
    monkeypatch.setattr(tags, "MAKE_FROM", len(deltas) + 1)
    small = tags.check(deltas, TagPolicy(), all_resources=False)
    assert large == small and len(large) >= len(deltas)
    assert {type(f) for f in large} == {type(f) for f in small}
