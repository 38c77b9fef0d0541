"""aws_cloudwatch_metric_alarm: alarm metrics by resolution; what the plan does not tell."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import cloudwatch_metric_alarm
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _alarm(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    kind = "aws_cloudwatch_metric_alarm"
    return Resource(f"{kind}.a", "terraform", kind, "aws", "us-east-1", attributes, unknown)


def _metric(period: object) -> dict[str, object]:
    return {"metric": [{"metric_name": "Errors", "namespace": "AWS/Lambda", "period": period}]}


def test_a_period_written_with_a_value_not_known_is_unpriced_not_standard() -> None:
    for alarm in (
        _alarm({"period": None}, frozenset({"period"})),
        _alarm({"period": None, "__unknown_inputs__": {"period": "var.p"}}),
    ):
        lines = cloudwatch_metric_alarm.cost_lines(alarm, Usage())
        assert [x.unknown_reason for x in lines] == ["period is unknown until apply"]


def test_a_metric_query_period_not_known_is_unpriced_naming_it() -> None:
    alarm = _alarm(
        {"metric_query": [{"id": "m1", **_metric(None)}]},
        frozenset({"metric_query.0.metric.0.period"}),
    )
    lines = cloudwatch_metric_alarm.cost_lines(alarm, Usage())
    assert lines[0].unknown_reason == "metric_query.0.metric.0.period is unknown until apply"


def test_metric_queries_known_only_after_apply_are_unpriced_not_zero_metrics() -> None:
    alarm = _alarm(
        {"metric_query": [{"id": "e1", "expression": "SUM(METRICS())"}]},
        frozenset(),
    )
    coded = _alarm({**alarm.attributes, "__unknown_inputs__": {"metric_query": "var.ids"}})
    lines = cloudwatch_metric_alarm.cost_lines(coded, Usage())
    assert lines[0].unknown_reason == "metric_query is unknown until apply"


def test_an_alarm_that_reads_no_metric_directly_is_unpriced_never_zero() -> None:
    select = 'SELECT AVG(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId)'
    alarm = _alarm({"metric_query": [{"id": "q1", "expression": select, "period": 60}]})
    (line,) = cloudwatch_metric_alarm.cost_lines(alarm, Usage())
    assert line.quantity is None and "Metrics Insights" in (line.unknown_reason or "")


def test_metric_math_counts_each_metric_and_a_short_period_is_high_resolution() -> None:
    queries = [{"id": "e1", "expression": "m1+m2"}, {"id": "m1", **_metric(60)}]
    queries.append({"id": "m2", **_metric(10)})
    (line,) = cloudwatch_metric_alarm.cost_lines(_alarm({"metric_query": queries}), Usage())
    assert (line.price_key, line.quantity) == ("cloudwatch.alarm.high_resolution", Decimal(2))
