"""finops-gate pricing refresh against local fakes of the three price APIs (127.0.0.1 only)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.catalogs.refresh import gcp
from finops_gate.catalogs.refresh.output import read_whole
from finops_gate.cli import main
from tests.pricing.fake_price_apis import GCP_KEY, FakePriceApi, Faults, serve

EC2 = "/offers/v1.0/aws/AmazonEC2/20261120180412/us-east-1/index.csv"
EC2_EU = "/offers/v1.0/aws/AmazonEC2/20261120180412/eu-west-1/index.csv"
ROOT = Path(__file__).resolve().parents[2]
AWS_OFFERS = ROOT / "tests" / "fixtures" / "price-apis" / "aws" / "offers" / "v1.0" / "aws"


@pytest.fixture
def api() -> Iterator[FakePriceApi]:
    yield from serve()


@pytest.fixture(autouse=True)
def _no_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("finops_gate.catalogs.refresh.http.time.sleep", lambda _s: None)


def _refresh(
    api: FakePriceApi, out: Path, cloud: str, *args: str, env: dict[str, str] | None = None
) -> Any:
    return CliRunner(env=env).invoke(
        main,
        [
            "pricing",
            "refresh",
            cloud,
            "--out",
            str(out),
            "--endpoint",
            api.url,
            "--no-progress",
            *args,
        ],
    )


def _only(out: Path, cloud: str) -> tuple[Path, dict[str, Any]]:
    (path,) = sorted((out / cloud).glob("*.json"))
    return path, read_whole(path)  # an index and its regional parts, as one document


def _age(index: Path, day: str) -> None:
    """Make a version written today look written on ``day`` (the index and its parts)."""
    doc = json.loads(index.read_text(encoding="utf-8"))
    doc["version"] = day
    for part in (index.parent / index.stem).glob("*.json"):
        data = json.loads(part.read_text(encoding="utf-8"))
        data["version"] = day
        raw = json.dumps(data).encode()
        part.write_bytes(raw)
        doc["parts"][part.stem]["sha256"] = hashlib.sha256(raw).hexdigest()
    (index.parent / index.stem).rename(index.parent / day)
    (index.parent / f"{day}.json").write_text(json.dumps(doc), encoding="utf-8")
    index.unlink()
    (index.parent.parent / "SHA256SUMS").unlink()


def _prices(doc: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(k, r): p for k, e in doc["prices"].items() for r, p in e["regions"].items()}


def test_aws_refresh_keeps_on_demand_rows_the_mappers_price(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(
        api,
        tmp_path,
        "aws",
        "--region",
        "us-east-1",
        "--region",
        "eu-west-1",
        "--service",
        "AmazonEC2",
    )
    assert result.exit_code == 0, result.stderr
    path, doc = _only(tmp_path, "aws")
    prices = _prices(doc)
    on_demand = {k: v for k, v in prices.items() if ".reserved." not in k[0]}
    assert {k: v for k, v in on_demand.items() if k[0].startswith(("ec2.instance", "nat."))} == {
        ("ec2.instance.m5.large", "us-east-1"): "0.096",
        ("ec2.instance.m5.large", "eu-west-1"): "0.107",
        ("ec2.instance.m5.large.windows", "us-east-1"): "0.188",  # not Windows+SQL, not BYOL
        ("ec2.instance.m5.large.windows_sql_standard", "us-east-1"): "0.668",
        ("ec2.instance.m5.large.windows_sql_enterprise", "us-east-1"): "1.556",
        ("ec2.instance.m5.large.windows_sql_web", "us-east-1"): "0.256",
        ("ec2.instance.m5.large.rhel", "us-east-1"): "0.1248",  # not RHEL with SQL Server
        ("ec2.instance.m5.large.rhel_ha", "us-east-1"): "0.2248",
        ("ec2.instance.m5.large.suse", "us-east-1"): "0.122",
        ("ec2.instance.m5.large.ubuntu_pro", "us-east-1"): "0.101",
        ("ec2.instance.m5.metal", "us-east-1"): "4.608",  # family "Compute Instance (bare metal)"
        ("ec2.instance.t3.medium.windows", "us-east-1"): "0.06",
        ("ec2.instance.t3.medium.dedicated", "us-east-1"): "0.0456",
        ("ec2.instance.t3.medium.dedicated.windows", "us-east-1"): "0.0646",
        ("nat.gateway", "us-east-1"): "0.045",
        ("nat.data_processed", "us-east-1"): "0.045",
    }  # Reserved (kept apart, under .reserved. keys), Spot, BYOL, Dedicated Host (Tenancy "Host"),
    # unused capacity reservations,
    # RHEL with SQL Server (edition not in the mapper's key) and Local Zone (USE1-LAX1-) dropped
    assert prices[("ebs.gp3.storage", "eu-west-1")] == "0.088"
    assert prices[("ec2.cpu_credits", "us-east-1")] == "0.05"  # the Linux rate, not Windows'
    assert prices[("ebs.standard.io_requests", "us-east-1")] == "0.05"  # per 1M, not per I/O
    assert [
        prices[(k, "us-east-1")]
        for k in ("ebs.io1.iops", "ebs.io2.iops", "ebs.io2.iops.tier2", "ebs.io2.iops.tier3")
    ] == ["0.065", "0.065", "0.0455", "0.03185"]  # io1 is "piops"; io2's tiers: own usage types
    assert doc["prices"]["ebs.gp3.throughput"]["unit"] == "Mbps"  # the shipped catalog's unit
    assert ("ebs.snapshot.storage", "us-east-1") in prices  # not the archive tier's 0.0125
    assert prices[("ebs.snapshot.storage", "us-east-1")] == "0.05"
    source = doc["sources"]["aws-api"]
    assert source["price_date"] == "2026-11-20" and source["retrieved"] == path.stem
    assert "wrote" in result.stdout and "no previous version" in result.stdout
    sums = (tmp_path / "SHA256SUMS").read_text()
    assert f"aws/{path.name}" in sums


def test_aws_refresh_prices_rds_by_engine_and_deployment(api: FakePriceApi, tmp_path: Path) -> None:
    result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonRDS")
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "aws")
    prices = _prices(doc)
    assert prices[("rds.instance.postgres.db.m5.large.single-az", "us-east-1")] == "0.178"
    assert prices[("rds.instance.postgres.db.m5.large.multi-az", "us-east-1")] == "0.356"
    assert prices[("rds.storage.gp3.single-az", "us-east-1")] == "0.115"
    # Oracle and SQL Server by edition and licence; BYOL SQL Server is not a list price
    assert prices[("rds.instance.oracle-se2.db.m5.large.single-az", "us-east-1")] == "0.544"
    assert prices[("rds.instance.oracle-ee-byol.db.t3.large.single-az", "us-east-1")] == "0.136"
    assert prices[("rds.instance.sqlserver-se.db.m5.xlarge.single-az", "us-east-1")] == "1.315"
    # Aurora: no AZ suffix; I/O-Optimized instance rows and readable-standby clusters dropped
    assert prices[("rds.instance.aurora-mysql.db.r4.large", "us-east-1")] == "0.29"
    assert prices[("rds.instance.aurora.db.r4.large", "us-east-1")] == "0.29"  # Aurora MySQL 1
    assert prices[("rds.instance.mysql.db.t3.large.multi-az", "us-east-1")] == "0.272"
    assert prices[("rds.aurora.io_requests", "us-east-1")] == "0.2"  # per 1M requests
    assert prices[("rds.gp3.iops.multi-az", "us-east-1")] == "0.04"


def test_a_refreshed_team_catalog_prices_the_region_in_a_check(
    api: FakePriceApi, tmp_path: Path
) -> None:
    team = tmp_path / "team"
    assert (
        _refresh(api, team, "aws", "--region", "eu-west-1", "--service", "AmazonEC2").exit_code == 0
    )
    show = CliRunner().invoke(
        main,
        [
            "pricing",
            "show",
            "aws",
            "ec2.instance.m5.large",
            "--region",
            "eu-west-1",
            "--catalog-dir",
            str(team),
        ],
    )
    assert "eu-west-1  0.107" in show.stdout
    assert CliRunner().invoke(main, ["pricing", "validate", str(team)]).exit_code == 0


def test_a_region_the_api_does_not_know_is_exit_2_and_writes_nothing(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "aws", "--region", "xx-nowhere-1", "--service", "AmazonEC2")
    assert result.exit_code == 2
    assert "xx-nowhere-1" in result.stderr
    assert not (tmp_path / "aws").exists()


def test_a_404_regional_file_is_exit_2(api: FakePriceApi, tmp_path: Path) -> None:
    api.faults.statuses[EC2_EU] = [404]
    result = _refresh(api, tmp_path, "aws", "--region", "eu-west-1", "--service", "AmazonEC2")
    assert result.exit_code == 2 and "404" in result.stderr
    assert "check the region, --service and --endpoint; nothing written" in result.stderr
    assert not (tmp_path / "aws").exists()


def test_5xx_and_429_are_retried(api: FakePriceApi, tmp_path: Path) -> None:
    api.faults.statuses[EC2] = [503, 429, 502]
    result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    assert result.exit_code == 0, result.stderr
    assert sum(1 for r in api.faults.requests if r == EC2) == 4


def test_an_api_that_keeps_failing_gives_up_with_exit_2(api: FakePriceApi, tmp_path: Path) -> None:
    api.faults.statuses[EC2] = [503] * 10
    result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    assert result.exit_code == 2 and "HTTP 503" in result.stderr
    assert "nothing written, the previous catalog is kept" in result.stderr
    assert not (tmp_path / "aws").exists()


def test_blank_lines_in_a_price_list_are_no_rows(api: FakePriceApi, tmp_path: Path) -> None:
    good = (AWS_OFFERS / "AmazonEC2" / "current" / "us-east-1" / "index.csv").read_bytes()
    api.faults.bodies[EC2] = good.replace(b"\n", b"\n\n", 10) + b"\n\n"
    try:
        result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    finally:
        del api.faults.bodies[EC2]
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "aws")
    assert doc["prices"]["ec2.instance.m5.large"]["regions"] == {"us-east-1": "0.096"}


def test_a_truncated_download_keeps_the_old_catalog(api: FakePriceApi, tmp_path: Path) -> None:
    assert (
        _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2").exit_code
        == 0
    )
    old, _ = _only(tmp_path, "aws")
    _age(old, "2026-01-01")  # yesterday's version
    api.faults.truncate.add(EC2)
    (tmp_path / ".finops-gate-etags.json").unlink()  # no ETag: the file is read again
    before = sorted(p.name for p in (tmp_path / "aws").iterdir())
    result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    assert result.exit_code == 2
    assert "truncated" in result.stderr or "cut off" in result.stderr
    assert sorted(p.name for p in (tmp_path / "aws").iterdir()) == before


def test_a_malformed_csv_is_a_parse_error_and_writes_nothing(
    api: FakePriceApi, tmp_path: Path
) -> None:
    good = (
        ROOT / "tests/fixtures/price-apis/aws/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.csv"
    ).read_bytes()
    api.faults.bodies[EC2] = good + b'"ONLY","THREE","FIELDS"\n'
    result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    assert result.exit_code == 2
    line = good.count(b"\n") + 1  # the file and the line are named, and what is kept
    assert f"aws AmazonEC2 us-east-1 ({api.url}{EC2}): line {line}: 3 fields" in result.stderr
    assert "the previous catalog is kept" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "aws").exists()


def _previous(tmp_path: Path, prices: dict[str, dict[str, str]]) -> None:
    doc = {
        "catalog": "aws",
        "version": "2026-01-01",
        "currency": "USD",
        "hours_per_month": 730,
        "description": "an earlier refresh",
        "sources": {
            "aws-api": {
                "title": "AWS Price List Bulk API",
                "licence": "public",
                "retrieved": "2026-01-01",
            }
        },
        "prices": {
            k: {
                "unit": "GB" if "ebs" in k or "data" in k else "hours",
                "source": "aws-api",
                "regions": r,
            }
            for k, r in prices.items()
        },
    }
    (tmp_path / "aws").mkdir(parents=True)
    (tmp_path / "aws" / "2026-01-01.json").write_text(json.dumps(doc), encoding="utf-8")


def test_a_coverage_drop_is_refused_and_keeps_the_old_catalog(
    api: FakePriceApi, tmp_path: Path
) -> None:
    keys = {f"ec2.instance.m5.{n}xlarge": {"us-east-1": "1"} for n in range(2, 12)}
    _previous(tmp_path, {**keys, "ec2.instance.m5.large": {"us-east-1": "0.096"}})
    result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    assert (
        result.exit_code == 2
        and "missing" in result.stderr
        and "--max-coverage-drop" in result.stderr
    )
    assert [p.name for p in (tmp_path / "aws").iterdir()] == ["2026-01-01.json"]
    accepted = _refresh(
        api,
        tmp_path,
        "aws",
        "--region",
        "us-east-1",
        "--service",
        "AmazonEC2",
        "--max-coverage-drop",
        "100",
    )
    assert accepted.exit_code == 0, accepted.stderr


def test_implausibly_many_price_moves_are_refused(api: FakePriceApi, tmp_path: Path) -> None:
    _previous(
        tmp_path,
        {
            "ec2.instance.m5.large": {"us-east-1": "0.01"},
            "ebs.gp3.storage": {"us-east-1": "0.01"},
            "nat.gateway": {"us-east-1": "0.045"},
        },
    )
    result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    assert result.exit_code == 2 and "2 of 3 prices moved" in result.stderr
    ok = _refresh(
        api,
        tmp_path,
        "aws",
        "--region",
        "us-east-1",
        "--service",
        "AmazonEC2",
        "--max-price-moves",
        "80",
    )
    assert ok.exit_code == 0, ok.stderr
    assert "ec2.instance.m5.large" in ok.stdout and "0.01 -> 0.096" in ok.stdout  # the diff


def test_other_regions_of_the_previous_version_are_kept(api: FakePriceApi, tmp_path: Path) -> None:
    _previous(tmp_path, {"ec2.instance.m5.large": {"us-east-1": "0.096", "ap-south-1": "0.101"}})
    result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    assert result.exit_code == 0, result.stderr
    doc = read_whole(sorted((tmp_path / "aws").glob("*.json"))[-1])
    assert doc["prices"]["ec2.instance.m5.large"]["regions"]["ap-south-1"] == "0.101"


def test_an_unchanged_price_list_answers_304_and_writes_nothing(
    api: FakePriceApi, tmp_path: Path
) -> None:
    assert (
        _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2").exit_code
        == 0
    )
    first, _ = _only(tmp_path, "aws")
    _age(first, "2026-01-01")
    result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    assert result.exit_code == 0, result.stderr
    assert "has not changed" in result.stdout and api.faults.conditional_hits == 1
    assert sorted(p.name for p in (tmp_path / "aws").iterdir()) == ["2026-01-01", "2026-01-01.json"]


def test_a_second_refresh_on_the_same_day_never_edits_the_file(
    api: FakePriceApi, tmp_path: Path
) -> None:
    assert (
        _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2").exit_code
        == 0
    )
    path, _ = _only(tmp_path, "aws")
    before = path.read_bytes()
    (tmp_path / ".finops-gate-etags.json").unlink()
    same = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    assert same.exit_code == 0 and f"no changes against {path}" in same.stdout  # nothing to edit
    (tmp_path / ".finops-gate-etags.json").unlink()
    api.faults.bodies[EC2] = _ec2_with("0.096", "0.097")
    try:
        result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    finally:
        del api.faults.bodies[EC2]
    assert result.exit_code == 2 and "never edited" in result.stderr
    assert path.read_bytes() == before


def _ec2_with(old: str, new: str) -> bytes:
    """The EC2 sample with the m5.large Linux on-demand price ``old`` changed to ``new``."""
    good = (AWS_OFFERS / "AmazonEC2" / "current" / "us-east-1" / "index.csv").read_text("utf-8")
    assert good.count(f'"{old}0000000"') >= 1
    return good.replace(f'"{old}0000000"', f'"{new}0000000"', 1).encode()


def _tree(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("cloud", "region"), [("aws", "us-east-1"), ("azure", "eastus"), ("gcp", "us-central1")]
)
def test_a_refresh_that_reads_the_prices_of_the_previous_version_writes_nothing(
    api: FakePriceApi, tmp_path: Path, cloud: str, region: str
) -> None:
    env = {"FINOPS_GATE_GCP_API_KEY": GCP_KEY}
    assert _refresh(api, tmp_path, cloud, "--region", region, env=env).exit_code == 0
    first, _ = _only(tmp_path, cloud)
    _age(first, "2026-01-01")
    (tmp_path / ".finops-gate-etags.json").unlink(missing_ok=True)  # no 304: every file read
    before = _tree(tmp_path)
    result = _refresh(api, tmp_path, cloud, "--region", region, env=env)
    assert result.exit_code == 0, result.stderr
    previous = tmp_path / cloud / "2026-01-01.json"
    assert f"{cloud}: no changes against {previous}" in result.stdout
    assert "nothing written" in result.stdout and "wrote" not in result.stdout
    after = _tree(tmp_path)
    after.pop(".finops-gate-etags.json", None)
    before.pop(".finops-gate-etags.json", None)
    assert after == before  # no new dated file, no SHA256SUMS line


def test_one_moved_price_is_a_new_version_with_its_diff(api: FakePriceApi, tmp_path: Path) -> None:
    args = ("--region", "us-east-1", "--service", "AmazonEC2")
    assert _refresh(api, tmp_path, "aws", *args).exit_code == 0
    first, _ = _only(tmp_path, "aws")
    _age(first, "2026-01-01")
    (tmp_path / ".finops-gate-etags.json").unlink()
    api.faults.bodies[EC2] = _ec2_with("0.096", "0.097")
    try:
        result = _refresh(api, tmp_path, "aws", *args, "--max-price-moves", "100")
    finally:
        del api.faults.bodies[EC2]
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stdout and "0.096 -> 0.097" in result.stdout
    assert len(list((tmp_path / "aws").glob("*.json"))) == 2


def test_an_llm_refresh_from_the_same_prices_writes_nothing(tmp_path: Path) -> None:
    shipped = ROOT / "pricing" / "llm" / "2026-11-01.json"
    args = ["pricing", "refresh", "llm", "--from", str(shipped), "--out", str(tmp_path)]
    assert CliRunner().invoke(main, args).exit_code == 0
    (path,) = (tmp_path / "llm").glob("*.json")
    aged = path.with_name("2026-01-01.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["version"] = "2026-01-01"
    aged.write_text(json.dumps(doc), encoding="utf-8")
    path.unlink()
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert f"llm: no changes against {aged}" in result.stdout
    assert [p.name for p in (tmp_path / "llm").iterdir()] == ["2026-01-01.json"]


def test_azure_refresh_follows_next_page_links_and_drops_spot_windows_reservations(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "azure", "--region", "eastus")
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "azure")
    prices = _prices(doc)
    assert prices[("vm.standard_d2s_v3", "eastus")] == "0.096"
    assert prices[("vm.standard_d2s_v3.windows", "eastus")] == "0.188"
    assert prices[("disk.p10.lrs", "eastus")] == "19.71"
    assert prices[("public_ip.static.regional", "eastus")] == "0.005"
    assert len([p for p in api.faults.requests if "/api/retail/prices" in p]) >= 3  # paged


def test_azure_refresh_pages_with_skip_when_pages_carry_no_link(tmp_path: Path) -> None:
    for api in serve(Faults(azure_skip_mode=True, azure_page_size=1)):
        result = _refresh(
            api, tmp_path, "azure", "--region", "eastus", "--service", "virtual-machines"
        )
        assert result.exit_code == 0, result.stderr
        assert any("%24skip=2" in p or "$skip=2" in p for p in api.faults.requests)
    _, doc = _only(tmp_path, "azure")
    assert set(doc["prices"]) == {"vm.standard_d2s_v3", "vm.standard_d2s_v3.windows"}


def test_azure_429_is_retried(api: FakePriceApi, tmp_path: Path) -> None:
    api.faults.statuses["/api/retail/prices"] = [429, 429]
    result = _refresh(api, tmp_path, "azure", "--region", "eastus", "--service", "virtual-machines")
    assert result.exit_code == 0, result.stderr


def test_gcp_refresh_composes_machine_types_from_core_and_ram(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(
        api, tmp_path, "gcp", "--region", "us-central1", env={"FINOPS_GATE_GCP_API_KEY": GCP_KEY}
    )
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "gcp")
    prices = _prices(doc)
    # n2-standard-2: 2 vCPU x 0.031611 + 8 GiB x 0.004237
    assert Decimal(prices[("compute.instance.n2-standard-2", "us-central1")]) == Decimal("0.097118")
    # custom types have SKUs of their own (a premium over the predefined core and RAM)
    assert prices[("compute.custom.n2.core", "us-central1")] == "0.0331893"
    assert prices[("compute.custom.n2.extended_ram", "us-central1")] == "0.00955"
    assert prices[("compute.custom.n1.core", "us-central1")] == "0.033174"  # "Custom Instance"
    assert prices[("compute.disk.pd-standard", "us-central1")] == "0.04"
    # Cloud NAT: the uptime SKU is per assigned VM-hour; a gateway pays for 32 VMs at most
    # (a global SKU, priced in the region asked; in Compute Engine or in Networking)
    assert prices[("nat.vm", "us-central1")] == "0.0014"
    assert prices[("nat.gateway", "us-central1")] == "0.0448"


def test_gcp_gpu_machine_types_add_their_gpus_and_bundled_local_ssd(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(
        api,
        tmp_path,
        "gcp",
        "--region",
        "us-central1",
        "--service",
        "compute",
        env={"FINOPS_GATE_GCP_API_KEY": GCP_KEY},
    )
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "gcp")
    prices = {k: Decimal(p) for (k, _), p in _prices(doc).items()}
    # a2-highgpu-1g: 12 x A2 core + 85 GiB x A2 RAM + 1 x "Nvidia Tesla A100 GPU"
    assert prices["compute.instance.a2-highgpu-1g"] == Decimal("3.673385")
    # a2-ultragpu-1g: ... + 1 x "Nvidia Tesla A100 80GB GPU" + 375 GB local SSD x 0.08 / 730
    ultra = Decimal("0.379332") + Decimal("0.72029") + Decimal("3.92808")
    assert prices["compute.instance.a2-ultragpu-1g"] == ultra + Decimal(375) * Decimal("0.08") / 730
    # g2-standard-4: 4 x G2 core + 16 GiB x G2 RAM + 1 x "Nvidia L4 GPU"
    l4 = prices["compute.gpu.nvidia-l4"]
    assert (
        prices["compute.instance.g2-standard-4"] == Decimal("0.099952") + Decimal("0.046832") + l4
    )
    assert prices["compute.gpu.nvidia-a100-80gb"] == Decimal("3.92808")  # Terraform's name
    # no H100 80GB SKU in the sample (only the Mega one): an A3 High type is not priced
    # without its GPUs
    assert not any(k.startswith("compute.instance.a3-highgpu") for k in prices)
    assert "compute.instance.a3-megagpu-8g" in prices


def test_gcp_hyperdisk_and_pd_extreme_capacity_iops_and_throughput(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(
        api,
        tmp_path,
        "gcp",
        "--region",
        "us-central1",
        "--service",
        "compute",
        env={"FINOPS_GATE_GCP_API_KEY": GCP_KEY},
    )
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "gcp")
    prices = {k: p for (k, _), p in _prices(doc).items() if k.startswith("compute.disk.")}
    assert {k: v for k, v in prices.items() if "extreme" in k or "hyperdisk" in k} == {
        "compute.disk.pd-extreme": "0.125",
        "compute.disk.pd-extreme.provisioned_iops": "0.065",
        "compute.disk.hyperdisk-extreme": "0.125",
        "compute.disk.hyperdisk-extreme.provisioned_iops": "0.065",
        "compute.disk.hyperdisk-balanced": "0.08",
        "compute.disk.hyperdisk-balanced.provisioned_iops": "0.005",
        "compute.disk.hyperdisk-balanced.provisioned_throughput": "0.04",
    }  # not the High Availability or regional variants


def test_gcp_cloud_storage_operations_and_egress_bands(api: FakePriceApi, tmp_path: Path) -> None:
    result = _refresh(
        api,
        tmp_path,
        "gcp",
        "--region",
        "us-central1",
        "--region",
        "us",
        "--service",
        "storage",
        env={"FINOPS_GATE_GCP_API_KEY": GCP_KEY},
    )
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "gcp")
    prices = _prices(doc)
    expected = {
        ("gcs.standard.class_a", "us-central1"): "0.05",  # per operation -> per 10k
        ("gcs.standard.class_b", "us-central1"): "0.004",
        ("gcs.standard.class_a", "us"): "0.1",  # a multi-region location: MultiRegionalOps
        ("gcs.nearline.class_a", "us-central1"): "0.1",
        ("gcs.egress.worldwide.first_1tb", "us-central1"): "0.12",  # a tiered rate: one key a band
        ("gcs.egress.worldwide.next_9tb", "us-central1"): "0.11",
        ("gcs.egress.worldwide.over_10tb", "us"): "0.08",
        ("gcs.egress.china.first_1tb", "us-central1"): "0.23",
        ("gcs.egress.australia.next_9tb", "us-central1"): "0.18",
        ("gcs.egress.asia.over_10tb", "us-central1"): "0.08",
    }  # not tagging or dual-region operations
    assert {k: prices[k] for k in expected} == expected


def test_gcp_refresh_without_an_api_key_is_exit_2(api: FakePriceApi, tmp_path: Path) -> None:
    result = _refresh(
        api, tmp_path, "gcp", "--region", "us-central1", env={"FINOPS_GATE_GCP_API_KEY": ""}
    )
    assert result.exit_code == 2 and "FINOPS_GATE_GCP_API_KEY" in result.stderr


def test_gcp_refresh_with_a_wrong_key_is_exit_2_without_echoing_it(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(
        api, tmp_path, "gcp", "--region", "us-central1", env={"FINOPS_GATE_GCP_API_KEY": "s3cret"}
    )
    assert result.exit_code == 2 and "403" in result.stderr and "s3cret" not in result.stderr


def test_llm_refresh_writes_a_new_dated_model_catalog(tmp_path: Path) -> None:
    shipped = ROOT / "pricing" / "llm" / "2026-11-01.json"
    result = CliRunner().invoke(
        main, ["pricing", "refresh", "llm", "--from", str(shipped), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.stderr
    path, doc = _only(tmp_path, "llm")
    assert doc["version"] == path.stem and "refresh-input" in doc["sources"]
    assert CliRunner().invoke(main, ["pricing", "validate", str(tmp_path)]).exit_code == 0


def test_llm_refresh_from_a_broken_file_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "prices.json"
    bad.write_text('{"providers": [{"id": 1}]}', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["pricing", "refresh", "llm", "--from", str(bad), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2 and "prices.json" in result.stderr
    assert not (tmp_path / "out").exists()


def test_llm_refresh_from_upstream_genai_prices_data_says_how_to_build_a_catalog(
    tmp_path: Path,
) -> None:
    upstream = tmp_path / "data.v2.json"
    upstream.write_text('[{"id": "openai", "name": "OpenAI", "models": []}]', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["pricing", "refresh", "llm", "--from", str(upstream), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2 and "scripts/build_llm_catalog.py" in result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "o").exists()


def test_refresh_needs_a_region(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["pricing", "refresh", "aws", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--region" in result.stderr


def test_a_download_cut_once_is_resumed_where_it_stopped(api: FakePriceApi, tmp_path: Path) -> None:
    api.faults.truncate_once.add(EC2)
    result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "aws")
    assert doc["prices"]["ec2.instance.m5.large"]["regions"]["us-east-1"] == "0.096"
    assert sum(1 for r in api.faults.requests if r == EC2) == 2  # the cut answer, then the rest


def test_a_server_without_ranges_resends_and_the_bytes_read_are_skipped(tmp_path: Path) -> None:
    for api in serve(Faults(truncate_once={EC2}, no_ranges=True)):
        result = _refresh(api, tmp_path, "aws", "--region", "us-east-1", "--service", "AmazonEC2")
        assert result.exit_code == 0, result.stderr
    csv_rows = (
        ROOT / "tests/fixtures/price-apis/aws/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.csv"
    )
    rows = len(csv_rows.read_text(encoding="utf-8").splitlines()) - 6  # 5 metadata rows, header
    assert f"from {rows} records" in result.stdout  # each row parsed once, none doubled


def test_progress_reports_bytes_and_records(api: FakePriceApi, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "pricing",
            "refresh",
            "aws",
            "--out",
            str(tmp_path),
            "--endpoint",
            api.url,
            "--progress",
            "--region",
            "us-east-1",
            "--service",
            "AmazonEC2",
        ],
    )
    assert result.exit_code == 0, result.stderr
    records = int(result.stdout.split(" records)")[0].rsplit(" ", 1)[1])
    # the last progress line holds the totals, however little the throttle printed before
    last = result.stderr.rstrip("\n").rsplit("\r", 1)[-1]
    assert last.endswith(f"MB read, {records:,} price records parsed") and records > 0


def test_azure_refresh_prices_every_service_the_mappers_read(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "azure", "--region", "eastus")
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "azure")
    prices = _prices(doc)
    expected = {
        "disk.s4.lrs": "1.54",
        "disk.standard_ssd.operations": "0.002",  # per 10k operations
        "disk.ultra.storage": "0.11972",  # 0.000164 per GiB-hour x 730: per GiB-month
        "storage.storagev2.standard.lrs.hot": "0.0184",  # the first band, General Purpose v2 only
        "storage.storagev2.standard.ragrs.cool": "0.025",
        "public_ip.dynamic.regional": "0.004",
        "public_ip.static.global": "0.01",
        "nat_gateway": "0.045",
        "nat_gateway.data_processed": "0.045",
        "lb.data_processed": "0.005",
        "aks.uptime_sla": "0.1",
        "app_service.p1v3.linux": "0.169",
        "app_service.p1v3.windows": "0.24",
        "app_service.b1.linux": "0.018",
        "postgresql_flexible.storage": "0.115",
        "postgresql_flexible.gp_standard_d4s_v3": "0.356",  # "4 vCore" of the Dsv3 series
        "postgresql_flexible.gp_standard_d2ds_v5": "0.178",  # "General Purpose - Ddsv5 Series"
        "postgresql_flexible.b_standard_b1ms": "0.0207",
        "postgresql_flexible.mo_standard_e4s_v3": "0.5",
        "postgresql_flexible.backup": "0.1",
    }
    assert {k: prices[(k, "eastus")] for k in expected} == expected
    assert ("app_service.f1.linux", "eastus") not in prices  # the free plan is no price
    shipped = read_whole(ROOT / "pricing/azure/2026-12-01.json")  # the version in force
    clashes = [
        k
        for k, e in doc["prices"].items()
        if k in shipped["prices"] and shipped["prices"][k]["unit"] != e["unit"]
    ]
    assert clashes == []  # a refreshed folder layers over the shipped catalog


def test_azure_sql_database_prices_dtu_vcore_serverless_storage_and_backups(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "azure", "--region", "eastus", "--service", "sql-database")
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "azure")
    prices = {k: p for (k, _), p in _prices(doc).items()}
    assert {k: prices[k] for k in prices if not k.startswith(("mssql.gp_s_", "mssql.license"))} == {
        "mssql.s1": "0.0408",  # 0.9792 a day / 24: per hour, as the mapper prices it
        "mssql.basic": "0.0068",  # skuName "B"
        "mssql.p6": "3.7252",
        "mssql.extra_storage.standard": "0.17",
        "mssql.gp_gen5_4": "1.0088",  # skuName "4 vCore": the price of the 4 vCores
        "mssql.gp_gen5_4.zone": "0.5044",  # the zone-redundancy surcharge, not the total
        "mssql.hs_gen5_2": "0.366",
        "mssql.hs_gen5_2.replica": "0.366",  # a Hyperscale replica at the compute rate
        "mssql.bc_m_8": "7.3",  # "Compute M Series"
        "mssql.storage.gp": "0.115",
        "mssql.storage.gp.zone": "0.23",
        "mssql.pitr.ragrs": "0.2",
        "mssql.ltr.lrs": "0.025",
    }  # not the free offer's "vCore - Free" meter
    assert prices["mssql.gp_s_gen5_2"] == prices["mssql.gp_s_gen5_80"] == "0.5218"
    assert prices["mssql.gp_s_gen5_4.zone"] == "0.2609"
    assert doc["prices"]["mssql.gp_s_gen5_2"]["unit"] == "vCore-hours"
    # the licence meters, listed once under location "Global", priced in the region refreshed
    # (not the US Gov meter, not the free offer's)
    assert {k: p for k, p in prices.items() if k.startswith("mssql.license")} == {
        "mssql.license.gp": "0.073",
        "mssql.license.bc": "0.274",
        "mssql.license.hs": "0.073",
    }
    assert doc["prices"]["mssql.license.gp"]["unit"] == "vCore-hours"


def test_azure_sql_licence_is_written_for_the_regions_that_sell_sql_database(
    api: FakePriceApi, tmp_path: Path
) -> None:
    """Both regions sell SQL Database in the sample; a region that does not is the test below."""
    result = _refresh(
        api,
        tmp_path,
        "azure",
        "--region",
        "eastus",
        "--region",
        "westeurope",
        "--service",
        "sql-database",
    )
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "azure")
    assert doc["prices"]["mssql.license.bc"]["regions"] == {
        "eastus": "0.274",
        "westeurope": "0.274",
    }
    assert doc["prices"]["mssql.s1"]["regions"] == {"eastus": "0.0408", "westeurope": "0.0434"}


def test_azure_public_ip_prefix_is_the_per_ip_hourly_meter(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "azure", "--region", "eastus", "--service", "virtual-network")
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "azure")
    assert _prices(doc)[("public_ip_prefix", "eastus")] == "0.006"


def test_gcp_refresh_prices_gke_sql_memorystore_storage_and_compute_extras(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(
        api,
        tmp_path,
        "gcp",
        "--region",
        "us-central1",
        "--region",
        "us",
        env={"FINOPS_GATE_GCP_API_KEY": GCP_KEY},
    )
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "gcp")
    prices = _prices(doc)
    expected = {
        "gke.cluster": "0.1",
        "sql.vcpu.zonal": "0.0413",  # MySQL and PostgreSQL share the rate; SQL Server is apart
        "sql.memory.regional": "0.014",
        "sql.storage.ssd.zonal": "0.17",
        "sql.db-f1-micro.zonal": "0.0105",
        "redis.standard.m1": "0.064",
        "gcs.nearline.retrieval": "0.01",
        "compute.ip.unused": "0.01",
        "compute.ip.vm": "0.005",
        "compute.local_ssd": "0.08",
        "compute.disk.pd-ssd.regional": "0.34",  # "in Iowa" is the location, not the product
        "compute.disk.pd-balanced": "0.1",
    }
    assert {k: prices[(k, "us-central1")] for k in expected} == expected
    assert prices[("gcs.standard.storage", "us")] == "0.026"  # a multi-region location
    assert prices[("compute.ip.vm.spot", "us-central1")] == "0.0025"  # its own Spot SKU
    shipped = read_whole(ROOT / "pricing/gcp/2026-12-01.json")
    clashes = [
        k
        for k, e in doc["prices"].items()
        if k in shipped["prices"] and shipped["prices"][k]["unit"] != e["unit"]
    ]
    assert clashes == []


def test_gcp_refresh_of_one_service_reads_only_it(api: FakePriceApi, tmp_path: Path) -> None:
    result = _refresh(
        api,
        tmp_path,
        "gcp",
        "--region",
        "us-central1",
        "--service",
        "redis",
        env={"FINOPS_GATE_GCP_API_KEY": GCP_KEY},
    )
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "gcp")
    assert set(doc["prices"]) == {"redis.basic.m1", "redis.standard.m1"}
    assert not any("6F81-5844-456A/skus" in r for r in api.faults.requests)


def test_azure_and_gcp_name_the_expected_prices_a_region_lacks(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "azure", "--region", "eastus", "--service", "kubernetes")
    assert result.exit_code == 0, result.stderr
    assert "note:" not in result.stderr  # eastus sells the AKS Standard tier
    result = _refresh(
        api,
        tmp_path / "gcp",
        "gcp",
        "--region",
        "us-central1",
        "--service",
        "storage",
        env={"FINOPS_GATE_GCP_API_KEY": GCP_KEY},
    )
    assert result.exit_code == 0, result.stderr
    assert "note:" not in result.stderr
    result = _refresh(
        api,
        tmp_path / "gcp-us",
        "gcp",
        "--region",
        "us",
        "--service",
        "sql",
        "--service",
        "gke",
        env={"FINOPS_GATE_GCP_API_KEY": GCP_KEY},
    )
    assert result.exit_code == 0, result.stderr  # the GKE fee is global: "us" has a price
    assert "note: gcp sql us: no price found for sql.vcpu.zonal" in result.stderr


@pytest.mark.parametrize(
    ("description", "found"),
    [
        ("N2D AMD Instance Core running in Americas", ("n2d", "Core")),
        ("C4A Arm Instance Ram running in Americas", ("c4a", "Ram")),
        ("N1 Predefined Instance Core running in EMEA", ("n1", "Core")),
        ("C4 Instance Core running in Americas", ("c4", "Core")),  # not C4A, C4D or C4N
        ("M4Ultramem224 Instance Ram running in Americas", ("m4-ultramem-224", "Ram")),
        ("N2 Custom Instance Core running in Americas", None),
        ("N2 Sole Tenancy Instance Core running in Americas", None),
        ("Spot Preemptible N2 Instance Core running in Americas", None),
        ("Commitment v1: N2 Cpu in Americas for 1 Year", None),
        ("A2 Instance Core running in Americas", ("a2", "Core")),  # composed with its GPUs
    ],
)
def test_machine_family_core_and_ram_skus_are_recognised(
    description: str, found: tuple[str, str] | None
) -> None:
    assert gcp.core_or_ram(description) == found


def test_gcp_refresh_composes_every_machine_type_of_the_families_read(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(
        api,
        tmp_path,
        "gcp",
        "--region",
        "us-central1",
        "--service",
        "compute",
        env={"FINOPS_GATE_GCP_API_KEY": GCP_KEY},
    )
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "gcp")
    prices = _prices(doc)
    # n2d-highmem-4: 4 vCPU x 0.027502 + 32 GiB x 0.003686 (shapes from the reference data)
    assert Decimal(prices[("compute.instance.n2d-highmem-4", "us-central1")]) == Decimal("0.227960")
    assert ("compute.instance.n2-highcpu-96", "us-central1") in prices
    assert not any(k.startswith("compute.instance.c3-") for k, _ in prices)  # no C3 SKU read


def test_gcp_spot_prices_are_composed_from_the_spot_skus(api: FakePriceApi, tmp_path: Path) -> None:
    env = {"FINOPS_GATE_GCP_API_KEY": GCP_KEY}
    result = _refresh(
        api, tmp_path, "gcp", "--region", "us-central1", "--service", "compute", env=env
    )
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "gcp")
    prices = {k: Decimal(v) for (k, r), v in _prices(doc).items() if r == "us-central1"}
    # n2-standard-4: 4 vCPUs x the Spot core + 16 GiB x the Spot RAM (not the older
    # "Preemptible N2" SKU), next to the on-demand price from the on-demand SKUs
    assert prices["compute.instance.n2-standard-4.spot"] == 4 * Decimal("0.007662") + 16 * Decimal(
        "0.001027"
    )
    assert prices["compute.instance.n2-standard-4"] == 4 * Decimal("0.031611") + 16 * Decimal(
        "0.004237"
    )
    # a2-highgpu-1g: 12 vCPUs, 85 GiB and one A100 at their Spot rates
    assert prices["compute.instance.a2-highgpu-1g.spot"] == (
        12 * Decimal("0.009483") + 85 * Decimal("0.001271") + Decimal("0.880172")
    )
    assert prices["compute.gpu.nvidia-tesla-t4.spot"] == Decimal("0.14")
    assert prices["compute.gpu.nvidia-tesla-a100.spot"] == Decimal("0.880172")
    assert prices["compute.local_ssd.spot"] == Decimal("0.04")
    assert prices["compute.custom.n1.core.spot"] == Decimal("0.006968")
    assert prices["compute.custom.n2d.ram.spot"] == Decimal("0.000893")
    assert prices["compute.ip.vm.spot"] == Decimal("0.0025")
    assert "compute.disk.pd-standard.spot" not in prices  # a Spot disk is not a thing
    assert prices["compute.disk.pd-standard"] == Decimal("0.04")  # the on-demand SKU's


@pytest.mark.parametrize(
    ("description", "twin"),
    [
        (
            "Spot Preemptible N2 Instance Core running in Americas",
            "N2 Instance Core running in Americas",
        ),
        (
            "Nvidia L4 GPU attached to Spot Preemptible VMs running in EMEA",
            "Nvidia L4 GPU running in EMEA",
        ),
        ("External IP Charge on a Spot Preemptible VM", "External IP Charge on a Standard VM"),
        ("Preemptible N1 Predefined Instance Core running in Americas", None),
        ("N2 Instance Core running in Americas", None),
    ],
)
def test_a_spot_sku_is_read_as_its_on_demand_twin(description: str, twin: str | None) -> None:
    assert gcp.spot_twin(description) == twin


def test_an_azure_region_the_api_does_not_know_writes_nothing_not_even_the_global_licence(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "azure", "--region", "westeurop", "--service", "sql-database")
    assert result.exit_code == 2
    assert "westeurop; check the region names; nothing written" in result.stderr
    assert not (tmp_path / "azure").exists()


def test_azure_storage_accounts_by_kind_tier_redundancy_access_and_meter(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "azure", "--region", "eastus", "--service", "storage")
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "azure")
    prices = {k: p for (k, _), p in _prices(doc).items() if k.startswith("storage.")}
    v2, cool = "storage.storagev2.standard.lrs.hot", "storage.storagev2.standard.ragrs.cool"
    assert prices == {
        # General Purpose v2 (General Block Blob v2): capacity by volume band (tierMinimumUnits
        # 0, 51,200 and 512,000 GB; not an unknown band, not Iterative writes, not ADLS), per 10k
        # operations, blob index tags, Cool retrieval and early deletes
        v2: "0.0184",
        f"{v2}.next_450tb": "0.0177",
        f"{v2}.over_500tb": "0.017",
        f"{v2}.write_operations": "0.055",
        f"{v2}.read_operations": "0.0044",
        f"{v2}.list_operations": "0.055",
        f"{v2}.other_operations": "0.0044",
        f"{v2}.blob_index": "0.0044",
        cool: "0.025",
        f"{cool}.data_retrieval": "0.01",
        f"{cool}.early_deletion": "0.025",
        # BlobStorage ("Blob Storage", first band only: the 100 GB band is no band the mapper
        # knows)
        "storage.blobstorage.standard.lrs.hot": "0.0208",
        "storage.blockblobstorage.standard.lrs.hot": "0.0208",
        # general-purpose v1 ("General Block Blob", sku "Standard LRS": no access tier)
        "storage.storage.standard.lrs.hot": "0.045",
        "storage.storage.standard.lrs.hot.write_operations": "0.00036",
        # premium block blobs, whatever the account kind
        **{
            f"storage.{kind}.premium.lrs.premium{meter}": price
            for kind in ("storagev2", "blobstorage", "blockblobstorage", "storage")
            for meter, price in (("", "0.15"), (".write_operations", "0.0228"))
        },
        # file shares: standard data and snapshots at the data rate, metadata, list operations;
        # premium provisioned capacity and snapshots (not Transaction Optimized)
        "storage.filestorage.standard.lrs.hot.data_at_rest": "0.0255",
        "storage.filestorage.standard.lrs.hot.snapshots": "0.0255",
        "storage.filestorage.standard.lrs.hot.metadata_at_rest": "0.0286",
        "storage.filestorage.standard.lrs.hot.list_operations": "0.0143",
        "storage.filestorage.premium.lrs.premium.data_at_rest": "0.16",
        "storage.filestorage.premium.lrs.premium.snapshots": "0.12",
    }
    units = {k: doc["prices"][k]["unit"] for k in prices}
    assert {units[f"{v2}.write_operations"], units[f"{v2}.blob_index"], units[v2]} == {
        "10k operations",
        "10k tags",
        "GB",
    }


def test_gcp_cloud_sql_legacy_tiers_are_their_vcpus_and_memory(
    api: FakePriceApi, tmp_path: Path
) -> None:
    env = {"FINOPS_GATE_GCP_API_KEY": GCP_KEY}
    result = _refresh(api, tmp_path, "gcp", "--region", "us-central1", "--service", "sql", env=env)
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "gcp")
    price = {k: Decimal(v) for (k, r), v in _prices(doc).items() if r == "us-central1"}
    for avail in ("zonal", "regional"):
        vcpu, memory = price[f"sql.vcpu.{avail}"], price[f"sql.memory.{avail}"]
        assert price[f"sql.db-n1-standard-1.{avail}"] == vcpu + memory * Decimal("3.75")
        assert price[f"sql.db-n1-highmem-8.{avail}"] == 8 * vcpu + memory * 52
    assert doc["prices"]["sql.db-n1-standard-16.zonal"]["unit"] == "hours"


def test_gcp_a3_mega_and_g4_types_add_their_gpus_fractions_included(
    api: FakePriceApi, tmp_path: Path
) -> None:
    env = {"FINOPS_GATE_GCP_API_KEY": GCP_KEY}
    result = _refresh(
        api, tmp_path, "gcp", "--region", "us-central1", "--service", "compute", env=env
    )
    assert result.exit_code == 0, result.stderr
    _, doc = _only(tmp_path, "gcp")
    price = {k: Decimal(v) for (k, r), v in _prices(doc).items() if r == "us-central1"}
    core, ram, ssd = Decimal("0.022"), Decimal("0.0027"), Decimal("0.08")
    # g4-standard-12: 12 vCPUs, 45 GiB and a quarter of an RTX PRO 6000 ("RTX 6000 96GB")
    assert price["compute.instance.g4-standard-12"] == 12 * core + 45 * ram + Decimal("4.5") / 4
    assert price["compute.instance.g4-standard-48"] == 48 * core + 180 * ram + Decimal("4.5")
    # a3-megagpu-8g: A3 cores and RAM, 8 H100 80GB Mega GPUs and its 6,000 GB of local SSD
    assert price["compute.instance.a3-megagpu-8g"] == (
        208 * Decimal("0.029") + 1872 * Decimal("0.0025") + 8 * Decimal("11.616") + 6000 * ssd / 730
    )
    assert not any("rtx" in k for k in price)  # no accelerator key of its own
