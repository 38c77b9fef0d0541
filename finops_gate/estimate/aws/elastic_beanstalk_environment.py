"""aws_elastic_beanstalk_environment: https://aws.amazon.com/elasticbeanstalk/pricing/ (no charge
for Elastic Beanstalk itself) and the pages of what an environment launches, priced by the
mappers of those resources (their keys and formulas): https://aws.amazon.com/ec2/pricing/on-demand/,
https://aws.amazon.com/ebs/pricing/, https://aws.amazon.com/elasticloadbalancing/pricing/,
https://aws.amazon.com/rds/pricing/ and https://aws.amazon.com/cloudwatch/pricing/.

What it launches is read from its ``setting`` blocks (namespace, name, value), with the defaults
of Elastic Beanstalk's "General options for all environments", each stated as an assumption:

- Instances (``aws:autoscaling:asg`` ``MinSize``, default 1, the least the group runs; one
  for ``EnvironmentType`` ``SingleInstance``) of the first of ``aws:ec2:instances``
  ``InstanceTypes`` (else the obsolete ``aws:autoscaling:launchconfiguration`` ``InstanceType``;
  unset has no documented default: unpriced), billed as Windows on a Windows platform, else as
  Linux (a platform, ``solution_stack_name`` or ``platform_arn``, that the code sets to a value
  known only after apply leaves the instance hours unpriced, naming it, as Windows platforms
  bill another rate; neither set is Linux, said as an assumption; usage
  ``ec2.operating_system`` gives the system in both cases); ``MonitoringInterval`` ``1 minute`` is
  detailed monitoring; the root volume from ``RootVolumeType``/``RootVolumeSize``/
  ``RootVolumeIOPS`` (its size varies per platform when unset: usage
  ``ec2.root_volume_size_gb``); ``EnableSpot`` instances are unpriced. Usage under ``ec2``
  (``monthly_cpu_credit_hrs``, ``monthly_hrs``...) as for aws_autoscaling_group.
- A load balancer of ``aws:elasticbeanstalk:environment`` ``LoadBalancerType`` (default
  ``classic``) unless the environment is a single instance, a worker tier or on a shared load
  balancer (billed on that one): aws_elb with usage ``elb``, or aws_lb with usage ``lb``. A
  ``tier`` known only after apply leaves it unpriced, naming it (a worker has none); unset is
  ``WebServer``, the provider's default.
- A database when ``aws:rds:dbinstance`` options are set: ``DBEngine`` (default mysql),
  ``DBInstanceClass`` (default db.t2.micro), ``MultiAZDatabase`` (default false),
  ``DBAllocatedStorage`` (default by engine; none documented for PostgreSQL: unpriced), usage
  ``db`` as for aws_db_instance.
- CloudWatch Logs when ``aws:elasticbeanstalk:cloudwatch:logs`` ``StreamLogs`` or health
  streaming is on: usage ``cloudwatch`` as for aws_cloudwatch_log_group.

A setting known only after apply, or a saved configuration (``template_name``) whose options
are not in the plan, leaves what it decides unpriced, naming it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws import autoscaling_group, cloudwatch_log_group, elb, rds_instance
from finops_gate.estimate.aws import load_balancer as lb
from finops_gate.estimate.aws._common import (
    get,
    is_unknown,
    number,
    unknown_in_code,
    unknown_line,
    unpriceable,
)
from finops_gate.estimate.aws.launch_template import Launch, Volume
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

ASG = "aws:autoscaling:asg"
LAUNCH = "aws:autoscaling:launchconfiguration"
INSTANCES = "aws:ec2:instances"
ENVIRONMENT = "aws:elasticbeanstalk:environment"
LOGS = "aws:elasticbeanstalk:cloudwatch:logs"
HEALTH_LOGS = "aws:elasticbeanstalk:cloudwatch:logs:health"
RDS = "aws:rds:dbinstance"
# DBAllocatedStorage defaults Elastic Beanstalk documents, by engine (none for PostgreSQL)
DB_STORAGE = {
    "mysql": 5,
    "oracle-se1": 10,
    "sqlserver-se": 200,
    "sqlserver-ex": 30,
    "sqlserver-web": 30,
}
TIERS = ("webserver", "worker")
PLATFORM = ("solution_stack_name", "platform_arn")  # what the platform is named by
ROOT = "root_block_device / "  # the root volume's line-name prefix (as autoscaling groups name it)
UNKNOWN = object()  # a setting whose value is known only after apply

Settings = Mapping[tuple[str, str], Any]


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if get(resource, "template_name") is not None or is_unknown(resource, "template_name"):
        why = "its options come from the saved configuration template_name, not in the plan"
        return [unpriceable("Environment resources", "hours", why)]
    if get(resource, "setting") is None and is_unknown(resource, "setting"):
        return [unknown_line("Environment resources", "hours", "setting")]
    found = _settings(resource)
    if isinstance(found, str):
        return [unpriceable("Environment resources", "hours", found)]
    lines = _part("Instances", _instance_lines(resource, found, usage))
    lines += _part("Load balancer", _load_balancer_lines(resource, found, usage))
    lines += _part("Database", _database_lines(resource, found, usage))
    if _on(found, LOGS, "StreamLogs") or _on(found, HEALTH_LOGS, "HealthStreamingEnabled"):
        logs = _sub(resource, "aws_cloudwatch_log_group", {}, usage, "cloudwatch")
        lines += _part("Logs", logs(cloudwatch_log_group.cost_lines))
    return lines


def _settings(resource: Resource) -> dict[tuple[str, str], Any] | str:
    """(namespace, option) -> value (UNKNOWN when known only after apply), or why none."""
    raw = get(resource, "setting")
    if raw is not None and not isinstance(raw, list):
        return "setting is not a list of blocks"
    out: dict[tuple[str, str], Any] = {}
    for i, block in enumerate(raw or []):
        if not isinstance(block, Mapping):
            return f"setting block {i} is not a block"
        namespace, name = block.get("namespace"), block.get("name")
        if not isinstance(namespace, str) or not isinstance(name, str):
            return f"setting block {i} has no namespace and name"
        if block.get("resource"):
            continue  # a scheduled action's or a listener's own option, not the environment's
        value = block.get("value")
        if value is None and is_unknown(resource, f"setting.{i}.value"):
            value = UNKNOWN
        elif isinstance(value, (dict, list)):
            return f"setting {namespace} {name} is not a single value"
        out[(namespace, name)] = value
    return out


def _text(found: Settings, namespace: str, name: str) -> object:
    """The option's value as text, None when unset, or UNKNOWN."""
    value = found.get((namespace, name))
    return value if value is None or value is UNKNOWN else str(value).strip()


