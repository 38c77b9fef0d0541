"""aws_dx_gateway_association: a transit gateway attachment, or nothing for a VGW."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import dx_gateway_association
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

KIND = "aws_dx_gateway_association"


def _lines(
    attributes: dict[str, object], unknown: frozenset[str] = frozenset(), **usage: object
) -> list[CostLine]:
    resource = Resource(f"{KIND}.a", "terraform", KIND, "aws", "us-east-1", attributes, unknown)
    return dx_gateway_association.cost_lines(resource, Usage(values=usage))


def test_a_transit_gateway_association_bills_attachment_hours_and_data_processed() -> None:
    lines = _lines({"associated_gateway_id": "tgw-1"}, monthly_data_processed_gb=100)
    assert [(line.price_key, line.quantity) for line in lines] == [
        ("tgw.attachment", Decimal(730)),
        ("tgw.data_processed", Decimal(100)),
    ]


def test_a_virtual_private_gateway_association_costs_nothing_by_itself() -> None:
    assert _lines({"associated_gateway_id": "vgw-1"}) == []
    assert _lines({"vpn_gateway_id": "vgw-1"}) == []


def test_a_gateway_known_only_after_apply_is_unpriced_not_free() -> None:
    (line,) = _lines({}, frozenset({"associated_gateway_id"}))
    assert line.unknown_reason and line.quantity is None


def test_a_gateway_id_of_another_kind_is_unpriced() -> None:
    for value in ("igw-1", 42):
        (line,) = _lines({"associated_gateway_id": value})
        assert line.unknown_reason and not line.price_key
