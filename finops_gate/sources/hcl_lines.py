"""Attribute access continued on the next line inside parentheses or brackets, which Terraform
reads and python-hcl2 refuses::

    length(try(
      var.node_config.containerd_config
      .private_registry_access_config,
      []
    ))

Inside ``(...)`` and ``[...]`` HCL ignores newlines, so the text is rewritten with each such
``.name`` pulled up onto the line before it, and the newlines it took moved to the next line
break (a blank line where one line break is allowed): every block keeps its line numbers. Only
used when the parser refused the file as written; strings, templates, comments and heredocs
are copied untouched.
"""

from __future__ import annotations

import re

_HEREDOC = re.compile(r"<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n")
_BLANK = re.compile(r"[ \t\r\n]*")
_ATTRIBUTE = re.compile(r"\.[A-Za-z_*]")


def join_continuations(text: str) -> str | None:
    """``text`` with continued attribute access joined (see the module), or None when it holds
    none."""
    out: list[str] = []
    stack: list[str] = []  # "(" "[" "{" brackets, "T" a template's ${ }, "S" a string
    deferred = 0  # line breaks taken out, given back at the next one kept
    joined = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if stack and stack[-1] == "S":
            if c == "\\":
                out.append(text[i : i + 2])
                i += 2
                continue
            if text.startswith(("$${", "%%{"), i):
                out.append(text[i : i + 3])
                i += 3
                continue
            if text.startswith(("${", "%{"), i):
                stack.append("T")
                out.append(text[i : i + 2])
                i += 2
                continue
            if c == '"':
                stack.pop()
            out.append(c)
            i += 1
            continue
        if c == "#" or text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(text[i:end])
            i = end
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(text[i:end])
            i = end
            continue
        if c == "<" and (m := _HEREDOC.match(text, i)):
            # the heredoc's body and its closing line, as written
            closing = re.compile(rf"^[ \t]*{re.escape(m.group(1))}[ \t]*$", re.M)
            end_match = closing.search(text, m.end())
            end = n if end_match is None else end_match.end()
            out.append(text[i:end])
            i = end
            continue
        if c == '"':
            stack.append("S")
        elif c in "([{":
            stack.append(c)
        elif c in ")]}" and stack:
            stack.pop()
        elif c == "\n":
            # the whole run of blank space at once (each character is looked at once: a run of
            # a million newlines is one step, not a million scans of what follows)
            blank = _BLANK.match(text, i)
            end = blank.end() if blank is not None else i + 1
            span = text[i:end]
            if stack and stack[-1] in "([" and _ATTRIBUTE.match(text, end):
                deferred += span.count("\n")
                joined = True
                out.append(" ")
            else:
                out.append(span.replace("\n", "\n" * (1 + deferred), 1))
                deferred = 0
            i = end
            continue
        out.append(c)
        i += 1
    if not joined:
        return None
    out.append("\n" * deferred)
    return "".join(out)
