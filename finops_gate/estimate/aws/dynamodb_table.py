"""aws_dynamodb_table: https://aws.amazon.com/dynamodb/pricing/ (provisioned and on-demand).

- ``billing_mode = "PROVISIONED"`` (the default): ``write_capacity`` / ``read_capacity`` units x
  730 capacity-unit-hours (unknown until apply => unpriced). An ``aws_appautoscaling_target`` on
  the table's ``WriteCapacityUnits`` / ``ReadCapacityUnits`` (joined by the plan reader, by
  reference or by ``resource_id = "table/<name>"``) sets the capacity: its ``min_capacity``, the
  least the table is ever billed for, and the line says so.
- ``PAY_PER_REQUEST``: usage ``monthly_write_request_units`` / ``monthly_read_request_units``.
- Both: usage ``storage_gb``; with point-in-time recovery enabled ``pitr_backup_storage_gb``;
  ``on_demand_backup_storage_gb``, ``monthly_data_restored_gb``; with a stream
  ``monthly_streams_read_request_units``.
- Global-table replicas bill replicated writes in each replica's region, which a single-region
  lookup cannot price: a table with ``replica`` blocks is reported unpriced with that reason.
The reference data holds DynamoDB rates for us-east-2 (and replica rates for us-west-1) only.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import (
    blocks,
    get,
    num,
    scaled_capacity,
    unknown_line,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines: list[CostLine] = []
    if get(resource, "billing_mode") == "PAY_PER_REQUEST":
        lines.append(
            usage_line(
                "Write request unit (WRU)",
                "WRUs",
                "dynamodb.wru",
                usage,
                "monthly_write_request_units",
            )
        )
        lines.append(
            usage_line(
                "Read request unit (RRU)",
                "RRUs",
                "dynamodb.rru",
                usage,
                "monthly_read_request_units",
            )
        )
    else:
        for attr, label, key, unit, dimension in (
            ("write_capacity", "Write capacity unit (WCU)", "dynamodb.wcu", "WCU-hours", "Write"),
            ("read_capacity", "Read capacity unit (RCU)", "dynamodb.rcu", "RCU-hours", "Read"),
        ):
            units = num(resource, attr)
            scaled, given = scaled_capacity(
                resource, f"dynamodb:table:{dimension}CapacityUnits", usage
            )
            if scaled is not None:
                units = scaled
                label = label.replace(")", ", autoscaling)" if given else ", autoscaling minimum)")
            lines.append(
                unknown_line(label, unit, attr)
                if units is None
                else CostLine(label, unit, key, units * HOURS_PER_MONTH)
            )
    lines.append(usage_line("Data storage", "GB", "dynamodb.storage", usage, "storage_gb"))
    if get(resource, "point_in_time_recovery.0.enabled") is True:
        lines.append(
            usage_line(
                "Point-In-Time Recovery (PITR) backup storage",
                "GB",
                "dynamodb.pitr_storage",
                usage,
                "pitr_backup_storage_gb",
            )
        )
    for label, key, ukey in (
        ("On-demand backup storage", "dynamodb.backup_storage", "on_demand_backup_storage_gb"),
        ("Table data restored", "dynamodb.restore", "monthly_data_restored_gb"),
    ):
        if usage.number(ukey) is not None:
            lines.append(usage_line(label, "GB", key, usage, ukey))
    if get(resource, "stream_enabled") is True:
        lines.append(
            usage_line(
                "Streams read request unit (sRRU)",
                "sRRUs",
                "dynamodb.streams_rru",
                usage,
                "monthly_streams_read_request_units",
            )
        )
    for replica in blocks(resource, "replica"):
        region = replica.get("region_name") or "a region known after apply"
        lines.append(
            unpriceable(
                f"Global table ({region}) / Replicated writes",
                "rWCU-hours",
                "replica regions are billed separately; not priced yet",
            )
        )
    return lines
