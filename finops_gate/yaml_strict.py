"""One YAML document read strictly and with bounds, for the files that steer the gate itself.

The config decides what blocks a merge, so a mistake in it must be an error, never a silent
loosening, and a hostile one must not hang the gate: a key written twice, a value YAML 1.1 turns
into a boolean (``no``, ``on``, ``y``), NaN or infinity, a number beyond any real quantity,
nesting deeper than ``MAX_DEPTH`` and aliases expanding to more than ``MAX_NODES`` nodes are all
a ``YamlProblem`` naming the line. Checks run on the parser's events and the composed node graph,
before any Python value is built.

The two bounds (``check_depth``, ``check_expanded_size``) are the only implementation: the
Kubernetes manifest reader (``sources/k8s_yaml.py``) calls them too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import yaml

MAX_DEPTH = 64
MAX_NODES = 100_000
MAX_NUMBER = 10**15  # larger than any price, quantity or threshold a config can mean
_BOOL_TAG = "tag:yaml.org,2002:bool"
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(ValueError):
    """What is wrong and where (``line`` is 1-based, 0 when unknown)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def load_strict(text: str) -> Any:
    """The single document of ``text`` as plain Python values, or YamlProblem / yaml.YAMLError."""
    check_depth(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_nodes(node)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    _check_numbers(data, node.start_mark.line + 1)
    return data


def check_depth(text: str) -> None:
    """YamlProblem when collections nest deeper than MAX_DEPTH; walks the parser's events
    (libyaml is iterative there), so no recursion and no value is built. Syntax errors
    propagate as yaml.YAMLError."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(_line(event), f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def check_expanded_size(root: Any) -> None:
    """YamlProblem when the composed document would have more than MAX_NODES nodes with every
    alias expanded ("billion laughs"): sizes are summed over the node graph, never expanded."""
    _walk(root, None)


def _check_nodes(root: Any) -> None:
    """Duplicate keys, YAML 1.1 booleans, and the expanded size."""
    _walk(root, _check_node)


def _walk(root: Any, visit: Callable[[Any], None] | None) -> None:
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes and not done:
            continue
        children = _children(node)
        if not done:
            if visit is not None:
                visit(node)
            sizes[id(node)] = 0
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        sizes[id(node)] = 1 + sum(sizes.get(id(c), 0) for c in children)
        if sizes[id(node)] > MAX_NODES:
            raise YamlProblem(
                _line(root), f"aliases expand to more than {MAX_NODES} nodes (an alias bomb?)"
            )


def _check_node(node: Any) -> None:
    if (
        isinstance(node, yaml.ScalarNode)
        and node.tag == _BOOL_TAG
        and node.value not in ("true", "false")
    ):
        raise YamlProblem(
            _line(node),
            f"{node.value!r} is read as a boolean by YAML; write true or false, "
            f"or quote it ('{node.value}') if you mean the word",
        )
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                name = (key.tag, key.value)
                if name in seen:
                    raise YamlProblem(_line(key), f"key {key.value!r} is written twice")
                seen.add(name)


def _check_numbers(data: Any, line: int) -> None:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, float) and not math.isfinite(value):
            raise YamlProblem(0, f"{value} is not a number a config can use")
        elif (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and abs(value) > MAX_NUMBER
        ):
            raise YamlProblem(0, f"{value:.3g} is larger than any real quantity")


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _line(item: Any) -> int:
    mark = getattr(item, "start_mark", None)
    return mark.line + 1 if mark is not None else 0
