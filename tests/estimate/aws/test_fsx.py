"""Amazon FSx (Windows File Server, OpenZFS): capacity by deployment, IOPS above the included."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finops_gate.estimate.aws import fsx
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource

WINDOWS = "aws_fsx_windows_file_system"
OPENZFS = "aws_fsx_openzfs_file_system"


def _fs(kind: str, **attributes: object) -> Resource:
    return Resource(f"{kind}.f", "terraform", kind, "aws", "us-east-1", attributes)


def _keys(lines: list) -> dict[str, Decimal | None]:
    return {line.price_key or line.name: line.quantity for line in lines}


def test_windows_defaults_to_single_az_ssd_and_bills_each_capacity_once() -> None:
    lines = fsx.windows_lines(_fs(WINDOWS, storage_capacity=32, throughput_capacity=8), Usage())
    assert _keys(lines) == {
        "fsx.windows.throughput.single_az": Decimal(8),
        "fsx.windows.storage.ssd.single_az": Decimal(32),
        "fsx.windows.backup_storage.single_az": None,  # depends on usage
    }


def test_only_iops_above_three_per_gb_of_ssd_are_billed() -> None:
    def iops(kind: str, asked: int) -> Decimal | None:
        res = _fs(
            kind,
            deployment_type="SINGLE_AZ_1",
            storage_capacity=1000,
            throughput_capacity=64,
            disk_iops_configuration=[{"mode": "USER_PROVISIONED", "iops": asked}],
        )
        lines = (
            fsx.windows_lines(res, Usage()) if kind == WINDOWS else fsx.openzfs_lines(res, Usage())
        )
        return next((ln.quantity for ln in lines if ln.name == "Provisioned IOPS"), None)

    assert iops(WINDOWS, 5000) == Decimal(2000)
    assert iops(OPENZFS, 3001) == Decimal(1)
    assert iops(OPENZFS, 3000) is None  # all included
    automatic = _fs(
        OPENZFS,
        deployment_type="SINGLE_AZ_1",
        storage_capacity=1000,
        throughput_capacity=64,
        disk_iops_configuration=[{"mode": "AUTOMATIC", "iops": 3000}],
    )
    assert "Provisioned IOPS" not in {ln.name for ln in fsx.openzfs_lines(automatic, Usage())}


def test_hdd_storage_provisions_no_iops() -> None:
    res = _fs(
        WINDOWS,
        storage_type="HDD",
        storage_capacity=2000,
        throughput_capacity=32,
        disk_iops_configuration=[{"mode": "USER_PROVISIONED", "iops": 12000}],
    )
    assert "Provisioned IOPS" not in {ln.name for ln in fsx.windows_lines(res, Usage())}


def test_unknown_capacity_or_deployment_is_unpriced_naming_it_never_a_default() -> None:
    later = replace(_fs(WINDOWS, storage_capacity=100), unknown=frozenset({"throughput_capacity"}))
    (throughput, *_) = fsx.windows_lines(later, Usage())
    assert throughput.unknown_reason is not None
    assert "throughput_capacity" in throughput.unknown_reason
    deployment = replace(
        _fs(OPENZFS, storage_capacity=100, throughput_capacity=64),
        unknown=frozenset({"deployment_type"}),
    )
    (line,) = fsx.openzfs_lines(deployment, Usage())
    assert line.unknown_reason is not None and "deployment_type" in line.unknown_reason
    iops_later = replace(
        _fs(
            OPENZFS,
            deployment_type="SINGLE_AZ_1",
            storage_capacity=100,
            throughput_capacity=64,
            disk_iops_configuration=[{"mode": "USER_PROVISIONED"}],
        ),
        unknown=frozenset({"disk_iops_configuration.0.iops"}),
    )
    reasons = [ln.unknown_reason for ln in fsx.openzfs_lines(iops_later, Usage())]
    assert any(r and "disk_iops_configuration.0.iops" in r for r in reasons)


def test_openzfs_rates_follow_the_deployment_type_and_compression_changes_nothing() -> None:
    res = _fs(
        OPENZFS,
        deployment_type="SINGLE_AZ_HA_2",
        storage_capacity=300,
        throughput_capacity=320,
        root_volume_configuration=[{"data_compression_type": "LZ4"}],
    )
    lines = fsx.openzfs_lines(res, Usage({"backup_storage_gb": 50}))
    assert _keys(lines) == {
        "fsx.openzfs.throughput.single_az_ha_2": Decimal(320),
        "fsx.openzfs.storage.ssd.single_az_ha_2": Decimal(300),  # provisioned, not compressed
        "fsx.openzfs.backup_storage": Decimal(50),
    }
