"""Both sides of a change as the scope (``scope.py``) needs them: the base commit and the
working tree in git mode (``GitSides``), or two directories (``DirSides``)."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from finops_gate import gitrefs
from finops_gate.errors import UsageError
from finops_gate.sources.tree import Tree

_SYMLINK, _SUBMODULE = "120000", "160000"
_GREPPED = (
    ".tf",
    ".tf.json",
    ".yaml",
    ".yml",
    ".json",
    ".py",
)  # what scope.py searches
_KEEP_BYTES = 64 << 20
_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


class GitSides:
    """The base commit (read from git) and the working tree (the head: committed, staged,
    modified and untracked files alike, as a check of the tree on disk has always read)."""

    def __init__(
        self, root: Path, ref: str, *, skip_dirs: frozenset[str], limit: int, diff: bool = True
    ) -> None:
        top = gitrefs.repo_root(root)
        if top is None:
            raise UsageError(f"{root}: not a git repository; use --base DIR --head DIR instead")
        self.top, self.root, self.limit = top, root.resolve(), limit
        rel = self.root.relative_to(top.resolve()).as_posix()
        self.prefix = "" if rel in ("", ".") else rel + "/"
        # a commit id already resolved by the caller is not asked again
        self.commit = ref if _COMMIT.fullmatch(ref) else gitrefs.resolve(top, ref)
        self._skip_dirs = skip_dirs
        self.submodules: dict[str, str] = {}  # submodule path -> the commit the base records
        # three questions to git, side by side: the base's files, what differs from them in
        # the working tree, and the untracked files (each a pass over the whole repository);
        # the base's files alone (``diff=False``) when every file is read anyway
        spec = self._pathspec()
        asked = [
            gitrefs.Pending(self.top, "ls-tree", "-r", "-z", "--full-tree", self.commit, *spec)
        ]
        if diff:
            asked.append(
                gitrefs.Pending(
                    self.top,
                    "diff",
                    "--name-only",
                    "-z",
                    "--no-renames",
                    "--no-ext-diff",
                    "--no-textconv",
                    self.commit,
                    *spec,
                )
            )
            others = ("--others", "-z", "--directory", "--no-empty-directory")
            asked.append(gitrefs.Pending(self.top, "ls-files", *others, *spec))
        out = gitrefs.results(*asked)
        self._entries = self._ls_tree(out[0])
        self._changed = self._diff(out[1], out[2]) if diff else frozenset()
        self._blobs: gitrefs.Blobs | None = None

    def _pathspec(self) -> list[str]:
        return ["--", f":(top){self.prefix}" if self.prefix else ":(top)"]

    def _rel(self, path: str) -> str | None:
        return path[len(self.prefix) :] if path.startswith(self.prefix) else None

    def _ls_tree(self, out: bytes) -> dict[str, tuple[str, str]]:
        entries: dict[str, tuple[str, str]] = {}
        cut = len(self.prefix)
        for entry in out.decode("utf-8", "surrogateescape").split("\0"):
            meta, _, path = entry.partition("\t")
            if not path.startswith(self.prefix) or len(path) == cut:
                continue
            fields = meta.split(" ")
            if len(fields) != 3:
                continue
            rel = path[cut:]
            if fields[0] == _SUBMODULE:
                self.submodules[rel] = fields[2]
            else:
                entries[rel] = (fields[0], fields[2])
        return entries

    def _diff(self, diff: bytes, others: bytes) -> frozenset[str]:
        changed: set[str] = set()
        for path in diff.decode("utf-8", "surrogateescape").split("\0"):
            rel = self._rel(path)
            if rel:
                changed.add(rel)
        for path in others.decode("utf-8", "surrogateescape").split("\0"):
            rel = self._rel(path)
            if not rel:
                continue
            if rel.endswith("/"):
                changed.update(self._walk(rel.rstrip("/")))
            else:
                changed.add(rel)
        return frozenset(changed)

    def _walk(self, directory: str) -> list[str]:
        """Files below an untracked directory (new in the head), minus the directories no
        source reads (the tree leaves them out the same way)."""
        found: list[str] = []
        start = os.path.join(str(self.root), *directory.split("/"))
        if os.path.basename(start) in self._skip_dirs or os.path.islink(start):
            return [directory]  # the tree says why it is not read
        for dirpath, dirnames, filenames in os.walk(start):
            dirnames[:] = [
                d
                for d in dirnames
                if d not in self._skip_dirs
                and not os.path.islink(os.path.join(dirpath, d))
                and not os.path.isfile(os.path.join(dirpath, d, "pyvenv.cfg"))
            ]
            rel_dir = os.path.relpath(dirpath, str(self.root)).replace(os.sep, "/")
            found.extend(f"{rel_dir}/{name}" for name in filenames)
        return found

    # the Sides protocol of sources/scope.py

    def files(self, side: str) -> frozenset[str]:
        if side == "base":
            return frozenset(self._entries)
        gone = {rel for rel in self._changed if not os.path.lexists(self._disk(rel))}
        return frozenset((self._entries.keys() | self._changed) - gone)

    def changed(self) -> frozenset[str]:
        return self._changed

    def symlinks(self) -> frozenset[str]:
        linked = {rel for rel, (mode, _) in self._entries.items() if mode == _SYMLINK}
        return frozenset(linked | {rel for rel in self._changed if os.path.islink(self._disk(rel))})

    def read(self, side: str, rels: Iterable[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for rel in rels:
            data = (
                self._read_base(rel) if side == "base" else read_plain(self._disk(rel), self.limit)
            )
            if data is not None:
                out[rel] = data
        return out

    def _read_base(self, rel: str) -> bytes | None:
        entry = self._entries.get(rel)
        if entry is None or entry[0] == _SYMLINK:
            return None
        return self.blobs().read(entry[1], limit=self.limit)

    def grep(
        self, pattern: str, suffixes: Sequence[str], *, fixed: Sequence[str] = ()
    ) -> dict[str, list[str]]:
        specs = [f":(top){self.prefix}*{s}" for s in suffixes]
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as handle:
            handle.write("\n".join(fixed) + "\n")
            handle.flush()
            # the pattern and the names are two searches: run side by side
            hows = [["-E", "-e", pattern]] + ([["-F", "-w", "-f", handle.name]] if fixed else [])
            outputs = gitrefs.results(*(self._grep(how, specs) for how in hows))
        found: dict[str, list[str]] = {}
        for out in outputs:
            for rel, matches in self._matches(out).items():
                found.setdefault(rel, []).extend(matches)
        return found

    def _grep(self, how: list[str], specs: list[str]) -> gitrefs.Pending:
        cmd = ["grep", "-I", "-z", "-o", "--no-color", "--full-name", *how, self.commit]
        return gitrefs.Pending(self.top, *cmd, "--", *specs, ok=(0, 1))  # 1: nothing matched

    def _matches(self, data: bytes) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        lead = f"{self.commit}:".encode()
        pos = 0
        while pos < len(data):  # <commit>:<path> NUL <match> LF, a path may hold a LF
            nul = data.find(b"\0", pos)
            end = data.find(b"\n", nul + 1)
            if nul < 0 or end < 0:
                break
            path = data[pos:nul].removeprefix(lead).decode("utf-8", "surrogateescape")
            rel = self._rel(path)
            if rel:
                found.setdefault(rel, []).append(data[nul + 1 : end].decode("utf-8", "replace"))
            pos = end + 1
        return found

    def blobs(self) -> gitrefs.Blobs:
        if self._blobs is None:
            self._blobs = gitrefs.Blobs(self.top)
        return self._blobs

    def close(self) -> None:
        if self._blobs is not None:
            self._blobs.close()
            self._blobs = None

    def _disk(self, rel: str) -> str:
        return os.path.join(str(self.root), *rel.split("/"))

    def materialize(self, dest: Path, rels: Iterable[str]) -> None:
        """Write the base's ``rels`` (those it has) into ``dest``: files first, in one stream
        out of git (``gitrefs.write_blobs``), then symlinks (recreated as links, never followed
        here; the tree reader decides about them)."""
        links: list[tuple[str, str]] = []
        files: list[tuple[str, str]] = []
        made: set[str] = set()
        real_dest = os.path.realpath(dest)
        for rel in sorted(rels):
            entry = self._entries.get(rel)
            parts = rel.split("/")
            if entry is None or any(p in ("", ".", "..", ".git") for p in parts):
                continue
            mode, sha = entry
            if mode == _SYMLINK:
                pointed = self.blobs().read(sha, limit=4096)
                if pointed is not None:
                    links.append((rel, pointed.decode("utf-8", "surrogateescape")))
                continue
            path = os.path.join(real_dest, *parts)
            parent = os.path.dirname(path)
            if parent not in made:
                if not _inside(parent, real_dest):
                    continue
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            files.append((sha, path))
        gitrefs.write_blobs(self.top, files)
        for rel, target in links:
            link = os.path.join(real_dest, *rel.split("/"))
            if _inside(os.path.dirname(link), real_dest) and not os.path.lexists(link):
                os.makedirs(os.path.dirname(link), exist_ok=True)
                os.symlink(target, link)


def _inside(path: str, root: str) -> bool:
    real = os.path.realpath(path)
    return real == root or real.startswith(root + os.sep)


class DirSides:
    """``--base DIR --head DIR``: every file of both trees compared byte for byte (cheap next
    to parsing them); what the sources may not read (a FIFO, a symlink) counts as changed."""

    def __init__(self, base: Tree, head: Tree, *, limit: int) -> None:
        self._roots = {"base": str(base.root), "head": str(head.root)}
        self._files = {"base": frozenset(base.files()), "head": frozenset(head.files())}
        self.limit = limit
        # the head's text files kept from the comparison for ``grep`` (bounded): read once
        self._kept: dict[str, bytes] = {}
        budget = _KEEP_BYTES
        links: set[str] = set()
        changed = set(self._files["base"] ^ self._files["head"])
        for rel in sorted(self._files["base"] & self._files["head"]):
            # one open per side, which also tells a symlink (never followed): the comparison
            # of every file pair is most of a two-tree check's own cost
            old, b_link = _peek(self._disk("base", rel), limit)
            new, h_link = _peek(self._disk("head", rel), limit)
            if b_link or h_link:
                links.add(rel)
            elif old is None or new is None or old != new:
                changed.add(rel)
            elif len(new) <= budget and rel.endswith(_GREPPED):
                self._kept[rel] = new
                budget -= len(new)
        self._changed = frozenset(changed)
        self._links = frozenset(links)

    def _disk(self, side: str, rel: str) -> str:
        if os.sep == "/":
            return f"{self._roots[side]}/{rel}"
        return os.path.join(self._roots[side], *rel.split("/"))

    def files(self, side: str) -> frozenset[str]:
        return self._files[side]

    def changed(self) -> frozenset[str]:
        return self._changed

    def symlinks(self) -> frozenset[str]:
        return self._links

    def read(self, side: str, rels: Iterable[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for rel in rels:
            data = read_plain(self._disk(side, rel), self.limit)
            if data is not None:
                out[rel] = data
        return out

    def grep(
        self, pattern: str, suffixes: Sequence[str], *, fixed: Sequence[str] = ()
    ) -> dict[str, list[str]]:
        regex = re.compile(pattern, re.MULTILINE)
        names = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in fixed) + r")(?!\w)")
            if fixed
            else None
        )
        found: dict[str, list[str]] = {}
        for rel in sorted(self._files["head"]):
            if not rel.endswith(tuple(suffixes)):
                continue
            data = self._kept.get(rel)
            if data is None:
                data = read_plain(self._disk("head", rel), self.limit)
            if data is None:
                continue
            text = data.decode("utf-8", "replace")
            matches = [m.group(0) for m in regex.finditer(text)]
            if names is not None:
                matches += [m.group(0) for m in names.finditer(text)]
            if matches:
                found[rel] = matches
        return found


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_PEEK_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW


def _peek(path: str, limit: int) -> tuple[bytes | None, bool]:
    """``read_plain`` and whether ``path`` is a symlink, in one open that never follows a link
    (it fails with ELOOP on one) nor waits on a FIFO, then one read of the size fstat gives."""
    if not _NOFOLLOW:  # no O_NOFOLLOW here: ask first, as read_plain does
        link = os.path.islink(path)
        return (None if link else read_plain(path, limit)), link
    try:
        fd = os.open(path, _PEEK_FLAGS)
    except OSError as exc:
        return None, exc.errno == errno.ELOOP and os.path.islink(path)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None, False
        data = os.read(fd, st.st_size + 1)
        if len(data) <= st.st_size:  # a short read of a regular file: its end
            return data, False
        chunks, size = (
            [data],
            len(data),
        )  # it grew since fstat: read on, within the limit
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return None, False
        return (b"".join(chunks) if size <= limit else None), False
    except OSError:
        return None, False
    finally:
        os.close(fd)


def read_plain(path: str, limit: int) -> bytes | None:
    """A regular file's bytes (not through a symlink, never waiting on a FIFO), or None."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        chunks: list[bytes] = []
        size = 0
        while True:  # unbuffered: one read for a small file
            chunk = os.read(fd, max(st.st_size + 1 - size, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return None
    except OSError:
        return None
    finally:
        os.close(fd)
    return b"".join(chunks)
