from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from finops_gate.errors import InputError
from finops_gate.model import Action
from finops_gate.sources.terraform_plan import load_plan, plan_changes


def _plan(*changes: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"format_version": "1.2", "resource_changes": list(changes), **extra}


def _rc(address: str, actions: list[str], before: Any, after: Any, **change: Any) -> dict[str, Any]:
    kind = address.split(".")[-2] if address.startswith("module.") else address.split(".")[0]
    return {
        "address": address,
        "mode": "managed",
        "type": kind.split("[")[0],
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {"actions": actions, "before": before, "after": after, **change},
    }


def test_example_plan_keeps_module_count_and_for_each_addresses(example_plan: Path) -> None:
    addresses = {c.address for c in load_plan(example_plan, "plan.json")}
    assert "module.api.aws_instance.web[0]" in addresses
    assert 'aws_sagemaker_endpoint.ranker["eu"]' in addresses


def test_replace_is_recognised_in_both_orders() -> None:
    doc = _plan(
        _rc("aws_instance.a", ["delete", "create"], {"x": 1}, {"x": 2}),
        _rc("aws_instance.b", ["create", "delete"], {"x": 1}, {"x": 2}),
    )
    assert [c.action for c in plan_changes(doc, display="p.json")] == [Action.REPLACE] * 2


def test_no_op_keeps_both_sides_and_read_and_data_sources_are_ignored() -> None:
    doc = _plan(
        _rc("aws_instance.a", ["no-op"], {"x": 1}, {"x": 1}),
        _rc("aws_instance.b", ["read"], None, {"x": 1}),
        {**_rc("data.aws_ami.x", ["read"], None, {}), "mode": "data"},
    )
    (change,) = plan_changes(doc, display="p.json")
    assert change.action is Action.NOOP and change.before is not None and change.after is not None


def test_create_and_delete_have_one_side() -> None:
    doc = _plan(
        _rc("aws_instance.new", ["create"], None, {"x": 1}),
        _rc("aws_instance.old", ["delete"], {"x": 1}, None),
    )
    new, old = plan_changes(doc, display="p.json")
    assert new.before is None and new.after is not None
    assert old.after is None and old.before is not None


def test_values_unknown_until_apply_become_unknown_paths() -> None:
    doc = _plan(
        _rc(
            "aws_instance.a",
            ["create"],
            None,
            {"instance_type": None, "root_block_device": [{}]},
            after_unknown={"instance_type": True, "root_block_device": [{"volume_size": True}]},
        )
    )
    (change,) = plan_changes(doc, display="p.json")
    assert change.after is not None
    assert change.after.unknown == {"instance_type", "root_block_device.0.volume_size"}


def test_sensitive_values_never_reach_the_resource() -> None:
    secret = "hunter2-super-secret"
    doc = _plan(
        _rc(
            "aws_db_instance.a",
            ["update"],
            {"password": secret, "nested": {"k": secret}},
            {"password": secret, "nested": {"k": secret}, "instance_class": "db.t3.micro"},
            before_sensitive={"password": True, "nested": {"k": True}},
            after_sensitive={"password": True, "nested": {"k": True}},
        )
    )
    (change,) = plan_changes(doc, display="p.json")
    assert secret not in repr(change)
    assert change.after is not None and change.after.attributes["instance_class"] == "db.t3.micro"


def test_region_comes_from_the_provider_alias_the_resource_uses() -> None:
    doc = _plan(
        _rc("aws_instance.a", ["create"], None, {}),
        _rc("module.m.aws_instance.b[0]", ["create"], None, {}),
        configuration={
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"references": ["var.region"]}}},
                "aws.west": {
                    "name": "aws",
                    "alias": "west",
                    "expressions": {"region": {"constant_value": "us-west-2"}},
                },
            },
            "root_module": {
                "resources": [{"address": "aws_instance.a", "provider_config_key": "aws.west"}],
                "module_calls": {
                    "m": {
                        "module": {
                            "resources": [
                                {"address": "aws_instance.b", "provider_config_key": "aws"}
                            ]
                        }
                    }
                },
            },
        },
        variables={"region": {"value": "eu-west-1"}},
    )
    a, b = plan_changes(doc, display="p.json")
    assert a.after is not None and a.after.region == "us-west-2"
    assert b.after is not None and b.after.region == "eu-west-1"


def test_default_tags_merge_into_tags_when_tags_all_is_unknown() -> None:
    doc = _plan(
        _rc(
            "aws_instance.a",
            ["create"],
            None,
            {"tags": {"Name": "a"}},
            after_unknown={"tags_all": True},
        ),
        configuration={
            "provider_config": {
                "aws": {
                    "name": "aws",
                    "expressions": {
                        "region": {"constant_value": "us-east-1"},
                        "default_tags": [{"tags": {"constant_value": {"finops:team": "core"}}}],
                    },
                }
            },
            "root_module": {
                "resources": [{"address": "aws_instance.a", "provider_config_key": "aws"}]
            },
        },
    )
    (change,) = plan_changes(doc, display="p.json")
    assert change.after is not None
    assert change.after.tags == {"finops:team": "core", "Name": "a"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b'{"format_version": "1.2", "resource_changes": [', "not valid JSON (line 1"),
        (b"[1, 2]", "not a Terraform plan"),
        (b'{"format_version": "1.0", "values": {}}', "looks like a state file"),
        (
            b'{"format_version": "2.0", "resource_changes": []}',
            "format_version 2.0 is not supported",
        ),
        (
            b'{"format_version": "1.2", "resource_changes": {"a": 1}}',
            "resource_changes must be a list",
        ),
        (
            b'{"format_version": "1.2", "resource_changes": [7]}',
            "resource_changes[0] must be an object",
        ),
        (
            b'{"format_version": "1.2", "resource_changes": [{"address": "a.b", "type": "a",'
            b' "change": {"actions": "create"}}]}',
            "actions must be a list of strings",
        ),
        (
            b'{"format_version": "1.2", "resource_changes": [{"address": 3, "type": "a",'
            b' "change": {}}]}',
            "needs string 'address'",
        ),
        (b"\xc3\x28 garbage", "not UTF-8 JSON"),
    ],
)
def test_bad_plan_files_name_the_file_and_say_what_to_do(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_plan(path, "plan.json")
    text = str(info.value)
    assert text.startswith("plan.json: ") and message in text and "\n" not in text


def test_missing_plan_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"plan\.json: file not found"):
        load_plan(tmp_path / "plan.json", "plan.json")


