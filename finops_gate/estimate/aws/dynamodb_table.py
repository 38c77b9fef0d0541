"""aws_dynamodb_table: https://aws.amazon.com/dynamodb/pricing/ (provisioned and on-demand).

- ``billing_mode = "PROVISIONED"`` (the default): ``write_capacity`` / ``read_capacity`` units x
  730 capacity-unit-hours (unknown until apply => unpriced). An ``aws_appautoscaling_target`` on
  the table's ``WriteCapacityUnits`` / ``ReadCapacityUnits`` (joined by the plan reader, by
  reference or by ``resource_id = "table/<name>"``) sets the capacity: its ``min_capacity``, the
  least the table is ever billed for, and the line says so. Each ``global_secondary_index`` has
  provisioned capacity of its own, billed at the table's rates: its ``write_capacity`` /
  ``read_capacity``, or what its own autoscaling target sets (``dynamodb:index:*`` on
  ``table/<name>/index/<index>``: its ``capacity`` usage, else its ``min_capacity``).
- ``PAY_PER_REQUEST``: usage ``monthly_write_request_units`` / ``monthly_read_request_units``.
- Both: usage ``storage_gb``; with point-in-time recovery enabled ``pitr_backup_storage_gb``;
  ``on_demand_backup_storage_gb``, ``monthly_data_restored_gb``; with a stream
  ``monthly_streams_read_request_units``.
- Global-table replicas (``replica`` blocks, https://aws.amazon.com/dynamodb/pricing/ "Global
  tables"): each replica is a full copy of the table billed in its own region (the lines carry
  that region; a region the catalog lacks leaves them unpriced with the refresh that fetches it,
  never priced at the table's region's rate):
  - replicated writes: provisioned, the table's write capacity (autoscaled as the table's, whose
    write scaling AWS keeps in step across replicas) in rWCU-hours; on demand, every write made
    anywhere, ``monthly_write_request_units``, as replicated write request units;
  - reads: provisioned, the table's read capacity in RCU-hours (a replica starts with the
    table's read settings); on demand, the reads served in that region, usage
    ``replicas.<region>.monthly_read_request_units`` (depends on usage when not given);
  - storage: the same data, ``storage_gb``; PITR storage when the replica block enables
    ``point_in_time_recovery``.
  ``dynamodb.replicated_wru`` is held per 730 rWRUs (the catalog took its rate from a golden
  table quoting rWRUs per hour: $0.000457 there is $0.626 per million), so that line counts
  monthly replicated writes / 730. A replica in the table's own region is the table itself
  (AWS rejects it at apply): not billed twice, and said in the notes.
- ``aws_dynamodb_table_replica`` (a replica managed as its own resource, billed in the region of
  its provider): the same replica lines, read from the table its ``global_table_arn`` names
  (joined by the plan and .tf readers) and from the replica's own usage:
  ``monthly_write_request_units`` (the writes made to the global table, replicated here) and
  ``monthly_read_request_units`` on demand, ``storage_gb``, ``pitr_backup_storage_gb`` with its
  ``point_in_time_recovery``. A table outside the plan leaves it unpriced, naming it.
- ``table_class = "STANDARD_INFREQUENT_ACCESS"`` (or a replica's ``table_class_override``) has
  its own capacity, request, storage and replicated-write rates, keyed ``<key>.standard_ia``
  (``dynamodb.storage.standard_ia``): never the Standard rates.
The reference data holds DynamoDB rates for us-east-2 (and replicated-write rates for us-west-1)
only, Standard class only; anything else is a ``finops-gate pricing refresh aws`` away.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws import linked_usage
from finops_gate.estimate.aws._common import (
    blocks,
    flag,
    get,
    is_on,
    is_unknown,
    not_a_count,
    num,
    number,
    related,
    related_list,
    related_unknown,
    scaled_capacity,
    text,
    unknown_in_code,
    unknown_line,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

# dynamodb.replicated_wru is priced per 730 rWRUs (see the module docstring)
_RWRU_BATCH = HOURS_PER_MONTH
INFREQUENT_ACCESS = "STANDARD_INFREQUENT_ACCESS"
# the keys whose rate the Standard-IA table class changes
_BY_CLASS = frozenset(
    {
        "dynamodb.wcu",
        "dynamodb.rcu",
        "dynamodb.wru",
        "dynamodb.rru",
        "dynamodb.storage",
        "dynamodb.replicated_wcu",
        "dynamodb.replicated_wru",
    }
)
Capacity = dict[str, Decimal | None]


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if is_unknown(resource, "table_class"):
        return [unknown_line("DynamoDB table", "table", "table_class")]
    lines: list[CostLine] = []
    capacity: Capacity = {}
    if get(resource, "billing_mode") is None and unknown_in_code(resource, "billing_mode"):
        # provisioned capacity or on-demand requests: which is not known
        lines.append(unknown_line("Capacity or requests", "table", "billing_mode"))
    elif get(resource, "billing_mode") == "PAY_PER_REQUEST":
        lines.append(
            usage_line(
                "Write request unit (WRU)",
                "WRUs",
                "dynamodb.wru",
                usage,
                "monthly_write_request_units",
            )
        )
        lines.append(
            usage_line(
                "Read request unit (RRU)",
                "RRUs",
                "dynamodb.rru",
                usage,
                "monthly_read_request_units",
            )
        )
    else:
        capacity, scaled = _capacity(resource, usage)
        for attr, label, key, unit in (
            ("write_capacity", "Write capacity unit (WCU)", "dynamodb.wcu", "WCU-hours"),
            ("read_capacity", "Read capacity unit (RCU)", "dynamodb.rcu", "RCU-hours"),
        ):
            units = capacity[attr]
            if attr in scaled:
                label = label.replace(")", f", {scaled[attr]})")
            why = None if units is None or attr in scaled else not_a_count(attr, units)
            lines.append(
                _no_capacity(resource, label, unit, attr)
                if units is None
                else unpriceable(label, unit, why)
                if why is not None
                else CostLine(label, unit, key, units * HOURS_PER_MONTH)
            )
        lines.extend(_index_lines(resource, usage))
    lines.append(usage_line("Data storage", "GB", "dynamodb.storage", usage, "storage_gb"))
    for path, label in (
        ("point_in_time_recovery.0.enabled", "Point-In-Time Recovery (PITR) backup storage"),
        ("stream_enabled", "Streams read request unit (sRRU)"),
    ):
        if get(resource, path) is None and unknown_in_code(resource, path):
            # a switch the code sets to a value it does not tell: never off
            lines.append(unknown_line(label, "GB" if "PITR" in label else "sRRUs", path))
    if flag(resource, "point_in_time_recovery.0.enabled") is True:
        lines.append(
            usage_line(
                "Point-In-Time Recovery (PITR) backup storage",
                "GB",
                "dynamodb.pitr_storage",
                usage,
                "pitr_backup_storage_gb",
            )
        )
    for label, key, ukey in (
        ("On-demand backup storage", "dynamodb.backup_storage", "on_demand_backup_storage_gb"),
        ("Table data restored", "dynamodb.restore", "monthly_data_restored_gb"),
    ):
        if usage.number(ukey) is not None:
            lines.append(usage_line(label, "GB", key, usage, ukey))
    if flag(resource, "stream_enabled") is True:
        lines.append(
            usage_line(
                "Streams read request unit (sRRU)",
                "sRRUs",
                "dynamodb.streams_rru",
                usage,
                "monthly_streams_read_request_units",
            )
        )
    lines = _with_replicas(resource, usage, capacity, lines)
    return _in_class(lines, text(resource, "table_class"))


def _no_capacity(resource: Resource, label: str, unit: str, attr: str) -> CostLine:
    """The line of a provisioned capacity not known: unknown until apply, or not set."""
    if is_unknown(resource, attr) or unknown_in_code(resource, attr):
        return unknown_line(label, unit, attr)
    why = f"{attr} is not set: a PROVISIONED table (the default billing_mode) needs it; fix it"
    return unpriceable(label, unit, why)


def replica_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    """aws_dynamodb_table_replica: the replica lines of the table it names, in its own region."""
    table = related(resource, "table")
    if table is None:
        why = "the table it replicates (global_table_arn) is not in the plan"
        return [unpriceable("Global table replica", "replica", why)]
    for attr in ("billing_mode", "table_class"):
        if related_unknown(table, attr):  # the table's own default is not its value
            return [unknown_line("Global table replica", "replica", f"the table's {attr}")]
    source = replace(resource, kind="aws_dynamodb_table", attributes=table, unknown=frozenset())
    on_demand = table.get("billing_mode") == "PAY_PER_REQUEST"
    capacity = {} if on_demand else _capacity(source, usage)[0]
    pitr = {
        "point_in_time_recovery": is_on(
            get(resource, "point_in_time_recovery"), "point_in_time_recovery"
        )
    }
    reads = usage_line(
        "Read request unit (RRU)", "RRUs", "dynamodb.rru", usage, "monthly_read_request_units"
    )
    indexes = [] if on_demand else _replica_indexes(source, usage)
    lines = _replica_lines(usage, capacity, on_demand, pitr, reads, indexes)
    if is_unknown(resource, "table_class_override"):
        return [unknown_line("Global table replica", "replica", "table_class_override")]
    table_class = text(resource, "table_class_override") or str(table.get("table_class") or "")
    return _in_class(lines, table_class)


def _capacity(resource: Resource, usage: Usage) -> tuple[Capacity, dict[str, str]]:
    """Provisioned write and read capacity units: the table's, else those its autoscaling
    targets set (their ``capacity`` usage, else their minimum); and for those, which."""
    units: Capacity = {}
    how: dict[str, str] = {}
    for attr, dimension in (("write_capacity", "Write"), ("read_capacity", "Read")):
        units[attr] = num(resource, attr)
        scaled, given = scaled_capacity(resource, f"dynamodb:table:{dimension}CapacityUnits", usage)
        if scaled is not None:
            units[attr] = scaled
            how[attr] = "autoscaling" if given else "autoscaling minimum"
    return units, how


def _index_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    """The provisioned capacity of each global secondary index (see the module docstring)."""
    lines: list[CostLine] = []
    if unknown_in_code(resource, "global_secondary_index"):
        # which indexes is not known (a dynamic block over a data source...): never none
        lines.append(unknown_line("Global secondary indexes", "index", "global_secondary_index"))
    targets = related_list(resource, "autoscaling_targets")
    given = usage.values.get(linked_usage.KEY)
    usage.number(linked_usage.KEY)  # read: the targets' capacity usage is not "ignored"
    for i, index in enumerate(blocks(resource, "global_secondary_index")):
        name = index.get("name")
        prefix = f"Global secondary index ({str(name)[:60]}) / "
        for attr, dimension, label, key, unit in (
            ("write_capacity", "Write", "Write capacity unit (WCU)", "dynamodb.wcu", "WCU-hours"),
            ("read_capacity", "Read", "Read capacity unit (RCU)", "dynamodb.rcu", "RCU-hours"),
        ):
            path = f"global_secondary_index.{i}.{attr}"
            units = None if is_unknown(resource, path) else number(index.get(attr), path)
            scaled, how = _index_scaled(targets, given, str(name), dimension)
            if scaled is not None:
                units, label = scaled, label.replace(")", f", {how})")
            lines.append(
                unknown_line(prefix + label, unit, path)
                if units is None
                else CostLine(prefix + label, unit, key, units * HOURS_PER_MONTH)
            )
    return lines


def _index_scaled(
    targets: list[Mapping[str, Any]], given: Any, index: str, dimension: str
) -> tuple[Decimal | None, str]:
    """The capacity the autoscaling target of ``index`` sets on ``dimension``: its ``capacity``
    usage, else its ``min_capacity`` (the largest, should there be several)."""
    wanted = f"{linked_usage.INDEX_DIMENSION}{dimension}CapacityUnits"
    found: list[tuple[Decimal, str]] = []
    for target in targets:
        resource_id = target.get("resource_id")
        if target.get("scalable_dimension") != wanted or not str(resource_id).endswith(
            f"/index/{index}"
        ):
            continue
        capacity = (
            given.get(linked_usage.index_capacity_key(wanted, resource_id))
            if isinstance(given, Mapping)
            else None
        )
        if capacity is not None:
            found.append(
                (number(capacity, "autoscaling target capacity") or Decimal(0), "autoscaling")
            )
            continue
        least = number(target.get("min_capacity"), "autoscaling target min_capacity")
        if least is not None:
            found.append((least, "autoscaling minimum"))
    return max(found) if found else (None, "")


def _in_class(lines: list[CostLine], table_class: str | None) -> list[CostLine]:
    """The lines at the table class's rates: Standard-IA has keys of its own."""
    if (table_class or "STANDARD") == "STANDARD":
        return lines
    if table_class != INFREQUENT_ACCESS:
        why = f"table class {str(table_class)[:40]!r} is not STANDARD or {INFREQUENT_ACCESS}"
        return [unpriceable("DynamoDB table", "table", why)]
    return [
        replace(line, price_key=f"{line.price_key}.standard_ia")
        if line.price_key in _BY_CLASS
        else line
        for line in lines
    ]


