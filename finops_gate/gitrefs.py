"""Git, asked one process per question: refs, the default base, submodules; the base's blobs
read, or written out, through ``git cat-file --batch``."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from finops_gate.errors import UsageError

# the numbers from the interpreter's own module, loaded at its start: ``signal`` above it
# builds enums of every signal when imported
try:
    from _signal import SIGKILL, SIGPIPE, SIGXFSZ  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - not CPython
    from signal import SIGKILL, SIGPIPE, SIGXFSZ


def _git(root: Path, *args: str) -> bytes:
    return Pending(root, *args).result()


# the time a git process may take before it is killed and the run fails (exit 2)
TIMEOUT = 300  # seconds
# signals the interpreter ignores that git must meet as any program does (as subprocess resets)
_DEFAULT_SIGNALS = (SIGPIPE, SIGXFSZ)
_READ = 1 << 16


class Pending:
    """A git process started now and read later: a run's independent questions to git (the
    base's listing, the diff, the untracked files, the index's submodules) run side by side
    instead of one after the other. ``result`` returns its output, or raises UsageError with
    git's last line; ``ok`` lists the exit codes that are not failures; ``stdin`` is written
    to the process (none: it reads an empty input).

    Started with ``os.posix_spawnp`` and read through ``select.poll``, not ``subprocess``:
    importing that module (and ``signal`` and ``selectors`` behind it) is about 5% of a plan
    run inside a repository, which asks git four questions (issue 18, bench_startup)."""

    def __init__(
        self, root: Path, *args: str, ok: tuple[int, ...] = (0,), stdin: bytes | None = None
    ) -> None:
        self.root, self.args, self.ok = root, args, ok
        self._input = memoryview(stdin) if stdin else None
        # the parent's ends (kept) and the child's (closed once it is started), each above
        # 0-2 so that putting the child's in place there cannot overwrite another one
        out_r, out_w = _pipe()
        err_r, err_w = _pipe()
        in_r, in_w = _pipe() if self._input is not None else (-1, -1)
        actions: list[tuple[Any, ...]] = [
            (os.POSIX_SPAWN_DUP2, out_w, 1),
            (os.POSIX_SPAWN_DUP2, err_w, 2),
            (os.POSIX_SPAWN_DUP2, in_r, 0)
            if in_r >= 0
            else (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        ]
        try:
            self._pid = os.posix_spawnp(
                "git",
                ["git", "-C", str(root), *args],
                _environment(),
                file_actions=actions,
                setsigdef=_DEFAULT_SIGNALS,
            )
        except FileNotFoundError:
            _close(out_r, err_r, in_w)
            raise UsageError("git is not installed; use --base DIR --head DIR instead") from None
        except BaseException:
            _close(out_r, err_r, in_w)
            raise
        finally:
            _close(out_w, err_w, in_r)
        self._out, self._err, self._in = out_r, err_r, in_w
        if in_w >= 0:  # a write takes what the pipe has room for, never waits for the rest
            os.set_blocking(in_w, False)

    def result(self) -> bytes:
        what = " ".join(self.args[:2])
        try:
            out, err = self._communicate(time.monotonic() + TIMEOUT)
        except TimeoutError:
            os.kill(self._pid, SIGKILL)
            os.waitpid(self._pid, 0)
            raise UsageError(f"{self.root}: git {what} took over {TIMEOUT} s") from None
        finally:
            _close(self._out, self._err, self._in)
        code = os.waitstatus_to_exitcode(os.waitpid(self._pid, 0)[1])
        if code not in self.ok:
            lines = err.decode("utf-8", "replace").strip().splitlines()
            last = lines[-1] if lines else "unknown error"
            raise UsageError(f"{self.root}: git {what} failed: {last}")
        return out

    def _communicate(self, deadline: float) -> tuple[bytes, bytes]:
        """Everything the process writes to its output and its error, until it closes them,
        while its input is written; TimeoutError past ``deadline``. Each end is closed (and
        its number forgotten) once done."""
        import select

        chunks: dict[int, list[bytes]] = {self._out: [], self._err: []}
        poller = select.poll()
        for fd in chunks:
            poller.register(fd, select.POLLIN)
        if self._in >= 0:
            poller.register(self._in, select.POLLOUT)
        while self._out >= 0 or self._err >= 0 or self._in >= 0:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            for fd, _ in poller.poll(left * 1000):
                if fd == self._in:
                    if not self._write():
                        continue
                    self._in = -1
                else:
                    data = os.read(fd, _READ)
                    if data:
                        chunks[fd].append(data)
                        continue
                    if fd == self._out:
                        self._out = -1
                    else:
                        self._err = -1
                poller.unregister(fd)
                _close(fd)
        out, err = chunks.values()
        return b"".join(out), b"".join(err)

    def _write(self) -> bool:
        """Write what the pipe takes of the input; True once it is all written, or once the
        process closed its input (what it answers, or its error, says why)."""
        assert self._input is not None
        try:
            written = os.write(self._in, self._input[:_READ])
        except BlockingIOError:
            return False
        except BrokenPipeError:
            return True
        self._input = self._input[written:]
        return not self._input


def _environment() -> Mapping[Any, Any]:
    """The environment a git process gets: what ``os.environ`` holds, as the bytes it keeps
    them in (its ``_data``, which the process's C environment mirrors), a dict that
    ``posix_spawnp`` reads in C. Handed ``os.environ`` itself, it decodes every variable in
    Python: a third of a million instructions a process with 35 variables, three times that
    on a CI runner's hundred (issue 18)."""
    data = getattr(os.environ, "_data", None)
    return data if isinstance(data, dict) else os.environ


def _pipe() -> tuple[int, int]:
    """A pipe whose ends are not 0, 1 or 2 (one of those may be closed in this process)."""
    ends = list(os.pipe())
    low: list[int] = []
    for i in (0, 1):
        while ends[i] < 3:
            low.append(ends[i])
            ends[i] = os.dup(ends[i])
    _close(*low)
    return ends[0], ends[1]


def _close(*fds: int) -> None:
    for fd in fds:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)


