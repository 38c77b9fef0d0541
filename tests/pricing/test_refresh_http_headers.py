"""A price server's numeric headers: ASCII digits or nothing (a server is not trusted)."""

from __future__ import annotations

import pytest

from finops_gate.catalogs.refresh.http import _header_int, _retry_after


@pytest.mark.parametrize("header", ["1\u00b22", "\u0661\u0662", "9" * 5000, "-1", "1.5", "", None])
def test_a_header_that_is_no_ascii_number_is_ignored(header: str | None) -> None:
    # "1²2" is digits to str.isdigit but no number to int: a traceback (exit 3) before
    assert _header_int(header) is None
    assert _retry_after(header, 7.0) == 7.0


def test_ascii_numbers_are_read_and_retry_after_is_capped() -> None:
    assert _header_int(" 1024 ") == 1024
    assert _retry_after("3", 7.0) == 3.0
    assert _retry_after("3600", 7.0) == 120.0
