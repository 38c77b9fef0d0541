"""aws_efs_file_system: storage classes, provisioned throughput over the baseline, elastic."""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws import efs_file_system
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _efs(attributes: dict[str, object], unknown: frozenset[str] = frozenset()) -> Resource:
    kind = "aws_efs_file_system"
    return Resource(f"{kind}.fs", "terraform", kind, "aws", "us-east-1", attributes, unknown)


def test_elastic_throughput_lists_data_read_and_written_never_leaves_them_out() -> None:
    lines = efs_file_system.cost_lines(
        _efs({"throughput_mode": "elastic"}),
        Usage({"monthly_elastic_read_gb": 100, "monthly_elastic_write_gb": 20}),
    )
    assert [(x.price_key, x.quantity) for x in lines[-2:]] == [
        ("efs.elastic_throughput.read", Decimal(100)),
        ("efs.elastic_throughput.write", Decimal(20)),
    ]


def test_bursting_throughput_has_no_throughput_line() -> None:
    lines = efs_file_system.cost_lines(_efs({"throughput_mode": "bursting"}), Usage())
    assert not [x for x in lines if "hroughput" in x.name]


def test_provisioned_throughput_is_billed_above_the_standard_storage_baseline() -> None:
    fs = _efs({"throughput_mode": "provisioned", "provisioned_throughput_in_mibps": 100})
    (line,) = efs_file_system.cost_lines(fs, Usage({"storage_gb": 1000}))[-1:]
    assert (line.price_key, line.quantity) == ("efs.provisioned_throughput", Decimal(50))


def test_a_one_zone_placement_or_mode_not_known_is_unpriced_not_regional() -> None:
    coded = _efs({"__unknown_inputs__": {"availability_zone_name": "var.az"}})
    (line,) = efs_file_system.cost_lines(coded, Usage())
    assert line.unknown_reason == "availability_zone_name is unknown until apply"
    # a plan shows the zone unknown when it is left unset (the provider computes it): Regional
    unset = efs_file_system.cost_lines(_efs({}, frozenset({"availability_zone_name"})), Usage())
    assert unset[0].price_key == "efs.standard.storage"
    mode = _efs({}, frozenset({"throughput_mode"}))
    (line,) = efs_file_system.cost_lines(mode, Usage())
    assert line.unknown_reason == "throughput_mode is unknown until apply"
