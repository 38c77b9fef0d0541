from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.usage import UsageFile


def test_address_usage_beats_type_defaults_and_records_origins() -> None:
    usage = UsageFile(
        by_type={"aws_lambda_function": {"monthly_requests": 10, "request_duration_ms": 100}},
        by_address={"aws_lambda_function.a": {"monthly_requests": 99}},
    ).for_resource("aws_lambda_function.a", "aws_lambda_function")
    assert usage.number("monthly_requests") == Decimal(99)
    assert usage.number("request_duration_ms") == Decimal(100)
    assert (
        usage.origin("monthly_requests") == "usage.terraform.resource_usage.aws_lambda_function.a"
    )


def test_star_index_wildcards_match_count_and_for_each_keys() -> None:
    usage_file = UsageFile(by_address={"module.api.aws_instance.web[*]": {"monthly_hrs": 100}})
    for address in ("module.api.aws_instance.web[0]", 'module.api.aws_instance.web["blue"]'):
        assert usage_file.for_resource(address, "aws_instance").number("monthly_hrs") == 100
    assert usage_file.for_resource("module.api.aws_instance.db[0]", "aws_instance").values == {}


def test_an_exact_address_beats_a_wildcard() -> None:
    usage_file = UsageFile(
        by_address={"aws_instance.web[*]": {"n": 1}, "aws_instance.web[1]": {"n": 2}}
    )
    assert usage_file.for_resource("aws_instance.web[1]", "aws_instance").number("n") == 2
    assert usage_file.for_resource("aws_instance.web[0]", "aws_instance").number("n") == 1


def test_nested_values_are_read_with_dotted_keys() -> None:
    usage = UsageFile(by_type={"aws_s3_bucket": {"standard": {"storage_gb": 1000}}}).for_resource(
        "aws_s3_bucket.a", "aws_s3_bucket"
    )
    assert usage.number("standard.storage_gb") == Decimal(1000)
    assert usage.number("standard.missing") is None
