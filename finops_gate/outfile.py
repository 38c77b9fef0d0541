"""Writing an output file safely: every writer (reports, ``init``) goes through ``write``.

A regular file (new or existing) is replaced atomically: the text goes to a fresh temporary file
beside it (created exclusively, so a planted name cannot redirect it), then is renamed over it,
keeping the old file's permissions. Anything else is written as the user asked, in place:
``--out /dev/null`` or ``--out /dev/stdout`` writes to the device (it is never replaced by a
regular file, which would break a CI container run as root), a FIFO is opened for writing, and
a symlink is followed to the file it names, which is then replaced atomically if it is regular.
A directory, or a path whose parent does not exist, is a UsageError naming it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from finops_gate.errors import UsageError

Writer = str | Callable[[TextIO], None]


def write(out: Path, text: Writer) -> None:
    """Write ``text`` (or call it with a handle, for streamed output) to ``out``: all or nothing
    for a regular file, in place for a device or FIFO."""
    target = Path(os.path.realpath(out)) if out.is_symlink() else out
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageError(f"{out}: cannot write ({exc.strerror})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{out}: is a directory; give a file name to --out")
    if st is not None and not stat.S_ISREG(st.st_mode):
        _in_place(out, target, text)  # /dev/null, /dev/stdout, a FIFO: as the user asked
        return
    _atomic(out, target, text, None if st is None else stat.S_IMODE(st.st_mode))


def _emit(handle: TextIO, text: Writer) -> None:
    if callable(text):
        text(handle)
    else:
        handle.write(text)


def _in_place(out: Path, target: Path, text: Writer) -> None:
    try:
        # no O_CREAT: the special file is there; no O_TRUNC: a device has nothing to truncate
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UsageError(f"{out}: cannot write ({exc.strerror})") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        _emit(handle, text)


def _atomic(out: Path, target: Path, text: Writer, mode: int | None) -> None:
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"{out}: directory {directory} does not exist")
    try:
        fd, tmp = _exclusive(directory, target.name)
    except OSError as exc:
        raise UsageError(f"{out}: cannot write in {directory} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            _emit(handle, text)
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# what tempfile.mkstemp does, without importing tempfile (and shutil, bz2, lzma, random behind
# it) on every run: a fresh random name, created exclusively (never a planted file or symlink),
# readable by the owner only until it is renamed over the target
_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_ATTEMPTS = 100


def _exclusive(directory: Path, name: str) -> tuple[int, str]:
    for _ in range(_ATTEMPTS):
        tmp = os.path.join(directory, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, _FLAGS, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
