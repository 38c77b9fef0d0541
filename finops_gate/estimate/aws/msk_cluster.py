"""aws_msk_cluster: https://aws.amazon.com/msk/pricing/ (provisioned brokers and storage).

``number_of_broker_nodes`` x broker hours of ``broker_node_group_info[0].instance_type``, and
the same number x the per-broker EBS volume size
(``broker_node_group_info[0].storage_info[0].ebs_storage_info[0].volume_size``, or the older
``ebs_volume_size``) GB-months. With storage autoscaling (an ``aws_appautoscaling_target`` on
``kafka:broker-storage:VolumeSize`` that the plan reader joins), a broker's volume is at least
the target's ``min_capacity``; it never shrinks below the configured size.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import num, scaled_capacity, text, unknown_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

GROUP = "broker_node_group_info.0"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    brokers = num(resource, "number_of_broker_nodes")
    itype = text(resource, f"{GROUP}.instance_type")
    if brokers is None:
        return [unknown_line("Instance", "hours", "number_of_broker_nodes")]
    if itype is None:
        return [unknown_line("Instance", "hours", f"{GROUP}.instance_type")]
    lines = [
        CostLine(f"Instance ({itype})", "hours", f"msk.broker.{itype}", HOURS_PER_MONTH * brokers)
    ]
    size = num(resource, f"{GROUP}.storage_info.0.ebs_storage_info.0.volume_size") or num(
        resource, f"{GROUP}.ebs_volume_size"
    )
    scaled, given = scaled_capacity(resource, "kafka:broker-storage:VolumeSize", usage)
    name = "Storage"
    if scaled is not None and size is not None and scaled > size:
        size, name = scaled, "Storage (autoscaling)" if given else "Storage (autoscaling minimum)"
    lines.append(
        unknown_line("Storage", "GB", f"{GROUP}.storage_info.0.ebs_storage_info.0.volume_size")
        if size is None
        else CostLine(name, "GB", "msk.storage", size * brokers)
    )
    return lines
