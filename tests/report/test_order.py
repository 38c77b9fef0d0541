"""A report's resources are ordered by their addresses' natural key, compared as one string
(report/build.py ``natural_text``): the same order as the tuples of ``natural_key``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from finops_gate.report.build import natural_key, natural_text

_PIECES = ["module.", "m", "aws_x.", "web", "[", "]", '"', "0", "7", "10", "007", "9" * 31]
_PIECES += ["\x00", "\x01", "\x02", "\x03", "²", "٣", ".", "-", "a", "é", "😀", ""]
_address = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join) | st.text(max_size=12)


def _sign(a: object, b: object) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


@settings(max_examples=1000)
@given(_address, _address)
def test_two_addresses_compare_as_their_natural_keys_do(a: str, b: str) -> None:
    assert _sign(natural_text(a), natural_text(b)) == _sign(natural_key(a), natural_key(b))


def test_numbers_sort_as_numbers_and_before_text() -> None:
    addresses = ["web[10]", "web[9]", "web[x]", "web", "web[009]", "web[1]a", "web[1]"]
    assert sorted(addresses, key=natural_text) == sorted(addresses, key=natural_key)
    assert sorted(addresses, key=natural_text)[:3] == ["web", "web[1]", "web[1]a"]
