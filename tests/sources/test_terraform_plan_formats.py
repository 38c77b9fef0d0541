"""Every plan Terraform >= 0.12 writes, as CI produces it (wrapper output, no provider region)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from finops_gate.errors import InputError
from finops_gate.sources.terraform_plan import read_plan, region_defaults

REAL = Path(__file__).parents[1] / "fixtures" / "plans" / "real"


def _v01_plan() -> dict[str, Any]:
    """The shape Terraform 0.12-0.14 writes: format 0.1, bare provider names, ``module:aws``
    provider keys, no ``*_sensitive`` maps."""
    return {
        "format_version": "0.1",
        "terraform_version": "0.12.31",
        "planned_values": {"root_module": {}},
        "resource_changes": [
            {
                "address": "aws_instance.web",
                "mode": "managed",
                "type": "aws_instance",
                "name": "web",
                "provider_name": "aws",
                "change": {
                    "actions": ["update"],
                    "before": {"instance_type": "t3.medium", "tags": {"Name": "web"}},
                    "after": {"instance_type": "m5.large", "tags": {"Name": "web"}},
                    "after_unknown": {},
                },
            },
            {
                "address": "module.db.aws_db_instance.this[0]",
                "module_address": "module.db",
                "mode": "managed",
                "type": "aws_db_instance",
                "name": "this",
                "index": 0,
                "provider_name": "aws",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": {"instance_class": "db.t3.large", "password": "hunter2"},
                    "after_unknown": {"id": True},
                },
            },
        ],
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}
            },
            "root_module": {
                "resources": [{"address": "aws_instance.web", "provider_config_key": "aws"}],
                "module_calls": {
                    "db": {
                        "module": {
                            "resources": [
                                {"address": "aws_db_instance.this", "provider_config_key": "db:aws"}
                            ]
                        }
                    }
                },
            },
        },
    }


def _write(tmp_path: Path, doc: dict[str, Any] | str, name: str = "plan.json") -> Path:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def test_format_0_1_from_terraform_0_12_is_read_with_a_note_on_sensitivity(tmp_path: Path) -> None:
    read = read_plan(_write(tmp_path, _v01_plan()), "plan.json")
    by_address = {c.address: c for c in read.changes}
    web = by_address["aws_instance.web"]
    assert web.after is not None and web.after.attributes["instance_type"] == "m5.large"
    db = by_address["module.db.aws_db_instance.this[0]"].after
    assert db is not None and db.region == "eu-west-1"  # inherited through "db:aws"
    assert web.after.provider == "aws" and web.after.region == "eu-west-1"
    assert any("sensitivity" in n and "0.1" in n for n in read.notes)


def test_format_0_2_from_terraform_1_0_is_read_and_its_sensitive_values_dropped(
    tmp_path: Path,
) -> None:
    doc = _v01_plan()
    doc["format_version"], doc["terraform_version"] = "0.2", "1.0.11"
    for rc in doc["resource_changes"]:
        rc["provider_name"] = "registry.terraform.io/hashicorp/aws"
    db = doc["resource_changes"][1]["change"]
    db["after_sensitive"], db["before_sensitive"] = {"password": True}, False
    read = read_plan(_write(tmp_path, doc), "plan.json")
    after = {c.address: c for c in read.changes}["module.db.aws_db_instance.this[0]"].after
    assert after is not None and "password" not in after.attributes
    assert after.attributes["instance_class"] == "db.t3.large"
    assert not any("sensitivity" in n for n in read.notes)


@pytest.mark.parametrize("version", ["0.3", "2.0", "0"])
def test_a_format_no_terraform_wrote_is_refused_naming_what_is_supported(
    tmp_path: Path, version: str
) -> None:
    doc = {**_v01_plan(), "format_version": version}
    with pytest.raises(InputError, match=r"plan\.json: .*0\.1, 0\.2 and 1\.x"):
        read_plan(_write(tmp_path, doc), "plan.json")


def _wrapper_output(doc: dict[str, Any]) -> str:
    body = json.dumps(doc)
    return (
        "[command]/home/runner/work/_temp/2a9f/terraform-bin show -json tfplan\n"
        f"{body}\n"
        "::debug::Terraform exited with code 0.\n"
        f"::debug::stdout: {body[:40]}%0A\n"
        "::debug::stderr: \n"
        "::debug::exitcode: 0\n"
        "::set-output name=exitcode::0\n"
    )


def test_setup_terraform_wrapper_output_is_read_and_the_report_says_so(tmp_path: Path) -> None:
    plain = read_plan(_write(tmp_path, _v01_plan(), "a.json"), "a.json")
    wrapped = read_plan(_write(tmp_path, _wrapper_output(_v01_plan()), "b.json"), "b.json")
    assert [c.address for c in wrapped.changes] == [c.address for c in plain.changes]
    assert any("terraform_wrapper: false" in n for n in wrapped.notes)
    assert not any("wrapper" in n for n in plain.notes)


def test_wrapper_output_with_other_text_after_the_json_names_the_wrapper_setting(
    tmp_path: Path,
) -> None:
    text = _wrapper_output(_v01_plan()) + "Releasing state lock. This may take a few moments...\n"
    with pytest.raises(InputError, match=r"b\.json: .*line \d+.*terraform_wrapper: false"):
        read_plan(_write(tmp_path, text, "b.json"), "b.json")


def test_a_wrapper_command_line_with_nothing_after_it_is_refused(tmp_path: Path) -> None:
    text = "[command]/usr/bin/terraform show -json tfplan\n"
    with pytest.raises(InputError, match=r"b\.json: .*no plan JSON"):
        read_plan(_write(tmp_path, text, "b.json"), "b.json")


def test_plain_text_after_a_plan_is_still_invalid_json(tmp_path: Path) -> None:
    text = json.dumps(_v01_plan()) + "\nextra"
    with pytest.raises(InputError, match=r"p\.json: not valid JSON"):
        read_plan(_write(tmp_path, text, "p.json"), "p.json")


def test_an_errored_plan_is_refused_and_an_incomplete_one_is_noted(tmp_path: Path) -> None:
    errored = {**_v01_plan(), "format_version": "1.2", "errored": True}
    with pytest.raises(InputError, match=r"plan\.json: Terraform marks this plan as errored"):
        read_plan(_write(tmp_path, errored), "plan.json")
    partial = {**_v01_plan(), "format_version": "1.2", "complete": False, "errored": False}
    read = read_plan(_write(tmp_path, partial), "plan.json")
    assert len(read.changes) == 2 and any("incomplete" in n for n in read.notes)


def test_an_address_twice_in_one_plan_is_an_error_not_double_counting(tmp_path: Path) -> None:
    doc = _v01_plan()
    doc["resource_changes"].append(doc["resource_changes"][0])
    with pytest.raises(InputError, match=r"plan\.json: .*aws_instance\.web appears twice"):
        read_plan(_write(tmp_path, doc), "plan.json")


def test_a_deposed_object_is_its_own_change_beside_the_current_one(tmp_path: Path) -> None:
    doc = _v01_plan()
    deposed = json.loads(json.dumps(doc["resource_changes"][0]))
    deposed["deposed"] = "a1b2c3d4"
    deposed["change"] = {"actions": ["delete"], "before": {"instance_type": "t3.medium"}}
    deposed["change"]["after"] = None
    doc["resource_changes"].append(deposed)
    addresses = [c.address for c in read_plan(_write(tmp_path, doc), "plan.json").changes]
    assert "aws_instance.web" in addresses
    assert "aws_instance.web (deposed a1b2c3d4)" in addresses


def test_real_plan_without_provider_region_takes_the_region_of_the_environment() -> None:
    plan = REAL / "tf111-provider-without-region.json"
    bare = read_plan(plan, "plan.json")
    (change,) = bare.changes
    assert change.after is not None and change.after.region is None  # nothing to go on
    env = region_defaults({"AWS_DEFAULT_REGION": "us-west-2", "AWS_REGION": "eu-west-1"})
    read = read_plan(plan, "plan.json", regions=env)
    (change,) = read.changes
    assert change.after is not None and change.after.region == "eu-west-1"  # AWS_REGION first
    assert read.notes == (
        "plan.json: 1 aws resource(s) whose provider sets no region priced in eu-west-1 "
        "(from environment variable AWS_REGION)",
    )


def test_config_default_region_applies_when_the_environment_has_none() -> None:
    plan = REAL / "tf111-provider-without-region.json"
    defaults = region_defaults({}, {"aws": "ap-southeast-2", "google": "europe-west1"})
    read = read_plan(plan, "plan.json", regions=defaults)
    (change,) = read.changes
    assert change.after is not None and change.after.region == "ap-southeast-2"
    assert "pricing.default_region.aws" in read.notes[0]
    env_wins = region_defaults({"AWS_DEFAULT_REGION": "us-west-2"}, {"aws": "ap-southeast-2"})
    (change,) = read_plan(plan, "plan.json", regions=env_wins).changes
    assert change.after is not None and change.after.region == "us-west-2"


def test_a_provider_region_from_an_unknown_value_is_not_replaced_by_a_default(
    tmp_path: Path,
) -> None:
    doc = _v01_plan()
    doc["configuration"]["provider_config"]["aws"]["expressions"] = {
        "region": {"references": ["local.region"]}
    }
    read = read_plan(_write(tmp_path, doc), "plan.json", regions=region_defaults({}, {"aws": "x"}))
    assert all(c.current.region is None for c in read.changes)
    assert read.notes == (
        "plan.json: plan format 0.1 (Terraform 0.12-0.14) has no sensitivity "
        "maps; values the configuration marks sensitive are not known as such",
    )


def test_cli_takes_aws_region_from_its_environment_and_reads_a_plan_given_twice_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from finops_gate.cli import main

    plan = tmp_path / "plan.json"
    plan.write_bytes((REAL / "tf111-provider-without-region.json").read_bytes())
    copy = tmp_path / "copy.json"
    copy.write_bytes(plan.read_bytes())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    args = ["check", "--plan", "plan.json", "--plan", "plan.json", "--plan", "copy.json"]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert [r["address"] for r in doc["resources"]] == ["aws_instance.web[0]"]
    assert doc["resources"][0]["status"] == "priced"
    assert "plan.json is given twice: read once" in doc["notes"]
    assert "copy.json has the same content as plan.json: read once" in doc["notes"]
    assert any("AWS_DEFAULT_REGION" in n for n in doc["notes"])


def test_cli_default_region_from_config_prices_a_plan_whose_provider_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from finops_gate.cli import main

    (tmp_path / "plan.json").write_bytes((REAL / "tf111-provider-without-region.json").read_bytes())
    (tmp_path / "gate.yml").write_text("version: 1\npricing: {default_region: {aws: us-east-1}}\n")
    monkeypatch.chdir(tmp_path)
    args = ["check", "--plan", "plan.json", "--config", "gate.yml", "--format", "json"]
    result = CliRunner().invoke(main, args)
    doc = json.loads(result.output)
    assert doc["resources"][0]["status"] == "priced"
    assert any("pricing.default_region.aws" in n for n in doc["notes"])
    (tmp_path / "bad.yml").write_text("version: 1\npricing: {default_region: {mars: x}}\n")
    bad = CliRunner().invoke(main, ["check", "--plan", "plan.json", "--config", "bad.yml"])
    assert bad.exit_code == 2 and "mars" in bad.output
