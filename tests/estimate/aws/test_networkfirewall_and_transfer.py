"""aws_networkfirewall_firewall (an endpoint per subnet mapping) and aws_transfer_server (an
hourly charge per enabled protocol, SFTP when left to AWS): nothing guessed after apply."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status
from tests.estimate.aws.plan_fixture import CATALOGS


def _price(
    kind: str,
    attributes: dict[str, object],
    unknown: frozenset[str] = frozenset(),
    usage: dict[str, object] | None = None,
) -> SideCost:
    res = Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", attributes, unknown)
    return price_side(res, UsageFile(by_address={res.address: usage or {}}), CATALOGS)


FIREWALL = "aws_networkfirewall_firewall"
TRANSFER = "aws_transfer_server"


def test_a_firewall_bills_an_endpoint_hour_per_subnet_mapping_and_traffic_from_usage() -> None:
    mappings = [{"subnet_id": s} for s in ("a", "b", "c")]
    side = _price(FIREWALL, {"subnet_mapping": mappings}, usage={"monthly_data_processed_gb": 10})
    hours, data = side.lines
    assert hours.monthly_quantity == 2190 and hours.unit_price == Decimal("0.395")
    assert data.monthly_cost == Decimal("0.65")


def test_subnet_mappings_known_only_after_apply_leave_the_endpoints_unpriced() -> None:
    side = _price(FIREWALL, {}, frozenset({"subnet_mapping"}))
    assert side.status is Status.UNPRICED and "subnet_mapping" in (side.reason or "")


def test_a_transit_gateway_firewall_bills_an_endpoint_per_availability_zone_mapping() -> None:
    zones = [{"availability_zone_id": z} for z in ("use1-az1", "use1-az2")]
    attrs = {"transit_gateway_id": "tgw-1", "availability_zone_mapping": zones}
    (hours, _) = _price(FIREWALL, attrs).lines
    assert hours.monthly_quantity == 1460 and hours.unit_price == Decimal("0.395")


def test_a_firewall_with_no_endpoint_known_is_unpriced_never_zero() -> None:
    for attrs in ({}, {"transit_gateway_id": "tgw-1", "subnet_mapping": [{"subnet_id": "a"}]}):
        side = _price(FIREWALL, attrs)
        assert side.status is Status.UNPRICED and side.monthly is None, attrs
        assert "mapping" in (side.reason or "")


def test_protocols_left_to_aws_are_sftp_alone() -> None:
    side = _price(TRANSFER, {}, frozenset({"protocols"}))  # computed: unknown in a plan
    assert side.lines[0].name == "SFTP protocol enabled"
    assert side.lines[0].monthly_cost == Decimal("219")


def test_each_protocol_is_billed_once_and_data_needs_usage() -> None:
    side = _price(TRANSFER, {"protocols": ["SFTP", "FTPS", "SFTP"]})
    names = [line.name for line in side.lines]
    assert names[:2] == ["FTPS protocol enabled", "SFTP protocol enabled"]
    assert [line.monthly_cost for line in side.lines[2:]] == [None, None]


def test_protocols_written_as_an_unknown_expression_are_unpriced_not_sftp() -> None:
    attrs = {"__unknown_inputs__": {"protocols": "var.protocols"}}
    side = _price(TRANSFER, attrs, frozenset({"protocols"}))
    assert side.status is Status.UNPRICED and "protocols" in (side.reason or "")
