"""aws_cloudhsm_v2_hsm: HSM-hours at the rate of the cluster's HSM type."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.model import Status
from tests.estimate.aws.plan_fixture import price


def test_an_hsm_is_billed_at_its_joined_cluster_type_for_the_hours_given() -> None:
    side = price("aws_cloudhsm_v2_hsm", "aws_cloudhsm_v2_hsm.second")
    assert side.monthly == Decimal(200) * Decimal("1.6")


def test_an_hsm_whose_cluster_is_not_in_the_plan_is_unpriced_never_a_guessed_type() -> None:
    side = price("aws_cloudhsm_v2_hsm", "aws_cloudhsm_v2_hsm.elsewhere")
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "hsm_type" in (side.reason or "")
