"""aws_fsx_windows_file_system: https://aws.amazon.com/fsx/windows/pricing/ and
aws_fsx_openzfs_file_system: https://aws.amazon.com/fsx/openzfs/pricing/.

Both bill provisioned capacity by the month: throughput capacity (``throughput_capacity``,
MBps-months), storage (``storage_capacity``, GB-months, by storage type) and SSD IOPS
provisioned above the 3 IOPS per GB of SSD storage that come with it
(``disk_iops_configuration`` in ``USER_PROVISIONED`` mode), each at the rate of the deployment
type. Backups are billed by the GB stored: usage ``backup_storage_gb``.

Windows File Server rates are those of a Single-AZ (``SINGLE_AZ_1``/``_2``) or a Multi-AZ
(``MULTI_AZ_1``) deployment; OpenZFS rates are per deployment type (``SINGLE_AZ_1``,
``SINGLE_AZ_2``, ``SINGLE_AZ_HA_1``...). OpenZFS data compression shrinks the data, not the
storage capacity provisioned and billed, so it changes no line here.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    blocks,
    is_unknown,
    num,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

INCLUDED_IOPS_PER_GB = Decimal(3)
WINDOWS_DEPLOYMENTS = {
    "SINGLE_AZ_1": "single_az",
    "SINGLE_AZ_2": "single_az",
    "MULTI_AZ_1": "multi_az",
}
OPENZFS_DEPLOYMENTS = frozenset(
    {"SINGLE_AZ_1", "SINGLE_AZ_2", "SINGLE_AZ_HA_1", "SINGLE_AZ_HA_2", "MULTI_AZ_1"}
)
STORAGE_TYPES = {"SSD": "ssd", "HDD": "hdd"}


def windows_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    deployment = _setting(resource, "deployment_type", "SINGLE_AZ_1")
    storage = _setting(resource, "storage_type", "SSD")
    if deployment is None:
        return [unknown_line("File system", "MBps", "deployment_type")]
    az = WINDOWS_DEPLOYMENTS.get(deployment)
    if az is None:
        return [unpriceable("File system", "MBps", f"deployment_type {deployment} is not known")]
    lines = [
        _capacity(
            resource,
            "Throughput capacity",
            "MBps",
            "throughput_capacity",
            f"fsx.windows.throughput.{az}",
        )
    ]
    lines += _storage(resource, storage, {"SSD", "HDD"}, f"fsx.windows.storage.{{}}.{az}")
    if storage == "SSD":
        lines += _iops(resource, f"fsx.windows.iops.{az}")
    lines.append(
        usage_line(
            "Backup storage", "GB", f"fsx.windows.backup_storage.{az}", usage, "backup_storage_gb"
        )
    )
    return lines


def openzfs_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    deployment = _setting(resource, "deployment_type", "")
    storage = _setting(resource, "storage_type", "SSD")
    if deployment is None:
        return [unknown_line("File system", "MBps", "deployment_type")]
    if not deployment:
        return [unpriceable("File system", "MBps", "deployment_type is not set")]
    if deployment not in OPENZFS_DEPLOYMENTS:
        return [unpriceable("File system", "MBps", f"deployment_type {deployment} is not known")]
    dep = deployment.lower()
    lines = [
        _capacity(
            resource,
            "Throughput capacity",
            "MBps",
            "throughput_capacity",
            f"fsx.openzfs.throughput.{dep}",
        )
    ]
    if storage == "SSD":
        lines += _iops(resource, f"fsx.openzfs.iops.{dep}")
    lines += _storage(resource, storage, {"SSD"}, f"fsx.openzfs.storage.{{}}.{dep}")
    lines.append(
        usage_line("Backup storage", "GB", "fsx.openzfs.backup_storage", usage, "backup_storage_gb")
    )
    return lines


def _setting(resource: Resource, path: str, default: str) -> str | None:
    """The value at ``path``, AWS's ``default`` when unset, None when known only after apply."""
    if unknown_setting(resource, path):
        return None
    return text(resource, path) or default


def _capacity(resource: Resource, name: str, unit: str, path: str, key: str) -> CostLine:
    amount = num(resource, path)
    if amount is None:
        if is_unknown(resource, path):
            return unknown_line(name, unit, path)
        return unpriceable(name, unit, f"{path} is not set")
    return CostLine(name, unit, key, amount)


def _storage(resource: Resource, storage: str | None, sold: set[str], key: str) -> list[CostLine]:
    if storage is None:
        return [unknown_line("Storage", "GB", "storage_type")]
    if storage not in sold:
        return [unpriceable(f"{storage} storage", "GB", f"storage_type {storage} is not priced")]
    return [
        _capacity(
            resource,
            f"{storage} storage",
            "GB",
            "storage_capacity",
            key.format(STORAGE_TYPES[storage]),
        )
    ]


def _iops(resource: Resource, key: str) -> list[CostLine]:
    """SSD IOPS provisioned by the user above the 3 per GB that come with the storage."""
    config = blocks(resource, "disk_iops_configuration")
    if not config:
        return []  # unset (AWS computes it): automatic mode, the included IOPS only
    mode = config[0].get("mode")
    if mode is None and is_unknown(resource, "disk_iops_configuration.0.mode"):
        return [unknown_line("Provisioned IOPS", "IOPS", "disk_iops_configuration.0.mode")]
    if mode != "USER_PROVISIONED":
        return []
    iops = num(resource, "disk_iops_configuration.0.iops")
    gb = num(resource, "storage_capacity")
    if iops is None:
        return [unknown_line("Provisioned IOPS", "IOPS", "disk_iops_configuration.0.iops")]
    if gb is None:
        return [unknown_line("Provisioned IOPS", "IOPS", "storage_capacity")]
    extra = iops - INCLUDED_IOPS_PER_GB * gb
    return [CostLine("Provisioned IOPS", "IOPS", key, extra)] if extra > 0 else []