def _on(found: Settings, namespace: str, name: str) -> bool:
    return str(found.get((namespace, name), "")).strip().lower() == "true"


def _part(label: str, lines: Sequence[CostLine]) -> list[CostLine]:
    return [replace(ln, name=f"{label} / {ln.name}") for ln in lines]


def _sub(
    resource: Resource, kind: str, attributes: dict[str, Any], usage: Usage, key: str
) -> Callable[[Callable[[Resource, Usage], list[CostLine]]], list[CostLine]]:
    """Run a sibling mapper on what the environment launches: ``kind`` with ``attributes`` and
    the usage map ``key`` (Infracost's shape), the keys it reads recorded as read under it."""

    def run(mapper: Callable[[Resource, Usage], list[CostLine]]) -> list[CostLine]:
        inner = usage.values.get(key) if usage.values else None
        values = dict(inner) if isinstance(inner, Mapping) else {}
        origin = usage.origins.get(key)
        origins = {k: f"{origin}.{key}" for k in values} if origin else {}
        sub = Usage(values, origins, on=usage.on)
        # (named by kinds, not by the environment's address: lines are shared by shape, and a
        # sibling mapper never reads the address)
        launched = Resource(
            f"aws_elastic_beanstalk_environment/{kind}",
            "terraform",
            kind,
            resource.provider,
            resource.region,
            attributes,
            frozenset(),
        )
        lines = mapper(launched, sub)
        if values and sub.read:
            usage.read.add(key)
            usage.read_paths.update(f"{key}.{k}" for k in sub.read)
            usage.read_paths.update(f"{key}.{p}" for p in sub.read_paths)
        return lines

    return run


