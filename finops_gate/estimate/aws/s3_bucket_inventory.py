"""aws_s3_bucket_inventory: https://aws.amazon.com/s3/pricing/ (Management & Insights: S3
Inventory).

Objects listed per million (usage ``monthly_listed_objects``: the month's total over every
report, so a daily inventory lists each object about 30 times, a weekly one about 4). A
configuration with ``enabled = false`` writes no report: no line. The reports' storage and
requests are billed on the destination bucket.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import (
    MILLION,
    get,
    is_off,
    is_unknown,
    unknown_line,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

NAME = "Objects listed"
UNIT = "1M objects"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    enabled = get(resource, "enabled")
    if enabled is None and is_unknown(resource, "enabled"):
        return [unknown_line(NAME, UNIT, "enabled")]
    if is_off(enabled, "enabled"):  # a value neither true nor false: NotABoolean names it
        return []
    return [usage_line(NAME, UNIT, "s3.inventory", usage, "monthly_listed_objects", MILLION)]
