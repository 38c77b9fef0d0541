"""AWS: the Price List Bulk API (no credentials). offer index -> region index -> regional offer
file, read as CSV line by line (an EC2 regional file is hundreds of MB; memory stays bounded by
the rows kept), filtered to what the mappers in ``estimate/aws`` price.

Kept: on-demand USD rows only (Reserved, Spot and savings-plan rows are dropped). EC2: shared
tenancy Linux / Windows / RHEL / SUSE without pre-installed software (Windows+SQL, BYOL and
Spot rows dropped), dedicated Linux; EBS storage, IOPS and throughput by volume type; NAT
gateway hours and data; public IPv4; RDS instances (engine x class x Single-/Multi-AZ) and
storage; EKS cluster hours; S3 Standard / Standard-IA storage. Other services are not filtered
yet: ``--service`` names only those.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation

from finops_gate.catalogs.refresh.http import Client
from finops_gate.catalogs.refresh.output import Priced
from finops_gate.errors import RefreshError

ENDPOINT = "https://pricing.us-east-1.amazonaws.com"
HEADER_ROWS = 5  # FormatVersion, Disclaimer, Publication Date, Version, OfferCode

Row = dict[str, str]
Rule = Callable[[Row], tuple[str, str] | None]  # row -> (catalog key, unit) or None: dropped

_OS = {"Linux": "", "Windows": ".windows", "RHEL": ".rhel", "SUSE": ".suse"}
_UNITS = {"Hrs": "hours", "GB-Mo": "GB", "GB": "GB", "IOPS-Mo": "IOPS", "GiBps-mo": "MiBps"}


def _ec2(row: Row) -> tuple[str, str] | None:
    family, usage = row.get("Product Family", ""), row.get("usageType", "")
    if family == "Compute Instance":
        os_name, tenancy = row.get("Operating System", ""), row.get("Tenancy", "")
        if (
            ("BoxUsage" not in usage and "DedicatedUsage" not in usage)
            or row.get("CapacityStatus") != "Used"
            or row.get("Pre Installed S/W") not in ("NA", "")
        ):
            return None
        if row.get("License Model") != "No License required" or os_name not in _OS:
            return None
        itype = row.get("Instance Type", "")
        if tenancy == "Shared":
            return f"ec2.instance.{itype}{_OS[os_name]}", "hours"
        if tenancy == "Dedicated" and os_name == "Linux":
            return f"ec2.instance.{itype}.dedicated", "hours"
        return None
    volume = row.get("Volume API Name", "")
    if family == "Storage" and "VolumeUsage" in usage and volume:
        return f"ebs.{volume}.storage", "GB"
    if family == "System Operation" and "VolumeP-IOPS" in usage and volume:
        return f"ebs.{volume}.iops", "IOPS"
    if family == "Provisioned Throughput" and "VolumeP-Throughput" in usage and volume:
        return f"ebs.{volume}.throughput", "MiBps"
    if family == "NAT Gateway":
        if usage.endswith("NatGateway-Hours"):
            return "nat.gateway", "hours"
        if usage.endswith("NatGateway-Bytes"):
            return "nat.data_processed", "GB"
    return None


def _vpc(row: Row) -> tuple[str, str] | None:
    if row.get("usageType", "").endswith("PublicIPv4:InUseAddress"):
        return "vpc.public_ipv4", "hours"
    return None


_ENGINES = {
    ("MySQL", ""): "mysql",
    ("PostgreSQL", ""): "postgres",
    ("MariaDB", ""): "mariadb",
    ("Aurora MySQL", ""): "aurora-mysql",
    ("Aurora PostgreSQL", ""): "aurora-postgresql",
}
_AZ = {"Single-AZ": "single-az", "Multi-AZ": "multi-az"}


def _rds(row: Row) -> tuple[str, str] | None:
    family = row.get("Product Family", "")
    deployment = _AZ.get(row.get("Deployment Option", ""))
    if family == "Database Instance" and deployment is not None:
        engine = _ENGINES.get((row.get("Database Engine", ""), row.get("Database Edition", "")))
        if engine is None:
            return None  # Oracle / SQL Server editions and licences: not filtered yet
        suffix = "" if engine.startswith("aurora") else f".{deployment}"
        return f"rds.instance.{engine}.{row.get('Instance Type', '')}{suffix}", "hours"
    if family == "Database Storage" and deployment is not None:
        volume = {
            "General Purpose": "gp2",
            "General Purpose-GP3": "gp3",
            "Provisioned IOPS": "io1",
            "Magnetic": "standard",
        }.get(row.get("Volume Type", ""))
        if volume is not None and row.get("Database Engine") in ("Any", "MySQL", "PostgreSQL", ""):
            return f"rds.storage.{volume}.{deployment}", "GB"
    return None


def _eks(row: Row) -> tuple[str, str] | None:
    usage = row.get("usageType", "")
    if usage.endswith("AmazonEKS-Hours:perCluster"):
        return "eks.cluster", "hours"
    if usage.endswith("AmazonEKS-Hours:extendedSupport"):
        return "eks.cluster.extended_support", "hours"
    return None


def _s3(row: Row) -> tuple[str, str] | None:
    if not row.get("usageType", "").endswith(
        "TimedStorage-ByteHrs"
    ) and "TimedStorage-SIA" not in row.get("usageType", ""):
        return None
    if row.get("StartingRange") not in ("0", "", None):
        return None  # the first tier: the mapper prices storage at the first tier's rate
    cls = {"Standard": "standard", "Standard - Infrequent Access": "standard_ia"}.get(
        row.get("Volume Type", "")
    )
    return (f"s3.{cls}.storage", "GB") if cls else None


RULES: dict[str, Rule] = {
    "AmazonEC2": _ec2,
    "AmazonEKS": _eks,
    "AmazonRDS": _rds,
    "AmazonS3": _s3,
    "AmazonVPC": _vpc,
}


def rows(lines: Iterator[str]) -> Iterator[Row]:
    """The price rows of a regional CSV offer file (after its metadata rows and header)."""
    header: list[str] | None = None
    meta = 0
    for record in csv.reader(lines):
        if meta < HEADER_ROWS:
            meta += 1
            continue
        if header is None:
            header = record
            if "PricePerUnit" not in header or "TermType" not in header:
                raise RefreshError("not an AWS price list CSV (no PricePerUnit/TermType columns)")
            continue
        if len(record) != len(header):
            raise RefreshError(
                f"malformed price list row {meta + 1}: {len(record)} fields, {len(header)} in the "
                "header; nothing written"
            )
        yield dict(zip(header, record, strict=True))
    if header is None:
        raise RefreshError("empty or truncated price list (no header); nothing written")


def regional(
    client: Client, endpoint: str, service: str, region: str, counter: list[int]
) -> tuple[list[Priced], str]:
    """The prices of one service in one region, and the file's publication date."""
    rule = RULES[service]
    index = client.json(f"{endpoint}/offers/v1.0/aws/index.json")
    offer = (index.get("offers") or {}).get(service)
    if not isinstance(offer, dict) or "currentRegionIndexUrl" not in offer:
        raise RefreshError(f"aws: the offer index lists no {service}; check --service")
    region_index = client.json(endpoint + offer["currentRegionIndexUrl"])
    entry = (region_index.get("regions") or {}).get(region)
    if entry is None:
        raise RefreshError(
            f"aws {service}: region {region} is not in the region index; check the region name"
        )
    url = endpoint + str(entry["currentVersionUrl"]).removesuffix(".json") + ".csv"
    out: list[Priced] = []
    published = str(region_index.get("publicationDate", ""))[:10]
    for row in rows(client.lines(url, conditional=True)):
        counter[0] += 1
        if row.get("TermType") != "OnDemand" or row.get("Currency") != "USD":
            continue
        found = rule(row)
        if found is None:
            continue
        key, unit = found
        try:
            price = Decimal(row["PricePerUnit"])
        except InvalidOperation:
            raise RefreshError(
                f"aws {service} {region}: price {row['PricePerUnit']!r} for {key}"
            ) from None
        if price < 0 or not price.is_finite():
            raise RefreshError(f"aws {service} {region}: negative price for {key}")
        out.append(Priced(key, region, price, unit))
    return out, published
