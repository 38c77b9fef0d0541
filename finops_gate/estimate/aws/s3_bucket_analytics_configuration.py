"""aws_s3_bucket_analytics_configuration: https://aws.amazon.com/s3/pricing/ (Management &
Insights: Storage Class Analysis).

Objects monitored per million a month (usage ``monthly_monitored_objects``: the objects the
configuration's filter covers). The bucket's storage and requests are billed on the bucket,
the exported reports on their destination bucket.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import MILLION, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        usage_line(
            "Objects monitored",
            "1M objects",
            "s3.storage_class_analysis",
            usage,
            "monthly_monitored_objects",
            MILLION,
        )
    ]
