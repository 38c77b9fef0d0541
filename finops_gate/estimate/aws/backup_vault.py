"""aws_backup_vault: https://aws.amazon.com/backup/pricing/.

What a vault holds and restores is known from usage only (Infracost's keys): EFS backups in
warm and cold storage (``monthly_efs_warm_backup_gb``, ``monthly_efs_cold_backup_gb``), EFS
restores (``monthly_efs_warm_restore_gb``, ``monthly_efs_cold_restore_gb``) and item-level
restore requests (``monthly_efs_item_restore_requests``), and the snapshots and backups AWS
Backup keeps of other services, billed at those services' own backup rates:
``monthly_ebs_snapshot_gb``, ``monthly_rds_snapshot_gb``, ``monthly_aurora_snapshot_gb``,
``monthly_dynamodb_backup_gb``, ``monthly_dynamodb_restore_gb``.

FSx backups are FSx backups whoever takes them, billed once on the file system (usage
``backup_storage_gb`` of the aws_fsx_*_file_system): ``monthly_fsx_windows_backup_gb`` and
``monthly_fsx_lustre_backup_gb`` are not read here (and are reported ignored), so they are never
counted twice.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

# (line, unit, price key, usage key), in the order the price page lists them
LINES = (
    ("EFS backup (warm)", "GB", "backup.efs.warm_storage", "monthly_efs_warm_backup_gb"),
    ("EFS backup (cold)", "GB", "backup.efs.cold_storage", "monthly_efs_cold_backup_gb"),
    ("EFS restore (warm)", "GB", "backup.efs.warm_restore", "monthly_efs_warm_restore_gb"),
    ("EFS restore (cold)", "GB", "backup.efs.cold_restore", "monthly_efs_cold_restore_gb"),
    (
        "EFS restore (item-level)",
        "requests",
        "backup.efs.item_restore",
        "monthly_efs_item_restore_requests",
    ),
    ("EBS snapshot", "GB", "ebs.snapshot.storage", "monthly_ebs_snapshot_gb"),
    ("RDS snapshot", "GB", "rds.backup_storage", "monthly_rds_snapshot_gb"),
    ("DynamoDB backup", "GB", "dynamodb.backup_storage", "monthly_dynamodb_backup_gb"),
    ("DynamoDB restore", "GB", "dynamodb.restore", "monthly_dynamodb_restore_gb"),
    ("Aurora snapshot", "GB", "rds.aurora.backup_storage", "monthly_aurora_snapshot_gb"),
)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [usage_line(name, unit, key, usage, given) for name, unit, key, given in LINES]
