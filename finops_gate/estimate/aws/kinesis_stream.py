"""aws_kinesis_stream: https://aws.amazon.com/kinesis/data-streams/pricing/.

- PROVISIONED (the default ``stream_mode_details[0].stream_mode``): ``shard_count`` x 730
  shard-hours, plus PUT payload units from usage ``monthly_provisioned_put_units``.
- ON_DEMAND: stream hours, plus data in / out from usage ``monthly_on_demand_data_in_gb`` /
  ``monthly_on_demand_data_out_gb`` (Infracost's keys).
Extended and long-term retention and enhanced fan-out are not estimated here.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import hourly, num, text, unknown_line, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
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
        ]
    shards = num(resource, "shard_count")
    if shards is None:
        return [unknown_line("Shard hours", "hours", "shard_count")]
    return [
        hourly("Shard hours (provisioned)", "kinesis.provisioned.shard", shards),
        usage_line(
            "PUT payload units",
            "units",
            "kinesis.provisioned.put_payload_units",
            usage,
            "monthly_provisioned_put_units",
        ),
    ]
