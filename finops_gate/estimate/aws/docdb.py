"""Amazon DocumentDB: https://aws.amazon.com/documentdb/pricing/ (instance-based clusters).

- ``aws_docdb_cluster_instance``: instance hours for ``instance_class``
  (``docdb.instance.<class>``); burstable classes (``db.t3.*``, ``db.t4g.*``) add CPU credits:
  usage ``monthly_cpu_credit_hrs`` (the hours it bursts) x the class's vCPUs (usage
  ``vcpu_count`` overrides), as for RDS and EC2, at the rate of the class's family
  (``docdb.cpu_credits.db.t3``). Storage and I/O are the cluster's: an instance
  bills neither: usage ``data_storage_gb`` or ``monthly_io_requests`` given on an instance (as
  Infracost's usage files do) is read and said to belong on the cluster, whose volume is billed
  once however many instances share it. ``instance_class = "db.serverless"`` is unpriced (its
  capacity units are not modelled).
- ``aws_docdb_cluster``: the cluster volume, usage ``data_storage_gb`` per GB-month and
  ``monthly_io_requests`` per 1M requests; backup storage beyond the free allowance (100% of the
  cluster's storage, and the retention period's backups within it), usage ``backup_storage_gb``.
- ``aws_docdb_cluster_snapshot``: a manual snapshot is backup storage, usage
  ``backup_storage_gb``.

An I/O-Optimized cluster (``storage_type = "iopt1"``, on the ``aws_docdb_cluster`` that
``cluster_identifier`` names for an instance, joined by the plan and .tf readers) has no I/O
charge and rates of its own: ``docdb.instance.<class>.io_optimized`` and
``docdb.storage_io_optimized``, never the Standard ones (the shipped catalog holds none of them:
those lines are unpriced, naming the key, until a refreshed catalog supplies it). An instance
whose cluster is not in the change is priced at the Standard rate, said as an assumption; one
whose cluster writes ``storage_type`` with a value known only after apply is unpriced, naming it.
"""

from __future__ import annotations

from dataclasses import replace

from finops_gate.estimate.aws._common import (
    MILLION,
    related,
    related_unknown,
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.aws.extended_support import credit_vcpu_hours
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

IO_OPTIMIZED = "iopt1"
BURSTABLE = ("db.t3.", "db.t4g.")


# Infracost's usage files give the cluster volume on each instance: read, billed on the cluster
_VOLUME_KEYS = ("data_storage_gb", "monthly_io_requests")


def instance_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines = instance_cost_lines("docdb", "DocumentDB", resource, usage)
    given = [key for key in _VOLUME_KEYS if usage.number(key) is not None]
    if given:
        note = (
            f"usage {' and '.join(given)} {'is' if len(given) == 1 else 'are'} not billed on an"
            " instance: a DocumentDB cluster volume is billed once, on its aws_docdb_cluster;"
            " give it there"
        )
        lines[0] = replace(lines[0], note=note)
    return lines


def instance_cost_lines(
    service: str, title: str, resource: Resource, usage: Usage
) -> list[CostLine]:
    """Instance hours and CPU credits of a DocumentDB or Neptune instance (``service`` is the
    key prefix), at the I/O-Optimized rate of the class on an I/O-Optimized cluster."""
    klass = text(resource, "instance_class")
    if klass is None:
        return [unknown_line("Database instance (on-demand)", "hours", "instance_class")]
    if klass == "db.serverless":  # capacity units per hour from usage: not modelled yet
        return [
            unpriceable(
                "Serverless capacity", "capacity unit-hours", f"{title} Serverless is not priced"
            )
        ]
    cluster = related(resource, "cluster")
    if related_unknown(cluster, "storage_type"):
        # standard or I/O-Optimized rates: which one is known only after apply
        why = " (an I/O-Optimized cluster bills its instances at a higher rate than a standard one)"
        return [
            unknown_line(
                "Database instance (on-demand)", "hours", "the cluster's storage_type", why
            )
        ]
    optimized = cluster is not None and cluster.get("storage_type") == IO_OPTIMIZED
    name = f"Database instance (on-demand, {'I/O-optimized, ' if optimized else ''}{klass})"
    suffix = ".io_optimized" if optimized else ""
    # a cluster the change does not hold: its storage type is not known, so the Standard rate
    # (the lower one) is an assumption the report says, never a silent choice
    assumed = (
        None if cluster is not None else ("cluster storage_type", "standard (not in this change)")
    )
    key = f"{service}.instance.{klass}{suffix}"
    lines = [CostLine(name, "hours", key, HOURS_PER_MONTH, assumption=assumed)]
    if klass.startswith(BURSTABLE):
        # the hours it bursts x the class's vCPUs (usage vcpu_count overrides), as for RDS and
        # EC2: one key means one thing in every usage file
        family = klass.rsplit(".", 1)[0]
        lines.append(
            CostLine(
                "CPU credits",
                "vCPU-hours",
                f"{service}.cpu_credits.{family}",
                credit_vcpu_hours(usage, klass.removeprefix("db.")),
                usage_key="monthly_cpu_credit_hrs",
            )
        )
    return lines


def cluster_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        *volume_lines("docdb", resource, usage, "data_storage_gb"),
        usage_line("Backup storage", "GB", "docdb.backup_storage", usage, "backup_storage_gb"),
    ]


def volume_lines(
    service: str, resource: Resource, usage: Usage, storage_key: str
) -> list[CostLine]:
    """The cluster volume: storage per GB-month and I/O requests (none on I/O-Optimized)."""
    stype = text(resource, "storage_type")
    if unknown_setting(resource, "storage_type", computed=True):
        return [unknown_line("Storage", "GB", "storage_type")]
    if stype == IO_OPTIMIZED:
        key = f"{service}.storage_io_optimized"
        return [usage_line("Storage (I/O-optimized)", "GB", key, usage, storage_key)]
    if stype not in (None, "", "standard"):
        return [unpriceable(f"Storage ({stype})", "GB", f"storage_type {stype!r} is not known")]
    return [
        usage_line("Storage", "GB", f"{service}.storage", usage, storage_key),
        usage_line(
            "I/O requests",
            "1M requests",
            f"{service}.io_requests",
            usage,
            "monthly_io_requests",
            MILLION,
        ),
    ]


def snapshot_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        usage_line("Backup storage", "GB", "docdb.backup_storage", usage, "backup_storage_gb"),
    ]
