"""The config's JSON Schema (``schema/config.schema.json``), checked at start-up speed.

Importing jsonschema (with referencing, attrs and the metaschemas of every draft it loads) costs
more than the rest of a one-resource plan run, and every run in a repository with a
``.finops-gate.yml`` reads one. The config schema uses a dozen keywords of Draft 2020-12; they are
checked here with jsonschema's meaning (``tests/test_config_schema.py`` holds this checker to
jsonschema on every config the tests and examples hold, and on mutations of them). A keyword this
module does not know makes the schema fail to load, so a schema that grows one cannot be passed
silently. jsonschema stays the validator of saved reports (``comment``), which are rarer.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = Path(__file__).with_name("schema") / "config.schema.json"

# annotations: no effect on what is valid
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "default", "examples"})
_KEYWORDS = frozenset(
    {
        "$ref",
        "type",
        "enum",
        "const",
        "properties",
        "additionalProperties",
        "required",
        "minProperties",
        "items",
        "maxItems",
        "minLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "anyOf",
        "not",
    }
)
_SHOWN = 60  # characters of a value quoted in a message

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class SchemaError:
    """Where a config breaks the schema: the key path, the keyword, what is wrong, and the value
    and (sub)schema it broke (jsonschema's ``absolute_path``, ``validator``, ``instance`` and
    ``schema``)."""

    path: Path_
    keyword: str
    message: str
    instance: Any
    schema: Mapping[str, Any]


class SchemaProblem(ValueError):
    """The schema itself uses what this checker does not know (a bug of finops-gate)."""


@functools.cache
def config_schema() -> Mapping[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    _known(schema, schema, "#")
    return schema


def errors(instance: Any, schema: Mapping[str, Any] | None = None) -> list[SchemaError]:
    """Every place ``instance`` breaks ``schema`` (default: the config schema), in the order
    jsonschema's ``iter_errors`` gives them."""
    root = config_schema() if schema is None else schema
    if schema is not None:
        _known(root, root, "#")
    return list(_check(instance, root, root, ()))


def _known(node: Any, root: Mapping[str, Any], where: str) -> None:
    """Every keyword of ``node`` (and below) is one this module checks or an annotation."""
    if isinstance(node, bool):
        return
    if not isinstance(node, Mapping):
        raise SchemaProblem(f"{where}: a schema must be an object or a boolean")
    for key, value in node.items():
        if key not in _KEYWORDS and key not in _ANNOTATIONS:
            raise SchemaProblem(f"{where}: keyword {key!r} is not checked by config_schema.py")
        if key in ("properties", "$defs"):
            for name, sub in value.items():
                _known(sub, root, f"{where}/{key}/{name}")
        elif key in ("additionalProperties", "items", "not"):
            _known(value, root, f"{where}/{key}")
        elif key == "anyOf":
            for i, sub in enumerate(value):
                _known(sub, root, f"{where}/anyOf/{i}")
        elif key == "$ref":
            _resolve(root, value)
        elif key == "pattern":
            _pattern(value)


def _resolve(root: Mapping[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise SchemaProblem(f"$ref {ref!r}: only references inside the schema are checked")
    node: Any = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, Mapping) or part not in node:
            raise SchemaProblem(f"$ref {ref!r}: no such place in the schema")
        node = node[part]
    return node


@functools.cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _valid(instance: Any, schema: Any, root: Mapping[str, Any]) -> bool:
    return next(_check(instance, schema, root, ()), None) is None


def _is(instance: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(instance, dict)
    if kind == "array":
        return isinstance(instance, list)
    if kind == "string":
        return isinstance(instance, str)
    if kind == "boolean":
        return isinstance(instance, bool)
    if kind == "null":
        return instance is None
    if isinstance(instance, bool):
        return False
    if kind == "number":
        return isinstance(instance, int | float)
    if kind == "integer":  # 1.0 is an integer in JSON Schema
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    raise SchemaProblem(f"type {kind!r} is not a JSON Schema type")


def _equal(one: Any, two: Any) -> bool:
    """JSON equality: ``true`` is not ``1``; containers compare item by item."""
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[k], two[k]) for k in one)
    if isinstance(one, list | dict) or isinstance(two, list | dict):
        return False
    return bool(one == two)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _number(instance: Any) -> bool:
    return isinstance(instance, int | float) and not isinstance(instance, bool)


