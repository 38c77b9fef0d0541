from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finops_gate.report.escape import code, md


@pytest.mark.parametrize(
    "hostile",
    [
        "<img src=x onerror=alert(1)>",
        "@octocat please look",
        "[click](https://evil.example)",
        "| broken | table |",
        "**bold** _it_ `code`",
        "line\nbreak\r\n# heading",
        "<!-- finops-gate -->",
        "see #123 and www.evil.example",
    ],
)
def test_untrusted_text_cannot_inject_markup(hostile: str) -> None:
    out = md(hostile)
    assert "<" not in out and ">" not in out and "\n" not in out
    assert "@o" not in out  # mentions are broken with a zero-width space
    assert "](" not in out and "|" not in out.replace("\\|", "")
    assert "http" not in out.replace("h\u200bttp", "") and "www." not in out


def test_code_keeps_backticks_pipes_and_mentions_inert() -> None:
    assert code("a`b") == "<code>a\\`b</code>"
    assert "\\|" in code('aws_instance.web["a|b"]')
    assert "@\u200b" in code("x@y")


def test_long_text_is_cut() -> None:
    assert len(md("x" * 1000)) <= 300


def _per_character(text: str) -> str:
    """The escaping's definition, one character at a time (the oracle of its one-pass table),
    then autolink triggers broken with a zero-width space."""
    out = []
    for ch in text:
        if ch in "&<>":
            out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;"}[ch])
        elif ch == "@":
            out.append("@\u200b")
        elif ch in "\\`*_{}[]()#+!|~$":
            out.append("\\" + ch + ("\u200b" if ch == "#" else ""))
        else:
            out.append(ch)
    return re.sub(
        r"(?i)(https?|ftp|mailto|www)",
        lambda m: m.group(0)[0] + "\u200b" + m.group(0)[1:],
        "".join(out),
    )


@given(
    st.text(
        alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp")),
        max_size=80,
    )
    | st.text(alphabet="ab<>&@#\\`*_{}[]()+!|~$ .:/httpwW", max_size=80)
)
def test_each_character_is_escaped_as_defined(text: str) -> None:
    assert md(text, limit=10_000) == _per_character(text)
