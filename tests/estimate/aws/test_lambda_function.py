"""aws_lambda_function: requests and GB-seconds from usage, by architecture and tier."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import lambda_function
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource, Status
from tests.estimate.aws.plan_fixture import price


def _function(attributes: dict[str, object]) -> Resource:
    return Resource(
        "aws_lambda_function.f", "terraform", "aws_lambda_function", "aws", "us-east-1", attributes
    )


def test_without_usage_the_function_depends_on_usage_and_shows_the_unit_prices() -> None:
    side = price("aws_lambda_function", "aws_lambda_function.api")
    assert side.status is Status.USAGE_UNKNOWN and side.monthly is None
    assert [(x.name, x.unit_price) for x in side.lines] == [
        ("Requests", Decimal("0.2")),
        ("Duration (first 6B)", Decimal("0.0000166667")),
    ]


def test_gb_seconds_are_requests_times_duration_times_memory() -> None:
    lines = lambda_function.cost_lines(
        _function({"memory_size": 2048, "architectures": ["x86_64"]}),
        Usage({"monthly_requests": 1_000_000, "request_duration_ms": 250}),
    )
    assert [(x.price_key, x.quantity) for x in lines] == [
        ("lambda.requests", Decimal(1)),
        ("lambda.duration.x86_64.tier1", Decimal(500_000)),
    ]


def test_duration_beyond_6b_gb_seconds_moves_to_the_next_x86_tier() -> None:
    lines = lambda_function.cost_lines(
        _function({"memory_size": 10240}),
        Usage({"monthly_requests": 1_000_000_000, "request_duration_ms": 1000}),
    )
    tiers = [(x.price_key, x.quantity) for x in lines[1:]]
    assert tiers == [
        ("lambda.duration.x86_64.tier1", Decimal(6_000_000_000)),
        ("lambda.duration.x86_64.tier2", Decimal(4_000_000_000)),
    ]


def test_arm64_uses_its_own_rates() -> None:
    lines = lambda_function.cost_lines(
        _function({"memory_size": 128, "architectures": ["arm64"]}),
        Usage({"monthly_requests": 10, "request_duration_ms": 10}),
    )
    assert lines[1].price_key == "lambda.duration.arm64.tier1"
