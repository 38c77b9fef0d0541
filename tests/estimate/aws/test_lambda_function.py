"""aws_lambda_function: requests and GB-seconds from usage, by architecture and tier."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from finops_gate.estimate.aws import lambda_function
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource, Status
from tests.estimate.aws.plan_fixture import price
from tests.sides import check_sides


def _function(attributes: dict[str, object]) -> Resource:
    return Resource(
        "aws_lambda_function.f", "terraform", "aws_lambda_function", "aws", "us-east-1", attributes
    )


def test_without_usage_the_function_depends_on_usage_and_shows_the_unit_prices() -> None:
    side = price("aws_lambda_function", "aws_lambda_function.api")
    assert side.status is Status.USAGE_UNKNOWN and side.monthly is None
    assert [(x.name, x.unit_price) for x in side.lines] == [
        ("Requests", Decimal("0.2")),
        ("Duration (first 6B)", Decimal("0.0000166667")),
    ]


def test_gb_seconds_are_requests_times_duration_times_memory() -> None:
    lines = lambda_function.cost_lines(
        _function({"memory_size": 2048, "architectures": ["x86_64"]}),
        Usage({"monthly_requests": 1_000_000, "request_duration_ms": 250}),
    )
    assert [(x.price_key, x.quantity) for x in lines] == [
        ("lambda.requests", Decimal(1)),
        ("lambda.duration.x86_64.tier1", Decimal(500_000)),
    ]


def test_duration_beyond_6b_gb_seconds_moves_to_the_next_x86_tier() -> None:
    lines = lambda_function.cost_lines(
        _function({"memory_size": 10240}),
        Usage({"monthly_requests": 1_000_000_000, "request_duration_ms": 1000}),
    )
    tiers = [(x.price_key, x.quantity) for x in lines[1:]]
    assert tiers == [
        ("lambda.duration.x86_64.tier1", Decimal(6_000_000_000)),
        ("lambda.duration.x86_64.tier2", Decimal(4_000_000_000)),
    ]


def test_arm64_uses_its_own_rates() -> None:
    lines = lambda_function.cost_lines(
        _function({"memory_size": 128, "architectures": ["arm64"]}),
        Usage({"monthly_requests": 10, "request_duration_ms": 10}),
    )
    assert lines[1].price_key == "lambda.duration.arm64.tier1"


def test_a_memory_size_known_only_after_apply_is_unpriced_not_128_mb(tmp_path: Path) -> None:
    # a function sized by a variable with no value (a module input set elsewhere): AWS's
    # 128 MB default applies only when memory_size is not set, so the duration is not known
    tf = """
provider "aws" { region = "us-east-1" }
variable "memory" { type = number }
variable "scratch" { type = number }
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  memory_size   = var.memory
}
resource "aws_lambda_function" "g" {
  function_name = "g"
  role          = "arn:aws:iam::123456789012:role/g"
  memory_size   = 1024
  ephemeral_storage { size = var.scratch }
}
"""
    usage = {"monthly_requests": 10_000_000, "request_duration_ms": 1200}
    config = yaml.safe_dump(
        {
            "version": 1,
            "usage": {"terraform": {"resource_type_default_usage": {"aws_lambda_function": usage}}},
        }
    )
    report = check_sides(tmp_path, {}, {"main.tf": tf, ".finops-gate.yml": config})
    rows = {r["address"]: r for r in report["resources"]}
    f, g = rows["aws_lambda_function.f"], rows["aws_lambda_function.g"]
    assert f["status"] == "unpriced" and "memory_size is unknown until apply" in f["reason"]
    assert f["monthly_after"] is None
    assert g["status"] == "unpriced" and "ephemeral_storage.0.size" in g["reason"]
    # what is known is still shown: 10M requests x 1.2 s x 1 GB at the first x86 tier
    duration = next(x for x in g["lines"] if x["name"].startswith("Duration"))
    assert Decimal(duration["monthly_quantity"]) == 12_000_000


def test_a_plans_unset_ephemeral_storage_block_is_the_512_mb_default() -> None:
    # a plan shows an ephemeral_storage block the code leaves out as unknown as a whole (the
    # provider computes it): that is the free 512 MB, while a size known only after apply is not
    usage = Usage({"monthly_requests": 1_000_000, "request_duration_ms": 100})
    unset = Resource(
        "aws_lambda_function.f",
        "terraform",
        "aws_lambda_function",
        "aws",
        "us-east-1",
        {"memory_size": 1024},
        unknown=frozenset({"ephemeral_storage"}),
    )
    assert [x.price_key for x in lambda_function.cost_lines(unset, usage)] == [
        "lambda.requests",
        "lambda.duration.x86_64.tier1",
    ]
    sized_later = Resource(
        "aws_lambda_function.f",
        "terraform",
        "aws_lambda_function",
        "aws",
        "us-east-1",
        {"memory_size": 1024, "ephemeral_storage": [{}]},
        unknown=frozenset({"ephemeral_storage.0.size"}),
    )
    last = lambda_function.cost_lines(sized_later, usage)[-1]
    assert last.quantity is None and "ephemeral_storage.0.size" in (last.unknown_reason or "")


def test_an_architecture_the_code_does_not_tell_is_unpriced_not_x86(tmp_path: Path) -> None:
    tf = """
