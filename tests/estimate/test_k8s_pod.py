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
        ("1E", Decimal(10**18)),
        ("2.5E-1", Decimal("0.25")),
        (".5", Decimal("0.5")),
    ],
)
def test_quantity_follows_the_kubernetes_grammar(text: str, value: Decimal) -> None:
    assert quantity(text) == value


@pytest.mark.parametrize(
    # an exponent and a suffix together (1e3m) is refused by the API server: not 1 vCPU
    "text",
    ["lots", "1Gb", "", "-1", "1e99999999", None, "1e3m", "1e1Gi", "2E2k"],
)
def test_unreadable_quantity_is_none(text: str | None) -> None:
    assert quantity(text) is None


def test_a_fraction_of_a_gpu_is_invalid_not_priced() -> None:
    # extended resources are whole numbers; 500m GPU was priced as half a GPU
    from finops_gate.estimate.k8s_pod import pod_shape

    c = {"name": "app", "requests": {"cpu": "1", "memory": "1Gi"}}
    shape = pod_shape({"containers": [{**c, "limits": {"nvidia.com/gpu": "500m"}}]}, {})
    assert shape.invalid == ("container app: nvidia.com/gpu '500m' is not a whole GPU",)
    whole = pod_shape({"containers": [{**c, "limits": {"nvidia.com/gpu": "2"}}]}, {})
    assert whole.gpu == 2 and not whole.invalid


def test_an_unreadable_pod_overhead_is_invalid_not_read_as_none() -> None:
    from finops_gate.estimate.k8s_pod import pod_shape

    c = {"name": "app", "requests": {"cpu": "1", "memory": "1Gi"}}
    shape = pod_shape({"containers": [c], "overhead": {"cpu": "lots", "memory": "1Gi"}}, {})
    assert shape.invalid == ("pod overhead: cpu 'lots'",)
    ok = pod_shape({"containers": [c], "overhead": {"cpu": "250m"}}, {})
    assert ok.cpu == Decimal("1.25") and not ok.invalid
