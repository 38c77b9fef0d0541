"""What an instance launched from a template runs: aws_launch_template / aws_launch_configuration.

The templates cost nothing themselves (free.yml); the instances started from them do. The plan
reader hands a resource the planned values of the template it refers to under ``_related``
(``finops_gate/sources/terraform_links.py``); this module reads them into a ``Launch`` that the
aws_instance, aws_autoscaling_group and aws_eks_node_group mappers price per instance:

- launch template: ``instance_type``, ``placement[0].tenancy``, ``monitoring[0].enabled``,
  ``credit_specification[0].cpu_credits``, ``instance_market_options[0].market_type`` (spot),
  ``block_device_mappings[*].ebs[0]`` (size, type, IOPS, throughput: an io1 volume is io1),
  ``network_interfaces[0].associate_public_ip_address`` (a public IPv4 address per instance); a
  mapping of the joined AMI's ``root_device_name`` is the root volume (the AMI's root mapping
  with what the template sets over it), never a second volume beside the AMI's; without an AMI
  in the plan, a mapping of ``/dev/xvda`` or ``/dev/sda1`` (the root device of Amazon Linux, EKS,
  Ubuntu and Windows AMIs) is taken for it.
- launch configuration: ``instance_type``, ``placement_tenancy``, ``enable_monitoring``
  (AWS default: on), ``spot_price`` (spot), ``root_block_device`` and ``ebs_block_device``,
  ``associate_public_ip_address``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws import ebs_volume
from finops_gate.estimate.aws._common import LINK_KEY, as_bool, number, related, unpriceable
from finops_gate.estimate.usage import Usage
from finops_gate.frozen import frozen
from finops_gate.model import WRITTEN_UNKNOWN, CostLine, Resource


@frozen
class Volume:
    """One EBS block device of the template: ``prefix`` names it in the line."""

    prefix: str
    device: str | None
    values: Mapping[str, Any]


# beside an AMI's platform_details: what a reader settled it from when no AWS call told it (an
# AMI lookup's filters in the code: finops_gate.sources.aws_ami.INFERRED_KEY)
INFERRED_KEY = "_platform_from"

# An AMI's ``platform_details`` (EC2 DescribeImages, what the instance is billed as) -> the
# operating-system part of the price key; first match wins (prefixes, lowercase)
PLATFORMS = (
    ("windows with sql server enterprise", "windows_sql_enterprise"),
    ("windows with sql server standard", "windows_sql_standard"),
    ("windows with sql server web", "windows_sql_web"),
    ("windows byol", "linux"),  # the Windows licence is the customer's: billed as Linux
    ("windows", "windows"),
    ("red hat byol linux", "linux"),  # the licence is the customer's: billed as Linux
    ("red hat enterprise linux with ha", "rhel_ha"),
    ("red hat enterprise linux with sql", "rhel_sql"),
    ("red hat enterprise linux", "rhel"),
    ("suse linux", "suse"),
    ("ubuntu pro", "ubuntu_pro"),
    ("linux/unix", "linux"),
)
OS_LABELS = {
    "linux": "Linux",
    "windows": "Windows",
    "rhel": "RHEL",
    "rhel_ha": "RHEL with HA",
    "suse": "SUSE",
    "ubuntu_pro": "Ubuntu Pro",
    "windows_sql_enterprise": "Windows with SQL Server Enterprise",
    "windows_sql_standard": "Windows with SQL Server Standard",
    "windows_sql_web": "Windows with SQL Server Web",
    "rhel_sql": "RHEL with SQL Server",
}


def ami_os(values: Mapping[str, Any] | None) -> str | None:
    """The operating system an AMI is billed as (see PLATFORMS), None when the plan cannot tell
    (no AMI joined, or one created in this plan whose platform is known only after apply)."""
    if values is None:
        return None
    details = str(values.get("platform_details") or "").strip().lower()
    for prefix, os_name in PLATFORMS:
        if details.startswith(prefix):
            return os_name
    if details:
        return "other: " + details[:60]
    return "windows" if str(values.get("platform") or "").lower() == "windows" else None


def billed_os(
    ami: Mapping[str, Any] | None, usage: Usage, image: str | None
) -> tuple[str, tuple[str, str] | None]:
    """What instances booting ``ami`` (the joined AMI, None when none is) are billed as, and the
    assumption that rests on, for the report: the platform the plan read is a fact; usage
    ``operating_system`` comes next (listed with the usage values); then the platform an AMI
    lookup's arguments settle (sources/aws_ami.py), then Linux, each said as an assumption.
    ``image`` is the AMI id as set, when known."""
    os_name = ami_os(ami)
    inferred = ami.get(INFERRED_KEY) if ami is not None else None
    if os_name is not None and not isinstance(inferred, str):
        return os_name, None
    given = usage.text("operating_system")
    if given:
        return given, None
    if os_name is not None and isinstance(inferred, str):
        said = f"{OS_LABELS.get(os_name, os_name)}, from the AMI lookup's {inferred}"
        return os_name, ("operating_system", said + "; usage operating_system sets it")
    what = image[:40] if image and image.startswith("ami-") else "the AMI"
    said = f"Linux: what {what} runs is not in the plan or the code"
    return "linux", ("operating_system", said + "; usage operating_system sets it")


def ami_root(values: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The root volume an AMI defines (``block_device_mappings`` entry of its
    ``root_device_name``): ``{"volume_size": ..., "volume_type": ...}``, or None."""
    if values is None:
        return None
    root = values.get("root_device_name")
    mappings = values.get("block_device_mappings")
    for mapping in mappings if isinstance(mappings, list) else []:
        if isinstance(mapping, Mapping) and root and mapping.get("device_name") == root:
            ebs = mapping.get("ebs")
            if (
                isinstance(ebs, Mapping)
                and number(ebs.get("volume_size"), "block_device_mappings.ebs.volume_size")
                is not None
            ):
                return {
                    "volume_size": ebs.get("volume_size"),
                    "volume_type": ebs.get("volume_type") or None,
                }
    return None


