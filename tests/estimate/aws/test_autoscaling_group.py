"""Instances started from launch templates, read through the plan reader: autoscaling groups,
instances with a ``launch_template`` or a ``host_id``."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from finops_gate.model import Action, Status
from finops_gate.sources.terraform_plan import load_plan
from tests.estimate.aws.linked_plan import _plan, _price, _ref
from tests.sides import check_sides

T2_MEDIUM = Decimal("0.0464")
IO1_GB, IO1_IOPS, GP2_GB = Decimal("0.125"), Decimal("0.065"), Decimal("0.1")


LT = {
    "instance_type": "t2.medium",
    "block_device_mappings": [
        {"device_name": "xvdf", "ebs": [{"volume_size": 10}]},
        {"device_name": "xvdg", "ebs": [{"volume_size": 20, "volume_type": "io1", "iops": 200}]},
    ],
}


def test_a_group_runs_desired_capacity_times_its_launch_template(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", LT, {}),
            (
                "aws_autoscaling_group.web",
                {"desired_capacity": 2, "min_size": 1, "max_size": 3, "launch_template": [{}]},
                {
                    "launch_template": [
                        {"id": _ref("aws_launch_template.web.id", "aws_launch_template.web")}
                    ]
                },
            ),
        ],
    )
    side = _price(plan["aws_autoscaling_group.web"])
    assert side.status is Status.PRICED
    names = {line.name: line for line in side.lines}
    assert names["Instance usage (Linux, on-demand, t2.medium)"].monthly_quantity == 1460
    io1 = names["block_device_mapping[1] / Storage (provisioned IOPS SSD, io1)"]
    assert io1.monthly_quantity == 40 and io1.unit_price == IO1_GB  # io1, not gp2
    assert names["block_device_mapping[1] / Provisioned IOPS"].monthly_quantity == 400
    expected = 1460 * T2_MEDIUM + 20 * GP2_GB + 40 * IO1_GB + 400 * IO1_IOPS
    assert side.monthly == expected


def test_without_desired_capacity_the_group_runs_its_minimum(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            (
                "aws_launch_configuration.lc",
                {"instance_type": "t2.medium", "enable_monitoring": False},
                {},
            ),
            (
                "aws_autoscaling_group.a",
                {"min_size": 3, "max_size": 5},
                {
                    "launch_configuration": _ref(
                        "aws_launch_configuration.lc.name", "aws_launch_configuration.lc"
                    )
                },
            ),
            (
                "aws_autoscaling_group.zero",
                {"min_size": 0, "max_size": 5},
                {
                    "launch_configuration": _ref(
                        "aws_launch_configuration.lc.id", "aws_launch_configuration.lc"
                    )
                },
            ),
        ],
    )
    side = _price(plan["aws_autoscaling_group.a"])
    assert side.lines[0].monthly_quantity == 3 * 730
    # min_size 0 and no desired capacity: how many run depends on scaling, never a guessed 0 or 1
    zero = _price(plan["aws_autoscaling_group.zero"])
    assert zero.status is Status.USAGE_UNKNOWN and zero.monthly is None
    assert zero.lines[0].usage_key == "instances"
    given = _price(plan["aws_autoscaling_group.zero"], {"instances": 2})
    assert given.lines[0].monthly_quantity == 1460


def test_count_index_picks_the_template_with_the_same_index(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            (
                "aws_launch_configuration.lc[0]",
                {"instance_type": "t2.micro", "enable_monitoring": False},
                {},
            ),
            (
                "aws_launch_configuration.lc[1]",
                {"instance_type": "t2.medium", "enable_monitoring": False},
                {},
            ),
            (
                "aws_autoscaling_group.g[1]",
                {"desired_capacity": 1, "min_size": 1, "max_size": 1},
                {"launch_configuration": _ref("aws_launch_configuration.lc", "count.index")},
            ),
        ],
    )
    side = _price(plan["aws_autoscaling_group.g[1]"])
    assert side.lines[0].name == "Instance usage (Linux, on-demand, t2.medium)"


def test_a_template_the_plan_does_not_show_leaves_the_group_unpriced(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            (
                "aws_autoscaling_group.ext",
                {"desired_capacity": 2, "min_size": 1, "max_size": 3, "launch_template": [{}]},
                {"launch_template": [{"id": _ref("var.template_id")}]},
            ),
        ],
    )
    side = _price(plan["aws_autoscaling_group.ext"])
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "not in the plan" in (side.reason or "")


def test_mixed_instances_spot_share_is_unpriced_not_zero(tmp_path: Path) -> None:
    policy = {
        "instances_distribution": [
            {"on_demand_base_capacity": 1, "on_demand_percentage_above_base_capacity": 50}
        ],
        "launch_template": [
            {"launch_template_specification": [{}], "override": [{"instance_type": "t2.large"}]}
        ],
    }
    spec = {
        "launch_template": [
            {
                "launch_template_specification": [
                    {"launch_template_id": _ref("aws_launch_template.web.id")}
                ]
            }
        ]
    }
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", LT, {}),
            (
                "aws_autoscaling_group.mixed",
                {
                    "desired_capacity": 5,
                    "min_size": 1,
                    "max_size": 9,
                    "mixed_instances_policy": [policy],
                },
                {"mixed_instances_policy": [spec]},
            ),
        ],
    )
    side = _price(plan["aws_autoscaling_group.mixed"])
    assert side.status is Status.UNPRICED and side.monthly is None
    assert side.lines[0].name == "Instance usage (spot, t2.large, 2 instances)"
    on_demand = side.lines[1]
    assert on_demand.name == "Instance usage (Linux, on-demand, t2.large)"
    assert on_demand.monthly_quantity == 3 * 730  # base 1 + half of the 4 above it


def test_an_instance_reads_what_it_leaves_unset_from_its_template(tmp_path: Path) -> None:
    template = {
        **LT,
        "monitoring": [{"enabled": True}],
        "credit_specification": [{"cpu_credits": "unlimited"}],
    }
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", template, {}),
            (
                "aws_instance.api",
                {
                    "launch_template": [{}],
                    "root_block_device": [{"volume_size": 8, "volume_type": "gp2"}],
                    "ebs_block_device": [{"device_name": "xvdg", "volume_size": 30}],
                },
                {"launch_template": [{"name": _ref("aws_launch_template.web.name")}]},
            ),
        ],
    )
    side = _price(plan["aws_instance.api"], {"monthly_cpu_credit_hrs": 10})
    names = {line.name: line for line in side.lines}
    assert "Instance usage (Linux, on-demand, t2.medium)" in names
    assert names["EC2 detailed monitoring"].monthly_quantity == 7
    assert names["CPU credits"].monthly_quantity == 20  # t2.medium: 2 vCPUs
    # the instance's xvdg keeps its 30 GB and takes io1 + 200 IOPS from the template's mapping
    assert names["ebs_block_device[0] / Storage (provisioned IOPS SSD, io1)"].monthly_quantity == 30
    assert names["ebs_block_device[0] / Provisioned IOPS"].monthly_quantity == 200
    # the template's xvdf, which the instance does not name, is attached too
    gp2 = "[type not set: AWS default gp2] Storage (general purpose SSD, gp2)"
    assert names[f"ebs_block_device[1] / {gp2}"].monthly_quantity == 10


def test_an_instance_on_a_dedicated_host_pays_only_its_volumes(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ("aws_ec2_host.mac", {"instance_type": "mac1.metal"}, {}),
            (
                "aws_instance.on_host",
                {
                    "instance_type": "mac1.metal",
                    "root_block_device": [{"volume_size": 50, "volume_type": "gp2"}],
                },
                {"host_id": _ref("aws_ec2_host.mac.id", "aws_ec2_host.mac")},
            ),
        ],
    )
    side = _price(plan["aws_instance.on_host"])
    assert side.status is Status.PRICED
    assert side.monthly == 50 * GP2_GB
    # a report showing only a volume says why: the hours are the host's
    assert side.lines[0].name.startswith("[on a dedicated host: instance hours billed on the host]")
    host = _price(plan["aws_ec2_host.mac"])
    assert host.monthly is not None and host.monthly > 0  # the hours are billed here, once


def test_each_side_reads_the_template_of_its_own_side(tmp_path: Path) -> None:
    bigger = {**LT, "instance_type": "t2.large"}
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", bigger, {}),
            (
                "aws_autoscaling_group.web",
                {"desired_capacity": 1, "min_size": 1, "max_size": 1, "launch_template": [{}]},
                {"launch_template": [{"id": _ref("aws_launch_template.web.id")}]},
            ),
        ],
        before={
            "aws_launch_template.web": LT,
            "aws_autoscaling_group.web": {"desired_capacity": 1, "min_size": 1, "max_size": 1},
        },
    )
    change = plan["aws_autoscaling_group.web"]
    assert _price(change, after=False).lines[0].name.endswith("t2.medium)")
    assert _price(change).lines[0].name.endswith("t2.large)")


def test_a_group_left_alone_whose_template_changed_is_shown_as_changed(tmp_path: Path) -> None:
    group = {"desired_capacity": 2, "min_size": 2, "max_size": 4, "launch_template": [{}]}
    bigger = {**LT, "instance_type": "t2.large"}
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", bigger, {}),
            (
                "aws_autoscaling_group.web",
                group,
                {"launch_template": [{"id": _ref("aws_launch_template.web.id")}]},
            ),
            ("aws_autoscaling_group.other", group, {}),
        ],
        before={
            "aws_launch_template.web": LT,
            "aws_autoscaling_group.web": group,
            "aws_autoscaling_group.other": group,
        },
        noop=("aws_autoscaling_group.web", "aws_autoscaling_group.other"),
    )
    # terraform leaves the group alone (no-op), but it now runs t2.large: its cost changed
    assert plan["aws_autoscaling_group.web"].action is Action.UPDATE
    assert plan["aws_autoscaling_group.other"].action is Action.NOOP  # nothing it runs changed
    change = plan["aws_autoscaling_group.web"]
    assert _price(change, after=False).lines[0].name.endswith("t2.medium)")
    assert _price(change).lines[0].name.endswith("t2.large)")


@pytest.mark.parametrize(
    "expressions",
    [
        {"launch_template": "nonsense"},
        {"launch_template": [{"id": {"references": [7, None, {"x": 1}]}}]},
        {"launch_template": [{"id": {"references": "aws_launch_template.web"}}]},
        {"launch_configuration": {"references": ["aws_launch_template.web"]}},  # wrong type
        {"launch_template": [[]]},
    ],
)
def test_malformed_references_never_crash_and_never_invent_a_template(
    tmp_path: Path, expressions: dict[str, Any]
) -> None:
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", LT, {}),
            (
                "aws_autoscaling_group.g",
                {"desired_capacity": 1, "min_size": 1, "max_size": 1},
                expressions,
            ),
        ],
    )
    side = _price(plan["aws_autoscaling_group.g"])
    assert side.status is Status.UNPRICED and side.monthly is None


def _ami(name: str, platform_details: str) -> dict[str, Any]:
    return {
        "address": f"data.aws_ami.{name}",
        "mode": "data",
        "type": "aws_ami",
        "name": name,
        "values": {"id": f"ami-{name}", "platform_details": platform_details},
        "sensitive_values": {},
    }


@pytest.mark.parametrize(
    ("details", "label", "key"),
    [
        ("Windows", "Windows", "ec2.instance.t3.medium.windows"),
        ("Red Hat Enterprise Linux", "RHEL", "ec2.instance.t3.medium.rhel"),
        ("SUSE Linux", "SUSE", "ec2.instance.t3.medium.suse"),
        ("Linux/UNIX", "Linux", "ec2.instance.t3.medium"),
        ("Red Hat BYOL Linux", "Linux", "ec2.instance.t3.medium"),
        # the licence is the customer's (platform_details "Windows BYOL"): never the Windows rate
        ("Windows BYOL", "Linux", "ec2.instance.t3.medium"),
    ],
)
def test_the_ami_in_the_plan_decides_the_operating_system_rate(
    tmp_path: Path, details: str, label: str, key: str
) -> None:
    refs = {"ami": _ref("data.aws_ami.img.id", "data.aws_ami.img")}
    resources = [
        ("aws_instance.vm", {"instance_type": "t3.medium", "ami": "ami-img"}, refs),
        ("aws_launch_template.lt", {"instance_type": "t3.medium"}, {"image_id": refs["ami"]}),
        (
            "aws_autoscaling_group.g",
            {"desired_capacity": 1, "min_size": 1, "max_size": 1, "launch_template": [{}]},
            {"launch_template": [{"id": _ref("aws_launch_template.lt.id")}]},
        ),
    ]
    plan = _plan(tmp_path, resources, data_sources=[_ami("img", details)])
    for address in ("aws_instance.vm", "aws_autoscaling_group.g"):
        side = _price(plan[address], {"operating_system": "linux"})  # the AMI's word wins
        hours = side.lines[0]
        assert hours.name == f"Instance usage ({label}, on-demand, t3.medium)", address
        if key.endswith((".rhel", ".suse")):  # the shipped catalog has no such rate: unpriced
            assert side.status is Status.UNPRICED and key in (side.reason or ""), address
        else:
            assert side.status is Status.PRICED, address


def test_an_ami_platform_without_a_rate_is_unpriced_naming_it(tmp_path: Path) -> None:
    refs = {"ami": _ref("data.aws_ami.img.id")}
    plan = _plan(
        tmp_path,
        [("aws_instance.vm", {"instance_type": "t3.medium"}, refs)],
        data_sources=[_ami("img", "Some Future OS")],
    )
    side = _price(plan["aws_instance.vm"])
    assert side.status is Status.UNPRICED and "some future os" in (side.reason or "")


def test_without_the_ami_in_the_plan_usage_says_the_operating_system(tmp_path: Path) -> None:
    plan = _plan(tmp_path, [("aws_instance.vm", {"instance_type": "t3.medium"}, {})])
    side = _price(plan["aws_instance.vm"], {"operating_system": "windows"})
    assert side.lines[0].name == "Instance usage (Windows, on-demand, t3.medium)"


def test_the_amis_root_mapping_sizes_the_root_volume_when_the_plan_reads_the_ami(
    tmp_path: Path,
) -> None:
    ami = _ami("img", "Linux/UNIX")
    ami["values"] = {
        **ami["values"],
        "root_device_name": "/dev/xvda",
        "block_device_mappings": [
            {"device_name": "/dev/xvda", "ebs": {"volume_size": "30", "volume_type": "gp3"}},
            {"device_name": "/dev/xvdb", "ebs": {"volume_size": "500", "volume_type": "st1"}},
        ],
    }
    refs = {"ami": _ref("data.aws_ami.img.id")}
    plan = _plan(
        tmp_path,
        [
            ("aws_instance.vm", {"instance_type": "t3.medium"}, refs),
            (
                "aws_instance.own_size",
                {"instance_type": "t3.medium", "root_block_device": [{"volume_size": 100}]},
                refs,
            ),
            ("aws_launch_template.lt", {"instance_type": "t3.medium"}, {"image_id": refs["ami"]}),
            (
                "aws_autoscaling_group.g",
                {"desired_capacity": 3, "min_size": 1, "max_size": 3, "launch_template": [{}]},
                {"launch_template": [{"id": _ref("aws_launch_template.lt.id")}]},
            ),
        ],
        data_sources=[ami],
    )

    def root(address: str) -> tuple[Any, Any]:
        line = next(x for x in _price(plan[address]).lines if x.name.startswith("root"))
        return line.monthly_quantity, line.unit_price

    assert root("aws_instance.vm") == (30, Decimal("0.08"))  # gp3, 30 GB, not a guess
    assert root("aws_instance.own_size") == (100, Decimal("0.08"))  # its size, the AMI's type
    assert root("aws_autoscaling_group.g") == (90, Decimal("0.08"))  # per instance


def test_a_template_mapping_of_the_amis_root_device_is_the_root_volume_not_a_second_one(
    tmp_path: Path,
) -> None:
    # the common way to enlarge the root disk: the template maps the AMI's root device. It was
    # priced as the AMI's 30 GB root plus a 50 GB volume beside it; it is one 50 GB root
    ami = _ami("img", "Linux/UNIX")
    ami["values"] = {
        **ami["values"],
        "root_device_name": "/dev/xvda",
        "block_device_mappings": [
            {"device_name": "/dev/xvda", "ebs": {"volume_size": "30", "volume_type": "gp3"}},
        ],
    }
    template = {
        "instance_type": "t3.medium",
        "block_device_mappings": [
            {"device_name": "/dev/xvda", "ebs": [{"volume_size": 50}]},
            {"device_name": "/dev/xvdf", "ebs": [{"volume_size": 200, "volume_type": "st1"}]},
        ],
    }
    image = {"image_id": _ref("data.aws_ami.img.id")}
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.lt", template, image),
            (
                "aws_autoscaling_group.g",
                {"desired_capacity": 3, "min_size": 1, "max_size": 3, "launch_template": [{}]},
                {"launch_template": [{"id": _ref("aws_launch_template.lt.id")}]},
            ),
            (
                "aws_instance.vm",
                {"launch_template": [{}]},
                {"launch_template": [{"id": _ref("aws_launch_template.lt.id")}]},
            ),
            (
                "aws_eks_node_group.ng",
                {"scaling_config": [{"desired_size": 2}], "launch_template": [{}]},
                {"launch_template": [{"id": _ref("aws_launch_template.lt.id")}]},
            ),
        ],
        data_sources=[ami],
    )
    for address, count in (
        ("aws_autoscaling_group.g", 3),
        ("aws_instance.vm", 1),
        ("aws_eks_node_group.ng", 2),
    ):
        storage = [
            (x.name, x.monthly_quantity, x.unit_price)
            for x in _price(plan[address]).lines
            if "Storage" in x.name
        ]
        root = ("root_block_device / Storage (general purpose SSD, gp3)", 50 * count)
        assert storage[0][:2] == root and storage[0][2] == Decimal("0.08"), address  # AMI's gp3
        assert len(storage) == 2 and storage[1][1] == 200 * count, address  # and the st1 disk


def test_a_hand_written_related_key_in_the_plan_is_dropped_not_believed(tmp_path: Path) -> None:
    # a plan edited to carry a cheap "template" of its own: only what the reader joins counts
    fake = {"_related": {"launch_template": {"instance_type": "t3.nano"}}}
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", {"instance_type": "m5.4xlarge"}, {}),
            (
                "aws_autoscaling_group.web",
                {"desired_capacity": 1, "min_size": 1, "max_size": 1, **fake},
                {"launch_template": [{"id": _ref("aws_launch_template.web.id")}]},
            ),
            ("aws_autoscaling_group.orphan", {"desired_capacity": 1, "min_size": 1, **fake}, {}),
        ],
    )
    assert _price(plan["aws_autoscaling_group.web"]).lines[0].name.endswith("m5.4xlarge)")
    orphan = _price(plan["aws_autoscaling_group.orphan"])
    assert orphan.status is Status.UNPRICED and orphan.monthly is None


def test_each_instance_of_a_counted_module_joins_its_own_template(tmp_path: Path) -> None:
    def change(address: str, kind: str, after: dict[str, Any]) -> dict[str, Any]:
        return {
            "address": address,
            "mode": "managed",
            "type": kind,
            "name": address.rsplit(".", 1)[-1],
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["create"], "before": None, "after": after, "after_unknown": {}},
        }

    changes = []
    for i, itype in enumerate(("t3.small", "m5.2xlarge")):
        mod = f"module.web[{i}]."
        changes.append(
            change(mod + "aws_launch_template.lt", "aws_launch_template", {"instance_type": itype})
        )
        changes.append(
            change(
                mod + "aws_autoscaling_group.g",
                "aws_autoscaling_group",
                {"desired_capacity": 1, "min_size": 1, "max_size": 1},
            )
        )
        changes.append(
            change(
                mod + "aws_dynamodb_table.t",
                "aws_dynamodb_table",
                {"name": f"t{i}", "write_capacity": 1, "read_capacity": 1},
            )
        )
        changes.append(
            change(
                mod + "aws_appautoscaling_target.w",
                "aws_appautoscaling_target",
                {
                    "min_capacity": 10 * (i + 1),
                    "scalable_dimension": "dynamodb:table:WriteCapacityUnits",
                },
            )
        )
    module = {
        "resources": [
            {
                "address": "aws_launch_template.lt",
                "mode": "managed",
                "type": "aws_launch_template",
                "name": "lt",
                "provider_config_key": "aws",
                "expressions": {},
            },
            {
                "address": "aws_autoscaling_group.g",
                "mode": "managed",
                "type": "aws_autoscaling_group",
                "name": "g",
                "provider_config_key": "aws",
                "expressions": {"launch_template": [{"id": _ref("aws_launch_template.lt.id")}]},
            },
            {
                "address": "aws_dynamodb_table.t",
                "mode": "managed",
                "type": "aws_dynamodb_table",
                "name": "t",
                "provider_config_key": "aws",
                "expressions": {},
            },
            {
                "address": "aws_appautoscaling_target.w",
                "mode": "managed",
                "type": "aws_appautoscaling_target",
                "name": "w",
                "provider_config_key": "aws",
                "expressions": {
                    "resource_id": _ref("aws_dynamodb_table.t.name", "aws_dynamodb_table.t")
                },
            },
        ]
    }
    plan = {
        "format_version": "1.2",
        "resource_changes": changes,
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
            },
            "root_module": {"module_calls": {"web": {"module": module}}},
        },
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    found = {c.address: c for c in load_plan(path, "plan.json")}
    assert (
        _price(found["module.web[0].aws_autoscaling_group.g"]).lines[0].name.endswith("t3.small)")
    )
    assert (
        _price(found["module.web[1].aws_autoscaling_group.g"]).lines[0].name.endswith("m5.2xlarge)")
    )
    for i in (0, 1):
        table = _price(found[f"module.web[{i}].aws_dynamodb_table.t"])
        wcu = next(x for x in table.lines if x.name.startswith("Write"))
        assert wcu.monthly_quantity == 10 * (i + 1) * 730  # its own target, not the other's


def _named_group(name: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """A group naming its template through a local value: the plan shows no reference."""
    planned = {"desired_capacity": 2, "min_size": 1, "max_size": 3}
    planned["launch_template"] = [{"name": name, "version": "$Latest"}]
    return (
        "aws_autoscaling_group.web",
        planned,
        {"launch_template": [{"name": _ref("local.template_name")}]},
    )


def test_a_template_named_through_a_local_is_joined_by_its_planned_name(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", {**LT, "name": "web-lt"}, {}),
            ("aws_launch_template.other", {"instance_type": "m5.large", "name": "other"}, {}),
            _named_group("web-lt"),
        ],
    )
    side = _price(plan["aws_autoscaling_group.web"])
    assert side.status is Status.PRICED
    assert side.monthly == 1460 * T2_MEDIUM + 20 * GP2_GB + 40 * IO1_GB + 400 * IO1_IOPS


def test_a_mixed_instances_template_named_by_value_is_joined(tmp_path: Path) -> None:
    spec = {"launch_template_name": "web-lt", "version": "$Latest"}
    group = {
        "desired_capacity": 1,
        "min_size": 1,
        "max_size": 1,
        "mixed_instances_policy": [
            {"launch_template": [{"launch_template_specification": [spec], "override": []}]}
        ],
    }
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", {"instance_type": "t2.medium", "name": "web-lt"}, {}),
            ("aws_autoscaling_group.mixed", group, {}),
        ],
    )
    side = _price(plan["aws_autoscaling_group.mixed"])
    assert side.status is Status.PRICED and side.monthly == 730 * T2_MEDIUM


@pytest.mark.parametrize(
    ("templates", "said"),
    [
        # two templates planned with the name: which one runs is not known, both are named
        (
            [("aws_launch_template.a", "web-lt"), ("aws_launch_template.b", "web-lt")],
            "any of 2 templates planned with that name or id (aws_launch_template.a, "
            "aws_launch_template.b)",
        ),
        # none with that name (a template outside this plan)
        ([("aws_launch_template.a", "another")], "not in the plan"),
        # the template's name is known only after apply (name_prefix)
        ([("aws_launch_template.a", None)], "not in the plan"),
    ],
)
def test_a_name_matching_no_template_or_several_joins_nothing(
    tmp_path: Path, templates: list[tuple[str, str | None]], said: str
) -> None:
    plan = _plan(
        tmp_path,
        [*((a, {**LT, "name": n}, {}) for a, n in templates), _named_group("web-lt")],
    )
    side = _price(plan["aws_autoscaling_group.web"])
    assert side.status is Status.UNPRICED and side.monthly is None
    assert said in (side.reason or "")


def test_a_reference_the_plan_shows_wins_over_a_name_match(tmp_path: Path) -> None:
    group = _named_group("other")
    group[2]["launch_template"] = [{"name": _ref("aws_launch_template.web.name")}]
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", {**LT, "name": "web-lt"}, {}),
            ("aws_launch_template.other", {"instance_type": "m5.large", "name": "other"}, {}),
            group,
        ],
    )
    side = _price(plan["aws_autoscaling_group.web"])
    assert any("t2.medium" in line.name for line in side.lines)


def _group_named_after_apply() -> tuple[str, dict[str, Any], dict[str, Any]]:
    """A group naming its template through a local value whose value is known only after apply
    (the template's name comes from ``name_prefix``): the plan shows neither a reference nor a
    name (an unknown value is left out of the planned values)."""
    address, planned, config = _named_group("")
    planned["launch_template"] = [{"version": "$Latest"}]
    return address, planned, config


def test_a_template_named_only_after_apply_is_joined_when_the_plan_creates_one_such(
    tmp_path: Path,
) -> None:
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.web", {**LT, "name_prefix": "web-"}, {}),  # name unknown
            ("aws_launch_template.other", {"instance_type": "m5.large", "name": "other"}, {}),
            _group_named_after_apply(),
        ],
    )
    side = _price(plan["aws_autoscaling_group.web"])
    assert side.status is Status.PRICED
    assert side.monthly == 1460 * T2_MEDIUM + 20 * GP2_GB + 40 * IO1_GB + 400 * IO1_IOPS


def test_two_templates_named_only_after_apply_join_nothing_and_are_named(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.a", {**LT, "name_prefix": "a-"}, {}),
            ("aws_launch_template.b", {"instance_type": "m5.large"}, {}),
            _group_named_after_apply(),
        ],
    )
    side = _price(plan["aws_autoscaling_group.web"])
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "aws_launch_template.a, aws_launch_template.b" in (side.reason or "")


def test_an_unknown_template_name_never_joins_a_template_whose_name_is_planned(
    tmp_path: Path,
) -> None:
    # the only template has a planned name: the group's unknown one cannot be it
    plan = _plan(
        tmp_path,
        [("aws_launch_template.web", {**LT, "name": "web-lt"}, {}), _group_named_after_apply()],
    )
    side = _price(plan["aws_autoscaling_group.web"])
    assert side.status is Status.UNPRICED and side.monthly is None


def test_a_public_ssm_parameter_read_by_the_plan_names_the_platform(tmp_path: Path) -> None:
    refs = {"ami": _ref("data.aws_ssm_parameter.win.value", "data.aws_ssm_parameter.win")}
    parameter = {
        "address": "data.aws_ssm_parameter.win",
        "mode": "data",
        "type": "aws_ssm_parameter",
        "name": "win",
        "values": {
            "name": "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
            "value": "ami-0abc",
            "_platform_from": "the plan may not say where its platform came from",
        },
        "sensitive_values": {"value": True},
    }
    plan = _plan(
        tmp_path,
        [("aws_instance.vm", {"instance_type": "t3.medium", "ami": "ami-0abc"}, refs)],
        data_sources=[parameter],
    )
    side = _price(plan["aws_instance.vm"])
    assert side.lines[0].name == "Instance usage (Windows, on-demand, t3.medium)"
    (said,) = [a.value for a in side.assumptions if a.key == "operating_system"]
    assert "/aws/service/ami-windows-latest/" in said and "may not say" not in said


def test_a_plan_that_read_the_ami_needs_no_assumption(tmp_path: Path) -> None:
    refs = {"ami": _ref("data.aws_ami.img.id", "data.aws_ami.img")}
    plan = _plan(
        tmp_path,
        [("aws_instance.vm", {"instance_type": "t3.medium", "ami": "ami-img"}, refs)],
        data_sources=[_ami("img", "Linux/UNIX")],
    )
    side = _price(plan["aws_instance.vm"])
    assert [a for a in side.assumptions if a.key == "operating_system"] == []
    bare = _plan(
        tmp_path, [("aws_instance.vm", {"instance_type": "t3.medium", "ami": "ami-1"}, {})]
    )
    said = [a.value for a in _price(bare["aws_instance.vm"]).assumptions]
    assert any(s.startswith("Linux: what the AMI runs") for s in said)


def test_a_desired_capacity_the_code_does_not_tell_is_unpriced_not_the_minimum(
    tmp_path: Path,
) -> None:
    # a module's desired_capacity from a variable set elsewhere: it was priced at min_size (1),
    # stated as priced; what runs is not known until usage 'instances' says
    tf = """
provider "aws" { region = "us-east-1" }
variable "desired" { type = number }
resource "aws_launch_template" "lt" {
  image_id      = "ami-123"
  instance_type = "m5.large"
}
resource "aws_autoscaling_group" "g" {
  min_size           = 1
  max_size           = 10
  desired_capacity   = var.desired
  availability_zones = ["us-east-1a"]
  launch_template { id = aws_launch_template.lt.id }
}
"""
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    row = next(r for r in report["resources"] if r["address"] == "aws_autoscaling_group.g")
    assert row["status"] == "unpriced" and row["monthly_after"] is None
    assert "desired_capacity is unknown until apply" in row["reason"]
    config = yaml.safe_dump(
        {
            "version": 1,
            "usage": {
                "terraform": {"resource_usage": {"aws_autoscaling_group.g": {"instances": 4}}}
            },
        }
    )
    report = check_sides(tmp_path / "usage", {}, {"main.tf": tf, ".finops-gate.yml": config})
    row = next(r for r in report["resources"] if r["address"] == "aws_autoscaling_group.g")
    hours = row["lines"][0]
    assert (hours["name"], hours["monthly_quantity"]) == (
        "Instance usage (Linux, on-demand, m5.large)",
        "2920",
    )


def test_windows_instances_of_a_group_never_take_the_linux_cpu_credit_rate(tmp_path: Path) -> None:
    template = {"instance_type": "t3.medium", "image_id": "ami-0123456789abcdef0"}
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.win", template, {}),
            (
                "aws_autoscaling_group.win",
                {"desired_capacity": 2, "min_size": 1, "max_size": 3, "launch_template": [{}]},
                {
                    "launch_template": [
                        {"id": _ref("aws_launch_template.win.id", "aws_launch_template.win")}
                    ]
                },
            ),
        ],
    )
    usage = {"operating_system": "windows", "monthly_cpu_credit_hrs": 10, "root_volume_size_gb": 30}
    side = _price(plan["aws_autoscaling_group.win"], usage)
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "no Windows CPU credit rate (ec2.cpu_credits.windows)" in (side.reason or "")


def test_a_spot_group_whose_count_depends_on_usage_shows_no_on_demand_rate(tmp_path: Path) -> None:
    template = {"instance_type": "c5.large", "instance_market_options": [{"market_type": "spot"}]}
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.spot", template, {}),
            (
                "aws_autoscaling_group.spot",
                {"min_size": 0, "max_size": 3, "launch_template": [{}]},
                {
                    "launch_template": [
                        {"id": _ref("aws_launch_template.spot.id", "aws_launch_template.spot")}
                    ]
                },
            ),
        ],
    )
    side = _price(plan["aws_autoscaling_group.spot"])
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "spot prices change hourly" in (side.reason or "")
    assert all(line.unit_price is None for line in side.lines)  # never c5.large's $0.085


@pytest.mark.parametrize(
    ("kind", "values", "reference"),
    [
        (
            "aws_launch_template",
            {
                "instance_type": "m5.large",
                "network_interfaces": [{"associate_public_ip_address": "true"}],
            },
            "launch_template",
        ),
        (
            "aws_launch_configuration",
            {"instance_type": "m5.large", "associate_public_ip_address": True},
            "launch_configuration",
        ),
    ],
)
def test_a_public_ipv4_address_the_template_asks_for_is_billed_per_instance(
    tmp_path: Path, kind: str, values: dict[str, Any], reference: str
) -> None:
    # https://aws.amazon.com/vpc/pricing/: every public IPv4 address, $0.005 an hour
    ref = _ref(f"{kind}.pub.id", f"{kind}.pub")
    expressions = (
        {"launch_template": [{"id": ref}]}
        if reference == "launch_template"
        else {"launch_configuration": _ref(f"{kind}.pub.name", f"{kind}.pub")}
    )
    group = {"desired_capacity": 2, "min_size": 1, "max_size": 3}
    if reference == "launch_template":
        group["launch_template"] = [{}]
        instance = [
            ("aws_instance.one", {"launch_template": [{}]}, {"launch_template": [{"id": ref}]})
        ]
    else:
        instance = []
    plan = _plan(
        tmp_path,
        [(f"{kind}.pub", values, {}), ("aws_autoscaling_group.pub", group, expressions), *instance],
    )
    side = _price(plan["aws_autoscaling_group.pub"])
    public = [line for line in side.lines if line.name == "Public IPv4 address"]
    assert [(x.monthly_quantity, x.unit_price) for x in public] == [
        (Decimal(1460), Decimal("0.005"))
    ]
    if instance:
        one = _price(plan["aws_instance.one"])
        public = [line for line in one.lines if line.name == "Public IPv4 address"]
        assert [x.monthly_quantity for x in public] == [Decimal(730)]


@pytest.mark.parametrize(
    ("pool", "names", "monthly"),
    [
        # unset max_group_prepared_capacity (-1): max_size 10 - desired 4 = 6 stopped instances,
        # billed for their 100 GB gp3 volume only
        ({}, ["warm pool (stopped, 6 instances) / block_device_mapping[0] / "], Decimal(48)),
        # Running: prepared 6 - desired 4 = 2 (min_size 2), billed as instances and volumes
        (
            {"pool_state": "Running", "min_size": 2, "max_group_prepared_capacity": 6},
            [
                "warm pool (running, 2 instances) / Instance usage",
                "warm pool (running, 2 instances) / block_device_mapping[0] / ",
            ],
            2 * 730 * Decimal("0.096") + 200 * Decimal("0.08"),
        ),
        # min_size above what the prepared capacity leaves
        ({"min_size": 7}, ["warm pool (stopped, 7 instances) / block_device_mapping[0] / "], 56),
    ],
)
def test_a_warm_pool_bills_its_instances_or_their_volumes(
    tmp_path: Path, pool: dict[str, Any], names: list[str], monthly: Decimal
) -> None:
    # https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-warm-pools.html
    template = {
        "instance_type": "m5.large",
        "block_device_mappings": [
            {"device_name": "/dev/sdf", "ebs": [{"volume_size": 100, "volume_type": "gp3"}]}
        ],
    }
    settings = {"max_group_prepared_capacity": -1, "min_size": 0, "pool_state": "Stopped"}
    group = {
        "desired_capacity": 4,
        "min_size": 1,
        "max_size": 10,
        "launch_template": [{}],
        "warm_pool": [{**settings, **pool}],
    }
    ref = {"launch_template": [{"id": _ref("aws_launch_template.w.id", "aws_launch_template.w")}]}
    plan = _plan(
        tmp_path,
        [("aws_launch_template.w", template, {}), ("aws_autoscaling_group.w", group, ref)],
    )
    side = _price(plan["aws_autoscaling_group.w"], {"root_volume_size_gb": 0})
    warm = [line for line in side.lines if line.name.startswith("warm pool")]
    priced = [line for line in warm if line.monthly_cost]
    assert [line.name[: len(n)] for line, n in zip(priced, names, strict=True)] == names
    assert sum(line.monthly_cost or 0 for line in warm) == monthly


def test_a_group_on_dedicated_hosts_pays_its_volumes_as_an_instance_on_a_host_does(
    tmp_path: Path,
) -> None:
    template = {
        "instance_type": "m5.large",
        "placement": [{"tenancy": "host"}],
        "block_device_mappings": [
            {"device_name": "/dev/sdf", "ebs": [{"volume_size": 50, "volume_type": "gp3"}]}
        ],
    }
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.h", template, {}),
            (
                "aws_autoscaling_group.h",
                {"desired_capacity": 2, "min_size": 1, "max_size": 3, "launch_template": [{}]},
                {
                    "launch_template": [
                        {"id": _ref("aws_launch_template.h.id", "aws_launch_template.h")}
                    ]
                },
            ),
        ],
    )
    side = _price(plan["aws_autoscaling_group.h"], {"root_volume_size_gb": 8})
    assert side.status is Status.PRICED
    assert side.lines[0].name.startswith("[on dedicated hosts: instance hours billed on the hosts]")
    # two 8 GB gp2 roots and two 50 GB gp3 volumes; no instance hours
    assert side.monthly == 16 * GP2_GB + 100 * Decimal("0.08")


INSTANCE = {"instance_type": "t3.micro", "associate_public_ip_address": True}


@pytest.mark.parametrize(
    ("source", "values", "expressions"),
    [
        (
            "aws_eip.ip",
            {"domain": "vpc"},
            {"instance": _ref("aws_instance.web.id", "aws_instance.web")},
        ),
        (
            "aws_eip_association.ip",
            {},
            {"instance_id": _ref("aws_instance.web.id", "aws_instance.web")},
        ),
    ],
)
def test_an_elastic_ip_replaces_the_public_address_of_its_instance_billed_once(
    tmp_path: Path, source: str, values: dict[str, Any], expressions: dict[str, Any]
) -> None:
    # https://aws.amazon.com/vpc/pricing/: one public IPv4 address, billed on the aws_eip
    plan = _plan(
        tmp_path,
        [
            ("aws_instance.web", INSTANCE, {}),
            ("aws_instance.lone", INSTANCE, {}),
            (source, values, expressions),
        ],
    )
    web = _price(plan["aws_instance.web"])
    assert not [line for line in web.lines if line.name == "Public IPv4 address"]
    lone = _price(plan["aws_instance.lone"])
    assert [line.monthly_quantity for line in lone.lines if line.name == "Public IPv4 address"] == [
        Decimal(730)
    ]


def test_a_counted_instance_keeps_its_public_address_the_join_cannot_tell_which(
    tmp_path: Path,
) -> None:
    ref = {"instance": _ref("aws_instance.w[0].id", "aws_instance.w[0]", "aws_instance.w")}
    plan = _plan(
        tmp_path,
        [
            ("aws_instance.w[0]", INSTANCE, {}),
            ("aws_instance.w[1]", INSTANCE, {}),
            ("aws_eip.ip", {"domain": "vpc"}, ref),
        ],
    )
    for address in ("aws_instance.w[0]", "aws_instance.w[1]"):
        side = _price(plan[address])
        assert [x.name for x in side.lines if x.name == "Public IPv4 address"] == [
            "Public IPv4 address"
        ], address


def test_a_template_mapping_of_the_usual_root_device_is_the_root_volume_not_a_second_one(
    tmp_path: Path,
) -> None:
    # no AMI in the plan: /dev/xvda (Amazon Linux, EKS) is the root device resized, so the group
    # bills one 30 GB gp3 root per instance and asks no root_volume_size_gb beside it
    template = {
        "instance_type": "m5.large",
        "image_id": "ami-0123456789abcdef0",
        "block_device_mappings": [
            {"device_name": "/dev/xvda", "ebs": [{"volume_size": 30, "volume_type": "gp3"}]},
            {"device_name": "/dev/sdf", "ebs": [{"volume_size": 100, "volume_type": "st1"}]},
        ],
    }
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.r", template, {}),
            (
                "aws_autoscaling_group.r",
                {"desired_capacity": 2, "min_size": 1, "max_size": 3, "launch_template": [{}]},
                {
                    "launch_template": [
                        {"id": _ref("aws_launch_template.r.id", "aws_launch_template.r")}
                    ]
                },
            ),
        ],
    )
    side = _price(plan["aws_autoscaling_group.r"])
    assert side.status is Status.PRICED
    assert not [line for line in side.lines if line.usage_key == "root_volume_size_gb"]
    root = [line for line in side.lines if line.name.startswith("root_block_device")]
    assert [(x.monthly_quantity, x.unit_price) for x in root] == [(Decimal(60), Decimal("0.08"))]
    extra = [line for line in side.lines if line.name.startswith("block_device_mapping[1]")]
    assert [x.monthly_quantity for x in extra] == [Decimal(200)]


def test_a_configuration_root_volume_without_a_size_depends_on_usage_not_unpriced(
    tmp_path: Path,
) -> None:
    # root_block_device { volume_type = "gp3" }: the size is the AMI's, which the plan does not
    # describe; usage root_volume_size_gb gives it, as for an aws_instance's root volume
    configuration = {"instance_type": "m5.large", "root_block_device": [{"volume_type": "gp3"}]}
    ref = _ref("aws_launch_configuration.c.name", "aws_launch_configuration.c")
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_configuration.c", configuration, {}),
            (
                "aws_autoscaling_group.c",
                {"desired_capacity": 2, "min_size": 1, "max_size": 3},
                {"launch_configuration": ref},
            ),
        ],
    )
    bare = _price(plan["aws_autoscaling_group.c"])
    assert bare.status is Status.PRICED
    root = [line for line in bare.lines if line.name.startswith("root_block_device")]
    assert [(x.monthly_quantity, x.usage_key) for x in root] == [(None, "root_volume_size_gb")]
    given = _price(plan["aws_autoscaling_group.c"], {"root_volume_size_gb": 20})
    root = [line for line in given.lines if line.name.startswith("root_block_device")]
    assert [(x.monthly_quantity, x.unit_price) for x in root] == [(Decimal(40), Decimal("0.08"))]
