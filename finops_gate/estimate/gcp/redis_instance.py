"""google_redis_instance: https://cloud.google.com/memorystore/docs/redis/pricing.

Provisioned capacity ``memory_size_gb`` x hours at the rate of its ``tier`` (BASIC when unset;
STANDARD_HA is "standard") and capacity tier: M1 1-4 GB, M2 5-10, M3 11-35, M4 36-100, M5 >100.
The Standard Tier rate covers its primary and one replica; with ``read_replicas_mode =
"READ_REPLICAS_ENABLED"`` a ``replica_count`` above 1 adds nodes, whose rate no catalog holds:
the instance is then unpriced, naming them, never priced as if it had one replica.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly_hours
from finops_gate.estimate.gcp._common import num, text, unknown_lines, written_unknown
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

CAPACITY_TIERS = (
    (Decimal(4), "m1"),
    (Decimal(10), "m2"),
    (Decimal(35), "m3"),
    (Decimal(100), "m4"),
)


def capacity_tier(gb: Decimal) -> str:
    return next((name for top, name in CAPACITY_TIERS if gb <= top), "m5")


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    gb = num(resource, "memory_size_gb")
    if gb is None:
        return [
            CostLine(
                "Redis instance", "GB-hours", "", None, unknown_reason="memory_size_gb is not known"
            )
        ]
    # read replicas are a Standard Tier option: unknown ones matter only there
    standard = (text(resource, "tier") or "").upper() == "STANDARD_HA"
    replica_paths = ("replica_count", "read_replicas_mode") if standard else ()
    found = written_unknown(resource, "tier", *replica_paths)
    if found is not None:  # never the BASIC tier (or one replica) for a value not known
        return unknown_lines("Redis instance", "GB-hours", found, "the instance's price")
    tier = "standard" if (text(resource, "tier") or "BASIC").upper() == "STANDARD_HA" else "basic"
    cap = capacity_tier(gb)
    lines = [
        CostLine(
            f"Redis instance ({tier}, {cap.upper()})",
            "GB-hours",
            f"redis.{tier}.{cap}",
            gb * monthly_hours(usage),
        )
    ]
    replicas = num(resource, "replica_count")
    read_replicas = (text(resource, "read_replicas_mode") or "").upper() == "READ_REPLICAS_ENABLED"
    if tier == "standard" and read_replicas and replicas is not None and replicas > 1:
        extra = replicas - 1
        why = (
            f"replica_count {replicas}: the Standard Tier rate covers one replica, and no catalog"
            f" holds the rate of the {extra} more (redis.{tier}.{cap}.read_replica)"
        )
        name = f"Read replicas beyond the first ({extra})"
        lines.append(CostLine(name, "GB-hours", "", None, unknown_reason=why))
    return lines
