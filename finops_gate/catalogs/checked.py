"""Shipped catalog files a run found intact, so that the next run does not hash them again.

A shipped file is checked against its digest line (pricing/B2SUMS, else SHA256SUMS) by hashing
all its bytes: the aws catalog's 305 KB are 4 million instructions, a fifth of what a small run
adds to the interpreter and click (issue 18). Once a file matched, this record keeps who it was:
its device, inode, size, mtime, ctime and the digest it matched. A later run that finds the file
exactly so skips the hash. Writing a file sets its ctime to the clock, and no program can set it
back (``os.utime`` sets the other two), so an edited or replaced file is never found so: it is
hashed again and, if it no longer matches its line, refused. A changed digest line is not
recorded either.

The record lives where the interpreter keeps this package's bytecode (its ``__pycache__``
folder, written only where that folder is: ``pip install`` makes it), on POSIX only (Windows'
``st_ctime`` is when the file was created). Whoever can write there can change the bytecode
the interpreter runs, so the record gives nobody a way round the check that they did not
have: a pull request's files, the plans, configs and ``--cache-dir`` never reach it. Deleting
it costs the next run the hash, nothing else.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from pathlib import Path
from typing import Any

NAME = "shipped-catalogs-checked.json"


def record_path() -> Path | None:
    """The record's file: in this package's ``__pycache__`` (None where there is no such place:
    not POSIX, or bytecode kept under ``PYTHONPYCACHEPREFIX``)."""
    if os.name != "posix" or sys.pycache_prefix is not None:
        return None
    return Path(__file__).parent / "__pycache__" / NAME


def identity(st: os.stat_result, expected: str) -> list[Any]:
    """What the record keeps of a file that matched ``expected``, its digest line."""
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, expected]


def found_intact(path: Path, st: os.stat_result, expected: str) -> bool:
    """Whether ``path`` (stat ``st``) is recorded as having matched ``expected`` as it is now."""
    return _recorded().get(str(path)) == identity(st, expected)


def remember(path: Path, st: os.stat_result, expected: str, *, shipped: Path) -> None:
    """Record that ``path`` matched ``expected``; the record keeps the files of the ``shipped``
    folder alone. Best effort: a record that cannot be written is no record."""
    where = record_path()
    if where is None or not where.parent.is_dir():
        return
    inside = str(shipped) + os.sep
    kept = {k: v for k, v in _recorded().items() if k.startswith(inside)}
    kept[str(path)] = identity(st, expected)
    _recorded.cache_clear()
    tmp = where.with_name(f".{NAME}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(kept, handle)
        os.replace(tmp, where)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


@functools.cache
def _recorded() -> dict[str, Any]:
    where = record_path()
    if where is None:
        return {}
    try:
        data = json.loads(where.read_bytes())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
