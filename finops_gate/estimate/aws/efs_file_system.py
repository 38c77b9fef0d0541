"""aws_efs_file_system: https://aws.amazon.com/efs/pricing/ (storage classes, IA access,
provisioned throughput).

Regional (Standard) or One Zone (``availability_zone_name`` set) storage from usage
``storage_gb``; Infrequent Access storage from ``infrequent_access_storage_gb``; IA reads and
writes from ``monthly_infrequent_access_read_gb`` / ``..._write_gb`` (Infracost's keys);
``throughput_mode = "provisioned"``: ``provisioned_throughput_in_mibps`` MBps-months above the
throughput the Standard storage already includes (1 MBps per 20 GB, AWS's pricing example:
1 TB -> 50 MBps); without ``storage_gb`` nothing is deducted, and the line says so.
``throughput_mode = "elastic"``: data read and written through the file system, per GB (usage
``monthly_elastic_read_gb`` / ``monthly_elastic_write_gb``), at rates the shipped catalog does
not hold (``efs.elastic_throughput.read``/``.write``: unpriced, naming the key, never left out).
A One Zone placement or throughput mode written with a value known only after apply is unpriced,
naming it (One Zone storage costs about half of Regional).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    num,
    text,
    unknown_line,
    unknown_setting,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

BASELINE_GB_PER_MBPS = Decimal(20)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "availability_zone_name", computed=True):
        return [unknown_line("Storage", "GB", "availability_zone_name")]
    if unknown_setting(resource, "throughput_mode"):
        return [unknown_line("Throughput", "MBps", "throughput_mode")]
    one_zone = bool(text(resource, "availability_zone_name"))
    cls, label = ("one_zone", "one zone") if one_zone else ("standard", "standard")
    lines = [
        usage_line(f"Storage ({label})", "GB", f"efs.{cls}.storage", usage, "storage_gb"),
        usage_line(
            f"Storage ({label}, infrequent access)",
            "GB",
            f"efs.{cls}_ia.storage",
            usage,
            "infrequent_access_storage_gb",
        ),
        usage_line(
            "Read requests (infrequent access)",
            "GB",
            "efs.ia.read",
            usage,
            "monthly_infrequent_access_read_gb",
        ),
        usage_line(
            "Write requests (infrequent access)",
            "GB",
            "efs.ia.write",
            usage,
            "monthly_infrequent_access_write_gb",
        ),
    ]
    mode = text(resource, "throughput_mode")
    if mode == "provisioned":
        lines.append(_throughput(resource, usage))
    elif mode == "elastic":
        lines += [
            usage_line(
                "Elastic throughput (data read)",
                "GB",
                "efs.elastic_throughput.read",
                usage,
                "monthly_elastic_read_gb",
            ),
            usage_line(
                "Elastic throughput (data written)",
                "GB",
                "efs.elastic_throughput.write",
                usage,
                "monthly_elastic_write_gb",
            ),
        ]
    return lines


def _throughput(resource: Resource, usage: Usage) -> CostLine:
    mibps = num(resource, "provisioned_throughput_in_mibps")
    if mibps is None:
        return unknown_line("Provisioned throughput", "MBps", "provisioned_throughput_in_mibps")
    stored = usage.number("storage_gb")
    if stored is None:
        name = "Provisioned throughput (storage baseline not deducted: storage_gb not given)"
        return CostLine(name, "MBps", "efs.provisioned_throughput", mibps)
    billed = max(mibps - stored / BASELINE_GB_PER_MBPS, Decimal(0))
    return CostLine("Provisioned throughput", "MBps", "efs.provisioned_throughput", billed)
