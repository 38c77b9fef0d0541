"""Config files (YAML, JSON, TOML, .env) -> plain data plus the line of every key path.

Each reader returns a ``Parsed``: the documents as plain Python values and a ``line`` lookup for
a key path (a tuple of keys and list indexes). Line lookups for JSON and TOML are computed only
when asked, so a file without model settings costs one C-speed parse. Malformed input is an
InputError naming the file and line.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from finops_gate.errors import InputError
from finops_gate.sources.yaml_errors import yaml_input_error

KeyPath = tuple[str | int, ...]
MAX_NODES = 200_000  # a YAML alias bomb expands forever; real configs are far below this


@dataclass(slots=True)
class Parsed:
    """The documents of one file; ``line(path)`` is 1-based, or None when unknown."""

    docs: list[Any]
    _lines: dict[KeyPath, int] | None = None
    _compute: Callable[[], dict[KeyPath, int]] | None = field(default=None, repr=False)
    _find: Callable[[KeyPath], int | None] | None = field(default=None, repr=False)

    def line(self, path: KeyPath) -> int | None:
        if self._lines is None and self._find is not None:
            found = self._find(path)  # a key written once in the file: no full scan needed
            if found is not None:
                return found
        if self._lines is None:
            self._lines = self._compute() if self._compute is not None else {}
        # a value inside an inline table / flow list: the line of the nearest known parent
        for end in range(len(path), 0, -1):
            found = self._lines.get(path[:end])
            if found is not None:
                return found
        return None


# --- YAML -------------------------------------------------------------------------------------


@functools.cache
def _yaml_loader() -> Any:
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc]
        """Composes without PyYAML's Python-side tag resolution: ``_scalar`` types the few
        values it reads (plain integers, nulls, booleans) itself."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if isinstance(implicit, tuple):  # scalars: (plain, quoted)
                return _PLAIN_TAG if implicit[0] else _STR_TAG
            return _STR_TAG  # mappings and sequences: the tag is never read

    return Loader


def read_yaml(text: str, rel: str) -> Parsed:
    """Compose with PyYAML's C parser: plain values plus the start line of every node."""
    import yaml

    try:
        nodes = list(yaml.compose_all(text, Loader=_yaml_loader()))
    except yaml.YAMLError as exc:
        raise yaml_input_error(rel, exc, fix="fix the syntax") from None
    state = _Compose()
    docs = []
    for index, node in enumerate(nodes):
        prefix: KeyPath = (index,) if len(nodes) > 1 else ()
        docs.append(_plain(node, prefix, state, 0))
    return Parsed(docs, state.lines)


@dataclass(slots=True)
class _Compose:
    """The state of composing one YAML document: key lines, aliases, the node budget."""

    lines: dict[KeyPath, int] = field(default_factory=dict)
    # an aliased node becomes the same Python object again (as PyYAML's constructor does), so
    # an alias bomb costs one expansion per anchor, not one per reference
    memo: dict[int, Any] = field(default_factory=dict)
    budget: int = MAX_NODES


