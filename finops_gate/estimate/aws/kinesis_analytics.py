"""Amazon Managed Service for Apache Flink (formerly Kinesis Data Analytics):
https://aws.amazon.com/managed-service-apache-flink/pricing/.

- Stream processing: KPU-hours, the KPUs the application runs on x 730 (usage
  ``kinesis_processing_units``, Infracost's key: KPUs held all month). Without usage a Flink
  application whose ``parallelism_configuration`` is CUSTOM with auto scaling off runs on
  ceil(parallelism / parallelism_per_kpu) KPUs; otherwise (auto scaling, the default) the line
  depends on usage.
- A Flink application (``aws_kinesisanalyticsv2_application`` with a ``FLINK-*`` runtime) pays
  one more KPU for orchestration, 50 GB of running application storage per KPU it processes on
  (per GB-month), and its durable backups (snapshots) per GB-month (usage
  ``durable_application_backup_gb``). ``aws_kinesisanalyticsv2_application_snapshot``: the
  backups of one snapshot, the same usage key. An application is priced as running
  (``start_application`` does not stop it from being started later).
- SQL applications (``aws_kinesis_analytics_application``, and ``SQL-1_0`` in v2): KPU-hours
  at the same rate. AWS discontinued them: no new one from 2025-10-15, none runs from
  2026-01-27. On a price date from then on such an application is unpriced with that reason
  (it cannot be created, and it is not free).
- Studio notebooks (``ZEPPELIN-FLINK-*``) are not priced yet (their lines say so, never $0).
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

from finops_gate.estimate.aws._common import (
    get,
    is_unknown,
    num,
    text,
    unknown_line,
    unpriceable,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

KPU_UNIT = "KPU-hours"
KPU_KEY = "kinesisanalytics.kpu"
STREAM = "Processing (stream)"
KPUS = "kinesis_processing_units"
BACKUP = "durable_application_backup_gb"
STORAGE_PER_KPU = Decimal(50)  # GB of running application storage with each KPU
SQL_ENDS = date(2026, 1, 27)  # AWS deletes SQL applications from this day
SQL_GONE = (
    "AWS discontinued Kinesis Data Analytics for SQL applications (none can be created since "
    "2025-10-15, none runs from 2026-01-27); move it to Managed Service for Apache Flink"
)
_PARALLELISM = (
    "application_configuration.0.flink_application_configuration.0.parallelism_configuration.0"
)


def sql_application_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    """aws_kinesis_analytics_application: a SQL application."""
    del resource  # its KPUs are usage
    return _sql(usage)


def application_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    """aws_kinesisanalyticsv2_application: Flink (or a SQL) application."""
    runtime = text(resource, "runtime_environment")
    if runtime is None and is_unknown(resource, "runtime_environment"):
        return [unknown_line(STREAM, KPU_UNIT, "runtime_environment")]
    if runtime is None:
        return [unpriceable(STREAM, KPU_UNIT, "runtime_environment is not set")]
    upper = runtime.upper()
    if upper.startswith("SQL"):
        return _sql(usage)
    if not upper.startswith("FLINK"):
        why = f"runtime {runtime[:40]} is not priced yet (Studio notebooks bill more KPUs)"
        return [unpriceable(STREAM, KPU_UNIT, why)]
    kpus, how = _kpus(resource, usage)
    return [
        _kpu_line(f"{STREAM}{how}", kpus, KPUS if how == "" else None),
        CostLine("Processing (orchestration)", KPU_UNIT, KPU_KEY, HOURS_PER_MONTH),
        CostLine(
            f"Running storage ({STORAGE_PER_KPU} GB per KPU)",
            "GB",
            "kinesisanalytics.running_storage",
            None if kpus is None else kpus * STORAGE_PER_KPU,
            usage_key=KPUS if how == "" else None,
        ),
        _backup(usage),
    ]


def snapshot_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    """aws_kinesisanalyticsv2_application_snapshot: its durable backup."""
    del resource  # its size is usage
    return [_backup(usage)]


def _sql(usage: Usage) -> list[CostLine]:
    kpus = usage.number(KPUS)  # read either way: the key is the right one, not an ignored one
    if usage.on is None or usage.on >= SQL_ENDS:
        return [unpriceable(STREAM, KPU_UNIT, SQL_GONE)]
    return [_kpu_line(STREAM, kpus, KPUS)]


def _kpu_line(name: str, kpus: Decimal | None, usage_key: str | None) -> CostLine:
    hours = None if kpus is None else kpus * HOURS_PER_MONTH
    return CostLine(name, KPU_UNIT, KPU_KEY, hours, usage_key=usage_key)


def _backup(usage: Usage) -> CostLine:
    return CostLine(
        "Backup", "GB", "kinesisanalytics.backup", usage.number(BACKUP), usage_key=BACKUP
    )


def _kpus(resource: Resource, usage: Usage) -> tuple[Decimal | None, str]:
    """The KPUs the application processes on, and how the line names where they came from:
    usage first, else a fixed CUSTOM parallelism, else None (depends on usage)."""
    given = usage.number(KPUS)
    if given is not None:
        return given, ""
    custom = text(resource, f"{_PARALLELISM}.configuration_type") == "CUSTOM"
    if not custom or is_unknown(resource, _PARALLELISM):
        return None, ""
    if get(resource, f"{_PARALLELISM}.auto_scaling_enabled") is not False:
        return None, ""
    parallelism = num(resource, f"{_PARALLELISM}.parallelism")
    per_kpu = num(resource, f"{_PARALLELISM}.parallelism_per_kpu") or Decimal(1)
    if parallelism is None or parallelism <= 0 or per_kpu <= 0:
        return None, ""
    kpus = Decimal(math.ceil(parallelism / per_kpu))
    return kpus, f" (parallelism {parallelism}, {per_kpu} per KPU)"
