"""aws_db_instance: https://aws.amazon.com/rds/pricing/ (per engine page: MySQL, PostgreSQL,
MariaDB, Oracle, SQL Server; Aurora instances where the engine is aurora*).

- Instance hours for ``engine`` x ``instance_class`` x Single-/Multi-AZ (``multi_az`` unset is
  Single-AZ, the RDS default; set to a value the code does not tell, unpriced). Oracle EE
  (and the retired SE) are sold only as bring-your-own-licence; for Oracle SE1/SE2
  ``license_model`` picks the rate, and an unknown one is unpriced.
- Storage per GB-month by ``storage_type`` (gp2/gp3 share a rate; unset is general purpose,
  or io1 when ``iops`` is set); io1/io2 IOPS, both at least RDS's minimums (100 GB, 1,000
  IOPS, also when ``iops`` is unset: the IOPS line is never dropped); gp3 IOPS and throughput
  above the baseline RDS includes (3,000 IOPS / 125 MiBps, or 12,000 / 500 from 400 GiB;
  200 GiB for Oracle; SQL Server always the lower one); magnetic I/O requests from usage
  ``monthly_standard_io_requests``.
  Aurora engines keep storage on the cluster (aws_rds_cluster), so none is priced here.
- Backup storage beyond the free allowance from usage ``additional_backup_storage_gb``.
- T3/T4g classes (Unlimited mode on RDS): surplus CPU credits from usage
  ``monthly_cpu_credit_hrs`` x the class's vCPUs.
- Extended support per vCPU-hour for an ``engine_version`` past its end of standard support on
  the report's price date (extended_support.py).
- A read replica (``replicate_source_db``) takes what it leaves unset or unknown from its source
  in the plan: engine, version, licence model and storage (RDS gives a replica its source's
  storage unless it sets its own). A source outside the plan leaves those unknown (unpriced).
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import (
    MILLION,
    flag,
    get,
    inherit,
    is_unknown,
    not_a_count,
    num,
    related,
    related_unknown,
    text,
    unknown_in_code,
    unknown_line,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.aws.extended_support import (
    credit_vcpu_hours,
    database_insights_lines,
    performance_insights_lines,
    rds_lines,
    unknown_version_lines,
)
from finops_gate.estimate.aws.reserved import reserved_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource

BYOL_ONLY = ("oracle-ee", "oracle-ee-cdb", "oracle-se")
LICENSED = ("oracle-se1", "oracle-se2", "oracle-se2-cdb")
IO_MIN_GB = Decimal(100)  # RDS io1/io2 minimums (MySQL, MariaDB, PostgreSQL, Oracle, SQL Server)
IO_MIN_IOPS = Decimal(1000)
UNLIMITED = ("db.t3.", "db.t4g.")  # RDS runs T3 and T4g classes in Unlimited mode


def engine_token(engine: str, license_model: str | None) -> str:
    if engine in BYOL_ONLY or (
        engine.startswith("oracle") and license_model == "bring-your-own-license"
    ):
        return f"{engine}-byol"
    return engine


# what a read replica inherits from its source when it leaves it unset (or unknown until apply)
INHERITED = (
    "engine",
    "engine_version",
    "license_model",
    "allocated_storage",
    "storage_type",
    "iops",
    "storage_throughput",
)


def with_source(resource: Resource) -> Resource:
    """``resource`` with what a read replica inherits filled in from its source in the plan."""
    source = related(resource, "source_db")
    if source is None or not (
        get(resource, "replicate_source_db") or is_unknown(resource, "replicate_source_db")
    ):
        return resource
    taken = {
        key: source[key]
        for key in INHERITED
        if get(resource, key) is None and source.get(key) is not None
    }
    # what the source's code writes with a value known only after apply: the replica's is not
    # known either (never AWS's default for leaving it unset)
    pending = frozenset(
        key for key in INHERITED if get(resource, key) is None and related_unknown(source, key)
    )
    return inherit(resource, taken, pending)


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    resource = with_source(resource)
    engine = text(resource, "engine")
    klass = text(resource, "instance_class")
    if engine is None:
        why = " (it comes from the source database)" if get(resource, "replicate_source_db") else ""
        return [unknown_line("Database instance (on-demand)", "hours", "engine", why)]
    if klass is None:
        return [unknown_line("Database instance (on-demand)", "hours", "instance_class")]
    if get(resource, "multi_az") is None and unknown_in_code(resource, "multi_az"):
        # set to a value the code does not tell (a module input): Multi-AZ doubles the rates
        why = " (Single- and Multi-AZ rates differ: a standby doubles the instance and storage)"
        return [unknown_line(f"Database instance (on-demand, {klass})", "hours", "multi_az", why)]
    multi = flag(resource, "multi_az") is True
    az_label, az = ("Multi-AZ", "multi-az") if multi else ("Single-AZ", "single-az")
    name = f"Database instance (on-demand, {az_label}, {klass})"
    license_model = text(resource, "license_model")
    if engine in LICENSED and license_model is None:
        differ = " (Oracle licence-included and BYOL rates differ)"
        if is_unknown(resource, "license_model") or unknown_in_code(resource, "license_model"):
            return [unknown_line(name, "hours", "license_model", differ)]
        # left unset in the code: AWS documents no default for Oracle, so it is asked for
        why = f"license_model is not set{differ}; set license-included or bring-your-own-license"
        return [unpriceable(name, "hours", why)]
    if engine.startswith("aurora"):
        key = f"rds.instance.{engine}.{klass}"
        return [
            reserved_line(CostLine(name, "hours", key, HOURS_PER_MONTH), usage),
            *rds_lines(engine, text(resource, "engine_version"), klass, usage.on),
            *unknown_version_lines(resource, engine),
            _backup(usage, "rds.aurora.backup_storage"),
        ]
    lines = [
        reserved_line(
            CostLine(
                name,
                "hours",
                f"rds.instance.{engine_token(engine, license_model)}.{klass}.{az}",
                HOURS_PER_MONTH,
            ),
            usage,
        )
    ]
    lines.extend(storage_lines(resource, engine, az, usage))
    version = text(resource, "engine_version")
    lines.extend(rds_lines(engine, version, klass, usage.on, instances=2 if multi else 1))
    if version is None:
        lines.extend(unknown_version_lines(resource, engine))
    lines.extend(performance_insights_lines(resource, usage))
    lines.extend(database_insights_lines(resource, klass))
    if klass.startswith(UNLIMITED):
        lines.append(_cpu_credits(klass, usage))
    lines.append(_backup(usage, "rds.backup_storage"))
    return lines


def _cpu_credits(klass: str, usage: Usage) -> CostLine:
    """Surplus CPU credits of a T3/T4g class (RDS runs them in Unlimited mode): usage
    ``monthly_cpu_credit_hrs`` x the class's vCPUs (usage ``vcpu_count`` overrides)."""
    return CostLine(
        "CPU credits",
        "vCPU-hours",
        "rds.cpu_credits",
        credit_vcpu_hours(usage, klass.removeprefix("db.")),
        usage_key="monthly_cpu_credit_hrs",
    )


