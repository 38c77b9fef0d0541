"""The reviewed allow-list: golden differences that are the golden's, one line of reason each.

``allowlist.yml`` holds entries ``{case, address, reason}`` with an optional ``mode`` (``plan`` or
``hcl``; both when absent). An entry covers one resource of one case; ``address`` may end in ``*``
to cover the instances of one ``for_each``/``count`` block.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from tests.conformance.oracle import Outcome

FILE = Path(__file__).with_name("allowlist.yml")


@functools.cache
def load(file: Path = FILE) -> tuple[dict[str, Any], ...]:
    """The entries of ``file`` (default: the AWS list beside this module)."""
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or []
    return tuple(data)


def covers(entries: tuple[dict[str, Any], ...], outcome: Outcome) -> bool:
    return any(matches(e, outcome) for e in entries)


def matches(entry: dict[str, Any], outcome: Outcome) -> bool:
    pattern = str(entry["address"])
    address_ok = (
        outcome.address.startswith(pattern[:-1])
        if pattern.endswith("*")
        else outcome.address == pattern
    )
    return (
        entry["case"] == outcome.case
        and address_ok
        and entry.get("mode", outcome.mode) == outcome.mode
    )
