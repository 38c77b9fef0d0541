"""aws_ebs_snapshot: standard or archive tier storage for the source volume's size."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import ebs_snapshot
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _snapshot(attrs: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    kind = "aws_ebs_snapshot"
    return Resource(f"{kind}.s", "terraform", kind, "aws", "us-east-1", attrs, unknown)


def test_the_archive_tier_has_its_own_rate_never_the_standard_one() -> None:
    (line,) = ebs_snapshot.cost_lines(
        _snapshot({"volume_size": 500, "storage_tier": "archive"}), Usage()
    )
    assert (line.price_key, line.quantity) == ("ebs.snapshot.archive_storage", Decimal(500))


def test_an_unset_tier_is_standard_and_one_written_unknown_is_unpriced() -> None:
    # a plan shows storage_tier unknown when it is left unset (the provider computes it)
    (line,) = ebs_snapshot.cost_lines(
        _snapshot({"volume_size": 50}, frozenset({"storage_tier"})), Usage()
    )
    assert line.price_key == "ebs.snapshot.storage"
    coded = {"volume_size": 50, "__unknown_inputs__": {"storage_tier": "var.tier"}}
    (line,) = ebs_snapshot.cost_lines(_snapshot(coded), Usage())
    assert line.unknown_reason == "storage_tier is unknown until apply"
