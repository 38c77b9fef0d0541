"""The JSON serialiser knows no domain: what a resource is comes from the estimate's fields."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.model import Action, CostDelta, Resource, ResourceChange, SideCost, Status
from finops_gate.report.json import resource


def _delta(
    before: Resource | None, after: Resource | None, b: SideCost | None, a: SideCost | None
) -> CostDelta:
    current = after or before
    assert current is not None
    action = Action.UPDATE if before and after else Action.CREATE if after else Action.DELETE
    return CostDelta(ResourceChange(current.address, action, before, after), b, a)


def _setting(address: str, model: str) -> Resource:
    return Resource(address, "models", "llm_model", "llm", attributes={"model": model})


def test_identity_fields_of_any_domain_become_before_and_after_fields() -> None:
    pod = Resource("Deployment/default/web", "kubernetes", "Deployment", "kubernetes")
    b = SideCost(Status.PRICED, Decimal(10), identity={"image": "web:1"})
    a = SideCost(Status.PRICED, Decimal(12), identity={"image": "web:2"})
    out = resource(_delta(pod, pod, b, a))
    assert (out["image_before"], out["image_after"]) == ("web:1", "web:2")
    assert "model_before" not in out and "moved_from" not in out


def test_model_fields_come_from_the_estimate_not_from_the_kind() -> None:
    setting = _setting("app.yaml#chat.model", "gpt-4o")
    # a side priced without an identity says nothing about a model, whatever its kind
    plain = resource(_delta(None, setting, None, SideCost(Status.PRICED, Decimal(1))))
    assert "model_before" not in plain and "model_after" not in plain
    named = SideCost(Status.PRICED, Decimal(1), identity={"model": "gpt-4o"})
    created = resource(_delta(None, setting, None, named))
    assert (created["model_before"], created["model_after"]) == (None, "gpt-4o")


def test_a_side_without_a_value_for_its_identity_shows_null() -> None:
    setting = _setting("app.yaml#chat.model", "gpt-4o")
    unpinned = SideCost(Status.UNPRICED, None, reason="x", identity={"model": None})
    named = SideCost(Status.PRICED, Decimal(1), identity={"model": "gpt-4o"})
    out = resource(_delta(setting, setting, unpinned, named))
    assert (out["model_before"], out["model_after"]) == (None, "gpt-4o")


def test_a_resource_whose_address_changed_says_where_it_moved_from() -> None:
    old = _setting("a.yaml#chat.model", "gpt-4o")
    new = _setting("b.yaml#chat.model", "gpt-4o")
    side = SideCost(Status.PRICED, Decimal(1), identity={"model": "gpt-4o"})
    out = resource(_delta(old, new, side, side))
    assert out["moved_from"] == "a.yaml#chat.model"
    same = resource(_delta(new, new, side, side))
    assert "moved_from" not in same


def test_projects_with_the_same_totals_share_one_totals_row() -> None:
    """A whole tree of small roots has thousands of projects of a few distinct totals: the
    document holds a totals row per distinct totals, each project's the same as before."""
    from finops_gate.model import Project, Report, Totals
    from finops_gate.report.json import document

    def totals(i: int) -> Totals:  # a Totals object of each project's own
        if i % 2:
            return Totals(Decimal("7.59"), Decimal("7.59"), Decimal(0), Decimal(0))
        return Totals(Decimal("15.18"), Decimal("30.36"), Decimal("15.18"), Decimal(100))

    names = [f"infra/stack{i:05d}" for i in range(6)]
    projects = tuple(Project(name, totals(i)) for i, name in enumerate(names))
    doc = document(Report(catalogs={}, totals=totals(1), costs=(), projects=projects))
    assert doc.projects is not None
    assert [p.name for p in doc.projects] == names
    rows = {id(p.totals) for p in doc.projects}
    assert len(rows) == 2
    assert doc.projects[0].totals.to_json() == {
        "monthly_before": "15.18",
        "monthly_after": "30.36",
        "monthly_delta": "15.18",
        "delta_percent": "100",
        "not_counted": 0,
    }
    assert doc.projects[1].totals.monthly_before == "7.59"
