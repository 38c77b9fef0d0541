"""The fast path of reading a large plan file: msgspec's JSON decoder, in one pass.

``terraform_plan._read_json`` tries this first on a file of ``FAST_FROM`` bytes or more and
falls back to its own reader (the standard library's ``json``) whenever this returns ``None``.
The result is then what that reader returns, or the reader itself decides:

- The top-level object is decoded into a struct of the keys the reader looks at: the values it
  keeps are decoded, ``planned_values`` and a state file's ``values`` are only checked (their
  presence is what is read), every other member is checked and skipped, so the tree of the
  parts the reader drops is never built (the standard reader builds and drops them one at a
  time).
- Only what msgspec and ``json`` decode alike is taken from msgspec: the same dicts, lists,
  strings, integers of any size and floats (both round correctly; ``-0`` is the integer 0,
  ``1E2`` the float 100.0; a key twice keeps its last value). Where they differ msgspec refuses
  and the standard reader decides: ``NaN`` and ``Infinity``, numbers beyond a double's range in
  a kept value (``1e400``: ``json`` reads infinity), lone surrogates, a byte-order mark, text
  around the object (setup-terraform's wrapper). msgspec does not check the UTF-8 of what it
  skips: a file that is not all ASCII is checked as UTF-8 first. Nesting: msgspec runs with a
  recursion limit ``_DEPTH_MARGIN`` lower than ``json`` has, so what it accepts ``json`` accepts.
"""

from __future__ import annotations

import codecs
import sys
from typing import Any

FAST_FROM = 4 << 20  # bytes: below this, importing msgspec costs about what it saves
_DEPTH_MARGIN = 16  # frames; the two decoders count nesting alike, a few frames apart
_CHUNK = 1 << 20


def _utf8(buf: bytes) -> bool:
    """Whether ``buf`` is UTF-8, checked in chunks (no text copy of the file is made)."""
    if buf.isascii():
        return True
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for lo in range(0, len(buf), _CHUNK):
            decoder.decode(buf[lo : lo + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_PLAN: Any = None  # the struct type, made on first use: msgspec is imported only for large plans


def _plan_type() -> Any:
    """The members the reader keeps (decoded), or whose presence it reads (Raw: checked, not
    decoded); msgspec skips the others."""
    global _PLAN
    if _PLAN is None:
        from msgspec import UNSET, Raw, defstruct

        _PLAN = defstruct(
            "Plan",
            [(name, Any, UNSET) for name in _DECODED] + [(name, Raw, UNSET) for name in _PRESENT],
        )
    return _PLAN


_DECODED = (
    "format_version",
    "terraform_version",
    "resource_changes",
    "configuration",
    "variables",
    "errored",
    "complete",
    "deferred_changes",
    "prior_state",
)
_PRESENT = ("planned_values", "values")


def decode_plan(buf: bytes) -> dict[str, Any] | None:
    """The plan's members the reader looks at (``planned_values`` and ``values`` as ``None``:
    present, not decoded); ``None``: not decoded here (module docstring)."""
    try:
        from msgspec import UNSET, DecodeError
        from msgspec.json import decode
    except ImportError:  # pragma: no cover - a dependency; the standard reader still works
        return None
    if not _utf8(buf):
        return None
    plan_type = _plan_type()
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(limit - _DEPTH_MARGIN, 100))
        plan = decode(buf, type=plan_type)
    except (DecodeError, RecursionError):
        return None
    finally:
        sys.setrecursionlimit(limit)
    out: dict[str, Any] = {}
    for name in plan_type.__struct_fields__:
        value = getattr(plan, name)
        if value is not UNSET:
            out[name] = None if name in _PRESENT else value
    return out
