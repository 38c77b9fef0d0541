"""aws_mwaa_environment: https://aws.amazon.com/managed-workflows-for-apache-airflow/pricing/.

An environment of class ``mw1.small``, ``mw1.medium``, ``mw1.large``... (AWS's default
``mw1.small`` when unset, an assumption the report states) is billed per hour; so is each worker
and each scheduler beyond the ones the environment includes (usage ``additional_workers``,
``additional_schedulers``: the average count over the month), at the class's rate, and the meta
database storage per GB-month (usage ``meta_database_gb``). The class is read case-insensitively.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import (
    get,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

CLASS = "environment_class"
DEFAULT = "mw1.small"
PREFIX = "mw1."


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    given = text(resource, CLASS)
    assumed = None
    if given is None and get(resource, CLASS) is not None:  # a list or a map: no class
        return [unpriceable("Environment", "hours", f"{CLASS} is not a text value")]
    if given is None:
        # computed by the provider: a plan shows it unknown when left unset, and AWS's default
        # applies; only code that writes an expression the reader cannot tell is unknown
        if unknown_setting(resource, CLASS, computed=True):
            return [unknown_line("Environment", "hours", CLASS)]
        given, assumed = DEFAULT, (CLASS, f"{DEFAULT} (AWS's default)")
    size = given.strip().lower()
    if not size.startswith(PREFIX) or not size.removeprefix(PREFIX).isalnum():
        return [unpriceable("Environment", "hours", f"{CLASS} {given!r} is not an MWAA class")]
    size = size.removeprefix(PREFIX)
    label = size.capitalize()
    return [
        CostLine(
            f"Environment ({label})",
            "hours",
            f"mwaa.environment.{size}",
            HOURS_PER_MONTH,
            assumption=assumed,
        ),
        _extra(f"Worker ({label})", f"mwaa.worker.{size}", usage, "additional_workers"),
        _extra(f"Scheduler ({label})", f"mwaa.scheduler.{size}", usage, "additional_schedulers"),
        usage_line("Meta database", "GB", "mwaa.database_storage", usage, "meta_database_gb"),
    ]


def _extra(name: str, key: str, usage: Usage, usage_key: str) -> CostLine:
    """Hours of the workers or schedulers beyond those included: the average count x 730."""
    count = usage.number(usage_key)
    hours = None if count is None else count * HOURS_PER_MONTH
    return CostLine(name, "hours", key, hours, usage_key=usage_key)
