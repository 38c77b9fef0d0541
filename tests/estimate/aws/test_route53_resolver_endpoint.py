"""aws_route53_resolver_endpoint: network-interface hours per IP address, queries banded."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import route53_resolver_endpoint
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource

KIND = "aws_route53_resolver_endpoint"


def _endpoint(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    return Resource(f"{KIND}.e", "terraform", KIND, "aws", "us-east-1", attributes, unknown)


def test_each_ip_address_block_is_a_network_interface_billed_every_hour() -> None:
    ips = [{"subnet_id": "a"}, {"subnet_id": "b"}, {"subnet_id": "c"}]
    hours, _ = route53_resolver_endpoint.cost_lines(_endpoint({"ip_address": ips}), Usage())
    assert (hours.price_key, hours.quantity) == ("route53resolver.endpoint", Decimal(2190))


def test_addresses_assigned_at_apply_still_count_their_blocks() -> None:
    unknown = frozenset({"ip_address.0.ip", "ip_address.1.ip"})
    resource = _endpoint({"ip_address": [{"subnet_id": "a"}, {"subnet_id": "b"}]}, unknown)
    hours, _ = route53_resolver_endpoint.cost_lines(resource, Usage())
    assert hours.quantity == Decimal(1460)


def test_blocks_unknown_until_apply_leave_the_hours_unpriced() -> None:
    resource = _endpoint({}, frozenset({"ip_address"}))
    hours, _ = route53_resolver_endpoint.cost_lines(resource, Usage())
    assert hours.quantity is None and "ip_address" in (hours.unknown_reason or "")


def test_queries_over_a_billion_take_the_second_band() -> None:
    usage = Usage(values={"monthly_queries": 1_200_000_000})
    lines = route53_resolver_endpoint.cost_lines(_endpoint({"ip_address": [{}]}), usage)
    assert [(line.price_key, line.quantity) for line in lines[1:]] == [
        ("route53resolver.queries.tier1", Decimal(1000)),
        ("route53resolver.queries.tier2", Decimal(200)),
    ]
