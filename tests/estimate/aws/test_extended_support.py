"""The extended-support calendar: charged from the day after the last day AWS does not charge."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

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
        # Aurora PostgreSQL 13-18 were missing: 13 billed nothing from March 2026 (AWS's
        # Aurora PostgreSQL release calendar, "Aurora end of standard support date")
        ("aurora-postgresql", "13.9", date(2026, 2, 28)),
        ("aurora-postgresql", "14.6", date(2027, 2, 28)),
        ("aurora-postgresql", "16.4", date(2029, 2, 28)),
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


def test_a_type_found_by_its_text_has_the_vcpus_the_parsed_table_gives() -> None:
    """vcpus_of finds a type by its key's text in the shape table (start-up, issue 18): for
    every type of the table, for names that are not types (another key of the document, a
    prefix, a name JSON would escape) and past the lookups it makes by text, the answer is
    the one of the table parsed whole."""
    import json

    from finops_gate.estimate.aws import extended_support as es

    table = json.loads(es._SHAPES.read_text(encoding="utf-8"))
    assert list(table)[-1] == "types"  # the layout the lookup by text relies on
    expected = {k: int(v[0]) for k, v in table["types"].items()}
    names = [
        *sorted(expected),
        *(k for k in table if k != "types"),
        "t3",
        "medium",
        "t3.mediu",
        "",
        't3.medium"',
        "t3.m\u00e9dium",
        "4096",
    ]
    saved = dict(es._FOUND)
    try:
        for name in names:
            es._FOUND.clear()  # each by its text, not from the table parsed after _LOOKUPS
            assert es.vcpus_of(name) == expected.get(name), name
        es._FOUND.clear()
        assert [es.vcpus_of(n) for n in names] == [expected.get(n) for n in names]
    finally:
        es._FOUND.clear()
        es._FOUND.update(saved)


def test_pricing_one_burstable_instance_does_not_parse_the_whole_shape_table(
    tmp_path: Path,
) -> None:
    """A t3 instance's CPU credits need its vCPUs: one type is looked up, the 38 KB table is
    not parsed (start-up, issue 18)."""
    code = (
        "from finops_gate.estimate.aws import extended_support as es\n"
        "from finops_gate.estimate.aws.ec2_instance import cost_lines\n"
        "from finops_gate.estimate.usage import Usage\n"
        "from finops_gate.model import Resource\n"
        "r = Resource('aws_instance.a', 'terraform', 'aws_instance', 'aws', 'us-east-1',\n"
        "             attributes={'instance_type': 't3.medium'})\n"
        "lines = cost_lines(r, Usage({'monthly_cpu_credit_hrs': 10}))\n"
        "print(es._vcpus.cache_info().currsize, es.vcpus_of('t3.medium'))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert proc.stdout.split() == ["0", "2"]


def test_aurora_postgresql_12_ends_extended_support_in_february_2028() -> None:
    assert rds_lines("aurora-postgresql", "12.22", "db.t3.large", date(2028, 2, 29))[0].price_key
    gone = rds_lines("aurora-postgresql", "12.22", "db.t3.large", date(2028, 3, 1))
    assert gone[0].price_key == "" and "Extended Support ended 2028-02-29" in (
        gone[0].unknown_reason or ""
    )
