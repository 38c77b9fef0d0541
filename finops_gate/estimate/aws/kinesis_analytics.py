"""Amazon Managed Service for Apache Flink (formerly Kinesis Data Analytics):
https://aws.amazon.com/managed-service-apache-flink/pricing/.

- Stream processing: KPU-hours, the KPUs the application runs on x 730 (usage
  ``kinesis_processing_units``, Infracost's key: KPUs held all month). Without usage a Flink
  application whose ``parallelism_configuration`` is CUSTOM with auto scaling off runs on
  ceil(parallelism / parallelism_per_kpu) KPUs; otherwise (auto scaling, the default) the line
  depends on usage.
- A Flink application (``aws_kinesisanalyticsv2_application`` with a ``FLINK-*`` runtime) pays
  one more KPU for orchestration, 50 GB of running application storage per KPU it processes on
  (per GB-month), and its durable backups (snapshots) per GB-month. An application is priced
  as running (``start_application`` does not stop it from being started later).
- Each backup is counted once, by its owner (usage ``durable_application_backup_gb`` on both,
  as in Infracost): an ``aws_kinesisanalyticsv2_application_snapshot`` owns the snapshot it
  creates (its usage: that snapshot's GB); the application's Backup line owns the rest, the
  snapshots that are no resource of the plan (those the service takes when the application
  stops or updates). Its usage must leave out the snapshot resources' GB: when the plan joins
  such resources to the application (``application_name``), its line's name says how many.
- SQL applications (``aws_kinesis_analytics_application``, and ``SQL-1_0`` in v2): KPU-hours
  at the same rate. AWS discontinued them: no new one from 2025-10-15, none runs from
  2026-01-27. On a price date from then on such an application is unpriced with that reason
  (it cannot be created, and it is not free).
- Studio notebooks (``ZEPPELIN-FLINK-*``) are not priced yet (their lines say so, never $0).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal

from finops_gate.estimate.aws._common import (
    always_on,
    get,
    is_off,
    is_unknown,
    not_a_count,
    num,
    related_list,
    text,
    unknown_in_code,
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
    given = usage.number(KPUS)
    fixed = _fixed_kpus(resource, given=given is not None)
    if isinstance(fixed, CostLine):  # a hostile parallelism is unpriced, whatever usage says
        return [fixed, _orchestration(), _backup(usage, len(related_list(resource, "snapshots")))]
    kpus, how = (given, "") if given is not None or fixed is None else fixed
    return [
        always_on(
            f"{STREAM}{how}", KPU_UNIT, KPU_KEY, usage, KPUS, None if fixed is None else fixed[0]
        ),
        _orchestration(),
        CostLine(
            f"Running storage ({STORAGE_PER_KPU} GB per KPU)",
            "GB",
            "kinesisanalytics.running_storage",
            None if kpus is None else kpus * STORAGE_PER_KPU,
            usage_key=KPUS if how == "" else None,
        ),
        _backup(usage, len(related_list(resource, "snapshots"))),
    ]


def snapshot_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    """aws_kinesisanalyticsv2_application_snapshot: its durable backup."""
    del resource  # its size is usage
    return [_backup(usage)]


def _sql(usage: Usage) -> list[CostLine]:
    usage.number(KPUS)  # read either way: the key is the right one, not an ignored one
    if usage.on is None or usage.on >= SQL_ENDS:
        return [unpriceable(STREAM, KPU_UNIT, SQL_GONE)]
    return [always_on(STREAM, KPU_UNIT, KPU_KEY, usage, KPUS)]


def _orchestration() -> CostLine:
    return CostLine("Processing (orchestration)", KPU_UNIT, KPU_KEY, HOURS_PER_MONTH)


def _backup(usage: Usage, snapshots: int = 0) -> CostLine:
    """The durable backups' GB-months; ``snapshots``: the application's snapshot resources in
    the plan, which price their own GB (see the module's docstring)."""
    name = "Backup"
    if snapshots:
        name = f"Backup (other than its {snapshots} snapshot resource{'s' * (snapshots > 1)})"
    return CostLine(name, "GB", "kinesisanalytics.backup", usage.number(BACKUP), usage_key=BACKUP)


def _fixed_kpus(resource: Resource, *, given: bool) -> tuple[Decimal, str] | CostLine | None:
    """The KPUs a CUSTOM parallelism with auto scaling off fixes, and how the line names them;
    None when the KPUs are usage's (auto scaling, the default); the unpriced line when the
    parallelism is no count (AWS takes whole numbers of at least 1 for both), or, unless usage
    ``given`` the KPUs, when the code writes it with a value known only after apply."""
    custom = text(resource, f"{_PARALLELISM}.configuration_type") == "CUSTOM"
    if not custom or is_unknown(resource, _PARALLELISM):
        return None
    if not is_off(
        get(resource, f"{_PARALLELISM}.auto_scaling_enabled"),
        f"{_PARALLELISM}.auto_scaling_enabled",
    ):
        return None
    parallelism = num(resource, f"{_PARALLELISM}.parallelism")
    per_kpu = num(resource, f"{_PARALLELISM}.parallelism_per_kpu")
    for path, value in (("parallelism", parallelism), ("parallelism_per_kpu", per_kpu)):
        if not given and value is None and unknown_in_code(resource, f"{_PARALLELISM}.{path}"):
            return unknown_line(STREAM, KPU_UNIT, f"{_PARALLELISM}.{path}")
    if parallelism is None:
        return None
    per_kpu = Decimal(1) if per_kpu is None else per_kpu  # AWS's default when unset
    for path, value in (("parallelism", parallelism), ("parallelism_per_kpu", per_kpu)):
        why = not_a_count(f"{_PARALLELISM}.{path}", value)
        if why is not None:
            return unpriceable(STREAM, KPU_UNIT, why)
    try:
        kpus = (parallelism / per_kpu).to_integral_value(rounding=ROUND_CEILING)
    except ArithmeticError:  # (both are bounded above: a guard, not a path)
        return unpriceable(STREAM, KPU_UNIT, "the parallelism gives no count of KPUs; fix it")
    return kpus, f" (parallelism {parallelism}, {per_kpu} per KPU)"
