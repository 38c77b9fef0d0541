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
    # Aurora MySQL is billed the year-1 rate for the whole of its extended support (no year 3)
    later = rds_lines("aurora-mysql", "5.7.mysql_aurora.2.12.1", "db.r6g.large", date(2026, 12, 1))
    assert [line.price_key for line in later] == ["rds.extended_support.year1"]


def test_rds_mysql_5_7_is_charged_from_march_2024() -> None:
    assert rds_lines("mysql", "5.7.44", "db.t3.large", date(2024, 2, 29)) == []
    lines = rds_lines("mysql", "5.7.44", "db.t3.large", date(2024, 3, 1))
    assert lines[0].quantity == 730 * 2  # per vCPU-hour, 2 vCPUs


@pytest.mark.parametrize(
    ("engine", "version", "last_free"),
    [
        ("postgres", "13.15", date(2026, 2, 28)),
        ("mysql", "8.0.39", date(2026, 7, 31)),
        ("postgres", "14.12", date(2027, 2, 28)),
        # PostgreSQL 11 entered extended support on 2024-03-01 but was charged from 2024-04-01
        ("postgres", "11.22", date(2024, 3, 31)),
        ("aurora-postgresql", "11.21", date(2024, 3, 31)),
    ],
)
def test_rds_versions_are_charged_from_the_day_after_their_last_free_day(
    engine: str, version: str, last_free: date
) -> None:
    assert rds_lines(engine, version, "db.t3.large", last_free) == []
    day_after = date.fromordinal(last_free.toordinal() + 1)
    lines = rds_lines(engine, version, "db.t3.large", day_after)
    assert [(x.price_key, x.quantity) for x in lines] == [("rds.extended_support.year1", 1460)]


def test_year_3_starts_two_years_after_the_first_charged_day() -> None:
    assert rds_lines("postgres", "11.22", "db.t3.large", date(2026, 3, 31))[0].price_key == (
        "rds.extended_support.year1"
    )
    assert rds_lines("postgres", "11.22", "db.t3.large", date(2026, 4, 1))[0].price_key == (
        "rds.extended_support.year3"
    )
    assert rds_lines("mysql", "5.7.44", "db.t3.large", date(2026, 3, 1))[0].price_key == (
        "rds.extended_support.year3"
    )


def test_after_the_end_of_extended_support_the_version_is_unpriced_not_charged() -> None:
    assert rds_lines("mysql", "5.7.44", "db.t3.large", date(2027, 2, 28))[0].price_key
    gone = rds_lines("mysql", "5.7.44", "db.t3.large", date(2027, 3, 1))
    assert gone[0].price_key == "" and "Extended Support ended 2027-02-28" in (
        gone[0].unknown_reason or ""
    )


def test_a_multi_az_standby_is_billed_extended_support_too() -> None:
    single = rds_lines("postgres", "13.15", "db.t3.large", date(2026, 12, 1))
    multi = rds_lines("postgres", "13.15", "db.t3.large", date(2026, 12, 1), instances=2)
    assert multi[0].quantity == 2 * single[0].quantity == 2 * 730 * 2