def _with_replicas(
    resource: Resource,
    usage: Usage,
    capacity: Capacity,
    lines: list[CostLine],
) -> list[CostLine]:
    """``lines`` and those each global-table replica bills in its own region."""
    on_demand = get(resource, "billing_mode") == "PAY_PER_REQUEST"
    seen: set[str] = set()
    regions = {r.get("region_name") for r in blocks(resource, "replica")}
    given = usage.values.get("replicas")
    usage.number("replicas")  # read: a typo of it gets a did-you-mean
    strays = sorted(str(r) for r in given if r not in regions) if isinstance(given, dict) else []
    if given is not None and (not isinstance(given, dict) or strays):
        why = (
            f"usage replicas names {', '.join(strays)}, no replica region of this table"
            if strays
            else "usage replicas must map each replica region to its usage"
        )
        lines.append(unpriceable("Global table replicas", "replica", why))
    if unknown_in_code(resource, "replica"):
        # which replicas is not known (a dynamic block over a data source...): never none
        lines.append(unknown_line("Global table (replicas)", "replica", "replica"))
    replicas = blocks(resource, "replica")
    indexes = [] if on_demand or not replicas else _replica_indexes(resource, usage)
    for i, replica in enumerate(replicas):
        region = replica.get("region_name")
        path = f"replica.{i}.region_name"
        if not isinstance(region, str) or not region or is_unknown(resource, path):
            lines.append(unknown_line("Global table (replica)", "replica", path))
            continue
        if region == resource.region or region in seen:
            # the storage line is always there: its note reaches the report's notes
            why = (
                f"the replica in {region} is in the table's own region"
                if region == resource.region
                else f"the replica in {region} is listed twice"
            )
            at = next(n for n, line in enumerate(lines) if line.price_key == "dynamodb.storage")
            lines[at] = replace(
                lines[at], note=f"{why}, which AWS rejects at apply: it is not billed twice"
            )
            continue
        seen.add(region)
        reads = _replica_reads(usage, region)
        pitr = is_on(replica.get("point_in_time_recovery"), f"replica.{i}.point_in_time_recovery")
        replica = {**replica, "point_in_time_recovery": pitr}
        lines.extend(
            replace(line, name=f"Global table ({region}) / {line.name}", region=region)
            for line in _replica_lines(usage, capacity, on_demand, replica, reads, indexes)
        )
    return lines


