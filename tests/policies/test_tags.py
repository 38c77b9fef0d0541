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
