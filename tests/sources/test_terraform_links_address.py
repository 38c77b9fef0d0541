"""The module part of an address (terraform_links), read backwards from its end: the same as
the search for ``(data.)type.name[index]`` at its end that it replaces."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from finops_gate.sources.terraform_links import _module_of, _resource_part, bare

# the definition: the leftmost tail of the address that is a resource part
_ORACLE = re.compile(r"((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)$")


def _expected(address: str) -> tuple[str, str] | None:
    found = _ORACLE.search(address)
    return None if found is None else (address[: found.start()], found.group(1))


def test_addresses_of_every_shape_split_into_module_and_resource() -> None:
    for address, module in (
        ("aws_instance.web", ""),
        ("aws_instance.web[0]", ""),
        ('module.m["a.b"].aws_x.name[1]', 'module.m["a.b"].'),
        ("module.a.module.b.data.aws_ami.x", "module.a.module.b."),
        ('aws_x.n["a]b"]', None),
        ("Xaws_x.n", "X"),
        ("data.9abc.n", "data.9"),
        ("module.m.aws_x.n\n", "module.m."),
        ("", None),
    ):
        assert _resource_part(address) == _expected(address)
        assert _module_of(address) == (module or "")


_PIECES = ["data.", "aws_x", ".", "name", "[", "]", '"', "module.", "m", "[0]", '["a.b"]']
_PIECES += ["X", "9", "-", "\n", "data", "a[b", "]x", "..", "é"]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join) | st.text(max_size=16))
def test_any_text_splits_as_the_search_at_its_end_splits_it(address: str) -> None:
    assert _resource_part(address) == _expected(address)


_INDEXES = re.compile(r'\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]')


@settings(max_examples=1000)
@given(st.lists(st.sampled_from([*_PIECES, '["a]"]', "\\", '"']), max_size=10).map("".join))
def test_an_address_without_indexes_is_the_address_with_every_index_cut(address: str) -> None:
    assert bare(address) == _INDEXES.sub("", address)
