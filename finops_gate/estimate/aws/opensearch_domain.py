"""aws_opensearch_domain and aws_elasticsearch_domain:
https://aws.amazon.com/opensearch-service/pricing/ (on-demand instances, EBS storage).

- Data nodes: ``cluster_config[0].instance_type`` x ``instance_count`` (default 1); dedicated
  masters (``dedicated_master_enabled``) and UltraWarm nodes (``warm_enabled``) likewise.
  Instance types are priced the same for both resource kinds (the ``.search`` /
  ``.elasticsearch`` suffix is dropped from the key).
- EBS storage (``ebs_options[0].ebs_enabled``): ``volume_size`` GB per data node by
  ``volume_type`` (unknown until apply => unpriced); io1 adds provisioned IOPS. gp3 includes a
  baseline of at least 3,000 IOPS and 125 MiB/s per volume, more on larger volumes by a rule the
  catalog does not hold: ``iops``/``throughput`` up to that floor add nothing, above it the
  extra is unpriced (named), never left out.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    flag,
    get,
    not_a_count,
    num,
    num_or_default,
    text,
    unknown_in_code,
    unknown_line,
    unpriceable,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

CC = "cluster_config.0"
GP3_FLOOR_IOPS = Decimal(3000)  # the least gp3 baseline, whatever the volume size
GP3_FLOOR_THROUGHPUT = Decimal(125)


def _instance_key(itype: str) -> str:
    return "opensearch.instance." + itype.removesuffix(".search").removesuffix(".elasticsearch")


def _nodes(
    resource: Resource, label: str, type_attr: str, count_attr: str, default_count: int
) -> CostLine:
    itype = text(resource, f"{CC}.{type_attr}")
    if itype is None:
        return unknown_line(f"{label} (on-demand)", "hours", f"{CC}.{type_attr}")
    count = num_or_default(resource, f"{CC}.{count_attr}", Decimal(default_count))
    if count is None:
        return unknown_line(f"{label} (on-demand, {itype})", "hours", f"{CC}.{count_attr}")
    if (why := not_a_count(f"{CC}.{count_attr}", count)) is not None:
        return unpriceable(f"{label} (on-demand, {itype})", "hours", why)
    # a count left unset is the default the line rests on: said, never silent (instance_count
    # has a default of 1 in the provider; the dedicated master and warm counts have none)
    assumed = (
        (f"{CC}.{count_attr}", f"{default_count} (not set)")
        if count_attr != "instance_count" and get(resource, f"{CC}.{count_attr}") is None
        else None
    )
    return CostLine(
        f"{label} (on-demand, {itype})",
        "hours",
        _instance_key(itype),
        HOURS_PER_MONTH * count,
        assumption=assumed,
    )


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines = [_nodes(resource, "Instance", "instance_type", "instance_count", 1)]
    for switch, label, type_attr, count_attr, default in (
        ("dedicated_master_enabled", "Dedicated master", "dedicated_master_type",
         "dedicated_master_count", 3),
        ("warm_enabled", "UltraWarm instance", "warm_type", "warm_count", 2),
    ):  # fmt: skip
        if flag(resource, f"{CC}.{switch}") is True:
            lines.append(_nodes(resource, label, type_attr, count_attr, default))
        elif _unknown_flag(resource, f"{CC}.{switch}"):
            lines.append(unknown_line(f"{label} (on-demand)", "hours", f"{CC}.{switch}"))
    if flag(resource, "ebs_options.0.ebs_enabled") is True:
        lines.extend(_storage(resource))
    elif _unknown_flag(resource, "ebs_options.0.ebs_enabled"):
        lines.append(unknown_line("Storage", "GB", "ebs_options.0.ebs_enabled"))
    return lines


def _unknown_flag(resource: Resource, path: str) -> bool:
    """A switch the code sets to a value it does not tell (a module input): what it turns on
    is not known, never off."""
    return get(resource, path) is None and unknown_in_code(resource, path)


def _storage(resource: Resource) -> list[CostLine]:
    vtype = text(resource, "ebs_options.0.volume_type")
    size = num(resource, "ebs_options.0.volume_size")
    nodes = num_or_default(resource, f"{CC}.instance_count", Decimal(1))
    if nodes is None:
        return [unknown_line("Storage", "GB", f"{CC}.instance_count", " (storage is per node)")]
    if vtype is None:
        return [unknown_line("Storage", "GB", "ebs_options.0.volume_type")]
    if size is None:
        return [unknown_line(f"Storage ({vtype})", "GB", "ebs_options.0.volume_size")]
    lines = [CostLine(f"Storage ({vtype})", "GB", f"opensearch.storage.{vtype}", size * nodes)]
    iops = num(resource, "ebs_options.0.iops")
    if vtype == "io1" and iops is not None:
        lines.append(CostLine("Storage IOPS (io1)", "IOPS", "opensearch.io1.iops", iops * nodes))
    throughput = num(resource, "ebs_options.0.throughput")
    if vtype == "gp3" and (
        (iops is not None and iops > GP3_FLOOR_IOPS)
        or (throughput is not None and throughput > GP3_FLOOR_THROUGHPUT)
    ):
        lines.append(
            unpriceable(
                "Provisioned IOPS and throughput (gp3)",
                "MiBps",
                "OpenSearch includes a gp3 baseline that grows with the volume size, by a rule"
                " the catalog does not hold; what is provisioned above it is not priced",
            )
        )
    return lines
