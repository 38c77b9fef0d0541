"""Kubernetes quantities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finops_gate.estimate.k8s_pod import quantity


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("500m", Decimal("0.5")),
        ("2", Decimal(2)),
        ("1.5", Decimal("1.5")),
        ("1Gi", Decimal(2**30)),
        ("512Mi", Decimal(2**29)),
        ("1G", Decimal(10**9)),
        ("1e3", Decimal(1000)),
    ],
)
def test_quantity_follows_the_kubernetes_grammar(text: str, value: Decimal) -> None:
    assert quantity(text) == value


@pytest.mark.parametrize("text", ["lots", "1Gb", "", "-1", "1e99999999", None])
def test_unreadable_quantity_is_none(text: str | None) -> None:
    assert quantity(text) is None
