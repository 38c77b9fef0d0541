"""Google Cloud mappers, one small module per resource kind (each names the price page it models).

``REGISTRY`` maps a Terraform resource type to its mapper; ``FREE`` (read from ``free.txt``,
reviewed data) lists the types that cost nothing by themselves. Anything in neither is reported
``unsupported``, never as $0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from finops_gate.estimate.gcp import (
    compute_address,
    compute_disk,
    compute_instance,
    container_cluster,
    container_node_pool,
    instance_group_manager,
    redis_instance,
    router_nat,
    sql_database_instance,
    storage_bucket,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

REGISTRY: dict[str, Callable[[Resource, Usage], Sequence[CostLine]]] = {
    "google_compute_address": compute_address.cost_lines,
    "google_compute_disk": compute_disk.cost_lines,
    "google_compute_global_address": compute_address.cost_lines,
    "google_compute_instance": compute_instance.cost_lines,
    "google_compute_region_disk": compute_disk.cost_lines,
    "google_compute_router_nat": router_nat.cost_lines,
    "google_compute_instance_group_manager": instance_group_manager.cost_lines,
    "google_compute_region_instance_group_manager": instance_group_manager.cost_lines,
    "google_container_cluster": container_cluster.cost_lines,
    "google_container_node_pool": container_node_pool.cost_lines,
    "google_redis_instance": redis_instance.cost_lines,
    "google_sql_database_instance": sql_database_instance.cost_lines,
    "google_storage_bucket": storage_bucket.cost_lines,
}


def read_free_list(path: Path) -> frozenset[str]:
    """Resource types from a free-list data file: one per line, ``#`` comments; a line with
    ``*`` is a family of types (``read_free_families``), not a type."""
    names = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        name = raw.split("#", 1)[0].strip()
        if name and "*" not in name:
            names.add(name)
    return frozenset(names)


def read_free_families(path: Path) -> re.Pattern[str] | None:
    """The families of a free-list file (``google_*_iam_member``: ``*`` is one or more of
    ``[a-z0-9_]``) as one pattern matched against a whole type, or None."""
    parts = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        name = raw.split("#", 1)[0].strip()
        if "*" in name:
            parts.append("[a-z0-9_]+".join(re.escape(p) for p in name.split("*")))
    return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None


_FREE_FILE = Path(__file__).with_name("free.txt")
FREE: frozenset[str] = read_free_list(_FREE_FILE)
FREE_FAMILIES: re.Pattern[str] | None = read_free_families(_FREE_FILE)
