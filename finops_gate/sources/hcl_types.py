"""A variable's value converted to its ``type`` constraint, as Terraform converts it.

Terraform fills in an object's ``optional()`` attributes (with their default, else null) and
drops the attributes the type does not declare, converts ``"2"`` to a number where the type says
``number``, and gives a ``nullable = false`` variable its default when it is set to null. Module
authors lean on this (``create = each.value.create`` passed on to a ``nullable = false`` variable
whose default is ``true``): without it such values are missing, and what they decide (a node
group's ``count``) is unknown to the reader although the code says it.

A type the reader cannot parse leaves the value as it is; so does a value the type does not fit
(Terraform would refuse it). Unknown values stay unknown.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

from finops_gate.sources import hcl_expr

MAX_DEPTH = 32  # nested type constructors

_PRIMITIVES = ("string", "number", "bool")
_NO_TYPE: tuple[str] = ("any",)


@functools.lru_cache(maxsize=4096)
def constraint(text: str) -> Any:
    """The parsed type of ``type = <text>`` (``${...}`` as python-hcl2 gives it, or the bare
    expression a ``.tf.json`` file holds): a primitive name, ``("map"|"list"|"set", T)``,
    ``("tuple", [T...])``, ``("object", {name: (T, optional, default)})``; ``any`` when the
    reader cannot tell."""
    expr = text[2:-1] if text.startswith("${") and text.endswith("}") else text
    if len(expr) >= 2 and expr[0] == expr[-1] == '"':
        # a .tf.json file gives the type as a JSON string holding the expression
        try:
            expr = json.loads(expr)
        except ValueError:
            return _NO_TYPE
        if not isinstance(expr, str):
            return _NO_TYPE
    try:
        node = hcl_expr._parse(expr)
        return _type(node, 0)
    except (hcl_expr._Fail, RecursionError, ValueError, TypeError, IndexError, KeyError):
        return _NO_TYPE


def _type(node: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        return _NO_TYPE
    if node[0] == "ref":
        return node[1] if node[1] in _PRIMITIVES else _NO_TYPE
    if node[0] != "call" or node[3]:
        return _NO_TYPE
    name, args = node[1], node[2]
    if name in ("map", "list", "set") and len(args) == 1:
        return (name, _type(args[0], depth + 1))
    if name == "tuple" and len(args) == 1 and args[0][0] == "list":
        return ("tuple", [_type(a, depth + 1) for a in args[0][1]])
    if name == "object" and len(args) == 1 and args[0][0] == "obj":
        attrs: dict[str, Any] = {}
        for key, value in args[0][1]:
            if key[0] == "tpl" and len(key[1]) == 1 and isinstance(key[1][0], str):
                key = ("lit", key[1][0])  # "name" = ...
            if key[0] != "lit":
                return _NO_TYPE
            optional = value[0] == "call" and value[1] == "optional" and not value[3]
            if optional and len(value[2]) not in (1, 2):
                return _NO_TYPE
            attr_type = _type(value[2][0] if optional else value, depth + 1)
            default: Any = None
            if optional and len(value[2]) == 2:
                default = _constant(value[2][1])
            attrs[str(key[1])] = (attr_type, optional, default)
        return ("object", attrs)
    return _NO_TYPE


def _constant(node: Any) -> Any:
    """An ``optional()`` default: a constant expression, else unknown (never a guess)."""
    try:
        return hcl_expr._eval(node, hcl_expr.Scope())
    except (
        hcl_expr._Fail,
        RecursionError,
        ValueError,
        TypeError,
        ArithmeticError,
        KeyError,
        IndexError,
    ):
        return hcl_expr.Unknown("optional() default")


def convert(value: Any, type_: Any, depth: int = 0) -> Any:
    """``value`` as Terraform holds it once converted to ``type_`` (see the module docstring)."""
    if value is None or hcl_expr.is_unknown(value) or type_ == _NO_TYPE or depth > MAX_DEPTH:
        return value
    if isinstance(type_, str):
        return _primitive(value, type_)
    kind = type_[0]
    if kind == "object":
        # a plain mapping only: a resource's attributes (an OpenMap) keep their open keys
        if type(value) is not dict:
            return value
        out: dict[str, Any] = {}
        for name, (attr_type, optional, default) in type_[1].items():
            item = value.get(name)
            if item is None and optional:
                item = default
            elif name not in value:
                return value  # a required attribute missing: Terraform refuses it
            out[name] = convert(item, attr_type, depth + 1)
        return out
    if kind == "map":
        if type(value) is not dict:
            return value
        return {k: convert(v, type_[1], depth + 1) for k, v in value.items()}
    if kind in ("list", "set"):
        if not isinstance(value, list):
            return value
        return [convert(v, type_[1], depth + 1) for v in value]
    if kind == "tuple":
        if not isinstance(value, list) or len(value) != len(type_[1]):
            return value
        return [convert(v, t, depth + 1) for v, t in zip(value, type_[1], strict=True)]
    return value


# a decimal number as Terraform reads one from a string ("2", "-1", "2.0", "1e3"; no spaces,
# underscores, NaN or infinity, which Python's float() would also take)
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _primitive(value: Any, name: str) -> Any:
    if name == "number" and isinstance(value, str):
        if not _NUMBER.fullmatch(value):
            return value
        number = float(value)
        if number in (float("inf"), float("-inf")):
            return value
        return int(number) if number.is_integer() and "." not in value else number
    if name == "string" and isinstance(value, bool):
        return "true" if value else "false"
    if name == "string" and isinstance(value, (int, float)):
        return str(value)
    if name == "bool" and value in ("true", "false"):
        return value == "true"
    return value


def typed(
    variables: Mapping[str, Any], values: dict[str, Any], defaults: Mapping[str, Any]
) -> dict[str, Any]:
    """``values`` (variable name -> value, in place) converted to each declared variable's
    type; a null given to a ``nullable = false`` variable is its default (``defaults``: name
    -> evaluated default, for the variables that have one)."""
    for name, body in variables.items():
        if name not in values or not isinstance(body, Mapping):
            continue
        value = values[name]
        if value is None and body.get("nullable") is False and name in defaults:
            value = defaults[name]
        type_text = body.get("type")
        if isinstance(type_text, str):
            value = convert(value, constraint(type_text))
        values[name] = value
    return values
