"""Infracost's Azure and Google goldens as an oracle for the formulas of the types priced here.

The same oracle as the AWS suite (``tests/conformance/oracle.py``, ``cloud=``). Every resource of
a type finops-gate prices or lists as free must be within 1% of the golden or be explained, one
reason each, in ``tests/estimate/{azure,gcp}/conformance_allowlist.yml`` (golden / data / fixture
artefact / defect); an entry that no longer matches a difference is stale and fails too. Skips
where ``../shared/reference-data`` is absent (the goldens are never copied into the repo).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from finops_gate.estimate.terraform import FREE, MAPPERS
from tests.conformance import allowlist
from tests.conformance.oracle import Outcome, goldens_dir, run_all

HERE = Path(__file__).resolve().parent
ALLOWLISTS = {
    "azure": HERE.parent / "azure" / "conformance_allowlist.yml",
    "google": HERE / "conformance_allowlist.yml",
}
PREFIX = {"azure": "azurerm_", "google": "google_"}
CATEGORIES = ("golden:", "data:", "fixture artefact:", "defect:")


def outcomes(cloud: str) -> list[Outcome]:
    root = goldens_dir(cloud=cloud)
    if not root.is_dir():
        pytest.skip(f"{root}: Infracost goldens not found (../shared/reference-data)")
    return [o for o in run_all(root, "hcl", cloud=cloud) if o.kind.startswith(PREFIX[cloud])]


def in_scope(outcome: Outcome) -> bool:
    """Types finops-gate claims (priced or free); the rest are reported unsupported."""
    return outcome.kind in MAPPERS or outcome.kind in FREE


@pytest.mark.parametrize("cloud", ["azure", "google"])
def test_every_golden_difference_is_explained_a_silent_zero_included(cloud: str) -> None:
    entries = allowlist.load(ALLOWLISTS[cloud])
    rows = [o for o in outcomes(cloud) if in_scope(o)]
    unexplained = [
        f"{o.case}: {o.address} golden={o.golden} ours={o.ours} ({o.verdict}, {o.status})"
        for o in rows
        if o.verdict != "match" and not allowlist.covers(entries, o)
    ]
    assert unexplained == []


@pytest.mark.parametrize("cloud", ["azure", "google"])
def test_no_allow_list_entry_is_stale(cloud: str) -> None:
    rows = [o for o in outcomes(cloud) if in_scope(o) and o.verdict != "match"]
    stale = [
        e
        for e in allowlist.load(ALLOWLISTS[cloud])
        if not any(allowlist.matches(e, o) for o in rows)
    ]
    assert stale == []


@pytest.mark.parametrize("cloud", ["azure", "google"])
def test_every_allow_list_entry_has_one_reviewed_reason(cloud: str) -> None:
    for entry in allowlist.load(ALLOWLISTS[cloud]):
        assert set(entry) <= {"case", "address", "reason"}, entry
        assert str(entry.get("reason", "")).startswith(CATEGORIES), entry


# Types the goldens declare but never price that are NOT free here: Infracost does not price
# them, yet each bills by itself (reviewed against the Azure price pages); they stay unsupported.
NOT_FREE = {
    "azurerm_backup_protected_vm": "protected-instance fee plus backup storage",
    "azurerm_cosmosdb_account": "serverless and autoscale accounts bill request units",
    "azurerm_express_route_circuit": "circuit bandwidth per month",
    "azurerm_express_route_port": "port pair per month",
    "azurerm_key_vault": "operations and keys per month",
    "azurerm_log_analytics_solution": "solutions bill their own data and nodes",
}


def _types(case_files: list[Path], pattern: str) -> set[str]:
    return {t for f in case_files for t in re.findall(pattern, f.read_text("utf-8"), re.M)}


@pytest.mark.parametrize("cloud", ["azure", "google"])
def test_every_type_the_goldens_never_price_is_free_priced_or_reviewed_as_not_free(
    cloud: str,
) -> None:
    root = goldens_dir(cloud=cloud)
    if not root.is_dir():
        pytest.skip(f"{root}: Infracost goldens not found (../shared/reference-data)")
    prefix = PREFIX[cloud]
    declared = _types(sorted(root.glob("*/*.tf")), rf'^resource\s+"({prefix}[a-z0-9_]+)"')
    priced = _types(sorted(root.glob("*/*.golden")), rf"^ (?:module\.\S+\.)?({prefix}[a-z0-9_]+)\.")
    never_priced = declared - priced
    assert sorted(never_priced - FREE - set(MAPPERS) - set(NOT_FREE)) == []
    assert sorted(set(NOT_FREE) & FREE) == []
