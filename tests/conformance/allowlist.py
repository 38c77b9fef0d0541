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
# reasons that make a difference the golden's own (Infracost's assumption or error, or a case
# whose .tf is no valid deployment): not a measure of finops-gate's formulas
GOLDENS_OWN = ("golden:", "fixture artefact:")


@functools.cache
def load(file: Path = FILE) -> tuple[dict[str, Any], ...]:
    """The entries of ``file`` (default: the AWS list beside this module)."""
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or []
    return tuple(data)


def covers(entries: tuple[dict[str, Any], ...], outcome: Outcome) -> bool:
    return any(matches(e, outcome) for e in entries)


def goldens_own(entries: tuple[dict[str, Any], ...], outcome: Outcome) -> bool:
    """Whether ``outcome`` differs from its golden for a reason that is the golden's own."""
    return outcome.verdict != "match" and any(
        matches(e, outcome) and str(e["reason"]).startswith(GOLDENS_OWN) for e in entries
    )


def agreement(
    entries: tuple[dict[str, Any], ...], outcomes: list[Outcome]
) -> tuple[int, int, int, int]:
    """(within 1%, resources) over ``outcomes``, then the same without the resources whose
    difference is the golden's own (``GOLDENS_OWN``)."""
    matched = sum(o.verdict == "match" for o in outcomes)
    measured = [o for o in outcomes if not goldens_own(entries, o)]
    return matched, len(outcomes), sum(o.verdict == "match" for o in measured), len(measured)


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
