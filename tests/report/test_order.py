"""A report's resources are ordered by their addresses' natural key, compared as one string
(report/build.py ``natural_text``): the same order as the tuples of ``natural_key``."""

from __future__ import annotations

from typing import Any

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


_AMOUNTS = [None, "0", "-0", "1", "1.0", "1.00", "-1", "2.5", "-2.50", "1e3", "0.001"]


def _delta(address: str, before: str | None, after: str | None, project: str | None) -> Any:
    from decimal import Decimal

    from finops_gate.model import Action, CostDelta, Resource, ResourceChange, SideCost, Status

    def side(amount: str | None) -> SideCost:
        if amount is None:
            return SideCost(Status.UNPRICED, None, reason="test")
        return SideCost(Status.PRICED, Decimal(amount))

    resource = Resource(address, "terraform", "aws_x", "aws", project=project)
    change = ResourceChange(address, Action.UPDATE, resource, resource)
    return CostDelta(change, side(before), side(after))


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["web[1]", "web[10]", "web[9]", "db", "a.b[2]", "a.b[02]", "é[3]"]),
            st.sampled_from(_AMOUNTS),
            st.sampled_from(_AMOUNTS),
            st.sampled_from([None, "", "infra", "app"]),
        ),
        max_size=12,
    )
)
def test_resources_are_ordered_by_absolute_delta_then_address_then_project(
    rows: list[tuple[str, str | None, str | None, str | None]],
) -> None:
    from decimal import Decimal

    from finops_gate.report.build import build_report

    deltas = [_delta(*row) for row in rows]

    def reference(d: Any) -> tuple[int, Decimal, tuple[Any, ...], str]:
        # the order as first written: (unknown last, -|delta| with 0 for no change, address)
        delta = d.monthly_delta
        project = d.change.current.project or ""
        if delta is None:
            return (1, Decimal(0), natural_key(d.change.address), project)
        return (0, -abs(delta) if delta else Decimal(0), natural_key(d.change.address), project)

    report = build_report(deltas)
    assert [id(d) for d in report.costs] == [id(d) for d in sorted(deltas, key=reference)]


def test_the_cache_of_parts_is_bounded_and_emptied_after_a_report() -> None:
    """A whole tree numbers its resources (web0 ... web9999): each number is a part seen once,
    so the cache of parts keeps a bounded few, and none past the report that sorted them."""
    from finops_gate.report import build

    addresses = [f"Deployment/ns{i % 23}/web{i}" for i in range(3 * build._Parts._MAX)]
    addresses += [f"x{i}.web[{i}]" for i in range(2 * build._Parts._MAX)]  # a head each
    keys = [natural_text(a) for a in addresses]
    assert len(build._PARTS) <= build._Parts._MAX
    assert len(build._HEADS) <= build._Parts._MAX
    assert sorted(addresses, key=natural_text) == sorted(addresses, key=natural_key)
    assert keys == [natural_text(a) for a in addresses]  # kept or not, the same text
    build.build_report([_delta(a, "1", "2", None) for a in addresses[:50]])
    assert not build._PARTS and not build._HEADS


_SHARED = [None, "0", "-0", "1", "1.00", "-1", "2.5", "-2.50", "1e3"]


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(
            _address,
            st.integers(0, len(_SHARED) - 1),
            st.integers(0, len(_SHARED) - 1),
            st.sampled_from([None, "", "\x00", "a\x00b", "\x01", "infra"]),
        ),
        max_size=14,
    )
)
def test_deltas_that_share_their_sides_sort_as_their_tuples_do(
    rows: list[tuple[str, int, int, str | None]],
) -> None:
    """A large plan's deltas share a few sides (the sort ranks each pair of sides once): any
    address, projects that hold NUL, the order of the tuples of ``_order``, ties kept."""
    from decimal import Decimal

    from finops_gate.model import Action, CostDelta, Resource, ResourceChange, SideCost, Status
    from finops_gate.report.build import _order, build_report

    sides = [
        SideCost(Status.UNPRICED, None, reason="t")
        if a is None
        else SideCost(Status.PRICED, Decimal(a))
        for a in _SHARED
    ]
    deltas = []
    for address, b, a, project in rows:
        resource = Resource(address, "terraform", "aws_x", "aws", project=project)
        change = ResourceChange(address, Action.UPDATE, resource, resource)
        deltas.append(CostDelta(change, sides[b], sides[a]))
    expected = sorted(deltas, key=_order)
    assert [id(d) for d in build_report(deltas).costs] == [id(d) for d in expected]


def test_hundreds_of_distinct_amounts_keep_their_order() -> None:
    """The rank of an amount is written in three characters: past 255 and 65,535 distinct
    amounts the order is still the amounts' (and the codes sort as the ranks do)."""
    from decimal import Decimal

    from finops_gate.model import Action, CostDelta, Resource, ResourceChange, SideCost, Status
    from finops_gate.report.build import _order, _rank_code, build_report

    ranks = [0, 1, 255, 256, 257, 65_535, 65_536, 65_537, (1 << 24) - 1]
    assert sorted(ranks, key=_rank_code) == ranks
    assert len({_rank_code(r) for r in ranks}) == len(ranks)
    deltas = []
    for i in range(600):
        amount = Decimal(i * 7 % 600) / 4
        resource = Resource(f"r{i % 13}", "terraform", "aws_x", "aws")
        change = ResourceChange(resource.address, Action.CREATE, None, resource)
        deltas.append(CostDelta(change, None, SideCost(Status.PRICED, amount)))
    expected = sorted(deltas, key=_order)
    assert [id(d) for d in build_report(deltas).costs] == [id(d) for d in expected]
