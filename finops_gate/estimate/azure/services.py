"""azurerm_storage_account, azurerm_service_plan / azurerm_app_service_plan,
azurerm_postgresql_flexible_server:
https://azure.microsoft.com/pricing/details/storage/blobs/,
https://azure.microsoft.com/pricing/details/app-service/ and
https://azure.microsoft.com/pricing/details/postgresql/flexible-server/ (SQL databases:
mssql_database.py).

Priced where the azure catalog holds the key, otherwise unpriced with the key named:
- Storage account: capacity per GB-month (usage ``storage_gb``) by ``account_kind``,
  ``account_tier``, ``account_replication_type`` and ``access_tier`` (Hot by default); the
  first volume tier's rate (volume discounts above 50 TB and operations are not modelled).
- Service plan: ``worker_count`` (default 1) x hours of ``sku_name`` for the plan's ``os_type``
  (the legacy app service plan: ``sku.0.size`` x ``sku.0.capacity``, ``kind`` Linux or Windows).
- PostgreSQL flexible server: ``sku_name`` per hour (twice with zone-redundant or same-zone high
  availability: the standby), ``storage_mb`` as GB-months, backup storage above the free amount
  (usage ``additional_backup_storage_gb``).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours, usage_line
from finops_gate.estimate.azure._common import num, text
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def storage_key(resource: Resource) -> tuple[str, str]:
    """(catalog key, line name) of a storage account's capacity: by ``account_kind`` (StorageV2
    by default; general-purpose v1, BlobStorage, BlockBlobStorage and FileStorage bill their own
    rates), ``account_tier``, ``account_replication_type`` and ``access_tier`` (Hot by default;
    premium accounts have none). Shared with the catalog build, so keys cannot drift."""
    kind = (text(resource, "account_kind") or "StorageV2").lower()
    tier = (text(resource, "account_tier") or "Standard").lower()
    red = (text(resource, "account_replication_type") or "LRS").lower().replace("-", "")
    access = "premium" if tier == "premium" else (text(resource, "access_tier") or "Hot").lower()
    name = f"Capacity ({kind}, {tier}, {red.upper()}, {access})"
    return f"storage.{kind}.{tier}.{red}.{access}", name


def storage_account_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    key, name = storage_key(resource)
    return [usage_line(name, "GB", key, usage, "storage_gb")]


def service_plan_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if resource.kind == "azurerm_app_service_plan":
        sku = text(resource, "sku.0.size")
        workers = num(resource, "sku.0.capacity") or Decimal(1)
        os_name = "linux" if (text(resource, "kind") or "").lower() == "linux" else "windows"
    else:
        sku = text(resource, "sku_name")
        workers = num(resource, "worker_count") or Decimal(1)
        # Windows containers run at the Windows rates
        os_name = "linux" if (text(resource, "os_type") or "").lower() == "linux" else "windows"
    if sku is None:
        reason = "sku_name is unknown until apply"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    hours = monthly_hours(usage)
    name = f"[{workers} instances] Instance usage ({sku}, {os_name})"
    return [CostLine(name, "hours", f"app_service.{sku.lower()}.{os_name}", hours * workers)]


def postgresql_flexible_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    sku = text(resource, "sku_name")
    if sku is None:
        reason = "sku_name is unknown until apply"
        return [CostLine("Compute", "hours", "", None, unknown_reason=reason)]
    hours = monthly_hours(usage)
    key = f"postgresql_flexible.{sku.lower()}"
    lines = [CostLine(f"Compute ({sku})", "hours", key, hours)]
    if text(resource, "high_availability.0.mode") in ("ZoneRedundant", "SameZone"):
        lines.append(CostLine(f"Compute, high-availability standby ({sku})", "hours", key, hours))
    storage_mb = num(resource, "storage_mb") or Decimal(32768)
    gb = storage_mb / Decimal(1024)
    lines.append(CostLine("Storage", "GB", "postgresql_flexible.storage", gb))
    lines.append(
        usage_line(
            "Additional backup storage",
            "GB",
            "postgresql_flexible.backup",
            usage,
            "additional_backup_storage_gb",
        )
    )
    return lines
