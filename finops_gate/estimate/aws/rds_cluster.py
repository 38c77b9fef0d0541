"""aws_rds_cluster: https://aws.amazon.com/rds/aurora/pricing/ (storage, I/O, Serverless v1).

Instances are separate resources (aws_rds_cluster_instance). The cluster adds:
- Aurora Serverless v1 (``engine_mode = "serverless"``): ACU-hours from usage
  ``capacity_units_per_hr`` x 730.
- Storage per GB-month from usage ``storage_gb``; ``storage_type = "aurora-iopt1"`` is the
  I/O-optimized rate with no I/O charge, otherwise I/O requests from usage
  ``write_requests_per_sec`` + ``read_requests_per_sec`` (x 730 h x 3,600 s).
- Backup storage beyond the free copy: usage ``backup_snapshot_size_gb`` x
  (``backup_retention_period`` - 1) days' snapshots.
- Backtrack (Aurora MySQL): change records from usage ``average_statements_per_hr`` x
  ``change_records_per_statement`` x ``backtrack_window_hrs`` (else the cluster's
  ``backtrack_window``) x 730 hours; a cluster with ``backtrack_window`` set always has the line.
- Snapshot export from usage ``snapshot_export_size_gb``.
Backup, backtrack and snapshot export are billed on Aurora Standard and I/O-Optimized alike.
An ``engine`` that is not Aurora (``mysql``, ``postgres``) makes a Multi-AZ DB cluster: three
instances of ``db_cluster_instance_class`` with their own storage, none of it in the catalog, so
unpriced with that reason, never priced as Aurora storage.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    MILLION,
    num,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.aws.extended_support import database_insights_lines
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    engine = text(resource, "engine") or "aurora"
    if not engine.startswith("aurora"):
        klass = text(resource, "db_cluster_instance_class") or "its db_cluster_instance_class"
        why = (
            f"engine {engine[:40]!r} makes a Multi-AZ DB cluster (a writer and two readable"
            f" standbys of {klass[:40]}, with their storage): its rates are not in the catalog"
        )
        return [unpriceable("Multi-AZ DB cluster", "hours", why)]
    if unknown_setting(resource, "engine_mode"):
        return [unknown_line("Aurora cluster", "hours", "engine_mode")]
    mode = text(resource, "engine_mode") or "provisioned"
    # the one helper aws_db_instance uses: a cluster in Advanced mode bills each instance
    lines: list[CostLine] = database_insights_lines(resource, None)
    if mode == "serverless":
        acu = usage.number("capacity_units_per_hr")
        lines.append(
            CostLine(
                "Aurora serverless",
                "ACU-hours",
                f"rds.{engine}.serverless_v1",
                None if acu is None else acu * HOURS_PER_MONTH,
                usage_key="capacity_units_per_hr",
            )
        )
    stype = text(resource, "storage_type")
    if stype is None and unknown_setting(resource, "storage_type", computed=True):
        # Standard and I/O-Optimized storage differ in rate and in whether I/O is billed
        return [*lines, unknown_line("Storage", "GB", "storage_type")]
    if stype == "aurora-iopt1":
        lines.append(
            usage_line(
                "Storage (I/O-optimized)",
                "GB",
                "rds.aurora.storage_io_optimized",
                usage,
                "storage_gb",
            )
        )
        return [*lines, *_usage_extras(resource, usage, engine)]
    if stype not in (None, "", "aurora"):
        return [
            *lines,
            unknown_line(
                f"Storage ({stype})", "GB", "storage_type", " or not an Aurora storage type"
            ),
        ]
    lines.append(usage_line("Storage", "GB", "rds.aurora.storage", usage, "storage_gb"))
    lines.extend(_usage_extras(resource, usage, engine))
    writes = usage.number("write_requests_per_sec")
    reads = usage.number("read_requests_per_sec")
    per_sec = (
        None if writes is None and reads is None else (writes or Decimal(0)) + (reads or Decimal(0))
    )
    lines.append(
        CostLine(
            "I/O requests",
            "1M requests",
            "rds.aurora.io_requests",
            None if per_sec is None else per_sec * SECONDS_PER_MONTH / MILLION,
            usage_key="write_requests_per_sec",
        )
    )
    return lines


def _usage_extras(resource: Resource, usage: Usage, engine: str) -> list[CostLine]:
    out: list[CostLine] = []
    snapshot = usage.number("backup_snapshot_size_gb")
    # AWS keeps 1 day of backups when backup_retention_period is left unset (a plan shows it
    # unknown then: the provider computes it); a value the code does not tell is unknown
    days = num(resource, "backup_retention_period")
    if days is None and unknown_setting(resource, "backup_retention_period", computed=True):
        out.append(unknown_line("Backup storage", "GB", "backup_retention_period"))
    elif snapshot is not None or (days is not None and days > 1):
        # retained days beyond the free one bill backups: a line, depending on usage if not given
        out.append(
            CostLine(
                "Backup storage",
                "GB",
                "rds.aurora.backup_storage",
                None if snapshot is None else snapshot * max((days or Decimal(1)) - 1, Decimal(0)),
                usage_key="backup_snapshot_size_gb",
            )
        )
    statements = usage.number("average_statements_per_hr")
    # backtrack_window (seconds) on the cluster turns Backtrack on: billed, so a line that
    # depends on usage when none is given (it was left out), its window the usage's or this one
    seconds = num(resource, "backtrack_window")
    enabled = seconds is not None and seconds > 0
    if engine in ("aurora", "aurora-mysql") and (statements is not None or enabled):
        per = usage.number("change_records_per_statement")
        window = usage.number("backtrack_window_hrs")
        if window is None and seconds is not None and enabled:
            window = seconds / 3600
        records = (
            None
            if statements is None or per is None or window is None
            else statements * per * window * HOURS_PER_MONTH / MILLION
        )
        out.append(
            CostLine(
                "Backtrack",
                "1M change-records",
                "rds.aurora.backtrack",
                records,
                usage_key="average_statements_per_hr",
            )
        )
    if usage.number("snapshot_export_size_gb") is not None:
        out.append(
            usage_line(
                "Snapshot export",
                "GB",
                "rds.aurora.snapshot_export",
                usage,
                "snapshot_export_size_gb",
            )
        )
    return out
