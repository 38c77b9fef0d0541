"""Amazon Neptune: https://aws.amazon.com/neptune/pricing/ (provisioned instances).

- ``aws_neptune_cluster_instance``: instance hours for ``instance_class``
  (``neptune.instance.<class>``); on an I/O-Optimized cluster (``storage_type = "iopt1"`` on the
  ``aws_neptune_cluster`` that ``cluster_identifier`` names, joined by the plan and .tf readers)
  the I/O-Optimized rate of the class (``neptune.instance.<class>.io_optimized``), never the
  Standard one (a cluster that writes ``storage_type`` with a value known only after apply
  leaves the instance unpriced, naming it). Burstable classes (``db.t3.*``, ``db.t4g.*``) add
  CPU credits: usage ``monthly_cpu_credit_hrs`` (the hours it bursts) x the class's vCPUs (usage
  ``vcpu_count`` overrides), as for RDS and EC2.
  ``instance_class = "db.serverless"`` is unpriced (its capacity units are not modelled).
- ``aws_neptune_cluster``: the cluster volume, usage ``storage_gb`` per GB-month and
  ``monthly_io_requests`` per 1M requests; I/O-Optimized storage has no I/O charge and a rate of
  its own (``neptune.storage_io_optimized``: not in the shipped catalog, so unpriced, naming the
  key, until a refreshed catalog supplies it); backup storage beyond the free allowance, usage
  ``backup_storage_gb``, whatever the retention period (manual snapshots count too).
- ``aws_neptune_cluster_snapshot``: backup storage, usage ``backup_storage_gb``.
Storage and I/O are the cluster's, billed once however many instances share the volume.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import usage_line
from finops_gate.estimate.aws.docdb import instance_cost_lines, volume_lines
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def instance_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return instance_cost_lines("neptune", "Neptune", resource, usage)


def cluster_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        *volume_lines("neptune", resource, usage, "storage_gb"),
        usage_line("Backup storage", "GB", "neptune.backup_storage", usage, "backup_storage_gb"),
    ]


def snapshot_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return [
        usage_line("Backup storage", "GB", "neptune.backup_storage", usage, "backup_storage_gb"),
    ]
