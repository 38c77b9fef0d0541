"""Equal priced values are one object (estimate/lines.py ``shared``): a whole-tree check prices
thousands of resources of a few shapes, and each must not hold its own copy of the same lines,
amounts and quantities. Values that print differently are never merged."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from finops_gate.config import Settings
from finops_gate.estimate import kubernetes as k8s
from finops_gate.estimate.lines import price_lines, shared
from finops_gate.model import CostLine, Resource, Status


class _Catalog:
    name, version, label = "test", "2026-12-01", "test 2026-12-01"

    def __init__(self, prices: dict[str, Decimal]) -> None:
        self.prices = prices

    def price(self, key: str, region: str | None) -> Decimal | None:
        return self.prices.get(key)

    def covers(self, region: str | None) -> bool:
        return True

    def missing_region(self, region: str) -> str:
        return f"no {region}"

    def missing_price(self, key: str, region: str | None) -> str:
        return f"no {key}"


def _deployment(name: str, **pod: Any) -> Resource:
    container = {"name": "web", "requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {}}
    return Resource(
        f"Deployment/default/{name}",
        "kubernetes",
        "Deployment",
        "kubernetes",
        attributes={"pod": {"containers": [container], "init": [], "overhead": {}}, "replicas": 2},
    )


def test_workloads_of_one_shape_share_their_lines_amount_and_quantities() -> None:
    a = k8s.price_side(_deployment("a"), Settings())
    b = k8s.price_side(_deployment("b"), Settings())
    assert a.status == b.status == Status.PRICED
    assert a.lines == b.lines and a.lines is b.lines
    assert a.monthly == b.monthly and a.monthly is b.monthly
    assert a.quantities == b.quantities and a.quantities is b.quantities


def test_lines_that_print_differently_are_not_merged() -> None:
    line = CostLine("Instance", "hours", "compute", Decimal(730))
    tenth = price_lines([line], _Catalog({"compute": Decimal("0.1")}), None)
    tenth_again = price_lines([line], _Catalog({"compute": Decimal("0.1")}), None)
    written_longer = price_lines([line], _Catalog({"compute": Decimal("0.10")}), None)
    assert tenth.lines is tenth_again.lines
    assert tenth.lines == written_longer.lines  # equal amounts...
    assert tenth.lines is not written_longer.lines  # ...each as written
    assert str(written_longer.lines[0].unit_price) == "0.10"
    assert str(written_longer.monthly) == "73.00" and str(tenth.monthly) == "73.0"


def test_an_amount_is_shared_only_with_one_that_prints_the_same() -> None:
    one = shared(Decimal("1.50"))
    assert shared(Decimal("1.50")) is one
    assert str(shared(Decimal("1.5"))) == "1.5"
    assert str(shared(Decimal("-0"))) == "-0" and str(shared(Decimal("0"))) == "0"


def test_lines_that_differ_in_any_field_are_never_merged() -> None:
    """shared_lines keys lines by hand: a field added to PricedLine and left out of that key
    would merge lines that differ in it (this test names the field)."""
    import dataclasses

    from finops_gate.estimate.lines import shared_lines
    from finops_gate.model import PricedLine

    base = PricedLine("n", "hours", Decimal("730"), Decimal("0.1"), Decimal("73"), "k", "r")
    held = shared_lines((base,))
    for f in dataclasses.fields(PricedLine):
        value = getattr(base, f.name)
        other: Any = value + Decimal("0.001") if isinstance(value, Decimal) else f"{value}-other"
        variant = dataclasses.replace(base, **{f.name: other})
        assert shared_lines((variant,))[0] == variant, f"PricedLine.{f.name} is not in the key"
    assert shared_lines((base,)) is held


def test_a_side_given_its_own_assumptions_is_the_side_replace_makes() -> None:
    """``_with_assumptions`` (every field read in order) makes what ``replace`` makes, with
    every field set, so a field added to SideCost cannot be dropped or moved by it."""
    from dataclasses import fields, replace

    from finops_gate.estimate.terraform import _with_assumptions
    from finops_gate.model import Assumption, PricedLine, SideCost

    full = SideCost(
        Status.USAGE_UNKNOWN,
        Decimal("1.5"),
        (PricedLine("Instance usage", "hours", Decimal(730), Decimal("0.1"), Decimal(73)),),
        "why",
        Decimal("0.001"),
        Decimal("0.002"),
        {"vCPU": "2"},
        ("aws", "2026-12-01"),
        (Assumption("a", "k", "v", "default"),),
        ("container",),
        ("a note",),
        {"model": "m"},
    )
    assert all(getattr(full, f.name) != f.default for f in fields(SideCost))
    more = (Assumption("aws_instance.web", "operating_system", "Linux", "default"),)
    made = _with_assumptions(full, more)
    assert made == replace(full, assumptions=more)
    assert all(getattr(made, f.name) is getattr(full, f.name) for f in fields(SideCost)[:-4])