STORAGE_KEYS = ebs_volume.STORAGE_NAMES  # the EBS volume types with a storage rate


# the root device names of Amazon's AMIs (Amazon Linux, EKS-optimized: /dev/xvda) and of
# Ubuntu, Windows and most others (/dev/sda1)
ROOT_DEVICES = ("/dev/xvda", "/dev/sda1")


@frozen
class Launch:
    """What an instance inherits from its launch template or launch configuration."""

    kind: str  # "launch template" | "launch configuration"
    instance_type: str | None
    tenancy: str | None
    monitoring: bool | None
    cpu_credits: str | None
    spot: bool
    volumes: tuple[Volume, ...]
    ami_root: Mapping[str, Any] | None = None  # the AMI's root volume (ami_root)
    ebs_optimized: bool | None = None
    ami: Mapping[str, Any] | None = None  # the joined AMI's values (billed_os)
    image: str | None = None  # the AMI id as set (image_id)
    # a template's mapping of the AMI's root device (its values): the root volume, resized
    root_mapping: Mapping[str, Any] | None = None
    # a public IPv4 address on each instance (the template's first network interface, the
    # configuration's associate_public_ip_address): billed per hour (vpc.public_ipv4)
    public_ip: bool | None = None
    # the arguments its code writes with a value known only after apply (the readers' join
    # keeps them, WRITTEN_UNKNOWN): never read as left unset
    unknown: frozenset[str] = frozenset()

    def pending(self, path: str) -> bool:
        """Whether ``path`` (``instance_type``, ``monitoring``) or a part of it is written with
        a value known only after apply."""
        return any(u == path or u.startswith(path + ".") for u in self.unknown)


