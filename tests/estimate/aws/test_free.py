"""The free lists are reviewed data: well-formed, no duplicates, never a type that costs money."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from finops_gate.estimate import free_list
from finops_gate.estimate.aws import FREE, FREE_WHY, REGISTRY
from finops_gate.estimate.terraform import price_side
from finops_gate.model import Resource, Status
from finops_gate.usage import UsageFile

AWS_FREE = Path(free_list.__file__).parent / "aws" / "free.yml"


@pytest.mark.parametrize("path", [AWS_FREE, free_list.UTILITY])
def test_every_group_says_why_and_lists_each_type_once(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    seen: list[str] = []
    for name, group in data.items():
        assert set(group) == {"why", "types"}, name
        assert str(group["why"]).strip(), name
        seen += group["types"]
    assert len(seen) == len(set(seen))


def test_aws_free_types_are_aws_types_and_not_priced_by_a_mapper() -> None:
    assert all(k.startswith("aws_") for k in FREE)
    assert not FREE & set(REGISTRY)
    assert len(FREE) > 300


@pytest.mark.parametrize(
    "kind",
    [
        "aws_route53_record",
        "aws_sns_topic_subscription",
        "aws_cloudwatch_metric_alarm",
        "aws_cloudwatch_log_metric_filter",
        "aws_flow_log",
        "aws_ssm_parameter",
        "aws_acm_certificate",
        "aws_ecr_repository",
        "aws_api_gateway_stage",
        "aws_vpc_endpoint_subnet_association",
        "aws_kinesis_stream_consumer",
        "aws_s3_bucket_inventory",
        # paid look-alikes of listed types (rejected when the list grew)
        "aws_kms_replica_key",
        "aws_cognito_user_pool_client",
        "aws_dx_private_virtual_interface",  # SiteLink: hourly per interface (a mapper)
        "aws_dx_transit_virtual_interface",
        "aws_glue_dev_endpoint",
        "aws_glue_ml_transform",
        "aws_glue_catalog_table",
        "aws_glue_partition",
        "aws_lightsail_disk",
        "aws_lightsail_static_ip",
        "aws_lightsail_domain",
        "aws_ec2_transit_gateway_connect",
        "aws_dx_hosted_connection",
        "aws_dx_connection_confirmation",
        "aws_dx_lag",
        "aws_schemas_discoverer",
        "aws_lakeformation_data_cells_filter",
        "aws_imagebuilder_image_pipeline",
        "aws_batch_compute_environment",
        "aws_scheduler_schedule",
        "aws_budgets_budget",
        "aws_accessanalyzer_analyzer",
        "aws_ami",
        # CloudWatch Logs data protection scans every GB ingested, billed per GB scanned
        # (https://aws.amazon.com/cloudwatch/pricing/, Logs: "Data Protection")
        "aws_cloudwatch_log_data_protection_policy",
        "aws_cloudwatch_log_account_policy",
        # billed database look-alikes of the endpoints and settings listed (DMS Serverless per
        # capacity unit, RDS Proxy per vCPU and its extra endpoints through PrivateLink,
        # snapshot exports per GB, Redshift audit logs where they land, cross-Region shares)
        "aws_dms_replication_config",
        "aws_db_proxy",
        "aws_db_proxy_endpoint",
        "aws_rds_export_task",
        "aws_redshift_logging",
        "aws_redshift_endpoint_access",
        "aws_redshift_data_share_consumer_association",
        "aws_redshiftserverless_namespace",
        "aws_redshiftserverless_workgroup",
    ],
)
def test_a_type_that_can_cost_money_is_never_free(kind: str) -> None:
    assert kind not in FREE


@pytest.mark.parametrize(
    ("kind", "provider"),
    [
        ("null_resource", "null"),
        ("terraform_data", "terraform"),
        ("random_password", "random"),
        ("time_sleep", "time"),
        ("local_file", "local"),
        ("tls_private_key", "tls"),
    ],
)
def test_utility_types_are_free_whatever_their_provider(kind: str, provider: str) -> None:
    side = price_side(Resource(f"{kind}.x", "terraform", kind, provider, None), UsageFile())
    assert (side.status, side.monthly) == (Status.FREE, Decimal(0))


def test_a_grafana_licence_association_is_priced_on_its_workspace_not_unsupported() -> None:
    kind = "aws_grafana_license_association"
    side = price_side(Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1"), UsageFile())
    assert (side.status, side.monthly) == (Status.FREE, Decimal(0))
    assert "aws_grafana_workspace" in FREE_WHY[kind]


@pytest.mark.parametrize(
    "kind",
    [
        "aws_dms_endpoint",
        "aws_dms_s3_endpoint",
        "aws_dms_replication_subnet_group",
        "aws_rds_cluster_endpoint",
        "aws_neptune_cluster_endpoint",
        "aws_redshift_snapshot_schedule",
        "aws_redshift_usage_limit",
    ],
)
def test_database_endpoints_and_settings_are_free_not_unsupported(kind: str) -> None:
    # they showed "unsupported" (a warning) though AWS bills none of them by itself
    side = price_side(Resource(f"{kind}.x", "terraform", kind, "aws", "us-east-1"), UsageFile())
    assert (side.status, side.monthly) == (Status.FREE, Decimal(0))
