"""aws_mq_broker: one rate per deployment (a Multi-AZ rate covers every broker), storage per
node where each node keeps its own volume, and nothing guessed for a value known after apply."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, SideCost, Status
from tests.estimate.aws.plan_fixture import CATALOGS

KIND = "aws_mq_broker"


def _price(
    attributes: dict[str, object],
    usage: dict[str, object] | None = None,
    unknown: frozenset[str] = frozenset(),
) -> SideCost:
    res = Resource(f"{KIND}.b", "terraform", KIND, "aws", "us-east-1", attributes, unknown)
    return price_side(res, UsageFile(by_address={res.address: usage or {}}), CATALOGS)


RABBIT_CLUSTER = {
    "engine_type": "RabbitMQ",
    "host_instance_type": "mq.m5.xlarge",
    "deployment_mode": "CLUSTER_MULTI_AZ",
}
ACTIVE_STANDBY = {
    "engine_type": "ActiveMQ",
    "host_instance_type": "mq.m5.large",
    "deployment_mode": "ACTIVE_STANDBY_MULTI_AZ",
    "storage_type": "efs",
}


def test_a_cluster_is_730_hours_at_its_multi_az_rate_and_stores_on_each_of_three_nodes() -> None:
    side = _price(RABBIT_CLUSTER, {"storage_size_gb": 10})
    hours, storage = side.lines
    assert (hours.monthly_quantity, hours.unit_price) == (730, Decimal("1.728"))
    assert storage.monthly_quantity == 30 and storage.monthly_cost == Decimal("3")


def test_an_active_standby_pair_shares_its_efs_storage_counted_once() -> None:
    side = _price(ACTIVE_STANDBY, {"storage_size_gb": 20})
    hours, storage = side.lines
    assert hours.monthly_cost == Decimal("420.48")  # 730 x the pair's rate, not x 2 again
    assert storage.name == "Storage (ActiveMQ, EFS)" and storage.monthly_quantity == 20


def test_deployment_mode_is_read_in_any_case_and_defaults_to_a_single_instance() -> None:
    lower = _price({**RABBIT_CLUSTER, "deployment_mode": "cluster_multi_az"})
    assert lower.lines[0].unit_price == Decimal("1.728")
    single = _price({k: v for k, v in RABBIT_CLUSTER.items() if k != "deployment_mode"})
    assert single.lines[0].unit_price == Decimal("0.576")


def test_storage_without_usage_depends_on_usage_and_is_never_zero() -> None:
    storage = _price(ACTIVE_STANDBY).lines[1]
    assert storage.monthly_quantity is None and storage.monthly_cost is None
    assert storage.usage_key == "storage_size_gb" and storage.unit_price == Decimal("0.3")


def test_an_activemq_storage_type_written_as_an_unknown_expression_is_not_taken_as_efs() -> None:
    attrs = {**ACTIVE_STANDBY, "storage_type": None, "__unknown_inputs__": {"storage_type": "x"}}
    side = _price(attrs, {"storage_size_gb": 20})
    storage = side.lines[1]
    assert storage.monthly_cost is None and "storage_type" in (storage.reason or "")


def test_unknown_or_unrecognised_engine_mode_and_type_leave_the_broker_unpriced() -> None:
    for attrs, unknown, named in [
        ({**RABBIT_CLUSTER, "engine_type": None}, {"engine_type"}, "engine_type"),
        ({**RABBIT_CLUSTER, "host_instance_type": None}, {"host_instance_type"}, "host_instance"),
        ({**RABBIT_CLUSTER, "deployment_mode": None}, {"deployment_mode"}, "deployment_mode"),
        ({**RABBIT_CLUSTER, "engine_type": "Kafka"}, set(), "Kafka"),
        ({**RABBIT_CLUSTER, "deployment_mode": "MULTI_REGION"}, set(), "MULTI_REGION"),
    ]:
        side = _price(attrs, {"storage_size_gb": 10}, frozenset(unknown))
        assert side.status is Status.UNPRICED and named in (side.reason or ""), attrs
