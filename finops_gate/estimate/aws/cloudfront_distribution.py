"""aws_cloudfront_distribution: https://aws.amazon.com/cloudfront/pricing/ (pay as you go).

CloudFront is global: its rates are the same whatever region the provider names. Everything but
dedicated-IP certificates depends on traffic, read from Infracost's usage keys:

- Per edge-location group (usage maps keyed ``us``, ``europe``, ``south_africa``,
  ``south_america``, ``japan``, ``australia``, ``asia_pacific``, ``india``):
  ``monthly_data_transfer_to_internet_gb`` in the monthly tiers (first 10 TB, next 40 TB, 100 TB,
  350 TB, 524 TB, 4 PB, over 5 PB), ``monthly_data_transfer_to_origin_gb``,
  ``monthly_http_requests`` and ``monthly_https_requests`` (per 10k). Without them, one
  "depends on usage" line per item for the US group. A key outside those groups is refused
  (unpriced, naming it), never dropped.
- ``monthly_invalidation_requests``: the first 1,000 paths a month are free, then per path.
- Field-level encryption (usage ``monthly_encryption_requests``, per 10k; shown when a cache
  behaviour sets ``field_level_encryption_id``), real-time logs (usage ``monthly_log_lines``, per
  1M; shown when a behaviour sets ``realtime_log_config_arn``).
- ``viewer_certificate[0].ssl_support_method = "vip"``: a dedicated-IP custom SSL certificate,
  $ per month each (usage ``custom_ssl_certificates``, default 1).
- Origin Shield (an origin with ``origin_shield`` enabled): requests at the rate of its
  ``origin_shield_region``, from usage ``monthly_shield_requests`` keyed by the group of that
  region. The catalog holds the sa-east-1 rate only; another region is unpriced, not $0.

``price_class`` is not modelled: usage given for a group the class excludes is priced at that
group's rate.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import blocks, is_on, text, tiers, unpriceable
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

TEN_K = Decimal(10_000)
GROUPS = {
    "us": "US, Mexico, Canada",
    "europe": "Europe, Israel",
    "south_africa": "South Africa, Kenya, Middle East",
    "south_america": "South America",
    "japan": "Japan",
    "australia": "Australia, New Zealand",
    "asia_pacific": "Hong Kong, Philippines, Asia Pacific",
    "india": "India",
}
TB = Decimal(1024)
DATA_OUT_TIERS = (
    ("first 10TB", 10 * TB),
    ("next 40TB", 40 * TB),
    ("next 100TB", 100 * TB),
    ("next 350TB", 350 * TB),
    ("next 524TB", 524 * TB),
    ("next 4PB", 4096 * TB),
    ("over 5PB", None),
)
# Origin Shield: AWS region -> the usage group its requests are given under (Infracost's keys)
SHIELD_GROUPS = {
    "us-east-1": "us",
    "us-east-2": "us",
    "us-west-2": "us",
    "eu-central-1": "europe",
    "eu-west-1": "europe",
    "eu-west-2": "europe",
    "sa-east-1": "south_america",
    "ap-northeast-1": "japan",
    "ap-southeast-2": "australia",
    "ap-southeast-1": "singapore",
    "ap-northeast-2": "south_korea",
    "ap-south-1": "india",
}
FREE_INVALIDATIONS = Decimal(1000)
PER_GROUP = (
    "monthly_data_transfer_to_origin_gb",
    "monthly_http_requests",
    "monthly_https_requests",
)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines: list[CostLine] = []
    behaviours = blocks(resource, "default_cache_behavior") + blocks(
        resource, "ordered_cache_behavior"
    )
    if usage.number("monthly_encryption_requests") is not None or any(
        b.get("field_level_encryption_id") for b in behaviours
    ):
        lines.append(
            _per(
                "Field level encryption requests",
                "10k requests",
                "cloudfront.encryption_requests",
                usage,
                "monthly_encryption_requests",
                TEN_K,
            )
        )
    if usage.number("monthly_log_lines") is not None or any(
        b.get("realtime_log_config_arn") for b in behaviours
    ):
        lines.append(
            _per(
                "Real-time log requests",
                "1M lines",
                "cloudfront.realtime_log_lines",
                usage,
                "monthly_log_lines",
                Decimal(1_000_000),
            )
        )
    if text(resource, "viewer_certificate.0.ssl_support_method") == "vip":
        certs = usage.number("custom_ssl_certificates")
        lines.append(
            CostLine(
                "Dedicated IP custom SSLs",
                "certificates",
                "cloudfront.dedicated_ip_ssl",
                Decimal(1) if certs is None else certs,
                usage_key="custom_ssl_certificates",
            )
        )
    lines.extend(_shield_lines(resource, usage))
    lines.extend(_invalidation_lines(usage))
    lines.extend(_group_lines(usage))
    return lines


def _per(name: str, unit: str, key: str, usage: Usage, usage_key: str, per: Decimal) -> CostLine:
    given = usage.number(usage_key)
    return CostLine(name, unit, key, None if given is None else given / per, usage_key=usage_key)


def _shield_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines = []
    regions = sorted(
        {
            str(o["origin_shield"][0].get("origin_shield_region"))
            for i, o in enumerate(blocks(resource, "origin"))
            if isinstance(o.get("origin_shield"), list)
            and o["origin_shield"]
            and isinstance(o["origin_shield"][0], dict)
            and is_on(o["origin_shield"][0].get("enabled"), f"origin.{i}.origin_shield.0.enabled")
        }
    )
    for region in regions:
        group = SHIELD_GROUPS.get(region)
        name = f"Origin shield HTTP requests ({region})"
        if group is None:
            lines.append(
                unpriceable(name, "10k requests", f"{region} is not an Origin Shield region")
            )
            continue
        flat = usage.values.get("monthly_shield_requests")
        if flat is not None and not isinstance(flat, dict):
            why = (
                f"usage monthly_shield_requests must map groups to requests, e.g. {{{group}: 1000}}"
            )
            lines.append(unpriceable(name, "10k requests", why))
            continue
        given = usage.number(f"monthly_shield_requests.{group}")
        lines.append(
            CostLine(
                name,
                "10k requests",
                f"cloudfront.origin_shield.{region}",
                None if given is None else given / TEN_K,
                usage_key="monthly_shield_requests",
            )
        )
    return lines


def _invalidation_lines(usage: Usage) -> list[CostLine]:
    paths = usage.number("monthly_invalidation_requests")
    key = "monthly_invalidation_requests"
    if paths is None:
        return [
            CostLine(
                "Invalidation requests (first 1k)",
                "paths",
                "cloudfront.invalidations.tier1",
                None,
                usage_key=key,
            )
        ]
    lines = [
        CostLine(
            "Invalidation requests (first 1k)",
            "paths",
            "cloudfront.invalidations.tier1",
            min(paths, FREE_INVALIDATIONS),
            usage_key=key,
        )
    ]
    if paths > FREE_INVALIDATIONS:
        lines.append(
            CostLine(
                "Invalidation requests (over 1k)",
                "paths",
                "cloudfront.invalidations.tier2",
                paths - FREE_INVALIDATIONS,
                usage_key=key,
            )
        )
    return lines


def _group_lines(usage: Usage) -> list[CostLine]:
    given = {
        key: value
        for key in ("monthly_data_transfer_to_internet_gb", *PER_GROUP)
        if isinstance(value := usage.values.get(key), dict)
    }
    for key in ("monthly_data_transfer_to_internet_gb", *PER_GROUP):
        usage.number(key)  # read, even when not given: a typo nearby gets a did-you-mean
    flat = [
        key
        for key in ("monthly_data_transfer_to_internet_gb", *PER_GROUP)
        if key not in given and usage.values.get(key) is not None
    ]
    if flat:
        # a single figure says nothing of where it is served, and each group has its rates:
        # refused, naming the keys, never dropped for "depends on usage"
        return [
            unpriceable(
                "Edge locations",
                "GB",
                f"usage {', '.join(flat)} must map edge-location groups to amounts "
                f"({', '.join(GROUPS)}), e.g. {{us: 1000}}",
            )
        ]
    unknown = sorted({g for value in given.values() for g in value if g not in GROUPS})
    if unknown:
        return [
            unpriceable(
                "Edge locations",
                "GB",
                f"usage groups {', '.join(map(str, unknown))} are not CloudFront edge-location "
                f"groups ({', '.join(GROUPS)})",
            )
        ]
    groups = [g for g in GROUPS if any(g in value for value in given.values())] or ["us"]
    lines: list[CostLine] = []
    for group in groups:
        label = GROUPS[group]
        out = usage.number(f"monthly_data_transfer_to_internet_gb.{group}")
        bands = [
            (
                f"{label} / Data transfer out to internet ({name})",
                f"cloudfront.{group}.data_out.tier{i}",
                size,
            )
            for i, (name, size) in enumerate(DATA_OUT_TIERS, start=1)
        ]
        lines.extend(tiers(out, bands, "GB", "monthly_data_transfer_to_internet_gb"))
        origin = usage.number(f"monthly_data_transfer_to_origin_gb.{group}")
        lines.append(
            CostLine(
                f"{label} / Data transfer out to origin",
                "GB",
                f"cloudfront.{group}.data_to_origin",
                origin,
                usage_key="monthly_data_transfer_to_origin_gb",
            )
        )
        for key, name, item in (
            ("monthly_http_requests", "HTTP requests", "http_requests"),
            ("monthly_https_requests", "HTTPS requests", "https_requests"),
        ):
            count = usage.number(f"{key}.{group}")
            lines.append(
                CostLine(
                    f"{label} / {name}",
                    "10k requests",
                    f"cloudfront.{group}.{item}",
                    None if count is None else count / TEN_K,
                    usage_key=key,
                )
            )
    return lines
