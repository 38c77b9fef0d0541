"""azurerm_storage_account, azurerm_service_plan / azurerm_app_service_plan,
azurerm_postgresql_flexible_server:
https://azure.microsoft.com/pricing/details/storage/blobs/,
https://azure.microsoft.com/pricing/details/app-service/ and
https://azure.microsoft.com/pricing/details/postgresql/flexible-server/ (SQL databases:
mssql_database.py).

Priced where the azure catalog holds the key, otherwise unpriced with the key named:
- Storage account, by ``account_kind``, ``account_tier``, ``account_replication_type`` and
  ``access_tier`` (Hot by default): capacity per GB-month (usage ``storage_gb``; a standard Hot
  blob account in the volume bands first 50 TB, next 450 TB, over 500 TB); a FileStorage account
  bills its shares' data at rest (usage ``data_at_rest_storage_gb``), snapshots and, when
  standard, metadata. Operations per 10k (write, list and create container, read, all other),
  blob index tags per 10k, and on Cool/Cold/Archive data retrieval and early deletion per GB are
  added when the usage file gives them (their rates are not in the catalog for every account
  and region: a rate it lacks makes the account unpriced, naming the key). With a hierarchical
  namespace (``is_hns_enabled``, Data Lake Storage) capacity is billed as for blobs, and
  operations per 4 MiB at rates of their own (``...hns.write_operations``: in no catalog).
- Service plan: ``worker_count`` (default 1; 0, negative or fractional: unpriced) x hours of
  ``sku_name`` for the plan's ``os_type`` (the legacy app service plan: ``sku.0.size`` x
  ``sku.0.capacity``, ``kind`` Linux or Windows).
  A Functions Consumption (``Y1``) or Flex Consumption (``FC1``) plan has no hourly rate: its
  apps are billed per execution and GB-second, which no catalog here holds (unpriced, saying
  so; never $0 and never an hourly key that cannot exist).
- PostgreSQL flexible server: ``sku_name`` per hour and ``storage_mb`` as GB-months (unset: 32
  GiB, named on the line; 0 or less: unpriced) (each twice
  with zone-redundant or same-zone high availability: the standby is billed for its compute and
  its own storage), backup storage above the free amount
  (usage ``additional_backup_storage_gb``).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours, not_a_count, tiers, usage_line
from finops_gate.estimate.azure._common import flag, num, text
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


# blob volume bands of a standard Hot account (GB): https://azure.microsoft.com/pricing/details/
# storage/blobs/ lists first 50 TB, next 450 TB and over 500 TB per month
_FIRST_BAND = Decimal(50 * 1024)
_NEXT_BAND = Decimal(450 * 1024)
_BANDED_KINDS = ("storagev2", "blobstorage", "blockblobstorage")
# (usage key, line name, key suffix): operations, per 10k
_OPERATIONS = (
    ("monthly_write_operations", "Write operations", "write_operations"),
    ("monthly_list_and_create_container_operations", "", "list_operations"),
    ("monthly_read_operations", "Read operations", "read_operations"),
    ("monthly_other_operations", "All other operations", "other_operations"),
)
_TEN_K = Decimal(10_000)


def storage_account_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    key, name = storage_key(resource)
    _, kind, tier, _, access = key.split(".")
    gb = usage.number("storage_gb")
    if kind == "filestorage":
        at_rest = "data_at_rest_storage_gb"
        lines = [usage_line("Data at rest", "GB", f"{key}.data_at_rest", usage, at_rest)]
    elif tier == "standard" and access == "hot" and kind in _BANDED_KINDS:
        bands = (
            (f"{name[:-1]}; first 50 TB)", key, _FIRST_BAND),
            ("Capacity (next 450 TB)", f"{key}.next_450tb", _NEXT_BAND),
            ("Capacity (over 500 TB)", f"{key}.over_500tb", None),
        )
        lines = tiers(gb, bands, "GB", "storage_gb")
    else:
        lines = [usage_line(name, "GB", key, usage, "storage_gb")]
    # a hierarchical namespace (Data Lake Storage) bills its operations per 4 MiB at rates of
    # their own (https://azure.microsoft.com/pricing/details/storage/data-lake/), which no
    # catalog holds: never the flat-namespace blob rates
    hns = kind != "filestorage" and flag(resource, "is_hns_enabled")
    for usage_key, line, suffix, unit, divisor in _usage_lines(kind, tier, access):
        if usage.number(usage_key) is not None:  # listed when the usage file gives it
            if hns and suffix.endswith("_operations"):
                line, suffix = f"{line} (Data Lake, per 4 MiB)", f"hns.{suffix}"
            lines.append(usage_line(line, unit, f"{key}.{suffix}", usage, usage_key, divisor))
    return lines


def _usage_lines(kind: str, tier: str, access: str) -> list[tuple[str, str, str, str, Decimal]]:
    """(usage key, line name, key suffix, unit, divisor) of the lines a usage file can add."""
    one = Decimal(1)
    out = []
    if kind == "filestorage":
        out.append(("snapshots_storage_gb", "Snapshots", "snapshots", "GB", one))
        if tier == "premium":
            return out  # premium shares are provisioned: no metadata or transaction charges
        out.append(
            ("metadata_at_rest_storage_gb", "Metadata at rest", "metadata_at_rest", "GB", one)
        )
    listing = "List operations" if kind == "filestorage" else "List and create container operations"
    out += [(k, n or listing, s, "10k operations", _TEN_K) for k, n, s in _OPERATIONS]
    if tier == "standard" and kind not in ("storage", "filestorage"):  # no index on GPv1, files
        out.append(("blob_index_tags", "Blob index", "blob_index", "10k tags", _TEN_K))
    if tier == "standard" and access not in ("hot", "premium"):  # Hot reads are free
        out.append(("monthly_data_retrieval_gb", "Data retrieval", "data_retrieval", "GB", one))
        out.append(("early_deletion_gb", "Early deletion", "early_deletion", "GB", one))
    return out


# Functions plans billed by what their apps run, not by the hour
CONSUMPTION = {"Y1": "Consumption", "FC1": "Flex Consumption"}


def service_plan_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if resource.kind == "azurerm_app_service_plan":
        sku, count_path = text(resource, "sku.0.size"), "sku.0.capacity"
        os_name = "linux" if (text(resource, "kind") or "").lower() == "linux" else "windows"
    else:
        sku, count_path = text(resource, "sku_name"), "worker_count"
        # Windows containers run at the Windows rates
        os_name = "linux" if (text(resource, "os_type") or "").lower() == "linux" else "windows"
    if sku is None:
        reason = "sku_name is unknown until apply"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    if sku.upper() in CONSUMPTION:
        reason = (
            f"sku_name {sku} is a {CONSUMPTION[sku.upper()]} plan: the plan has no hourly rate, "
            "its function apps are billed per execution and GB-second, which no catalog here "
            "holds"
        )
        return [CostLine(f"Executions ({sku})", "GB-seconds", "", None, unknown_reason=reason)]
    workers = num(resource, count_path)
    if workers is None:
        workers = Decimal(1)  # unset: one worker, the service's default
    elif why := not_a_count(count_path, workers):  # 0, -2, 2.5: Azure takes none of them
        return [CostLine(f"Instance usage ({sku})", "hours", "", None, unknown_reason=why)]
    hours = monthly_hours(usage)
    name = f"[{workers} instances] Instance usage ({sku}, {os_name})"
    return [CostLine(name, "hours", f"app_service.{sku.lower()}.{os_name}", hours * workers)]


# the largest flexible server storage: 32 TiB
_PG_MAX_STORAGE_MB = 33553408


def postgresql_flexible_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    sku = text(resource, "sku_name")
    if sku is None:
        reason = "sku_name is unknown until apply"
        return [CostLine("Compute", "hours", "", None, unknown_reason=reason)]
    hours = monthly_hours(usage)
    key = f"postgresql_flexible.{sku.lower()}"
    lines = [CostLine(f"Compute ({sku})", "hours", key, hours)]
    standby = text(resource, "high_availability.0.mode") in ("ZoneRedundant", "SameZone")
    if standby:
        lines.append(CostLine(f"Compute, high-availability standby ({sku})", "hours", key, hours))
    storage_mb, storage = num(resource, "storage_mb"), "Storage"
    if storage_mb is None:
        storage_mb, storage = Decimal(32768), "Storage (storage_mb not set: 32 GiB, the default)"
    elif not (0 < storage_mb <= _PG_MAX_STORAGE_MB):  # 0, -1, Infinity: no real server
        why = f"storage_mb is {storage_mb}: a server's storage is 1 to {_PG_MAX_STORAGE_MB} MB"
        return [CostLine("Storage", "GB", "", None, unknown_reason=why + "; fix it")]
    gb = storage_mb / Decimal(1024)
    lines.append(CostLine(storage, "GB", "postgresql_flexible.storage", gb))
    if standby:  # the standby has storage of its own, the same size
        name = "Storage, high-availability standby"
        lines.append(CostLine(name, "GB", "postgresql_flexible.storage", gb))
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
