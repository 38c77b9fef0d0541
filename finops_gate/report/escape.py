"""Escape untrusted text (addresses, for_each keys, tag values, file and model names) for
Markdown: no HTML, no Markdown structure, no @mentions, no #references, no autolinks."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# inline-significant characters only: the text never starts a line of its own
_MD_PUNCT = set("\\`*_{}[]()#+!|~$")
_ZWSP = "\u200b"
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www)")


def _table() -> dict[int, str]:
    """Each character's replacement: HTML's three as entities, ``@`` broken with a zero-width
    space, Markdown punctuation backslash-escaped (``#`` also broken: no #references)."""
    table = {ord(ch): entity for ch, entity in _HTML.items()}
    table[ord("@")] = "@" + _ZWSP
    for ch in _MD_PUNCT:
        table[ord(ch)] = "\\" + ch + (_ZWSP if ch == "#" else "")
    return table


_TABLE = _table()


def md(text: object, *, limit: int = 300) -> str:
    """One line of inert text, safe inside a Markdown paragraph or table cell."""
    s = _CONTROL.sub(" ", str(text))
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    escaped = s.translate(_TABLE)  # one C pass (a report escapes thousands of cells)
    # break autolink triggers (http://, www.) with a zero-width space
    return _AUTOLINK.sub(lambda m: m.group(0)[0] + _ZWSP + m.group(0)[1:], escaped)


def code(text: object, *, limit: int = 300) -> str:
    """Untrusted text in monospace. Not a backtick code span: GitHub and GitLab both allow
    ``<code>``, and inside it the same escaping as ``md`` keeps the text inert."""
    return f"<code>{md(text, limit=limit)}</code>"
