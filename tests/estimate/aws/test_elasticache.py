"""aws_elasticache_cluster and aws_elasticache_replication_group: how many nodes are billed."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import elasticache
from finops_gate.estimate.usage import Usage
from finops_gate.model import WRITTEN_UNKNOWN, Resource


def _resource(
    kind: str, attributes: dict[str, object], unknown: frozenset[str] = frozenset()
) -> Resource:
    return Resource(f"{kind}.c", "terraform", kind, "aws", "us-east-1", attributes, unknown)


# what a plan shows for a replication group that sets none of its counts: computed, unknown
_COMPUTED = frozenset({"num_cache_clusters", "num_node_groups", "replicas_per_node_group"})


def test_a_cluster_joining_a_group_by_reference_is_billed_on_the_group() -> None:
    # replication_group_id = aws_elasticache_replication_group.x.id is unknown in the plan: the
    # member was "engine is unknown until apply", unpriced, where its nodes are the group's
    member = _resource(
        "aws_elasticache_cluster",
        {WRITTEN_UNKNOWN: frozenset({"replication_group_id"})},
        frozenset({"replication_group_id", "engine", "node_type", "num_cache_nodes"}),
    )
    assert elasticache.cluster_lines(member, Usage()) == []


def test_a_group_that_sets_no_count_is_one_primary_as_aws_defaults_said_as_assumed() -> None:
    group = _resource(
        "aws_elasticache_replication_group", {"node_type": "cache.m4.large"}, _COMPUTED
    )
    (line,) = elasticache.replication_group_lines(group, Usage())
    assert line.quantity == Decimal(730)
    assert line.assumption is not None and line.assumption[0] == "num_cache_clusters"


def test_a_group_count_the_code_does_not_tell_stays_unknown() -> None:
    group = _resource(
        "aws_elasticache_replication_group",
        {"node_type": "cache.m4.large", WRITTEN_UNKNOWN: frozenset({"num_cache_clusters"})},
        _COMPUTED,
    )
    (line,) = elasticache.replication_group_lines(group, Usage())
    assert line.quantity is None and "num_cache_clusters" in (line.unknown_reason or "")


def test_replicas_per_node_group_without_num_node_groups_is_one_node_group() -> None:
    # AWS's NumNodeGroups defaults to 1: 1 x (2 replicas + 1 primary) = 3 nodes; it was
    # unpriced, "num_cache_clusters is unknown until apply"
    group = _resource(
        "aws_elasticache_replication_group",
        {"node_type": "cache.m4.large", "replicas_per_node_group": 2},
        _COMPUTED - {"replicas_per_node_group"},
    )
    (line,) = elasticache.replication_group_lines(group, Usage())
    assert line.quantity == 3 * 730
    assert line.assumption == ("num_node_groups", "1 (not set: AWS's default)")
