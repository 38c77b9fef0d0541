"""google_container_node_pool (and the default pool of google_container_cluster):
https://cloud.google.com/kubernetes-engine/pricing (nodes are Compute Engine VMs:
https://cloud.google.com/compute/vm-instance-pricing).

- Nodes: usage ``nodes`` (per zone, as Infracost's usage file means it; an inline pool of a
  cluster reads ``node_pool[i].nodes``) wins; else ``node_count`` per zone, else
  ``initial_node_count``;
  with ``autoscaling`` the pool is priced at its minimum size, named so (like the Kubernetes HPA
  rule: usage ``nodes`` says otherwise). A pool in a region runs in each of its
  ``node_locations`` (3 zones when unset); in a zone, one. A pool without a location of its own
  takes its cluster's location and ``node_locations`` (joined by the readers); a zonal
  cluster's ``node_locations`` name the zones added to its own (a multi-zonal cluster runs
  nodes in its zone and in each of those). A location or ``node_locations`` the pool takes
  (its own, or its cluster's) written with a value known only after apply leaves the nodes
  unpriced naming it: one zone or three is not known.
- Per node: ``node_config.machine_type`` (GKE default e2-medium, named so), spot/preemptible at
  the spot rate, boot disk ``disk_size_gb`` (default 100) of ``disk_type`` (default pd-balanced),
  local SSDs (375 GB each: ``local_ssd_count`` and the ``local_ssd_count`` of the
  ``ephemeral_storage_local_ssd_config``, ``local_nvme_ssd_block_config`` and
  ``ephemeral_storage_config`` blocks, the ways GKE attaches them), GPUs.
"""

from __future__ import annotations

