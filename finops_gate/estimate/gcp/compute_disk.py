"""google_compute_disk / google_compute_region_disk:
https://cloud.google.com/compute/disks-image-pricing#disk.

Storage per GB-month by ``type`` (pd-standard when unset, named so); a regional disk at the
regional (replicated) rate. A ``size`` left to the image or snapshot is unknown in a plan: usage
``disk_size_gb``. ``provisioned_iops`` / ``provisioned_throughput`` per IOPS / MiBps-month of the
disk type (pd-extreme and hyperdisk-extreme IOPS: us-central1 from Infracost's goldens); a rate
the catalog lacks makes the disk unpriced with the key named rather than priced without it.
"""

from __future__ import annotations

from finops_gate.estimate.gcp._common import disk_line, num, text, unknown_lines, written_unknown
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

# disk types whose every provisioned IOPS is billed (no baseline included in the GB price)
BILLED_IOPS = ("pd-extreme", "hyperdisk-extreme")


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    regional = resource.kind == "google_compute_region_disk"
    # a size known only after apply is the usage's disk_size_gb when given, as one from the image
    sized = ("size",) if usage.number("disk_size_gb") is None else ()
    found = written_unknown(resource, "type", *sized, "provisioned_iops", "provisioned_throughput")
    if found is not None:  # never Google's default for it, nor a line left out
        return unknown_lines("Provisioned storage", "GB", found, "the disk's price")
    dtype = text(resource, "type")
    size = num(resource, "size")
    if size is None:
        size = usage.number("disk_size_gb")
    lines = [disk_line("", dtype, size, regional=regional, usage_key="disk_size_gb")]
    if dtype in BILLED_IOPS and num(resource, "provisioned_iops") is None:
        lines.append(default_iops_line(dtype, "provisioned_iops"))
    for attr, unit in (("provisioned_iops", "IOPS"), ("provisioned_throughput", "MiBps")):
        value = num(resource, attr)
        if value and dtype is not None:
            lines.append(
                CostLine(f"Provisioned {unit}", unit, f"compute.disk.{dtype}.{attr}", value)
            )
    return lines


def default_iops_line(dtype: str, path: str, prefix: str = "") -> CostLine:
    """An extreme disk whose IOPS are left unset: Compute Engine provisions a default number
    (10,000 to 120,000 for pd-extreme), every one billed per month, which the plan does not
    show: unpriced naming it, never left out as if it were none."""
    why = (
        f"{path} is not set: Compute Engine gives a {dtype} disk a default number of IOPS,"
        f" billed per IOPS-month (compute.disk.{dtype}.provisioned_iops), that the plan does"
        f" not show; set {path}"
    )
    return CostLine(f"{prefix}Provisioned IOPS", "IOPS", "", None, unknown_reason=why)