# directory -> its repository's top level: asked once per run, not once per question (each
# git process costs milliseconds of a run's fixed start-up). Only found repositories are kept.
_TOPS: dict[str, Path] = {}


def _may_be_in_repository(path: str) -> bool:
    """False when git could not find a repository from ``path``: no ``.git`` (directory, or the
    file of a worktree or submodule) in it or any directory above, and no ``GIT_DIR`` naming
    one. A plan checked outside a repository then starts no git process at all."""
    if "GIT_DIR" in os.environ:
        return True
    path = os.path.realpath(path)  # git walks up from the physical directory
    while True:
        if os.path.lexists(os.path.join(path, ".git")):
            return True
        parent = os.path.dirname(path)
        if parent == path:
            return False
        path = parent


def resolve(root: Path, ref: str) -> str:
    """The commit ``ref`` names; UsageError saying what to do when the clone has no such commit
    (most often a CI checkout too shallow to hold the base)."""
    found = Pending(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", ok=(0, 1))
    commit = found.result().decode().strip()
    if commit:
        return commit
    raise UsageError(
        f"{root}: no commit named {ref!r} in this clone; {_fetch_hint(root)}, or pass another "
        "--base-ref"
    )


def _fetch_hint(root: Path) -> str:
    if Pending(root, "rev-parse", "--is-shallow-repository").result().strip() == b"true":
        return (
            "the clone is shallow: fetch the base (git fetch origin BRANCH, or check out with "
            "fetch-depth: 0 / GIT_DEPTH: 0)"
        )
    return "fetch it (git fetch origin BRANCH)"


def output(root: Path, *args: str) -> bytes:
    """The output of ``git -C root ARGS``; UsageError with git's last line when it fails."""
    return _git(root, *args)


def repo_root(path: Path) -> Path | None:
    key = os.path.abspath(path)
    top = _TOPS.get(key)
    if top is not None:
        return top
    if not _may_be_in_repository(key):
        return None
    try:
        out = _git(path, "rev-parse", "--show-toplevel")
    except UsageError:
        return None
    top = _TOPS[key] = Path(out.decode().strip())
    # the top level's own top level is itself (also under GIT_DIR / GIT_WORK_TREE): the
    # readers below, handed ``top``, ask no second time
    _TOPS.setdefault(os.path.abspath(top), top)
    return top


# the default branch, in order of preference, as full ref names (one ``for-each-ref`` finds
# which exist instead of one ``rev-parse`` per candidate)
_DEFAULT_BRANCHES = (
    "refs/remotes/origin/HEAD",
    "refs/remotes/origin/main",
    "refs/remotes/origin/master",
    "refs/heads/main",
    "refs/heads/master",
)


def default_base(root: Path) -> str:
    """The merge-base of HEAD with the default branch (origin/HEAD, main or master)."""
    out = _git(root, "for-each-ref", "--format=%(refname)", *_DEFAULT_BRANCHES)
    present = set(out.decode("utf-8", "replace").split())
    for candidate in _DEFAULT_BRANCHES:
        if candidate in present:
            found = Pending(root, "merge-base", "HEAD", candidate, ok=(0, 1)).result()
            if found.strip():
                return found.decode().strip()
            name = candidate.removeprefix("refs/remotes/").removeprefix("refs/heads/")
            raise UsageError(
                f"{root}: HEAD and {name} have no common commit in this clone; "
                f"{_fetch_hint(root)}, or pass --base-ref REF"
            )
    raise UsageError(
        f"{root}: cannot find the default branch to compare with; pass --base-ref REF "
        "(e.g. origin/main) or --base DIR --head DIR"
    )


def change_base(root: Path, base: str, head: str | None) -> str:
    """The commit that the checked-out tree of a pull/merge request is compared with, given the
    target commit the platform names (``base``) and the request's head commit. When HEAD is the
    platform's merge of ``head`` (GitHub's ``refs/pull/N/merge``, GitLab's merged results), its
    other parent: the target may have moved past ``base``, and what it gained is not the
    change's. Otherwise the merge-base of ``base`` and HEAD: with the head itself checked out,
    a target that moved on would show its new commits as removed by the change."""
    out = Pending(root, "rev-list", "--parents", "-n", "1", "HEAD").result().decode().split()
    parents = out[1:]
    if head is not None and len(parents) == 2 and head in parents:
        return parents[1 - parents.index(head)]
    found = Pending(root, "merge-base", base, "HEAD", ok=(0, 1)).result().decode().strip()
    return found or base


def results(*pending: Pending) -> list[bytes]:
    """The outputs of processes started side by side; every one is waited for before the
    first failure is raised (none is left running)."""
    out: list[bytes] = []
    failure: UsageError | None = None
    for p in pending:
        try:
            out.append(p.result())
        except UsageError as exc:
            failure = failure or exc
            out.append(b"")
    if failure is not None:
        raise failure
    return out


def submodules(root: Path, ref: str | None) -> dict[str, str]:
    """Submodule path (relative to ``root``) -> the commit recorded for it, at ``ref`` (a commit)
    or, for ``None``, in the index (the head being checked)."""
    pending = submodules_pending(root, ref)
    return {} if pending is None else pending.result()


class _Submodules:
    def __init__(self, root: Path, top: Path, ref: str | None) -> None:
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
        self.prefix = "" if prefix in ("", ".") else prefix + "/"
        self.ref = ref
        if ref is None:
            self.git = Pending(top, "ls-files", "--stage", "-z")
        else:
            self.git = Pending(top, "ls-tree", "-r", "-z", "--full-tree", ref)

    def result(self) -> dict[str, str]:
        return _submodule_entries(self.git.result(), self.prefix, index=self.ref is None)


def submodules_pending(root: Path, ref: str | None) -> _Submodules | None:
    """``submodules`` started now, read with ``.result()`` (None: not a git repository)."""
    top = repo_root(root)
    return None if top is None else _Submodules(root, top, ref)


def _submodule_entries(out: bytes, prefix: str, *, index: bool) -> dict[str, str]:
    # a listing without the gitlink mode has no submodule: nothing to split (most repositories)
    if b"160000 " not in out:
        return {}
    found: dict[str, str] = {}
    for entry in out.decode("utf-8", "replace").split("\0"):
        meta, _, path = entry.partition("\t")
        fields = meta.split()
        if len(fields) >= 3 and fields[0] == "160000" and path.startswith(prefix):
            sha = fields[1] if index else fields[2]
            found[path[len(prefix) :]] = sha
    return found


def has_commit(root: Path, ref: str) -> bool:
    """Whether ``ref`` names a commit present in the clone (a shallow clone may lack the base)."""
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except UsageError:
        return False
    return True


def read_file(root: Path, ref: str, rel: str) -> str | None:
    """The text of ``rel`` (relative to ``root``) at ``ref``; ``None`` when it is not there."""
    top = repo_root(root)
    if top is None:
        return None
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    spec = f"{ref}:{rel}" if prefix in ("", ".") else f"{ref}:{prefix}/{rel}"
    try:
        return _git(top, "show", spec).decode("utf-8", "replace")
    except UsageError:
        return None


def read_first(root: Path, ref: str, rels: Sequence[str]) -> tuple[str, str] | None:
    """The first of ``rels`` (relative to ``root``) that exists at ``ref`` and its text, as
    ``read_file`` would find them one by one, asked of one ``git cat-file --batch`` process
    (the gate's config is looked for from the checked directory up to the top)."""
    top = repo_root(root)
    if top is None:
        return None
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    specs = [f"{ref}:{rel}" if prefix in ("", ".") else f"{ref}:{prefix}/{rel}" for rel in rels]
    if len(specs) == 1 or any("\n" in spec for spec in specs):  # one line per question
        return _read_each(root, ref, rels)
    try:
        out = _batch(top, specs)
    except UsageError:
        return None
    for i, rel in enumerate(rels):
        header, _, out = out.partition(b"\n")
        if header.endswith((b" missing", b" ambiguous")):  # not at ref: the next one up
            continue
        _, kind, size = header.rsplit(b" ", 2)
        if kind != b"blob":  # a directory or a submodule there: as git show says it
            return _read_each(root, ref, rels[i:])
        return rel, out[: int(size)].decode("utf-8", "replace")
    return None


def _read_each(root: Path, ref: str, rels: Sequence[str]) -> tuple[str, str] | None:
    for rel in rels:
        text = read_file(root, ref, rel)
        if text is not None:
            return rel, text
    return None


def _batch(top: Path, specs: Sequence[str]) -> bytes:
    questions = "".join(f"{spec}\n" for spec in specs).encode("utf-8", "surrogateescape")
    return Pending(top, "cat-file", "--batch", stdin=questions).result()


# --- git mode: read what the change touches ------------------------------------------------


def write_blobs(top: Path, items: Sequence[tuple[str, str]]) -> None:
    """Write blob ``sha`` into the new file ``path`` for each ``(sha, path)``: one
    ``git cat-file --batch --buffer`` process, fed by a thread while its answers are read, so
    no request waits for the answer to the one before (a whole base commit of 10,000 files
    costs one process and no round trips). A blob git does not have leaves no file. A blob at
    several paths (the same ``providers.tf`` in every root) is read out of git once and its
    other paths are copies of the first file written."""
    if not items:
        return
    import subprocess
    import threading

    items, copies = _distinct(items)

    proc = subprocess.Popen(
        ["git", "-C", str(top), "cat-file", "--batch", "--buffer"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    stdin, stdout = proc.stdin, proc.stdout

    def feed() -> None:
        try:
            stdin.write(b"".join(sha.encode("ascii") + b"\n" for sha, _ in items))
            stdin.close()
        except (BrokenPipeError, ValueError):
            pass  # git stopped early: the reader below says so

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        for _, path in items:
            header = stdout.readline().split()
            if not header:
                raise UsageError("git cat-file stopped early; the base could not be read")
            if len(header) != 3:
                continue  # "<sha> missing"
            size = int(header[2])
            with open(path, "xb") as handle:
                while size > 0:
                    chunk = stdout.read(min(size, _CHUNK))
                    if not chunk:
                        raise UsageError("git cat-file stopped early; the base could not be read")
                    handle.write(chunk)
                    size -= len(chunk)
            stdout.read(1)
    finally:
        feeder.join(timeout=30)
        stdout.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for first, path in copies:
        _copy(first, path)


def _distinct(
    items: Sequence[tuple[str, str]],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(sha, path)`` of each blob's first path, and ``(first path, path)`` for the others."""
    first: dict[str, str] = {}
    unique: list[tuple[str, str]] = []
    copies: list[tuple[str, str]] = []
    for sha, path in items:
        seen = first.get(sha)
        if seen is None:
            first[sha] = path
            unique.append((sha, path))
        else:
            copies.append((seen, path))
    return unique, copies


def _copy(source: str, path: str) -> None:
    """A new file ``path`` with the bytes of ``source`` (none if git had no such blob)."""
    try:
        src = open(source, "rb")  # noqa: SIM115 (closed below, with the copy)
    except FileNotFoundError:
        return
    with src, open(path, "xb") as handle:
        while chunk := src.read(_CHUNK):
            handle.write(chunk)


_CHUNK = 1 << 20


class Blobs:
    """One ``git cat-file --batch`` process for a run: every blob of the base is read through
    it by object id (never by path: a path may hold any byte but NUL)."""

    def __init__(self, top: Path) -> None:
        import subprocess

        self._proc = subprocess.Popen(
            ["git", "-C", str(top), "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def _ask(self, sha: str) -> int | None:
        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(sha.encode("ascii") + b"\n")
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            if len(header) == 3:  # not a blob: skip its content
                self._skip(int(header[2]))
            return None
        return int(header[2])

    def _skip(self, size: int) -> None:
        assert self._proc.stdout is not None
        while size > 0:
            size -= len(self._proc.stdout.read(min(size, _CHUNK)))
        self._proc.stdout.read(1)

    def read(self, sha: str, *, limit: int) -> bytes | None:
        """The blob's bytes; None when it is missing or larger than ``limit``."""
        size = self._ask(sha)
        if size is None:
            return None
        if size > limit:
            self._skip(size)
            return None
        assert self._proc.stdout is not None
        data = self._proc.stdout.read(size)
        self._proc.stdout.read(1)
        return data

    def copy(self, sha: str, handle: BinaryIO) -> bool:
        """Stream the blob into ``handle``; False when it is missing."""
        size = self._ask(sha)
        if size is None:
            return False
        assert self._proc.stdout is not None
        while size > 0:
            chunk = self._proc.stdout.read(min(size, _CHUNK))
            if not chunk:
                raise UsageError("git cat-file stopped early; the base could not be read")
            handle.write(chunk)
            size -= len(chunk)
        self._proc.stdout.read(1)
        return True

    def close(self) -> None:
        import subprocess

        if self._proc.stdin is not None:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
