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


def md(text: object, *, limit: int = 300) -> str:
    """One line of inert text, safe inside a Markdown paragraph or table cell."""
    s = _CONTROL.sub(" ", str(text))
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    out: list[str] = []
    for ch in s:
        if ch in _HTML:
            out.append(_HTML[ch])
        elif ch == "@":
            out.append("@" + _ZWSP)
        elif ch in _MD_PUNCT:
            out.append("\\" + ch + (_ZWSP if ch == "#" else ""))
        else:
            out.append(ch)
    escaped = "".join(out)
    # break autolink triggers (http://, www.) with a zero-width space
    return _AUTOLINK.sub(lambda m: m.group(0)[0] + _ZWSP + m.group(0)[1:], escaped)


def code(text: object, *, limit: int = 300) -> str:
    """Untrusted text in monospace. Not a backtick code span: GitHub and GitLab both allow
    ``<code>``, and inside it the same escaping as ``md`` keeps the text inert."""
    return f"<code>{md(text, limit=limit)}</code>"
