"""aws_instance: instance hours, block devices, monitoring, and what stays unknown."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from finops_gate.catalogs.store import CatalogDir, CatalogSet
from finops_gate.estimate.aws import ec2_instance
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import Usage, UsageFile
from finops_gate.model import Resource, Status
from tests.catalogs.conftest import price_doc, write_catalog
from tests.estimate.aws.plan_fixture import CATALOGS, price

_GP3_8 = {"volume_size": 8, "volume_type": "gp3"}


def _instance(
    attributes: dict[str, object], unknown: frozenset[str] = frozenset(), region: str = "us-east-1"
) -> Resource:
    return Resource(
        "aws_instance.x", "terraform", "aws_instance", "aws", region, attributes, unknown
    )


def test_instance_hours_are_730_at_the_us_east_1_rate() -> None:
    side = price("aws_instance", "aws_instance.api")
    line = side.lines[0]
    assert line.name == "Instance usage (Linux, on-demand, m5.large)"
    assert (line.monthly_quantity, line.unit_price) == (Decimal(730), Decimal("0.096"))
    t3 = price_side(
        _instance(
            {
                "instance_type": "t3.medium",
                "root_block_device": [{"volume_size": 8, "volume_type": "gp3"}],
                "credit_specification": [{"cpu_credits": "standard"}],
            }
        ),
        UsageFile(),
    )
    assert t3.monthly == Decimal("30.368") + Decimal("0.64")


def test_instance_type_unknown_until_apply_makes_the_instance_unpriced() -> None:
    side = price("aws_instance", "aws_instance.worker")
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "instance_type is unknown until apply" in (side.reason or "")


def test_root_volume_from_the_ami_depends_on_usage_instead_of_a_guessed_size() -> None:
    side = price("aws_instance", "aws_instance.bastion", usage=UsageFile())
    root = [line for line in side.lines if line.name.startswith("root_block_device")]
    assert len(root) == 1
    assert root[0].monthly_quantity is None and root[0].reason == "depends on usage"
    assert root[0].usage_key == "root_volume_size_gb"
    assert side.status is Status.PRICED  # the instance hours are still priced


def test_root_volume_size_from_usage_is_priced_at_the_named_rate() -> None:
    lines = ec2_instance.root_volume_lines(
        _instance({"instance_type": "t3.micro"}, frozenset({"root_block_device"})),
        Usage({"root_volume_size_gb": 30, "root_volume_type": "gp3"}),
    )
    assert [(x.name, x.price_key, x.quantity) for x in lines] == [
        ("root_block_device / Storage (general purpose SSD, gp3)", "ebs.gp3.storage", Decimal(30))
    ]


def test_monitoring_true_adds_seven_detailed_metrics() -> None:
    lines = ec2_instance.cost_lines(
        _instance({"instance_type": "m5.large", "monitoring": True}), Usage()
    )
    monitoring = [x for x in lines if x.name == "EC2 detailed monitoring"]
    assert [(x.price_key, x.quantity) for x in monitoring] == [("cloudwatch.metrics", Decimal(7))]


def test_windows_from_usage_uses_the_windows_rate_where_the_catalog_has_it() -> None:
    lines = ec2_instance.cost_lines(
        _instance({"instance_type": "t3.medium"}), Usage({"operating_system": "windows"})
    )
    assert lines[0].price_key == "ec2.instance.t3.medium.windows"
    assert lines[0].name == "Instance usage (Windows, on-demand, t3.medium)"


def test_host_tenancy_adds_only_volumes_because_the_host_is_billed() -> None:
    lines = ec2_instance.cost_lines(
        _instance(
            {
                "instance_type": "m5.large",
                "tenancy": "host",
                "root_block_device": [{"volume_size": 8, "volume_type": "gp3"}],
            }
        ),
        Usage(),
    )
    assert [(x.price_key, x.quantity) for x in lines] == [("ebs.gp3.storage", Decimal(8))]


def test_instance_in_a_region_the_catalog_lacks_is_unpriced_with_the_region_named() -> None:
    side = price("aws_instance", "aws_instance.api", region="ap-south-1")
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "ap-south-1" in (side.reason or "")


def test_instance_type_without_a_price_in_a_covered_region_is_not_borrowed_from_us_east_1() -> None:
    side = price_side(_instance({"instance_type": "t3.medium"}, region="us-east-2"), UsageFile())
    assert side.status is Status.UNPRICED
    assert "no price for ec2.instance.t3.medium in us-east-2" in (side.reason or "")


def test_monthly_hrs_usage_scales_the_instance_hours() -> None:
    lines = ec2_instance.cost_lines(
        _instance({"instance_type": "m5.large"}), Usage({"monthly_hrs": 100})
    )
    assert lines[0].quantity == Decimal(100)


def test_a_public_ip_on_the_instance_is_charged_hourly() -> None:
    lines = ec2_instance.cost_lines(
        _instance({"instance_type": "m5.large", "associate_public_ip_address": True}), Usage()
    )
    assert [(x.price_key, x.quantity) for x in lines if x.name == "Public IPv4 address"] == [
        ("vpc.public_ipv4", Decimal(730))
    ]


def test_spot_instances_are_unpriced_not_priced_on_demand() -> None:
    lines = ec2_instance.cost_lines(
        _instance(
            {"instance_type": "m5.large", "instance_market_options": [{"market_type": "spot"}]}
        ),
        Usage(),
    )
    assert len(lines) == 1 and lines[0].unknown_reason is not None


def test_ebs_optimized_bills_an_hourly_fee_only_on_previous_generation_types() -> None:
    from tests.estimate.aws.plan_fixture import CATALOGS

    root = {"root_block_device": [{"volume_size": 8, "volume_type": "gp3"}]}
    r3 = price_side(
        _instance({"instance_type": "r3.xlarge", "ebs_optimized": True, **root}),
        UsageFile(),
        CATALOGS,
    )
    fee = next(x for x in r3.lines if x.name.startswith("EBS-optimized"))
    assert (fee.monthly_quantity, fee.unit_price) == (Decimal(730), Decimal("0.02"))
    # a previous-generation type whose fee the catalog lacks: unpriced, not left out
    m3 = price_side(
        _instance({"instance_type": "m3.xlarge", "ebs_optimized": True, **root}),
        UsageFile(),
        CATALOGS,
    )
    assert m3.status is Status.UNPRICED and "ec2.ebs_optimized.m3.xlarge" in (m3.reason or "")
    # current types are EBS-optimized at no charge
    m5 = price_side(
        _instance({"instance_type": "m5.large", "ebs_optimized": True, **root}),
        UsageFile(),
        CATALOGS,
    )
    assert not any(x.name.startswith("EBS-optimized") for x in m5.lines)


# --- operating systems: one key each, priced from a catalog that holds it --------------------


def _vm(**attributes: object) -> Resource:
    base: dict[str, object] = {"instance_type": "m5.large"}
    base["root_block_device"] = [{"volume_size": 8, "volume_type": "gp2"}]
    base.update(attributes)
    return Resource("aws_instance.vm", "terraform", "aws_instance", "aws", "us-east-1", base)


def _os(value: str) -> UsageFile:
    return UsageFile(by_address={"aws_instance.vm": {"operating_system": value}})


def _refreshed(tmp_path: Path) -> CatalogSet:
    """What `finops-gate pricing refresh aws` writes for these keys (the shipped catalog has no
    RHEL or SUSE rate): a team catalog folder holding them."""
    team = tmp_path / "team"
    rates = {
        "ec2.instance.m5.large.rhel": "0.1248",
        "ec2.instance.m5.large.suse": "0.1220",
        "ec2.instance.m5.large.dedicated.rhel": "0.1412",
    }
    write_catalog(
        team, price_doc("aws", "2026-11-20", {k: {"us-east-1": v} for k, v in rates.items()})
    )
    return CatalogSet(as_of=date(2026, 12, 1), dirs=(CatalogDir(team, "team"),))


@pytest.mark.parametrize(
    ("value", "tenancy", "label", "rate"),
    [
        ("rhel", None, "RHEL", "0.1248"),
        ("RHEL", None, "RHEL", "0.1248"),  # Infracost files write it either way
        ("suse", None, "SUSE", "0.1220"),
        ("rhel", "dedicated", "RHEL", "0.1412"),
    ],
)
def test_rhel_and_suse_are_priced_from_a_catalog_that_holds_their_keys(
    tmp_path: Path, value: str, tenancy: str | None, label: str, rate: str
) -> None:
    side = price_side(_vm(tenancy=tenancy), _os(value), _refreshed(tmp_path))
    assert side.status is Status.PRICED
    hours = side.lines[0]
    assert label in hours.name and hours.unit_price == Decimal(rate)
    assert side.monthly == 730 * Decimal(rate) + 8 * Decimal("0.1")


@pytest.mark.parametrize("value", ["rhel", "suse", "windows_sql_web"])
def test_an_os_the_shipped_catalog_lacks_is_unpriced_with_the_refresh_that_fetches_it(
    value: str,
) -> None:
    side = price_side(_vm(), _os(value), CATALOGS)
    assert side.status is Status.UNPRICED and side.monthly is None
    reason = side.reason or ""
    assert f"ec2.instance.m5.large.{value}" in reason
    assert "pricing refresh aws --service AmazonEC2 --region us-east-1" in reason


@pytest.mark.parametrize("value", ["red hat", "ubuntu", "macos"])
def test_an_operating_system_that_is_no_billing_platform_is_unpriced_naming_it(
    value: str,
) -> None:
    side = price_side(_vm(), _os(value), CATALOGS)
    assert side.status is Status.UNPRICED and side.monthly is None
    assert f"operating_system {value!r} is not one of linux, windows, rhel" in (side.reason or "")


def test_windows_cpu_credits_are_never_priced_at_the_linux_rate(tmp_path: Path) -> None:
    # https://aws.amazon.com/ec2/pricing/on-demand/ (T2/T3/T4g Unlimited Mode Pricing): $0.05
    # per vCPU-hour for Linux, RHEL and SLES, $0.096 for Windows
    windows = Usage({"operating_system": "windows", "monthly_cpu_credit_hrs": 100})
    t3 = _instance({"instance_type": "t3.medium", "root_block_device": [_GP3_8]})
    side = price_side(t3, UsageFile(by_address={"aws_instance.x": dict(windows.values)}))
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "no Windows CPU credit rate (ec2.cpu_credits.windows)" in (side.reason or "")
    # where a catalog holds the Windows rate (a refresh writes it), 200 vCPU-hours x $0.096
    team = tmp_path / "team"
    doc = price_doc("aws", "2026-11-20", {"ec2.cpu_credits.windows": {"us-east-1": "0.096"}})
    write_catalog(team, doc)
    catalogs = CatalogSet(as_of=date(2026, 12, 1), dirs=(CatalogDir(team, "team"),))
    usage = UsageFile(by_address={"aws_instance.x": dict(windows.values)})
    credits = [x for x in price_side(t3, usage, catalogs).lines if x.name.startswith("CPU")]
    assert [(x.monthly_quantity, x.unit_price) for x in credits] == [
        (Decimal(200), Decimal("0.096"))
    ]
    # Linux keeps the Linux rate
    linux = ec2_instance.cost_lines(t3, Usage({"monthly_cpu_credit_hrs": 100}))
    assert [(x.price_key, x.quantity) for x in linux if x.name == "CPU credits"] == [
        ("ec2.cpu_credits", Decimal(200))
    ]


def test_windows_cpu_credits_without_usage_show_the_linux_rate_as_a_floor_saying_so() -> None:
    t3 = _instance({"instance_type": "t3.medium", "root_block_device": [_GP3_8]})
    usage = UsageFile(by_address={"aws_instance.x": {"operating_system": "windows"}})
    side = price_side(t3, usage)
    assert side.status is Status.PRICED and side.monthly == Decimal("43.8") + Decimal("0.64")
    credits = [x for x in side.lines if x.name.startswith("CPU credits")]
    assert len(credits) == 1 and credits[0].monthly_quantity is None
    assert "the Linux rate, a floor" in credits[0].name


def test_a_word_where_a_usage_number_goes_is_reported_not_taken_for_unset() -> None:
    # the config schema lets words through (min, max...); one given for vcpu_count is not a
    # count: the table's 2 vCPUs are used, and the notes say the key was ignored and why
    t3 = _instance({"instance_type": "t3.medium", "root_block_device": [_GP3_8]})
    usage = {"vcpu_count": "abc", "monthly_cpu_credit_hrs": 5}
    side = price_side(t3, UsageFile(by_address={"aws_instance.x": usage}))
    assert [n for n in side.notes if "vcpu_count" in n] == [
        "aws_instance.x: usage key 'vcpu_count' (usage.terraform.resource_usage.aws_instance.x)"
        " is ignored: 'abc' is not a number"
    ]


def test_a_root_volume_type_written_with_a_value_not_known_is_unpriced_not_gp2() -> None:
    attrs = {
        "instance_type": "t3.micro",
        "root_block_device": [{"volume_size": 20, "volume_type": None}],
        "__unknown_inputs__": {"root_block_device.0.volume_type": "var.disk"},
    }
    vm = Resource("aws_instance.vm", "terraform", "aws_instance", "aws", "us-east-1", attrs)
    lines = ec2_instance.root_volume_lines(vm, Usage())
    assert [x.unknown_reason for x in lines] == [
        "root_block_device.0.volume_type is unknown until apply"
    ]
