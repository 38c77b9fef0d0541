"""The extended-support calendar: charged from the day after the last day AWS does not charge."""

from __future__ import annotations

from datetime import date

import pytest

from finops_gate.estimate.aws.extended_support import eks_extended, rds_lines


@pytest.mark.parametrize(
    ("version", "last_free"),
    [("1.29", date(2025, 3, 23)), ("1.32", date(2026, 3, 23)), ("1.33", date(2026, 7, 29))],
)
def test_eks_versions_are_extended_from_the_day_after_standard_support(
    version: str, last_free: date
) -> None:
    assert eks_extended(version, last_free) is False
    assert eks_extended(version, date.fromordinal(last_free.toordinal() + 1)) is True


def test_aurora_mysql_2_is_charged_from_december_2024_not_from_the_end_of_standard_support() -> (
    None
):
    # standard support ended 2024-10-31; AWS charges extended support from 2024-12-01
    assert (
        rds_lines("aurora-mysql", "5.7.mysql_aurora.2.12.1", "db.r6g.large", date(2024, 11, 15))
        == []
    )
    lines = rds_lines("aurora-mysql", "5.7.mysql_aurora.2.12.1", "db.r6g.large", date(2024, 12, 1))
    assert [line.price_key for line in lines] == ["rds.extended_support.year1"]
    year3 = rds_lines("aurora-mysql", "5.7.mysql_aurora.2.12.1", "db.r6g.large", date(2026, 12, 1))
    assert [line.price_key for line in year3] == ["rds.extended_support.year3"]


def test_rds_mysql_5_7_is_charged_from_march_2024() -> None:
    assert rds_lines("mysql", "5.7.44", "db.t3.large", date(2024, 2, 29)) == []
    lines = rds_lines("mysql", "5.7.44", "db.t3.large", date(2024, 3, 1))
    assert lines[0].quantity == 730 * 2  # per vCPU-hour, 2 vCPUs
