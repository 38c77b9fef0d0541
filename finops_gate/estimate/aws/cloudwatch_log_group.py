"""aws_cloudwatch_log_group: https://aws.amazon.com/cloudwatch/pricing/ ("Logs" tab).

Standard log class: data ingested (usage ``monthly_data_ingested_gb``), archival storage
(``storage_gb``) and Logs Insights data scanned (``monthly_data_scanned_gb``), Infracost's keys.
The Infrequent Access class has other rates, not in the catalog: reported unpriced.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import (
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if unknown_setting(resource, "log_group_class", computed=True):
        return [unknown_line("Data ingested", "GB", "log_group_class")]
    log_class = text(resource, "log_group_class") or "STANDARD"
    if log_class != "STANDARD":
        return [
            unpriceable(
                "Data ingested", "GB", f"log class {log_class} has rates the catalog does not hold"
            )
        ]
    return [
        usage_line(
            "Data ingested", "GB", "cloudwatch.logs.ingestion", usage, "monthly_data_ingested_gb"
        ),
        usage_line("Archival storage", "GB", "cloudwatch.logs.storage", usage, "storage_gb"),
        usage_line(
            "Insights queries data scanned",
            "GB",
            "cloudwatch.logs.insights_scanned",
            usage,
            "monthly_data_scanned_gb",
        ),
    ]
