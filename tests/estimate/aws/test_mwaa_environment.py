"""aws_mwaa_environment: the class's hourly rates, extra workers and schedulers from usage."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import mwaa_environment
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource
from tests.estimate.aws.plan_fixture import price

KIND = "aws_mwaa_environment"


def _environment(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    return Resource(f"{KIND}.e", "terraform", KIND, "aws", "us-east-1", attributes, unknown)


def test_the_class_is_read_case_insensitively_and_extras_are_hours_from_usage() -> None:
    usage = Usage(values={"additional_workers": 2.5, "additional_schedulers": 3})
    lines = mwaa_environment.cost_lines(_environment({"environment_class": " mW1.laRgE"}), usage)
    assert [(ln.price_key, ln.quantity) for ln in lines] == [
        ("mwaa.environment.large", Decimal(730)),
        ("mwaa.worker.large", Decimal("1825.0")),
        ("mwaa.scheduler.large", Decimal(2190)),
        ("mwaa.database_storage", None),
    ]


def test_an_unset_class_is_the_aws_default_stated_as_an_assumption() -> None:
    # the provider computes environment_class: a plan shows it unknown when left unset
    unset = _environment({}, frozenset({"environment_class"}))
    environment, *_ = mwaa_environment.cost_lines(unset, Usage())
    assert environment.price_key == "mwaa.environment.small"
    assert environment.assumption is not None


def test_a_class_not_known_until_apply_or_not_a_class_is_unpriced() -> None:
    # the .tf code writes an expression the reader cannot tell (a variable from elsewhere)
    written = _environment({"__unknown_inputs__": {"environment_class": "var.size"}})
    (line,) = mwaa_environment.cost_lines(written, Usage())
    assert line.unknown_reason and line.quantity is None
    for value in ("m5.large", ["mw1.small"], "mw1.x/y", "mw1.\u00b2"):
        (line,) = mwaa_environment.cost_lines(_environment({"environment_class": value}), Usage())
        assert line.unknown_reason and line.quantity is None


def test_the_fixture_prices_the_golden_environment_with_usage() -> None:
    side = price(KIND, f"{KIND}.large_with_usage")
    assert side.monthly == Decimal("1706.00")  # 722.70 + 401.50 + 481.80 + 100 (1,000 GB)


def _extras(attributes: dict[str, object], **values: object) -> list[CostLine]:
    attributes.setdefault("environment_class", "mw1.small")
    _, worker, scheduler, _ = mwaa_environment.cost_lines(
        _environment(attributes), Usage(values=values)
    )
    return [worker, scheduler]


def test_without_usage_the_workers_and_schedulers_the_plan_states_beyond_the_included_count() -> (
    None
):
    worker, scheduler = _extras({"min_workers": 3, "schedulers": 4})
    assert (worker.quantity, worker.usage_key) == (Decimal(1460), None)  # 2 beyond the one
    assert worker.assumption is not None and worker.assumption[0] == "additional_workers"
    assert (scheduler.quantity, scheduler.assumption) == (Decimal(1460), None)  # 2 beyond 2
    worker, scheduler = _extras({"min_workers": 1, "schedulers": 2})
    assert (worker.quantity, worker.usage_key) == (None, "additional_workers")  # scales: usage
    assert scheduler.quantity == Decimal(0)
    # Airflow v1 includes (and accepts) one scheduler
    _, v1 = _extras({"schedulers": 2, "airflow_version": "1.10.12"})
    assert v1.quantity == Decimal(730)


def test_usage_overrides_the_floor_and_unset_counts_depend_on_usage() -> None:
    worker, scheduler = _extras(
        {"min_workers": 3, "schedulers": 4}, additional_workers=5, additional_schedulers=0
    )
    assert (worker.quantity, worker.usage_key) == (Decimal(3650), "additional_workers")
    assert (scheduler.quantity, scheduler.usage_key) == (Decimal(0), "additional_schedulers")
    assert [line.quantity for line in _extras({})] == [None, None]


def test_counts_written_unknown_or_hostile_are_unpriced_with_the_path() -> None:
    written = {"__unknown_inputs__": {"min_workers": "var.n", "schedulers": "var.s"}}
    for line, path in zip(_extras(written), ("min_workers", "schedulers"), strict=True):
        assert line.unknown_reason == f"{path} is unknown until apply" and line.quantity is None
    for bad in ("Infinity", "1e999999", -1, 0, 2.5):
        for line in _extras({"min_workers": bad, "schedulers": bad}, additional_workers=1):
            assert line.unknown_reason and line.quantity is None and not line.price_key