def _first(values: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    block = values.get(key)
    if isinstance(block, list) and block and isinstance(block[0], Mapping):
        return block[0]
    return {}


def _joined(values: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    links = values.get(LINK_KEY)
    found = links.get(name) if isinstance(links, Mapping) else None
    return found if isinstance(found, Mapping) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def from_template(values: Mapping[str, Any]) -> Launch:
    volumes = []
    found = values.get("block_device_mappings")
    mappings = found if isinstance(found, list) else []
    ami = _joined(values, "ami")
    root, root_mapping = ami_root(ami), None
    root_device = _str(ami.get("root_device_name")) if ami is not None else None
    if ami is None:
        # no AMI in the plan: a mapping of the root device every Amazon Linux, EKS, Ubuntu and
        # Windows AMI uses is that root volume resized, not a volume beside a root of unknown size
        names = [m.get("device_name") for m in mappings if isinstance(m, Mapping)]
        root_device = next((n for n in ROOT_DEVICES if n in names), None)
    for i, mapping in enumerate(mappings):
        if not isinstance(mapping, Mapping):
            continue
        ebs = _first(mapping, "ebs")
        if ebs and root_device is not None and mapping.get("device_name") == root_device:
            # the AMI's root device, resized or retyped by the template: the root volume itself,
            # not a second volume beside it (what it leaves unset is the AMI's)
            root_mapping = {k: v for k, v in ebs.items() if v is not None}
            root = {**(root or {}), **root_mapping}
            continue
        if ebs:
            volumes.append(
                Volume(f"block_device_mapping[{i}] / ", _str(mapping.get("device_name")), ebs)
            )
    market = _str(_first(values, "instance_market_options").get("market_type"))
    return Launch(
        "launch template",
        _str(values.get("instance_type")),
        _str(_first(values, "placement").get("tenancy")),
        as_bool(_first(values, "monitoring").get("enabled")),
        _str(_first(values, "credit_specification").get("cpu_credits")),
        market == "spot",
        tuple(volumes),
        root,
        as_bool(values.get("ebs_optimized")),
        ami,
        _str(values.get("image_id")),
        root_mapping,
        as_bool(_first(values, "network_interfaces").get("associate_public_ip_address")),
        _written(values),
    )


def from_configuration(values: Mapping[str, Any]) -> Launch:
    volumes = []
    root = _first(values, "root_block_device")
    if root:
        volumes.append(Volume("root_block_device / ", None, root))
    blocks = values.get("ebs_block_device")
    for i, block in enumerate(blocks if isinstance(blocks, list) else []):
        if isinstance(block, Mapping):
            volumes.append(
                Volume(f"ebs_block_device[{i}] / ", _str(block.get("device_name")), block)
            )
    monitoring = as_bool(values.get("enable_monitoring"))
    return Launch(
        "launch configuration",
        _str(values.get("instance_type")),
        _str(values.get("placement_tenancy")),
        True if monitoring is None else monitoring,  # the AWS default for configurations
        None,
        _str(values.get("spot_price")) is not None,
        tuple(volumes),
        ami_root(_joined(values, "ami")),
        as_bool(values.get("ebs_optimized")),
        _joined(values, "ami"),
        _str(values.get("image_id")),
        public_ip=as_bool(values.get("associate_public_ip_address")),
        unknown=_written(values),
    )


def _written(values: Mapping[str, Any]) -> frozenset[str]:
    found = values.get(WRITTEN_UNKNOWN)
    return frozenset(str(p) for p in found) if isinstance(found, frozenset) else frozenset()


def pending_monitoring(launch: Launch | None, own: Any) -> CostLine | None:
    """An unpriced detailed-monitoring line when the instance leaves ``monitoring`` unset
    (``own``) and its template writes it with a value known only after apply (never off)."""
    if own is not None or launch is None or not launch.pending("monitoring"):
        return None
    why = f"the {launch.kind}'s monitoring is unknown until apply"
    return unpriceable("EC2 detailed monitoring", "metrics", why)


def launch_of(resource: Resource) -> Launch | None:
    """The launch template or configuration ``resource`` refers to, when the plan joined one."""
    template = related(resource, "launch_template")
    if template is not None:
        return from_template(template)
    configuration = related(resource, "launch_configuration")
    if configuration is not None:
        return from_configuration(configuration)
    return None


def volume_lines(volume: Volume, usage: Usage, count: Decimal) -> list[CostLine]:
    """``count`` copies of one template block device (see ebs_volume for the formulas)."""
    vtype = _str(volume.values.get("volume_type"))
    prefix = volume.prefix
    if vtype is None:
        prefix = f"{prefix}[type not set: AWS default gp2] "
        vtype = "gp2"
    size = number(volume.values.get("volume_size"), f"{volume.prefix}volume_size")
    extras = volume.values.get("iops") is not None or volume.values.get("throughput") is not None
    if (
        size is None
        and volume.prefix.startswith("root_block_device")
        and vtype in STORAGE_KEYS
        and vtype not in ("io1", "io2")
        and not extras
    ):
        # the root volume sized by the AMI the plan does not describe: usage gives its size, as
        # for an aws_instance's root volume (never a guessed size)
        given = usage.number("root_volume_size_gb")
        return [
            CostLine(
                f"{prefix}{ebs_volume.storage_name(vtype)} (size from the AMI)",
                "GB",
                f"ebs.{vtype}.storage",
                None if given is None else given * count,
                usage_key="root_volume_size_gb",
            )
        ]
    if size is None:
        where = "the snapshot" if _str(volume.values.get("snapshot_id")) else "the AMI"
        return [
            CostLine(
                f"{prefix}{ebs_volume.storage_name(vtype)} (size from {where})",
                "GB",
                "",
                None,
                unknown_reason=f"volume_size is not set in the template; it comes from {where}",
            )
        ]
    iops = number(volume.values.get("iops"), f"{volume.prefix}iops")
    if iops is None and vtype in ("io1", "io2"):
        return [unpriceable(f"{prefix}Provisioned IOPS", "IOPS", "iops is not set for " + vtype)]
    throughput = number(volume.values.get("throughput"), f"{volume.prefix}throughput")
    return ebs_volume.volume_lines(prefix, vtype, size, iops, throughput, usage, count)
