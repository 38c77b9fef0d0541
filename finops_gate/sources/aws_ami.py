"""What an AMI lookup written in the code says about the platform it finds.

A plan reads ``data "aws_ami"`` at plan time and holds its ``platform_details``; the ``.tf``
reader cannot call AWS, but the lookup's own arguments often settle the platform: a
``platform`` or ``platform-details`` filter, or the naming scheme of the publisher the name
filter follows (Amazon's ``Windows_Server-2022-English-Full-Base-*``, Red Hat's ``RHEL-9.*``,
SUSE's ``suse-sles-*``, Canonical's ``ubuntu/images/*``...). The public parameters of the SSM
Parameter Store that name the latest AMI (``/aws/service/ami-windows-latest/...``) say it too.

``platform_of`` returns the values a plan would show (``platform_details``, as EC2 writes it)
and what they were read from (``INFERRED_KEY``); anything it cannot settle returns None, and
the instance's estimate then says it assumed Linux (estimate/aws/ec2_instance.py), never guesses
silently. Filters that disagree settle nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

# the data blocks whose arguments can say what an AMI runs
DATA_KINDS = frozenset({"aws_ami", "aws_ssm_parameter"})
# beside ``platform_details``: what the platform was read from in the code (a filter, a
# parameter name), for the report's assumptions
INFERRED_KEY = "_platform_from"

# (lower-case prefix of an AMI name, platform_details): the first that matches wins, so the
# longer prefixes of a family come first. Amazon's Windows images are Windows_Server-<year>-...
# (EC2LaunchV2-Windows_Server-... for the older launch agent), with -SQL_<year>_<edition>- when
# they carry SQL Server; Red Hat's RHEL_HA-... and RHEL-...; the BYOS/Cloud Access images of
# Red Hat and SUSE bill as Linux (the licence is the customer's).
_SQL = (
    ("_enterprise", "Windows with SQL Server Enterprise"),
    ("_standard", "Windows with SQL Server Standard"),
    ("_web", "Windows with SQL Server Web"),
    ("_express", "Windows"),  # SQL Server Express carries no licence fee
)
_LINUX = (
    "amzn-ami-",
    "amzn2-ami-",
    "al2023-ami-",
    "al2022-ami-",
    "amazon-eks-node-",
    "amazon-eks-gpu-node-",
    "amazon-eks-arm64-node-",
    "bottlerocket-",
    "ubuntu/images/",
    "ubuntu-eks/",
    "ubuntu-minimal/images/",
    "debian-",
    "fedora-",
    "centos",
    "rocky-",
    "almalinux",
    "flatcar-",
)


# the literal start of a pattern or regex; compiled at its first use, not at import (start-up:
# most plans name no AMI pattern, and compiling costs about a million instructions, issue 18)
@functools.cache
def _name_prefix() -> re.Pattern[str]:
    return re.compile(r"[^*?\[\](){}|+\\$]*")


def _from_name(pattern: str) -> str | None:
    """The platform an AMI name pattern (a filter value, or a name_regex) can only have."""
    text = _name_prefix().match(pattern.strip().lstrip("^"))
    literal = text.group(0).lower() if text else ""
    if not literal:
        return None
    if literal.startswith(("windows_server-", "ec2launchv2-windows_server-")):
        # with SQL Server when the name says which edition; Windows, the least such an image
        # costs, when the pattern leaves it open
        edition = literal.split("-sql_", 1)[1] if "-sql_" in literal else ""
        return next((details for marker, details in _SQL if marker in edition), "Windows")
    if literal.startswith("rhel_ha-"):
        return "Red Hat Enterprise Linux with HA"
    if literal.startswith("rhel-"):
        full = pattern.lower()
        if "access" in full:
            return "Red Hat BYOL Linux"
        return "Red Hat Enterprise Linux"
    if literal.startswith("suse-sles-"):
        return "Linux/UNIX" if "byos" in pattern.lower() else "SUSE Linux"
    if literal.startswith(("ubuntu-pro-server/", "ubuntu-pro-")):
        return "Ubuntu Pro"
    if literal.startswith(_LINUX):
        return "Linux/UNIX"
    return None


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _one(found: list[str | None]) -> str | None:
    settled = set(found)
    return found[0] if found and len(settled) == 1 else None


def platform_of(kind: str, arguments: Mapping[str, Any]) -> dict[str, str] | None:
    """``{"platform_details": ..., INFERRED_KEY: ...}`` when the arguments of a ``data``
    block of ``kind`` (``aws_ami``, ``aws_ssm_parameter``) settle the platform, else None."""
    if kind == "aws_ssm_parameter":
        name = arguments.get("name")
        if not isinstance(name, str):
            return None
        public = name.strip().lower()
        if public.startswith("/aws/service/ami-windows-latest/"):
            details = _from_name(name.strip().rsplit("/", 1)[-1])
        elif public.startswith("/aws/service/ami-amazon-linux-latest/"):
            details = "Linux/UNIX"
        elif public.startswith(("/aws/service/canonical/", "/aws/service/debian/")):
            details = "Ubuntu Pro" if "/ubuntu-pro" in public else "Linux/UNIX"
        elif public.startswith(("/aws/service/eks/", "/aws/service/bottlerocket/")):
            details = None if "windows" in public else "Linux/UNIX"
        else:
            details = None
        return None if details is None else _said(details, f"parameter {name.strip()[:120]}")
    if kind != "aws_ami":
        return None
    said: list[tuple[str | None, str]] = []
    blocks = arguments.get("filter")
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, Mapping):
            continue
        key, values = block.get("name"), _strings(block.get("values"))
        if not isinstance(key, str) or values is None:
            continue
        key = key.strip().lower()
        shown = f"filter {key} = {', '.join(values)[:120]}"
        if key == "platform":
            said.append(("Windows" if {v.lower() for v in values} == {"windows"} else None, shown))
        elif key == "platform-details":
            said.append((_one([v.strip() for v in values]), shown))
        elif key == "name":
            said.append((_one([_from_name(v) for v in values]), shown))
    regex = arguments.get("name_regex")
    if isinstance(regex, str):
        said.append((_from_name(regex), f"name_regex {regex[:120]}"))
    settled = {details for details, _ in said if details is not None}
    if len(settled) != 1:
        return None  # nothing said, or filters that disagree
    details = settled.pop()
    return _said(details, next(shown for d, shown in said if d == details))


def _said(details: str, basis: str) -> dict[str, str]:
    return {"platform_details": details, INFERRED_KEY: basis}
