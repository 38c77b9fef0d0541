"""The JSON report of a large document, written one resource at a time (compact).

``ResourceRow.to_json`` stays the one definition of a row; ``row_text`` writes the same text as
``json.dumps(row.to_json(), ensure_ascii=False)`` without building a dict for every row and its
lines: a tuple of lines (rows share them, ``report/json.py``) is encoded once, each other field
in ``to_json``'s order through ``json``'s own string escaping. A row with fields of a newer
version (``extra``) goes through ``to_json`` itself. ``tests/report/test_json_write.py`` holds
the two to the same bytes for every field.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, TextIO

from finops_gate.report.document import Document, FindingRow, Line, ResourceRow
from finops_gate.report.json import FindingRows, Rows

# the string escaping ``json`` itself uses with ensure_ascii=False (its C version)
_string: Any = json.encoder.encode_basestring

# identity keys whose <key>_before/_after would be a field of its own: to_json lets the identity
# replace that field in place, so such a row goes through to_json
# entries each cache holds at most (emptied when full): what repeats is a few values
_BOUND = 4096

_IDENTITY_FREE = frozenset({"monthly", "per_request", "per_request_worst", "quantities", "lines"})


class _Writer:
    """Encodes rows; a tuple of lines that rows share once."""

    def __init__(self) -> None:
        # a row is a fresh tree of plain values: no cycle to look for
        self._encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
        self._strings: dict[str, str] = {}
        # a tuple of lines -> its text, by identity (the tuple kept beside it)
        self._lines: dict[int, tuple[tuple[Line, ...], str]] = {}
        # (policy, severity, message) -> a finding's text before its address and before its file
        self._findings: dict[tuple[Any, ...], tuple[str, str]] = {}

    def lines(self, lines: tuple[Line, ...]) -> str:
        if not lines:
            return "[]"
        hit = self._lines.get(id(lines))
        if hit is not None and hit[0] is lines:
            return hit[1]
        text = self._encode([line.to_json() for line in lines])
        if len(self._lines) >= _BOUND:  # a few shapes repeat; rows that share nothing pass by
            self._lines.clear()
        self._lines[id(lines)] = (lines, text)
        return text

    def value(self, value: Any) -> str:
        """A field's JSON; strings that repeat (kinds, statuses, amounts, regions) once each."""
        if value is None:
            return "null"
        if type(value) is str:
            text = self._strings.get(value)
            if text is None:
                text = _string(value)
                if len(self._strings) >= _BOUND:
                    self._strings.clear()
                self._strings[value] = text
            return text
        return self._encode(value)

    def own(self, value: Any) -> str:
        """The JSON of a field each resource of a tree has its own of (its file, its root
        module): not kept, which would hold a whole tree's names to hit none of them."""
        if value is None:
            return "null"
        return _string(value) if type(value) is str else self._encode(value)

    def row(self, row: ResourceRow) -> str:
        if (
            row.extra
            or (row.identity and not _IDENTITY_FREE.isdisjoint(row.identity))
            or type(row.address) is not str
        ):
            return self._encode(row.to_json())
        v = self.value
        # to_json's keys, in its order
        text = (
            f'{{"address": {_string(row.address)}, "source": {v(row.source)}, '
            f'"kind": {v(row.kind)}, "action": {v(row.action)}, "status": {v(row.status)}, '
            f'"file": {self.own(row.file)}, "line": {v(row.line)}, '
            f'"monthly_before": {v(row.monthly_before)}, '
            f'"monthly_after": {v(row.monthly_after)}, "monthly_delta": {v(row.monthly_delta)}, '
            f'"per_request_before": {v(row.per_request_before)}, '
            f'"per_request_after": {v(row.per_request_after)}, "lines": {self.lines(row.lines)}, '
            f'"project": {self.own(row.project)}, "region": {v(row.region)}, '
            f'"reason": {v(row.reason)}'
        )
        tail: dict[str, Any] = {}
        if row.per_request_worst is not None:
            tail["per_request_worst_before"] = row.per_request_worst[0]
            tail["per_request_worst_after"] = row.per_request_worst[1]
        for key, (before, after) in row.identity.items():
            tail[f"{key}_before"] = before
            tail[f"{key}_after"] = after
        if row.moved_from is not None:
            tail["moved_from"] = row.moved_from
        if row.quantities is not None:
            tail["quantities_before"] = dict(row.quantities[0])
            tail["quantities_after"] = dict(row.quantities[1])
        if tail:
            text = f"{text}, {self._encode(tail)[1:-1]}"
        if row.lines_before is not None:
            text = f'{text}, "lines_before": {self.lines(row.lines_before)}'
        return text + "}"

    def item(self, item: Any) -> str:
        """An entry of a list after the findings (``_STREAMED``): ``to_json``'s text. An
        assumption of four strings (a whole tree has one per resource with a default) is
        written directly, in ``AssumptionRow.to_json``'s order; anything else is encoded."""
        if type(item).__name__ == "AssumptionRow" and type(item).__module__ == _SECTIONS:
            subject, key, value, origin = item.subject, item.key, item.value, item.origin
            if (type(subject), type(key), type(value), type(origin)) == _STRINGS:
                v = self.value
                return (
                    f'{{"subject": {_string(subject)}, "key": {v(key)}, '
                    f'"value": {v(value)}, "origin": {v(origin)}}}'
                )
        return self.value(item.to_json())

    def finding(self, finding: FindingRow) -> str:
        """``FindingRow.to_json``'s text (``fields``)."""
        f = finding
        return self.fields(f.policy, f.severity, f.address, f.message, f.file, f.line)

    def fields(
        self, policy: Any, severity: Any, address: Any, message: Any, file: Any, line: Any
    ) -> str:
        """The text of the finding row of these fields (``FindingRow``'s, in its order; a
        whole-tree check has a finding per resource): what comes before the file made once
        per policy, severity and message (a large change repeats a few), the address, file
        and line (a tree's resources each have their own) written directly."""
        if not (
            (address is None or type(address) is str)
            and (line is None or type(line) is int)
            and (file is None or type(file) is str)
            and type(policy) is str
            and type(severity) is str
            and type(message) is str
        ):  # (not what a check or a reader makes)
            return self._encode(
                FindingRow(policy, severity, address, message, file, line).to_json()
            )
        key = (policy, severity, message)
        around = self._findings.get(key)
        if around is None:
            v = self.value
            around = (
                f'{{"policy": {v(policy)}, "severity": {v(severity)}, "address": ',
                f', "message": {v(message)}, "file": ',
            )
            if len(self._findings) >= _BOUND:
                self._findings.clear()
            self._findings[key] = around
        return (
            f"{around[0]}{'null' if address is None else _string(address)}{around[1]}"
            f"{'null' if file is None else _string(file)}, "
            f'"line": {"null" if line is None else int.__repr__(line)}}}'
        )


