"""A directory tree read safely: no escaping symlinks, no huge files, no vendored noise."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from finops_gate.errors import InputError

MAX_FILE_BYTES = 5 * 1024 * 1024  # config files and manifests are small; larger ones are skipped

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".terraform",
        ".venv",
        "venv",
        "env",
        ".tox",
        ".nox",
        "node_modules",
        "vendor",
        "third_party",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
        "dist",
        "build",
        ".idea",
        ".vscode",
        ".cache",
    }
)


@dataclass(frozen=True)
class Tree:
    """One side of the change: a directory whose files are addressed relative to its root."""

    root: Path
    _listing: list[tuple[str, int]] = field(default_factory=list, compare=False, repr=False)
    skipped: list[str] = field(default_factory=list, compare=False, repr=False)
    _known_set: frozenset[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", self.root.resolve())

    def files(self) -> list[str]:
        """Repo-relative POSIX paths of the regular files inside the tree, sorted."""
        return [rel for rel, _ in self._walk()]

    def sized_files(self) -> list[tuple[str, int]]:
        return list(self._walk())

    def _walk(self) -> list[tuple[str, int]]:
        if self._listing:
            return self._listing
        out: list[tuple[str, int]] = []
        root = str(self.root)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(
                d
                for d in dirnames
                if d not in SKIP_DIRS
                and not d.endswith(".egg-info")
                and not os.path.islink(os.path.join(dirpath, d))
            )
            for name in filenames:
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                if os.path.islink(full) and not self._inside(full):
                    self.skipped.append(f"{rel}: symlink to outside the tree, not read")
                    continue
                try:
                    st = os.stat(full)
                except OSError:
                    continue
                out.append((rel, st.st_size))
        out.sort()
        self._listing.extend(out)
        return self._listing

    def _known(self) -> frozenset[str]:
        known = self._known_set
        if known is None or len(known) != len(self._walk()):
            known = frozenset(rel for rel, _ in self._walk())
            object.__setattr__(self, "_known_set", known)
        return known

    def _inside(self, full: str) -> bool:
        real = os.path.realpath(full)
        return real == str(self.root) or real.startswith(str(self.root) + os.sep)

    def glob(self, patterns: Iterable[str]) -> list[str]:
        """Files matching any of ``patterns`` (``**`` spans directories)."""
        pats = list(patterns)
        return [rel for rel in self.files() if any(glob_match(rel, p) for p in pats)]

    def path(self, rel: str) -> Path:
        full = self.root / rel
        if rel in self._known():
            return full  # listed by the walk, which already refused escaping symlinks
        if not self._inside(str(full)):
            raise InputError(f"{rel}: points outside the tree; not read")
        return full

    def read_bytes(self, rel: str, *, limit: int = MAX_FILE_BYTES) -> bytes:
        full = self.path(rel)
        try:
            size = full.stat().st_size
            if size > limit:
                raise InputError(
                    f"{rel}: {size // 2**20} MB is larger than the {limit // 2**20} MB limit "
                    "for source files; exclude it with sources.*.paths"
                )
            return full.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{rel}: file not found") from None
        except IsADirectoryError:
            raise InputError(f"{rel}: is a directory, expected a file") from None
        except PermissionError:
            raise InputError(f"{rel}: permission denied") from None

    def read_text(self, rel: str, *, limit: int = MAX_FILE_BYTES) -> str:
        data = self.read_bytes(rel, limit=limit)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{rel}: not UTF-8 text (byte {exc.start}); save it as UTF-8"
            ) from None


@functools.cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Glob with path semantics: ``*`` and ``?`` stay inside one directory, ``**/`` spans any."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(rel: str, pattern: str) -> bool:
    """Whether repo-relative ``rel`` matches glob ``pattern`` (``k8s/**/*.yaml``, ``*.env``)."""
    return _glob_regex(pattern.removeprefix("./")).match(rel) is not None
