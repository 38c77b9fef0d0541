"""aws_instance: https://aws.amazon.com/ec2/pricing/on-demand/ and https://aws.amazon.com/ebs/pricing/.

- Instance hours (usage ``monthly_hrs``, default 730) at the on-demand rate for the
  ``instance_type``: Linux, shared tenancy; ``tenancy = "dedicated"`` and usage
  ``operating_system: windows`` use their own keys (priced only where the catalog has them).
  ``tenancy = "host"`` or a ``host_id`` run on a dedicated host, billed per host hour on
  aws_ec2_host: the instance adds only its volumes.
  An unset ``tenancy`` (unknown in a plan: Optional+Computed) is the shared default.
- T-family unlimited CPU credits (t3/t3a/t4g by default, t2 when set): usage
  ``monthly_cpu_credit_hrs`` x the type's vCPUs (usage ``vcpu_count`` overrides the table).
- ``monitoring = true``: CloudWatch detailed monitoring, 7 metrics (Infracost's count).
- ``associate_public_ip_address = true``: the public IPv4 address, charged hourly since
  2024-02 (https://aws.amazon.com/vpc/pricing/). When the plan leaves it to the subnet's
  default (unknown), no address line is added; an Elastic IP is priced on aws_eip. An
  instance that leaves it unset takes its launch template's (network interface 0).
- Reserved instances (usage ``reserved_instance_*``): see reserved.py.
- Spot instances (``instance_market_options[0].market_type = "spot"``) are unpriced: spot
  prices are not in the catalog.
- ``ebs_optimized = true`` on a previous-generation type where EBS optimization is an option
  billed per hour (https://aws.amazon.com/ec2/previous-generation/: sizes of the c1, c3, g2,
  i2, m1, m2, m3 and r3 families, EBS_OPTIMIZED_FEE) adds ``ec2.ebs_optimized.<type>`` hours,
  unpriced where the catalog lacks the type's rate; current types are EBS-optimized at no
  charge.
- ``launch_template``: what the instance leaves unset comes from the template the plan joins
  (see launch_template.py): instance type, tenancy, monitoring, CPU credits, spot, and the
  template's block devices (a device the instance also names takes the template's unset
  attributes: an io1 mapping stays io1). A template outside the plan leaves those unknown.
- ``root_block_device``: its size and type come from the AMI when the block does not set them,
  and the AMI is not in the plan. Then the line depends on usage ``root_volume_size_gb``
  (optionally ``root_volume_type``, else priced at the gp2 rate, which the name says), never a
  guessed size. ``ebs_block_device`` volumes: see ebs_volume.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws import ebs_volume
from finops_gate.estimate.aws._common import (
    as_bool,
    blocks,
    get,
    is_on,
    monthly_hours,
    num,
    related,
    related_list,
    text,
    unknown_in_code,
    unknown_line,
    unknown_setting,
    unpriceable,
)
from finops_gate.estimate.aws.extended_support import credit_vcpu_hours
from finops_gate.estimate.aws.launch_template import (
    OS_LABELS,
    Launch,
    Volume,
    ami_root,
    billed_os,
    launch_of,
    pending_monitoring,
    volume_lines,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

DETAILED_MONITORING_METRICS = Decimal(7)
# previous-generation types whose EBS optimization is an hourly option, not included
# (https://aws.amazon.com/ec2/previous-generation/, "EBS-optimized available")
EBS_OPTIMIZED_FEE = frozenset(
    {
        "c1.xlarge",
        "c3.xlarge",
        "c3.2xlarge",
        "c3.4xlarge",
        "g2.2xlarge",
        "i2.xlarge",
        "i2.2xlarge",
        "i2.4xlarge",
        "m1.large",
        "m1.xlarge",
        "m2.2xlarge",
        "m2.4xlarge",
        "m3.xlarge",
        "m3.2xlarge",
        "r3.xlarge",
        "r3.2xlarge",
        "r3.4xlarge",
    }
)
UNLIMITED_BY_DEFAULT = ("t3.", "t3a.", "t4g.")
# operating systems whose instance rates `finops-gate pricing refresh aws` fetches (the shipped
# catalog holds Linux and a few Windows rates): a missing key names that command
REFRESHED_OS = frozenset(
    {
        "windows",
        "rhel",
        "rhel_ha",
        "suse",
        "ubuntu_pro",
        "windows_sql_standard",
        "windows_sql_enterprise",
        "windows_sql_web",
    }
)


def instance_hours_line(
    itype: str,
    tenancy: str | None,
    os_name: str,
    hours: Decimal,
    count: Decimal,
    region: str | None = None,
) -> CostLine:
    """The instance-hours line for ``count`` instances of ``itype`` (shared with node groups).

    ``os_name`` is what the AMI says (launch_template.PLATFORMS) or usage ``operating_system``
    (Infracost's values: linux, windows, rhel, suse; also rhel_ha, ubuntu_pro and
    windows_sql_standard/enterprise/web): each has its own key, ``ec2.instance.<type>.<os>``.
    A value that is none of them leaves the line unpriced, naming it (never the Linux rate). A
    non-Linux key the catalogs lack is unpriced with the refresh that fetches it (``region``)."""
    os_name = os_name.strip().lower()
    os_label = OS_LABELS.get(os_name, os_name)
    variant = "" if os_name == "linux" else f".{os_name}"
    if os_name.startswith("other: "):
        return CostLine(
            f"Instance usage ({itype})",
            "hours",
            "",
            None,
            unknown_reason=f"the AMI's platform ({os_name[7:]}) has no rate in the catalog",
        )
    if os_name not in OS_LABELS:
        return CostLine(
            f"Instance usage ({itype})",
            "hours",
            "",
            None,
            usage_key="operating_system",
            unknown_reason=f"usage operating_system {os_name[:40]!r} is not one of "
            + ", ".join(OS_LABELS),
        )
    if tenancy == "dedicated":
        name = f"Instance usage ({os_label}, on-demand, dedicated, {itype})"
        key = f"ec2.instance.{itype}.dedicated{variant}"
    else:
        name = f"Instance usage ({os_label}, on-demand, {itype})"
        key = f"ec2.instance.{itype}{variant}"
    line = CostLine(name, "hours", key, hours * count)
    if variant and region is not None and os_name in REFRESHED_OS:
        fix = f"finops-gate pricing refresh aws --service AmazonEC2 --region {region} --out DIR"
        why = f"no price for {key} in {region} in the catalogs used; `{fix}` fetches the "
        why += f"{os_label} rates: add DIR to pricing.catalog_dirs"
        line = replace(line, fallback=CostLine(name, "hours", "", None, unknown_reason=why))
    return line


def ebs_optimized_line(
    itype: str, optimized: bool | None, hours: Decimal, count: Decimal
) -> CostLine | None:
    """The hourly EBS-optimized fee of a previous-generation type that opts in."""
    if optimized is not True or itype not in EBS_OPTIMIZED_FEE:
        return None
    return CostLine(
        f"EBS-optimized usage ({itype})", "hours", f"ec2.ebs_optimized.{itype}", hours * count
    )


def cpu_credit_line(
    itype: str, credits: str | None, usage: Usage, count: Decimal, os_name: str = "linux"
) -> CostLine | None:
    """Surplus CPU credits of ``count`` unlimited T instances. AWS bills them per vCPU-hour at
    one rate for Linux, RHEL and SUSE and a higher one for Windows (and Windows with SQL Server
    Web): https://aws.amazon.com/ec2/pricing/on-demand/, "T2/T3/T4g Unlimited Mode Pricing".
    A Windows instance takes ``ec2.cpu_credits.windows``; where no catalog has it, credits that
    usage gives are unpriced (never the Linux rate), and without usage the line shows the
    Linux rate as a floor, saying so."""
    unlimited = credits == "unlimited" or (
        credits is None and itype.startswith(UNLIMITED_BY_DEFAULT)
    )
    if not itype.startswith(("t2.", *UNLIMITED_BY_DEFAULT)) or not unlimited:
        return None
    vcpu_hours = credit_vcpu_hours(usage, itype)
    quantity = None if vcpu_hours is None else vcpu_hours * count
    usage_key = "monthly_cpu_credit_hrs"
    if not os_name.strip().lower().startswith("windows"):
        return CostLine(
            "CPU credits", "vCPU-hours", "ec2.cpu_credits", quantity, usage_key=usage_key
        )
    name = "CPU credits (Windows)"
    if quantity is None:
        floor = "no Windows rate in the catalogs used: the Linux rate, a floor"
        fallback = CostLine(
            f"{name} ({floor})", "vCPU-hours", "ec2.cpu_credits", None, usage_key=usage_key
        )
    else:
        why = "no Windows CPU credit rate (ec2.cpu_credits.windows) in the catalogs used; "
        why += "`finops-gate pricing refresh aws --service AmazonEC2 --region R --out DIR` "
        why += "fetches it: add DIR to pricing.catalog_dirs"
        fallback = CostLine(
            name, "vCPU-hours", "", quantity, usage_key=usage_key, unknown_reason=why
        )
    return CostLine(
        name,
        "vCPU-hours",
        "ec2.cpu_credits.windows",
        quantity,
        usage_key=usage_key,
        fallback=fallback,
    )


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    launch = launch_of(resource)
    itype = text(resource, "instance_type") or (launch.instance_type if launch else None)
    if itype is None and launch is not None and launch.pending("instance_type"):
        why = f"the {launch.kind}'s instance_type is unknown until apply"
        return [unpriceable("Instance usage (Linux, on-demand)", "hours", why)]
    if itype is None:
        return [unknown_line("Instance usage (Linux, on-demand)", "hours", "instance_type")]
    if unknown_setting(resource, "tenancy", computed=True):
        # dedicated tenancy has rates of its own, a host tenancy none: never the shared rate
        return [unknown_line(f"Instance usage ({itype})", "hours", "tenancy")]
    tenancy = text(resource, "tenancy") or (launch.tenancy if launch else None)
    volumes = _volume_lines(resource, usage, launch)
    if tenancy == "host" or get(resource, "host_id") or related(resource, "host") is not None:
        # the host is billed per hour (aws_ec2_host) whatever runs on it; the volumes are not.
        # Said on the first line, so that a report showing only volumes says why
        said = "[on a dedicated host: instance hours billed on the host] "
        return [replace(volumes[0], name=said + volumes[0].name), *volumes[1:]] if volumes else []
    os_name, assumed = operating_system(resource, usage, launch)
    spot = text(resource, "instance_market_options.0.market_type") == "spot" or (
        launch is not None and launch.spot and not get(resource, "instance_market_options")
    )
    if spot:
        return [
            unpriceable(
                f"Instance usage (spot, {itype})",
                "hours",
                "spot prices change hourly and are not in the catalog",
            )
        ]
    hours = instance_hours_line(
        itype, tenancy, os_name, monthly_hours(usage), Decimal(1), resource.region
    )
    lines = [replace(_reserved(hours, usage), assumption=assumed)]
    optimized = get(resource, "ebs_optimized")
    if optimized is None and launch is not None:
        optimized = launch.ebs_optimized
    fee = ebs_optimized_line(itype, as_bool(optimized), monthly_hours(usage), Decimal(1))
    if fee is not None:
        lines.append(fee)
    credits = text(resource, "credit_specification.0.cpu_credits") or (
        launch.cpu_credits if launch else None
    )
    credit = cpu_credit_line(itype, credits, usage, Decimal(1), os_name)
    if credit is not None:
        lines.append(credit)
    monitoring = get(resource, "monitoring")
    pending = pending_monitoring(launch, monitoring)
    if pending is not None:
        lines.append(pending)
    if monitoring is None and launch is not None:
        monitoring = launch.monitoring
    if is_on(monitoring, "monitoring"):
        lines.append(
            CostLine(
                "EC2 detailed monitoring",
                "metrics",
                "cloudwatch.metrics",
                DETAILED_MONITORING_METRICS,
            )
        )
    public = get(resource, "associate_public_ip_address")
    if public is None and launch is not None:
        public = launch.public_ip  # the template's network interface asks for one
    elastic = related_list(resource, "elastic_ips") or related_list(resource, "eip_associations")
    if is_on(public, "associate_public_ip_address") and elastic:
        # an Elastic IP associated with it replaces that address (https://docs.aws.amazon.com/
        # AWSEC2/latest/UserGuide/using-instance-addressing.html): billed once, on the aws_eip.
        # (The plan reader joins them to an instance without count or for_each only: which
        # instance of a counted one an address goes to is not read)
        public = False
    if is_on(public, "associate_public_ip_address"):
        lines.append(
            CostLine("Public IPv4 address", "hours", "vpc.public_ipv4", monthly_hours(usage))
        )
    return lines + volumes


def _reserved(hours: CostLine, usage: Usage) -> CostLine:
    """``hours`` as the reservation the usage describes (reserved.py, imported for a resource
    that has usage: with none, nothing is reserved and the line stays on-demand)."""
    if not usage.values:
        return hours
    from finops_gate.estimate.aws.reserved import reserved_line

    return reserved_line(hours, usage, offering=True)


def operating_system(
    resource: Resource, usage: Usage, launch: Launch | None
) -> tuple[str, tuple[str, str] | None]:
    """What the instance is billed as, from the AMI joined to it (its own, else its template's;
    see billed_os), and the assumption that rests on."""
    own = related(resource, "ami")
    if own is not None or launch is None or launch.ami is None:
        # the instance's own ``ami`` id is not read: it differs per instance, and a mapper
        # input that differs per instance makes every instance its own shape (estimate/shapes)
        return billed_os(own, usage, launch.image if launch is not None else None)
    return billed_os(launch.ami, usage, launch.image)


def _volume_lines(resource: Resource, usage: Usage, launch: Launch | None) -> list[CostLine]:
    """The root volume, the instance's EBS block devices, then the launch template's devices
    the instance does not redefine (a device named on both takes what the instance leaves
    unset from the template's mapping)."""
    ami = ami_root(related(resource, "ami"))
    if ami is not None and launch is not None and launch.root_mapping is not None:
        ami = {**ami, **launch.root_mapping}  # the template resizes the root device
    ami = ami or (launch.ami_root if launch else None)
    lines = root_volume_lines(resource, usage, ami)
    template = {v.device: v for v in launch.volumes if v.device} if launch else {}
    if unknown_in_code(resource, "ebs_block_device"):
        # how many volumes is not known (a dynamic block over a data source...): never none
        lines.append(unknown_line("EBS block devices", "GB", "ebs_block_device"))
    own = set()
    for i, block in enumerate(blocks(resource, "ebs_block_device")):
        device = block.get("device_name")
        mapped = template.get(device) if isinstance(device, str) else None
        if mapped is not None:
            own.add(device)
            merged = {**mapped.values, **{k: v for k, v in block.items() if v is not None}}
            lines.extend(
                volume_lines(Volume(f"ebs_block_device[{i}] / ", None, merged), usage, Decimal(1))
            )
            continue
        lines.extend(
            ebs_volume.block_lines(
                resource, f"ebs_block_device.{i}", f"ebs_block_device[{i}] / ", usage
            )
        )
    n = len(blocks(resource, "ebs_block_device"))
    for volume in launch.volumes if launch else ():
        if volume.device in own or volume.prefix.startswith("root_block_device"):
            continue
        lines.extend(
            volume_lines(
                Volume(f"ebs_block_device[{n}] / ", None, volume.values), usage, Decimal(1)
            )
        )
        n += 1
    return lines


def root_volume_lines(
    resource: Resource, usage: Usage, ami: Mapping[str, Any] | None = None
) -> list[CostLine]:
    """The root volume: the instance's ``root_block_device``, what it leaves unset taken from
    the AMI's root mapping when the plan reads the AMI (``ami``: see ami_root), else usage."""
    prefix = "root_block_device / "
    size = num(resource, "root_block_device.0.volume_size")
    vtype = text(resource, "root_block_device.0.volume_type")
    if size is not None and vtype is not None:
        return ebs_volume.block_lines(resource, "root_block_device.0", prefix, usage)
    if ami is not None:
        own = blocks(resource, "root_block_device")
        merged = {**ami, **{k: v for k, v in (own[0] if own else {}).items() if v is not None}}
        return volume_lines(Volume(prefix, None, merged), usage, Decimal(1))
    # Size and/or type come from the AMI, which the plan does not describe.
    size_given = size is not None
    size = size if size_given else usage.number("root_volume_size_gb")
    vtype = vtype or usage.text("root_volume_type")
    for attr, found in (("volume_type", vtype), ("volume_size", size)):
        path = f"root_block_device.0.{attr}"
        if found is None and unknown_in_code(resource, path):
            # written with a value the code does not tell (``volume_type = var.disk``): not
            # the AMI's, and no rate for it is a default
            return [unknown_line(f"{prefix}Storage", "GB", path)]
    if vtype is None:
        what = "type" if size_given else "size and type"
        name = f"{prefix}Storage ({what} from the AMI; gp2 rate)"
        key = "ebs.gp2.storage"
    else:
        name = f"{prefix}{ebs_volume.storage_name(vtype)}"
        key = f"ebs.{vtype}.storage"
    if vtype is not None and vtype not in ebs_volume.STORAGE_NAMES:
        return [unpriceable(name, "GB", f"volume type {vtype!r} is not an EBS volume type")]
    return [CostLine(name, "GB", key, size, usage_key="root_volume_size_gb")]
