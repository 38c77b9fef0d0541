"""CostDelta[] -> Totals and Report: the sums are over what could be priced, and say so."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from finops_gate.frozen import frozen
from finops_gate.model import (
    THIS_RESOURCE,
    Approval,
    Assumption,
    CatalogUse,
    CostDelta,
    CurrencyUse,
    Finding,
    Project,
    Report,
    ServiceCost,
    Status,
    Totals,
    Verdict,
)

_NOT_COUNTED = {Status.UNPRICED, Status.UNSUPPORTED, Status.USAGE_UNKNOWN, Status.SELF_HOSTED}


def counted(delta: CostDelta) -> bool:
    """Whether a delta enters the totals: both sides known (a missing side counts as $0)."""
    return delta.monthly_before is not None and delta.monthly_after is not None


def percent(before: Decimal, delta: Decimal) -> Decimal | None:
    """Percent change; ``None`` from a $0 base, where a percentage means nothing."""
    if before == 0:
        return None
    return delta * 100 / before


def totals(deltas: Iterable[CostDelta]) -> Totals:
    before = after = Decimal(0)
    missing = 0
    largest: Decimal | None = None
    for d in deltas:
        # (CostDelta's properties, inlined: this runs over every resource of a large plan)
        b, a = d.before, d.after
        m_before = _ZERO if b is None else b.monthly
        m_after = _ZERO if a is None else a.monthly
        if b is not None and a is not None and b.per_request is not None:
            rise = per_request_percent(d)
            if rise is not None and (largest is None or rise > largest):
                largest = rise
        if m_before is not None and m_after is not None:
            before += m_before
            after += m_after
            if (a if a is not None else b).status in _NOT_COUNTED:  # type: ignore[union-attr]
                missing += 1
        else:
            missing += 1
    delta = after - before
    return Totals(
        before, after, delta, percent(before, delta), unpriced=missing, per_request_percent=largest
    )


_ZERO = Decimal(0)


def per_request_percent(d: CostDelta) -> Decimal | None:
    """The rise of the cost per request in percent, when both sides have one above $0."""
    b = d.before.per_request if d.before is not None else None
    a = d.after.per_request if d.after is not None else None
    if b is None or a is None or b <= 0 or a <= b:
        return None
    return (a - b) * 100 / b


def catalogs(deltas: Iterable[CostDelta]) -> dict[str, str]:
    """The catalog versions the sides were priced from, by catalog."""
    return _of_sides(deltas).catalogs


def assumptions(deltas: Iterable[CostDelta]) -> tuple[Assumption, ...]:
    """Every value the estimate assumed, once; a usage default or glob that several changed
    resources share says how many (``usage.models.default; shared by 12 resources``)."""
    return _of_sides(deltas).assumptions


def side_notes(deltas: Iterable[CostDelta]) -> tuple[str, ...]:
    """Notes the pricing of each side left (ignored usage keys, ...), once each, sorted."""
    return _of_sides(deltas).notes


@frozen(eq=False)
class _Said:
    """What the sides of a report say besides their amounts (``_of_sides``)."""

    catalogs: dict[str, str]
    assumptions: tuple[Assumption, ...]
    notes: tuple[str, ...]


def _of_sides(deltas: Iterable[CostDelta], *, once: bool = True) -> _Said:
    """``catalogs``, ``assumptions`` and ``side_notes`` in one pass over the sides (a large
    plan has thousands). ``once``: a side that says no assumption is looked at once (a large
    plan's sides are a few shared values), unless two of them name two versions of a catalog
    (the last one said wins: then every side is looked at)."""
    if once and not isinstance(deltas, (list, tuple)):
        deltas = list(deltas)
    used: dict[str, str] = {}
    notes: set[str] = set()
    seen: dict[tuple[str, str, str, str], Assumption] = {}
    # the address of the one resource that rests on it, a set only once there are two (a
    # whole tree has an assumption per resource, said by that resource alone)
    users: dict[tuple[str, str, str, str], str | set[str]] = {}
    # the ids of the sides said all they say, and None's (the sides are kept alive by
    # ``deltas``, so the ids stay theirs)
    done = {id(None)}
    for d in deltas:
        side_b, side_a = d.before, d.after
        if id(side_b) in done and id(side_a) in done:
            continue
        for side in (side_b, side_a):
            if side is None:
                continue
            if side.catalog is not None:
                name, version = side.catalog
                if used.setdefault(name, version) != version:
                    if once:
                        return _of_sides(deltas, once=False)
                    used[name] = version
            if side.notes:
                notes.update(side.notes)
            if once and not side.assumptions:
                done.add(id(side))
                continue
            for a in side.assumptions:
                address = d.change.address
                if a.subject == THIS_RESOURCE:  # said of whichever resource the side prices
                    a = Assumption(address, a.key, a.value, a.origin)
                key = (a.subject, a.key, a.value, a.origin)
                held = users.get(key)
                if held is None:
                    seen[key] = a
                    users[key] = address
                elif isinstance(held, str):
                    if held != address:
                        users[key] = {held, address}
                else:
                    held.add(address)
    said = [
        replace(a, origin=f"{a.origin}; shared by {len(many)} resources")
        if isinstance(many := users[k], set)
        and a.origin.startswith("usage.")
        and a.subject not in many
        else a
        for k, a in seen.items()
    ]
    return _Said(
        dict(sorted(used.items())),
        tuple(sorted(said, key=lambda a: (a.subject, a.key))),
        tuple(sorted(notes)),
    )


def build_report(
    deltas: Sequence[CostDelta],
    *,
    findings: Sequence[Finding] = (),
    verdict: Verdict = Verdict.PASS,
    approval: Approval | None = None,
    notes: Sequence[str] = (),
    services: Sequence[ServiceCost] | None = None,
    config: Mapping[str, Any] | None = None,
    catalog_files: Sequence[CatalogUse] = (),
    currency: CurrencyUse | None = None,
    as_of: str | None = None,
) -> Report:
    """Assemble the Report; resources sorted by absolute delta (largest first), then address."""
    ordered, named = _ordered(deltas)
    _PARTS.clear()  # what one report's sort made: not held through the rest of the run
    _HEADS.clear()
    by_project: dict[str, list[CostDelta]] = {}
    named.discard(None)
    if len(named) > 1:  # (a report of one project, or none, has no section of them)
        for d in ordered:
            change = d.change  # (ResourceChange.current, inlined: a call per resource)
            current = change.after or change.before
            assert current is not None
            project = current.project
            if project is not None:
                by_project.setdefault(project, []).append(d)
    projects = (
        tuple(Project(name, _shared_totals(totals(ds))) for name, ds in sorted(by_project.items()))
        if len(by_project) > 1
        else ()
    )
    said = _of_sides(ordered)
    return Report(
        catalogs=said.catalogs,
        totals=totals(ordered),
        costs=ordered,
        findings=tuple(findings),
        verdict=verdict,
        approval=approval or Approval(required=False),
        assumptions=said.assumptions,
        projects=projects,
        notes=(*notes, *said.notes),
        services=None if services is None else tuple(services),
        config=config,
        catalog_files=tuple(catalog_files),
        currency=currency,
        as_of=as_of,
    )


def _shared_totals(t: Totals) -> Totals:
    """A project's totals with amounts other projects hold too as one object each (a whole
    tree of small roots has thousands of projects of a few distinct totals)."""
    from finops_gate.estimate.lines import shared

    def one(value: Decimal | None) -> Decimal | None:
        return None if value is None else shared(value)

    return Totals(
        shared(t.monthly_before),
        shared(t.monthly_after),
        shared(t.monthly_delta),
        one(t.delta_percent),
        t.unpriced,
        one(t.per_request_percent),
    )


def _ordered(deltas: Sequence[CostDelta]) -> tuple[tuple[CostDelta, ...], set[str | None]]:
    """``sorted(deltas, key=_order)``, and the projects of the deltas (None for a resource of
    none): sorted by one string per delta, the rank of its
    ``(unknown, -|delta|)`` among the distinct ones (a large report has a few: ranked once,
    their Decimals compared only there), its ``natural_text`` and its project. Strings compare
    in C; tuples holding Decimals compare element by element (most of a large report's sort).
    The same order, ties kept in input order: the rank has a fixed width, and ``natural_text``
    is prefix-free (a text part ends in NUL, a number says its length) and never holds a NUL
    where another key holds a part, so the NUL after it ends the key below any part."""
    # (sides -> their group, and the text of each delta, in one pass)
    groups: dict[tuple[int, int], tuple[int, Decimal]] = {}
    texts: list[str] = []
    grouped: list[tuple[int, Decimal]] = []
    named: set[str | None] = set()
    for d in deltas:
        b, a = d.before, d.after
        pair = (id(b), id(a))  # (the sides live as long as ``deltas``)
        group = groups.get(pair)
        if group is None:
            group = groups[pair] = _group(b, a)
        change = d.change
        current = change.after or change.before
        assert current is not None
        project = current.project
        named.add(project)
        texts.append(natural_text(change.address) + "\x00" + (project or ""))
        grouped.append(group)
    ranks = {g: i for i, g in enumerate(sorted(set(groups.values())))}
    if len(ranks) > _RANKS:  # (more distinct amounts than the width holds: tuples, as ever)
        return tuple(sorted(deltas, key=_order)), named
    codes = {g: _rank_code(r) for g, r in ranks.items()}
    keys = [codes[g] + t for g, t in zip(grouped, texts, strict=True)]
    del texts, grouped
    return tuple([deltas[i] for i in sorted(range(len(keys)), key=keys.__getitem__)]), named


_RANKS = 1 << 24  # three characters of 0-255 each (latin-1: the fast string comparison)


def _rank_code(rank: int) -> str:
    return chr(rank >> 16) + chr((rank >> 8) & 0xFF) + chr(rank & 0xFF)


def _group(b: Any, a: Any) -> tuple[int, Decimal]:
    """The first two elements of ``_order``'s key for a delta of sides ``b`` and ``a``."""
    m_before = _ZERO if b is None else b.monthly
    m_after = _ZERO if a is None else a.monthly
    if m_before is None or m_after is None:
        return (1, _ZERO)
    delta = m_after - m_before
    return (0, -abs(delta) if delta else _ZERO)


def _order(d: CostDelta) -> tuple[int, Decimal, str, str]:
    # (CostDelta's and ResourceChange's properties, inlined: a key per resource of a report)
    b, a = d.before, d.after
    m_before = _ZERO if b is None else b.monthly
    m_after = _ZERO if a is None else a.monthly
    change = d.change
    key = natural_text(change.address)
    current = change.after or change.before
    assert current is not None
    project = current.project or ""
    if m_before is None or m_after is None:
        return (1, _ZERO, key, project)
    delta = m_after - m_before
    # the one zero for every unchanged resource: all the keys exist at once while sorting
    return (0, -abs(delta) if delta else _ZERO, key, project)


# compiled at its first use, not at import (start-up: natural_text sorts a report; compiling a
# pattern costs about a million instructions, issue 18)
@functools.cache
def _digits() -> re.Pattern[str]:
    return re.compile(r"(\d+)")


def natural_key(address: str) -> tuple[tuple[int, int | str], ...]:
    """``models.2`` before ``models.10``, ``web[9]`` before ``web[10]``: numbers as numbers."""
    # the split alternates text and the digit runs the pattern matched (odd positions): a run
    # is read as a number by position, never by ``isdigit``, which also takes "²" (not a digit)
    parts = _digits().split(address)
    return tuple(
        [
            (0, int(part)) if i & 1 and len(part) < 30 else (1, part)
            for i, part in enumerate(parts)
            if part
        ]
    )


# natural_key as one string that sorts the same: strings compare in C, tuples of tuples through
# a rich comparison per element (most of a large report's sort). A number is tag 2, its count of
# digits as one character and its digits (written without leading zeros; its run is under 30
# digits, so the count is too): fewer digits is a smaller number, the same count compares digit
# by digit. A text is tag 3, the text, and 0 to end it (below every character of a text, which
# writes its own 0 and 1 as 1 1 and 1 2): a shorter element or key sorts first, numbers before
# texts, as the tuples do.
_ESCAPE = str.maketrans({"\x00": "\x01\x01", "\x01": "\x01\x02"})


def natural_text(address: str) -> str:
    """``natural_key`` of ``address`` as a string in the same order (tests hold the two)."""
    # the runs of digits and of other characters (the non-empty parts of ``_digits().split``),
    # each through the cache of parts: in C for every part seen before (a large plan's
    # addresses are made of a few hundred parts)
    if not address.isascii():
        return _runs_text(address)
    # An ASCII address is its head, its last run of digits and the text after it (each maybe
    # empty): the runs of the head, then those two. A large plan's addresses share a few heads
    # (``module.app3.aws_instance.r`` of ``...r17``), each split into its runs once; the
    # pattern costs more than the rest of the key.
    rest = address.rstrip(_ASCII_TEXT)
    head = rest.rstrip(_ASCII_DIGITS)
    parts = _PARTS
    tail = parts[address[len(rest) :]] if len(rest) < len(address) else ""
    if len(head) == len(rest):  # (no digit: one text run, or nothing)
        return tail
    run = rest[len(head) :]  # (ASCII digits: ``_Parts.__missing__``'s text, made here)
    digits = parts.get(run)
    if digits is None:
        number = run.lstrip("0") or "0"
        digits = f"\x02{chr(len(number))}{number}" if len(run) < 30 else parts[run]
    if not head:
        return digits + tail
    text = _HEADS.get(head)
    if text is None:
        text = _runs_text(head)
        if len(_HEADS) < _Parts._MAX:
            _HEADS[head] = text
    return text + digits + tail


def _runs_text(address: str) -> str:
    return "".join(map(_PARTS.__getitem__, _RUNS.findall(address)))


_ASCII_DIGITS = "0123456789"
_ASCII_TEXT = "".join(chr(c) for c in range(128) if chr(c) not in _ASCII_DIGITS)
# the head of an address (everything before its last digit run) -> its text: bounded as the
# parts are, emptied with them once a report is sorted
_HEADS: dict[str, str] = {}


_RUNS = re.compile(r"\d+|\D+")


class _Parts(dict[str, str]):
    """A part of an address -> its text in ``natural_text``, made on its first use. A part is
    a digit run or text with no digit in it, so the part alone tells which (``natural_key``
    tells them by their position in the split). Bounded: past ``_MAX`` parts (a whole tree's
    addresses number their resources: thousands of runs seen once each) a part's text is made
    and not kept; ``build_report`` empties it once its sort is done."""

    _MAX = 4096

    def __missing__(self, part: str) -> str:
        # (a part is all digits or has none: its first character tells, as ``\d`` would;
        # ASCII digits are read as text, others as the number they write)
        if len(part) < 30 and part[:1].isdecimal():
            digits = (part.lstrip("0") or "0") if part.isascii() else str(int(part))
            text = f"\x02{chr(len(digits))}{digits}"
        else:
            text = f"\x03{part.translate(_ESCAPE)}\x00"
        if len(self) < self._MAX:
            self[part] = text
        return text


_PARTS = _Parts()
