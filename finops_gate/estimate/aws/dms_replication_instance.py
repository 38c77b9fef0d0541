"""aws_dms_replication_instance: https://aws.amazon.com/dms/pricing/ (on-demand instances).

- Instance hours of ``replication_instance_class`` (``dms.t3.medium`` -> price list type
  ``t3.medium``), at the Multi-AZ rate when ``multi_az`` is true: that rate covers the standby
  too, so the line is 730 hours, never doubled again. Keys
  ``dms.instance.<type>.<single-az|multi-az>``.
- General Purpose (SSD) storage per GB-month beyond what the class includes: 50 GB with the
  burstable (T) classes, 100 GB with the compute- and memory-optimized (C, R) ones (AWS DMS
  pricing page). ``allocated_storage`` left unset is AWS's default of 50 GB, within what every
  class includes. Keys ``dms.storage.gp2.<single-az|multi-az>``.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    flag,
    num,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

DEFAULT_STORAGE = Decimal(50)
# included storage by the first letter of the instance family
INCLUDED = {"t": Decimal(50), "c": Decimal(100), "r": Decimal(100)}


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    klass = text(resource, "replication_instance_class")
    if klass is None:
        return [unknown_line("Replication instance", "hours", "replication_instance_class")]
    if unknown_setting(resource, "multi_az", computed=True):
        return [unknown_line("Replication instance", "hours", "multi_az")]
    multi = flag(resource, "multi_az") is True
    az, label = ("multi-az", "Multi-AZ") if multi else ("single-az", "Single-AZ")
    itype = klass.removeprefix("dms.")
    lines = [
        CostLine(
            f"Replication instance ({klass}, {label})",
            "hours",
            f"dms.instance.{itype}.{az}",
            HOURS_PER_MONTH,
        )
    ]
    storage = _storage(resource, itype, az)
    return lines if storage is None else [*lines, storage]


def _storage(resource: Resource, itype: str, az: str) -> CostLine | None:
    name = "Storage (general purpose SSD, gp2)"
    if unknown_setting(resource, "allocated_storage", computed=True):
        return unknown_line(name, "GB", "allocated_storage")
    size = num(resource, "allocated_storage")
    size = DEFAULT_STORAGE if size is None else size
    included = INCLUDED.get(itype[:1])
    if included is None:
        if size <= DEFAULT_STORAGE:  # within what every class includes
            return None
        return unpriceable(name, "GB", f"the storage {itype} includes is not known")
    if size <= included:
        return None
    return CostLine(
        f"{name}, above {included} GB included", "GB", f"dms.storage.gp2.{az}", size - included
    )
