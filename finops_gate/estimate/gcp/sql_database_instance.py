"""google_sql_database_instance: https://cloud.google.com/sql/pricing.

- Instance: shared-core tiers (db-f1-micro, db-g1-small) and legacy db-n1-* tiers per hour;
  ``db-custom-<vCPUs>-<MB>`` and the predefined ``db-lightweight-N`` (3.75 GB), ``db-standard-N``
  (3.75 GB per vCPU) and ``db-highmem-N`` (6.5 GB per vCPU) per vCPU-hour and GB-hour; zonal
  or ``availability_type = "REGIONAL"`` (high availability, twice the rate).
- Storage: ``disk_size`` GB (default 10) of ``disk_type`` (PD_SSD default, PD_HDD; any other
  type, such as HYPERDISK_BALANCED, at its own key: unpriced where no catalog holds it, never
  at the SSD rate).
- Backups: usage ``backup_storage_gb`` (Infracost's name; ``monthly_backup_storage_gb`` is read
  too, the first given wins).
Only SQL Server / Oracle-free engines: a SQL Server licence is not in the catalog (unpriced).
"""

from __future__ import annotations

import re
from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours, usage_line
from finops_gate.estimate.gcp._common import num, text, unknown_lines, written_unknown
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

_CUSTOM = re.compile(r"^db-custom-(?P<cpu>\d+)-(?P<mb>\d+)$")
# Enterprise edition predefined machine types (https://cloud.google.com/sql/docs/mysql/instance-
# settings#machine-type-2ndgen): billed like a custom type by vCPU and memory; GB per type
_PREDEFINED = re.compile(r"^db-(?P<series>lightweight|standard|highmem)-(?P<cpu>\d+)$")
# memory: a fixed GB (lightweight) or GB per vCPU
_PREDEFINED_GB: dict[str, tuple[Decimal, bool]] = {
    "lightweight": (Decimal("3.75"), False),
    "standard": (Decimal("3.75"), True),
    "highmem": (Decimal("6.5"), True),
}


STORAGE_TYPES = {"PD_SSD": "ssd", "PD_HDD": "hdd"}


def _shape(tier: str) -> tuple[Decimal, Decimal] | None:
    """(vCPUs, GB of memory) of a custom or predefined Enterprise tier, else None."""
    if custom := _CUSTOM.match(tier):
        return Decimal(custom["cpu"]), Decimal(custom["mb"]) / Decimal(1024)
    if predefined := _PREDEFINED.match(tier):
        cpus = Decimal(predefined["cpu"])
        gb, per_vcpu = _PREDEFINED_GB[predefined["series"]]
        return cpus, gb * cpus if per_vcpu else gb
    return None


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    tier = text(resource, "settings.0.tier")
    if tier is None:
        return [
            CostLine(
                "SQL instance", "hours", "", None, unknown_reason="settings.0.tier is not known"
            )
        ]
    found = written_unknown(
        resource,
        "database_version",
        "settings.0.availability_type",
        "settings.0.edition",
        "settings.0.disk_type",
        "settings.0.disk_size",
    )
    if found is not None:  # never the default (zonal, PD_SSD, 10 GB) for a value not known
        return unknown_lines(f"SQL instance ({tier})", "hours", found, "the instance's price")
    avail = "regional" if text(resource, "settings.0.availability_type") == "REGIONAL" else "zonal"
    hours = monthly_hours(usage)
    version = (text(resource, "database_version") or "").upper()
    lines: list[CostLine] = []
    shape = _shape(tier)
    if shape is not None:
        vcpus, gb = shape
        lines.append(
            CostLine(f"vCPUs ({vcpus}, {avail})", "vCPU-hours", f"sql.vcpu.{avail}", vcpus * hours)
        )
        lines.append(
            CostLine(
                f"Memory ({gb.normalize()} GB, {avail})",
                "GB-hours",
                f"sql.memory.{avail}",
                gb * hours,
            )
        )
    else:
        lines.append(
            CostLine(f"SQL instance ({tier}, {avail})", "hours", f"sql.{tier}.{avail}", hours)
        )
    if version.startswith("SQLSERVER"):
        lines.append(
            CostLine(
                "SQL Server licence",
                "hours",
                "",
                None,
                unknown_reason="SQL Server licence prices are not in the gcp catalog",
            )
        )
    raw = (text(resource, "settings.0.disk_type") or "PD_SSD").upper()
    dtype = STORAGE_TYPES.get(raw, raw.lower())
    size = num(resource, "settings.0.disk_size") or Decimal(10)
    lines.append(
        CostLine(f"Storage ({dtype.upper()}, {avail})", "GB", f"sql.storage.{dtype}.{avail}", size)
    )
    backups = next(
        (
            k
            for k in ("backup_storage_gb", "monthly_backup_storage_gb")
            if usage.number(k) is not None
        ),
        "backup_storage_gb",
    )
    lines.append(usage_line("Backups", "GB", "sql.backup", usage, backups))
    return lines
