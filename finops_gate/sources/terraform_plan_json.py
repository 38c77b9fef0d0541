"""The fast path of reading a large plan file: msgspec's JSON decoder, in one pass.

``terraform_plan._read_json`` tries this first on a file of ``FAST_FROM`` bytes or more and
falls back to its own reader (the standard library's ``json``) whenever this returns ``None``.
The result is then what that reader returns, or the reader itself decides:

- The top-level object is decoded into a struct of the keys the reader looks at
  (``terraform_plan_structs``): the values it keeps are decoded; ``planned_values`` and a state
  file's ``values`` are only checked (their presence is what is read); of ``prior_state`` only
  the data sources are decoded (the rest is what ``data_sources`` drops); every other member is
  checked and skipped. The tree of what the reader drops is never built (the standard reader
  builds it and drops it one top-level value at a time).
- The setup-terraform wrapper's output is read here too: its ``[command]`` line is left out,
  and the workflow commands after the plan (every line from the first that starts with ``::``,
  which a JSON text cannot hold) must all be workflow commands, as the standard reader wants
  (``terraform_plan._read_fast``); anything else there is left to the standard reader.
- Only what msgspec and ``json`` decode alike is taken from msgspec: the same dicts, lists,
  strings, integers of any size and floats (both round correctly; ``-0`` is the integer 0,
  ``1E2`` the float 100.0; a key twice keeps its last value). Where they differ msgspec refuses
  and the standard reader decides: ``NaN`` and ``Infinity``, numbers beyond a double's range in
  a kept value (``1e400``: ``json`` reads infinity), lone surrogates, a byte-order mark, text
  around the object other than the wrapper's. msgspec does not check the UTF-8 of what it
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


def decode_plan(buf: bytes, start: int = 0, end: int | None = None) -> dict[str, Any] | None:
    """The plan's members the reader looks at (``planned_values`` and ``values`` as ``None``:
    present, not decoded; ``prior_state`` cut down to its data sources, the only resources
    ``terraform_links.data_sources`` keeps) of the JSON object in ``buf[start:end]`` (all of
    ``buf`` must be UTF-8); ``None``: not decoded here (module docstring)."""
    try:
        from msgspec import UNSET, DecodeError
        from msgspec.json import decode

        from finops_gate.sources import terraform_plan_structs as types
    except ImportError:  # pragma: no cover - a dependency; the standard reader still works
        return None
    if not _utf8(buf):
        return None
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(limit - _DEPTH_MARGIN, 100))
        plan = decode(memoryview(buf)[start:end], type=types.Plan)
        out: dict[str, Any] = {}
        for name in types.Plan.__struct_fields__:
            value = getattr(plan, name)
            if value is UNSET:
                continue
            if name in types.PRESENT:
                value = None
            elif name == "prior_state" and value is not None:
                value = _data_sources_of(value, decode, types.Head)
            out[name] = value
        return out
    except (DecodeError, RecursionError):
        return None
    finally:
        sys.setrecursionlimit(limit)


def _data_sources_of(state: Any, decode: Any, head: Any) -> dict[str, Any]:
    """The prior state as plain values, each module's resources cut to its data sources (the
    others are skipped, never decoded): what ``data_sources`` keeps of it is the same."""

    def module(mod: Any) -> dict[str, Any] | None:
        if mod is None:
            return None
        resources = mod.resources
        children = mod.child_modules
        return {
            "resources": None
            if resources is None
            else [decode(r) for r in resources if decode(r, type=head).mode == "data"],
            "child_modules": None if children is None else [module(c) for c in children],
        }

    values = state.values
    return {"values": None if values is None else {"root_module": module(values.root_module)}}
