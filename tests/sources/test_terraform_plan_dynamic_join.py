"""A plan whose configuration does not show the block naming a launch template (a ``dynamic
"launch_template"`` block, which ``terraform show -json`` leaves out of the configuration, as
terraform-aws-autoscaling writes it) joins the one template the plan creates beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from finops_gate.cli import main

_AWS = "registry.terraform.io/hashicorp/aws"


def _change(address: str, kind: str, after: dict[str, Any], unknown: dict[str, Any]) -> Any:
    return {
        "address": address,
        "mode": "managed",
        "type": kind,
        "name": address.rsplit(".", 1)[1].split("[")[0],
        "provider_name": _AWS,
        "change": {"actions": ["create"], "before": None, "after": after, "after_unknown": unknown},
    }


def _template(module: str, name: str) -> Any:
    return _change(
        f"{module}aws_launch_template.{name}[0]",
        "aws_launch_template",
        {"image_id": "ami-1", "instance_type": "m5.large", "name_prefix": "web-",
         "block_device_mappings": [{"device_name": "/dev/xvda",
                                    "ebs": [{"volume_size": 50, "volume_type": "gp3"}]}]},
        {"id": True, "name": True, "latest_version": True},
    )  # fmt: skip


def _plan(templates: list[Any], *, written: bool = False) -> dict[str, Any]:
    group = _change(
        "module.web.aws_autoscaling_group.this[0]",
        "aws_autoscaling_group",
        {"desired_capacity": 2, "min_size": 1, "max_size": 4, "launch_template": [{}]},
        {"launch_template": [{"id": True, "name": True, "version": True}]},
    )
    expressions: dict[str, Any] = {"desired_capacity": {"constant_value": 2}}
    if written:
        expressions["launch_template"] = [{"id": {"references": ["var.template_id"]}}]
    resources = [
        {
            "address": "aws_autoscaling_group.this",
            "mode": "managed",
            "type": "aws_autoscaling_group",
            "name": "this",
            "provider_config_key": "aws",
            "expressions": expressions,
        }
    ]
    return {
        "format_version": "1.2",
        "resource_changes": [*templates, group],
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
            },
            "root_module": {
                "module_calls": {"web": {"source": "./web", "module": {"resources": resources}}}
            },
        },
    }


def _group(tmp_path: Path, plan: dict[str, Any]) -> dict[str, Any]:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--plan", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    rows = json.loads(result.output)["resources"]
    (group,) = [r for r in rows if r["kind"] == "aws_autoscaling_group"]
    return dict(group)


def test_the_one_template_created_beside_the_group_is_joined(tmp_path: Path) -> None:
    group = _group(tmp_path, _plan([_template("module.web.", "this")]))
    assert group["status"] == "priced", group["reason"]
    lines = {line["name"]: line for line in group["lines"]}
    usage = lines["Instance usage (Linux, on-demand, m5.large)"]
    # 2 instances x 730 h x $0.096
    assert (usage["monthly_quantity"], usage["monthly_cost"]) == ("1460", "140.16")
    assert any("gp3" in name for name in lines)


def test_several_templates_beside_it_or_one_elsewhere_join_nothing(tmp_path: Path) -> None:
    two = _plan([_template("module.web.", "this"), _template("module.web.", "other")])
    group = _group(tmp_path, two)
    assert group["status"] == "unpriced"
    assert "aws_launch_template.other[0]" in group["reason"]
    elsewhere = _plan([_template("module.db.", "this")])
    assert _group(tmp_path, elsewhere)["status"] == "unpriced"


def test_a_block_the_configuration_shows_is_not_guessed(tmp_path: Path) -> None:
    """``launch_template { id = var.template_id }``: the variable names a template the plan
    may not hold; the existing rules decide, not this one."""
    group = _group(tmp_path, _plan([_template("module.web.", "this")], written=True))
    assert group["status"] == "unpriced"
