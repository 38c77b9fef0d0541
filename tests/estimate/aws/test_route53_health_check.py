"""aws_route53_health_check: the endpoint's rate, the optional features, and what is unknown."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from tests.estimate.aws.plan_fixture import CATALOGS

KIND = "aws_route53_health_check"


def _check(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    return Resource(f"{KIND}.c", "terraform", KIND, "aws", "us-east-1", attributes, unknown)


def _usage(**values: object) -> UsageFile:
    return UsageFile(by_address={f"{KIND}.c": values}) if values else UsageFile()


def test_without_endpoint_type_the_aws_rate_is_taken_and_said_as_an_assumption() -> None:
    side = price_side(_check({"type": "HTTP", "request_interval": 30}), _usage(), CATALOGS)
    assert side.status is Status.PRICED
    assert [a.key for a in side.assumptions] == ["endpoint_type"]
    with_usage = price_side(
        _check({"type": "HTTP", "request_interval": 30}), _usage(endpoint_type="aws"), CATALOGS
    )
    assert with_usage.monthly == side.monthly
    assert [a.origin for a in with_usage.assumptions] != ["default"]


def test_a_non_aws_endpoint_costs_more_and_each_optional_feature_counts() -> None:
    attributes = {
        "type": "HTTPS_STR_MATCH",
        "request_interval": 10,
        "measure_latency": True,
    }
    aws = price_side(_check(attributes), _usage(endpoint_type="aws"), CATALOGS)
    other = price_side(_check(attributes), _usage(endpoint_type="Non-AWS"), CATALOGS)
    assert [line.monthly_quantity for line in aws.lines] == [1, 4]
    assert other.monthly is not None and aws.monthly is not None
    assert other.monthly > aws.monthly


def test_plain_http_and_tcp_checks_have_no_optional_features() -> None:
    for kind in ("HTTP", "TCP"):
        side = price_side(_check({"type": kind, "request_interval": 30}), _usage(), CATALOGS)
        assert len(side.lines) == 1


def test_calculated_and_alarm_checks_take_the_basic_aws_rate_and_read_no_endpoint_type() -> None:
    simple = price_side(_check({"type": "HTTP"}), _usage(endpoint_type="aws"), CATALOGS)
    for kind in ("CALCULATED", "CLOUDWATCH_METRIC"):
        side = price_side(_check({"type": kind}), _usage(endpoint_type="non_aws"), CATALOGS)
        assert side.monthly == simple.monthly == Decimal("0.5")
        assert any("endpoint_type" in note for note in side.notes)  # reported ignored


def test_an_unknown_type_or_option_is_unpriced_never_zero() -> None:
    side = price_side(_check({}, frozenset({"type"})), _usage(), CATALOGS)
    assert side.status is Status.UNPRICED and side.monthly is None
    side = price_side(
        _check({"type": "HTTPS"}, frozenset({"request_interval"})), _usage(), CATALOGS
    )
    assert side.monthly is None
    assert "request_interval" in (side.lines[-1].reason or "")


def test_an_endpoint_type_that_is_neither_is_unpriced() -> None:
    side = price_side(_check({"type": "HTTP"}), _usage(endpoint_type="gcp"), CATALOGS)
    assert side.status is Status.UNPRICED
