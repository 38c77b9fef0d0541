"""aws_elastic_beanstalk_environment: what its settings launch, priced by the launched
resources' mappers, with Elastic Beanstalk's documented defaults said as assumptions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws import elastic_beanstalk_environment as eb
from finops_gate.estimate.usage import Usage
from finops_gate.model import WRITTEN_UNKNOWN, CostLine, Resource
from tests.estimate.aws.plan_fixture import price

KIND = "aws_elastic_beanstalk_environment"
STACK = "64bit Amazon Linux 2 v3.4.11 running Docker"


def _env(
    *settings: tuple[str, str, object],
    unknown: frozenset[str] = frozenset(),
    **attributes: Any,
) -> Resource:
    blocks = [{"namespace": ns, "name": n, "value": v, "resource": ""} for ns, n, v in settings]
    values = {"solution_stack_name": STACK, "tier": "WebServer", "setting": blocks, **attributes}
    return Resource(f"{KIND}.e", "terraform", KIND, "aws", "us-east-1", values, unknown)


def _keys(lines: list[CostLine]) -> dict[str, Decimal | None]:
    return {ln.price_key: ln.quantity for ln in lines if ln.price_key}


TYPES = ("aws:ec2:instances", "InstanceTypes", "t3.small, t3.micro")


def test_the_first_instance_type_runs_min_size_instances_behind_the_load_balancer_type() -> None:
    lines = eb.cost_lines(
        _env(
            TYPES,
            ("aws:autoscaling:asg", "MinSize", "3"),
            ("aws:elasticbeanstalk:environment", "LoadBalancerType", "application"),
        ),
        Usage(),
    )
    keys = _keys(lines)
    assert keys["ec2.instance.t3.small"] == Decimal(2190)  # 3 x 730 hours
    assert "elb.application" in keys and "elb.classic" not in keys
    assert all(ln.assumption is None for ln in lines if ln.price_key.startswith("ec2.instance"))


def test_unset_options_take_the_documented_defaults_said_as_assumptions() -> None:
    lines = eb.cost_lines(
        _env(("aws:autoscaling:launchconfiguration", "InstanceType", "m5.large")), Usage()
    )
    keys = _keys(lines)
    assert keys["ec2.instance.m5.large"] == Decimal(730)  # MinSize 1
    assert "elb.classic" in keys  # LoadBalancerType classic
    assumed = {ln.assumption[0] for ln in lines if ln.assumption}
    assert {"MinSize", "LoadBalancerType"} <= assumed
    # with the platform not known either, each default is still said
    unknown_os = _env(("aws:ec2:instances", "InstanceTypes", "m5.large"), solution_stack_name=None)
    assumed = {ln.assumption[0] for ln in eb.cost_lines(unknown_os, Usage()) if ln.assumption}
    assert {"MinSize", "LoadBalancerType", "operating_system"} <= assumed


def test_instance_types_override_the_obsolete_instance_type() -> None:
    lines = eb.cost_lines(
        _env(("aws:autoscaling:launchconfiguration", "InstanceType", "t3a.large"), TYPES),
        Usage(),
    )
    assert "ec2.instance.t3.small" in _keys(lines)
    assert "ec2.instance.t3a.large" not in _keys(lines)


def test_a_single_instance_or_a_worker_tier_has_no_load_balancer() -> None:
    single = _env(TYPES, ("aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance"))
    worker = _env(TYPES, tier="Worker")
    for env in (single, worker):
        keys = _keys(eb.cost_lines(env, Usage()))
        assert not any(k.startswith("elb.") for k in keys)
        assert keys["ec2.instance.t3.small"] == Decimal(730)


def test_a_windows_platform_is_billed_at_the_windows_rate() -> None:
    env = _env(TYPES, solution_stack_name="64bit Windows Server 2019 v2.10.0 running IIS 10.0")
    assert "ec2.instance.t3.small.windows" in _keys(eb.cost_lines(env, Usage()))


def test_usage_maps_reach_what_the_environment_launches_and_count_as_read() -> None:
    usage = Usage(
        values={
            "ec2": {"monthly_cpu_credit_hrs": 10, "monthly_cpu_credit_hrz": 1},
            "lb": {"processed_bytes_gb": 7300},
        }
    )
    env = _env(TYPES, ("aws:elasticbeanstalk:environment", "LoadBalancerType", "network"))
    keys = _keys(eb.cost_lines(env, usage))
    assert keys["ec2.cpu_credits"] == Decimal(20)  # 10 hours x 2 vCPUs (t3.small)
    assert keys["elb.network.lcu"] == Decimal(7300)  # 10 GB an hour = 10 NLCUs x 730 hours
    assert {"ec2", "lb"} <= usage.read
    assert "ec2.monthly_cpu_credit_hrs" in usage.read_paths
    assert "ec2.monthly_cpu_credit_hrz" not in usage.read_paths  # reported as ignored


def test_an_io1_root_volume_needs_its_size_and_bills_its_iops() -> None:
    io1 = ("aws:autoscaling:launchconfiguration", "RootVolumeType", "io1")
    sized = eb.cost_lines(
        _env(
            TYPES,
            ("aws:autoscaling:asg", "MinSize", 2),
            io1,
            ("aws:autoscaling:launchconfiguration", "RootVolumeSize", "20"),
            ("aws:autoscaling:launchconfiguration", "RootVolumeIOPS", 300),
        ),
        Usage(),
    )
    keys = _keys(sized)
    assert (keys["ebs.io1.storage"], keys["ebs.io1.iops"]) == (Decimal(40), Decimal(600))
    unsized = eb.cost_lines(_env(TYPES, io1), Usage())
    (root,) = [ln for ln in unsized if "root_block_device" in ln.name]
    assert root.unknown_reason and root.quantity is None
    assert _keys(unsized)["ec2.instance.t3.small"] == Decimal(730)  # still billed


def test_without_a_root_volume_size_it_depends_on_usage_never_a_guessed_size() -> None:
    lines = eb.cost_lines(_env(TYPES), Usage())
    (root,) = [ln for ln in lines if "root_block_device" in ln.name]
    assert root.quantity is None and root.usage_key == "root_volume_size_gb"
    given = eb.cost_lines(_env(TYPES), Usage(values={"ec2": {"root_volume_size_gb": 30}}))
    assert _keys(given)["ebs.gp2.storage"] == Decimal(30)


def test_rds_options_launch_a_database_with_the_documented_defaults() -> None:
    lines = eb.cost_lines(_env(TYPES, ("aws:rds:dbinstance", "MultiAZDatabase", "true")), Usage())
    keys = _keys(lines)
    assert keys["rds.instance.mysql.db.t2.micro.multi-az"] == Decimal(730)
    assert keys["rds.storage.gp2.multi-az"] == Decimal(5)  # MySQL's documented 5 GB
    assert any(ln.assumption and ln.assumption[0] == "aws:rds:dbinstance" for ln in lines)
    none = eb.cost_lines(_env(TYPES), Usage())
    assert not any(ln.name.startswith("Database") for ln in none)


def test_postgres_storage_without_a_size_is_unpriced_never_guessed() -> None:
    env = _env(TYPES, ("aws:rds:dbinstance", "DBEngine", "postgres"))
    (storage,) = [
        ln
        for ln in eb.cost_lines(env, Usage())
        if ln.unit == "GB" and "Storage" in ln.name and ln.name.startswith("Database")
    ]
    assert storage.unknown_reason and "DBAllocatedStorage" in storage.unknown_reason


def test_streamed_logs_are_priced_from_the_cloudwatch_usage() -> None:
    logs = ("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", True)
    usage = Usage(values={"cloudwatch": {"monthly_data_ingested_gb": 12}})
    keys = _keys(eb.cost_lines(_env(TYPES, logs), usage))
    assert keys["cloudwatch.logs.ingestion"] == Decimal(12)
    assert "cloudwatch.logs.ingestion" not in _keys(eb.cost_lines(_env(TYPES), usage))


def test_spot_instances_are_unpriced_not_zero() -> None:
    env = _env(TYPES, ("aws:ec2:instances", "EnableSpot", "true"))
    (line, *_) = eb.cost_lines(env, Usage())
    assert line.unknown_reason and line.quantity is None


def test_unknown_or_malformed_settings_are_unpriced_with_the_reason() -> None:
    cases = [
        _env(template_name="saved"),
        _env(setting="not blocks"),
        Resource(
            f"{KIND}.e", "terraform", KIND, "aws", "us-east-1", {"setting": ["x"]}, frozenset()
        ),
        _env(("aws:ec2:instances", "InstanceTypes", ["t3.small"])),
        _env(TYPES, ("aws:autoscaling:asg", "MinSize", "many")),
        _env(TYPES, ("aws:autoscaling:asg", "MinSize", "-1")),
        _env(("aws:ec2:instances", "InstanceTypes", None), unknown=frozenset({"setting.0.value"})),
        _env(),  # no instance type: the default varies by account, region and platform
    ]
    for env in cases:
        first = eb.cost_lines(env, Usage())[0]
        assert first.unknown_reason and first.quantity is None, env.attributes


def test_the_golden_environment_with_rds_bills_the_busiest_nlb_dimension() -> None:
    side = price(KIND, f"{KIND}.my_eb_environment_with_rds")
    lcu = next(ln for ln in side.lines if ln.name.endswith("Load balancer capacity units"))
    # 500,000 new connections a second / 800 per NLCU = 625 NLCUs x 730 hours
    assert lcu.monthly_quantity == Decimal(456250)
    assert side.monthly is None  # its t3 CPU credits have no eu-west-1 rate in the catalog


def test_a_tier_known_only_after_apply_leaves_the_load_balancer_unpriced_not_classic() -> None:
    planned = _env(TYPES, tier=None, unknown=frozenset({"tier"}))
    coded = _env(TYPES, tier=None, __unknown_inputs__={"tier": "var.tier"})
    for env in (planned, coded):
        lines = [ln for ln in eb.cost_lines(env, Usage()) if ln.name.startswith("Load balancer")]
        assert [(ln.price_key, ln.quantity) for ln in lines] == [("", None)]
        assert "tier" in (lines[0].unknown_reason or "")
    single = _env(
        TYPES,
        ("aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance"),
        tier=None,
        unknown=frozenset({"tier"}),
    )
    assert not any(ln.name.startswith("Load balancer") for ln in eb.cost_lines(single, Usage()))


def test_a_tier_left_unset_is_a_web_server_and_a_hostile_tier_is_unpriced() -> None:
    assert "elb.classic" in _keys(eb.cost_lines(_env(TYPES, tier=None), Usage()))
    for tier in (5, ["Worker"], "Infinity"):
        lines = eb.cost_lines(_env(TYPES, tier=tier), Usage())
        (balancer,) = [ln for ln in lines if ln.name.startswith("Load balancer")]
        assert balancer.unknown_reason and balancer.quantity is None


def test_a_platform_written_with_a_value_known_only_after_apply_leaves_the_os_unpriced() -> None:
    planned = _env(
        TYPES,
        solution_stack_name=None,
        unknown=frozenset({"solution_stack_name", "platform_arn"}),
        **{WRITTEN_UNKNOWN: frozenset({"solution_stack_name"})},
    )
    coded = _env(TYPES, solution_stack_name=None, __unknown_inputs__={"platform_arn": "var.p"})
    for env in (planned, coded):
        lines = eb.cost_lines(env, Usage())
        hours = [ln for ln in lines if ln.name.startswith("Instances / Instance usage")]
        assert [(ln.price_key, ln.quantity) for ln in hours] == [("", None)]
        assert "Windows" in (hours[0].unknown_reason or "")
        assert not any(k.startswith("ec2.instance") for k in _keys(lines))
        given = Usage(values={"ec2": {"operating_system": "windows"}})
        assert _keys(eb.cost_lines(env, given))["ec2.instance.t3.small.windows"] == Decimal(730)


def test_a_platform_left_unset_is_linux_said_as_an_assumption_naming_the_platform() -> None:
    # a plan shows both computed attributes unknown when the code sets neither
    env = _env(
        TYPES,
        solution_stack_name=None,
        unknown=frozenset({"solution_stack_name", "platform_arn"}),
    )
    lines = eb.cost_lines(env, Usage())
    (hours,) = [ln for ln in lines if ln.price_key == "ec2.instance.t3.small"]
    assert hours.assumption is not None and "solution_stack_name" in hours.assumption[1]


def test_a_platform_that_is_no_name_is_unpriced() -> None:
    (line, *_) = eb.cost_lines(_env(TYPES, solution_stack_name=["Windows"]), Usage())
    assert line.unknown_reason and line.quantity is None
