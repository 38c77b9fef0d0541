"""aws_eks_node_group: nodes x desired size, defaults said out loud, templates honest."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from finops_gate.estimate.aws import eks_node_group
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource, Status
from tests.estimate.aws.linked_plan import _plan, _price, _ref


def _group(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    return Resource(
        "aws_eks_node_group.g",
        "terraform",
        "aws_eks_node_group",
        "aws",
        "us-east-1",
        attributes,
        unknown,
    )


def test_desired_size_multiplies_instance_hours_and_disks() -> None:
    lines = eks_node_group.cost_lines(
        _group(
            {
                "instance_types": ["m5.xlarge"],
                "disk_size": 30,
                "scaling_config": [{"desired_size": 4}],
            }
        ),
        Usage(),
    )
    assert [(x.price_key, x.quantity) for x in lines] == [
        ("ec2.instance.m5.xlarge", Decimal(2920)),
        ("ebs.gp2.storage", Decimal(120)),
    ]


def test_desired_size_unknown_until_apply_is_unpriced() -> None:
    lines = eks_node_group.cost_lines(
        _group({"instance_types": ["m5.large"]}, frozenset({"scaling_config"})), Usage()
    )
    assert lines[0].unknown_reason == "scaling_config.0.desired_size is unknown until apply"


def test_usage_instances_overrides_desired_size() -> None:
    lines = eks_node_group.cost_lines(
        _group(
            {
                "instance_types": ["m5.large"],
                "disk_size": 20,
                "scaling_config": [{"desired_size": 2}],
            }
        ),
        Usage({"instances": 5}),
    )
    assert lines[0].quantity == Decimal(3650)


def test_a_template_name_two_templates_plan_is_not_joined_and_both_are_named(
    tmp_path: Path,
) -> None:
    group = {"scaling_config": [{"desired_size": 2}], "launch_template": [{"name": "nodes"}]}
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.a", {"name": "nodes", "instance_type": "m5.large"}, {}),
            ("aws_launch_template.b", {"name": "nodes", "instance_type": "m5.4xlarge"}, {}),
            ("aws_eks_node_group.ng", group, {"launch_template": [{"name": _ref("var.lt")}]}),
        ],
    )
    side = _price(plan["aws_eks_node_group.ng"])
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "aws_launch_template.a, aws_launch_template.b" in (side.reason or "")
    single = _plan(
        tmp_path,
        [
            ("aws_launch_template.a", {"name": "nodes", "instance_type": "m5.large"}, {}),
            ("aws_eks_node_group.ng", group, {"launch_template": [{"name": _ref("var.lt")}]}),
        ],
    )
    joined = _price(single["aws_eks_node_group.ng"])
    assert joined.lines[0].name == "Instance usage (Linux, on-demand, m5.large)"


def test_a_template_named_only_after_apply_gives_its_disks_to_nodes_of_the_groups_types(
    tmp_path: Path,
) -> None:
    # instance_types on the group, the template (name_prefix: named after apply) through a local
    group = {
        "scaling_config": [{"desired_size": 3}],
        "instance_types": ["m5.large"],
        "launch_template": [{"version": "default_version"}],
    }
    template = {
        "name_prefix": "prefix-",
        "block_device_mappings": [
            {"device_name": "/dev/sda1", "ebs": [{"volume_size": 100, "volume_type": "gp3"}]}
        ],
    }
    config = {"launch_template": [{"name": _ref("local.launch_template_name")}]}
    plan = _plan(
        tmp_path,
        [("aws_launch_template.prefix", template, {}), ("aws_eks_node_group.ng", group, config)],
    )
    side = _price(plan["aws_eks_node_group.ng"])
    assert side.status is Status.PRICED
    disk = next(line for line in side.lines if "Storage" in line.name)
    assert disk.monthly_quantity == 300 and disk.unit_price == Decimal("0.08")
    # a second template named after apply: which one is meant is not known, both are named
    other = ("aws_launch_template.other", {"instance_type": "t3.small"}, {})
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.prefix", template, {}),
            other,
            ("aws_eks_node_group.ng", group, config),
        ],
    )
    side = _price(plan["aws_eks_node_group.ng"])
    disk = next(line for line in side.lines if "Storage" in line.name)
    assert "aws_launch_template.other, aws_launch_template.prefix" in disk.name
    assert disk.monthly_cost is None


def test_windows_nodes_cpu_credits_are_not_priced_at_the_linux_rate() -> None:
    group = _group(
        {
            "instance_types": ["t3.medium"],
            "ami_type": "WINDOWS_CORE_2022_x86_64",
            "scaling_config": [{"desired_size": 2}],
        }
    )
    lines = eks_node_group.cost_lines(group, Usage({"monthly_cpu_credit_hrs": 10}))
    credits = [x for x in lines if x.name.startswith("CPU credits")]
    assert [(x.price_key, x.quantity) for x in credits] == [
        ("ec2.cpu_credits.windows", Decimal(40))  # 10 hours x 2 vCPUs x 2 nodes
    ]
    fallback = credits[0].fallback
    assert fallback is not None and fallback.price_key == "" and fallback.unknown_reason


def test_nodes_whose_template_asks_for_a_public_ipv4_address_are_billed_for_it(
    tmp_path: Path,
) -> None:
    template = {
        "instance_type": "m5.large",
        "network_interfaces": [{"associate_public_ip_address": "true"}],
        "block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"volume_size": 20}]}],
    }
    plan = _plan(
        tmp_path,
        [
            ("aws_launch_template.pub", template, {}),
            (
                "aws_eks_node_group.pub",
                {"scaling_config": [{"desired_size": 3}], "launch_template": [{}]},
                {
                    "launch_template": [
                        {"id": _ref("aws_launch_template.pub.id", "aws_launch_template.pub")}
                    ]
                },
            ),
        ],
    )
    side = _price(plan["aws_eks_node_group.pub"])
    public = [line for line in side.lines if line.name == "Public IPv4 address"]
    assert [x.monthly_cost for x in public] == [Decimal("10.95")]  # 3 x 730 h x $0.005