def _replica_indexes(resource: Resource, usage: Usage) -> list[CostLine]:
    """The global secondary indexes of a provisioned table as each replica bills them: every
    replica holds the same indexes with the same write capacity (AWS: "replica tables and
    secondary indexes ... identical write capacity settings"), replicated writes as rWCUs, and
    the index's read capacity as RCUs (https://aws.amazon.com/dynamodb/pricing/ Global tables)."""
    out: list[CostLine] = []
    for line in _index_lines(resource, usage):
        if line.price_key == "dynamodb.wcu":
            name = line.name.replace(
                "Write capacity unit (WCU", "Replicated write capacity unit (rWCU"
            )
            line = replace(line, name=name, unit="rWCU-hours", price_key="dynamodb.replicated_wcu")
        out.append(line)
    return out


def _replica_lines(
    usage: Usage,
    capacity: Capacity,
    on_demand: bool,
    replica: Mapping[str, Any],
    reads: CostLine,
    indexes: list[CostLine],
) -> list[CostLine]:
    """What one replica bills: replicated writes, ``reads`` (on demand), or the table's read
    capacity and its ``indexes`` (provisioned), storage, and PITR storage when ``replica``
    enables it."""
    out: list[CostLine] = []
    if on_demand:
        out.append(
            usage_line(
                "Replicated write request unit (rWRU)",
                "730 rWRUs",
                "dynamodb.replicated_wru",
                usage,
                "monthly_write_request_units",
                _RWRU_BATCH,
            )
        )
        out.append(reads)
    else:
        for attr, label, key, unit in (
            (
                "write_capacity",
                "Replicated write capacity unit (rWCU)",
                "dynamodb.replicated_wcu",
                "rWCU-hours",
            ),
            ("read_capacity", "Read capacity unit (RCU)", "dynamodb.rcu", "RCU-hours"),
        ):
            units = capacity.get(attr)
            out.append(
                unknown_line(label, unit, attr)
                if units is None
                else CostLine(label, unit, key, units * HOURS_PER_MONTH)
            )
        out.extend(indexes)
    out.append(usage_line("Data storage", "GB", "dynamodb.storage", usage, "storage_gb"))
    if replica.get("point_in_time_recovery") is True:  # read by the callers (is_on)
        out.append(
            usage_line(
                "Point-In-Time Recovery (PITR) backup storage",
                "GB",
                "dynamodb.pitr_storage",
                usage,
                "pitr_backup_storage_gb",
            )
        )
    return out


def _replica_reads(usage: Usage, region: str) -> CostLine:
    """The on-demand reads one replica serves, usage
    ``replicas.<region>.monthly_read_request_units`` (given, it must be a number of at least 0:
    anything else leaves the line unpriced, never a guess)."""
    key = f"replicas.{region}.monthly_read_request_units"
    name, unit = "Read request unit (RRU)", "RRUs"
    entry = usage.values.get("replicas")
    entry = entry.get(region) if isinstance(entry, dict) else None
    raw = entry.get("monthly_read_request_units") if isinstance(entry, dict) else None
    given = usage.number(key)
    if (entry is not None and not isinstance(entry, dict)) or (
        raw is not None and (given is None or given < 0)
    ):
        return unpriceable(name, unit, f"usage {key} must be a number of at least 0")
    strays = sorted(str(k) for k in entry if k != "monthly_read_request_units") if entry else []
    if strays:  # a misspelt key would silently drop the replica's reads
        why = f"usage replicas.{region} gives {', '.join(strays)[:80]}, which nothing reads;"
        return unpriceable(name, unit, f"{why} did you mean monthly_read_request_units?")
    return CostLine(name, unit, "dynamodb.rru", given, usage_key=key)
