"""The one reader every source uses: any bytes give text or a recorded InputError, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from finops_gate.errors import InputError
from finops_gate.sources.tree import Tree


@given(st.binary(max_size=2000))
def test_any_bytes_are_text_or_a_recorded_input_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "f.yaml").write_bytes(data)
        tree = Tree(Path(tmp))
        try:
            text = tree.read_text("f.yaml")
        except InputError as exc:
            assert str(exc).startswith("f.yaml: ")
            assert "f.yaml" in tree.unreadable
        else:
            assert "\x00" not in text and tree.unreadable == {}


@given(
    st.text(max_size=500).filter(lambda t: "\x00" not in t and not t.startswith("\ufeff")),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)
def test_re_encoding_text_with_a_byte_order_mark_reads_the_same_text(text: str, codec: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "f.yaml").write_bytes(text.encode(codec))
        assert Tree(Path(tmp)).read_text("f.yaml") == text
