"""The config schema checker (finops_gate/config_schema.py) against jsonschema, the reference:
on every config the examples and the policy cases hold, and on thousands of mutations of them
(each value replaced by values of other types and edge values, an unknown key added to each
mapping, each key removed), both say valid or invalid alike and put the first error at the same
key path with the same keyword."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from finops_gate import config_schema
from finops_gate.config import parse_settings
from finops_gate.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads(config_schema.SCHEMA.read_text(encoding="utf-8"))
REFERENCE = jsonschema.Draft202012Validator(SCHEMA)

# the configuration of DESIGN.md, every section set
FULL = {
    "version": 1,
    "sources": {
        "terraform": {"plans": ["plan.json"], "dirs": ["infra"]},
        "kubernetes": {"paths": ["k8s/**/*.yaml"]},
        "models": {"paths": ["config/**/*.yaml", "services/*/.env"]},
    },
    "usage": {
        "terraform": {
            "resource_type_default_usage": {"aws_lambda_function": {"monthly_requests": 1000000}},
            "resource_usage": {"aws_nat_gateway.egress": {"monthly_data_processed_gb": 2500}},
        },
        "kubernetes": {"daemonset_nodes": 3, "hpa_replicas": "min"},
        "models": {
            "default": {"requests_per_month": 10000, "input_tokens": 1000, "output_tokens": 500},
            "sites": {"config/a.yaml#chat.model": {"requests_per_month": 250000}},
        },
        "services": {"checkout": {"requests_per_month": 1000000}},
    },
    "pricing": {"default_region": {"aws": "eu-west-1"}, "as_of": "2026-11-01"},
    "report": {"currency": "EUR"},
    "policies": {
        "tags": {
            "required": ["finops:team", "finops:service"],
            "allowed_values": {"finops:environment": ["prod", "staging", {"regex": "^dev-.*$"}]},
            "on_missing": "fail",
        },
        "budgets": [
            {"name": "ml", "scope": {"finops:team": "ml"}, "monthly_limit": 20000,
             "warn_at_percent": 80},
        ],
        "approval": {
            "monthly_increase": 500,
            "percent_increase": 25,
            "approvers": {"github": ["alice", "acme/leads"], "gitlab": ["bob"]},
        },
    },
    "exemptions": [
        {"policy": "tags.required", "address": "aws_instance.*", "reason": "legacy",
         "expires": "2027-01-01"},
    ],
}  # fmt: skip


def _configs() -> list[Any]:
    """The configs that bring a key path or value type the ones before them lack."""
    found: list[Any] = [FULL, {"version": 1}]
    for path in sorted(ROOT.glob("examples/**/.finops-gate.yml")):
        found.append(yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in sorted((ROOT / "tests" / "policies" / "cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(case, dict) and isinstance(case.get("config"), dict):
                found.append({"version": 1, **case["config"]})
    covered: set[tuple[Any, ...]] = set()
    out = []
    for config in found:  # a config whose key paths and value types are all seen adds nothing
        typed = {(*_keys(path), type(_at(config, path)).__name__) for path in _paths(config)}
        if not typed <= covered:
            covered |= typed
            out.append(config)
    return out


def _keys(path: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple("[]" if isinstance(p, int) else p for p in path)


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


# other types, edge numbers (1.0 is an integer, true is not), strings the patterns look at
_VALUES = ["x", "", 0, -1, 1.0, 1.5, True, None, [], {}, [1], {"k": 1},
           "2026-11-01", "EUR", "a/b", " inf", date(2026, 1, 1)]  # fmt: skip


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*path, i))


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    out = copy.deepcopy(doc)
    if not path:
        return value
    node = out
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return out


def _mutations(doc: Any) -> Iterator[Any]:
    for path in list(_paths(doc)):
        for value in _VALUES:
            yield _set(doc, path, value)
        parent = _at(doc, path)
        if isinstance(parent, dict):
            yield _set(doc, path, {**parent, "bogus_key": 1})
            for key in parent:
                yield _set(doc, path, {k: v for k, v in parent.items() if k != key})


def _order(path: Any) -> list[tuple[int, int, str]]:
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path]


def _reference(doc: Any) -> tuple[bool, tuple[Any, ...] | None, str | None]:
    errors = sorted(REFERENCE.iter_errors(doc), key=lambda e: _order(e.absolute_path))
    if not errors:
        return True, None, None
    return False, tuple(errors[0].absolute_path), str(errors[0].validator)


def _ours(doc: Any) -> tuple[bool, tuple[Any, ...] | None, str | None]:
    errors = sorted(config_schema.errors(doc), key=lambda e: _order(e.path))
    if not errors:
        return True, None, None
    return False, errors[0].path, errors[0].keyword


def test_the_checker_agrees_with_jsonschema_on_every_config_and_thousands_of_mutations() -> None:
    seen = 0
    disagreements = []
    for config in _configs():
        assert _ours(config) == _reference(config) == (True, None, None), config
        for doc in _mutations(config):
            seen += 1
            ours, reference = _ours(doc), _reference(doc)
            if ours != reference:
                disagreements.append((doc, ours, reference))
    assert seen > 2000
    assert disagreements[:3] == []


def test_a_keyword_the_checker_does_not_know_fails_when_the_schema_loads() -> None:
    """A schema that grows a keyword this checker ignores would pass bad configs silently."""
    grown = {**SCHEMA, "properties": {**SCHEMA["properties"], "x": {"maxLength": 3}}}
    with pytest.raises(config_schema.SchemaProblem, match="maxLength"):
        config_schema.errors({"version": 1}, grown)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("version: 1\nusage: {kubernetes: {daemonset_nodes: -1}}\n", "daemonset_nodes"),
        ("version: 1\npolicies: {approval: {percent_increase: x}}\n", "percent_increase"),
        ("version: 1\npolicies: {tags: {on_missing: maybe}}\n", "on_missing"),
        ("version: 1\nreport: {currency: euro}\n", "report.currency"),
        ("version: 2\n", "version"),
        ("version: 1\npolicies: {budgets: [{name: b, scope: {}, monthly_limit: 5}]}\n", "scope"),
    ],
)
def test_a_config_that_breaks_the_schema_is_one_line_naming_the_key(text: str, where: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings(text, display=".finops-gate.yml")
    message = str(info.value)
    assert message.startswith(".finops-gate.yml: ") and where in message and "\n" not in message


def test_a_long_hostile_value_is_cut_in_the_message() -> None:
    text = "version: 1\nreport: {currency: '" + "A" * 5000 + "'}\n"
    with pytest.raises(ConfigError) as info:
        parse_settings(text, display="c.yml")
    assert len(str(info.value)) < 300
