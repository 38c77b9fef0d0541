"""A directory tree read safely, in one place that decides what every source may read.

Every source reads its files through ``Tree.read_bytes`` / ``Tree.read_text``. A file a source
asked for and that cannot be read -- not UTF-8 (nor UTF-16/32 with a byte-order mark), over the
size limit, binary, a directory, FIFO or device in its place, a symlink loop, dangling or pointing
out of the tree, permission denied -- is recorded in ``Tree.unreadable`` before the InputError is
raised. ``unreadable_verdict(base, head)`` then fails closed: a file unreadable in the head that
is not the same unreadable file in the base is an error (its resources would otherwise look
deleted); the same file unreadable on both sides is only a note. Nothing blocks on a FIFO: only
regular files are opened, and without waiting.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finops_gate.errors import InputError

# what a Helm chart or kustomize overlay renders is read as the file "<directory> (rendered)"
RENDERED_SUFFIX = " (rendered)"
MAX_FILE_BYTES = 5 * 1024 * 1024  # config files and manifests are small; larger ones are refused

# Directories that cannot hold the sources of a change: version-control data, caches, and trees
# written by tools. Everything else is read (``env/``, ``build/``, ``dist/``, ``vendor/`` can hold
# real roots). A directory holding ``pyvenv.cfg`` is a Python virtualenv, whatever its name.
# ``sources.skip_dirs`` in the config replaces this list.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".terraform",
        ".terragrunt-cache",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        ".nox",
    }
)
_VCS_DIRS = frozenset({".git", ".hg", ".svn"})
_VENV_MARKER = "pyvenv.cfg"
_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file a source asked for and could not read; ``fingerprint`` identifies what is there."""

    rel: str
    reason: str
    fingerprint: str
    soft: bool = False  # read by another means (a chart template): an error only if it held any


