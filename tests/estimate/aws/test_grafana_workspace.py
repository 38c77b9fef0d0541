"""aws_grafana_workspace: active users from usage, Enterprise plugins from a licence."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import grafana_workspace
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource
from tests.estimate.aws.plan_fixture import price

KIND = "aws_grafana_workspace"


def _workspace(*licences: object) -> Resource:
    attributes = {"_related": {"licenses": list(licences)}}
    return Resource(f"{KIND}.w", "terraform", KIND, "aws", "us-east-1", attributes, frozenset())


def test_editors_and_viewers_are_billed_per_active_user_from_usage() -> None:
    usage = Usage(values={"editors_administrator_licenses": 2, "viewer_licenses": 3})
    lines = grafana_workspace.cost_lines(_workspace(), usage)
    assert [(ln.price_key, ln.quantity) for ln in lines] == [
        ("grafana.editor", Decimal(2)),
        ("grafana.viewer", Decimal(3)),
    ]


def test_without_usage_no_user_is_assumed() -> None:
    lines = grafana_workspace.cost_lines(_workspace(), Usage())
    assert [ln.quantity for ln in lines] == [None, None]  # depends on usage, never $0 or 1 user


def test_an_enterprise_licence_adds_plugins_for_every_active_user() -> None:
    usage = Usage(values={"editors_administrator_licenses": 2, "viewer_licenses": 3})
    enterprise = _workspace({"license_type": "ENTERPRISE"})
    *_, plugins = grafana_workspace.cost_lines(enterprise, usage)
    assert (plugins.price_key, plugins.quantity) == ("grafana.enterprise_plugins", Decimal(5))
    no_usage = grafana_workspace.cost_lines(enterprise, Usage())
    assert no_usage[-1].quantity is None


def test_a_free_trial_or_a_malformed_licence_adds_nothing() -> None:
    for licence in ({"license_type": "ENTERPRISE_FREE_TRIAL"}, {"license_type": 7}, "x"):
        assert len(grafana_workspace.cost_lines(_workspace(licence), Usage())) == 2


def test_the_plan_joins_the_licence_association_to_its_workspace() -> None:
    enterprise = price(KIND, f"{KIND}.with_enterprise_license_and_usage")
    assert any(ln.name == "Enterprise plugins licenses" for ln in enterprise.lines)
    trial = price(KIND, f"{KIND}.with_usage")
    assert trial.monthly == Decimal(33)  # 2 x $9 + 3 x $5, the trial adds nothing
