"""CronJob schedules -> runs per month (average month of a 365-day year)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finops_gate.estimate.k8s_cron import CronError, runs_per_month


@pytest.mark.parametrize(
    ("schedule", "runs"),
    [
        ("0 * * * *", Decimal(730)),
        ("*/15 * * * *", Decimal(2920)),
        ("@hourly", Decimal(730)),
        ("0 0 1 * *", Decimal(1)),
        ("0 0 1 1 *", Decimal(1) / 12),
        ("0 2 * * 1-5", Decimal(261) / 12),
        ("30 6 * * MON,WED", Decimal(104) / 12),
        ("0 0 1 * 1", Decimal(12 + 52 - 1) / 12),  # 1st OR Monday; 1 June 2026 is both
    ],
)
def test_schedule_gives_average_runs_per_month(schedule: str, runs: Decimal) -> None:
    assert runs_per_month(schedule) == runs


def test_time_zone_is_checked_and_does_not_change_the_count() -> None:
    assert runs_per_month("@daily", "Europe/Berlin") == runs_per_month("@daily")
    with pytest.raises(CronError, match="unknown time zone"):
        runs_per_month("@daily", "Nowhere/Land")


@pytest.mark.parametrize("schedule", ["* * *", "61 * * * *", "*/0 * * * *", "5-1 * * * *"])
def test_bad_schedules_are_errors(schedule: str) -> None:
    with pytest.raises(CronError):
        runs_per_month(schedule)
