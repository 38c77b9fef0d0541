"""AWS Config: rule evaluations in bands, configuration items by recording frequency."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import config_configuration_recorder, config_rule
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _resource(kind: str, attributes: dict[str, object], unknown: frozenset[str]) -> Resource:
    return Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1", attributes, unknown)


def test_rule_evaluations_fill_the_bands_in_order() -> None:
    rule = _resource("aws_config_config_rule", {}, frozenset())
    lines = config_rule.cost_lines(rule, Usage(values={"monthly_rule_evaluations": 600_001}))
    assert [line.quantity for line in lines] == [
        Decimal(100_000),
        Decimal(400_000),
        Decimal(100_001),
    ]
    assert config_rule.cost_lines(rule, Usage())[0].quantity is None  # depends on usage


def test_a_recorder_left_to_the_provider_records_continuously() -> None:
    recorder = _resource("aws_config_configuration_recorder", {}, frozenset({"recording_mode"}))
    usage = Usage(values={"monthly_config_items": 10})
    (items, _) = config_configuration_recorder.cost_lines(recorder, usage)
    assert (items.price_key, items.quantity) == ("config.configuration_items", Decimal(10))


def test_periodic_or_unknown_recording_frequency_is_unpriced_never_the_continuous_rate() -> None:
    daily = {"recording_mode": [{"recording_frequency": "DAILY"}]}
    unknown = frozenset({"recording_mode.0.recording_frequency"})
    for attributes, paths in ((daily, frozenset()), ({"recording_mode": [{}]}, unknown)):
        recorder = _resource("aws_config_configuration_recorder", attributes, paths)
        (items, custom) = config_configuration_recorder.cost_lines(recorder, Usage())
        assert items.unknown_reason and not items.price_key
        assert custom.price_key == "config.custom_configuration_items"
