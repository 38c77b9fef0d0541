"""HCL expressions evaluated as far as the code alone tells, the way Terraform would.

python-hcl2 hands expressions over as text (``"${var.create ? 1 : 0}"``). This module parses
that text (conditionals, ``for`` expressions, splats, arithmetic, comparisons, the pure built-in
functions terraform-aws-modules use) and evaluates it against a ``Scope`` (variables, locals,
``each``/``count``, other resources of the same module). Whatever depends on something only
Terraform knows (a data source, an attribute computed on apply, an impure or unknown function)
is an ``Unknown`` that remembers the expression it came from, so a changed input is still seen as
a change. Bounded: expression text, nesting and collection sizes are limited; nothing raises.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

MAX_TEXT = 20_000  # characters of one expression
MAX_ITEMS = 10_000  # elements a function or for expression may build
# iterations of the for expressions of one expression, nested ones included (three nested
# levels of range(1000) are a billion): past it the expression is unknown
MAX_WORK = 1_000_000
_WORK = [MAX_WORK]
_DEPTH = [0]  # evaluate() calls under way (a local's value is evaluated inside another's)


@dataclass(frozen=True, slots=True)
class Unknown:
    """A value known only to Terraform; ``origin`` is the expression text it came from."""

    origin: str = ""


UNKNOWN = Unknown()


def is_unknown(value: Any) -> bool:
    return isinstance(value, Unknown)


class OpenMap(Mapping[str, Any]):
    """A map whose missing keys are unknown rather than an error: a resource's attributes the
    provider computes (``id``, ``arn``), or a variable the module does not declare."""

    def __init__(self, data: Mapping[str, Any], origin: str) -> None:
        self._data, self.origin = data, origin

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Any:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class _Fail(Exception):
    """An expression that cannot be evaluated (Terraform would raise an error, or we cannot
    tell): the caller turns it into ``Unknown``; ``try()`` and ``can()`` catch it."""


class Scope:
    """The names an expression can reach. Subclasses answer ``root`` for ``var``, ``local``...
    and ``file_text`` for ``file()`` and its kin."""

    def root(self, name: str) -> Any:
        raise _Fail(name)

    def file_text(self, path: str) -> str | Unknown | None:
        """The text of the file ``path`` names (as ``file()`` resolves it), ``None`` when there
        is none, or unknown when it cannot be read here."""
        return Unknown(f"file({path})")


def evaluate(text: str, scope: Scope) -> Any:
    """The value of the expression ``text`` (without ``${}``), or ``Unknown(text)``."""
    if len(text) > MAX_TEXT:
        return Unknown(text[:200])
    if _DEPTH[0] == 0:
        _WORK[0] = MAX_WORK
    _DEPTH[0] += 1
    try:
        node = _parse(text)
        value = _eval(node, scope)
    except (_Fail, RecursionError, ValueError, TypeError, ArithmeticError, IndexError, KeyError):
        return Unknown(text.strip())
    finally:
        _DEPTH[0] -= 1
    if isinstance(value, Unknown):
        # the expression, and where its unknown part came from (a module input's call site):
        # a change in either is a change of the resource
        here = text.strip()
        origin = here if value.origin in here else f"{here} <- {value.origin}"
        return Unknown(origin[:500])
    return value


@functools.lru_cache(maxsize=32_768)
def _parse(text: str) -> Any:
    """The syntax tree of an expression (immutable use only: cached across both sides)."""
    return _Parser(text).parse()


# --- tokens -------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+|\#[^\n]*|//[^\n]*|/\*.*?\*/)
  | (?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<str>")
  | (?P<op>\[\*\]|\.\*|=>|==|!=|<=|>=|&&|\|\||\.\.\.|[?:!<>+\-*/%()\[\]{},.=])
  | (?P<id>[A-Za-z_][A-Za-z0-9_-]*)
    """,
    re.X | re.S,
)


