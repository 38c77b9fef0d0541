"""Every registered AWS type has a plan fixture whose priced lines match a reviewed snapshot."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from finops_gate.estimate.aws import FREE, REGISTRY
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import UsageFile
from finops_gate.model import Resource, Status
from finops_gate.sources.terraform_links import BACKWARD, FORWARD
from tests.estimate.aws.plan_fixture import FIXTURES, render_fixture, resources


def test_every_registry_key_has_a_plan_fixture() -> None:
    fixtures = {p.name.removesuffix(".json") for p in FIXTURES.glob("*.json")}
    assert sorted(set(REGISTRY) - fixtures) == []


def test_every_fixture_holds_its_own_type_and_only_what_that_type_refers_to() -> None:
    for path in sorted(FIXTURES.glob("*.json")):
        kind = path.name.removesuffix(".json")
        related = {t for link in FORWARD.get(kind, ()) for t in link.targets}
        related |= {b.source for b in BACKWARD.get(kind, ())}
        related |= {t for r in related for link in FORWARD.get(r, ()) for t in link.targets}
        related |= {b.source for r in related for b in BACKWARD.get(r, ())}
        kinds = {r.kind for r in resources(kind)}
        assert kind in kinds and kinds - {kind} <= related, path.name


def test_free_and_registered_types_do_not_overlap() -> None:
    assert sorted(FREE & set(REGISTRY)) == []


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_priced_lines_match_the_reviewed_snapshot(kind: str, snapshot: object) -> None:
    snapshot.assert_match(render_fixture(kind), f"{kind}.txt")


@pytest.mark.parametrize(
    "kind",
    [
        "aws_iam_role",
        "aws_security_group",
        "aws_launch_template",
        "aws_subnet",
        "aws_lb_listener",
    ],
)
def test_free_types_are_free_not_unsupported(kind: str) -> None:
    side = price_side(Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1"), UsageFile())
    assert (side.status, side.monthly) == (Status.FREE, Decimal(0))


def test_an_unregistered_type_is_unsupported_never_zero() -> None:
    res = Resource(
        "aws_sagemaker_endpoint.x", "terraform", "aws_sagemaker_endpoint", "aws", "us-east-1"
    )
    side = price_side(res, UsageFile())
    assert side.status is Status.UNSUPPORTED
    assert side.monthly is None


def test_the_readme_lists_every_aws_type_priced() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    start = readme.index("- AWS resource types priced (")
    listed = readme[start : readme.index("### ", start)]
    assert f"({len(REGISTRY)};" in listed
    assert [kind for kind in sorted(REGISTRY) if f"`{kind}`" not in listed] == []
