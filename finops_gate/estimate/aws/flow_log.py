"""aws_flow_log: https://aws.amazon.com/cloudwatch/pricing/ ("Logs" tab, "Vended logs").

VPC, subnet, network-interface and transit-gateway flow logs are CloudWatch *vended logs*: billed
per GB delivered (usage ``monthly_logs_delivered_gb``), in volume tiers per month (first 10 TB,
next 20 TB, next 20 TB, over 50 TB; 1 TB = 1,024 GB), at the rates of the destination
``log_destination_type``:

- ``cloud-watch-logs`` (the default): ``cloudwatch.vended_logs.cloudwatch_logs.tier1`` .. ``tier4``.
  The log group bills the storage (``aws_cloudwatch_log_group``, usage ``storage_gb``); the GB
  delivered here are not its ``monthly_data_ingested_gb`` too (vended logs are billed at these
  rates instead of the custom-log ingestion rate).
- ``s3``: ``cloudwatch.vended_logs.s3.tier1`` .. ``tier4``, and with
  ``destination_options[0].file_format = "parquet"`` the format conversion,
  ``cloudwatch.vended_logs.s3.parquet_conversion`` per GB. The bucket bills the storage.
- ``kinesis-data-firehose``: ``cloudwatch.vended_logs.firehose.tier1`` .. ``tier4``; the
  delivery stream bills its own ingestion.

AWS counts the tiers over every vended log of the account; one flow log's estimate counts them
over its own volume (an account delivering more elsewhere pays less per GB: an upper bound).

What is priced today: nothing from the shipped catalog. Its only log rate,
``cloudwatch.logs.ingestion`` ($0.50 per GB), is custom logs ingested into CloudWatch Logs, a
different product (usage type ``DataProcessing-Bytes``, not ``VendedLog-Bytes``) with no volume
tiers; that its price equals the first vended tier to CloudWatch Logs does not make it the rate,
so it is not used. Each line is unpriced, naming its key, until a catalog holding these keys (a
team catalog, or a ``finops-gate pricing refresh aws`` that fetches them) is layered on; then the
flow log is priced by its usage, tier by tier. A destination type terraform knows only after
apply, or one that is not a flow-log destination, leaves the flow log unpriced, naming it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finops_gate.estimate.aws._common import is_unknown, text, tiers, unknown_line, unpriceable
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

USAGE_KEY = "monthly_logs_delivered_gb"
_TB = Decimal(1024)
# (label, size in GB; None: the rest)
_TIERS: tuple[tuple[str, Decimal | None], ...] = (
    ("first 10 TB", 10 * _TB),
    ("next 20 TB", 20 * _TB),
    ("next 20 TB", 20 * _TB),
    ("over 50 TB", None),
)
# log_destination_type -> (what the lines say, the part of the price key)
DESTINATIONS = {
    "cloud-watch-logs": ("CloudWatch Logs", "cloudwatch_logs"),
    "s3": ("S3", "s3"),
    "kinesis-data-firehose": ("Data Firehose", "firehose"),
}
PARQUET_KEY = "cloudwatch.vended_logs.s3.parquet_conversion"
# every price key this mapper can ask for
PRICE_KEYS = (
    *(
        f"cloudwatch.vended_logs.{part}.tier{i}"
        for _, part in DESTINATIONS.values()
        for i in range(1, len(_TIERS) + 1)
    ),
    PARQUET_KEY,
)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if is_unknown(resource, "log_destination_type"):
        return [unknown_line("Logs delivered", "GB", "log_destination_type")]
    destination = text(resource, "log_destination_type") or "cloud-watch-logs"
    found = DESTINATIONS.get(destination)
    if found is None:
        why = f"log_destination_type {destination[:60]!r} is not a flow-log destination"
        return [unpriceable("Logs delivered", "GB", f"{why} ({', '.join(DESTINATIONS)})")]
    label, part = found
    delivered = usage.number(USAGE_KEY)
    bands = [
        (f"Logs delivered to {label} ({name})", f"cloudwatch.vended_logs.{part}.tier{i}", size)
        for i, (name, size) in enumerate(_TIERS, start=1)
    ]
    lines = tiers(delivered, bands, "GB", USAGE_KEY)
    if destination == "s3" and is_unknown(resource, "destination_options.0.file_format"):
        lines.append(
            unknown_line(
                "Format conversion to Apache Parquet",
                "GB",
                "destination_options.0.file_format",
            )
        )
    elif destination == "s3" and _parquet(resource):
        lines.append(
            CostLine(
                "Format conversion to Apache Parquet",
                "GB",
                PARQUET_KEY,
                delivered,
                usage_key=USAGE_KEY,
            )
        )
    return [_with_hint(line, resource.region) for line in lines]


def _with_hint(line: CostLine, region: str | None) -> CostLine:
    """``line``, and when the catalogs lack its key, the reason says where the rate comes from."""
    if not line.price_key or line.unknown_reason is not None:
        return line
    why = f"no price for {line.price_key} in {region or 'any region'} in the catalogs used: "
    why += "vended-log delivery rates are not in the shipped catalog; add a catalog folder that "
    why += "holds cloudwatch.vended_logs.* to pricing.catalog_dirs"
    return replace(line, fallback=replace(line, price_key="", unknown_reason=why))


def _parquet(resource: Resource) -> bool:
    options = resource.attributes.get("destination_options")
    first = options[0] if isinstance(options, list) and options else None
    return isinstance(first, dict) and str(first.get("file_format") or "").lower() == "parquet"
