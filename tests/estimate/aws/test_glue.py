"""AWS Glue: a job's DPUs from its workers or capacity, crawler DPU-hours, catalog usage."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws import glue
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import Usage, UsageFile
from finops_gate.model import WRITTEN_UNKNOWN, Resource, Status
from tests.estimate.aws.plan_fixture import CATALOGS

JOB = "aws_glue_job"
# what a plan shows unknown for a job that sets none of them (the provider computes them)
COMPUTED = frozenset({"max_capacity", "number_of_workers", "worker_type"})


def _job(unknown: frozenset[str] = frozenset(), **attributes: Any) -> Resource:
    attributes.setdefault("command", [{"name": "glueetl", "script_location": "s3://b/s.py"}])
    return Resource(f"{JOB}.j", "terraform", JOB, "aws", "us-east-1", attributes, unknown)


def _hours(hours: int) -> Usage:
    return Usage(values={"monthly_hours": hours})


def test_workers_count_the_dpus_of_their_type_for_the_hours_given() -> None:
    (line,) = glue.job_lines(_job(worker_type="G.2X", number_of_workers=10), _hours(60))
    assert (line.price_key, line.unit, line.quantity) == (
        "glue.job.dpu_hours",
        "DPU-hours",
        Decimal(1200),
    )
    (small,) = glue.job_lines(_job(worker_type="G.025X", number_of_workers=4), _hours(60))
    assert small.quantity == Decimal(60)  # 4 x 0.25 DPU


def test_max_capacity_counts_when_no_workers_are_set() -> None:
    shell = [{"name": "pythonshell", "script_location": "s3://b/s.py"}]
    job = _job(frozenset({"number_of_workers", "worker_type"}), command=shell, max_capacity=1)
    (line,) = glue.job_lines(job, _hours(100))
    assert (line.quantity, line.assumption) == (Decimal(100), None)


def test_a_job_with_no_capacity_takes_awss_default_dpus_and_says_so() -> None:
    (spark,) = glue.job_lines(_job(COMPUTED), _hours(10))
    assert spark.quantity == Decimal(100)  # 10 DPUs
    assert spark.assumption is not None and spark.assumption[0] == "max_capacity"
    shell = [{"name": "pythonshell", "script_location": "s3://b/s.py"}]
    (python,) = glue.job_lines(_job(COMPUTED, command=shell), _hours(16))
    assert python.quantity == Decimal(1)  # 0.0625 DPU


def test_a_capacity_the_code_sets_to_a_value_it_does_not_tell_is_unpriced() -> None:
    written: dict[str, Any] = {"__unknown_inputs__": {"max_capacity": "var.dpus"}}
    job = _job(frozenset(), **written)
    (line,) = glue.job_lines(job, _hours(10))
    assert line.unknown_reason and line.quantity is None


def test_the_flex_execution_class_takes_the_flex_rate() -> None:
    job = _job(worker_type="G.1X", number_of_workers=2, execution_class="FLEX")
    (line,) = glue.job_lines(job, _hours(5))
    assert (line.price_key, line.quantity) == ("glue.job.flex.dpu_hours", Decimal(10))


def test_without_hours_the_line_depends_on_usage() -> None:
    (line,) = glue.job_lines(_job(worker_type="G.1X", number_of_workers=4), Usage())
    assert (line.price_key, line.quantity, line.usage_key, line.unknown_reason) == (
        "glue.job.dpu_hours",
        None,
        "monthly_hours",
        None,
    )


def test_ray_jobs_other_worker_types_and_a_missing_worker_type_are_unpriced() -> None:
    ray = [{"name": "glueray", "script_location": "s3://b/r.py"}]
    jobs = [
        _job(command=ray, worker_type="Z.2X", number_of_workers=2),
        _job(worker_type="R.1X", number_of_workers=2),
        _job(frozenset({"worker_type"}), number_of_workers=5),
        _job(frozenset({"number_of_workers"}), worker_type="G.1X"),
        _job(frozenset({"command.0.name"}), command=[{"script_location": "s3://b/s.py"}]),
    ]
    for job in jobs:
        (line,) = glue.job_lines(job, _hours(5))
        assert line.unknown_reason and line.quantity is None and not line.price_key


def test_a_value_of_the_wrong_type_leaves_the_job_unpriced_not_crashed() -> None:
    for bad in ({"number_of_workers": "ten", "worker_type": "G.1X"}, {"max_capacity": [1]}):
        side = price_side(_job(**bad), UsageFile(), CATALOGS)
        assert side.status is Status.UNPRICED and side.monthly is None


def test_crawler_hours_are_dpu_hours_at_the_crawler_rate() -> None:
    crawler = Resource("aws_glue_crawler.c", "terraform", "aws_glue_crawler", "aws", "us-east-1")
    (line,) = glue.crawler_lines(crawler, _hours(60))
    assert (line.price_key, line.unit, line.quantity) == (
        "glue.crawler.dpu_hours",
        "DPU-hours",
        Decimal(60),
    )
    (none,) = glue.crawler_lines(crawler, Usage())
    assert none.quantity is None and none.usage_key == "monthly_hours"


def test_catalog_objects_and_requests_are_counted_from_the_first_one() -> None:
    kind = "aws_glue_catalog_database"
    database = Resource(f"{kind}.d", "terraform", kind, "aws", "us-east-1")
    usage = Usage(values={"monthly_objects": 50_000, "monthly_requests": 3_000_000})
    storage, requests = glue.catalog_database_lines(database, usage)
    # the account's free first million of each is not taken off one database
    assert (storage.price_key, storage.unit, storage.quantity) == (
        "glue.catalog.storage",
        "100k objects",
        Decimal("0.5"),
    )
    assert (requests.price_key, requests.unit, requests.quantity) == (
        "glue.catalog.requests",
        "1M requests",
        Decimal(3),
    )
    assert [line.quantity for line in glue.catalog_database_lines(database, Usage())] == [
        None,
        None,
    ]


def test_a_hostile_count_or_capacity_is_unpriced_with_its_path_not_shown_as_dpus() -> None:
    for bad in (
        {"number_of_workers": -5, "worker_type": "G.1X"},
        {"number_of_workers": "Infinity", "worker_type": "G.1X"},
        {"number_of_workers": "1e999999", "worker_type": "G.1X"},
        {"number_of_workers": 2.5, "worker_type": "G.1X"},
        {"max_capacity": "Infinity"},
        {"max_capacity": -1},
        {"max_capacity": 0},
    ):
        (line,) = glue.job_lines(_job(**bad), _hours(5))
        path = next(iter(k for k in bad if k != "worker_type"))
        assert line.quantity is None and not line.price_key, bad
        assert line.unknown_reason and line.unknown_reason.startswith(path), bad
        side = price_side(_job(**bad), UsageFile(), CATALOGS)
        assert side.status is Status.UNPRICED and side.monthly is None


def test_workers_or_a_worker_type_written_with_values_known_at_apply_are_not_the_default() -> None:
    both = {"number_of_workers", "worker_type"}
    plan = _job(COMPUTED, **{WRITTEN_UNKNOWN: frozenset(both)})
    code = _job(**{"__unknown_inputs__": {p: "var.x" for p in both}})
    for job in (plan, code):
        (line,) = glue.job_lines(job, _hours(10))
        assert line.quantity is None and not line.price_key and line.assumption is None
        assert line.unknown_reason == "number_of_workers is unknown until apply"
    typed = _job(
        frozenset({"worker_type", "max_capacity"}),
        number_of_workers=10,
        **{WRITTEN_UNKNOWN: frozenset({"worker_type"})},
    )
    (line,) = glue.job_lines(typed, _hours(10))
    assert line.unknown_reason == "worker_type is unknown until apply"


def test_a_command_or_execution_class_of_the_wrong_shape_is_unpriced_not_the_default() -> None:
    for bad in ({"command": "x"}, {"command": ["x"]}, {"execution_class": ["FLEX"]}):
        (line,) = glue.job_lines(_job(max_capacity=2, **bad), _hours(5))
        assert line.unknown_reason and line.quantity is None and not line.price_key, bad
