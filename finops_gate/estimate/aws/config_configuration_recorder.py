"""aws_config_configuration_recorder: https://aws.amazon.com/config/pricing/ (configuration
items recorded).

Configuration items the recorder records per month (usage ``monthly_config_items``) and custom
configuration items written to it (usage ``monthly_custom_config_items``), each per item. A
recorder set to periodic recording (``recording_mode.recording_frequency`` ``DAILY``) records
at the periodic rate, which the shipped catalog does not hold: that line is unpriced, never $0.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import (
    get,
    unknown_line,
    unknown_setting,
    unpriceable,
    usage_line,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

FREQUENCY = "recording_mode.0.recording_frequency"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    name, unit = "Config items", "records"
    frequency = get(resource, FREQUENCY)
    # the provider computes recording_mode when it is left unset (continuous): a plan shows the
    # whole block unknown then; a frequency set to a value not known shows that very path
    if FREQUENCY in resource.unknown or unknown_setting(resource, FREQUENCY, computed=True):
        items = unknown_line(name, unit, FREQUENCY)
    elif str(frequency or "CONTINUOUS").upper() != "CONTINUOUS":
        items = unpriceable(
            f"{name} (periodic)", unit, "periodic recording is not priced in the catalog yet"
        )
    else:
        items = usage_line(name, unit, "config.configuration_items", usage, "monthly_config_items")
    return [
        items,
        usage_line(
            "Custom config items",
            unit,
            "config.custom_configuration_items",
            usage,
            "monthly_custom_config_items",
        ),
    ]