@dataclass(frozen=True, slots=True)
class _Tok:
    """One token of an HCL expression."""

    kind: str  # num | str | op | id | end
    value: Any
    pos: int


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise _Fail(f"unexpected {text[pos]!r}")
        kind = m.lastgroup
        assert kind is not None
        if kind == "str":
            parts, pos = _string(text, m.end())
            out.append(_Tok("str", parts, m.start()))
            continue
        if kind == "num":
            raw = m.group()
            out.append(_Tok("num", int(raw) if raw.isdigit() else float(raw), m.start()))
        elif kind != "ws":
            out.append(_Tok(kind, m.group(), m.start()))
        pos = m.end()
    out.append(_Tok("end", None, len(text)))
    return out


def _string(text: str, pos: int) -> tuple[list[Any], int]:
    """A quoted template from after its opening quote: literal parts and parsed ``${}`` nodes."""
    parts: list[Any] = []
    buf: list[str] = []
    while pos < len(text):
        ch = text[pos]
        if ch == '"':
            parts.append("".join(buf))
            return parts, pos + 1
        if ch == "\\" and pos + 1 < len(text):
            esc = text[pos + 1]
            if esc == "u" and pos + 6 <= len(text):
                buf.append(chr(int(text[pos + 2 : pos + 6], 16)))
                pos += 6
                continue
            buf.append({"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}.get(esc, esc))
            pos += 2
            continue
        if text.startswith("$${", pos) or text.startswith("%%{", pos):
            buf.append(text[pos + 1 : pos + 3])
            pos += 3
            continue
        if text.startswith("%{", pos):
            raise _Fail("template directive")
        if text.startswith("${", pos):
            end = _matching(text, pos + 2)
            parts.append("".join(buf))
            buf = []
            parts.append(_Parser(text[pos + 2 : end].strip().rstrip("~").lstrip("~")).parse())
            pos = end + 1
            continue
        buf.append(ch)
        pos += 1
    raise _Fail("unterminated string")


def _matching(text: str, pos: int) -> int:
    """Index of the ``}`` closing an interpolation that starts at ``pos``."""
    depth = 0
    in_str = False
    while pos < len(text):
        ch = text[pos]
        if in_str:
            if ch == "\\":
                pos += 2
                continue
            if ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                return pos
            depth -= 1
        pos += 1
    raise _Fail("unterminated interpolation")


# --- parser: text -> nested tuples --------------------------------------------------------

_BINARY = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.i = 0

    def parse(self) -> Any:
        node = self.expr()
        if self.peek().kind != "end":
            raise _Fail("extra text")
        return node

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self, value: str | None = None) -> _Tok:
        tok = self.toks[self.i]
        if value is not None and tok.value != value:
            raise _Fail(f"expected {value}")
        self.i += 1
        return tok

    def at(self, *values: str) -> bool:
        tok = self.peek()
        return tok.kind in ("op", "id") and tok.value in values

    def expr(self) -> Any:
        cond = self.binary(0)
        if self.at("?"):
            self.take()
            yes = self.expr()
            self.take(":")
            no = self.expr()
            return ("cond", cond, yes, no)
        return cond

    def binary(self, level: int) -> Any:
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek().kind == "op" and self.peek().value in _BINARY[level]:
            op = self.take().value
            left = ("bin", op, left, self.binary(level + 1))
        return left

    def unary(self) -> Any:
        if self.at("!", "-"):
            op = self.take().value
            return ("un", op, self.unary())
        return self.postfix(self.primary())

    def postfix(self, node: Any) -> Any:
        while True:
            if self.at("."):
                self.take()
                tok = self.take()
                if tok.kind not in ("id", "num"):
                    raise _Fail("attribute name")
                node = ("get", node, ("lit", tok.value))
            elif self.at("[*]", ".*"):
                self.take()
                node = ("splat", node, self.splat_tail())
            elif self.at("["):
                self.take()
                key = self.expr()
                self.take("]")
                node = ("get", node, key)
            else:
                return node

    def splat_tail(self) -> list[Any]:
        steps: list[Any] = []
        while self.at(".", "["):
            if self.take().value == ".":
                steps.append(("lit", self.take().value))
            else:
                steps.append(self.expr())
                self.take("]")
        return steps

    def primary(self) -> Any:
        tok = self.take()
        if tok.kind == "num":
            return ("lit", tok.value)
        if tok.kind == "str":
            return ("tpl", tok.value)
        if tok.kind == "id":
            if tok.value in ("true", "false"):
                return ("lit", tok.value == "true")
            if tok.value == "null":
                return ("lit", None)
            if self.at("("):
                return self.call(tok.value)
            return ("ref", tok.value)
        if tok.value == "(":
            node = self.expr()
            self.take(")")
            return node
        if tok.value == "[":
            return self.tuple_or_for()
        if tok.value == "{":
            return self.object_or_for()
        if tok.value == "<":
            raise _Fail("heredoc")
        raise _Fail(f"unexpected {tok.value!r}")

    def call(self, name: str) -> Any:
        self.take("(")
        args: list[Any] = []
        expand = False
        while not self.at(")"):
            args.append(self.expr())
            if self.at("..."):
                self.take()
                expand = True
            if not self.at(")"):
                self.take(",")
        self.take(")")
        return ("call", name.split("::")[-1], args, expand)

    def for_head(self) -> tuple[str | None, str, Any]:
        self.take("for")
        first = self.take().value
        second = None
        if self.at(","):
            self.take()
            second = self.take().value
        self.take("in")
        coll = self.expr()
        self.take(":")
        return (first, second, coll) if second is not None else (None, first, coll)

    def tuple_or_for(self) -> Any:
        if self.at("for"):
            key, val, coll = self.for_head()
            body = self.expr()
            cond = self.cond_clause()
            self.take("]")
            return ("for_list", key, val, coll, body, cond)
        items: list[Any] = []
        while not self.at("]"):
            items.append(self.expr())
            if not self.at("]"):
                self.take(",")
        self.take("]")
        return ("list", items)

    def cond_clause(self) -> Any:
        if self.at("if"):
            self.take()
            return self.expr()
        return None

    def object_or_for(self) -> Any:
        if self.at("for"):
            key, val, coll = self.for_head()
            kexpr = self.expr()
            self.take("=>")
            vexpr = self.expr()
            group = False
            if self.at("..."):
                self.take()
                group = True
            cond = self.cond_clause()
            self.take("}")
            return ("for_map", key, val, coll, kexpr, vexpr, cond, group)
        pairs: list[tuple[Any, Any]] = []
        while not self.at("}"):
            tok = self.peek()
            if tok.kind == "id" and self.toks[self.i + 1].value in ("=", ":"):
                self.take()
                name: Any = ("lit", tok.value)
            else:
                name = self.expr()
            self.take(self.peek().value if self.at("=", ":") else "=")
            pairs.append((name, self.expr()))
            if self.at(","):
                self.take()
        self.take("}")
        return ("obj", pairs)


# --- evaluation ---------------------------------------------------------------------------


def _eval(node: Any, scope: Scope) -> Any:
    kind = node[0]
    if kind == "lit":
        return node[1]
    if kind == "tpl":
        return _template(node[1], scope)
    if kind == "ref":
        return scope.root(node[1])
    if kind == "get":
        return _get(_eval(node[1], scope), _eval(node[2], scope))
    if kind == "splat":
        return _splat(_eval(node[1], scope), node[2], scope)
    if kind == "list":
        return [_eval(n, scope) for n in node[1]]
    if kind == "obj":
        out: dict[str, Any] = {}
        for k, v in node[1]:
            key = _eval(k, scope)
            if isinstance(key, Unknown):
                return key
            out[_to_str(key)] = _eval(v, scope)
        return out
    if kind == "cond":
        test = _eval(node[1], scope)
        if isinstance(test, Unknown):
            return test
        if not isinstance(test, bool):
            raise _Fail("condition is not a bool")
        return _eval(node[2] if test else node[3], scope)
    if kind == "un":
        value = _eval(node[2], scope)
        if isinstance(value, Unknown):
            return value
        if node[1] == "!":
            if not isinstance(value, bool):
                raise _Fail("! of a non-bool")
            return not value
        return -_num(value)
    if kind == "bin":
        return _binary(node[1], node[2], node[3], scope)
    if kind == "call":
        return _call(node[1], node[2], node[3], scope)
    if kind in ("for_list", "for_map"):
        return _for(node, scope)
    raise _Fail(kind)


def _template(parts: list[Any], scope: Scope) -> Any:
    if len(parts) == 3 and parts[0] == "" and parts[2] == "" and not isinstance(parts[1], str):
        return _eval(parts[1], scope)  # "${x}" alone keeps x's type, as Terraform does
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        value = _eval(part, scope)
        if isinstance(value, Unknown):
            return value
        out.append(_to_str(value))
    return "".join(out)


def _get(value: Any, key: Any) -> Any:
    if isinstance(value, Unknown):
        return value
    if isinstance(key, Unknown):
        return key
    if isinstance(value, Mapping):
        got = value.get(_to_str(key), _MISSING)
        if got is _MISSING:
            if isinstance(value, OpenMap):
                return Unknown(f"{value.origin}.{_to_str(key)}")
            raise _Fail(f"no key {key!r}")
        return got
    if isinstance(value, list):
        index = _int(key)
        if not 0 <= index < len(value):
            raise _Fail("index out of range")
        return value[index]
    raise _Fail("attribute of a value that has none")


_MISSING = object()


def _splat(value: Any, steps: list[Any], scope: Scope) -> Any:
    if isinstance(value, Unknown):
        return value
    items = value if isinstance(value, list) else [] if value is None else [value]
    out = []
    for item in items:
        for step in steps:
            item = _get(item, _eval(step, scope))
        out.append(item)
    return out


def _binary(op: str, left_node: Any, right_node: Any, scope: Scope) -> Any:
    left = _eval(left_node, scope)
    decides = {"&&": False, "||": True}.get(op)
    if decides is not None and left is decides:
        return left  # the other side cannot change the result
    right = _eval(right_node, scope)
    if decides is not None and right is decides and isinstance(left, Unknown):
        return right
    if isinstance(left, Unknown):
        return left
    if isinstance(right, Unknown):
        return right
    if op in ("&&", "||"):
        if not isinstance(left, bool) or not isinstance(right, bool):
            raise _Fail("logic on non-bools")
        return left and right if op == "&&" else left or right
    if op == "==":
        return _equal(left, right)
    if op == "!=":
        return not _equal(left, right)
    a, b = _num(left), _num(right)
    if op == "<":
        return a < b
    if op == ">":
        return a > b
    if op == "<=":
        return a <= b
    if op == ">=":
        return a >= b
    if op == "+":
        return _tidy(a + b)
    if op == "-":
        return _tidy(a - b)
    if op == "*":
        return _tidy(a * b)
    if op == "/":
        return _tidy(a / b)
    return _tidy(a % b)


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return bool(type(a) is type(b) and a == b)


def _num(value: Any) -> float | int:
    if isinstance(value, bool) or value is None:
        raise _Fail("not a number")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            return _tidy(float(value))
        except ValueError:
            raise _Fail("not a number") from None
    raise _Fail("not a number")


def _tidy(value: float | int) -> float | int:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Fail("not finite")
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


def _int(value: Any) -> int:
    number = _num(value)
    if isinstance(number, float):
        raise _Fail("not a whole number")
    return number


def _to_str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    raise _Fail("not a string")


def _for(node: Any, scope: Scope) -> Any:
    coll = _eval(node[3], scope)
    if isinstance(coll, Unknown):
        return coll
    if isinstance(coll, Mapping):
        pairs = sorted(coll.items())
    elif isinstance(coll, list):
        pairs = list(enumerate(coll))
    else:
        raise _Fail("for over a non-collection")
    if len(pairs) > MAX_ITEMS:
        raise _Fail("too many items")
    _WORK[0] -= len(pairs)
    if _WORK[0] < 0:
        raise _Fail("too many iterations")
    key_name, val_name = node[1], node[2]
    is_map = node[0] == "for_map"
    items: list[Any] = []
    grouped: dict[str, Any] = {}
    for k, v in pairs:
        names = {val_name: v}
        if key_name is not None:
            names[key_name] = k
        inner = _Bound(scope, names)
        cond = node[6] if is_map else node[5]
        if cond is not None:
            ok = _eval(cond, inner)
            if isinstance(ok, Unknown):
                return ok
            if ok is not True:
                continue
        if not is_map:
            items.append(_eval(node[4], inner))
            continue
        key = _eval(node[4], inner)
        if isinstance(key, Unknown):
            return key
        value = _eval(node[5], inner)
        if node[7]:
            grouped.setdefault(_to_str(key), []).append(value)
        elif _to_str(key) in grouped:
            raise _Fail("duplicate key in for expression")
        else:
            grouped[_to_str(key)] = value
    return grouped if is_map else items


class _Bound(Scope):
    """A scope with the names of a ``for`` expression bound on top of its parent."""

    def __init__(self, parent: Scope, names: Mapping[str, Any]) -> None:
        self.parent, self.names = parent, names

    def root(self, name: str) -> Any:
        if name in self.names:
            return self.names[name]
        return self.parent.root(name)


# --- functions ----------------------------------------------------------------------------


def _call(name: str, arg_nodes: list[Any], expand: bool, scope: Scope) -> Any:
    if name == "try":
        for node in arg_nodes:
            try:
                value = _eval(node, scope)
            except (_Fail, ValueError, TypeError, ArithmeticError, IndexError, KeyError):
                continue
            return value  # an unknown value is what try() gives too
        raise _Fail("try: no argument succeeded")
    if name == "can":
        try:
            value = _eval(arg_nodes[0], scope)
        except (_Fail, ValueError, TypeError, ArithmeticError, IndexError, KeyError):
            return False
        return value if isinstance(value, Unknown) else True
    if name in _FILE_FUNCTIONS:
        return _file_function(name, [_eval(n, scope) for n in arg_nodes], scope)
    fn = _FUNCTIONS.get(name)
    if fn is None:
        return Unknown(f"{name}(...)")  # timestamp(), file(), a provider function...
    args = [_eval(n, scope) for n in arg_nodes]
    for a in args:
        if isinstance(a, Unknown):
            return a
    if expand and args:
        last = args.pop()
        if isinstance(last, Unknown):
            return last
        args.extend(last if isinstance(last, list) else [])
    for a in args:
        if _has_unknown(a) and name not in _UNKNOWN_TOLERANT:
            return a if isinstance(a, Unknown) else Unknown(f"{name}(...)")
    return fn(*args)


_FILE_FUNCTIONS = frozenset({"file", "fileexists", "templatefile"})


def _file_function(name: str, args: list[Any], scope: Scope) -> Any:
    """``file``, ``fileexists`` and ``templatefile``, reading through the scope. A template
    with interpolations or directives is not rendered: its value is unknown, with a digest of
    its text in the origin, so that a change to the file is a change of what uses it."""
    if not args or len(args) > 2:
        raise _Fail(f"{name}: wrong number of arguments")
    if isinstance(args[0], Unknown):
        return args[0]
    path = _to_str(args[0])
    text = scope.file_text(path)
    if name == "fileexists":
        return text if isinstance(text, Unknown) else text is not None
    if text is None:
        raise _Fail(f"{name}: no file {path}")
    if name == "file" or isinstance(text, Unknown) or ("${" not in text and "%{" not in text):
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Unknown(f"templatefile({path}) sha256:{digest}")


def _jsondecode(text: Any) -> Any:
    try:
        value = json.loads(_to_str(text))
    except (ValueError, RecursionError):
        raise _Fail("jsondecode: not JSON") from None
    return _sized(value)


def _yamldecode(text: Any) -> Any:
    import yaml

    try:
        value = yaml.load(_to_str(text), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        raise _Fail("yamldecode: not YAML") from None
    return _sized(value)


def _sized(value: Any) -> Any:
    """A decoded document with numbers as the evaluator holds them, refused past ``MAX_ITEMS``
    values (YAML aliases can make a small text a very large value)."""
    left = [MAX_ITEMS]

    def walk(v: Any, depth: int) -> Any:
        left[0] -= 1
        if left[0] < 0 or depth > 64:
            raise _Fail("decoded value too large")
        if isinstance(v, dict):
            return {_to_str(k): walk(x, depth + 1) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x, depth + 1) for x in v]
        if isinstance(v, float):
            return _tidy(v)
        if v is None or isinstance(v, bool | int | str):
            return v
        return str(v)  # a YAML date or binary: Terraform reads it as a string

    return walk(value, 0)


def _has_unknown(value: Any) -> bool:
    if isinstance(value, Unknown):
        return True
    if isinstance(value, list):
        return any(_has_unknown(v) for v in value)
    if isinstance(value, Mapping):
        return any(_has_unknown(v) for v in value.values())
    return False


def _bounded(items: list[Any]) -> list[Any]:
    if len(items) > MAX_ITEMS:
        raise _Fail("too many items")
    return items


def _length(v: Any) -> int:
    if isinstance(v, str | list | Mapping):
        return len(v)
    raise _Fail("length of a scalar")


def _lookup(m: Any, key: Any, *default: Any) -> Any:
    if not isinstance(m, Mapping):
        raise _Fail("lookup in a non-map")
    if _to_str(key) in m:
        return m[_to_str(key)]
    if isinstance(m, OpenMap):
        raise _Fail("lookup: a key only Terraform knows")  # a computed attribute, not absent
    if default:
        return default[0]
    raise _Fail("lookup: no such key")


def _coalesce(*args: Any) -> Any:
    for a in args:
        if a is not None and a != "":
            return a
    raise _Fail("coalesce: no non-empty argument")


def _merge(*maps: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in maps:
        if m is None:
            continue
        if not isinstance(m, Mapping):
            raise _Fail("merge of a non-map")
        out.update(m)
    return out


def _concat(*lists: Any) -> list[Any]:
    out: list[Any] = []
    for item in lists:
        if not isinstance(item, list):
            raise _Fail("concat of a non-list")
        out.extend(item)
    return _bounded(out)


def _toset(v: Any) -> list[Any]:
    if not isinstance(v, list):
        raise _Fail("toset of a non-list")
    seen: dict[str, Any] = {}
    for item in v:
        seen.setdefault(json.dumps(item, sort_keys=True, default=str), item)
    return [seen[k] for k in sorted(seen)]


def _flatten(v: Any) -> list[Any]:
    if not isinstance(v, list):
        raise _Fail("flatten of a non-list")
    out: list[Any] = []
    for item in v:
        out.extend(_flatten(item) if isinstance(item, list) else [item])
    return _bounded(out)


def _range(*args: Any) -> list[int]:
    nums = [_int(a) for a in args]
    if not 1 <= len(nums) <= 3:
        raise _Fail("range arity")
    r = range(*nums)
    if len(r) > MAX_ITEMS:
        raise _Fail("range too long")
    return list(r)


def _element(v: Any, i: Any) -> Any:
    if not isinstance(v, list) or not v:
        raise _Fail("element of an empty list")
    return v[_int(i) % len(v)]


def _slice(v: Any, a: Any, b: Any) -> list[Any]:
    if not isinstance(v, list) or not 0 <= _int(a) <= _int(b) <= len(v):
        raise _Fail("slice out of range")
    return v[_int(a) : _int(b)]


def _format(fmt: Any, *args: Any) -> str:
    text = _to_str(fmt)
    values = iter(args)

    def one(m: re.Match[str]) -> str:
        if m.group() == "%%":
            return "%"
        return _to_str(next(values))

    return re.sub(r"%%|%[-+# 0]*\d*(?:\.\d+)?[sdvfgtqx]", one, text)


def _one(v: Any) -> Any:
    if not isinstance(v, list) or len(v) > 1:
        raise _Fail("one: more than one element")
    return v[0] if v else None


def _zipmap(keys: Any, values: Any) -> dict[str, Any]:
    if not isinstance(keys, list) or not isinstance(values, list) or len(keys) != len(values):
        raise _Fail("zipmap of unequal lists")
    return {_to_str(k): v for k, v in zip(keys, values, strict=True)}


def _contains(v: Any, item: Any) -> bool:
    if not isinstance(v, list):
        raise _Fail("contains on a non-list")
    return any(_equal(x, item) for x in v)


def _map_of(v: Any) -> Mapping[str, Any]:
    if not isinstance(v, Mapping):
        raise _Fail("not a map")
    return v


def _substr(s: Any, offset: Any, length: Any) -> str:
    text, start, n = _to_str(s), _int(offset), _int(length)
    return text[start:] if n < 0 else text[start : start + n]


def _tobool(v: Any) -> bool | None:
    if v is None or isinstance(v, bool):
        return v
    if v in ("true", "false"):
        return bool(v == "true")
    raise _Fail("not a bool")


_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "abs": lambda x: abs(_num(x)),
    "ceil": lambda x: math.ceil(_num(x)),
    "coalesce": _coalesce,
    "coalescelist": lambda *ls: next((x for x in ls if isinstance(x, list) and x), []),
    "compact": lambda v: [x for x in v if x not in (None, "")],
    "concat": _concat,
    "contains": _contains,
    "distinct": lambda v: list({json.dumps(x, default=str): x for x in v}.values()),
    "element": _element,
    "endswith": lambda s, suffix: _to_str(s).endswith(_to_str(suffix)),
    "flatten": _flatten,
    "floor": lambda x: math.floor(_num(x)),
    "format": _format,
    "join": lambda sep, v: _to_str(sep).join(_to_str(x) for x in v),
    "jsondecode": _jsondecode,
    "keys": lambda m: sorted(_map_of(m)),
    "length": _length,
    "lookup": _lookup,
    "lower": lambda s: _to_str(s).lower(),
    "max": lambda *xs: _tidy(max(_num(x) for x in xs)),
    "merge": _merge,
    "min": lambda *xs: _tidy(min(_num(x) for x in xs)),
    "one": _one,
    "range": _range,
    "replace": lambda s, a, b: _to_str(s).replace(_to_str(a), _to_str(b)),
    "slice": _slice,
    "split": lambda sep, s: _to_str(s).split(_to_str(sep)),
    "startswith": lambda s, prefix: _to_str(s).startswith(_to_str(prefix)),
    "substr": _substr,
    "sum": lambda v: _tidy(sum(_num(x) for x in v)),
    "tobool": _tobool,
    "tolist": lambda v: list(v) if isinstance(v, list) else _toset(v),
    "tomap": lambda v: dict(_map_of(v)),
    "tonumber": lambda v: None if v is None else _num(v),
    "toset": _toset,
    "tostring": lambda v: None if v is None else _to_str(v),
    "trimspace": lambda s: _to_str(s).strip(),
    "upper": lambda s: _to_str(s).upper(),
    "values": lambda m: [m[k] for k in sorted(_map_of(m))],
    "yamldecode": _yamldecode,
    "zipmap": _zipmap,
}
# functions whose result stays meaningful with unknown elements inside a collection argument
# functions whose result is known when their arguments' structure is, whatever unknown values
# those hold (lookup and element return the one element asked for, unknown only if it is)
_UNKNOWN_TOLERANT = frozenset(
    {"length", "keys", "concat", "merge", "tolist", "toset", "tomap", "lookup", "element"}
)