def _instance_lines(resource: Resource, found: Settings, usage: Usage) -> list[CostLine]:
    name = "Instance usage"
    itypes = _text(found, INSTANCES, "InstanceTypes")
    if itypes is None:
        itypes = _text(found, LAUNCH, "InstanceType")
    if itypes is UNKNOWN:
        return [unknown_line(name, "hours", f"{INSTANCES} InstanceTypes")]
    itype = str(itypes).split(",")[0].strip() if itypes else ""
    if not itype:
        why = "no InstanceTypes setting: the default varies by account, region and platform"
        return [unpriceable(name, "hours", why)]
    if _on(found, INSTANCES, "EnableSpot"):
        return [
            unpriceable(
                f"{name} ({itype})", "hours", "EnableSpot: spot prices are not in the catalog"
            )
        ]
    single = str(_text(found, ENVIRONMENT, "EnvironmentType")).lower() == "singleinstance"
    minimum = Decimal(1) if single else _count(found)
    if isinstance(minimum, str):
        return [unpriceable(f"{name} ({itype})", "hours", minimum)]
    platform = _platform(resource)
    if isinstance(platform, str):
        return [unpriceable(f"{name} ({itype})", "hours", platform)]
    root = _root_volume(found)
    missing = root if isinstance(root, str) else None
    if isinstance(root, str):
        # the instances are still billed: only the root volume is left unpriced, naming why
        root = Volume(ROOT, None, {"volume_type": _text(found, LAUNCH, "RootVolumeType")})
    launch = Launch(
        "launch configuration",
        itype,
        None,
        str(_text(found, LAUNCH, "MonitoringInterval")).lower() == "1 minute",
        None,
        False,
        (root,) if root is not None else (),
        ami=platform,
    )
    run = _sub(resource, "aws_autoscaling_group", {}, usage, "ec2")
    lines = run(lambda r, u: autoscaling_group.instance_lines(launch, itype, u, minimum, r.region))
    if platform is None:
        lines = [_os_unknown(resource, itype, ln) for ln in lines]
    if missing is not None:
        vtype = _text(found, LAUNCH, "RootVolumeType")
        label = f"{ROOT}Storage ({vtype})" if isinstance(vtype, str) else f"{ROOT}Storage"
        lines = [
            unpriceable(label, "GB", missing) if ln.name.startswith(ROOT) else ln for ln in lines
        ]
    if not single and (ASG, "MinSize") not in found:
        lines = _assume(lines, ("MinSize", "1 instance (Elastic Beanstalk's default MinSize)"))
    return lines


def _assume(lines: list[CostLine], said: tuple[str, str]) -> list[CostLine]:
    """``said`` on the first priced line that states no assumption yet (a line holds one)."""
    for i, line in enumerate(lines):
        if line.assumption is None and line.unknown_reason is None:
            return [*lines[:i], replace(line, assumption=said), *lines[i + 1 :]]
    return lines


def _count(found: Settings) -> Decimal | str:
    value = found.get((ASG, "MinSize"), 1)
    if value is UNKNOWN:
        return f"{ASG} MinSize is unknown until apply"
    try:
        count = number(value, f"{ASG} MinSize")
    except ValueError as err:
        return str(err)
    if count is None or count < 0 or count != count.to_integral_value():
        return f"{ASG} MinSize {value!r} is not a count of instances"
    return count


def _root_volume(found: Settings) -> Volume | str | None:
    """The root volume the settings define (None: the platform's, sized from usage)."""
    vtype, size, iops = (_text(found, LAUNCH, f"RootVolume{n}") for n in ("Type", "Size", "IOPS"))
    throughput = _text(found, LAUNCH, "RootVolumeThroughput")
    if any(v is UNKNOWN for v in (vtype, size, iops, throughput)):
        return f"a {LAUNCH} RootVolume setting is unknown until apply"
    if size is None and vtype in ("io1", "io2"):
        return (
            f"RootVolumeSize is not set; Elastic Beanstalk requires it for an {vtype} root volume"
        )
    if size is None:
        return None
    values = {"volume_type": vtype, "volume_size": size, "iops": iops, "throughput": throughput}
    return Volume(ROOT, None, values)


def _platform(resource: Resource) -> Mapping[str, Any] | str | None:
    """What the platform's AMI is billed as: Windows Server platforms are Windows, every other
    Elastic Beanstalk platform runs Amazon Linux (a custom ImageId is not known here); None
    when no platform is known, or why a platform set is no name."""
    for path in PLATFORM:
        stack = get(resource, path)
        if stack is None or stack == "":
            continue
        if not isinstance(stack, str):
            return f"{path} is not a platform name; fix it"
        return {"platform_details": "Windows" if "windows" in stack.lower() else "Linux/UNIX"}
    return None


