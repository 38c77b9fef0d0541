"""google_storage_bucket: https://cloud.google.com/storage/pricing.

Storage per GB-month by ``storage_class`` (STANDARD when unset; MULTI_REGIONAL and REGIONAL are
the legacy names of STANDARD) in the bucket's ``location`` (a region, a multi-region such as US,
or a dual-region such as NAM4): usage ``storage_gb``. Data retrieval (Nearline, Coldline,
Archive): usage ``monthly_data_retrieval_gb``. Operations and egress are not estimated.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import usage_line
from finops_gate.estimate.gcp._common import text
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

CLASSES = {
    "STANDARD": "standard",
    "MULTI_REGIONAL": "standard",
    "REGIONAL": "standard",
    "NEARLINE": "nearline",
    "COLDLINE": "coldline",
    "ARCHIVE": "archive",
    "DURABLE_REDUCED_AVAILABILITY": "dra",
}


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    raw = (text(resource, "storage_class") or "STANDARD").upper()
    sclass = CLASSES.get(raw)
    if sclass is None:
        return [
            CostLine(
                f"Storage ({raw.lower()})",
                "GB",
                "",
                None,
                unknown_reason=f"storage class {raw!r} is not a Cloud Storage class",
            )
        ]
    lines = [usage_line(f"Storage ({sclass})", "GB", f"gcs.{sclass}.storage", usage, "storage_gb")]
    if sclass in ("nearline", "coldline", "archive"):
        lines.append(
            usage_line(
                "Data retrieval",
                "GB",
                f"gcs.{sclass}.retrieval",
                usage,
                "monthly_data_retrieval_gb",
            )
        )
    return lines