def _backup(usage: Usage, key: str) -> CostLine:
    return usage_line("Additional backup storage", "GB", key, usage, "additional_backup_storage_gb")


def storage_lines(resource: Resource, engine: str, az: str, usage: Usage) -> list[CostLine]:
    size = num(resource, "allocated_storage")
    iops = num(resource, "iops")
    written = text(resource, "storage_type")
    if written is None and unknown_in_code(resource, "storage_type"):
        # io1 is the default only for a storage_type left unset with iops (gp3 takes iops too)
        return [unknown_line("Storage", "GB", "storage_type")]
    stype = written or ("io1" if iops else None)
    label = {
        "gp2": "general purpose SSD, gp2",
        "gp3": "general purpose SSD, gp3",
        "io1": "provisioned IOPS SSD, io1",
        "io2": "provisioned IOPS SSD, io2",
        "standard": "magnetic",
        None: "general purpose SSD, type not set",
    }.get(stype, stype)
    name = f"Storage ({label})"
    if size is None:
        return [unknown_line(name, "GB", "allocated_storage")]
    if (why := not_a_count("allocated_storage", size, least=Decimal(0))) is not None:
        return [unpriceable(name, "GB", why)]  # Terraform reads it as a whole number of GiB
    if stype is None and unknown_in_code(resource, "storage_type"):
        return [unknown_line("Storage", "GB", "storage_type")]  # io1 is not gp2's rate
    if stype is None and iops is None and unknown_in_code(resource, "iops"):
        # RDS makes it io1 when iops is set: which storage is not known
        return [unknown_line("Storage", "GB", "iops", " (with iops set, storage is io1)")]
    key_type = stype or "gp2"  # RDS charges gp2 and gp3 storage at one rate
    if stype in ("io1", "io2") and size < IO_MIN_GB:
        name, size = f"{name}, at the {IO_MIN_GB} GB minimum", IO_MIN_GB
    lines = [CostLine(name, "GB", f"rds.storage.{key_type}.{az}", size)]
    if stype in ("io1", "io2", "gp3") and iops is None and unknown_in_code(resource, "iops"):
        # written with a value the code does not tell: never the minimum or the baseline
        lines.append(unknown_line("Provisioned IOPS", "IOPS", "iops"))
    elif stype in ("io1", "io2"):
        lines.append(_io_iops(iops, stype, az))
    if stype == "gp3":
        base_iops, base_tp = _gp3_baseline(engine, size)
        if iops is not None and iops > base_iops:
            lines.append(
                CostLine(
                    f"Provisioned GP3 IOPS (above {base_iops:,})",
                    "IOPS",
                    f"rds.gp3.iops.{az}",
                    iops - base_iops,
                )
            )
        throughput = num(resource, "storage_throughput")
        if throughput is None and unknown_in_code(resource, "storage_throughput"):
            lines.append(unknown_line("Provisioned GP3 throughput", "MiBps", "storage_throughput"))
        elif throughput is not None and throughput > base_tp:
            lines.append(
                CostLine(
                    f"Provisioned GP3 throughput (above {base_tp} MiBps)",
                    "MiBps",
                    f"rds.gp3.throughput.{az}",
                    throughput - base_tp,
                )
            )
    if stype == "standard":
        lines.append(
            usage_line(
                "I/O requests",
                "1M requests",
                "rds.standard.io_requests",
                usage,
                "monthly_standard_io_requests",
                MILLION,
            )
        )
    return lines


def _io_iops(iops: Decimal | None, stype: str, az: str) -> CostLine:
    """Provisioned IOPS of io1/io2 storage: RDS provisions at least 1,000, also when unset."""
    key = f"rds.{stype}.iops.{az}"
    if iops is None:
        return CostLine(
            f"Provisioned IOPS (iops not set: the {IO_MIN_IOPS:,} minimum)",
            "IOPS",
            key,
            IO_MIN_IOPS,
        )
    if iops < IO_MIN_IOPS:
        return CostLine(f"Provisioned IOPS (the {IO_MIN_IOPS:,} minimum)", "IOPS", key, IO_MIN_IOPS)
    return CostLine("Provisioned IOPS", "IOPS", key, iops)


def _gp3_baseline(engine: str, size: Decimal) -> tuple[Decimal, Decimal]:
    if engine.startswith("sqlserver"):
        return Decimal(3000), Decimal(125)
    threshold = Decimal(200) if engine.startswith("oracle") else Decimal(400)
    return (Decimal(12000), Decimal(500)) if size >= threshold else (Decimal(3000), Decimal(125))
