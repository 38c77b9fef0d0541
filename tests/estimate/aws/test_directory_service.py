"""AWS Directory Service: two domain controllers billed by type and size or edition; more
controllers and sharing only for Managed Microsoft AD."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finops_gate.estimate.aws import directory_service
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource

KIND = "aws_directory_service_directory"


def _dir(**attributes: object) -> Resource:
    return Resource(f"{KIND}.d", "terraform", KIND, "aws", "us-east-1", attributes)


def test_microsoft_ad_defaults_to_enterprise_when_the_plan_leaves_the_edition_computed() -> None:
    res = replace(_dir(type="MicrosoftAD"), unknown=frozenset({"edition"}))
    (base, *_) = directory_service.cost_lines(res, Usage())
    assert (base.price_key, base.quantity) == ("directoryservice.microsoft_ad.enterprise", 2)


def test_desired_controllers_in_the_plan_win_over_the_usage_estimate() -> None:
    res = _dir(type="MicrosoftAD", edition="Standard", desired_number_of_domain_controllers=5)
    usage = Usage({"additional_domain_controllers": 1, "shared_accounts": 2})
    lines = {ln.name: ln.quantity for ln in directory_service.cost_lines(res, usage)}
    assert lines["Additional domain controllers"] == Decimal(3)
    assert lines["Directory sharing"] == Decimal(2)


def test_simple_ad_reads_no_controller_or_sharing_usage_so_it_is_reported_ignored() -> None:
    usage = Usage({"additional_domain_controllers": 3, "shared_accounts": 5})
    lines = directory_service.cost_lines(_dir(type="SimpleAD", size="Small"), usage)
    assert [(ln.price_key, ln.quantity) for ln in lines] == [
        ("directoryservice.simple_ad.small", Decimal(2))
    ]
    assert usage.read == set()


def test_a_size_unknown_until_apply_or_not_set_is_unpriced_naming_it() -> None:
    later = replace(_dir(type="ADConnector"), unknown=frozenset({"size"}))
    (line,) = directory_service.cost_lines(later, Usage())
    assert line.unknown_reason is not None and "size" in line.unknown_reason
    (unset,) = directory_service.cost_lines(_dir(type="SimpleAD"), Usage())
    assert unset.unknown_reason is not None and "size" in unset.unknown_reason
