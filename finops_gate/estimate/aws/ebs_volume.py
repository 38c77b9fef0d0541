"""aws_ebs_volume: https://aws.amazon.com/ebs/pricing/ (EBS volumes, us-east-1 rates).

Storage per GB-month by volume type; gp3 IOPS above the 3,000 included and throughput above the
125 MB/s included; io1/io2 per provisioned IOPS-month (io2 above 32,000 IOPS is a separate tier
the catalog lacks, so that part is reported unpriced rather than charged at the first-tier rate);
magnetic (``standard``) I/O requests from usage ``monthly_standard_io_requests``.
``volume_lines`` is shared with the instance and node-group mappers for their block devices.

An unset volume type (a plan shows it unknown, as the attribute is Optional+Computed) is EC2's
documented default ``gp2`` and the line name says "[type not set: AWS default gp2]"; a type the
code writes with a value it does not tell (``type = var.kind``) is unpriced, naming it. gp3
``iops``/``throughput`` left unset mean the included baseline, so a plan's unknown value there
adds no line (set to a value the ``.tf`` code does not tell, the line is unpriced); io1/io2
IOPS unknown until apply, or not set at all (AWS requires them), make the line unpriced.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    MILLION,
    get,
    is_unknown,
    num,
    unknown_in_code,
    unknown_line,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

STORAGE_NAMES = {
    "gp2": "general purpose SSD, gp2",
    "gp3": "general purpose SSD, gp3",
    "io1": "provisioned IOPS SSD, io1",
    "io2": "provisioned IOPS SSD, io2",
    "st1": "throughput optimized HDD, st1",
    "sc1": "cold HDD, sc1",
    "standard": "magnetic",
}
GP3_FREE_IOPS = Decimal(3000)
GP3_FREE_THROUGHPUT = Decimal(125)
IO2_TIER1_IOPS = Decimal(32000)
IO2_TIER2_IOPS = Decimal(64000)


def storage_name(vtype: str) -> str:
    label = STORAGE_NAMES.get(vtype, vtype)
    return "Storage (magnetic)" if vtype == "standard" else f"Storage ({label})"


def volume_lines(
    prefix: str,
    vtype: str,
    size: Decimal,
    iops: Decimal | None,
    throughput: Decimal | None,
    usage: Usage,
    count: Decimal = Decimal(1),
) -> list[CostLine]:
    """Lines for ``count`` volumes of one kind; ``prefix`` names the block ("" for a volume)."""
    name = f"{prefix}{storage_name(vtype)}"
    if vtype not in STORAGE_NAMES:
        return [unpriceable(name, "GB", f"volume type {vtype!r} is not an EBS volume type")]
    lines = [CostLine(name, "GB", f"ebs.{vtype}.storage", size * count)]
    if vtype == "gp3":
        if iops is not None and iops > GP3_FREE_IOPS:
            lines.append(
                CostLine(
                    f"{prefix}Provisioned IOPS (above 3,000)",
                    "IOPS",
                    "ebs.gp3.iops",
                    (iops - GP3_FREE_IOPS) * count,
                )
            )
        if throughput is not None and throughput > GP3_FREE_THROUGHPUT:
            lines.append(
                CostLine(
                    f"{prefix}Provisioned throughput (above 125 MBps)",
                    "MBps",
                    "ebs.gp3.throughput",
                    (throughput - GP3_FREE_THROUGHPUT) * count,
                )
            )
    elif vtype == "io1" and iops is not None:
        lines.append(CostLine(f"{prefix}Provisioned IOPS", "IOPS", "ebs.io1.iops", iops * count))
    elif vtype == "io2" and iops is not None:
        lines.extend(_io2_iops(prefix, iops, count))
    elif vtype in ("io1", "io2"):
        # an io1/io2 volume is billed per provisioned IOPS and AWS refuses one without iops:
        # no IOPS line would pass a volume that costs most of its price in IOPS as storage only
        lines.append(
            unpriceable(
                f"{prefix}Provisioned IOPS",
                "IOPS",
                f"iops is not set; AWS requires it for {vtype} volumes and bills every IOPS",
            )
        )
    elif vtype == "standard":
        lines.append(
            usage_line(
                f"{prefix}I/O requests",
                "1M requests",
                "ebs.standard.io_requests",
                usage,
                "monthly_standard_io_requests",
                MILLION,
            )
        )
    return lines


def _io2_iops(prefix: str, iops: Decimal, count: Decimal) -> list[CostLine]:
    lines = [
        CostLine(
            f"{prefix}Provisioned IOPS (first 32,000)",
            "IOPS",
            "ebs.io2.iops",
            min(iops, IO2_TIER1_IOPS) * count,
        )
    ]
    if iops > IO2_TIER1_IOPS:
        lines.append(
            CostLine(
                f"{prefix}Provisioned IOPS (32,001 to 64,000)",
                "IOPS",
                "ebs.io2.iops.tier2",
                (min(iops, IO2_TIER2_IOPS) - IO2_TIER1_IOPS) * count,
            )
        )
    if iops > IO2_TIER2_IOPS:
        lines.append(
            CostLine(
                f"{prefix}Provisioned IOPS (over 64,000)",
                "IOPS",
                "ebs.io2.iops.tier3",
                (iops - IO2_TIER2_IOPS) * count,
            )
        )
    return lines


def block_lines(resource: Resource, path: str, prefix: str, usage: Usage) -> list[CostLine]:
    """A block device or volume whose attributes live at ``path`` ("" for the resource itself)."""

    def at(attr: str) -> str:
        return f"{path}.{attr}" if path else attr

    type_attr = "volume_type" if path else "type"
    size_attr = "volume_size" if path else "size"
    vtype = get(resource, at(type_attr))
    if vtype is None and unknown_in_code(resource, at(type_attr)):
        # written with a value the code does not tell (``type = var.kind``): any type may come,
        # so AWS's default for an unset type is no answer
        return [unknown_line(f"{prefix}Storage", "GB", at(type_attr))]
    if vtype is None:
        # Unset (shown as unknown in a plan, as the attribute is Optional+Computed): EC2's
        # documented default volume type applies, and the line says so.
        prefix = f"{prefix}[type not set: AWS default gp2] "
    vtype = str(vtype or "gp2")
    size = num(resource, at(size_attr))
    if size is None:
        why = " (it comes from the snapshot)" if get(resource, at("snapshot_id")) else ""
        if is_unknown(resource, at(size_attr)) or why:
            return [unknown_line(f"{prefix}{storage_name(vtype)}", "GB", at(size_attr), why)]
        return [unpriceable(f"{prefix}{storage_name(vtype)}", "GB", f"{at(size_attr)} is not set")]
    iops = num(resource, at("iops"))
    if iops is None and vtype in ("io1", "io2") and is_unknown(resource, at("iops")):
        return [unknown_line(f"{prefix}Provisioned IOPS", "IOPS", at("iops"))]
    lines = volume_lines(prefix, vtype, size, iops, num(resource, at("throughput")), usage)
    if vtype == "gp3":
        # a plan shows gp3 iops/throughput left unset as unknown (the baseline): only what the
        # .tf code sets to a value it does not tell is unknown, never the baseline
        for attr, label, unit in (
            ("iops", "Provisioned IOPS", "IOPS"),
            ("throughput", "Provisioned throughput", "MBps"),
        ):
            if num(resource, at(attr)) is None and unknown_in_code(resource, at(attr)):
                lines.append(unknown_line(f"{prefix}{label}", unit, at(attr)))
    return lines


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return block_lines(resource, "", "", usage)