import re
from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours, related, related_unknown
from finops_gate.estimate.gcp._common import (
    PREMIUM_PROJECTS,
    bundles_local_ssd,
    disk_line,
    get,
    gpu_lines,
    license_line,
    machine_lines,
    num,
    text,
    unknown_lines,
    written_unknown,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

LOCAL_SSD_GB = Decimal(375)
REGIONAL_ZONES = Decimal(3)
TOTAL = "total: "  # a node_count note's prefix: the count is of all zones together
_ZONE = re.compile(r"^[a-z]+-[a-z]+\d+-[a-z]$")


def zones(location: str | None, node_locations: object, cluster_zone: str | None = None) -> Decimal:
    """Zones a pool's nodes run in: its ``node_locations`` (a pool's own list names every zone);
    a zonal cluster's ``node_locations`` name only the zones added to the cluster's own
    (``cluster_zone``), which runs nodes too ("multi-zonal": the provider omits the cluster's
    zone from that list); else one zone for a zonal location, 3 for a region."""
    if isinstance(node_locations, list) and node_locations:
        named = {z for z in node_locations if isinstance(z, str)}
        if cluster_zone is not None and _ZONE.match(cluster_zone):
            named.add(cluster_zone)
        return Decimal(max(len(named), len(node_locations)))
    if location is not None and _ZONE.match(location):
        return Decimal(1)
    return REGIONAL_ZONES


def node_count(
    resource: Resource, prefix: str, usage: Usage, usage_prefix: str = ""
) -> tuple[Decimal | None, str]:
    """Nodes per zone (a ``total_*`` count: in all zones), and a note for the line name. Usage
    ``nodes`` is per zone, as in Infracost's usage file; it wins over the code's counts."""
    given = usage.number(f"{usage_prefix}nodes")
    if given is not None:
        return given, "usage: nodes per zone"
    for attr in ("node_count", "initial_node_count"):
        value = num(resource, f"{prefix}{attr}")
        if value is not None:
            return value, ""
    auto = f"{prefix}autoscaling.0."
    low = num(resource, f"{auto}min_node_count")
    total_low = num(resource, f"{auto}total_min_node_count")
    if total_low is not None:  # in all zones together
        total_high = num(resource, f"{auto}total_max_node_count")
        return total_low, f"{TOTAL}autoscaling {total_low}-{total_high} in all zones: minimum"
    if low is not None:
        high = num(resource, f"{auto}max_node_count")
        return low, f"autoscaling {low}-{high} per zone: minimum"
    return None, ""


def pool_lines(
    resource: Resource,
    usage: Usage,
    *,
    prefix: str = "",
    location: str | None = None,
    usage_prefix: str = "",
) -> list[CostLine]:
    """Lines of a node pool whose attributes are at ``prefix`` (e.g. ``"node_pool.0."``) and
    whose usage is at ``usage_prefix`` (e.g. ``"node_pool[0]."``)."""
    cfg = f"{prefix}node_config.0."
    counts = [f"{prefix}{a}" for a in ("node_count", "initial_node_count")]
    counts += [f"{prefix}autoscaling.0.{a}" for a in ("min_node_count", "total_min_node_count")]
    settings = ("machine_type", "disk_size_gb", "disk_type", "spot", "preemptible", "image_type")
    found = written_unknown(
        resource,
        *(counts if usage.number(f"{usage_prefix}nodes") is None else []),
        *(f"{cfg}{a}" for a in settings),
        *(f"{cfg}{block}local_ssd_count" for block in _SSD_BLOCKS),
    )
    if found is not None:  # never GKE's default, nor another count, for a value not known
        return unknown_lines("Instance usage", "hours", found, "the node pool's price")
    per_zone, note = node_count(resource, prefix, usage, usage_prefix)
    where = location if location is not None else text(resource, "location")
    if per_zone is None:
        reason = f"{prefix}node_count is unknown until apply"
        return [CostLine("Instance usage", "hours", "", None, unknown_reason=reason)]
    in_cluster = resource.kind == "google_container_cluster"
    # a pool's own list (an inline pool's, a pool resource's) names every zone it runs in
    node_locations = get(resource, f"{prefix}node_locations") if prefix or not in_cluster else None
    cluster_zone: str | None = None
    if not node_locations and in_cluster:  # the cluster's list: zones added to its own
        node_locations, cluster_zone = get(resource, "node_locations"), text(resource, "location")
    # the cluster both Terraform readers join to the pool (sources/terraform_links.py)
    cluster = related(resource, "cluster") if not in_cluster else None
    # where the nodes run, written with a value known only after apply (a zone or a region: 1
    # node per zone or 3): the pool's own, or its cluster's when the pool takes them from it
    # (both readers join the cluster with its unknown markers, WRITTEN_UNKNOWN)
    places = [f"{prefix}node_locations"] if prefix or not in_cluster else []
    if in_cluster:  # the cluster's own (an inline pool without a list of its own takes them)
        places += ["location"] + ([] if node_locations else ["node_locations"])
    elif location is None:
        places.append("location")
    unknown_place = written_unknown(resource, *places)
    if unknown_place is None and cluster is not None and not node_locations:
        if where is None and related_unknown(cluster, "location"):
            unknown_place = "the cluster's location"
        elif related_unknown(cluster, "node_locations"):
            unknown_place = "the cluster's node_locations"
    if unknown_place is not None:
        return unknown_lines("Instance usage", "hours", unknown_place, "the number of zones")
    if cluster is not None:  # a pool runs in its cluster's location and zones
        where = where or cluster.get("location")
        if not node_locations:
            node_locations = cluster.get("node_locations")
            found = cluster.get("location")
            cluster_zone = found if isinstance(found, str) else None
    total = per_zone
    if not note.startswith(TOTAL):
        total = per_zone * zones(where, node_locations, cluster_zone)
    mtype = text(resource, f"{cfg}machine_type")
    default = "" if mtype else "[machine_type not set: GKE default e2-medium] "
    assumed: tuple[str, str] | None = None
    if "minimum" in note:
        assumed = (
            f"{prefix}nodes",
            f"{note.removeprefix(TOTAL)}; usage nodes sets the expected count",
        )
    elif not mtype:
        assumed = (f"{prefix}node_config.machine_type", "e2-medium (GKE default)")
    mtype = mtype or "e2-medium"
    is_spot = get(resource, f"{cfg}spot") is True or get(resource, f"{cfg}preemptible") is True
    hours = monthly_hours(usage)
    nodes = f"{total} node" if total == 1 else f"{total} nodes"
    shown = note.removeprefix(TOTAL)
    label = f"{default}[{nodes}{'; ' + shown if shown else ''}] "
    # Windows Server node images bill the Windows licence per node hour (GKE's image_type)
    windows = "WINDOWS" in (text(resource, f"{cfg}image_type") or "").upper()
    premium = PREMIUM_PROJECTS["windows-cloud"] if windows else None
    runs = premium[1] if premium else "Linux/UNIX"
    lines = [
        CostLine(label + line.name, line.unit, line.price_key, line.quantity, assumption=assumed)
        for line in machine_lines(mtype, spot=is_spot, hours=hours, count=total, os_label=runs)
    ]
    if premium is not None:
        lines.append(license_line(premium, mtype, hours=hours, count=total))
    size = num(resource, f"{cfg}disk_size_gb") or Decimal(100)
    lines.append(
        disk_line(
            "Node boot disk / ",
            text(resource, f"{cfg}disk_type"),
            size,
            count=total,
            default_type="pd-balanced",
        )
    )
    ssd = local_ssd_count(resource, cfg)
    if ssd and not bundles_local_ssd(mtype):  # (an -lssd type's rate has them)
        key = "compute.local_ssd.spot" if is_spot else "compute.local_ssd"
        lines.append(
            CostLine("Local SSD provisioned storage", "GB", key, ssd * LOCAL_SSD_GB * total)
        )
    lines.extend(
        gpu_lines(
            resource,
            f"{cfg}guest_accelerator",
            spot=is_spot,
            hours=hours,
            count=total,
            machine_type=mtype,
        )
    )
    return lines


# the blocks through which GKE attaches local SSDs to each node (each holds local_ssd_count)
_SSD_BLOCKS = (
    "",
    "ephemeral_storage_local_ssd_config.0.",
    "local_nvme_ssd_block_config.0.",
    "ephemeral_storage_config.0.",
)


def local_ssd_count(resource: Resource, cfg: str) -> Decimal:
    """Local SSDs per node of the node config at ``cfg``, however GKE is asked to attach them."""
    total = Decimal(0)
    for block in _SSD_BLOCKS:
        total += num(resource, f"{cfg}{block}local_ssd_count") or Decimal(0)
    return total


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    return pool_lines(resource, usage)
