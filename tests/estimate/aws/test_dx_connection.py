"""aws_dx_connection: port hours by capacity and type, data out per source Region."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finops_gate.estimate.aws import dx_connection
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

KIND = "aws_dx_connection"
BY_REGION = "monthly_outbound_from_region_to_dx_connection_location"


def _connection(
    attributes: dict[str, object] | None = None, unknown: frozenset[str] = frozenset()
) -> Resource:
    values = {"bandwidth": "1Gbps", "location": "EqDC2"} if attributes is None else attributes
    return Resource(f"{KIND}.c", "terraform", KIND, "aws", "us-east-1", values, unknown)


def _lines(resource: Resource, **values: object) -> list[CostLine]:
    return dx_connection.cost_lines(resource, Usage(values=values))


def test_a_port_is_priced_by_its_capacity_and_type_for_every_hour() -> None:
    port = _lines(_connection())[0]
    assert (port.price_key, port.quantity) == ("dx.connection.dedicated.1g", Decimal(730))
    assert port.assumption == ("dx_connection_type", "dedicated")


def test_a_port_below_one_gigabit_is_a_hosted_connection_without_an_assumption() -> None:
    port = _lines(_connection({"bandwidth": "500Mbps", "location": "EqDC2"}))[0]
    assert (port.price_key, port.assumption) == ("dx.connection.hosted.500m", None)


def test_usage_names_the_connection_type() -> None:
    port = _lines(_connection(), dx_connection_type="hosted")[0]
    assert (port.price_key, port.assumption) == ("dx.connection.hosted.1g", None)


def test_a_connection_type_aws_does_not_sell_leaves_the_port_unpriced() -> None:
    port = _lines(_connection(), dx_connection_type="shared")[0]
    assert port.unknown_reason and port.quantity is None


def test_a_bandwidth_known_only_after_apply_or_not_a_port_size_is_unpriced() -> None:
    unknown = _lines(_connection({"location": "EqDC2"}, frozenset({"bandwidth"})))[0]
    wrong = _lines(_connection({"bandwidth": ["1Gbps"], "location": "EqDC2"}))[0]
    odd = _lines(_connection({"bandwidth": "fast", "location": "EqDC2"}))[0]
    assert all(line.unknown_reason and not line.price_key for line in (unknown, wrong, odd))


def test_data_out_from_each_source_region_is_priced_in_that_region() -> None:
    lines = _lines(_connection(), **{BY_REGION: {"eu_west_1": 1000, "ap_east_1": 3000}})[1:]
    assert [(line.region, line.quantity) for line in lines] == [
        ("ap-east-1", Decimal(3000)),
        ("eu-west-1", Decimal(1000)),
    ]
    assert {line.price_key for line in lines} == {"dx.data_out.private.eqdc2"}


def test_the_older_usage_key_is_data_out_of_the_connections_own_region() -> None:
    (out,) = _lines(_connection(), monthly_outbound_region_to_dx_location_gb=200)[1:]
    assert (out.region, out.quantity) == (None, Decimal(200))


def test_the_region_map_wins_over_the_older_key() -> None:
    lines = _lines(
        _connection(),
        monthly_outbound_region_to_dx_location_gb=200,
        **{BY_REGION: {"us_east_1": 50}},
    )[1:]
    assert [line.quantity for line in lines] == [Decimal(50)]


def test_without_usage_data_out_depends_on_usage_never_zero() -> None:
    (out,) = _lines(_connection())[1:]
    assert out.quantity is None and out.usage_key == BY_REGION and not out.unknown_reason


def test_a_usage_entry_that_is_no_region_is_unpriced_not_dropped() -> None:
    lines = _lines(_connection(), **{BY_REGION: {"us_east_1": 100, "does_not_exist": 6000}})
    bad = [line for line in lines if line.unknown_reason]
    assert len(bad) == 1 and "does_not_exist" in (bad[0].unknown_reason or "")


def test_a_region_map_of_the_wrong_shape_is_unpriced() -> None:
    (out,) = _lines(_connection(), **{BY_REGION: [1000]})[1:]
    assert out.unknown_reason and out.quantity is None


def test_the_virtual_interface_type_picks_the_rate() -> None:
    (out,) = _lines(_connection(), dx_virtual_interface_type="transit")[1:]
    assert out.price_key == "dx.data_out.transit.eqdc2"
    (bad,) = _lines(_connection(), dx_virtual_interface_type="hosted")[1:]
    assert bad.unknown_reason and not bad.price_key


def test_a_location_known_only_after_apply_leaves_data_out_unpriced() -> None:
    (out,) = _lines(_connection({"bandwidth": "1Gbps"}, frozenset({"location"})))[1:]
    assert out.unknown_reason and not out.price_key


@pytest.mark.parametrize("bandwidth", ["2Gbps", "5Gbps", "25Gbps", "50Mbps", "300Mbps"])
def test_a_capacity_aws_sells_only_hosted_is_a_hosted_port_without_an_assumption(
    bandwidth: str,
) -> None:
    port = _lines(_connection({"bandwidth": bandwidth, "location": "EqDC2"}))[0]
    capacity = bandwidth.removesuffix("bps").lower()
    assert (port.price_key, port.assumption) == (f"dx.connection.hosted.{capacity}", None)


@pytest.mark.parametrize("bandwidth", ["100Gbps", "400Gbps"])
def test_a_capacity_aws_sells_only_dedicated_is_a_dedicated_port_without_an_assumption(
    bandwidth: str,
) -> None:
    port = _lines(_connection({"bandwidth": bandwidth, "location": "EqDC2"}))[0]
    capacity = bandwidth.removesuffix("bps").lower()
    assert (port.price_key, port.assumption) == (f"dx.connection.dedicated.{capacity}", None)


def test_a_capacity_sold_both_ways_is_dedicated_said_as_an_assumption() -> None:
    port = _lines(_connection({"bandwidth": "10Gbps", "location": "EqDC2"}))[0]
    assert port.price_key == "dx.connection.dedicated.10g"
    assert port.assumption == ("dx_connection_type", "dedicated")


@pytest.mark.parametrize(
    ("bandwidth", "kind"), [("2Gbps", "dedicated"), ("500Mbps", "dedicated"), ("100Gbps", "hosted")]
)
def test_a_connection_type_aws_does_not_sell_at_that_capacity_is_unpriced(
    bandwidth: str, kind: str
) -> None:
    attributes = {"bandwidth": bandwidth, "location": "EqDC2"}
    port = _lines(_connection(attributes), dx_connection_type=kind)[0]
    assert port.unknown_reason and not port.price_key and bandwidth in port.unknown_reason


@pytest.mark.parametrize("bandwidth", ["3Gbps", "0Mbps", "9" * 5000 + "Gbps"])
def test_a_capacity_aws_does_not_sell_is_unpriced_naming_it(bandwidth: str) -> None:
    port = _lines(_connection({"bandwidth": bandwidth, "location": "EqDC2"}))[0]
    assert port.unknown_reason and not port.price_key and port.quantity is None
    assert len(port.unknown_reason) < 200