def row_text(row: ResourceRow) -> str:
    """``json.dumps(row.to_json(), ensure_ascii=False)``, the same text (module docstring)."""
    return _Writer().row(row)


def finding_text(finding: FindingRow) -> str:
    """``json.dumps(finding.to_json(), ensure_ascii=False)``, the same text."""
    return _Writer().finding(finding)


def write_compact(doc: Document, handle: TextIO) -> None:
    """The whole report, compact, one resource, one finding, one assumption and one project
    at a time: the report never exists as one string or one JSON tree (a whole-tree check has
    a finding per resource, an assumption per resource with a default, a project per root)."""
    # the lists after the findings (``_STREAMED``) stay in the frame only where a field of a
    # newer version may replace them
    lists = {} if doc.extra else {k: getattr(doc, k) for k in _STREAMED if getattr(doc, k)}
    emptied: dict[str, Any] = {k: () for k in lists}
    empty = replace(doc, resources=(), findings=(), **emptied)
    frame = json.dumps(empty.to_json(), ensure_ascii=False)
    before, _, after = frame.partition('"resources": [], "findings": []')
    handle.write(before + '"resources": [')
    writer = _Writer()
    rows = doc.resources
    # a fresh report's rows (report/json.py ``Rows``): written with what rows share once
    texts = rows.texts(writer.row) if isinstance(rows, Rows) else map(writer.row, rows)
    _write_joined(handle, texts, ",")
    handle.write('], "findings": [')
    findings = doc.findings
    # a fresh report's findings (report/json.py ``FindingRows``): written from their fields
    texts = (
        itertools.starmap(writer.fields, findings.fields())
        if isinstance(findings, FindingRows)
        else map(writer.finding, findings)
    )
    _write_joined(handle, texts, ",")
    for key, items in lists.items():
        # after the findings, no key of the frame but this one holds an empty list (notes
        # between them are JSON strings: their quotes are escaped)
        middle, _, after = after.partition(f'"{key}": []')
        handle.write("]" + middle + f'"{key}": [')
        # separated as json.dumps separates them, a few hundred at a time
        _write_joined(handle, map(writer.item, items), ", ")
    handle.write("]" + after + "\n")


def _write_joined(handle: TextIO, texts: Iterator[str], sep: str) -> None:
    """``handle.write(sep.join(texts))``, a few hundred texts at a time (one call per text
    costs more than the text; all of them at once would be the whole report as one string)."""
    batch = list(itertools.islice(texts, _BATCH))
    first = True
    while batch:
        handle.write(("" if first else sep) + sep.join(batch))
        first = False
        batch = list(itertools.islice(texts, _BATCH))


_BATCH = 256
_SECTIONS = "finops_gate.report.assumptions"  # (AssumptionRow's: imported when it has rows)
_STRINGS = (str, str, str, str)

# the lists of ``Document.to_json`` after the findings that grow with the tree, in its order
_STREAMED = ("assumptions", "projects")
