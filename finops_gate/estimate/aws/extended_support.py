"""Extended support: https://aws.amazon.com/eks/pricing/ and the RDS engine pricing pages.

A version past its end of standard support (``support_calendar.yml``) on the report's price date
is billed the extended-support rate: EKS per cluster-hour instead of the standard rate, RDS per
vCPU-hour of the instance class on top of the instance. RDS rates differ in year 3; the catalog
holds years 1-2, so a year-3 date is named and left unpriced, never priced at the year-1 rate.
"""

from __future__ import annotations

import functools
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from finops_gate.estimate.aws._common import (
    flag,
    num,
    text,
    unknown_in_code,
    unknown_line,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

_CALENDAR = Path(__file__).with_name("support_calendar.yml")
_SHAPES = Path(__file__).parents[1] / "data" / "ec2_shapes.json"
FREE_PI_DAYS = 7
AURORA_MYSQL_2 = ("5.7", "2.")  # Aurora MySQL version 2 is MySQL 5.7 compatible


@functools.cache
def _calendar() -> dict[str, Any]:
    import yaml  # only for a version to look up (start-up)

    data: dict[str, Any] = yaml.safe_load(_CALENDAR.read_text(encoding="utf-8"))
    return data


@functools.cache
def _shapes_text() -> str:
    return _SHAPES.read_text(encoding="utf-8")


@functools.cache
def _vcpus() -> dict[str, int]:
    data = json.loads(_shapes_text())
    return {k: int(v[0]) for k, v in data["types"].items()}


# The shape table is written compactly, its ``types`` last (``{..., "types": {"a1.large": [2,
# "4096", 0], ...}}`` without spaces): a type is found by its key's text, ``"<type>":[``, after
# where ``types`` opens. A small run asks for one or two types of the ~900, and parsing the
# whole 38 KB table cost about 6 million instructions, 2% of a one-instance run (issue 18,
# bench/bench_startup.py); after _LOOKUPS distinct types (a large plan: each search scans the
# text), for a type JSON would write escaped, or a table written another way, it is parsed once.
_TYPES_OPEN = '"types":{'
_LOOKUPS = 16
_FOUND: dict[str, int | None] = {}
_DECODER = json.JSONDecoder()


def credit_vcpu_hours(usage: Usage, instance_type: str) -> Decimal | None:
    """Surplus CPU credits of a burstable instance, in vCPU-hours: usage
    ``monthly_cpu_credit_hrs`` (the hours it bursts) x the type's vCPUs (usage ``vcpu_count``
    overrides the table; an RDS class without ``db.``); None when either is not known. The one
    reading of that usage key for EC2, RDS, Aurora, DocumentDB and Neptune."""
    hrs, vcpus = usage.number("monthly_cpu_credit_hrs"), usage.number("vcpu_count")
    if vcpus is None and (known := vcpus_of(instance_type)) is not None:
        vcpus = Decimal(known)
    return None if hrs is None or vcpus is None else hrs * vcpus


def vcpus_of(instance_type: str) -> int | None:
    """vCPUs of an EC2 instance type (an RDS class without ``db.``), from the shape table."""
    try:
        return _FOUND[instance_type]
    except KeyError:
        pass
    if len(_FOUND) >= _LOOKUPS or not _is_plain(instance_type):
        return _vcpus().get(instance_type)
    text = _shapes_text()
    start = text.find(_TYPES_OPEN)
    if start < 0:
        return _vcpus().get(instance_type)
    key = f'"{instance_type}":['
    at = text.find(key, start + len(_TYPES_OPEN) - 1)
    if at < 0:
        found = None
    else:
        shape, _ = _DECODER.raw_decode(text, at + len(key) - 1)
        found = int(shape[0])
    _FOUND[instance_type] = found
    return found


def _is_plain(text: str) -> bool:
    """Whether JSON writes ``text`` as it is (ASCII; no quote, backslash, control character)."""
    return text.isascii() and text.isprintable() and '"' not in text and "\\" not in text


def eks_extended(version: str | None, on: date | None) -> bool | None:
    """True when a cluster on ``version`` is in extended support on ``on``; None: cannot tell
    (a version in the calendar, but no price date)."""
    if version is None:
        return False
    minor = ".".join(version.split(".")[:2])
    ends = _calendar()["eks"].get(minor)
    if ends is None:
        return False
    return None if on is None else on > ends


def rds_major(engine: str, version: str) -> str:
    parts = version.split(".")
    if engine in ("mysql", "aurora", "aurora-mysql"):
        if engine != "mysql" and version.startswith(AURORA_MYSQL_2):
            return "5.7"
        return ".".join(parts[:2])
    return parts[0]


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def rds_lines(
    engine: str,
    version: str | None,
    klass: str,
    on: date | None,
    *,
    instances: int = 1,
    acu_hours: Decimal | None = None,
) -> list[CostLine]:
    """The extended-support line of an RDS/Aurora instance, if its version needs one.
    ``instances``: 2 for a Multi-AZ instance, whose standby is billed extended support too
    (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support-charges.html).
    ``klass`` ``db.serverless``: per ACU-hour, ``acu_hours`` (None: depends on usage)."""
    if version is None:
        return []
    family = "aurora-mysql" if engine == "aurora" else engine
    ends = _calendar()["rds"].get(family, {}).get(rds_major(family, version))
    if ends is None:
        return []
    name = "Extended support"
    if on is None:
        why = f"{engine} {version} is billed extended support after {ends}; no price date given"
        return [CostLine(name, "vCPU-hours", "", None, unknown_reason=why)]
    if on <= ends:
        return []
    last = _calendar()["extended_ends"].get(family, {}).get(rds_major(family, version))
    if last is not None and on > last:
        why = (
            f"{engine} {version}: RDS Extended Support ended {last}; AWS no longer runs this"
            " version (it is upgraded), so what it will cost is not known"
        )
        return [CostLine(name, "vCPU-hours", "", None, unknown_reason=why)]
    year3 = on > _years_later(ends, 2) and family not in _calendar()["year1_only"]
    key = "rds.extended_support.year3" if year3 else "rds.extended_support.year1"
    label = f"{name} (year 3)" if year3 else f"{name} (years 1-2)"
    if klass == "db.serverless":
        # Aurora Serverless v2 is billed extended support per ACU-hour, a rate of its own
        # (https://aws.amazon.com/rds/aurora/pricing/): never the per-vCPU one, never none
        key = key.replace("rds.extended_support.", "rds.extended_support.serverless.")
        return [
            CostLine(
                f"{label} (serverless)",
                "ACU-hours",
                key,
                acu_hours,
                usage_key="capacity_units_per_hr",
            )
        ]
    vcpus = vcpus_of(klass.removeprefix("db."))
    if vcpus is None:
        return [CostLine(name, "vCPU-hours", "", None, unknown_reason=f"vCPUs of {klass} unknown")]
    return [CostLine(label, "vCPU-hours", key, HOURS_PER_MONTH * Decimal(vcpus * instances))]


def unknown_version_lines(resource: Resource, engine: str) -> list[CostLine]:
    """An Extended support line unpriced when the code writes ``engine_version`` with a value
    it does not tell (a module input) on an engine AWS bills extended support for: never none.
    Left unset, RDS picks its default version, in standard support: no line."""
    family = "aurora-mysql" if engine == "aurora" else engine
    # (the cheap test first: the calendar is YAML, read only where a version is to be looked up)
    if not unknown_in_code(resource, "engine_version") or family not in _calendar()["rds"]:
        return []
    why = " (a version past its end of standard support bills extended support)"
    return [unknown_line("Extended support", "vCPU-hours", "engine_version", why)]


ADVANCED = "advanced"
INSIGHTS_KEY = "cloudwatch.database_insights.advanced"


def database_insights_lines(
    resource: Resource, klass: str | None, *, instances: int = 1
) -> list[CostLine]:
    """CloudWatch Database Insights in Advanced mode (``database_insights_mode``), billed per
    vCPU-hour of the monitored instance (https://aws.amazon.com/cloudwatch/pricing/, Database
    Insights; ``INSIGHTS_KEY``); Standard mode (the default) costs nothing. A mode the code does
    not tell is unknown, never Standard. ``klass`` None: an Aurora cluster, whose mode bills
    each of its instances at the same rate (the cluster's one line: its instances are not
    joined to it, so it is unpriced naming the key, and the instances bill no second line)."""
    mode = text(resource, "database_insights_mode")
    name = "Database Insights (advanced mode)"
    if klass is None:
        name = "Database Insights (advanced mode, every instance of the cluster)"
    if mode is None and unknown_in_code(resource, "database_insights_mode"):
        return [unknown_line(name, "vCPU-hours", "database_insights_mode")]
    if mode != ADVANCED:
        return []
    if klass is None:
        why = (
            f"billed at {INSIGHTS_KEY} per vCPU-hour (ACU-hour on Serverless v2) of each"
            " instance of the cluster, which the cluster does not list"
        )
        return [unpriceable(name, "vCPU-hours", why)]
    vcpus = vcpus_of(klass.removeprefix("db."))
    if vcpus is None:
        return [unpriceable(name, "vCPU-hours", f"vCPUs of {klass} unknown")]
    hours = HOURS_PER_MONTH * Decimal(vcpus * instances)
    return [CostLine(f"{name} ({klass})", "vCPU-hours", INSIGHTS_KEY, hours)]


def performance_insights_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    """Performance Insights beyond the free 7 days: long-term retention is priced per vCPU of
    the class per month (``rds.performance_insights.retention.<class>``: the rate depends on
    the class, and a class the catalog lacks is unpriced, never $0), on Serverless v2 per ACU
    of usage ``capacity_units_per_hr``; API calls beyond the free tier from usage
    ``monthly_additional_performance_insights_requests`` (per 1,000)."""
    name = "Performance Insights long-term retention"
    if flag(resource, "performance_insights_enabled") is not True:
        if unknown_in_code(resource, "performance_insights_enabled"):
            # a switch the code sets to a value it does not tell: never off
            return [unknown_line(name, "vCPU-months", "performance_insights_enabled")]
        return []
    out: list[CostLine] = []
    days = num(resource, "performance_insights_retention_period")
    if days is None and unknown_in_code(resource, "performance_insights_retention_period"):
        out.append(unknown_line(name, "vCPU-months", "performance_insights_retention_period"))
    elif (
        days is not None
        and days > FREE_PI_DAYS
        and text(resource, "database_insights_mode") != ADVANCED
    ):
        # Advanced mode keeps 15 months "at no additional cost besides Database Insights"
        out.append(_retention_line(text(resource, "instance_class"), usage))
    out.append(
        usage_line(
            "Performance Insights API",
            "1000 requests",
            "rds.performance_insights.api",
            usage,
            "monthly_additional_performance_insights_requests",
            Decimal(1000),
        )
    )
    return out


def _retention_line(klass: str | None, usage: Usage) -> CostLine:
    name = "Performance Insights long-term retention"
    key = "rds.performance_insights.retention"
    if klass is None:
        return unpriceable(name, "vCPU-months", "instance_class is unknown until apply")
    if klass == "db.serverless":
        acu = usage.number("capacity_units_per_hr")
        return CostLine(
            f"{name} (serverless)",
            "ACU-months",
            f"{key}.serverless",
            acu,
            usage_key="capacity_units_per_hr",
        )
    vcpus = vcpus_of(klass.removeprefix("db."))
    if vcpus is None:
        return unpriceable(f"{name} ({klass})", "vCPU-months", f"vCPUs of {klass} unknown")
    return CostLine(f"{name} ({klass})", "vCPU-months", f"{key}.{klass}", Decimal(vcpus))
