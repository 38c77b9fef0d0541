"""aws_cloudformation_stack(_set): handler operations only for types outside the free
namespaces, read from the template; $0 when the template declares only free ones."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import yaml

from finops_gate.estimate.aws import cloudformation_stack
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource

KIND = "aws_cloudformation_stack"


def _stack(
    attributes: dict[str, object], unknown: frozenset[str] = frozenset(), kind: str = KIND
) -> Resource:
    return Resource(f"{kind}.s", "terraform", kind, "aws", "us-east-1", attributes, unknown)


def _body(*types: str) -> str:
    return json.dumps({"Resources": {f"R{i}": {"Type": t} for i, t in enumerate(types)}})


def _keys(resource: Resource, **values: object) -> list[str]:
    lines = cloudformation_stack.cost_lines(resource, Usage(values=values))
    return [line.price_key for line in lines]


PAID = ["cloudformation.handler_operations", "cloudformation.handler_duration"]


@pytest.mark.parametrize(
    "types", [("AWS::EC2::VPC",), ("AWS::SNS::Topic", "Custom::Lookup", "Alexa::ASK::Skill")]
)
def test_a_template_of_free_namespaces_only_costs_nothing_even_with_usage(
    types: tuple[str, ...],
) -> None:
    stack = _stack({"template_body": _body(*types)})
    assert _keys(stack, monthly_handler_operations=10_000) == []


def test_one_third_party_type_bills_handler_operations_and_durations_from_usage() -> None:
    stack = _stack({"template_body": _body("AWS::SNS::Topic", "MongoDB::Atlas::Cluster")})
    lines = cloudformation_stack.cost_lines(
        stack, Usage(values={"monthly_handler_operations": 10_000, "monthly_duration_secs": 600})
    )
    assert [(line.price_key, line.quantity) for line in lines] == [
        ("cloudformation.handler_operations", Decimal(10_000)),
        ("cloudformation.handler_duration", Decimal(600)),
    ]


def test_a_yaml_template_with_short_form_functions_is_read() -> None:
    body = "Resources:\n  C:\n    Type: Datadog::Monitors::Monitor\n    Properties:\n"
    body += "      Name: !Sub '${AWS::StackName}-cpu'\n      Tags: !Ref Tags\n"
    assert _keys(_stack({"template_body": body})) == PAID
    free = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Name: !Ref N\n"
    assert _keys(_stack({"template_body": free})) == []


@pytest.mark.parametrize(
    ("attributes", "unknown"),
    [
        ({"template_url": "https://bucket.s3.amazonaws.com/t.yaml"}, frozenset()),
        ({}, frozenset({"template_body"})),
        ({"template_body": _body("AWS::CloudFormation::Stack")}, frozenset()),
        ({"template_body": _body("Acme::Network::Vpc::MODULE")}, frozenset()),
        ({"template_body": json.dumps({"Resources": {"X": {"Type": {"Ref": "T"}}}})}, frozenset()),
        (
            {
                "template_body": json.dumps(
                    {"Transform": "MyMacro", **json.loads(_body("AWS::S3::Bucket"))}
                )
            },
            frozenset(),
        ),
    ],
)
def test_a_template_that_may_hold_a_third_party_type_depends_on_usage(
    attributes: dict[str, object], unknown: frozenset[str]
) -> None:
    lines = cloudformation_stack.cost_lines(_stack(attributes, unknown), Usage())
    assert [line.price_key for line in lines] == PAID
    assert [line.quantity for line in lines] == [None, None]


@pytest.mark.parametrize("body", ["{not: [json", '"just a string"', "Resources: [1, 2]", 42])
def test_a_template_body_that_is_no_template_is_unpriced_not_zero(body: object) -> None:
    (line,) = cloudformation_stack.cost_lines(_stack({"template_body": body}), Usage())
    assert line.unknown_reason and line.quantity is None


def test_aws_own_transforms_keep_a_template_of_free_namespaces_free() -> None:
    body = json.loads(_body("AWS::Serverless::Function"))
    body["Transform"] = ["AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"]
    assert _keys(_stack({"template_body": json.dumps(body)})) == []


def test_a_stack_set_is_read_the_same_way() -> None:
    kind = "aws_cloudformation_stack_set"
    assert _keys(_stack({"template_body": _body("AWS::S3::Bucket")}, kind=kind)) == []
    assert _keys(_stack({"template_body": _body("Org::Private::Thing")}, kind=kind)) == PAID


def test_a_template_body_over_cloudformations_limit_is_unpriced_and_never_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def _never(body: str) -> object:
        raise AssertionError("parsed")

    monkeypatch.setattr(cloudformation_stack, "_parse", _never)
    free = _body("AWS::SNS::Topic")
    for body in (free + " " * (51_201 - len(free)), free + "é" * 25_600):  # bytes, not chars
        (line,) = cloudformation_stack.cost_lines(_stack({"template_body": body}), Usage())
        assert "51,200 bytes" in (line.unknown_reason or "") and line.quantity is None


def test_a_template_body_at_the_limit_is_read() -> None:
    free = _body("AWS::SNS::Topic")
    body = free + " " * (51_200 - len(free))
    assert _keys(_stack({"template_body": body})) == []


def test_the_same_template_body_is_parsed_once_for_both_sides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    parse = cloudformation_stack._parse

    def _counted(body: str) -> object:
        calls.append(body)
        return parse(body)

    monkeypatch.setattr(cloudformation_stack, "_parse", _counted)
    cloudformation_stack._read.cache_clear()
    stack = _stack({"template_body": _body("AWS::SNS::Topic", "Acme::Once::Only")})
    assert _keys(stack) == _keys(stack) == PAID
    assert len(calls) == 1


@pytest.mark.parametrize("body", ["Resources:\n  A:\n    Type: \ud800\n", "\x00Resources: {}"])
def test_a_template_body_libyaml_refuses_is_unpriced_not_a_crash(body: str) -> None:
    (line,) = cloudformation_stack.cost_lines(_stack({"template_body": body}), Usage())
    assert line.unknown_reason and line.quantity is None


def test_yaml_is_read_by_libyaml_when_pyyaml_has_it() -> None:
    if yaml.__with_libyaml__:
        assert issubclass(cloudformation_stack._TemplateLoader, yaml.CSafeLoader)
