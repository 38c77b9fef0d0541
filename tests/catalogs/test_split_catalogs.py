"""Catalog versions split by region (what ``pricing refresh`` writes): an index plus one file per
region, read lazily; checked against the index's digests; layered like whole files."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.catalogs import files as f
from finops_gate.catalogs.refresh.output import Thresholds, finish, read_whole
from finops_gate.catalogs.store import CatalogDir, CatalogSet
from finops_gate.cli import main
from finops_gate.errors import CatalogError
from tests.catalogs.conftest import price_doc

EU = "eu-central-1"
WEST = "us-west-2"


def _doc(version: str = "2026-11-20", m5_eu: str = "0.115") -> dict[str, Any]:
    doc = price_doc(
        "aws",
        version,
        {
            "ec2.instance.m5.large": {EU: m5_eu, WEST: "0.096"},
            "ec2.instance.m5.xlarge": {WEST: "0.192"},
        },
    )
    doc["prices"]["ebs.gp3.storage"] = {"unit": "GB", "source": "team", "regions": {EU: "0.0952"}}
    doc["prices"]["route53.hosted_zone"] = {
        "unit": "months",
        "source": "team",
        "regions": {"*": "0.5"},
    }
    return doc


def _write(team: Path, doc: dict[str, Any]) -> Path:
    accept = Thresholds(max_price_moves=Decimal(100))
    written = finish(doc, team, regions=[EU, WEST], thresholds=accept)
    return written.path


@pytest.fixture
def team(tmp_path: Path) -> Path:
    out = tmp_path / "team"
    _write(out, _doc())
    return out


def _catalog(team: Path) -> Any:
    return CatalogSet(dirs=(CatalogDir(team, "team"),)).price_catalog("aws")


def test_a_refreshed_version_is_an_index_and_one_file_per_region(team: Path) -> None:
    index = json.loads((team / "aws" / "2026-11-20.json").read_text(encoding="utf-8"))
    assert sorted(index["parts"]) == [EU, WEST]
    assert index["prices"] == {
        "route53.hosted_zone": {"unit": "months", "source": "team", "regions": {"*": "0.5"}}
    }  # only what holds everywhere stays in the index
    assert index["units"]["ec2.instance.m5.xlarge"] == "hours"
    part = json.loads((team / "aws" / "2026-11-20" / f"{WEST}.json").read_text(encoding="utf-8"))
    assert part["region"] == WEST and set(part["prices"]) == {
        "ec2.instance.m5.large",
        "ec2.instance.m5.xlarge",
    }
    sums = f.parse_sums((team / f.SUMS).read_text(encoding="utf-8"))
    assert set(sums) == {
        "aws/2026-11-20.json",
        f"aws/2026-11-20/{EU}.json",
        f"aws/2026-11-20/{WEST}.json",
    }
    assert read_whole(team / "aws" / "2026-11-20.json")["prices"] == _doc()["prices"]
    result = CliRunner().invoke(main, ["pricing", "validate", str(team)])
    assert result.exit_code == 0, result.stderr


def test_a_price_reads_only_its_region(team: Path) -> None:
    (team / "aws" / "2026-11-20" / f"{WEST}.json").unlink()  # another region's part is gone
    catalog = _catalog(team)
    assert catalog.price("ec2.instance.m5.large", EU) == Decimal("0.115")
    assert catalog.price("route53.hosted_zone", EU) == Decimal("0.5")
    assert catalog.covers(WEST)  # known from the index, without reading the part
    with pytest.raises(CatalogError, match=f"{WEST}.json: cannot read"):
        catalog.price("ec2.instance.m5.large", WEST)


def test_a_split_team_version_layers_over_the_shipped_catalog(team: Path) -> None:
    catalog = _catalog(team)
    assert catalog.price("ec2.instance.m5.large", WEST) == Decimal("0.096")  # the team's
    assert catalog.price("ec2.instance.m5.large", "us-east-1") == Decimal("0.096")  # shipped
    assert catalog.price("ec2.instance.m5.2xlarge", WEST) is None  # never borrowed
    assert catalog.price("ec2.instance.m5.2xlarge", "us-east-1") is not None
    assert catalog.unit("ec2.instance.m5.xlarge") == "hours"


def test_a_later_split_directory_wins_for_the_pairs_it_holds(team: Path, tmp_path: Path) -> None:
    later = tmp_path / "later"
    doc = price_doc("aws", "2026-11-25", {"ec2.instance.m5.large": {EU: "0.2"}})
    finish(doc, later, regions=[EU], thresholds=Thresholds())
    catalogs = CatalogSet(dirs=(CatalogDir(team, "team"), CatalogDir(later, "later")))
    catalog = catalogs.price_catalog("aws")
    assert catalog.price("ec2.instance.m5.large", EU) == Decimal("0.2")
    assert catalog.price("ebs.gp3.storage", EU) == Decimal("0.0952")  # the first dir's, kept


def test_an_edited_part_is_refused_naming_it(team: Path) -> None:
    part = team / "aws" / "2026-11-20" / f"{EU}.json"
    part.write_text(part.read_text(encoding="utf-8").replace("0.115", "0.001"), encoding="utf-8")
    with pytest.raises(CatalogError, match=f"{EU}.json: contents do not match the sha256"):
        _catalog(team).price("ec2.instance.m5.large", EU)
    result = CliRunner().invoke(main, ["pricing", "validate", str(team)])
    assert result.exit_code == 2 and f"{EU}.json: contents do not match" in result.stderr


def _rewrite_part(team: Path, change: Callable[[dict[str, Any], dict[str, Any]], None]) -> None:
    """Edit the eu part and re-pin its sha256 in the index, as a careless hand edit would."""
    index_path = team / "aws" / "2026-11-20.json"
    part = team / "aws" / "2026-11-20" / f"{EU}.json"
    data = json.loads(part.read_text(encoding="utf-8"))
    index = json.loads(index_path.read_text(encoding="utf-8"))
    change(data, index)
    raw = json.dumps(data).encode()
    part.write_bytes(raw)
    index["parts"][EU]["sha256"] = f.sha256_hex(raw)
    index_path.write_text(json.dumps(index), encoding="utf-8")
    (team / f.SUMS).unlink()  # the team re-signed nothing: only the index pins the part


def test_a_part_gives_each_price_alone_its_metadata_once_in_the_index(team: Path) -> None:
    part = json.loads((team / "aws" / "2026-11-20" / f"{EU}.json").read_text(encoding="utf-8"))
    assert part["prices"]["ec2.instance.m5.large"] == "0.115"
    index = json.loads((team / "aws" / "2026-11-20.json").read_text(encoding="utf-8"))
    assert index["keys"]["ebs.gp3.storage"] == {"source": "team"}


def test_a_part_written_with_whole_entries_still_reads(team: Path) -> None:
    def whole_entries(data: dict[str, Any], index: dict[str, Any]) -> None:
        data["prices"] = {
            key: {"unit": index["units"][key], **index["keys"][key], "regions": {EU: price}}
            for key, price in data["prices"].items()
        }

    _rewrite_part(team, whole_entries)
    assert _catalog(team).price("ec2.instance.m5.large", EU) == Decimal("0.115")
    result = CliRunner().invoke(main, ["pricing", "validate", str(team)])
    assert result.exit_code == 0, result.stderr


def test_a_price_alone_without_its_key_in_the_index_is_refused(team: Path) -> None:
    def orphan(data: dict[str, Any], index: dict[str, Any]) -> None:
        data["prices"]["ec2.instance.m5.metal"] = "5.0"

    _rewrite_part(team, orphan)
    with pytest.raises(CatalogError, match=r"ec2\.instance\.m5\.metal"):
        _catalog(team).price("ec2.instance.m5.large", EU)
    result = CliRunner().invoke(main, ["pricing", "validate", str(team)])
    assert result.exit_code == 2 and "ec2.instance.m5.metal" in result.stderr


def test_a_part_holding_another_regions_prices_is_refused(team: Path) -> None:
    def elsewhere(data: dict[str, Any], index: dict[str, Any]) -> None:
        key = "ec2.instance.m5.large"
        data["prices"][key] = {"unit": "hours", **index["keys"][key], "regions": {WEST: "0.001"}}

    _rewrite_part(team, elsewhere)
    with pytest.raises(CatalogError, match="holds only eu-central-1"):
        _catalog(team).price("ec2.instance.m5.large", EU)


def test_an_unlisted_part_and_a_folder_without_its_index_are_reported(team: Path) -> None:
    extra = team / "aws" / "2026-11-20" / "ap-south-1.json"
    extra.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["pricing", "validate", str(team)])
    assert result.exit_code == 2 and "ap-south-1.json: not listed in the index" in result.stderr
    extra.unlink()
    (team / "aws" / "2026-11-01").mkdir()
    result = CliRunner().invoke(main, ["pricing", "validate", str(team)])
    assert (
        result.exit_code == 2 and "2026-11-01/: region files without their index" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_pricing_list_show_and_diff_read_split_versions(
    team: Path, make_dir: Callable[..., Path]
) -> None:
    listed = CliRunner().invoke(
        main, ["pricing", "list", "--catalog-dir", str(team), "--format", "json"]
    )
    assert listed.exit_code == 0, listed.stderr
    mine = [c for c in json.loads(listed.stdout) if c["origin"] == str(team)]
    assert (mine[0]["entries"], mine[0]["regions"]) == (4, 2)
    shown = CliRunner().invoke(
        main, ["pricing", "show", "aws", "ec2.instance.m5.large", "--catalog-dir", str(team)]
    )
    assert shown.exit_code == 0, shown.stderr
    assert f"{EU}  0.115" in shown.stdout and f"{WEST}     0.096" in shown.stdout
    newer = _write(team, _doc("2026-11-27", m5_eu="0.12"))
    diffed = CliRunner().invoke(
        main, ["pricing", "diff", str(team / "aws" / "2026-11-20.json"), str(newer)]
    )
    assert diffed.exit_code == 0, diffed.stderr
    assert "ec2.instance.m5.large" in diffed.stdout and "0.115 -> 0.12" in diffed.stdout


def test_a_check_in_one_region_prices_from_its_part(eu_plan: Path, team: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "--plan", str(eu_plan), "--catalog-dir", str(team), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    (dr,) = [r for r in doc["resources"] if r["address"] == "aws_instance.dr_replica"]
    assert dr["status"] == "priced"
    expected = Decimal("0.115") * 730 + Decimal("0.0952") * 30
    assert Decimal(dr["monthly_after"]) == expected.quantize(Decimal("0.01"))
    assert f"{team}/aws/2026-11-20.json" in {c["file"] for c in doc["catalog_files"]}


def test_a_report_names_the_index_and_each_regional_part_read(eu_plan: Path, team: Path) -> None:
    for _ in range(2):  # a second run in the same process names only what it read itself
        result = CliRunner().invoke(
            main, ["check", "--plan", str(eu_plan), "--catalog-dir", str(team), "--format", "json"]
        )
        assert result.exit_code == 0, result.stderr
        rows = {c["file"]: c for c in json.loads(result.stdout)["catalog_files"]}
        index = json.loads((team / "aws" / "2026-11-20.json").read_text(encoding="utf-8"))
        part = f"{team}/aws/2026-11-20/{EU}.json"
        assert part in rows and f"{team}/aws/2026-11-20/{WEST}.json" not in rows
        assert rows[part]["sha256"] == index["parts"][EU]["sha256"]
        assert rows[part]["version"] == "2026-11-20" and rows[part]["origin"] == str(team)
    catalogs = CatalogSet(dirs=(CatalogDir(team, "team"),))
    catalogs.price_catalog("aws").price("ec2.instance.m5.large", WEST)
    assert [u.file for u in catalogs.used() if u.origin == "team"] == [
        "team/aws/2026-11-20.json",
        f"team/aws/2026-11-20/{WEST}.json",
    ]


def test_a_check_with_a_missing_region_file_is_exit_2_in_one_line(
    eu_plan: Path, team: Path
) -> None:
    (team / "aws" / "2026-11-20" / f"{EU}.json").unlink()
    result = CliRunner().invoke(main, ["check", "--plan", str(eu_plan), "--catalog-dir", str(team)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and f"{EU}.json: cannot read" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
