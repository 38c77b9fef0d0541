from __future__ import annotations

import pytest

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
