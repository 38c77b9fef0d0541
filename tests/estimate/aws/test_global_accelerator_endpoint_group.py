"""aws_globalaccelerator_endpoint_group: the data-transfer premium in the dominant direction."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import global_accelerator_endpoint_group as group
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource

KIND = "aws_globalaccelerator_endpoint_group"


def _group(region: str) -> Resource:
    attributes = {"endpoint_group_region": region}
    return Resource(f"{KIND}.g", "terraform", KIND, "aws", "us-east-1", attributes)


def test_only_the_dominant_direction_is_billed_from_the_endpoints_group() -> None:
    usage = Usage(
        {
            "monthly_inbound_data_transfer_gb": {"india": 10},
            "monthly_outbound_data_transfer_gb": {"south_korea": 20, "middle_east": 5},
        }
    )
    lines = group.cost_lines(_group("ap-southeast-1"), usage)
    assert {ln.price_key: ln.quantity for ln in lines} == {
        "globalaccelerator.dt_premium.ap.kr.out": Decimal(20),
        "globalaccelerator.dt_premium.ap.me.out": Decimal(5),
    }


def test_an_endpoint_region_of_no_known_group_is_unpriced_naming_it() -> None:
    (line,) = group.cost_lines(_group("xx-nowhere-1"), Usage())
    assert line.unknown_reason is not None and "xx-nowhere-1" in line.unknown_reason


def test_a_single_figure_where_destination_groups_go_is_unpriced_naming_the_key() -> None:
    # was read as no usage: one "depends on usage" line, the 100 GB given dropped unsaid
    usage = Usage({"monthly_inbound_data_transfer_gb": 100})
    (line,) = group.cost_lines(_group("eu-west-1"), usage)
    assert line.quantity is None and line.unknown_reason is not None
    assert "monthly_inbound_data_transfer_gb must map destination groups" in line.unknown_reason
