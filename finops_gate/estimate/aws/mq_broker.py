"""aws_mq_broker: https://aws.amazon.com/amazon-mq/pricing/ (broker instances and storage).

- Broker hours of ``host_instance_type`` for ``engine_type`` (ActiveMQ, RabbitMQ) at the rate
  of its ``deployment_mode``: ``SINGLE_INSTANCE`` is one broker (the Single-AZ rate); an
  ActiveMQ ``ACTIVE_STANDBY_MULTI_AZ`` pair and a RabbitMQ ``CLUSTER_MULTI_AZ`` three-node
  cluster are sold at one Multi-AZ rate per deployment that already counts every broker (twice
  and three times the single rate), so the line is 730 hours at that rate, never the brokers
  multiplied again. Keys ``mq.instance.<engine>.<host_instance_type>.<single-az|multi-az>``.
- Storage in GB-months from usage ``storage_size_gb`` (per broker). ActiveMQ storage is counted
  once: on Amazon EFS (``storage_type = "efs"``, its default; ``mq.storage.activemq.efs``) the
  active/standby pair shares it, and EBS (``mq.storage.activemq.ebs``) serves one broker.
  RabbitMQ (always EBS, ``mq.storage.rabbitmq``) keeps a volume per node, three in a cluster.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    text,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

ENGINES = {"activemq": "ActiveMQ", "rabbitmq": "RabbitMQ"}
# deployment_mode -> (the price list's deployment option, the line's wording, brokers)
MODES = {
    "single_instance": ("single-az", "single instance", 1),
    "active_standby_multi_az": ("multi-az", "active/standby", 2),
    "cluster_multi_az": ("multi-az", "cluster", 3),
}


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    name = "Broker instance"
    engine_text, itype = text(resource, "engine_type"), text(resource, "host_instance_type")
    if engine_text is None:
        return [unknown_line(name, "hours", "engine_type")]
    if itype is None:
        return [unknown_line(name, "hours", "host_instance_type")]
    engine = engine_text.lower()
    if engine not in ENGINES:
        return [
            unpriceable(name, "hours", f"engine_type {engine_text!r} is not ActiveMQ or RabbitMQ")
        ]
    if unknown_setting(resource, "deployment_mode"):
        return [unknown_line(name, "hours", "deployment_mode")]
    mode_text = text(resource, "deployment_mode") or "SINGLE_INSTANCE"
    mode = MODES.get(mode_text.lower())
    if mode is None:
        return [unpriceable(name, "hours", f"deployment_mode {mode_text!r} is not known")]
    option, wording, brokers = mode
    label = ENGINES[engine]
    return [
        CostLine(
            f"Broker instance ({label}, {itype}, {wording})",
            "hours",
            f"mq.instance.{engine}.{itype}.{option}",
            HOURS_PER_MONTH,
        ),
        _storage(resource, usage, engine, brokers),
    ]


def _storage(resource: Resource, usage: Usage, engine: str, brokers: int) -> CostLine:
    if engine == "rabbitmq":
        given = usage.number("storage_size_gb")
        quantity = None if given is None else given * Decimal(brokers)
        return CostLine(
            "Storage (RabbitMQ, EBS)",
            "GB",
            "mq.storage.rabbitmq",
            quantity,
            usage_key="storage_size_gb",
        )
    # storage_type is computed: a plan shows it unknown when left unset (then EFS, the default)
    if unknown_setting(resource, "storage_type", computed=True):
        return unknown_line("Storage (ActiveMQ)", "GB", "storage_type")
    kind = (text(resource, "storage_type") or "efs").lower()
    if kind not in ("efs", "ebs"):
        return unpriceable("Storage (ActiveMQ)", "GB", f"storage_type {kind!r}")
    return usage_line(
        f"Storage (ActiveMQ, {kind.upper()})",
        "GB",
        f"mq.storage.activemq.{kind}",
        usage,
        "storage_size_gb",
    )