@dataclass(frozen=True)
class Tree:
    """One side of the change: a directory whose files are addressed relative to its root.

    ``skip_dirs`` names the directories never entered (default ``SKIP_DIRS``) and ``exclude``
    the files never read; each directory or file left out is listed in ``skipped``, so the
    report says what was not read.
    """

    root: Path
    skip_dirs: frozenset[str] = SKIP_DIRS
    exclude: tuple[str, ...] = ()  # globs of files no source reads (``sources.exclude``)
    submodules: frozenset[str] = frozenset()  # git submodule paths: not part of this change
    # the files a change touches (``scope.closure``): only these are listed, found by path
    # instead of walking the whole tree; None lists everything
    only: frozenset[str] | None = None
    # Terraform directories among ``only`` that a directory left out calls as a module
    # (``scope.Scope.called_unread``): modules, not roots
    called_unread: frozenset[str] = frozenset()
    _listing: list[str] = field(default_factory=list, compare=False, repr=False)
    skipped: list[str] = field(default_factory=list, compare=False, repr=False)
    unreadable: dict[str, Unreadable] = field(default_factory=dict, compare=False, repr=False)
    # charts and overlays their tool failed on, and why (``k8s_render``)
    failed_renders: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # the other side of the change: its listing's path strings are reused for the paths both
    # list (a whole tree's ten thousand paths are held once, not once per side)
    paths_of: Tree | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", self.root.resolve())

    def files(self) -> list[str]:
        """Repo-relative POSIX paths of the files inside the tree, sorted.

        Besides regular files this lists what stands where a file could be (a symlink, a FIFO,
        a device): a source that wants one of them learns from ``read_bytes`` why it cannot be
        read, so it is never silently absent."""
        return list(self._walk())

    def _walk(self) -> list[str]:
        if self._listing:
            return self._listing
        if self.only is not None:
            self._listing.extend(self._listed(self.only))
            return self._listing
        out: list[str] = []
        root = str(self.root)
        cut = len(root) if root.endswith(os.sep) else len(root) + 1
        for dirpath, dirnames, filenames in os.walk(root):
            kept = []
            # the path below the root, by slicing (os.path.relpath per file costs more than
            # the walk itself on a large tree)
            here = dirpath[cut:].replace(os.sep, "/")
            prefix = f"{here}/" if here else ""
            for d in sorted(dirnames):
                full = os.path.join(dirpath, d)
                rel = prefix + d
                if rel in self.submodules:
                    self.skipped.append(f"{rel}/: a git submodule, not read")
                elif d in self.skip_dirs or d.endswith(".egg-info"):
                    if d not in _VCS_DIRS:  # never sources: not worth a note in every report
                        self.skipped.append(f"{rel}/: directory skipped (sources.skip_dirs)")
                elif os.path.islink(full):
                    # never followed: a link can loop or leave the tree; what it points to
                    # inside the tree is read at its own path
                    self.skipped.append(f"{rel}/: symlink to a directory, not followed")
                elif os.path.isfile(os.path.join(full, _VENV_MARKER)):
                    self.skipped.append(f"{rel}/: a Python virtualenv, skipped")
                else:
                    kept.append(d)
            dirnames[:] = kept
            for name in filenames:
                full = os.path.join(dirpath, name)
                rel = prefix + name
                if self.exclude and any(glob_match(rel, p) for p in self.exclude):
                    self.skipped.append(f"{rel}: excluded (sources.exclude)")
                    continue
                # listed as it stands (a dangling link, a FIFO): read_bytes says why not
                out.append(rel)
        out.sort()
        if self.paths_of is not None and self.paths_of is not self:
            out = _shared_paths(out, self.paths_of._walk())
        self._listing.extend(out)
        return self._listing

    def _listed(self, wanted: Iterable[str]) -> list[str]:
        """What the walk would list of ``wanted``: each path checked where it stands, with the
        walk's rules for the directories above it (skipped, symlinked, a virtualenv)."""
        out: list[str] = []
        verdicts: dict[str, bool] = {}
        root = str(self.root)
        for sub in sorted(self.submodules):  # said as the walk says it, read or not
            if os.path.isdir(os.path.join(root, *sub.split("/"))):
                self._enter(sub, verdicts)
        for rel in sorted(wanted):
            parts = rel.split("/")
            if any(p in ("", ".", "..") for p in parts) or not all(
                self._enter("/".join(parts[: i + 1]), verdicts) for i in range(len(parts) - 1)
            ):
                continue
            if self.exclude and any(glob_match(rel, p) for p in self.exclude):
                self.skipped.append(f"{rel}: excluded (sources.exclude)")
                continue
            full = os.path.join(root, *parts)
            try:
                lst = os.lstat(full)
            except OSError:
                continue  # not on this side
            if stat.S_ISDIR(lst.st_mode) or (stat.S_ISLNK(lst.st_mode) and os.path.isdir(full)):
                continue  # a directory (or a link to one) is no file; the walk lists neither
            out.append(rel)
        return out

    def _enter(self, rel: str, verdicts: dict[str, bool]) -> bool:
        """Whether the walk enters directory ``rel`` (noting why not, as the walk does)."""
        known = verdicts.get(rel)
        if known is not None:
            return known
        full = os.path.join(str(self.root), *rel.split("/"))
        name = rel.rsplit("/", 1)[-1]
        ok = False
        if rel in self.submodules:
            self.skipped.append(f"{rel}/: a git submodule, not read")
        elif name in self.skip_dirs or name.endswith(".egg-info"):
            if name not in _VCS_DIRS:
                self.skipped.append(f"{rel}/: directory skipped (sources.skip_dirs)")
        elif os.path.islink(full):
            self.skipped.append(f"{rel}/: symlink to a directory, not followed")
        elif os.path.isfile(os.path.join(full, _VENV_MARKER)):
            self.skipped.append(f"{rel}/: a Python virtualenv, skipped")
        else:
            ok = os.path.isdir(full)
        verdicts[rel] = ok
        return ok

    def _listed_here(self, rel: str) -> bool:
        """Whether the listing holds ``rel``: looked up in the sorted listing itself (a set of
        it beside the listing would double what a tree of many files holds)."""
        listing = self._walk()
        i = bisect.bisect_left(listing, rel)
        return i < len(listing) and listing[i] == rel

    def _inside(self, full: str) -> bool:
        real = os.path.realpath(full)
        return real == str(self.root) or real.startswith(str(self.root) + os.sep)

    def glob(self, patterns: Iterable[str]) -> list[str]:
        """Files matching any of ``patterns`` (``**`` spans directories)."""
        pats = list(patterns)
        return [rel for rel in self.files() if any(glob_match(rel, p) for p in pats)]

    def path(self, rel: str) -> Path:
        full = self.root / rel
        if self._listed_here(rel):
            return full
        if not self._inside(str(full)):
            raise InputError(f"{rel}: points outside the tree; not read")
        return full

    def is_file(self, rel: str) -> bool:
        """``path(rel).is_file()`` (InputError for a path out of the tree), without a path
        object: one per file of a large tree interns each of its parts for the rest of the
        process (a directory and file name each)."""
        full = os.path.join(str(self.root), rel)
        if not self._listed_here(rel) and not self._inside(full):
            raise InputError(f"{rel}: points outside the tree; not read")
        return os.path.isfile(full)

    def read_bytes(self, rel: str, *, limit: int = MAX_FILE_BYTES) -> bytes:
        """The bytes of ``rel``, or InputError (recorded in ``unreadable``) saying why not."""
        try:
            return self._read(rel, limit)
        except _Refused as exc:
            self.unreadable[rel] = Unreadable(rel, exc.reason, exc.fingerprint)
            raise InputError(f"{rel}: {exc.reason}") from None

    def read_text(self, rel: str, *, limit: int = MAX_FILE_BYTES) -> str:
        """The text of ``rel``: UTF-8, or UTF-16/32 with a byte-order mark (YAML and JSON allow
        them; re-encoding a file never changes what is read). Anything else is unreadable."""
        return self.text_of(rel, self.read_bytes(rel, limit=limit))

    def text_of(self, rel: str, data: bytes) -> str:
        """``data`` (the bytes of ``rel``) as text; InputError, recorded, when it is not text."""
        try:
            return decode(data)
        except UnicodeDecodeError as exc:
            reason = f"not UTF-8 text (byte {exc.start}); save it as UTF-8"
        except ValueError:
            reason = "a binary file (NUL bytes), not text"
        self.unreadable[rel] = Unreadable(rel, reason, _digest(data))
        raise InputError(f"{rel}: {reason}")

    def kind_at(self, rel: str) -> str | None:
        """What stands at ``rel`` when it is not a file a source can open, else None."""
        try:
            st = os.stat(os.path.join(str(self.root), *rel.split("/")))
        except OSError:
            return None  # absent (deleted), or listed and refused by read_bytes
        return None if stat.S_ISREG(st.st_mode) else _KINDS.get(stat.S_IFMT(st.st_mode), "special")

    def unreadable_soft(self, rel: str, reason: str, data: bytes) -> None:
        """Record ``rel`` as not read for a reason that is no error by itself (a template): the
        check fails only if the base held resources in it."""
        self.unreadable[rel] = Unreadable(rel, reason, _digest(data), soft=True)

    def unreadable_directory(self, directory: str, reason: str, content: str = "") -> None:
        """Record that what ``directory`` holds is unknown (a chart or overlay not rendered):
        the check fails only if the base held resources in files below it. ``content``, a
        digest of its files, tells the same directory on both sides from a changed one."""
        prefix = "" if directory in ("", ".") else directory.rstrip("/") + "/"
        self.unreadable[prefix or "./"] = Unreadable(
            prefix or "./", reason, _digest(f"{reason}\0{content}".encode()), soft=True
        )

    def _read(self, rel: str, limit: int) -> bytes:
        full = os.path.join(str(self.root), *rel.split("/"))
        try:
            lst = os.lstat(full)
        except FileNotFoundError:
            raise _Refused("file not found", "absent") from None
        except OSError as exc:
            raise _Refused(f"cannot be read ({exc.strerror})", "error") from None
        target = full
        if stat.S_ISLNK(lst.st_mode):
            link = os.readlink(full)
            try:
                target = os.path.realpath(full, strict=True)
            except FileNotFoundError:
                raise _Refused(f"a dangling symlink (to {link})", f"link:{link}") from None
            except (OSError, RuntimeError):
                raise _Refused(f"a symlink loop (to {link})", f"link:{link}") from None
            if not self._inside(target):
                raise _Refused("a symlink to outside the tree", f"link:{link}")
        # O_NONBLOCK: should the path become a FIFO after the check, open and read never wait
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        try:
            st = os.stat(target)
            if not stat.S_ISREG(st.st_mode):
                what = _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
                raise _Refused(f"{what}, not a regular file", f"kind:{what}")
            if st.st_size > limit:
                raise _Refused(_too_large(st.st_size, limit), _file_digest(target))
            fd = os.open(target, flags)
        except PermissionError:
            raise _Refused("permission denied", "denied") from None
        except OSError as exc:
            raise _Refused(f"cannot be read ({exc.strerror})", "error") from None
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise _Refused("not a regular file", "kind:other")
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise _Refused(_too_large(len(data), limit), _file_digest(target))
        return data