def _check(
    instance: Any, schema: Any, root: Mapping[str, Any], path: Path_
) -> Iterator[SchemaError]:
    if schema is True:
        return
    if schema is False:
        yield SchemaError(path, "false", "is not allowed here", instance, {})
        return
    for keyword, value in schema.items():
        yield from _keyword(keyword, value, instance, schema, root, path)


def _keyword(
    keyword: str,
    value: Any,
    instance: Any,
    schema: Mapping[str, Any],
    root: Mapping[str, Any],
    path: Path_,
) -> Iterator[SchemaError]:
    def error(message: str) -> SchemaError:
        return SchemaError(path, keyword, message, instance, schema)

    if keyword == "$ref":
        yield from _check(instance, _resolve(root, value), root, path)
    elif keyword == "type":
        kinds = [value] if isinstance(value, str) else list(value)
        if not any(_is(instance, kind) for kind in kinds):
            yield error(f"{_shown(instance)} is not of type {' or '.join(kinds)}")
    elif keyword == "enum":
        if not any(_equal(instance, option) for option in value):
            yield error(f"{_shown(instance)} is not one of {', '.join(map(str, value))}")
    elif keyword == "const":
        if not _equal(instance, value):
            yield error(f"{_shown(instance)} must be {value!r}")
    elif keyword == "anyOf":
        if not any(_valid(instance, sub, root) for sub in value):
            yield error(f"{_shown(instance)} is none of the forms allowed here")
    elif keyword == "not":
        if _valid(instance, value, root):
            yield error(f"{_shown(instance)} is not allowed here")
    elif isinstance(instance, dict):
        yield from _object(keyword, value, instance, schema, root, path, error)
    elif isinstance(instance, list):
        if keyword == "items":
            for i, item in enumerate(instance):
                yield from _check(item, value, root, (*path, i))
        elif keyword == "maxItems" and len(instance) > value:
            yield error(f"has {len(instance)} items, at most {value} are allowed")
    elif isinstance(instance, str):
        if keyword == "minLength" and len(instance) < value:
            yield error("must not be empty" if value == 1 else f"is shorter than {value}")
        elif keyword == "pattern" and _pattern(value).search(instance) is None:
            yield error(f"{_shown(instance)} does not match {value}")
    elif _number(instance):
        if keyword == "minimum" and instance < value:
            yield error(f"{_shown(instance)} is less than {value}")
        elif keyword == "maximum" and instance > value:
            yield error(f"{_shown(instance)} is more than {value}")
        elif keyword == "exclusiveMinimum" and instance <= value:
            yield error(f"{_shown(instance)} must be more than {value}")


def _object(
    keyword: str,
    value: Any,
    instance: dict[Any, Any],
    schema: Mapping[str, Any],
    root: Mapping[str, Any],
    path: Path_,
    error: Any,
) -> Iterator[SchemaError]:
    if keyword == "properties":
        for name, sub in value.items():
            if name in instance:
                yield from _check(instance[name], sub, root, (*path, name))
    elif keyword == "additionalProperties":
        extra = [key for key in instance if key not in schema.get("properties", {})]
        if value is False:
            if extra:
                yield error(f"unknown key {_shown(extra[0])}")
        else:
            for key in extra:
                yield from _check(instance[key], value, root, (*path, key))
    elif keyword == "required":
        for name in value:
            if name not in instance:
                yield error(f"{name!r} is required")
    elif keyword == "minProperties" and len(instance) < value:
        yield error("must not be empty" if value == 1 else f"needs at least {value} keys")
