"""azurerm_mssql_database: https://azure.microsoft.com/pricing/details/azure-sql-database/single/.

Priced where the azure catalog holds the key, otherwise unpriced with the key named:

- DTU model (``Basic``, ``S0``-``S12``, ``P1``-``P15``): the SKU per hour; storage above what the
  SKU includes (2 GB Basic, 250 GB Standard, 500 GB P1-P6, 4 TB P11-P15) as extra data storage
  (``max_size_gb``, or usage ``extra_data_storage_gb``).
- vCore, provisioned (``GP_Gen5_4``, ``BC_Gen5_8``, ``HS_Gen5_2``, ``BC_M_8``...): the SKU per hour,
  a zone-redundant General Purpose database's extra per hour, Hyperscale ``read_replica_count``
  replicas per hour, the SQL Server licence per vCore-hour of the primary (its rate by service
  tier) unless ``license_type = "BasePrice"`` (Azure Hybrid Benefit), and ``max_size_gb`` of
  data storage (default 32 GB, the service's default for a vCore database, named so).
- vCore serverless (``GP_S_*``): vCore-hours from usage ``monthly_vcore_hours`` (zone redundancy
  likewise), storage as provisioned.
- Backups: long-term retention (usage ``long_term_retention_storage_gb``) and point-in-time
  backup storage (usage ``backup_storage_gb``) at the rate of ``storage_account_type`` (Geo, the
  default, is RA-GRS; Zone is ZRS; Local is LRS).
- A database in an elastic pool (``elastic_pool_id``) is billed on the pool.
"""

from __future__ import annotations

import re
from decimal import Decimal

from finops_gate.estimate.aws._common import get as aws_get
from finops_gate.estimate.aws._common import monthly_hours, usage_line
from finops_gate.estimate.azure._common import flag, num, text
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

DEFAULT_VCORE_GB = Decimal(32)
_DTU = re.compile(r"^(?:basic|s\d+|p\d+)$", re.IGNORECASE)
_VCORES = re.compile(r"_(\d+)$")
BACKUP_REDUNDANCY = {"geo": "ragrs", "geozone": "ragzrs", "zone": "zrs", "local": "lrs"}


def dtu_included_gb(sku: str) -> Decimal:
    sku = sku.lower()
    if sku == "basic":
        return Decimal(2)
    if sku.startswith("s"):
        return Decimal(250)
    return Decimal(4096) if int(sku[1:]) >= 11 else Decimal(500)


def storage_tier(sku: str) -> str:
    """``gp``, ``bc`` or ``hs``: the vCore service tier a SKU belongs to."""
    return sku.split("_", 1)[0].lower()


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if "elastic_pool_id" in resource.unknown or aws_get(resource, "elastic_pool_id"):
        return []  # billed on the elastic pool (one created with it: its id known after apply)
    sku = text(resource, "sku_name")
    if (sku or "").lower() == "elasticpool":
        return []
    if sku is None:
        why = "sku_name is not known from the code (set it, or price from a plan)"
        return [CostLine("Compute", "hours", "", None, unknown_reason=why)]
    hours = monthly_hours(usage)
    if _DTU.match(sku):
        lines = _dtu_lines(resource, usage, sku, hours)
    else:
        lines = _vcore_lines(resource, usage, sku, hours)
    return [*lines, *_backup_lines(resource, usage)]


def _dtu_lines(resource: Resource, usage: Usage, sku: str, hours: Decimal) -> list[CostLine]:
    lines = [CostLine(f"Compute ({sku})", "hours", f"mssql.{sku.lower()}", hours)]
    family = "standard" if sku.lower().startswith("s") else "premium"
    extra = usage.number("extra_data_storage_gb")
    if extra is None and (size := num(resource, "max_size_gb")) is not None:
        extra = max(Decimal(0), size - dtu_included_gb(sku))
    if extra and sku.lower() != "basic":
        key = f"mssql.extra_storage.{family}"
        lines.append(CostLine("Extra data storage", "GB", key, extra, "extra_data_storage_gb"))
    return lines


def _vcore_lines(resource: Resource, usage: Usage, sku: str, hours: Decimal) -> list[CostLine]:
    key = f"mssql.{sku.lower()}"
    zone = flag(resource, "zone_redundant")
    tier = storage_tier(sku)
    lines: list[CostLine] = []
    if "_s_" in sku.lower():  # serverless: billed per vCore-second used
        name = f"Compute (serverless, {sku})"
        lines.append(usage_line(name, "vCore-hours", key, usage, "monthly_vcore_hours"))
        if zone:
            name = f"Zone redundancy (serverless, {sku})"
            lines.append(
                usage_line(name, "vCore-hours", f"{key}.zone", usage, "monthly_vcore_hours")
            )
    else:
        lines.append(CostLine(f"Compute (provisioned, {sku})", "hours", key, hours))
        if zone and tier == "gp":
            name = f"Zone redundancy (provisioned, {sku})"
            lines.append(CostLine(name, "hours", f"{key}.zone", hours))
        replicas = num(resource, "read_replica_count") or Decimal(0)
        if tier == "hs" and replicas:
            name = f"Read replicas ({replicas})"
            lines.append(CostLine(name, "hours", f"{key}.replica", hours * replicas))
        vcores = _VCORES.search(sku)
        if (text(resource, "license_type") or "LicenseIncluded") != "BasePrice" and vcores:
            quantity = Decimal(vcores[1]) * hours
            key = f"mssql.license.{tier}"
            lines.append(CostLine("SQL license", "vCore-hours", key, quantity))
    size = num(resource, "max_size_gb")
    if size is not None and size == 0:  # 0 GB of data is no database (never a $0 line)
        why = "max_size_gb is 0: a database holds at least 1 GB; fix it"
        return [*lines, CostLine("Storage", "GB", "", None, unknown_reason=why)]
    name = "Storage" if size is not None else "Storage (max_size_gb not set: 32 GB default)"
    store = f"mssql.storage.{tier}{'.zone' if zone and tier == 'gp' else ''}"
    lines.append(CostLine(name, "GB", store, size if size is not None else DEFAULT_VCORE_GB))
    return lines


def _backup_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    red = BACKUP_REDUNDANCY.get((text(resource, "storage_account_type") or "Geo").lower())
    if red is None:
        why = f"backup storage type {text(resource, 'storage_account_type')!r} is not known"
        return [CostLine("Backup storage", "GB", "", None, unknown_reason=why)]
    label = {"ragrs": "RA-GRS", "ragzrs": "RA-GZRS", "zrs": "ZRS", "lrs": "LRS"}[red]
    return [
        usage_line(
            f"Long-term retention ({label})",
            "GB",
            f"mssql.ltr.{red}",
            usage,
            "long_term_retention_storage_gb",
        ),
        usage_line(
            f"PITR backup storage ({label})", "GB", f"mssql.pitr.{red}", usage, "backup_storage_gb"
        ),
    ]
