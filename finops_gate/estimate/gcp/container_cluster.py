"""google_container_cluster: https://cloud.google.com/kubernetes-engine/pricing.

- Cluster management fee per cluster-hour (Standard and Autopilot; the free-tier credit is per
  billing account and not applied).
- Autopilot: pods are billed by their requests, which the cluster does not show: a line that
  depends on the workloads (priced with the Kubernetes manifests, not here).
- The default node pool (unless ``remove_default_node_pool``) and inline ``node_pool`` blocks as
  google_container_node_pool.
"""

from __future__ import annotations

import dataclasses

from finops_gate.estimate.aws._common import monthly_hours
from finops_gate.estimate.gcp._common import get, text, unknown_lines, written_unknown
from finops_gate.estimate.gcp.container_node_pool import pool_lines
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    lines = [CostLine("Cluster management fee", "hours", "gke.cluster", monthly_hours(usage))]
    found = written_unknown(resource, "enable_autopilot", "remove_default_node_pool")
    if found is not None:  # whether the default node pool runs is not known
        return lines + unknown_lines("default_pool", "hours", found, "whether its nodes run")
    if get(resource, "enable_autopilot") is True:
        return lines
    location = text(resource, "location")
    pools = get(resource, "node_pool")
    if isinstance(pools, list) and pools:
        for i, _ in enumerate(pools):
            name = text(resource, f"node_pool.{i}.name") or f"node_pool[{i}]"
            pool = pool_lines(
                resource,
                usage,
                prefix=f"node_pool.{i}.",
                location=location,
                usage_prefix=f"node_pool[{i}].",
            )
            for line in pool:
                lines.append(_prefixed(f"{name} / ", line))
    elif get(resource, "remove_default_node_pool") is not True:
        for line in pool_lines(resource, usage, location=location):
            lines.append(_prefixed("default_pool / ", line))
    return lines


def _prefixed(prefix: str, line: CostLine) -> CostLine:
    return dataclasses.replace(line, name=prefix + line.name)
