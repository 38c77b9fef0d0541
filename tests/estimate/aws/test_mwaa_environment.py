"""aws_mwaa_environment: the class's hourly rates, extra workers and schedulers from usage."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import mwaa_environment
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource
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
    for value in ("m5.large", ["mw1.small"], "mw1.x/y"):
        (line,) = mwaa_environment.cost_lines(_environment({"environment_class": value}), Usage())
        assert line.unknown_reason and line.quantity is None


def test_the_fixture_prices_the_golden_environment_with_usage() -> None:
    side = price(KIND, f"{KIND}.large_with_usage")
    assert side.monthly == Decimal("1706.00")  # 722.70 + 401.50 + 481.80 + 100 (1,000 GB)
