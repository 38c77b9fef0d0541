"""aws_kinesis_firehose_delivery_stream: https://aws.amazon.com/firehose/pricing/.

- Data ingested (Direct PUT and Kinesis Data Streams as source) per GB from usage
  ``monthly_data_ingested_gb``, in the price list's bands: first 500 TB, next 1.5 PB, and over
  2 PB (the price list's third band has no upper end). A stream reading from Amazon MSK
  (``msk_source_configuration``) is billed at MSK-source rates of its own, which no catalog here
  holds: an unpriced line naming them, never the Direct PUT bands.
- The stream delivers to its ``destination`` only; the other destination blocks a
  configuration may carry are not sent to AWS and cost nothing:
  - ``extended_s3``: record format conversion per GB ingested, when
    ``extended_s3_configuration.0.data_format_conversion_configuration.0`` is present and not
    ``enabled = false``. Dynamic partitioning (``dynamic_partitioning_configuration.0.enabled``)
    is billed per GB partitioned, per 1,000 objects and per JQ hour: no rate for it in the
    catalog, so it is an unpriced line naming it, never $0.
  - ``elasticsearch``/``opensearch``/``opensearchserverless`` with a ``vpc_config``: VPC
    delivery per GB ingested and per hour for each subnet of ``vpc_config.0.subnet_ids`` (one
    per Availability Zone).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    blocks,
    get,
    is_off,
    is_on,
    is_unknown,
    text,
    tiers,
    unknown_line,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

USAGE_KEY = "monthly_data_ingested_gb"
INGESTED = [
    ("Data ingested (first 500TB)", "firehose.ingestion.tier1", Decimal(512_000)),
    ("Data ingested (next 1.5PB)", "firehose.ingestion.tier2", Decimal(1_536_000)),
    ("Data ingested (over 2PB)", "firehose.ingestion.tier3", None),
]
VPC_DESTINATIONS = ("elasticsearch", "opensearch", "opensearchserverless")
CONVERSION = "extended_s3_configuration.0.data_format_conversion_configuration.0"
PARTITIONING = "extended_s3_configuration.0.dynamic_partitioning_configuration.0.enabled"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if blocks(resource, "msk_source_configuration") or is_unknown(
        resource, "msk_source_configuration"
    ):
        why = "ingestion from Amazon MSK is billed at MSK-source rates no catalog here holds"
        lines = [unpriceable("Data ingested (from Amazon MSK)", "GB", why)]
    else:
        lines = tiers(usage.number(USAGE_KEY), INGESTED, "GB", USAGE_KEY)
    if is_unknown(resource, "destination"):
        return [*lines, unknown_line("Delivery", "GB", "destination")]
    destination = text(resource, "destination") or ""
    if destination == "extended_s3":
        lines += _extended_s3(resource, usage)
    elif destination in VPC_DESTINATIONS:
        lines += _vpc(resource, usage, f"{destination}_configuration.0.vpc_config")
    return lines


def _extended_s3(resource: Resource, usage: Usage) -> list[CostLine]:
    out: list[CostLine] = []
    if blocks(resource, CONVERSION.removesuffix(".0")) and not is_off(
        get(resource, f"{CONVERSION}.enabled"), f"{CONVERSION}.enabled"
    ):
        out.append(
            usage_line("Format conversion", "GB", "firehose.format_conversion", usage, USAGE_KEY)
        )
    if is_on(get(resource, PARTITIONING), PARTITIONING):
        out.append(
            unpriceable(
                "Dynamic partitioning",
                "GB",
                "dynamic partitioning (per GB partitioned, per 1,000 objects, per JQ hour) "
                "is not priced yet",
            )
        )
    elif is_unknown(resource, PARTITIONING):
        out.append(unknown_line("Dynamic partitioning", "GB", PARTITIONING))
    return out


def _vpc(resource: Resource, usage: Usage, path: str) -> list[CostLine]:
    if not blocks(resource, path):
        return []
    data = usage_line("VPC data", "GB", "firehose.vpc.data", usage, USAGE_KEY)
    subnets = get(resource, f"{path}.0.subnet_ids")
    if is_unknown(resource, f"{path}.0.subnet_ids") or not isinstance(subnets, list):
        return [data, unknown_line("VPC AZ delivery", "hours", f"{path}.0.subnet_ids")]
    return [
        data,
        CostLine(
            f"VPC AZ delivery ({len(subnets)} subnets)",
            "hours",
            "firehose.vpc.az_hours",
            HOURS_PER_MONTH * len(subnets),
        ),
    ]
