"""aws_globalaccelerator_accelerator: one fixed hourly fee, the same in every region."""

from __future__ import annotations

from decimal import Decimal

from tests.estimate.aws.plan_fixture import price


def test_the_fixed_fee_holds_in_every_region_the_catalog_covers() -> None:
    here = price("aws_globalaccelerator_accelerator", "aws_globalaccelerator_accelerator.edge")
    there = price(
        "aws_globalaccelerator_accelerator",
        "aws_globalaccelerator_accelerator.edge",
        region="us-east-2",  # a region the shipped catalog covers
    )
    assert here.monthly == there.monthly == Decimal(730) * Decimal("0.025")


def test_a_disabled_accelerator_still_pays_the_hours_it_exists() -> None:
    trial = price("aws_globalaccelerator_accelerator", "aws_globalaccelerator_accelerator.trial")
    assert trial.monthly == Decimal(100) * Decimal("0.025")
