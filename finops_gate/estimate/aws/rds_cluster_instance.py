"""aws_rds_cluster_instance: https://aws.amazon.com/rds/aurora/pricing/ (Aurora instances).

- Provisioned instances: hours for ``engine`` x ``instance_class`` (Aurora has no Multi-AZ rate:
  each replica is its own instance).
- ``instance_class = "db.serverless"`` (Serverless v2): ACU-hours from usage
  ``capacity_units_per_hr`` x 730.
- The storage configuration of the cluster (the ``aws_rds_cluster`` that ``cluster_identifier``
  names, joined by the plan and .tf readers) sets the rates: an I/O-Optimized cluster
  (``storage_type = "aurora-iopt1"``) bills its instances and ACUs at the I/O-Optimized rates
  (``rds.instance.<engine>.<class>.io_optimized``, ``rds.<engine>.serverless_v2_io_optimized``;
  https://aws.amazon.com/rds/aurora/pricing/), never the Standard ones; a cluster outside the
  plan (said as an assumption), or one that leaves ``storage_type`` unset, is Aurora Standard;
  a cluster that sets it to a value known only after apply leaves the instance unpriced.
- Extended support and Performance Insights as for aws_db_instance (extended_support.py). An
  instance that leaves ``engine_version`` unset runs its cluster's (the plan shows it unknown):
  the version is read from the joined cluster, so that a cluster in extended support bills it on
  each of its instances.
- Burstable classes (db.t*): CPU credits from usage ``monthly_cpu_credit_hrs`` x the
  class's vCPUs (usage ``vcpu_count`` overrides).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from finops_gate.estimate.aws._common import inherit, related, related_unknown, text, unknown_line
from finops_gate.estimate.aws.extended_support import (
    credit_vcpu_hours,
    performance_insights_lines,
    rds_lines,
    unknown_version_lines,
)
from finops_gate.estimate.aws.reserved import reserved_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

IO_OPTIMIZED = "aurora-iopt1"
_CLASS_LINE = "Database instance (on-demand)"
_WHY = " (an I/O-Optimized cluster bills its instances at a higher rate than a Standard one)"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    engine = text(resource, "engine")
    klass = text(resource, "instance_class")
    if engine is None:
        return [unknown_line("Database instance (on-demand)", "hours", "engine")]
    if klass is None:
        return [unknown_line("Database instance (on-demand)", "hours", "instance_class")]
    cluster = related(resource, "cluster")
    if related_unknown(cluster, "storage_type"):
        # Standard or I/O-Optimized rates: which one is known only after apply
        return [unknown_line(_CLASS_LINE, "hours", "the cluster's storage_type", _WHY)]
    optimized = cluster is not None and cluster.get("storage_type") == IO_OPTIMIZED
    # a cluster the change does not hold: its storage configuration is not known, so the
    # Standard rates (the lower ones) are an assumption the report says, as for DocumentDB
    assumed = (
        None
        if cluster is not None
        else ("cluster storage_type", "aurora (Standard; not in this change)")
    )
    version = _version(resource, cluster)
    if klass == "db.serverless":
        acu = usage.number("capacity_units_per_hr")
        acu_hours = None if acu is None else acu * HOURS_PER_MONTH
        return [
            CostLine(
                "Aurora serverless v2 (I/O-optimized)" if optimized else "Aurora serverless v2",
                "ACU-hours",
                f"rds.{engine}.serverless_v2{'_io_optimized' if optimized else ''}",
                acu_hours,
                usage_key="capacity_units_per_hr",
                assumption=assumed,
            ),
            *rds_lines(engine, version, klass, usage.on, acu_hours=acu_hours),
            *([] if version is not None else _unknown_version(resource, cluster, engine)),
            *performance_insights_lines(_with_cluster_insights(resource, cluster), usage),
        ]
    lines = [
        reserved_line(
            CostLine(
                f"Database instance (on-demand, {'I/O-optimized, ' if optimized else ''}{klass})",
                "hours",
                f"rds.instance.{engine}.{klass}{'.io_optimized' if optimized else ''}",
                HOURS_PER_MONTH,
                assumption=assumed,
            ),
            usage,
        ),
        *rds_lines(engine, version, klass, usage.on),
        *([] if version is not None else _unknown_version(resource, cluster, engine)),
        *performance_insights_lines(_with_cluster_insights(resource, cluster), usage),
    ]
    if klass.startswith("db.t"):
        lines.append(
            CostLine(
                "CPU credits",
                "vCPU-hours",
                "rds.aurora.cpu_credits",
                credit_vcpu_hours(usage, klass.removeprefix("db.")),
                usage_key="monthly_cpu_credit_hrs",
            )
        )
    return lines


def _version(resource: Resource, cluster: Mapping[str, Any] | None) -> str | None:
    """The instance's ``engine_version``, else its cluster's (which the instance runs)."""
    own = text(resource, "engine_version")
    if own is not None or cluster is None:
        return own
    found = cluster.get("engine_version")
    return found if isinstance(found, str) and found else None


def _unknown_version(
    resource: Resource, cluster: Mapping[str, Any] | None, engine: str
) -> list[CostLine]:
    """The extended-support line of a version not known: the instance runs its cluster's, so
    with the cluster joined it is unknown only when the cluster's code writes it so (an instance
    writing ``engine_version = aws_rds_cluster.x.engine_version`` of a cluster that leaves it
    unset runs AWS's default version, in standard support)."""
    if cluster is None:
        return unknown_version_lines(resource, engine)
    return unknown_version_lines(replace(resource, attributes=dict(cluster)), engine)


# the Database Insights mode too: Advanced mode keeps 15 months of history at no extra cost,
# so a cluster in Advanced mode bills no long-term retention on its instances
_INSIGHTS = (
    "performance_insights_enabled",
    "performance_insights_retention_period",
    "database_insights_mode",
)


def _with_cluster_insights(resource: Resource, cluster: Mapping[str, Any] | None) -> Resource:
    """``resource`` with the Performance and Database Insights settings of its cluster where it
    leaves its own unset: set on an Aurora cluster they apply to every instance, each billed
    for them (RDS API DBCluster: "only for Aurora DB clusters and Multi-AZ DB clusters")."""
    if cluster is None:
        return resource
    taken = {
        key: cluster[key]
        for key in _INSIGHTS
        if resource.attributes.get(key) is None and cluster.get(key) is not None
    }
    # a setting the cluster's code writes with a value known only after apply: the instance's
    # is not known either (never read as off)
    pending = frozenset(
        key
        for key in _INSIGHTS
        if resource.attributes.get(key) is None and related_unknown(cluster, key)
    )
    return inherit(resource, taken, pending)
