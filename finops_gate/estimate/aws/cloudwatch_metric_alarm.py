"""aws_cloudwatch_metric_alarm: https://aws.amazon.com/cloudwatch/pricing/ (alarms).

An alarm is billed per metric it evaluates: one for a plain alarm, one per ``metric_query`` that
reads a metric (expressions are free), three per metric for an anomaly-detection alarm (the
metric and the band's two bounds). A period under 60 seconds is high resolution. A period, or
the metric queries, written with a value known only after apply leave the alarm unpriced, naming
them: a high-resolution alarm costs three times a standard one. Metric queries that read no
metric (a Metrics Insights ``SELECT``, billed per metric it analyses) are unpriced, never $0.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    blocks,
    is_unknown,
    num,
    number,
    unknown_in_code,
    unknown_line,
    unpriceable,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

HIGH_RESOLUTION_BELOW = Decimal(60)
NAME, UNIT = "Alarm metrics", "alarm metrics"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if is_unknown(resource, "metric_query") or unknown_in_code(resource, "metric_query"):
        return [unknown_line(NAME, UNIT, "metric_query")]
    queries = blocks(resource, "metric_query")
    periods: list[Decimal | None] = []
    anomaly = False
    for i, q in enumerate(queries):
        expression = str(q.get("expression") or "")
        anomaly = anomaly or "ANOMALY_DETECTION_BAND" in expression
        metric = q.get("metric")
        metric = metric[0] if isinstance(metric, list) and metric else metric
        path = f"metric_query.{i}.metric.0.period"
        if isinstance(metric, dict):
            period = number(metric.get("period"), "metric_query.metric.period")
            if period is None and (is_unknown(resource, path) or unknown_in_code(resource, path)):
                return [unknown_line(NAME, UNIT, path)]
            periods.append(period)
        elif is_unknown(resource, f"metric_query.{i}.metric"):
            return [unknown_line(NAME, UNIT, f"metric_query.{i}.metric")]
    if queries and not periods:
        # only expressions: a Metrics Insights query (SELECT ...) is billed per metric it
        # analyses, a count the plan does not hold; never the $0 of "no metric read"
        why = "the alarm reads no metric directly; "
        why += "a Metrics Insights query alarm is billed per metric the query analyses"
        return [unpriceable(NAME, UNIT, why)]
    if not queries:
        period = num(resource, "period")
        if period is None and (
            is_unknown(resource, "period") or unknown_in_code(resource, "period")
        ):
            return [unknown_line(NAME, UNIT, "period")]
        periods = [period]
    high = any(p is not None and p < HIGH_RESOLUTION_BELOW for p in periods)
    metrics = Decimal(len(periods)) * (3 if anomaly else 1)
    label = "High resolution" if high else "Standard resolution"
    if anomaly:
        label += " anomaly detection"
    key = "cloudwatch.alarm.high_resolution" if high else "cloudwatch.alarm.standard"
    return [CostLine(label, UNIT, key, metrics)]
