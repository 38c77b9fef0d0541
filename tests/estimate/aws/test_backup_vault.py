"""aws_backup_vault: usage-based backup storage and restores, FSx backups counted once."""

from __future__ import annotations

from finops_gate.estimate.aws import backup_vault
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def test_fsx_backups_are_left_to_the_file_system_so_they_are_never_counted_twice() -> None:
    vault = Resource("aws_backup_vault.v", "terraform", "aws_backup_vault", "aws", "us-west-1")
    usage = Usage({"monthly_fsx_windows_backup_gb": 400, "monthly_ebs_snapshot_gb": 10})
    lines = backup_vault.cost_lines(vault, usage)
    assert not [ln for ln in lines if "fsx" in ln.price_key]
    assert "monthly_fsx_windows_backup_gb" not in usage.read  # reported ignored
    assert [ln.quantity for ln in lines if ln.usage_key == "monthly_ebs_snapshot_gb"] == [10]
