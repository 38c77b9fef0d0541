"""aws_cloudwatch_metric_alarm: https://aws.amazon.com/cloudwatch/pricing/ (alarms).

An alarm is billed per metric it evaluates: one for a plain alarm, one per ``metric_query`` that
reads a metric (expressions are free), three per metric for an anomaly-detection alarm (the
metric and the band's two bounds). A period under 60 seconds is high resolution.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import blocks, num, number
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

HIGH_RESOLUTION_BELOW = Decimal(60)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    queries = blocks(resource, "metric_query")
    periods: list[Decimal | None] = []
    anomaly = False
    for q in queries:
        expression = str(q.get("expression") or "")
        anomaly = anomaly or "ANOMALY_DETECTION_BAND" in expression
        metric = q.get("metric")
        metric = metric[0] if isinstance(metric, list) and metric else metric
        if isinstance(metric, dict):
            periods.append(number(metric.get("period"), "metric_query.metric.period"))
    if not queries:
        periods = [num(resource, "period")]
    high = any(p is not None and p < HIGH_RESOLUTION_BELOW for p in periods)
    metrics = Decimal(len(periods)) * (3 if anomaly else 1)
    label = "High resolution" if high else "Standard resolution"
    if anomaly:
        label += " anomaly detection"
    key = "cloudwatch.alarm.high_resolution" if high else "cloudwatch.alarm.standard"
    return [CostLine(label, "alarm metrics", key, metrics)]
