"""TypeScript / JavaScript path aliases: which file of the tree an import like ``"@app/llm"``
stands for, as the compiler resolves it.

The nearest ``tsconfig.json`` or ``jsconfig.json`` above the importing file (its directory, then
each parent up to the root) gives ``compilerOptions.paths`` (``"@app/*": ["src/app/*"]``: an
exact pattern wins, else the wildcard with the longest prefix; each target is tried in order)
and ``baseUrl`` (a bare ``"lib/llm"`` is ``<baseUrl>/lib/llm``). ``paths`` are relative to
``baseUrl`` when it is set, else to the config file that declares them; ``extends`` to a
relative file is followed (a child's own ``paths`` or ``baseUrl`` win). Without a config, ``@/``
and ``~/`` (the usual root aliases of Vite, Nuxt and Next.js) stand for a folder anywhere.
Bounded: at most ``MAX_EXTENDS`` configs in a chain and ``MAX_PATTERNS`` patterns; a config
that cannot be read or parsed gives no aliases (noted once); a target outside the tree is never
a file of it.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from finops_gate.errors import InputError
from finops_gate.sources.model_files import jsonc_to_json
from finops_gate.sources.tree import Tree

CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")
MAX_EXTENDS = 5
MAX_PATTERNS = 500
MAX_CONFIG_BYTES = 1024 * 1024
ROOT_ALIASES = ("@/", "~/")


@dataclass(frozen=True, slots=True)
class Aliases:
    """The path mapping of one config: tree-relative directories, patterns in file order."""

    base_url: str | None  # directory bare imports resolve from (``baseUrl``), or None
    paths_root: str  # directory the ``paths`` targets are relative to
    patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def stems(self, module: str) -> list[str]:
        """The tree-relative paths (without extension) ``module`` can stand for, in order."""
        best: tuple[int, str, tuple[str, ...]] | None = None
        for pattern, targets in self.patterns:
            if pattern == module:
                best = (len(pattern) + 1, "", targets)  # an exact pattern beats any wildcard
                break
            prefix, star, suffix = pattern.partition("*")
            if (
                star
                and len(module) >= len(prefix) + len(suffix)
                and module.startswith(prefix)
                and module.endswith(suffix)
                and (best is None or len(prefix) > best[0])
            ):
                best = (len(prefix), module[len(prefix) : len(module) - len(suffix)], targets)
        if best is not None:
            _, matched, targets = best
            return [_inside(self.paths_root, t.replace("*", matched, 1)) for t in targets]
        if self.base_url is not None:
            return [_inside(self.base_url, module)]
        return []


def _inside(directory: str, rel: str) -> str:
    """``directory/rel`` normalised; ``..`` out of the tree stays visible as a leading ``../``."""
    joined = posixpath.normpath(posixpath.join(directory or ".", rel))
    return "" if joined == "." else joined


class PathAliases:
    """The aliases each file of one tree sees, read once per directory."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self._by_dir: dict[str, Aliases | None] = {}
        self._configs: dict[str, Mapping[str, Any] | None] = {}

    def for_file(self, rel: str) -> Aliases | None:
        return self._for_dir(posixpath.dirname(rel))

    def _for_dir(self, directory: str) -> Aliases | None:
        if directory in self._by_dir:
            return self._by_dir[directory]
        found: Aliases | None = None
        for name in CONFIG_NAMES:
            config = f"{directory}/{name}" if directory else name
            if self._exists(config):
                found = self._aliases(config)
                break
        else:
            if directory:
                found = self._for_dir(posixpath.dirname(directory))
        self._by_dir[directory] = found
        return found

    def _exists(self, rel: str) -> bool:
        try:
            return self.tree.is_file(rel)
        except (InputError, OSError):
            return False

    def _aliases(self, config: str) -> Aliases:
        """``baseUrl`` and ``paths`` of ``config``, each from the nearest file of its
        ``extends`` chain that sets it."""
        base_url: str | None = None
        paths: tuple[str, Mapping[str, Any]] | None = None
        current: str | None = config
        for _ in range(MAX_EXTENDS):
            if current is None:
                break
            doc = self._read(current)
            options = doc.get("compilerOptions") if doc is not None else None
            here = posixpath.dirname(current)
            if isinstance(options, dict):
                if base_url is None and isinstance(options.get("baseUrl"), str):
                    base_url = _inside(here, options["baseUrl"])
                if paths is None and isinstance(options.get("paths"), dict):
                    paths = (here, options["paths"])
            current = _extended(here, doc.get("extends") if doc is not None else None)
            if current is not None and not self._exists(current):
                current = None  # a package's config ("@tsconfig/node20"): no paths of ours
        patterns: list[tuple[str, tuple[str, ...]]] = []
        if paths is not None:
            for pattern, targets in list(paths[1].items())[:MAX_PATTERNS]:
                if isinstance(targets, list) and pattern.count("*") <= 1:
                    kept = tuple(
                        t for t in targets[:16] if isinstance(t, str) and t.count("*") <= 1
                    )
                    patterns.append((pattern, kept))
        root = base_url if base_url is not None else (paths[0] if paths is not None else "")
        return Aliases(base_url, root, tuple(patterns))

    def _read(self, rel: str) -> Mapping[str, Any] | None:
        if rel in self._configs:
            return self._configs[rel]
        doc: Mapping[str, Any] | None = None
        try:
            data = self.tree.read_bytes(rel, limit=MAX_CONFIG_BYTES)
            parsed = json.loads(jsonc_to_json(self.tree.text_of(rel, data)))
            doc = parsed if isinstance(parsed, dict) else None
        except (InputError, ValueError, RecursionError):
            doc = None
        if doc is None:
            self.tree.skipped.append(
                f"{rel}: not a readable JSON config; its path aliases are not followed when "
                "finding the callers of a model wrapper"
            )
        self._configs[rel] = doc
        return doc


def _extended(here: str, value: Any) -> str | None:
    """The tree-relative file a relative ``extends`` names (the first, if a list)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str) or not value.startswith("."):
        return None
    target = _inside(here, value)
    return target if target.endswith(".json") else f"{target}.json"


def candidate_stems(aliases: Aliases | None, module: str) -> tuple[list[str], bool]:
    """The stems a non-relative ``module`` can stand for, and whether they may sit in any
    folder (a root alias with no config that maps it)."""
    if aliases is not None:
        stems = [s for s in aliases.stems(module) if s and not s.startswith("../")]
        if stems:
            return stems, False
    if module.startswith(ROOT_ALIASES):
        return [module[2:]], True
    return [], False
