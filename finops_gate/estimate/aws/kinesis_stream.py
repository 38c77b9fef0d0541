"""aws_kinesis_stream: https://aws.amazon.com/kinesis/data-streams/pricing/.

- PROVISIONED (the default ``stream_mode_details[0].stream_mode``): ``shard_count`` x 730
  shard-hours, plus PUT payload units from usage ``monthly_provisioned_put_units``. A
  ``retention_period`` over 24 hours bills extended retention per shard-hour (the price list's
  ``Extended-ShardHour``: "Extended data retention (up to 7 days), per shard hour"), set by the
  stream and not by usage: Infracost's ``monthly_provisioned_extended_retention_gb`` is not read
  (a provisioned stream is not billed per GB retained up to 7 days).
- ON_DEMAND: stream hours, plus data in / out from usage ``monthly_on_demand_data_in_gb`` /
  ``monthly_on_demand_data_out_gb`` (Infracost's keys).
- Either mode: extended retention (24 h to 7 days), long-term retention (over 7 days) and its
  retrieval, and enhanced fan-out (data out; consumer-shard hours on provisioned streams) from
  Infracost's ``monthly_<mode>_extended_retention_gb``, ``..._long_term_retention_gb``,
  ``..._long_term_retrieval_gb``, ``..._efo_data_out_gb`` and ``..._efo_consumer_hours``.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import (
    hourly,
    is_unknown,
    not_a_count,
    num,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

DEFAULT_RETENTION_HOURS = 24  # what every stream keeps at no extra charge

# (label, unit, item) -> key kinesis.<mode>.<item>, usage monthly_<mode>_<usage item>
EXTRAS = (
    ("Extended retention (24H to 7D)", "GB", "extended_retention", "extended_retention_gb"),
    ("Long term retention (7D+)", "GB", "long_term_retention", "long_term_retention_gb"),
    ("Long term retrieval (7D+)", "GB", "long_term_retrieval", "long_term_retrieval_gb"),
    ("Enhanced fan-out data retrieval", "GB", "efo_data_out", "efo_data_out_gb"),
    ("Enhanced fan-out", "consumer-shard hour", "efo_consumer_shard", "efo_consumer_hours"),
)


def _extras(mode: str, usage: Usage) -> list[CostLine]:
    out = []
    for label, unit, item, key in EXTRAS:
        if mode == "provisioned" and item == "extended_retention":
            continue  # per shard-hour from retention_period (see the module docstring)
        usage_key = f"monthly_{mode}_{key}"
        if usage.number(usage_key) is not None:
            out.append(usage_line(label, unit, f"kinesis.{mode}.{item}", usage, usage_key))
    return out


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "stream_mode_details.0.stream_mode"):
        return [unknown_line("Stream", "hours", "stream_mode_details.0.stream_mode")]
    mode = text(resource, "stream_mode_details.0.stream_mode") or "PROVISIONED"
    if mode == "ON_DEMAND":
        return [
            hourly("Stream (on-demand)", "kinesis.on_demand.stream"),
            usage_line(
                "Data ingested",
                "GB",
                "kinesis.on_demand.data_in",
                usage,
                "monthly_on_demand_data_in_gb",
            ),
            usage_line(
                "Data retrieval",
                "GB",
                "kinesis.on_demand.data_out",
                usage,
                "monthly_on_demand_data_out_gb",
            ),
            *_extras("on_demand", usage),
        ]
    shards = num(resource, "shard_count")
    if shards is None and not unknown_setting(resource, "shard_count", computed=True):
        # AWS needs a shard count for a provisioned stream: nothing to price without one
        why = "shard_count is not set: a provisioned stream needs one"
        return [unpriceable("Shard hours", "hours", why)]
    if shards is None:
        return [unknown_line("Shard hours", "hours", "shard_count")]
    wrong = not_a_count("shard_count", shards)
    if wrong:
        return [unpriceable("Shard hours", "hours", wrong)]
    lines = [
        hourly("Shard hours (provisioned)", "kinesis.provisioned.shard", shards),
        usage_line(
            "PUT payload units",
            "units",
            "kinesis.provisioned.put_payload_units",
            usage,
            "monthly_provisioned_put_units",
        ),
    ]
    retention = num(resource, "retention_period")
    if retention is None and is_unknown(resource, "retention_period"):
        lines.append(
            unknown_line("Extended retention (24H to 7D)", "shard-hours", "retention_period")
        )
    elif retention is not None and retention > DEFAULT_RETENTION_HOURS:
        lines.append(
            CostLine(
                f"Extended retention (24H to 7D; {retention} h retention)",
                "shard-hours",
                "kinesis.provisioned.extended_retention",
                shards * HOURS_PER_MONTH,
            )
        )
    return [*lines, *_extras("provisioned", usage)]
