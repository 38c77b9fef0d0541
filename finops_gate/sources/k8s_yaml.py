"""Multi-document YAML for Kubernetes manifests, read with bounds.

PyYAML's C loader is fast but unbounded: deeply nested flow collections overflow the C stack,
and aliases can describe a document far larger than its text ("billion laughs"). Both are
checked before anything is built (with the same bounds as the gate's own config,
``finops_gate.yaml_strict``), so a hostile manifest is a one-line InputError, never a hang, a
crash or a memory blow-up. Unlike the config, a manifest is read leniently otherwise (duplicate
keys and YAML 1.1 booleans are what kubectl accepts).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from finops_gate.errors import InputError
from finops_gate.sources.yaml_errors import yaml_input_error
from finops_gate.yaml_strict import YamlProblem, check_depth, check_expanded_size

_FLOW_SUSPECT = 256  # fewer flow brackets than this cannot nest deeper than MAX_DEPTH... cheaply

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader, plus YAML 1.1's ``=`` value tag read as the string "=" (as kubectl
    does): kube-prometheus CRDs list ``- =`` in an enum, and PyYAML has no constructor for it."""


_Loader.add_constructor("tag:yaml.org,2002:value", lambda loader, node: node.value)


@dataclass(frozen=True, slots=True)
class Doc:
    """One Kubernetes object (``kind: List`` items are flattened) and the line it starts on."""

    obj: dict[str, Any]
    line: int


def load_docs(text: str, rel: str) -> list[Doc]:
    """The mapping documents of ``text`` (``rel`` names the file in errors); empty ones skipped."""
    if text.count("[") + text.count("{") > _FLOW_SUSPECT:
        _check_depth(text, rel)
    aliased = "&" in text and "*" in text
    loader = _Loader(text)
    out: list[Doc] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if aliased:
                _check_size(node, rel)
            data = loader.construct_document(node)
            line = node.start_mark.line + 1
            if isinstance(data, dict):
                _flatten(data, node, line, out)
    except yaml.YAMLError as exc:
        raise yaml_input_error(rel, exc, fix="fix the manifest") from None
    except RecursionError:
        raise InputError(f"{rel}: YAML nested too deeply; not read") from None
    except (ValueError, OverflowError) as exc:  # e.g. an integer of 5,000 digits
        raise InputError(f"{rel}: a value cannot be read ({str(exc)[:80]}); fix it") from None
    finally:
        loader.dispose()
    return out


def load_json_docs(text: str, rel: str) -> list[Doc]:
    """A JSON manifest (an object, or a ``kind: List``) read like a YAML one, with bounds."""
    import json

    if text.count("[") + text.count("{") > _FLOW_SUSPECT:
        _check_depth(text, rel)
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(f"{rel}: not valid JSON ({str(exc)[:100]}); fix the manifest") from None
    except RecursionError:
        raise InputError(f"{rel}: JSON nested too deeply; not read") from None
    out: list[Doc] = []
    if isinstance(data, dict):
        items = data.get("items")
        if data.get("kind") == "List" and isinstance(items, list):
            out.extend(Doc(i, 1) for i in items if isinstance(i, dict))
        else:
            out.append(Doc(data, 1))
    return out


def _flatten(data: dict[str, Any], node: Any, line: int, out: list[Doc]) -> None:
    items = data.get("items")
    if data.get("kind") == "List" and isinstance(items, list):
        lines = _item_lines(node)
        for i, item in enumerate(items):
            if isinstance(item, dict):
                out.append(Doc(item, lines[i] if i < len(lines) else line))
        return
    out.append(Doc(data, line))


def _item_lines(node: Any) -> list[int]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "items" and isinstance(value, yaml.SequenceNode):
                return [child.start_mark.line + 1 for child in value.value]
    return []


def _check_depth(text: str, rel: str) -> None:
    try:
        check_depth(text)
    except YamlProblem as exc:
        raise InputError(
            f"{rel}:{exc.line}: YAML {exc}; not a Kubernetes manifest, not read"
        ) from None
    except yaml.YAMLError:
        return  # load_docs reports the syntax error with its line


def _check_size(root: Any, rel: str) -> None:
    try:
        check_expanded_size(root)
    except YamlProblem as exc:
        raise InputError(f"{rel}:{exc.line}: YAML {exc}; not read") from None
