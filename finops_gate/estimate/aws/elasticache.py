"""aws_elasticache_cluster and aws_elasticache_replication_group:
https://aws.amazon.com/elasticache/pricing/ (on-demand nodes, backup storage).

- Node hours: ``node_type`` x node count. A cluster: ``num_cache_nodes`` (a cluster that joins a
  replication group is priced on the group, so it has no lines itself). A replication group:
  ``num_node_groups`` x (``replicas_per_node_group`` + 1) in cluster mode, else
  ``num_cache_clusters``; an ``aws_appautoscaling_target`` on the group's ``NodeGroups`` or
  ``Replicas`` (joined by the plan reader, by reference or by
  ``resource_id = "replication-group/<id>"``) sets that number to its ``min_capacity``. Engine
  ``redis`` by default; ``valkey`` and ``memcached`` have their
  own rates.
- Backups: one snapshot is free; with ``snapshot_retention_limit`` > 1 the others cost
  usage ``snapshot_storage_size_gb`` x (limit - 1) GB-months, as Infracost computes it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finops_gate.estimate.aws._common import (
    get,
    not_a_count,
    num,
    scaled_capacity,
    text,
    unknown_in_code,
    unknown_line,
    unpriceable,
)
from finops_gate.estimate.aws.reserved import reserved_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource


def _node_lines(resource: Resource, usage: Usage, engine: str, count: Decimal) -> list[CostLine]:
    node = text(resource, "node_type")
    if node is None:
        return [unknown_line("ElastiCache (on-demand)", "hours", "node_type")]
    lines = [
        reserved_line(
            CostLine(
                f"ElastiCache (on-demand, {node})",
                "hours",
                f"elasticache.node.{engine}.{node}",
                HOURS_PER_MONTH * count,
            ),
            usage,
        )
    ]
    retention = num(resource, "snapshot_retention_limit")
    if engine != "memcached" and retention is not None and retention > 1:
        size = usage.number("snapshot_storage_size_gb")
        lines.append(
            CostLine(
                "Backup storage",
                "GB",
                "elasticache.backup_storage",
                None if size is None else size * (retention - 1),
                usage_key="snapshot_storage_size_gb",
            )
        )
    return lines


def cluster_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if text(resource, "replication_group_id") or unknown_in_code(resource, "replication_group_id"):
        # its nodes are priced on the replication group (also one that a reference names, known
        # only after apply: aws_elasticache_replication_group.x.id)
        return []
    engine = text(resource, "engine")
    if engine is None:
        return [unknown_line("ElastiCache (on-demand)", "hours", "engine")]
    count = num(resource, "num_cache_nodes")
    if count is None:
        return [unknown_line("ElastiCache (on-demand)", "hours", "num_cache_nodes")]
    if (why := not_a_count("num_cache_nodes", count)) is not None:
        return [unpriceable("ElastiCache (on-demand)", "hours", why)]
    return _node_lines(resource, usage, engine, count)


def replication_group_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    engine = text(resource, "engine") or "redis"
    dimension = "elasticache:replication-group:"
    shards = scaled_capacity(resource, dimension + "NodeGroups", usage)[0] or num(
        resource, "num_node_groups"
    )
    replicas = scaled_capacity(resource, dimension + "Replicas", usage)[0]
    if replicas is None:
        replicas = num(resource, "replicas_per_node_group")
    assumed_shards = None
    if (
        shards is None
        and replicas is not None
        and get(resource, "num_node_groups") is None
        and not unknown_in_code(resource, "num_node_groups")
        and num(resource, "num_cache_clusters") is None
    ):
        # replicas per node group with num_node_groups left unset: one node group, AWS's
        # default (CreateReplicationGroup NumNodeGroups, "Default: 1")
        shards = Decimal(1)
        assumed_shards = ("num_node_groups", "1 (not set: AWS's default)")
    count = (
        shards * (replicas + 1)
        if shards is not None and replicas is not None
        else num(resource, "num_cache_clusters") or num(resource, "number_cache_clusters")
    )
    if count is None and not any(
        get(resource, a) is not None or unknown_in_code(resource, a) for a in _SIZING
    ):
        # none set (a plan shows the computed counts unknown): AWS's default is one node group
        # with a primary only (CreateReplicationGroup, NumCacheClusters "defaults to 1")
        assumed = ("num_cache_clusters", "1 (not set: AWS's default, a primary only)")
        return [
            replace(line, assumption=assumed) if i == 0 else line
            for i, line in enumerate(_node_lines(resource, usage, engine, Decimal(1)))
        ]
    if count is None:
        return [unknown_line("ElastiCache (on-demand)", "hours", "num_cache_clusters")]
    for path, value, least in (
        ("num_node_groups", shards, 1),
        ("replicas_per_node_group", replicas, 0),
        ("node count", count, 1),
    ):
        why = None if value is None else not_a_count(path, value, least=Decimal(least))
        if why is not None:
            return [unpriceable("ElastiCache (on-demand)", "hours", why)]
    return [
        replace(line, assumption=assumed_shards) if i == 0 and assumed_shards else line
        for i, line in enumerate(_node_lines(resource, usage, engine, count))
    ]


# what sets a replication group's node count
_SIZING = (
    "num_cache_clusters",
    "number_cache_clusters",
    "num_node_groups",
    "replicas_per_node_group",
)
