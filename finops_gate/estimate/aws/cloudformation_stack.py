"""aws_cloudformation_stack, aws_cloudformation_stack_set:
https://aws.amazon.com/cloudformation/pricing/ (third-party resource providers).

CloudFormation charges nothing for the resources of the ``AWS::``, ``Alexa::`` and ``Custom::``
namespaces: each is billed on its own service. It charges per handler operation (create,
update, delete, read, list) of a resource from any other namespace (a third-party or private
registry type), usage ``monthly_handler_operations``, and per second an operation runs beyond
30 seconds, usage ``monthly_duration_secs``. A stack set's operations run in each of its stack
instances: the usage gives the month's total over them.

When it is $0: the template (``template_body``) declares resources of the free namespaces only
(the lines are not shown; handler-operation usage given for it is not read). When it depends on
usage: the template declares a resource of another namespace, or may (a module, ``::MODULE``, a
nested stack, whose templates are not in the plan, or a transform by a macro other than AWS's
own), or is not in the plan (``template_url``, a value known only after apply). A
``template_body`` that is neither JSON nor YAML, or longer than the 51,200 bytes CloudFormation
takes in TemplateBody (a longer template goes by template_url; it is not parsed), leaves the
resource unpriced. The account's free 1,000 handler operations a month are account-wide and are
not subtracted here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml

try:  # libyaml's loader when PyYAML was built with it: the pure-Python one is far slower
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - a PyYAML without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]
from finops_gate.estimate.aws._common import get, is_unknown, unpriceable, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

FREE_NAMESPACES = ("AWS::", "Alexa::", "Custom::")
# types whose own resources are not in this template (the nested template, the module's body)
OPAQUE = ("AWS::CloudFormation::Stack",)
MODULE_SUFFIX = "::MODULE"
# CloudFormation's limit on TemplateBody (CreateStack, UpdateStack, CreateStackSet): longer
# templates go by TemplateURL
MAX_BODY_BYTES = 51_200


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    paid = _paid_types(resource)
    if isinstance(paid, str):
        return [unpriceable("Handler operations", "operations", paid)]
    if not paid:
        return []
    return [
        usage_line(
            "Handler operations",
            "operations",
            "cloudformation.handler_operations",
            usage,
            "monthly_handler_operations",
        ),
        usage_line(
            "Durations above 30s",
            "seconds",
            "cloudformation.handler_duration",
            usage,
            "monthly_duration_secs",
        ),
    ]


def _paid_types(resource: Resource) -> bool | str:
    """True when the template may declare a resource billed per handler operation, False when
    it declares only free ones, the reason when ``template_body`` cannot be read as one."""
    body = get(resource, "template_body")
    if body is None or is_unknown(resource, "template_body"):
        return True  # the template is elsewhere (template_url) or known only after apply
    if not isinstance(body, str):
        return "template_body is not a string; fix the template"
    # at least one byte a character: a longer string is over the limit without encoding it
    if len(body) > MAX_BODY_BYTES or len(body.encode("utf-8", "surrogatepass")) > MAX_BODY_BYTES:
        return (
            f"template_body is longer than CloudFormation's {MAX_BODY_BYTES:,} bytes"
            " (a longer template goes by template_url); not read"
        )
    return _read(body)


@lru_cache(maxsize=32)  # each side of a change reads the same body; 32 x 51,200 bytes at most
def _read(body: str) -> bool | str:
    parsed = _parse(body)
    if not isinstance(parsed, Mapping) or not isinstance(parsed.get("Resources"), Mapping):
        return "template_body is neither JSON nor YAML with a Resources map; fix the template"
    transforms = parsed.get("Transform", [])
    for macro in transforms if isinstance(transforms, list) else [transforms]:
        if not (isinstance(macro, str) and macro.startswith("AWS::")):
            return True  # a macro of the account's own may add resources of any namespace
    for declared in parsed["Resources"].values():
        kind = declared.get("Type") if isinstance(declared, Mapping) else None
        if not isinstance(kind, str):
            return True  # a type given by an intrinsic function: any namespace
        if kind in OPAQUE or kind.endswith(MODULE_SUFFIX) or not kind.startswith(FREE_NAMESPACES):
            return True
    return False


class _TemplateLoader(_SafeLoader):
    """YAML with CloudFormation's short-form intrinsic functions (``!Ref``, ``!Sub``...), read
    as plain values: only the resource types matter here."""


def _intrinsic(loader: _SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return None


_TemplateLoader.add_multi_constructor("!", _intrinsic)


def _parse(body: str) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        pass
    try:
        return yaml.load(body, Loader=_TemplateLoader)  # a (C)SafeLoader subclass
    except (yaml.YAMLError, RecursionError, ValueError):  # libyaml: a lone surrogate
        return None
