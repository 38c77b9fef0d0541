"""The one usage lookup (finops_gate/usage.py): exact beats glob, the longest glob wins, for
Terraform, Kubernetes and AI model settings alike."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from finops_gate.config import Settings
from finops_gate.estimate import kubernetes as k8s
from finops_gate.estimate.models import usage_for
from finops_gate.model import Resource
from finops_gate.usage import Usage, UsageFile, matching, merged

ENTRIES = {
    "module.api.*": {"a": 1, "b": 1, "c": 1},
    "module.api.aws_lambda_function.*": {"b": 2, "c": 2},
    "module.api.aws_lambda_function.fn[0]": {"c": 3},
    "module.web.*": {"a": 9},
}
ADDRESS = "module.api.aws_lambda_function.fn[0]"


def test_matching_orders_least_specific_first_and_exact_last() -> None:
    assert matching(ENTRIES, ADDRESS) == [
        "module.api.*",
        "module.api.aws_lambda_function.*",
        "module.api.aws_lambda_function.fn[0]",
    ]
    assert matching({"x[*]": {}}, "x[3]") == ["x[*]"]
    assert matching({"x[*]": {}}, 'x["k"]') == ["x[*]"]
    assert matching({}, ADDRESS) == []


def test_exact_beats_glob_and_the_longest_glob_wins_per_key() -> None:
    values, origins = merged(ENTRIES, ADDRESS, "u.{pattern}")
    assert values == {"a": 1, "b": 2, "c": 3}
    assert origins["a"] == "u.module.api.*"
    assert origins["c"] == f"u.{ADDRESS}"


def test_terraform_usage_uses_the_rule_over_the_type_default() -> None:
    usage = UsageFile(by_type={"aws_lambda_function": {"a": 0, "d": 4}}, by_address=ENTRIES)
    found = usage.for_resource(ADDRESS, "aws_lambda_function")
    assert (found.number("a"), found.number("c"), found.number("d")) == (1, 3, 4)
    assert found.origin("d") == "usage.terraform.resource_type_default_usage.aws_lambda_function"


def test_model_sites_use_the_same_rule() -> None:
    sites = {"config/*": {"requests_per_month": 1}, "config/app.yaml#*": {"requests_per_month": 2}}
    settings = Settings(raw={"version": 1, "usage": {"models": {"sites": sites}}})
    values, origins = usage_for("config/app.yaml#chat.model", settings)
    assert values["requests_per_month"] == 2
    assert origins["requests_per_month"] == 'usage.models.sites."config/app.yaml#*"'


def _daemonset_nodes(workloads: dict[str, Any]) -> Decimal | None:
    pod = {"containers": [{"name": "a", "requests": {"cpu": "1"}, "limits": {}}], "init": []}
    r = Resource(
        address="DaemonSet/kube-system/agent",
        source="kubernetes",
        kind="DaemonSet",
        provider="kubernetes",
        attributes={"pod": pod},
    )
    raw = {"version": 1, "usage": {"kubernetes": {"daemonset_nodes": 3, "workloads": workloads}}}
    side = k8s.price_side(r, Settings(raw=raw))
    return next((Decimal(a.value) for a in side.assumptions if a.key == "nodes"), None)


def test_kubernetes_workloads_use_the_same_rule() -> None:
    assert _daemonset_nodes({"DaemonSet/kube-system/*": {"nodes": 5}}) == 5
    exact = {"DaemonSet/*": {"nodes": 4}, "DaemonSet/kube-system/agent": {"nodes": 7}}
    assert _daemonset_nodes(exact) == 7
    assert _daemonset_nodes({"Deployment/*": {"nodes": 9}}) == 3  # daemonset_nodes


def test_with_no_usage_configured_every_resource_reads_one_empty_usage_that_records_nothing() -> (
    None
):
    # one value per price date for the sides of every resource of a large plan: what a mapper
    # asks of it must not pile up in it (a read key is what "ignored usage" is computed from)
    from datetime import date

    empty = UsageFile()
    day = date(2026, 12, 1)
    first = empty.for_resource("aws_instance.a", "aws_instance", on=day)
    assert first.number("monthly_hours") is None and first.text("operating_system") is None
    second = empty.for_resource("aws_s3_bucket.b", "aws_s3_bucket", on=day)
    assert second is first and second.on == day
    assert not second.values and not second.read
    assert empty.for_resource("aws_instance.a", "aws_instance", on=None).on is None


@pytest.mark.parametrize("word", ["NaN", "sNaN", "-nan"])
def test_a_nested_not_a_number_is_no_quantity(word: str) -> None:
    """Nested usage values are not checked by the config schema: a NaN there is no quantity
    (before, a signalling NaN crashed the first comparison)."""
    usage = Usage(values={"standard": {"storage_gb": word}})
    assert usage.number("standard.storage_gb") is None
