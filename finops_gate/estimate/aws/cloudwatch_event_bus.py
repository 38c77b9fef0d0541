"""aws_cloudwatch_event_bus: https://aws.amazon.com/eventbridge/pricing/ (event buses).

Events that AWS services publish are free. Custom events (``PutEvents``, usage
``monthly_custom_events``) and third-party (SaaS partner) events (``monthly_third_party_events``)
are billed per million, each 64 KB chunk of a payload counting as one event; archived events per
GB processed into an archive (``monthly_archive_processing_gb``) and per GB-month stored
(``archive_storage_gb``); schema discovery per million events ingested
(``monthly_schema_discovery_events``): a bus's archives (``aws_cloudwatch_event_archive``) and
schema discoverers are read here, from its usage. Every line depends on usage. The account's
free allowance of 5 million schema-discovery events a month is account-wide and is not
subtracted here; custom and partner events have no free allowance.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import MILLION, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        usage_line(
            "Custom events published",
            "1M events",
            "eventbridge.events.custom",
            usage,
            "monthly_custom_events",
            MILLION,
        ),
        usage_line(
            "Third-party events published",
            "1M events",
            "eventbridge.events.partner",
            usage,
            "monthly_third_party_events",
            MILLION,
        ),
        usage_line(
            "Archive processing",
            "GB",
            "eventbridge.archive.processing",
            usage,
            "monthly_archive_processing_gb",
        ),
        usage_line(
            "Archive storage", "GB", "eventbridge.archive.storage", usage, "archive_storage_gb"
        ),
        usage_line(
            "Schema discovery",
            "1M events",
            "eventbridge.schema_discovery",
            usage,
            "monthly_schema_discovery_events",
            MILLION,
        ),
    ]