def test_unknown_fields_in_a_1x_plan_are_ignored() -> None:
    doc = _plan(_rc("aws_instance.a", ["create"], None, {}), brand_new_field={"x": 1})
    doc["format_version"] = "1.9"
    assert len(plan_changes(json.loads(json.dumps(doc)), display="p.json")) == 1


def test_only_attributes_that_start_with_an_underscore_are_left_out() -> None:
    # keys that sort near "_" (capitals, digits, punctuation, "\n_" inside) are attributes too
    after = {
        "_related": {"x": 1},
        "_": 0,
        "Zone": "a",
        "1st": 1,
        "^": 2,
        "a\n_b": 3,
        "`": 4,
        "instance_type": "m5.large",
    }
    (change,) = plan_changes(_plan(_rc("aws_instance.a", ["create"], None, after)), display="p")
    assert change.after is not None
    assert dict(change.after.attributes) == {k: v for k, v in after.items() if k[0] != "_"}


@pytest.mark.parametrize(
    ("tags_all", "tags"),
    [
        ({"team": "a", "env": "prod"}, {"team": "a", "env": "prod"}),
        (
            {"team": "a", "count": 3, "on": True, "gone": None},
            {"team": "a", "count": "3", "on": "True"},
        ),
        ({"team": "a", "list": ["x"]}, {"team": "a", "list": "['x']"}),
        ({}, {}),
    ],
)
def test_tags_are_read_as_strings_without_nulls(
    tags_all: dict[str, Any], tags: dict[str, str]
) -> None:
    after = {"instance_type": "m5.large", "tags_all": tags_all}
    (change,) = plan_changes(_plan(_rc("aws_instance.a", ["create"], None, after)), display="p")
    assert change.after is not None and change.after.tags == tags
    assert all(type(v) is str for v in (change.after.tags or {}).values())


def test_a_type_that_is_not_a_string_is_an_input_error_not_a_crash() -> None:
    entry = _rc("aws_instance.web", ["create"], None, {"instance_type": "t3.micro"})
    entry["type"] = ["aws_instance"]
    with pytest.raises(InputError, match=r"plan\.json: resource_changes\[0\] needs string"):
        plan_changes(_plan(entry), display="plan.json")


def test_a_plan_without_configuration_joins_by_value_only_what_it_plans() -> None:
    from finops_gate.sources.terraform_links import LINK_KEY

    instance = _rc(
        "aws_instance.web",
        ["create"],
        None,
        {"instance_type": "t3.micro", "launch_template": [{"name": "web"}]},
    )
    template = _rc(
        "aws_launch_template.web", ["create"], None, {"name": "web", "instance_type": "m5.large"}
    )
    other = _rc("aws_launch_template.db", ["create"], None, {"name": "db"})
    # the template after the instance that names it, as the plan may list them
    joined = plan_changes(_plan(instance, template), display="plan.json")[0].after
    assert joined is not None
    assert joined.attributes[LINK_KEY]["launch_template"]["instance_type"] == "m5.large"
    for entries in ((instance,), (instance, other)):
        alone = plan_changes(_plan(*entries), display="plan.json")[0].after
        assert alone is not None and LINK_KEY not in alone.attributes


def test_a_large_plan_reads_the_same_values_as_a_small_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """From MAKE_FROM resources the reader makes its values by frozen.maker: the same ones."""
    from finops_gate.config import Settings
    from finops_gate.estimate import engine
    from finops_gate.sources import terraform_plan

    entries = [
        _rc(f"aws_ebs_volume.v{i}", ["update"], {"size": 10, "type": "gp3"},
            {"size": 20 + i % 3, "type": "gp3", "tags_all": {"Name": f"v{i}"}})
        for i in range(terraform_plan.MAKE_FROM)
    ]  # fmt: skip
    regions = terraform_plan.region_defaults({"AWS_REGION": "us-east-1"})
    large = plan_changes(_plan(*entries), display="plan.json", regions=regions)
    large_deltas = engine.price_changes(large, Settings())
    monkeypatch.setattr(terraform_plan, "MAKE_FROM", len(entries) + 1)
    monkeypatch.setattr(engine, "MAKE_FROM", len(entries) + 1)
    small = plan_changes(_plan(*entries), display="plan.json", regions=regions)
    assert large == small
    assert [type(c) for c in large] == [type(c) for c in small]
    assert large_deltas == engine.price_changes(small, Settings())
    assert large_deltas[1].after is not None and large_deltas[1].after.monthly is not None
