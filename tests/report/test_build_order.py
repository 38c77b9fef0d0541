"""report.build orders resources naturally (``web[9]`` before ``web[10]``) with one flat key per
resource: the same order as a key of one (kind, value) pair per part."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from finops_gate.report.build import flat_natural_key

_DIGITS = re.compile(r"(\d+)")


def _pairs(address: str) -> tuple[tuple[int, int | str], ...]:
    """The readable definition: a number before text, numbers by value, text by text."""
    parts = _DIGITS.split(address)
    return tuple(
        (0, int(part)) if i & 1 and len(part) < 30 else (1, part)
        for i, part in enumerate(parts)
        if part
    )


_ADDRESS = st.lists(
    st.one_of(
        st.sampled_from(["aws_instance.web[", "]", ".", "Deployment/team-", "/svc-", '"', "²"]),
        st.from_regex(r"\A[0-9]{1,35}\Z"),
        st.text(max_size=4),
    ),
    max_size=8,
).map("".join)


@given(st.lists(_ADDRESS, max_size=12))
def test_the_flat_key_sorts_as_the_key_of_pairs(addresses: list[str]) -> None:
    assert sorted(addresses, key=flat_natural_key) == sorted(addresses, key=_pairs)


def test_numbers_sort_as_numbers() -> None:
    addresses = ["web[10]", "web[9]", "web[x]", "web[0010]", "web"]
    assert sorted(addresses, key=flat_natural_key) == [
        "web",
        "web[9]",
        "web[10]",
        "web[0010]",
        "web[x]",
    ]