provider "aws" { region = "us-east-1" }
variable "arch" { type = list(string) }
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  memory_size   = 1024
  architectures = var.arch
}
"""
    usage = {"aws_lambda_function.f": {"monthly_requests": 1_000_000, "request_duration_ms": 100}}
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": {"resource_usage": usage}}})
    report = check_sides(tmp_path, {}, {"main.tf": tf, ".finops-gate.yml": config})
    row = next(r for r in report["resources"] if r["address"] == "aws_lambda_function.f")
    assert row["status"] == "unpriced" and "architectures is unknown until apply" in row["reason"]


def test_ephemeral_storage_above_the_free_512_mb_is_listed_without_usage_too() -> None:
    lines = lambda_function.cost_lines(
        _function({"memory_size": 1024, "ephemeral_storage": [{"size": 10240}]}), Usage()
    )
    storage = [x for x in lines if x.name.startswith("Ephemeral storage")]
    assert [(x.price_key, x.quantity, x.usage_key) for x in storage] == [
        ("lambda.ephemeral_storage", None, "request_duration_ms")
    ]
    # the free 512 MB alone: no line
    free = lambda_function.cost_lines(_function({"ephemeral_storage": [{"size": 512}]}), Usage())
    assert not [x for x in free if x.name.startswith("Ephemeral storage")]


def test_provisioned_concurrency_of_a_function_that_leaves_memory_unset_is_128_mb() -> None:
    # the .tf reader joins the function without a memory_size key: AWS's default, 128 MB (a
    # memory_size written with a value it cannot tell is None: usage memory_mb is asked for)
    from finops_gate.estimate.aws import lambda_provisioned_concurrency as pc

    def config(function: dict[str, object]) -> Resource:
        attributes = {"provisioned_concurrent_executions": 5, "_related": {"function": function}}
        kind = "aws_lambda_provisioned_concurrency_config"
        return Resource(f"{kind}.p", "terraform", kind, "aws", "us-east-1", attributes)

    unset = pc.cost_lines(config({"function_name": "f", "architectures": ["arm64"]}), Usage())
    assert [x.quantity for x in unset if x.price_key.startswith("lambda.provisioned_conc")] == [
        5 * Decimal("0.125") * 730 * 3600
    ]
    unknown = pc.cost_lines(config({"function_name": "f", "memory_size": None}), Usage())
    assert [x.unknown_reason for x in unknown] == [
        "the function's memory_size is not in the plan; set usage memory_mb"
    ]


def test_snapstart_is_free_for_java_and_never_left_out_for_python() -> None:
    # https://aws.amazon.com/lambda/pricing/ (SnapStart): cache and restore charges for Python
    # and .NET; none for Java
    snap = {"snap_start": [{"apply_on": "PublishedVersions"}]}
    python = lambda_function.cost_lines(_function({**snap, "runtime": "python3.12"}), Usage())
    assert [x.name for x in python if x.unknown_reason] == ["SnapStart cache and restores"]
    java = lambda_function.cost_lines(_function({**snap, "runtime": "java21"}), Usage())
    assert not [x for x in java if x.name.startswith("SnapStart")]
    off = lambda_function.cost_lines(
        _function({"snap_start": [{"apply_on": "None"}], "runtime": "python3.12"}), Usage()
    )
    assert not [x for x in off if x.name.startswith("SnapStart")]
