"""aws_cloudtrail: https://aws.amazon.com/cloudtrail/pricing/ (trails).

The first copy of an account's management events is free; a trail that delivers a further copy
pays per 100,000 of them (usage ``monthly_additional_management_events``: whether this trail is
the free copy is not in the plan). Data events the trail selects are paid per 100,000 (usage
``monthly_data_events``). CloudTrail Insights analyses write management events once per insight
type the trail turns on (``insight_selector`` blocks), per 100,000 events analysed (usage
``monthly_insight_events``, counted once per type). The S3 bucket and CloudWatch log group the
trail delivers to are billed on those resources.

A line shows where the trail logs that kind of event (management events unless every selector
turns them off; data events when a selector picks them) or where usage gives a count.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws._common import blocks, is_off, is_unknown
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

HUNDRED_K = Decimal(100_000)
UNIT = "100k events"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    management, data = _selected(resource)
    lines: list[CostLine] = []
    given = usage.number("monthly_additional_management_events")
    if management or given is not None:
        lines.append(
            _line(
                "Management events (additional copies)",
                "cloudtrail.management_events.additional",
                given,
                "monthly_additional_management_events",
            )
        )
    given = usage.number("monthly_data_events")
    if data or given is not None:
        lines.append(_line("Data events", "cloudtrail.data_events", given, "monthly_data_events"))
    types = len(blocks(resource, "insight_selector"))
    given = usage.number("monthly_insight_events")
    if types or is_unknown(resource, "insight_selector") or given is not None:
        analysed = None if given is None else given * max(types, 1)
        name = "Insight events" + (f" ({types} insight types)" if types > 1 else "")
        lines.append(_line(name, "cloudtrail.insight_events", analysed, "monthly_insight_events"))
    return lines


def _line(name: str, key: str, events: Decimal | None, usage_key: str) -> CostLine:
    quantity = None if events is None else events / HUNDRED_K
    return CostLine(name, UNIT, key, quantity, usage_key=usage_key)


def _selected(resource: Resource) -> tuple[bool, bool]:
    """Whether the trail logs management events and data events, from its selectors. With no
    selector it logs management events only; a selector known only after apply may log both."""
    if is_unknown(resource, "event_selector") or is_unknown(resource, "advanced_event_selector"):
        return True, True
    basic = blocks(resource, "event_selector")
    advanced = blocks(resource, "advanced_event_selector")
    if not basic and not advanced:
        return True, False
    management = any(
        not is_off(
            b.get("include_management_events"), f"event_selector.{i}.include_management_events"
        )
        for i, b in enumerate(basic)
    )
    data = any(_blocks_in(b, "data_resource") for b in basic)
    for selector in advanced:
        categories = _categories(selector)
        management = management or "Management" in categories
        data = data or "Data" in categories or not categories
    return management, data


def _blocks_in(block: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    found = block.get(name)
    return [b for b in found if isinstance(b, Mapping)] if isinstance(found, list) else []


def _categories(selector: Mapping[str, Any]) -> set[str]:
    """The ``eventCategory`` values an advanced selector's field selectors ask for."""
    out: set[str] = set()
    for field in _blocks_in(selector, "field_selector"):
        if field.get("field") == "eventCategory" and isinstance(field.get("equals"), list):
            out |= {str(v) for v in field["equals"]}
    return out
