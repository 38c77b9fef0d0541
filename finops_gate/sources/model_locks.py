"""Which version of each LLM client library a tree pins, from its lock and requirements files.

A call that relies on a library's default model changes cost when the library changes its
default, which happens in a version bump: the unpinned site records the pinned version, so a
bump is a change of that site. Read: ``requirements*.txt`` (``name==version``), ``poetry.lock``,
``uv.lock``, ``pdm.lock`` (TOML ``[[package]]``), ``Pipfile.lock``, ``package-lock.json``,
``pnpm-lock.yaml``, ``yarn.lock`` (classic and Berry). Only the packages asked for are kept; a
lock file that does not parse is skipped with a note (it cannot hide a setting, only the version
beside it).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable

from finops_gate.errors import InputError
from finops_gate.sources.tree import Tree

_TOML_LOCKS = frozenset({"poetry.lock", "uv.lock", "pdm.lock"})
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([^\s;#\\]+)")
_PNPM_LINE = re.compile(r"""^\s+['"]?/?(@?[\w.-]+(?:/[\w.-]+)?)[@/](\d[^'"():\s]*)['"]?:""")


def lock_file(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1].lower()
    return (
        (name.startswith("requirements") and name.endswith(".txt"))
        or name in _TOML_LOCKS
        or name in ("pipfile.lock", "package-lock.json", "pnpm-lock.yaml", "yarn.lock")
    )


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def versions(tree: Tree, wanted: Iterable[str]) -> dict[str, str]:
    """``{package: version}`` for the wanted packages pinned anywhere in the tree."""
    want = {normalize(p) for p in wanted}
    out: dict[str, str] = {}
    for rel in tree.files():
        if not lock_file(rel):
            continue
        try:
            text = tree.read_text(rel)
        except InputError as exc:
            tree.skipped.append(str(exc))
            continue
        try:
            pairs = list(_pairs(rel.rsplit("/", 1)[-1].lower(), text))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            tree.skipped.append(f"{rel}: lock file not understood, client versions not read")
            continue
        for name, version in pairs:
            key = normalize(name)
            if key in want:
                out.setdefault(key, version)
    return out


def _pairs(name: str, text: str) -> Iterable[tuple[str, str]]:
    if name.endswith(".txt"):
        for line in text.splitlines():
            m = _REQUIREMENT.match(line)
            if m:
                yield m.group(1), m.group(2)
    elif name in _TOML_LOCKS:
        for pkg in tomllib.loads(text).get("package", []):
            yield str(pkg["name"]), str(pkg["version"])
    elif name == "pipfile.lock":
        data = json.loads(text)
        for section in ("default", "develop"):
            for pkg, info in (data.get(section) or {}).items():
                yield pkg, str(info.get("version", "")).lstrip("=")
    elif name == "package-lock.json":
        data = json.loads(text)
        for path, info in (data.get("packages") or {}).items():
            if path.startswith("node_modules/") and isinstance(info, dict):
                yield path.rsplit("node_modules/", 1)[-1], str(info.get("version", ""))
        for pkg, info in (data.get("dependencies") or {}).items():
            if isinstance(info, dict):
                yield pkg, str(info.get("version", ""))
    elif name == "pnpm-lock.yaml":
        yield from _pnpm(text)
    elif name == "yarn.lock":
        yield from _yarn(text)


def _pnpm(text: str) -> Iterable[tuple[str, str]]:
    # line by line, not a YAML load: a lock file is PR-controlled and large
    for line in text.splitlines():
        m = _PNPM_LINE.match(line)
        if m:
            yield m.group(1), m.group(2)


_YARN_VERSION = re.compile(r"""^\s+version:?\s+['"]?([^'"\s]+)""")


def _yarn(text: str) -> Iterable[tuple[str, str]]:
    """``"@scope/pkg@^1.0.0", "@scope/pkg@npm:^1.2.0":`` then an indented ``version "1.2.3"``
    (classic) or ``version: 1.2.3`` (Berry); line by line, like pnpm."""
    names: list[str] = []
    for line in text.splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            names = [_yarn_name(spec) for spec in line.rstrip()[:-1].split(",")]
        elif names and (m := _YARN_VERSION.match(line)):
            for name in dict.fromkeys(n for n in names if n):
                yield name, m.group(1)
            names = []


def _yarn_name(spec: str) -> str:
    spec = spec.strip().strip('"').strip("'")
    at = spec.find("@", 1)  # a scoped name starts with its own "@"
    return spec[:at] if at > 0 else ""