def _os_unknown(resource: Resource, itype: str, line: CostLine) -> CostLine:
    """``line`` when it does not rest on an assumed operating system (usage
    ec2.operating_system gave one); else unpriced when the code sets the platform to a value
    known only after apply (a Windows platform bills another rate), or the assumption said
    for a platform left unset (a plan shows both computed attributes unknown then)."""
    if line.assumption is None or line.assumption[0] != "operating_system":
        return line
    why = " (a Windows platform bills another rate); usage ec2.operating_system sets it"
    for path in PLATFORM:
        if unknown_in_code(resource, path):
            return unknown_line(f"Instance usage ({itype})", line.unit, path, why)
    said = "Linux: neither solution_stack_name nor platform_arn is set in the plan or the code"
    return replace(
        line, assumption=("operating_system", said + "; usage ec2.operating_system sets it")
    )


def _unknown(resource: Resource, path: str) -> bool:
    """True when ``path`` is known only after apply (in the plan or in the code)."""
    return is_unknown(resource, path) or unknown_in_code(resource, path)


def _load_balancer_lines(resource: Resource, found: Settings, usage: Usage) -> list[CostLine]:
    single = str(_text(found, ENVIRONMENT, "EnvironmentType")).lower() == "singleinstance"
    if single or _on(found, ENVIRONMENT, "LoadBalancerIsShared"):
        return []  # no load balancer of its own
    tier = get(resource, "tier")
    if tier is None and _unknown(resource, "tier"):
        return [unknown_line("Load balancer", "hours", "tier", " (a worker tier has none)")]
    if tier is not None and (not isinstance(tier, str) or tier.strip().lower() not in TIERS):
        why = f"tier {str(tier)[:40]!r} is not WebServer or Worker; fix it"
        return [unpriceable("Load balancer", "hours", why)]
    if tier is not None and tier.strip().lower() == "worker":
        return []  # a worker tier reads a queue: no load balancer
    given = _text(found, ENVIRONMENT, "LoadBalancerType")
    if given is UNKNOWN:
        return [unknown_line("Load balancer", "hours", f"{ENVIRONMENT} LoadBalancerType")]
    lb_type = str(given or "classic").lower()
    if lb_type == "classic":
        lines = _sub(resource, "aws_elb", {}, usage, "elb")(elb.cost_lines)
    elif lb_type in ("application", "network"):
        attributes = {"load_balancer_type": lb_type}
        lines = _sub(resource, "aws_lb", attributes, usage, "lb")(lb.cost_lines)
    else:
        return [unpriceable("Load balancer", "hours", f"LoadBalancerType {given} is not known")]
    if given is None:
        lines = _assume(lines, ("LoadBalancerType", "classic (Elastic Beanstalk's default)"))
    return lines


def _database_lines(resource: Resource, found: Settings, usage: Usage) -> list[CostLine]:
    options = {name: value for (namespace, name), value in found.items() if namespace == RDS}
    if not options:
        return []
    if UNKNOWN in options.values():
        return [
            unpriceable("Database instance", "hours", f"a {RDS} setting is unknown until apply")
        ]
    engine = str(options.get("DBEngine") or "mysql").strip().lower()
    klass = str(options.get("DBInstanceClass") or "db.t2.micro").strip()
    storage = options.get("DBAllocatedStorage", DB_STORAGE.get(engine))
    attributes: dict[str, Any] = {
        "engine": engine,
        "instance_class": klass,
        "multi_az": str(options.get("MultiAZDatabase", "false")).strip().lower() == "true",
        "allocated_storage": storage,
    }
    lines = _sub(resource, "aws_db_instance", attributes, usage, "db")(rds_instance.cost_lines)
    if storage is None:
        why = f"DBAllocatedStorage is not set; Elastic Beanstalk documents no default for {engine}"
        lines = [
            unpriceable(ln.name, ln.unit, why) if ln.unknown_reason and ln.unit == "GB" else ln
            for ln in lines
        ]
    said = [
        f"{name} {default}"
        for name, default in (("DBEngine", "mysql"), ("DBInstanceClass", "db.t2.micro"))
        if name not in options
    ]
    if "DBAllocatedStorage" not in options and storage is not None:
        said.append(f"DBAllocatedStorage {storage} GB")
    if said:
        lines = _assume(lines, (RDS, ", ".join(said) + " (Elastic Beanstalk's defaults)"))
    return lines
