"""Database mappers read switches and counts as Terraform does: ``"true"`` is true, a count
is a whole number of at least one, anything else is unpriced naming it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finops_gate.estimate.aws import (
    dms_replication_instance,
    dynamodb_table,
    elasticache,
    opensearch_domain,
    rds_instance,
    redshift_cluster,
)
from finops_gate.estimate.aws._common import NotABoolean
from finops_gate.estimate.usage import Usage
from finops_gate.model import WRITTEN_UNKNOWN, CostLine, Resource


def _resource(kind: str, attributes: dict[str, object]) -> Resource:
    return Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", attributes)


_DB = {"engine": "mysql", "engine_version": "8.4.3", "instance_class": "db.t3.large"}


def test_a_string_true_switch_is_on_as_terraform_converts_it() -> None:
    # multi_az = "true" in a .tf file is Multi-AZ: it was priced Single-AZ
    db = _resource("aws_db_instance", {**_DB, "allocated_storage": 20, "multi_az": "true"})
    lines = rds_instance.cost_lines(db, Usage())
    assert lines[0].price_key == "rds.instance.mysql.db.t3.large.multi-az"
    pi = _resource(
        "aws_db_instance",
        {
            **_DB,
            "allocated_storage": 20,
            "performance_insights_enabled": "true",
            "performance_insights_retention_period": "93",
        },
    )
    keys = [line.price_key for line in rds_instance.cost_lines(pi, Usage())]
    assert "rds.performance_insights.retention.db.t3.large" in keys
    dms = _resource(
        "aws_dms_replication_instance",
        {"replication_instance_class": "dms.t2.micro", "multi_az": "true"},
    )
    assert dms_replication_instance.cost_lines(dms, Usage())[0].price_key.endswith(".multi-az")
    table = _resource(
        "aws_dynamodb_table",
        {"billing_mode": "PAY_PER_REQUEST", "point_in_time_recovery": [{"enabled": "true"}]},
    )
    keys = [line.price_key for line in dynamodb_table.cost_lines(table, Usage())]
    assert "dynamodb.pitr_storage" in keys
    domain = _resource(
        "aws_opensearch_domain",
        {
            "cluster_config": [{"instance_type": "c4.2xlarge.search"}],
            "ebs_options": [{"ebs_enabled": "true", "volume_type": "gp2", "volume_size": 10}],
        },
    )
    keys = [line.price_key for line in opensearch_domain.cost_lines(domain, Usage())]
    assert "opensearch.storage.gp2" in keys


def test_a_switch_terraform_cannot_read_is_refused_never_off() -> None:
    db = _resource("aws_db_instance", {**_DB, "allocated_storage": 20, "multi_az": "yes"})
    with pytest.raises(NotABoolean, match="multi_az is 'yes', not true or false"):
        rds_instance.cost_lines(db, Usage())


def _unpriced(lines: list[CostLine]) -> list[str]:
    return [line.unknown_reason or "" for line in lines if line.quantity is None]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (0, "number_of_nodes is 0, less than 1"),
        (Decimal("2.5"), "number_of_nodes is 2.5, not a whole number"),
        ("Infinity", "number_of_nodes is Infinity, beyond any real count"),
    ],
)
def test_a_redshift_node_count_that_is_no_count_is_unpriced(value: object, why: str) -> None:
    # 0 nodes was a priced $0 and 2.5 nodes 2.5 nodes' hours
    cluster = _resource(
        "aws_redshift_cluster", {"node_type": "dc2.large", "number_of_nodes": value}
    )
    assert any(why in reason for reason in _unpriced(redshift_cluster.cost_lines(cluster, Usage())))


def test_cache_and_search_node_counts_must_be_whole() -> None:
    cache = _resource(
        "aws_elasticache_cluster",
        {"engine": "memcached", "node_type": "cache.m4.large", "num_cache_nodes": 1.5},
    )
    assert _unpriced(elasticache.cluster_lines(cache, Usage())) == [
        "num_cache_nodes is 1.5, not a whole number; fix it"
    ]
    group = _resource(
        "aws_elasticache_replication_group",
        {"node_type": "cache.m4.large", "num_node_groups": 2, "replicas_per_node_group": -1},
    )
    assert _unpriced(elasticache.replication_group_lines(group, Usage())) == [
        "replicas_per_node_group is -1, less than 0; fix it"
    ]
    domain = _resource(
        "aws_opensearch_domain",
        {"cluster_config": [{"instance_type": "c4.2xlarge.search", "instance_count": 2.5}]},
    )
    assert _unpriced(opensearch_domain.cost_lines(domain, Usage())) == [
        "cluster_config.0.instance_count is 2.5, not a whole number; fix it"
    ]


def test_table_capacity_and_db_storage_must_be_whole() -> None:
    table = _resource("aws_dynamodb_table", {"read_capacity": 2.5, "write_capacity": 5})
    assert _unpriced(dynamodb_table.cost_lines(table, Usage()))[0] == (
        "read_capacity is 2.5, not a whole number; fix it"
    )
    db = _resource("aws_db_instance", {**_DB, "allocated_storage": 20.5})
    assert "allocated_storage is 20.5, not a whole number; fix it" in _unpriced(
        rds_instance.cost_lines(db, Usage())
    )


def test_a_multi_az_redshift_cluster_bills_its_nodes_in_both_zones() -> None:
    # https://docs.aws.amazon.com/redshift/latest/mgmt/overview-multi-az.html: number_of_nodes
    # in each of two Availability Zones; a Multi-AZ cluster was priced as a single-AZ one
    cluster = _resource(
        "aws_redshift_cluster",
        {"node_type": "ra3.4xlarge", "number_of_nodes": 2, "multi_az": True},
    )
    node = redshift_cluster.cost_lines(cluster, Usage())[0]
    assert node.quantity == 2 * 2 * 730 and "Multi-AZ: 2 x 2 nodes" in node.name
    single = _resource("aws_redshift_cluster", {"node_type": "ra3.4xlarge", "number_of_nodes": 2})
    assert redshift_cluster.cost_lines(single, Usage())[0].quantity == 2 * 730
    unknown = _resource(
        "aws_redshift_cluster",
        {
            "node_type": "ra3.4xlarge",
            "number_of_nodes": 2,
            WRITTEN_UNKNOWN: frozenset({"multi_az"}),
        },
    )
    assert "multi_az is unknown" in _unpriced(redshift_cluster.cost_lines(unknown, Usage()))[0]
