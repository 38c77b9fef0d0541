"""aws_codebuild_project: https://aws.amazon.com/codebuild/pricing/ (on-demand EC2 compute).

Build minutes per month (usage ``monthly_build_mins``) at the rate of the project's
``environment`` type (Linux, Linux GPU, ARM, Windows) and compute type
(``BUILD_GENERAL1_SMALL`` ... ``BUILD_GENERAL1_2XLARGE``). The account's monthly free minutes
are not taken off (a free tier is not the list price). A project whose builds run on a
reserved-capacity fleet (``environment.fleet``) is billed on the fleet; Lambda compute and
macOS environments are not priced yet (their lines say so, never $0).
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import (
    blocks,
    is_unknown,
    text,
    unknown_line,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

# environment.type -> (key part, label)
ENVIRONMENTS = {
    "LINUX_CONTAINER": ("linux", "Linux"),
    "LINUX_GPU_CONTAINER": ("linux_gpu", "Linux GPU"),
    "ARM_CONTAINER": ("arm", "ARM"),
    "WINDOWS_CONTAINER": ("windows", "Windows"),
    "WINDOWS_SERVER_2019_CONTAINER": ("windows", "Windows"),
    "WINDOWS_SERVER_2022_CONTAINER": ("windows", "Windows"),
}
COMPUTE_PREFIX = "BUILD_GENERAL1_"
NAME = "Build minutes"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    for path in ("environment.0.type", "environment.0.compute_type"):
        if text(resource, path) is None and is_unknown(resource, path):
            return [unknown_line(NAME, "minutes", path)]
    if blocks(resource, "environment.0.fleet") or is_unknown(resource, "environment.0.fleet"):
        why = "builds run on a reserved-capacity fleet, billed on the fleet (aws_codebuild_fleet)"
        return [unpriceable(NAME, "minutes", why)]
    env = text(resource, "environment.0.type") or ""
    compute = text(resource, "environment.0.compute_type") or ""
    found = ENVIRONMENTS.get(env)
    if found is None or not compute.startswith(COMPUTE_PREFIX):
        why = f"environment {env or 'unset'} with compute {compute or 'unset'} is not priced yet"
        return [unpriceable(NAME, "minutes", why)]
    part, label = found
    size = "general1." + compute.removeprefix(COMPUTE_PREFIX).lower()
    return [
        usage_line(
            f"{label} ({size})",
            "minutes",
            f"codebuild.{part}.{size}",
            usage,
            "monthly_build_mins",
        )
    ]
