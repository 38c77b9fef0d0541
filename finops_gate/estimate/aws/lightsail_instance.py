"""aws_lightsail_instance: https://aws.amazon.com/lightsail/pricing/ (instance bundles).

A Lightsail instance is billed by the hour at its bundle's rate, up to the bundle's monthly
price; the rate is per ``bundle_id`` (``xlarge_2_0``, ``small_win_2_0``: a ``_win_`` bundle runs
Windows), for 730 hours a month, or for usage ``monthly_hrs``: the hours the instance exists
in the month (Lightsail bills a stopped instance too, until it is deleted). The bundle's data
transfer allowance is included; transfer beyond it is not estimated. A bundle the catalog has
no rate for is unpriced with the key named.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import hourly, is_unknown, text, unknown_line, unpriceable
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

NAME = "Virtual server"
_BUNDLE = "bundle_id"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    bundle = text(resource, _BUNDLE)
    if bundle is None and is_unknown(resource, _BUNDLE):
        return [unknown_line(NAME, "hours", _BUNDLE)]
    if not bundle or not bundle.isascii() or not bundle.replace("_", "").replace(".", "").isalnum():
        return [unpriceable(NAME, "hours", f"bundle_id {bundle or 'unset'} is not a bundle")]
    bundle = bundle.lower()
    system = "Windows" if "_win_" in bundle else "Linux/UNIX"
    return [hourly(f"{NAME} ({system}, {bundle})", f"lightsail.instance.{bundle}", usage=usage)]
