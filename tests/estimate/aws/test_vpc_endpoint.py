"""aws_vpc_endpoint: an Interface endpoint bills one network interface per subnet."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from tests.estimate.aws.plan_fixture import CATALOGS


def _endpoint(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    attributes = {"vpc_endpoint_type": "Interface", **attributes}
    kind = "aws_vpc_endpoint"
    return Resource(f"{kind}.e", "terraform", kind, "aws", "us-east-1", attributes, unknown)


def test_subnet_configuration_blocks_count_the_interfaces_when_subnet_ids_is_left_to_aws() -> None:
    blocks = [{"subnet_id": "subnet-a", "ipv4": "10.0.1.10"}, {"subnet_id": "subnet-b"}]
    side = price_side(
        _endpoint({"subnet_configuration": blocks}, frozenset({"subnet_ids"})),
        UsageFile(),
        CATALOGS,
    )
    assert side.status in (Status.PRICED, Status.USAGE_UNKNOWN)
    hours = side.lines[0]
    assert hours.name == "Endpoint (Interface, 2 subnets)" and hours.monthly_quantity == 1460
    assert hours.unit_price is not None and hours.unit_price > Decimal(0)


def test_without_subnets_known_until_apply_the_endpoint_is_unpriced() -> None:
    side = price_side(_endpoint({}, frozenset({"subnet_ids"})), UsageFile(), CATALOGS)
    assert side.status is Status.UNPRICED and "subnet_ids is unknown" in (side.reason or "")


def test_a_service_network_endpoint_bills_no_interface_hours_and_names_lattice_data() -> None:
    # was priced as an Interface endpoint: 2 subnets x 730 h x $0.01 and the interface data
    # tiers; VPC Lattice's pricing page: service-network endpoints at no additional cost
    attributes = {"vpc_endpoint_type": "ServiceNetwork", "subnet_ids": ["subnet-a", "subnet-b"]}
    side = price_side(_endpoint(attributes), UsageFile(), CATALOGS)
    assert side.status is Status.UNPRICED
    assert [line.name for line in side.lines] == ["Data processed (VPC Lattice)"]
    assert "no hourly charge" in (side.reason or "") and "VPC Lattice" in (side.reason or "")


def test_a_resource_endpoint_is_unpriced_not_billed_at_the_interface_rate() -> None:
    # was priced and labelled as an Interface endpoint (2 x 730 h x $0.01 and the interface
    # data tiers); AWS bills resource endpoints at rates of their own, not in the catalog
    attributes = {
        "vpc_endpoint_type": "Resource",
        "subnet_ids": ["subnet-a", "subnet-b"],
        "resource_configuration_arn": "arn:aws:vpc-lattice:us-east-1:1:resourceconfiguration/rc",
    }
    side = price_side(_endpoint(attributes), UsageFile(), CATALOGS)
    assert side.status is Status.UNPRICED and side.monthly is None
    assert [line.name for line in side.lines] == ["Endpoint (Resource)"]
    assert "resource endpoint is billed per hour" in (side.reason or "")


def test_a_type_aws_does_not_have_is_unpriced_not_read_as_interface() -> None:
    side = price_side(_endpoint({"vpc_endpoint_type": "interface"}), UsageFile(), CATALOGS)
    assert side.status is Status.UNPRICED and "is not a VPC endpoint type" in (side.reason or "")


def test_a_gateway_load_balancer_endpoint_is_one_endpoint_hour_and_its_data() -> None:
    attributes = {"vpc_endpoint_type": "GatewayLoadBalancer", "subnet_ids": ["subnet-a"]}
    usage = UsageFile(by_address={"aws_vpc_endpoint.e": {"monthly_data_processed_gb": 1000}})
    side = price_side(_endpoint(attributes), usage, CATALOGS)
    assert side.status is Status.PRICED
    assert side.monthly == 730 * Decimal("0.01") + 1000 * Decimal("0.0035")


def test_a_gateway_endpoint_says_it_has_no_charge_never_a_bare_zero() -> None:
    side = price_side(_endpoint({"vpc_endpoint_type": "Gateway"}), UsageFile(), CATALOGS)
    assert (side.status, side.monthly) == (Status.PRICED, Decimal(0))
    assert [line.name for line in side.lines] == ["Endpoint (Gateway): no charge"]
