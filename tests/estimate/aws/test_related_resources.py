"""Prices that depend on another resource of the plan: autoscaling targets (DynamoDB,
ElastiCache, MSK), a snapshot's volume, a FIFO topic's subscriptions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from finops_gate.model import Status
from tests.estimate.aws.linked_plan import _plan, _price, _ref


def _target(dimension: str, minimum: int, resource_id: str = "x") -> dict[str, Any]:
    return {
        "min_capacity": minimum,
        "max_capacity": 100,
        "scalable_dimension": dimension,
        "resource_id": resource_id,
    }


TABLE = {
    "name": "GameScores",
    "billing_mode": "PROVISIONED",
    "read_capacity": 30,
    "write_capacity": 20,
}
RCU, WCU = Decimal("0.00013"), Decimal("0.00065")


def _quantities(side: Any) -> dict[str, Decimal | None]:
    return {line.name: line.monthly_quantity for line in side.lines}


def test_a_tables_autoscaling_targets_set_its_capacity_to_their_minimum(tmp_path: Path) -> None:
    ref = {"resource_id": _ref("aws_dynamodb_table.t.name", "aws_dynamodb_table.t")}
    plan = _plan(
        tmp_path,
        [
            ("aws_dynamodb_table.t", TABLE, {}),
            ("aws_appautoscaling_target.w", _target("dynamodb:table:WriteCapacityUnits", 6), ref),
            ("aws_appautoscaling_target.r", _target("dynamodb:table:ReadCapacityUnits", 5), ref),
        ],
    )
    side = _price(plan["aws_dynamodb_table.t"])
    got = _quantities(side)
    assert got["Write capacity unit (WCU, autoscaling minimum)"] == 6 * 730
    assert got["Read capacity unit (RCU, autoscaling minimum)"] == 5 * 730


def test_a_target_naming_the_table_literally_counts_but_not_one_bound_elsewhere(
    tmp_path: Path,
) -> None:
    other = {**TABLE, "name": "Other"}
    plan = _plan(
        tmp_path,
        [
            ("aws_dynamodb_table.t", TABLE, {}),
            ("aws_dynamodb_table.same_name", TABLE, {}),
            ("aws_dynamodb_table.other", other, {}),
            (
                "aws_appautoscaling_target.literal",
                _target("dynamodb:table:ReadCapacityUnits", 56, "table/GameScores"),
                {"resource_id": {"constant_value": "table/GameScores"}},
            ),
            (
                "aws_appautoscaling_target.bound",
                _target("dynamodb:table:WriteCapacityUnits", 9, "table/GameScores"),
                {"resource_id": _ref("aws_dynamodb_table.same_name.name")},
            ),
        ],
    )
    got = _quantities(_price(plan["aws_dynamodb_table.t"]))
    assert got["Read capacity unit (RCU, autoscaling minimum)"] == 56 * 730
    assert got["Write capacity unit (WCU)"] == 20 * 730  # .bound refers to another table
    assert "Write capacity unit (WCU, autoscaling minimum)" in _quantities(
        _price(plan["aws_dynamodb_table.same_name"])
    )
    assert _quantities(_price(plan["aws_dynamodb_table.other"]))["Read capacity unit (RCU)"] == (
        30 * 730
    )


def test_replication_group_node_groups_and_replicas_follow_their_targets(tmp_path: Path) -> None:
    group = {
        "replication_group_id": "rg",
        "node_type": "cache.m4.large",
        "engine": "redis",
        "num_node_groups": 4,
        "replicas_per_node_group": 3,
    }
    ref = {"resource_id": _ref("aws_elasticache_replication_group.g.replication_group_id")}
    dim = "elasticache:replication-group:"
    plan = _plan(
        tmp_path,
        [
            ("aws_elasticache_replication_group.g", group, {}),
            ("aws_appautoscaling_target.shards", _target(dim + "NodeGroups", 8), ref),
            ("aws_appautoscaling_target.replicas", _target(dim + "Replicas", 5), ref),
        ],
    )
    side = _price(plan["aws_elasticache_replication_group.g"])
    assert side.lines[0].monthly_quantity == 8 * (5 + 1) * 730


def test_msk_storage_autoscaling_never_bills_below_the_configured_volume(tmp_path: Path) -> None:
    cluster = {
        "number_of_broker_nodes": 2,
        "broker_node_group_info": [
            {
                "instance_type": "kafka.t3.small",
                "storage_info": [{"ebs_storage_info": [{"volume_size": 1000}]}],
            }
        ],
    }
    dim = "kafka:broker-storage:VolumeSize"
    plan = _plan(
        tmp_path,
        [
            ("aws_msk_cluster.small", cluster, {}),
            ("aws_msk_cluster.big", cluster, {}),
            (
                "aws_appautoscaling_target.s",
                _target(dim, 123),
                {"resource_id": _ref("aws_msk_cluster.small.arn")},
            ),
            (
                "aws_appautoscaling_target.b",
                _target(dim, 1500),
                {"resource_id": _ref("aws_msk_cluster.big.arn")},
            ),
        ],
    )
    assert _quantities(_price(plan["aws_msk_cluster.small"]))["Storage"] == 2000
    assert _quantities(_price(plan["aws_msk_cluster.big"]))["Storage (autoscaling minimum)"] == 3000


def test_a_snapshot_and_its_copy_are_the_size_of_the_source_volume(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ("aws_ebs_volume.v", {"size": 10, "availability_zone": "us-east-1a"}, {}),
            (
                "aws_ebs_snapshot.s",
                {},
                {"volume_id": _ref("aws_ebs_volume.v.id", "aws_ebs_volume.v")},
            ),
            ("aws_ebs_snapshot_copy.c", {}, {"source_snapshot_id": _ref("aws_ebs_snapshot.s.id")}),
            ("aws_ebs_snapshot.outside", {}, {"volume_id": {"constant_value": "vol-123"}}),
        ],
    )
    for address in ("aws_ebs_snapshot.s", "aws_ebs_snapshot_copy.c"):
        side = _price(plan[address])
        assert side.status is Status.PRICED and side.lines[0].monthly_quantity == 10, address
    outside = _price(plan["aws_ebs_snapshot.outside"])
    assert outside.status is Status.UNPRICED and outside.monthly is None


def test_a_fifo_topic_delivers_each_message_to_each_subscription(tmp_path: Path) -> None:
    sub = {"protocol": "sqs", "endpoint": "arn:aws:sqs:us-east-1:1:q.fifo"}
    ref = {"topic_arn": _ref("aws_sns_topic.t.arn", "aws_sns_topic.t")}
    plan = _plan(
        tmp_path,
        [
            ("aws_sns_topic.t", {"name": "t.fifo", "fifo_topic": True}, {}),
            ("aws_sns_topic_subscription.a", sub, ref),
            ("aws_sns_topic_subscription.b", sub, ref),
            ("aws_sns_topic_subscription.c", sub, ref),
        ],
    )
    side = _price(plan["aws_sns_topic.t"], {"monthly_requests": 2_000_000, "request_size_kb": 64})
    got = _quantities(side)
    assert got["FIFO notifications (3 subscriptions)"] == 6
    assert got["FIFO notification payload"] == 384


def _price_with(change: Any, usage: dict[str, dict[str, Any]]) -> Any:
    from finops_gate.estimate.terraform import price_side
    from finops_gate.estimate.usage import UsageFile
    from tests.estimate.aws.plan_fixture import CATALOGS

    assert change.after is not None
    return price_side(change.after, UsageFile(by_address=usage), CATALOGS)


def test_capacity_usage_on_an_autoscaling_target_sets_the_capacity_of_what_it_scales(
    tmp_path: Path,
) -> None:
    group = {
        "replication_group_id": "rg",
        "node_type": "cache.m4.large",
        "engine": "redis",
        "num_node_groups": 4,
        "replicas_per_node_group": 3,
    }
    ref = {"resource_id": _ref("aws_elasticache_replication_group.g.replication_group_id")}
    table_ref = {"resource_id": _ref("aws_dynamodb_table.t.name", "aws_dynamodb_table.t")}
    dim = "elasticache:replication-group:"
    plan = _plan(
        tmp_path,
        [
            ("aws_elasticache_replication_group.g", group, {}),
            ("aws_appautoscaling_target.shards", _target(dim + "NodeGroups", 1), ref),
            ("aws_dynamodb_table.t", TABLE, {}),
            (
                "aws_appautoscaling_target.w",
                _target("dynamodb:table:WriteCapacityUnits", 6),
                table_ref,
            ),
        ],
    )
    usage = {
        "aws_appautoscaling_target.shards": {"capacity": 10},
        "aws_appautoscaling_target.w": {"capacity": 77},
    }
    side = _price_with(plan["aws_elasticache_replication_group.g"], usage)
    assert side.lines[0].monthly_quantity == 10 * (3 + 1) * 730  # 10 shards, not the minimum 1
    said = {(a.key, a.origin) for a in side.assumptions}
    assert (
        "autoscaling_capacity",
        "usage.terraform.resource_usage.aws_appautoscaling_target.shards.capacity",
    ) in said
    assert side.notes == ()  # read, so not "ignored"
    table = _quantities(_price_with(plan["aws_dynamodb_table.t"], usage))
    assert table["Write capacity unit (WCU, autoscaling)"] == 77 * 730
    assert table["Read capacity unit (RCU)"] == 30 * 730  # no target on reads: as configured
    # the target itself costs nothing; its capacity is read by the group, so it is not ignored
    target = _price_with(plan["aws_appautoscaling_target.shards"], usage)
    assert target.status is Status.FREE and target.notes == ()


def test_usage_given_for_a_free_type_is_reported_as_ignored(tmp_path: Path) -> None:
    dim = "elasticache:replication-group:NodeGroups"
    plan = _plan(
        tmp_path,
        [
            ("aws_appautoscaling_target.t", _target(dim, 1), {}),
            ("aws_iam_role.r", {"name": "r"}, {}),
        ],
    )
    usage = {
        "aws_appautoscaling_target.t": {"capacity": 3, "capacty": 4},
        "aws_iam_role.r": {"monthly_requests": 5},
    }
    target = _price_with(plan["aws_appautoscaling_target.t"], usage)
    assert len(target.notes) == 1 and "'capacty'" in target.notes[0]
    role = _price_with(plan["aws_iam_role.r"], usage)
    assert role.status is Status.FREE
    assert len(role.notes) == 1 and "'monthly_requests'" in role.notes[0]
