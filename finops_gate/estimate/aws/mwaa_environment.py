"""aws_mwaa_environment: https://aws.amazon.com/managed-workflows-for-apache-airflow/pricing/.

An environment of class ``mw1.small``, ``mw1.medium``, ``mw1.large``... (AWS's default
``mw1.small`` when unset, an assumption the report states) is billed per hour; so is each worker
and each scheduler beyond the ones the environment includes, at the class's rate, and the meta
database storage per GB-month (usage ``meta_database_gb``). The class is read case-insensitively.

Included: one worker, and the schedulers an environment runs by default: two on Apache Airflow
v2 and later, one on v1 (which accepts only one), and one on ``mw1.micro`` (one container is
its scheduler and its worker). Usage ``additional_workers`` / ``additional_schedulers`` (the
average count beyond those over the month) gives their hours. Without it the plan's floor is
priced: (``schedulers`` - included) x 730 (schedulers do not scale), and (``min_workers`` -
1) x 730 when over 0, said as an assumption (workers scale up from there; at 0 the line
depends on usage). A count left unset is usage's; one written with a value known only after
apply is unpriced, as is one that is no count (``Infinity``, ``-1``, ``2.5``).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    always_on,
    get,
    not_a_count,
    num,
    text,
    unknown_in_code,
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
WORKERS_INCLUDED = Decimal(1)


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
    tail = size.removeprefix(PREFIX)
    if not size.startswith(PREFIX) or not tail.isascii() or not tail.isalnum():
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
        _extra(resource, usage, f"Worker ({label})", f"mwaa.worker.{size}", WORKERS_INCLUDED),
        _extra(
            resource,
            usage,
            f"Scheduler ({label})",
            f"mwaa.scheduler.{size}",
            _schedulers_included(resource, size),
        ),
        usage_line("Meta database", "GB", "mwaa.database_storage", usage, "meta_database_gb"),
    ]


def _schedulers_included(resource: Resource, size: str) -> Decimal:
    version = text(resource, "airflow_version") or ""  # unset: the latest (v2 or later)
    return Decimal(1) if size == "micro" or version.startswith("1.") else Decimal(2)


def _extra(resource: Resource, usage: Usage, name: str, key: str, included: Decimal) -> CostLine:
    """Hours of the workers or schedulers beyond the ``included`` ones: usage's average count,
    else the plan's floor (see the module's docstring), else a line that depends on usage."""
    worker = key.startswith("mwaa.worker.")
    usage_key = "additional_workers" if worker else "additional_schedulers"
    path = "min_workers" if worker else "schedulers"
    stated = num(resource, path)
    why = None if stated is None else not_a_count(path, stated)
    if why is not None:  # a hostile count: unpriced, whatever usage says
        return unpriceable(name, "hours", why)
    if usage.number(usage_key) is not None:
        return always_on(name, "hours", key, usage, usage_key)
    if stated is None:
        if unknown_in_code(resource, path):
            return unknown_line(name, "hours", path)
        return always_on(name, "hours", key, usage, usage_key)
    floor = max(stated - included, Decimal(0))
    if not worker:
        return always_on(name, "hours", key, usage, usage_key, floor)
    if floor == 0:
        return always_on(name, "hours", key, usage, usage_key)
    said = f"{floor} ({path} {stated} less the {included} included; more while it scales up)"
    return always_on(name, "hours", key, usage, usage_key, floor, (usage_key, said))
