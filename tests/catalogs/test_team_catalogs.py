"""--catalog-dir / pricing.catalog_dirs: a team's catalogs layered over the shipped ones, named
in the report with their digest; --as-of / pricing.as_of pick the versions in force."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.app import CheckRequest, check
from finops_gate.catalogs.files import SUMS
from finops_gate.catalogs.store import CatalogDir, CatalogSet
from finops_gate.cli import main
from finops_gate.errors import CatalogError
from finops_gate.report.json import to_json
from tests.catalogs.conftest import price_doc, sha256, write_catalog

# the newest shipped AWS catalog: the one in force today
SHIPPED = max((Path(__file__).resolve().parents[2] / "pricing" / "aws").glob("*.json"))
SHIPPED_REL = f"pricing/aws/{SHIPPED.name}"

EU = "eu-central-1"
M5 = {"ec2.instance.m5.large": {EU: "0.115"}}
GP3 = {"ebs.gp3.storage": {EU: "0.0952"}}


def _run(*args: str) -> tuple[int, dict[str, Any], str]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    doc = json.loads(result.stdout) if result.stdout.startswith("{") else {}
    return result.exit_code, doc, result.stderr


def _dr(doc: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in doc["resources"] if r["address"] == "aws_instance.dr_replica")


def test_a_region_missing_from_the_shipped_catalog_names_the_refresh_command(
    eu_plan: Path,
) -> None:
    code, doc, _ = _run("--plan", str(eu_plan))
    r = _dr(doc)
    assert code == 0
    assert r["status"] == "unpriced" and r["monthly_after"] is None
    assert "finops-gate pricing refresh aws --region eu-central-1" in r["reason"]
    assert "shipped aws catalog" in r["reason"]


def test_a_team_catalog_prices_its_region_and_is_named_with_its_digest(
    eu_plan: Path, make_dir: Callable[..., Path]
) -> None:
    team = make_dir("team")
    # gp3 storage is priced per GB(-month) in the shipped catalog: a team price keeps the unit
    doc_gp3 = price_doc("aws", "2026-11-20", {**M5})
    doc_gp3["prices"]["ebs.gp3.storage"] = {
        "unit": "GB",
        "source": "team",
        "regions": GP3["ebs.gp3.storage"],
    }
    path = write_catalog(team, doc_gp3)
    code, doc, err = _run("--plan", str(eu_plan), "--catalog-dir", str(team))
    assert code == 0, err
    r = _dr(doc)
    assert r["status"] == "priced"
    expected = Decimal("0.115") * 730 + Decimal("0.0952") * 30
    assert Decimal(r["monthly_after"]) == expected.quantize(Decimal("0.01"))
    files = {f["file"]: f for f in doc["catalog_files"]}
    assert files[f"{team}/aws/2026-11-20.json"]["sha256"] == sha256(path)
    assert files[f"{team}/aws/2026-11-20.json"]["origin"] == str(team)
    assert files[SHIPPED_REL]["origin"] == "shipped"


def test_a_team_catalog_never_lends_its_price_to_another_region(
    eu_plan: Path, make_dir: Callable[..., Path]
) -> None:
    team = make_dir(
        "team", price_doc("aws", "2026-11-20", {"ec2.instance.m5.large": {"eu-west-1": "0.107"}})
    )
    _, doc, _ = _run("--plan", str(eu_plan), "--catalog-dir", str(team))
    r = _dr(doc)
    assert r["status"] == "unpriced" and r["monthly_after"] is None
    assert "region eu-central-1 is not in the aws catalogs used" in r["reason"]


def test_a_key_the_team_catalog_lacks_stays_unpriced_in_its_region(
    eu_plan: Path, make_dir: Callable[..., Path]
) -> None:
    team = make_dir("team", price_doc("aws", "2026-11-20", M5))  # no gp3 price in eu-central-1
    _, doc, _ = _run("--plan", str(eu_plan), "--catalog-dir", str(team))
    r = _dr(doc)
    assert r["status"] == "unpriced"
    assert "no price for ebs.gp3.storage in eu-central-1" in r["reason"]


def test_a_later_catalog_dir_overrides_an_earlier_one_for_the_pairs_it_holds(
    make_dir: Callable[..., Path],
) -> None:
    first = make_dir(
        "a", price_doc("aws", "2026-11-20", {"ec2.instance.m5.large": {EU: "1", "eu-west-1": "2"}})
    )
    second = make_dir("b", price_doc("aws", "2026-11-21", {"ec2.instance.m5.large": {EU: "3"}}))
    catalogs = CatalogSet(dirs=(CatalogDir(first, "a"), CatalogDir(second, "b")))
    aws = catalogs.price_catalog("aws")
    assert aws.price("ec2.instance.m5.large", EU) == Decimal(3)
    assert aws.price("ec2.instance.m5.large", "eu-west-1") == Decimal(2)
    assert aws.price("ec2.instance.m5.large", "us-east-1") == Decimal("0.096")  # shipped
    assert [u.file for u in catalogs.used()] == [
        SHIPPED_REL,
        "a/aws/2026-11-20.json",
        "b/aws/2026-11-21.json",
    ]


def test_as_of_picks_the_team_version_in_force_that_day(make_dir: Callable[..., Path]) -> None:
    team = make_dir(
        "team",
        price_doc("aws", "2026-09-01", {"ec2.instance.m5.large": {EU: "1"}}),
        price_doc("aws", "2026-12-01", {"ec2.instance.m5.large": {EU: "2"}}),
    )
    dirs = (CatalogDir(team, "team"),)
    assert CatalogSet(as_of=date(2026, 10, 1), dirs=dirs).price_catalog("aws").price(
        "ec2.instance.m5.large", EU
    ) == Decimal(1)
    assert CatalogSet(as_of=date(2026, 12, 1), dirs=dirs).price_catalog("aws").price(
        "ec2.instance.m5.large", EU
    ) == Decimal(2)
    # before every team version: only the shipped prices are in force
    early = CatalogSet(as_of=date(2026, 8, 1), dirs=dirs)
    assert early.price_catalog("aws").price("ec2.instance.m5.large", EU) is None


def test_as_of_before_every_shipped_catalog_says_the_oldest_was_used(eu_plan: Path) -> None:
    code, doc, _ = _run("--plan", str(eu_plan), "--as-of", "2026-01-15")
    assert code == 0
    assert doc["as_of"] == "2026-01-15"
    assert "prices as of 2026-01-15 (--as-of)" in doc["notes"]
    assert any("no aws catalog is dated on or before 2026-01-15" in n for n in doc["notes"])


def test_as_of_sets_the_model_price_date(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    for side, model in ((base, "gpt-4o-mini"), (head, "o3")):
        (side / "config").mkdir(parents=True)
        (side / "config" / "app.yaml").write_text(f"llm:\n  model: {model}\n", encoding="utf-8")
    old = check(CheckRequest(base=base, head=head, as_of=date(2025, 6, 1)))
    new = check(CheckRequest(base=base, head=head, as_of=date(2025, 6, 10)))
    o3_old = to_json(old)["resources"][0]["per_request_after"]
    o3_new = to_json(new)["resources"][0]["per_request_after"]
    assert Decimal(o3_old) > Decimal(o3_new)  # o3 was cut by 80% on 2025-06-10
    assert to_json(old)["as_of"] == "2025-06-01"


def test_the_cli_passes_today_and_the_core_reads_no_clock(eu_plan: Path) -> None:
    doc = to_json(check(CheckRequest(plans=(eu_plan,))))
    assert doc["as_of"] is None  # no date given to the core: the newest catalogs, no guess
    pinned = to_json(check(CheckRequest(plans=(eu_plan,), today=date(2030, 1, 2))))
    assert pinned["as_of"] == "2030-01-02"


def test_config_as_of_is_used_and_the_option_wins(eu_plan: Path, tmp_path: Path) -> None:
    config = tmp_path / "gate.yml"
    config.write_text("version: 1\npricing: {as_of: '2026-11-05'}\n", encoding="utf-8")
    _, doc, _ = _run("--plan", str(eu_plan), "--config", str(config))
    assert doc["as_of"] == "2026-11-05"
    _, doc, _ = _run("--plan", str(eu_plan), "--config", str(config), "--as-of", "2026-11-07")
    assert doc["as_of"] == "2026-11-07"


@pytest.mark.parametrize("bad", ["2026-02-30", "tomorrow", "2026-1-5", "20261130"])
def test_a_bad_as_of_is_exit_2_in_one_line(eu_plan: Path, bad: str) -> None:
    code, _, err = _run("--plan", str(eu_plan), "--as-of", bad)
    assert code == 2
    assert "--as-of" in err and err.count("\n") == 1


def test_a_config_as_of_that_is_no_calendar_date_is_exit_2(eu_plan: Path, tmp_path: Path) -> None:
    config = tmp_path / "gate.yml"
    config.write_text("version: 1\npricing: {as_of: '2026-02-30'}\n", encoding="utf-8")
    code, _, err = _run("--plan", str(eu_plan), "--config", str(config))
    assert code == 2 and "pricing.as_of" in err and str(config) in err


def _broken(doc: dict[str, Any]) -> dict[str, Any]:
    doc["prices"]["ec2.instance.m5.large"]["regions"][EU] = "-1"
    return doc


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_broken, "prices/ec2.instance.m5.large/regions/eu-central-1"),
        (lambda d: {**d, "version": "2026-11-21"}, "does not match its file name"),
        (lambda d: {**d, "currency": "EUR"}, "currency"),
    ],
)
def test_a_bad_team_catalog_file_is_exit_2_naming_it(
    eu_plan: Path, make_dir: Callable[..., Path], mutate: Callable[..., Any], expected: str
) -> None:
    team = make_dir("team")
    path = team / "aws" / "2026-11-20.json"
    path.parent.mkdir()
    path.write_text(json.dumps(mutate(price_doc("aws", "2026-11-20", M5))), encoding="utf-8")
    code, _, err = _run("--plan", str(eu_plan), "--catalog-dir", str(team))
    assert code == 2
    assert f"{team}/aws/2026-11-20.json" in err and expected in err
    assert err.count("\n") == 1


def test_a_team_catalog_that_is_not_json_is_exit_2(
    eu_plan: Path, make_dir: Callable[..., Path]
) -> None:
    team = make_dir("team")
    (team / "aws").mkdir()
    (team / "aws" / "2026-11-20.json").write_text('{"catalog": "aws", ', encoding="utf-8")
    code, _, err = _run("--plan", str(eu_plan), "--catalog-dir", str(team))
    assert code == 2 and "2026-11-20.json: not valid JSON" in err


def test_a_misnamed_file_in_a_catalog_dir_is_exit_2(
    eu_plan: Path, make_dir: Callable[..., Path]
) -> None:
    team = make_dir("team", price_doc("aws", "2026-11-20", M5))
    (team / "aws" / "latest.json").write_text("{}", encoding="utf-8")
    code, _, err = _run("--plan", str(eu_plan), "--catalog-dir", str(team))
    assert code == 2 and "aws/latest.json: not a dated catalog file" in err


def test_a_team_key_with_another_unit_than_shipped_is_exit_2(
    eu_plan: Path, make_dir: Callable[..., Path]
) -> None:
    team = make_dir("team", price_doc("aws", "2026-11-20", GP3, unit="hours"))  # shipped: GB
    code, _, err = _run("--plan", str(eu_plan), "--catalog-dir", str(team))
    assert code == 2 and "prices/ebs.gp3.storage" in err and "same unit" in err


def test_a_team_sums_file_makes_an_edit_visible(
    eu_plan: Path, make_dir: Callable[..., Path]
) -> None:
    team = make_dir("team")
    path = write_catalog(team, price_doc("aws", "2026-11-20", M5))
    (team / SUMS).write_text(f"{'0' * 64}  aws/2026-11-20.json\n", encoding="utf-8")
    code, _, err = _run("--plan", str(eu_plan), "--catalog-dir", str(team))
    assert code == 2 and "do not match" in err
    (team / SUMS).write_text(f"{sha256(path)}  aws/2026-11-20.json\n", encoding="utf-8")
    code, _, err = _run("--plan", str(eu_plan), "--catalog-dir", str(team))
    assert code == 0, err


def test_a_missing_catalog_dir_is_exit_2(eu_plan: Path, tmp_path: Path) -> None:
    code, _, err = _run("--plan", str(eu_plan), "--catalog-dir", str(tmp_path / "nope"))
    assert code == 2 and "nope" in err


@pytest.mark.parametrize("command", ["check", "pricing list"])
def test_a_catalog_dir_that_is_a_file_is_one_line_exit_2(
    eu_plan: Path, tmp_path: Path, command: str
) -> None:
    afile = tmp_path / "pricing-team"
    afile.write_text("not a folder\n", encoding="utf-8")
    args = [*command.split(), "--catalog-dir", str(afile)]
    if command == "check":
        args += ["--plan", str(eu_plan)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr == (  # one line, no usage text
        f"finops-gate: {afile}: --catalog-dir is a file, not a folder; give the folder pricing "
        "refresh --out wrote\n"
    )


def test_a_config_catalog_dir_that_is_a_file_says_so(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    for root in (base, head):
        _repo(root, config=LLM_CONFIG, catalog=None)
        (root / "team-pricing").write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--base", str(base), "--head", str(head)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "'team-pricing' is a file, not a folder" in result.stderr


def _repo(root: Path, *, config: str, catalog: dict[str, Any] | None, broken: bool = False) -> None:
    (root / "config").mkdir(parents=True)
    (root / ".finops-gate.yml").write_text(config, encoding="utf-8")
    (root / "config" / "app.yaml").write_text("llm:\n  model: gpt-4o-mini\n", encoding="utf-8")
    if catalog is not None:
        path = write_catalog(root / "team-pricing", catalog)
        if broken:
            path.write_text("not json", encoding="utf-8")


LLM_CONFIG = "version: 1\npricing:\n  catalog_dirs: [team-pricing]\n"


def _llm_doc(version: str, price: str) -> dict[str, Any]:
    shipped = json.loads(
        (Path(__file__).resolve().parents[2] / "pricing" / "llm" / "2026-11-01.json").read_text()
    )
    doc = {**shipped, "version": version}
    doc.pop("$schema", None)
    openai = next(p for p in doc["providers"] if p["id"] == "openai")
    model = next(m for m in openai["models"] if m["id"] == "gpt-4o-mini")
    model["prices"] = [{"input_mtok": price, "output_mtok": price, "start_date": None}]
    return doc


def test_config_catalog_dirs_are_read_from_the_base_tree(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    _repo(base, config=LLM_CONFIG, catalog=_llm_doc("2026-11-20", "1"))
    # the change lowers its own team price: not used until merged
    _repo(head, config=LLM_CONFIG, catalog=_llm_doc("2026-11-20", "0"))
    (head / "config" / "app.yaml").write_text("llm:\n  model: gpt-4o-mini\n# x\n", encoding="utf-8")
    (base / "config" / "app.yaml").write_text("llm:\n  model: gpt-4o\n", encoding="utf-8")
    doc = to_json(check(CheckRequest(base=base, head=head, today=date(2026, 11, 30))))
    r = doc["resources"][0]
    assert Decimal(r["per_request_after"]) == Decimal(1500) / 1_000_000  # 1000 in + 500 out at $1
    assert [f["file"] for f in doc["catalog_files"]] == ["team-pricing/llm/2026-11-20.json"]


def test_a_broken_team_catalog_only_in_the_head_is_not_read(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    _repo(base, config=LLM_CONFIG, catalog=_llm_doc("2026-11-20", "1"))
    _repo(head, config=LLM_CONFIG, catalog=_llm_doc("2026-11-20", "1"), broken=True)
    (base / "config" / "app.yaml").write_text("llm:\n  model: gpt-4o\n", encoding="utf-8")
    doc = to_json(check(CheckRequest(base=base, head=head, today=date(2026, 11, 30))))
    assert Decimal(doc["resources"][0]["per_request_after"]) == Decimal(1500) / 1_000_000


def test_a_broken_team_catalog_in_the_base_is_exit_2_naming_it(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    _repo(base, config=LLM_CONFIG, catalog=_llm_doc("2026-11-20", "1"), broken=True)
    _repo(head, config=LLM_CONFIG, catalog=_llm_doc("2026-11-20", "1"))
    (base / "config" / "app.yaml").write_text("llm:\n  model: gpt-4o\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"team-pricing/llm/2026-11-20\.json: not valid JSON"):
        check(CheckRequest(base=base, head=head, today=date(2026, 11, 30)))


@pytest.mark.parametrize("written", ["../outside", "/etc", "team-pricing/../../x"])
def test_config_catalog_dirs_outside_the_repository_are_refused(
    tmp_path: Path, written: str
) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    config = f"version: 1\npricing:\n  catalog_dirs: [{json.dumps(written)}]\n"
    _repo(base, config=config, catalog=None)
    _repo(head, config=config, catalog=None)
    result = CliRunner().invoke(main, ["check", "--base", str(base), "--head", str(head)])
    assert result.exit_code == 2
    assert "pricing.catalog_dirs" in result.stderr and "inside the repository" in result.stderr


def test_a_config_catalog_dir_absent_from_the_base_is_exit_2(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    _repo(base, config=LLM_CONFIG, catalog=None)
    _repo(head, config=LLM_CONFIG, catalog=_llm_doc("2026-11-20", "1"))
    result = CliRunner().invoke(main, ["check", "--base", str(base), "--head", str(head)])
    assert result.exit_code == 2
    assert "team-pricing" in result.stderr and "does not exist" in result.stderr


def test_the_table_and_the_comment_name_every_catalog_file(
    eu_plan: Path, make_dir: Callable[..., Path]
) -> None:
    team = make_dir("team", price_doc("aws", "2026-11-20", M5))
    for fmt in ("table", "markdown"):
        result = CliRunner().invoke(
            main, ["check", "--plan", str(eu_plan), "--catalog-dir", str(team), "--format", fmt]
        )
        assert SHIPPED_REL in result.stdout.replace("\\", "")
        assert "aws/2026-11-20.json" in result.stdout.replace("\\", "")
        assert f"sha256 {sha256(SHIPPED)[:12]}" in result.stdout


def test_a_catalog_dir_named_twice_is_read_and_reported_once(
    eu_plan: Path, make_dir: Callable[..., Path]
) -> None:
    team = make_dir("team", price_doc("aws", "2026-11-20", M5))
    result = CliRunner().invoke(
        main,
        ["pricing", "list", "--catalog-dir", str(team), "--catalog-dir", f"{team}/"],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("aws/2026-11-20.json") == 1
    code, doc, _ = _run(
        "--plan", str(eu_plan), "--catalog-dir", str(team), "--catalog-dir", str(team)
    )
    files = [f["file"] for f in doc["catalog_files"]]
    assert code == 0 and len(files) == len(set(files))