def _plain(node: Any, path: KeyPath, state: _Compose, depth: int) -> Any:
    import yaml

    state.budget -= 1
    if node is None or state.budget < 0 or depth > 64:
        return None
    if id(node) in state.memo:
        return state.memo[id(node)]
    lines = state.lines
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        state.memo[id(node)] = out
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = key_node.value
            if key == "<<":  # merge key: the merged mapping's keys, where they are written
                merged = _plain(value_node, path, state, depth + 1)
                for item in merged if isinstance(merged, list) else [merged]:
                    if isinstance(item, dict):
                        for k, v in item.items():
                            out.setdefault(k, v)
                continue
            lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _plain(value_node, (*path, key), state, depth + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        items: list[Any] = []
        state.memo[id(node)] = items
        items.extend(
            _plain(item, (*path, i), state, depth + 1) for i, item in enumerate(node.value)
        )
        return items
    return _scalar(node)


_PLAIN_TAG = "!plain"
_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
_FALSE = frozenset({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})
_INT = re.compile(r"[-+]?[0-9][0-9_]*\Z")


def _scalar(node: Any) -> Any:
    """A scalar's value: quoted ones and explicit ``!!str`` stay strings; plain integers,
    nulls and booleans are typed (YAML 1.1 core schema, as PyYAML's safe loader does)."""
    value: str = node.value
    if node.tag != _PLAIN_TAG:
        return value
    if value in _NULLS:
        return None
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    if _INT.match(value):
        return int(value.replace("_", ""))
    return value


# --- JSON -------------------------------------------------------------------------------------


def read_json(text: str, rel: str) -> Parsed:
    """Strict JSON. A ``.jsonc`` file, or one with comments, is read as JSONC (``//`` and
    ``/* */`` comments and trailing commas, as VS Code and devcontainer settings write them);
    a trailing comma alone in a ``.json`` file is malformed, as the application would find."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        jsonc = rel.lower().endswith(".jsonc") or _JSON_COMMENT.search(text) is not None
        relaxed = jsonc_to_json(text) if jsonc else text
        try:
            data = json.loads(relaxed) if relaxed != text else None
        except (json.JSONDecodeError, RecursionError):
            relaxed = text
        if relaxed == text:
            raise InputError(
                f"{rel}:{exc.lineno}: not valid JSON ({exc.msg}); fix the syntax"
            ) from None
        text = relaxed
    except RecursionError:
        raise InputError(f"{rel}: JSON nested too deeply to be a config file") from None
    return Parsed(
        [data], _compute=lambda: json_lines(text), _find=lambda p: _json_key_line(text, p)
    )


def _json_key_line(text: str, path: KeyPath) -> int | None:
    """The line of ``path``'s last key when that key is written exactly once in ``text``."""
    key = path[-1] if path else None
    if not isinstance(key, str):
        return None
    quoted = json.dumps(key)
    first = text.find(quoted + ":")
    if first < 0 or text.find(quoted, first + 1) >= 0:
        return None
    return text.count("\n", 0, first) + 1


# a comment outside strings: a string, or the start of a comment, whichever comes first
_JSON_COMMENT = re.compile(r'^(?:[^"/\n]|"(?:[^"\\\n]|\\.)*")*?(?://|/\*)', re.M)
# JSONC pieces, each matched in linear time: a string (or an unterminated one to the end of
# its line), a line comment, a block comment (or an unterminated one to the end), a comma or a
# closer, or a run of anything else
_JSONC_PART = re.compile(
    r'"(?:[^"\\\n]|\\.)*"?|//[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/)?|[,}\]]|[^"/,}\]]+|/'
)


def jsonc_to_json(text: str) -> str:
    """JSONC -> JSON of the same lines: comments and trailing commas become blanks (strings
    are left alone, newlines kept, so line numbers hold). One pass, linear in the text."""
    out: list[str] = []
    comma: int | None = None  # where the last comma is, while only blanks follow it
    for m in _JSONC_PART.finditer(text):
        tok = m.group()
        first = tok[0]
        if first == "/" and tok[1:2] in ("/", "*"):
            out.append(re.sub(r"[^\n]", " ", tok))
            continue
        if first == ",":
            comma = len(out)
        elif first in "}]":
            if comma is not None:
                out[comma] = " "
            comma = None
        elif not tok.isspace():
            comma = None
        out.append(tok)
    return "".join(out)


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def json_lines(text: str) -> dict[KeyPath, int]:
    """The line of every key and list item in valid JSON ``text`` (one regex pass)."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    lines: dict[KeyPath, int] = {}
    # stack of [container kind, current key or index, expecting-a-key]
    stack: list[list[Any]] = []
    path: list[str | int] = []
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        line = bisect.bisect_right(newlines, m.start()) + 1
        top = stack[-1] if stack else None
        if tok in "{[":
            if top is not None and top[0] == "[":
                lines.setdefault((*path, top[1]), line)
            stack.append([tok, 0 if tok == "[" else None, tok == "{"])
            if top is not None:
                path.append(top[1])
        elif tok in "}]":
            stack.pop()
            if stack:
                path.pop()
        elif tok == ":":
            if top is not None:
                top[2] = False
        elif tok == ",":
            if top is not None:
                if top[0] == "[":
                    top[1] += 1
                else:
                    top[2] = True
        elif top is not None and top[0] == "{" and top[2]:
            top[1] = json.loads(tok) if tok.startswith('"') else tok
            lines[(*path, top[1])] = line
        elif top is not None and top[0] == "[":
            lines.setdefault((*path, top[1]), line)
    return lines


# --- TOML -------------------------------------------------------------------------------------

_TOML_LINE = re.compile(r"\(at line (\d+)")
_TOML_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(
    r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*="""
)
_TOML_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.|$)""")


def read_toml(text: str, rel: str) -> Parsed:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        where = f":{found.group(1)}" if found else ""
        message = _TOML_LINE.split(str(exc))[0].strip().rstrip("(").strip() or "syntax error"
        raise InputError(f"{rel}{where}: not valid TOML ({message}); fix the syntax") from None
    return Parsed([data], _compute=lambda: toml_lines(text))


def _toml_parts(dotted: str) -> list[str]:
    return [p.strip("\"'") for p in _TOML_PART.findall(dotted)]


def toml_lines(text: str) -> dict[KeyPath, int]:
    """The line of each table header and ``key =`` line (multi-line strings are skipped)."""
    lines: dict[KeyPath, int] = {}
    table: KeyPath = ()
    arrays: dict[KeyPath, int] = {}
    in_string: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if in_string in raw:
                in_string = None
            continue
        header = _TOML_HEADER.match(raw)
        if header:
            parts = _toml_parts(header.group(2))
            if header.group(1) == "[[":
                name = (*_resolve(parts[:-1], arrays), parts[-1])
                arrays[name] = arrays.get(name, -1) + 1
                table = (*name, arrays[name])
            else:
                table = _resolve(parts, arrays)
            lines.setdefault(table, number)
            continue
        key = _TOML_KEY.match(raw)
        if key:
            lines.setdefault((*table, *_toml_parts(key.group(1))), number)
            rest = raw[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) == 1:
                    in_string = quote
    return lines


def _resolve(parts: list[str], arrays: dict[KeyPath, int]) -> KeyPath:
    """``[a.b]`` under ``[[a]]`` means table ``b`` of the last element of array ``a``."""
    out: list[str | int] = []
    for part in parts:
        out.append(part)
        index = arrays.get(tuple(out))
        if index is not None:
            out.append(index)
    return tuple(out)


# --- .env -------------------------------------------------------------------------------------

_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$")


def read_env(text: str, rel: str) -> Parsed:
    """``KEY=value`` lines (``export``, quotes, comments, multi-line double quotes)."""
    data: dict[str, str] = {}
    lines: dict[KeyPath, int] = {}
    it = iter(enumerate(text.splitlines(), start=1))
    for number, raw in it:
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = _ENV_LINE.match(raw)
        if m is None:
            raise InputError(
                f"{rel}:{number}: not a KEY=value line; fix it or quote the value (.env syntax)"
            )
        key, value = m.group(1), m.group(2).strip()
        if value[:1] in ("'", '"'):
            value = _quoted(value, it, rel, number)
        else:
            value = re.split(r"\s+#", value, maxsplit=1)[0].strip()
        data[key] = value
        lines[(key,)] = number
    return Parsed([data], lines)


def _quoted(value: str, it: Iterator[tuple[int, str]], rel: str, number: int) -> str:
    quote = value[0]
    body = value[1:]
    while True:
        end = _closing(body, quote)
        if end is not None:
            return body[:end]
        if quote == "'":
            break
        nxt = next(it, None)
        if nxt is None:
            break
        body += "\n" + nxt[1]
    raise InputError(f"{rel}:{number}: unterminated {quote} quote; close the quoted value")


def _closing(body: str, quote: str) -> int | None:
    i = 0
    while i < len(body):
        if body[i] == "\\" and quote == '"':
            i += 2
            continue
        if body[i] == quote:
            return i
        i += 1
    return None


READERS: dict[str, Callable[[str, str], Parsed]] = {
    "yaml": read_yaml,
    "json": read_json,
    "toml": read_toml,
    "env": read_env,
}


def file_format(rel: str) -> str | None:
    """The reader for a path by its name, or None when it is not a config file we read."""
    name = rel.rsplit("/", 1)[-1].lower()
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    if name.endswith((".json", ".jsonc")):
        return "json"
    if name.endswith(".toml"):
        return "toml"
    if name == ".env" or name.endswith(".env"):
        return "env"
    if name.startswith(".env.") and not name.endswith((".example", ".sample", ".template")):
        return "env"
    return None
