"""aws_cloudtrail: which event lines a trail's selectors call for, and Insights per type."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import cloudtrail
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource

KIND = "aws_cloudtrail"


def _trail(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    return Resource(f"{KIND}.t", "terraform", KIND, "aws", "us-east-1", attributes, unknown)


def _names(resource: Resource, **values: object) -> list[str]:
    return [line.name for line in cloudtrail.cost_lines(resource, Usage(values=values))]


def test_a_trail_without_selectors_logs_management_events_only() -> None:
    assert _names(_trail({})) == ["Management events (additional copies)"]


def test_selectors_that_turn_management_events_off_and_pick_data_events_show_data_only() -> None:
    selector = {
        "include_management_events": False,
        "data_resource": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}],
    }
    assert _names(_trail({"event_selector": [selector]})) == ["Data events"]


def test_an_advanced_selector_logs_the_categories_it_names() -> None:
    data = {"field_selector": [{"field": "eventCategory", "equals": ["Data"]}]}
    management = {"field_selector": [{"field": "eventCategory", "equals": ["Management"]}]}
    assert _names(_trail({"advanced_event_selector": [data]})) == ["Data events"]
    assert _names(_trail({"advanced_event_selector": [management]})) == [
        "Management events (additional copies)"
    ]


def test_selectors_known_only_after_apply_may_log_both_kinds() -> None:
    names = _names(_trail({}, frozenset({"event_selector"})))
    assert names == ["Management events (additional copies)", "Data events"]


def test_usage_given_shows_its_line_even_where_no_selector_calls_for_it() -> None:
    names = _names(_trail({}), monthly_data_events=100)
    assert "Data events" in names


def test_insight_events_are_analysed_once_per_insight_type() -> None:
    two = [{"insight_type": "ApiCallRateInsight"}, {"insight_type": "ApiErrorRateInsight"}]
    lines = cloudtrail.cost_lines(
        _trail({"insight_selector": two}), Usage(values={"monthly_insight_events": 300_000})
    )
    (insights,) = [line for line in lines if line.price_key == "cloudtrail.insight_events"]
    assert insights.quantity == Decimal(6)  # 2 x 300k events, per 100k


def test_without_usage_every_line_depends_on_usage_never_zero() -> None:
    lines = cloudtrail.cost_lines(_trail({"insight_selector": [{}]}), Usage())
    assert [line.quantity for line in lines] == [None, None]
