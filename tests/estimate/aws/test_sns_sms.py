"""SNS SMS deliveries: at the usage file's rate per message (no catalog holds per-country SMS
prices), else unpriced naming the key, never $0."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from tests.estimate.aws.plan_fixture import CATALOGS


def _topic() -> Resource:
    return Resource("aws_sns_topic.t", "terraform", "aws_sns_topic", "aws", "us-east-1", {})


def _subscription() -> Resource:
    attrs = {"protocol": "sms", "endpoint": "+15555550100"}
    kind = "aws_sns_topic_subscription"
    return Resource(f"{kind}.s", "terraform", kind, "aws", "us-east-1", attrs)


def _usage(address: str, **values: object) -> UsageFile:
    return UsageFile(by_address={address: values})


def test_a_topics_sms_are_priced_at_the_usage_files_rate_per_message() -> None:
    usage = _usage(
        "aws_sns_topic.t",
        monthly_requests=10,
        sms_subscriptions=100,
        sms_notification_price=0.00987,
    )
    side = price_side(_topic(), usage, CATALOGS)
    assert side.status is Status.PRICED
    sms = next(line for line in side.lines if line.name == "SMS notifications")
    assert sms.monthly_quantity == 1000 and sms.unit_price == Decimal("0.00987")
    assert sms.monthly_cost == Decimal("9.87")
    assert any(a.key == "sms_notification_price" for a in side.assumptions)


def test_an_sms_subscription_is_priced_per_request_at_that_rate() -> None:
    usage = _usage(
        "aws_sns_topic_subscription.s", monthly_requests=2000, sms_notification_price=0.0075
    )
    side = price_side(_subscription(), usage, CATALOGS)
    assert side.status is Status.PRICED and side.monthly == Decimal("15")
    without = price_side(
        _subscription(),
        _usage("aws_sns_topic_subscription.s", sms_notification_price=0.0075),
        CATALOGS,
    )
    assert without.status is Status.USAGE_UNKNOWN and without.monthly is None


@pytest.mark.parametrize(
    ("values", "said"),
    [
        ({}, "give usage sms_notification_price"),
        ({"sms_notification_price": "cheap"}, "sms_notification_price must be a number"),
    ],
)
def test_without_a_valid_rate_sms_are_unpriced_naming_the_key(
    values: dict[str, object], said: str
) -> None:
    usage = _usage("aws_sns_topic.t", monthly_requests=10, sms_subscriptions=1, **values)
    side = price_side(_topic(), usage, CATALOGS)
    assert side.status is Status.UNPRICED and side.monthly is None
    assert said in (side.reason or "")