class _Refused(Exception):
    def __init__(self, reason: str, fingerprint: str) -> None:
        super().__init__(reason)
        self.reason, self.fingerprint = reason, fingerprint


def configured(tree: Tree, sources: Mapping[str, Any], *, paths_of: Tree | None = None) -> Tree:
    """``tree`` read as the ``sources`` section of the config says (skip_dirs, exclude);
    ``paths_of``: the other side, whose path strings its listing reuses."""
    skip = sources.get("skip_dirs")
    return Tree(
        tree.root,
        skip_dirs=frozenset(skip) if skip is not None else SKIP_DIRS,
        exclude=tuple(sources.get("exclude") or ()),
        submodules=tree.submodules,
        only=tree.only,
        called_unread=tree.called_unread,
        paths_of=paths_of,
    )


def decode(data: bytes) -> str:
    """UTF-8 (optional BOM), or UTF-16/32 announced by a BOM. ValueError for binary data."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec)
            break
    else:
        text = data.decode("utf-8")
    if "\x00" in text:
        raise ValueError("NUL in text")
    return text


def _too_large(size: int, limit: int) -> str:
    return (
        f"{size / 2**20:.1f} MB is larger than the {limit / 2**20:.0f} MB limit for source "
        "files; exclude it with sources.exclude"
    )


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _file_digest(path: str) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return "error"
    return "sha256:" + digest.hexdigest()


_UNKNOWN = frozenset({"error", "denied", "absent"})  # cannot tell whether it changed


def _held(rel: str, held_in_base: Set[str]) -> bool:
    """Whether the base held resources in ``rel`` (a file, or below a directory ending in /)."""
    if rel == "./":
        return bool(held_in_base)
    if rel.endswith("/"):
        rendered = rel[:-1] + RENDERED_SUFFIX  # what the base rendered from this directory
        return any(f.startswith(rel) or f == rendered for f in held_in_base)
    return rel in held_in_base


def unreadable_verdict(base: Tree, head: Tree, *, held_in_base: Set[str]) -> list[str]:
    """Fail closed on the files the sources could not read; return the notes for the rest.

    A file unreadable in the head that is not the very same unreadable file in the base is an
    InputError: what it held would look deleted, or what it adds would be hidden. (A file read
    by other means, such as a chart template, is an error only when the base held resources in
    it.) A file unreadable in the base only is read from the head as new, so the cost can only
    look higher; the same unreadable file on both sides changed nothing and is a note.
    ``held_in_base`` lists the files the base's resources came from.
    """
    notes: list[str] = []
    problems: list[str] = []
    # a directory of the base that the head turns into a git submodule: not read in the head
    # (its content is another repository's), so what the base held there is unknown, not gone
    into = sorted(head.submodules - base.submodules)
    for rel in sorted(held_in_base - head.unreadable.keys()):
        sub = next((s for s in into if rel.startswith(f"{s}/")), None)
        if sub is not None:
            problems.append(f"{rel}: inside {sub}/, which is a git submodule (not read)")
            continue
        what = head.kind_at(rel)
        # e.g. a directory where the base had the file: never listed (a chart that cannot be
        # rendered is a directory on both sides: its resource names the chart's directory)
        if what is not None and what != base.kind_at(rel):
            problems.append(f"{rel}: {what}, not a regular file")
    for rel in sorted(base.unreadable.keys() | head.unreadable.keys()):
        old, new = base.unreadable.get(rel), head.unreadable.get(rel)
        if new is None:
            assert old is not None
            notes.append(
                f"{rel}: {old.reason} in the base; what the head holds there counts as new"
            )
        elif old is not None and old.fingerprint == new.fingerprint not in _UNKNOWN:
            notes.append(f"{rel}: {new.reason} (unchanged on both sides), not read")
        elif new.soft and not _held(rel, held_in_base):
            notes.append(f"{rel}: {new.reason}")
        else:
            problems.append(f"{rel}: {new.reason}")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(
            f"{problems[0]} in the head{more}; it cannot be compared with the base, so what it "
            "holds would look deleted or stay hidden: fix it, or exclude it with sources.exclude"
        )
    return notes


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


def _shared_paths(mine: list[str], theirs: list[str]) -> list[str]:
    """``mine`` with each path ``theirs`` lists too replaced by their string (both sorted:
    one pass over the two, no index of either)."""
    out = []
    j, n = 0, len(theirs)
    for rel in mine:
        while j < n and theirs[j] < rel:
            j += 1
        out.append(theirs[j] if j < n and theirs[j] == rel else rel)
    return out


def glob_match(rel: str, pattern: str) -> bool:
    """Whether repo-relative ``rel`` matches glob ``pattern`` (``k8s/**/*.yaml``, ``*.env``)."""
    return _glob_regex(pattern.removeprefix("./")).match(rel) is not None
