"""aws_codebuild_project: the rate key from the environment, and what is left unpriced."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import codebuild_project
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource

KIND = "aws_codebuild_project"


def _project(environment: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    attributes = {"environment": [environment]}
    return Resource(f"{KIND}.p", "terraform", KIND, "aws", "us-east-1", attributes, unknown)


def test_every_windows_server_version_takes_the_windows_rate_of_its_compute_type() -> None:
    for env in ("WINDOWS_SERVER_2019_CONTAINER", "WINDOWS_SERVER_2022_CONTAINER"):
        project = _project({"type": env, "compute_type": "BUILD_GENERAL1_MEDIUM"})
        (line,) = codebuild_project.cost_lines(project, Usage())
        assert line.price_key == "codebuild.windows.general1.medium"
        assert line.quantity is None  # depends on usage, never $0


def test_build_minutes_come_from_usage() -> None:
    project = _project({"type": "LINUX_CONTAINER", "compute_type": "BUILD_GENERAL1_2XLARGE"})
    (line,) = codebuild_project.cost_lines(project, Usage(values={"monthly_build_mins": 90}))
    assert (line.price_key, line.quantity) == ("codebuild.linux.general1.2xlarge", Decimal(90))


def test_a_fleet_lambda_compute_or_an_unknown_compute_type_is_unpriced() -> None:
    fleet = _project(
        {"type": "LINUX_CONTAINER", "compute_type": "X", "fleet": [{"fleet_arn": "a"}]}
    )
    lam = _project({"type": "LINUX_LAMBDA_CONTAINER", "compute_type": "BUILD_LAMBDA_1GB"})
    unknown = _project({"type": "LINUX_CONTAINER"}, frozenset({"environment.0.compute_type"}))
    for project in (fleet, lam, unknown):
        (line,) = codebuild_project.cost_lines(project, Usage(values={"monthly_build_mins": 9}))
        assert line.unknown_reason and line.quantity is None
