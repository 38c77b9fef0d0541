"""aws_flow_log: vended-log delivery per GB, tiered, at the rates of its destination."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from finops_gate.catalogs.store import CatalogDir, CatalogSet
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from tests.catalogs.conftest import price_doc, write_catalog
from tests.estimate.aws.plan_fixture import CATALOGS, price

# a team catalog's vended-log rates (the shipped catalog holds none): made-up round numbers
RATES = {"tier1": "0.25", "tier2": "0.15", "tier3": "0.075", "tier4": "0.05"}


def _team(tmp_path: Path) -> CatalogSet:
    team = tmp_path / "team"
    doc = price_doc("aws", "2026-11-20", {})
    for part in ("cloudwatch_logs", "s3", "firehose"):
        for tier, rate in RATES.items():
            entry = {"unit": "GB", "source": "team", "regions": {"us-east-1": rate}}
            doc["prices"][f"cloudwatch.vended_logs.{part}.{tier}"] = entry
    doc["prices"]["cloudwatch.vended_logs.s3.parquet_conversion"] = {
        "unit": "GB",
        "source": "team",
        "regions": {"us-east-1": "0.035"},
    }
    write_catalog(team, doc)
    return CatalogSet(as_of=date(2026, 12, 1), dirs=(CatalogDir(team, "team"),))


def _flow(**attributes: object) -> Resource:
    return Resource("aws_flow_log.f", "terraform", "aws_flow_log", "aws", "us-east-1", attributes)


def _unknown(attributes: dict[str, object], path: str) -> Resource:
    return replace(_flow(**attributes), unknown=frozenset({path}))


def _usage(gb: object) -> UsageFile:
    return UsageFile(by_address={"aws_flow_log.f": {"monthly_logs_delivered_gb": gb}})


def test_the_shipped_catalog_holds_no_vended_log_rate_so_a_flow_log_is_unpriced_naming_it() -> None:
    side = price("aws_flow_log", "aws_flow_log.to_logs")
    assert side.status is Status.UNPRICED and side.monthly is None
    # never the custom-log ingestion rate the catalog does hold ($0.50/GB, another product)
    assert "cloudwatch.vended_logs.cloudwatch_logs.tier1" in (side.reason or "")
    assert all(line.unit_price is None for line in side.lines)


def test_volume_is_billed_tier_by_tier_at_the_destinations_rates(tmp_path: Path) -> None:
    gb = 60 * 1024  # 60 TB: 10 + 20 + 20 TB, then 10 TB over 50 TB
    side = price_side(
        _flow(log_destination_type="s3", destination_options=[{"file_format": "parquet"}]),
        _usage(gb),
        _team(tmp_path),
    )
    assert side.status is Status.PRICED
    tiers = 10 * 1024 * Decimal("0.25") + 20 * 1024 * Decimal("0.15")
    tiers += 20 * 1024 * Decimal("0.075") + 10 * 1024 * Decimal("0.05")
    assert side.monthly == tiers + gb * Decimal("0.035")
    assert [line.monthly_quantity for line in side.lines] == [10240, 20480, 20480, 10240, gb]


@pytest.mark.parametrize(
    ("destination", "key"),
    [
        (None, "cloudwatch.vended_logs.cloudwatch_logs.tier1"),  # the default
        ("cloud-watch-logs", "cloudwatch.vended_logs.cloudwatch_logs.tier1"),
        ("kinesis-data-firehose", "cloudwatch.vended_logs.firehose.tier1"),
        ("s3", "cloudwatch.vended_logs.s3.tier1"),
    ],
)
def test_each_destination_has_its_own_rates_and_plain_text_s3_adds_no_conversion(
    tmp_path: Path, destination: str | None, key: str
) -> None:
    flow = _flow(log_destination_type=destination, destination_options=[])
    side = price_side(flow, _usage(100), _team(tmp_path))
    assert side.status is Status.PRICED and side.monthly == 100 * Decimal(RATES["tier1"])
    assert len(side.lines) == 1
    shipped = price_side(flow, _usage(100), CATALOGS)
    assert key in (shipped.reason or "")


def test_without_usage_the_flow_log_depends_on_usage(tmp_path: Path) -> None:
    side = price_side(_flow(), UsageFile(), _team(tmp_path))
    assert side.status is Status.USAGE_UNKNOWN and side.monthly is None
    assert side.lines[0].usage_key == "monthly_logs_delivered_gb"


@pytest.mark.parametrize(
    ("flow", "said"),
    [
        (_flow(log_destination_type="ftp"), "'ftp' is not a flow-log destination"),
        (_unknown({}, "log_destination_type"), "log_destination_type is unknown until apply"),
        (
            _unknown(
                {"log_destination_type": "s3", "destination_options": [{}]},
                "destination_options.0.file_format",
            ),
            "destination_options.0.file_format is unknown until apply",
        ),
    ],
)
def test_a_destination_it_cannot_tell_leaves_the_flow_log_unpriced(
    tmp_path: Path, flow: Resource, said: str
) -> None:
    side = price_side(flow, _usage(100), _team(tmp_path))
    assert side.status is Status.UNPRICED and side.monthly is None
    assert said in (side.reason or "")


def test_a_usage_key_for_another_type_is_reported_ignored_with_a_did_you_mean(
    tmp_path: Path,
) -> None:
    usage = UsageFile(by_address={"aws_flow_log.f": {"monthly_log_delivered_gb": 100}})
    side = price_side(_flow(), usage, _team(tmp_path))
    assert any("did you mean 'monthly_logs_delivered_gb'" in n for n in side.notes)
