"""Every AWS line counts its quantity in the unit its catalog key is priced per.

A line of 730 shard-hours priced against a key held per GB would still multiply: nothing at run
time can tell the label is wrong. So every mapper is run over its plan fixture (with the
fixture's usage) against the newest shipped AWS catalog, and each line's unit must be the key's.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from finops_gate.catalogs.price import PriceCatalog
from finops_gate.catalogs.store import CatalogSet
from finops_gate.estimate import lines as priced_lines
from finops_gate.estimate import terraform
from finops_gate.model import CostLine, SideCost
from tests.estimate.aws.plan_fixture import FIXTURES, resources, usage_file

# Labels the shipped catalogs print otherwise than the lines count, with why the price is still
# right. They stay: a refreshed catalog layered over the shipped one must keep each key's unit
# (catalogs/price.py), so relabelling a key would refuse the refreshed directories users hold.
# The list only shrinks (an entry no longer true fails).
KNOWN = {
    ("dynamodb.replicated_wru", "730 rWRUs", "rWRU"): "the rate is per 730 rWRUs "
    "(estimate/aws/dynamodb_table.py); the golden table it came from quotes it per rWRU-hour",
    ("ebs.gp3.throughput", "MBps", "Mbps"): "gp3 throughput is billed per MB/s-month; the "
    "catalog's label has a lowercase b",
    ("ebs.standard.io_requests", "1M requests", "1M request"): "the same unit, singular",
    ("kinesis.provisioned.extended_retention", "shard-hours", "GB"): "the price is the price "
    "list's Extended-ShardHour, per shard-hour; the golden table it came from labels it GB",
}


def _units_seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """(key, line unit, catalog unit) of every line priced from now on."""
    seen: list[tuple[str, str, str]] = []
    real = priced_lines.price_lines

    def spy(lines: Sequence[CostLine], catalog: PriceCatalog, region: str) -> SideCost:
        pending = list(lines)
        while pending:
            line = pending.pop()
            unit = catalog.unit(line.price_key)
            if unit is not None and line.unit_price is None:
                seen.append((line.price_key, line.unit, unit))
            if line.fallback is not None:
                pending.append(line.fallback)
        return real(lines, catalog, region)

    monkeypatch.setattr(terraform, "price_lines", spy)
    return seen


def test_every_fixture_line_is_counted_in_its_keys_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    terraform.forget()
    seen = _units_seen(monkeypatch)
    catalogs = CatalogSet()
    for path in sorted(FIXTURES.glob("*.json")):
        kind = path.name.removesuffix(".json")
        usage = usage_file(kind)
        for resource in resources(kind):
            terraform.price_side(resource, usage, catalogs)
    terraform.forget()
    assert len({key for key, _, _ in seen}) > 100  # the spy saw the fixtures' lines
    assert sorted({s for s in seen if s[1] != s[2]} - set(KNOWN)) == []
    assert sorted(set(KNOWN) - set(seen)) == []


def test_a_line_in_another_unit_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # the check itself: a shard-hour line against a key the catalog holds per GB
    seen = _units_seen(monkeypatch)
    catalog = CatalogSet().price_catalog("aws")
    line = CostLine("Storage", "shard-hours", "ebs.gp3.storage", None)
    spy = terraform.price_lines  # type: ignore[attr-defined]  # (the one the pricer calls)
    spy((line,), catalog, "us-east-1")
    assert seen == [("ebs.gp3.storage", "shard-hours", "GB")]
