"""AWS Glue: https://aws.amazon.com/glue/pricing/ (ETL jobs, crawlers, the Data Catalog).

- ``aws_glue_job``: DPU-hours, the job's DPUs x the hours it runs a month (usage
  ``monthly_hours``, Infracost's key). The DPUs: ``number_of_workers`` x the DPUs of its
  ``worker_type`` (G.025X 0.25, Standard and G.1X 1, G.2X 2, G.4X 4, G.8X 8), else
  ``max_capacity``, else AWS's documented default (10 DPUs for a Spark or streaming job, 0.0625
  for a Python shell job), said as an assumption. Spark, streaming and Python shell jobs share
  the $0.44 DPU-hour; the Flex execution class has a rate of its own. Ray jobs (M-DPU-hours), the
  memory-optimized R and Ray Z worker types, and workers with no ``worker_type`` (Glue documents
  no default worker type) are unpriced with the reason. The per-run minimum (1 minute, 10 for
  Glue 0.9/1.0) is in the hours the usage gives.
- ``aws_glue_crawler``: crawler DPU-hours from usage ``monthly_hours`` (Infracost's key, read as
  DPU-hours: AWS chooses how many DPUs a crawl takes and bills them per DPU-hour, with a 10-minute
  minimum per crawl).
- ``aws_glue_catalog_database``: objects stored, per 100,000 a month (usage
  ``monthly_objects``), and requests, per million (usage ``monthly_requests``). The first million
  objects stored and the first million requests a month are free per account, not per
  database: an account-wide free tier is not taken off (as for Lambda, SQS and SNS), so each
  database's lines are what its objects and requests cost beyond it.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    MILLION,
    blocks,
    get,
    is_unknown,
    not_a_count,
    num,
    text,
    unknown_in_code,
    unknown_line,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

UNIT = "DPU-hours"
NAME = "Duration"
HOURS = "monthly_hours"
# worker_type -> DPUs per worker (the price page and the Glue API's WorkerType)
WORKER_DPUS = {
    "G.025X": Decimal("0.25"),
    "Standard": Decimal(1),
    "G.1X": Decimal(1),
    "G.2X": Decimal(2),
    "G.4X": Decimal(4),
    "G.8X": Decimal(8),
}
# command.name -> AWS's default DPUs when neither workers nor max_capacity are set
DEFAULT_DPUS = {
    "glueetl": Decimal(10),
    "gluestreaming": Decimal(10),
    "pythonshell": Decimal("0.0625"),
}
HUNDRED_K = Decimal(100_000)


def job_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    command = text(resource, "command.0.name")
    if command is None and is_unknown(resource, "command.0.name"):
        return [unknown_line(NAME, UNIT, "command.0.name")]
    if get(resource, "command") is not None and not blocks(resource, "command"):
        return [unpriceable(NAME, UNIT, "command is not a block; fix it")]
    command = command or "glueetl"  # the provider's default
    if command not in DEFAULT_DPUS:
        why = f"{command[:40]} jobs are not priced yet (Ray jobs are billed per M-DPU-hour)"
        return [unpriceable(NAME, UNIT, why)]
    dpus = _dpus(resource, command)
    if isinstance(dpus, CostLine):
        return [dpus]
    count, assumed = dpus
    execution = text(resource, "execution_class")
    if execution is None and get(resource, "execution_class") is not None:
        return [unpriceable(NAME, UNIT, "execution_class is not a text value; fix it")]
    flex = (execution or "STANDARD").upper() == "FLEX"  # STANDARD: AWS's default
    key = "glue.job.flex.dpu_hours" if flex else "glue.job.dpu_hours"
    label = f"{NAME} ({_shown(count)} DPUs{', Flex' if flex else ''})"
    hours = usage.number(HOURS)
    quantity = None if hours is None else hours * count
    return [CostLine(label, UNIT, key, quantity, usage_key=HOURS, assumption=assumed)]


def _dpus(resource: Resource, command: str) -> tuple[Decimal, tuple[str, str] | None] | CostLine:
    """The job's DPUs and the assumption they rest on, or the line that says why not."""
    workers = num(resource, "number_of_workers")
    worker = text(resource, "worker_type")
    capacity = num(resource, "max_capacity")
    # the code sets one to a value known only after apply: no default may stand in for it
    # (a plan shows these computed attributes unknown when left unset too: then it may)
    for path, value in (
        ("number_of_workers", workers),
        ("worker_type", worker),
        ("max_capacity", capacity),
    ):
        if value is None and unknown_in_code(resource, path):
            return unknown_line(NAME, UNIT, path)
    if workers is not None:
        why = not_a_count("number_of_workers", workers)
        if why is not None:
            return unpriceable(NAME, UNIT, why)
        if worker is None:
            why = (
                "number_of_workers is set without worker_type: Glue takes the two together "
                "and documents no default worker type; set worker_type"
            )
            return unpriceable(NAME, UNIT, why)
        per = WORKER_DPUS.get(worker)
        if per is None:
            return unpriceable(NAME, UNIT, f"worker type {worker[:20]} is not priced yet")
        return workers * per, None
    if worker is not None:  # a worker type whose count is known only after apply
        return unknown_line(NAME, UNIT, "number_of_workers")
    if capacity is not None:
        # a Python shell job takes 0.0625 DPU: a capacity is a positive amount, not a count
        why = not_a_count("max_capacity", capacity, least=DEFAULT_DPUS["pythonshell"], whole=False)
        return (capacity, None) if why is None else unpriceable(NAME, UNIT, why)
    default = DEFAULT_DPUS[command]
    why = f"{_shown(default)}: AWS's default DPUs for a {command} job with no capacity set"
    return default, ("max_capacity", why)


def _shown(count: Decimal) -> str:
    return format(count.normalize(), "f")


def crawler_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    del resource  # every crawler is billed the same way
    return [usage_line(NAME, UNIT, "glue.crawler.dpu_hours", usage, HOURS)]


def catalog_database_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    del resource  # the catalog's objects and requests are usage
    return [
        usage_line(
            "Storage", "100k objects", "glue.catalog.storage", usage, "monthly_objects", HUNDRED_K
        ),
        usage_line(
            "Requests", "1M requests", "glue.catalog.requests", usage, "monthly_requests", MILLION
        ),
    ]
