"""aws_kinesis_firehose_delivery_stream: ingestion in the price list's bands, and the extras of
the destination the stream delivers to (never of a block it does not use)."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status
from tests.estimate.aws.plan_fixture import CATALOGS

KIND = "aws_kinesis_firehose_delivery_stream"
GB = 3_000_000


def _price(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> SideCost:
    res = Resource(f"{KIND}.s", "terraform", KIND, "aws", "eu-west-2", attributes, unknown)
    usage = UsageFile(by_address={res.address: {"monthly_data_ingested_gb": GB}})
    return price_side(res, usage, CATALOGS)


S3 = {
    "destination": "extended_s3",
    "extended_s3_configuration": [{"data_format_conversion_configuration": [{"enabled": True}]}],
}
VPC = {
    "opensearch_configuration": [{"vpc_config": [{"subnet_ids": ["subnet-a", "subnet-b"]}]}],
}


def test_ingestion_fills_each_band_and_the_last_has_no_upper_end() -> None:
    side = _price({"destination": "splunk"})
    assert [line.monthly_quantity for line in side.lines] == [512_000, 1_536_000, 952_000]
    assert side.monthly == Decimal("86848")  # 17,920 + 46,080 + 22,848


def test_format_conversion_bills_every_gb_ingested_unless_disabled() -> None:
    on = _price(S3)
    assert [(line.name, line.monthly_quantity) for line in on.lines][-1] == (
        "Format conversion",
        GB,
    )
    off = {
        **S3,
        "extended_s3_configuration": [
            {"data_format_conversion_configuration": [{"enabled": False}]}
        ],
    }
    assert "Format conversion" not in {line.name for line in _price(off).lines}


def test_vpc_delivery_bills_data_and_an_hour_per_subnet_for_an_opensearch_destination() -> None:
    side = _price({"destination": "opensearch", **VPC})
    by_name = {line.name: line for line in side.lines}
    assert by_name["VPC data"].monthly_quantity == GB
    assert by_name["VPC AZ delivery (2 subnets)"].monthly_quantity == 1460


def test_blocks_of_another_destination_cost_nothing() -> None:
    side = _price({**S3, **VPC, "destination": "splunk"})
    assert {line.name for line in side.lines} == {
        "Data ingested (first 500TB)",
        "Data ingested (next 1.5PB)",
        "Data ingested (over 2PB)",
    }


def test_subnets_known_only_after_apply_leave_the_az_hours_unpriced() -> None:
    path = "opensearch_configuration.0.vpc_config.0.subnet_ids"
    attrs = {"destination": "opensearch", "opensearch_configuration": [{"vpc_config": [{}]}]}
    side = _price(attrs, frozenset({path}))
    assert side.status is Status.UNPRICED and path in (side.reason or "")


def test_dynamic_partitioning_is_named_unpriced_never_zero() -> None:
    s3 = {"dynamic_partitioning_configuration": [{"enabled": True}]}
    side = _price({"destination": "extended_s3", "extended_s3_configuration": [s3]})
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "Dynamic partitioning" in (side.reason or "")


def test_a_stream_reading_from_msk_is_unpriced_never_at_the_direct_put_bands() -> None:
    msk = [{"msk_cluster_arn": "arn:aws:kafka:eu-west-2:1:cluster/c/1", "topic_name": "t"}]
    side = _price({"destination": "splunk", "msk_source_configuration": msk})
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "MSK" in (side.reason or "")
    assert not [line for line in side.lines if line.monthly_cost]
