"""aws_ebs_volume: storage by type, gp3 extras, io2 tiers, magnetic I/O."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from finops_gate.estimate.aws import ebs_volume
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource, Status
from tests.estimate.aws.plan_fixture import price
from tests.sides import check_sides


def _volume(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    return Resource(
        "aws_ebs_volume.v", "terraform", "aws_ebs_volume", "aws", "us-east-1", attributes, unknown
    )


def test_gp3_charges_only_iops_above_3000_and_throughput_above_125() -> None:
    lines = ebs_volume.cost_lines(
        _volume({"type": "gp3", "size": 100, "iops": 3000, "throughput": 125}), Usage()
    )
    assert [x.price_key for x in lines] == ["ebs.gp3.storage"]
    lines = ebs_volume.cost_lines(
        _volume({"type": "gp3", "size": 100, "iops": 4000, "throughput": 200}), Usage()
    )
    assert [(x.price_key, x.quantity) for x in lines[1:]] == [
        ("ebs.gp3.iops", Decimal(1000)),
        ("ebs.gp3.throughput", Decimal(75)),
    ]


def test_io2_iops_above_32000_are_a_separate_tier_and_not_priced_at_the_first_rate() -> None:
    side = price("aws_ebs_volume", "aws_ebs_volume.db")
    assert side.status is Status.UNPRICED
    assert "ebs.io2.iops.tier2" in (side.reason or "")


def test_unset_volume_type_is_the_aws_default_gp2_and_says_so() -> None:
    side = price("aws_ebs_volume", "aws_ebs_volume.scratch")
    assert side.monthly == Decimal(10)
    assert side.lines[0].name.startswith("[type not set: AWS default gp2]")


def test_size_from_a_snapshot_is_unknown_until_apply() -> None:
    side = price("aws_ebs_volume", "aws_ebs_volume.restored")
    assert side.status is Status.UNPRICED
    assert "size is unknown until apply" in (side.reason or "")


def test_io1_iops_unknown_until_apply_are_not_guessed() -> None:
    lines = ebs_volume.cost_lines(
        _volume({"type": "io1", "size": 100}, frozenset({"iops"})), Usage()
    )
    assert lines[0].unknown_reason == "iops is unknown until apply"


def test_magnetic_io_requests_depend_on_usage_until_given() -> None:
    without = ebs_volume.cost_lines(_volume({"type": "standard", "size": 10}), Usage())
    given = ebs_volume.cost_lines(
        _volume({"type": "standard", "size": 10}),
        Usage({"monthly_standard_io_requests": 2_500_000}),
    )
    assert without[1].quantity is None
    assert given[1].quantity == Decimal("2.5")


def test_io1_or_io2_without_iops_is_unpriced_not_storage_only() -> None:
    from finops_gate.estimate.terraform import price_side
    from finops_gate.estimate.usage import UsageFile
    from tests.estimate.aws.plan_fixture import CATALOGS

    for vtype in ("io1", "io2"):
        side = price_side(_volume({"type": vtype, "size": 100}), UsageFile(), CATALOGS)
        assert side.status is Status.UNPRICED and side.monthly is None
        assert "iops is not set" in (side.reason or "")
    given = price_side(_volume({"type": "io1", "size": 100, "iops": 1000}), UsageFile(), CATALOGS)
    assert given.status is Status.PRICED and given.monthly == Decimal("12.5") + Decimal(65)


def test_gp3_iops_the_code_does_not_tell_is_unpriced_not_the_baseline(tmp_path: Path) -> None:
    # a plan shows unset gp3 iops as unknown (the free 3,000); code that sets it from a module
    # input with no value provisions something: it was priced as the baseline
    tf = """
provider "aws" { region = "us-east-1" }
variable "iops" { type = number }
resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  type              = "gp3"
  size              = 500
  iops              = var.iops
}
resource "aws_ebs_volume" "plain" {
  availability_zone = "us-east-1a"
  type              = "gp3"
  size              = 500
}
"""
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    rows = {r["address"]: r for r in report["resources"]}
    assert rows["aws_ebs_volume.data"]["status"] == "unpriced"
    assert "iops is unknown until apply" in rows["aws_ebs_volume.data"]["reason"]
    assert rows["aws_ebs_volume.plain"]["status"] == "priced"
    assert rows["aws_ebs_volume.plain"]["monthly_after"] == "40"  # 500 GB x $0.08, no IOPS line


def test_a_type_written_with_a_value_not_known_is_unpriced_not_the_gp2_default() -> None:
    written = {"size": 100, "__unknown_inputs__": {"type": "var.kind"}}
    lines = ebs_volume.cost_lines(_volume(written, frozenset({"type"})), Usage())
    assert [(x.price_key, x.unknown_reason) for x in lines] == [("", "type is unknown until apply")]
