"""``pricing refresh aws`` for every service the AWS mappers price, against the loopback fake.

The fake serves real-shaped CSV offer files (``tests/fixtures/price-apis/aws``) with the rows a
filter must keep and the look-alikes it must drop (Outposts, Local Zones, Lambda@Edge, Fargate
ARM/Spot/Windows, DynamoDB Standard-IA, per-account free tiers, reserved terms).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finops_gate.catalogs.aws_services import KEY_PREFIXES, NOT_WRITTEN, service_for
from finops_gate.catalogs.refresh.aws import OFFER_CODES, RULES, SHIELD_LOCATIONS, usage_name
from finops_gate.catalogs.refresh.output import read_whole
from finops_gate.catalogs.store import CatalogDir, CatalogSet
from finops_gate.cli import main
from finops_gate.estimate.aws.cloudfront_distribution import SHIELD_GROUPS
from tests.estimate.aws.test_catalog_keys import NOT_EMITTED, PARAMETRIC, emitted
from tests.pricing.fake_price_apis import FakePriceApi, serve

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = max((ROOT / "pricing" / "aws").glob("*.json"))  # the newest shipped AWS catalog
OFFERS = ROOT / "tests" / "fixtures" / "price-apis" / "aws" / "offers" / "v1.0" / "aws"
LAMBDA = "/offers/v1.0/aws/AWSLambda/20261112000000/us-east-1/index.csv"
ROUTE53 = "/offers/v1.0/aws/AmazonRoute53/20261110000000/global/index.csv"

# which catalog keys each refreshed service produces (by key prefix): the product's own table,
# which also names the refresh in an unpriced reason
PREFIXES = KEY_PREFIXES

# keys a mapper can emit that no refresh rule produces, each with the reason: each stays unpriced
# in a refreshed region (with the key named), never $0 and never borrowed. A key of a new mapper
# (or a new service) that is neither produced nor listed here fails the coverage test below
_OPENZFS_WHY = (
    "an OpenZFS rate depends on the deployment type (SINGLE_AZ_1, _2, HA...); the offer file's "
    "Single-/Multi-AZ deployment option does not tell which"
)
NOT_REFRESHED = {
    "dx.sitelink": "which Price List rows carry Direct Connect SiteLink hours is not confirmed",
    "dx.sitelink.data": "which Price List rows carry Direct Connect SiteLink data is not confirmed",
    "fsx.openzfs.iops.single_az_1": _OPENZFS_WHY,
    "fsx.openzfs.storage.ssd.single_az_1": _OPENZFS_WHY,
    "fsx.openzfs.throughput.single_az_1": _OPENZFS_WHY,
    "fsx.openzfs.storage.ssd.multi_az_1": _OPENZFS_WHY,
    "fsx.openzfs.throughput.multi_az_1": _OPENZFS_WHY,
    "backup.efs.cold_storage": "no usage type for EFS cold backup storage is confirmed (public "
    "code that reads the offer files takes an early-deletion row for it)",
    **{
        f"globalaccelerator.dt_premium.{pair}": "where the Price List files Global Accelerator's "
        "data-transfer premium (a global or a regional offer file) is not confirmed"
        for pair in (
            *(f"eu.{to}.in" for to in ("na", "eu", "za", "sa", "kr", "me", "au", "ap", "in")),
            "na.eu.out",
            "na.ap.out",
        )
    },
    "globalaccelerator.accelerator": "the $0.025 hourly fixed fee is not in the AWS Price List "
    "(AWSGlobalAccelerator lists only its data-transfer premiums)",
}
_MWAA_WHY = (
    "MWAA environment, worker and scheduler rows are told apart by size and type attributes "
    "(public code reads them from the JSON offer); their CSV columns are not confirmed"
)
_LIGHTSAIL_WHY = (
    "the Lightsail price list names a bundle by vCPUs, memory and operating system, not by its "
    "bundle_id, and bundle generations (_2_0, _3_0) of one name differ in size"
)
NOT_REFRESHED.update(
    {
        **{
            f"mwaa.{part}.{size}": _MWAA_WHY
            for part in ("environment", "worker", "scheduler")
            for size in ("small", "medium", "large")
        },
    }
)
# families of keys built from a value the user picks, not produced by any refresh rule
FAMILIES_NOT_REFRESHED: dict[str, str] = {
    "dx.data_out.": "which offer file lists Direct Connect data transfer out from a source Region "
    "to a location (the source Region's or the location's), and under which usage type, is not "
    "confirmed; a guess could price one Region at another's rate",
    "lightsail.instance.": _LIGHTSAIL_WHY,
}
# keys built from a value the user picks (an instance type): the fixture holds some, the check
# is that the family is produced at all
OPEN_ENDED = re.compile(
    r"^(ec2\.instance|cloudfront\.origin_shield|apigateway\.cache|dx\.connection|dx\.data_out"
    r"|lightsail\.instance)\."
)


@pytest.fixture(scope="module")
def api() -> Iterator[FakePriceApi]:
    yield from serve()


@pytest.fixture(autouse=True)
def _no_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("finops_gate.catalogs.refresh.http.time.sleep", lambda _s: None)


def _refresh(api: FakePriceApi, out: Path, *args: str) -> Any:
    return CliRunner().invoke(
        main,
        [
            "pricing",
            "refresh",
            "aws",
            "--out",
            str(out),
            "--endpoint",
            api.url,
            "--no-progress",
            *args,
        ],
    )


def _doc(out: Path) -> dict[str, Any]:
    (path,) = sorted((out / "aws").glob("*.json"))
    return read_whole(path)


@pytest.fixture(scope="module")
def everything(api: FakePriceApi, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("all")
    result = _refresh(api, out, "--region", "us-east-1")  # every service
    assert result.exit_code == 0, result.stderr
    return _doc(out)


def _prices(doc: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(k, r): p for k, e in doc["prices"].items() for r, p in e["regions"].items()}


def test_every_service_has_a_rule_and_a_fixture() -> None:
    assert set(PREFIXES) == set(RULES)
    for service in RULES:
        code = OFFER_CODES.get(service, service)
        assert (OFFERS / code / "current" / "region_index.json").is_file(), service


def _can_emit() -> set[str]:
    """Every key an AWS mapper can emit: what they emit for every fixture (and every golden case
    when present), and every key of the shipped catalog a mapper reads (the goldens' keys, kept
    when the goldens are not beside the repository; keys built from a class or type are the
    emitted ones)."""
    catalog = json.loads(SHIPPED.read_text(encoding="utf-8"))["prices"]
    fixed = {k for k in catalog if not PARAMETRIC.match(k)}  # a class, a type: some of each
    return set(emitted()) | (fixed - set(NOT_EMITTED))


def test_a_refresh_covers_every_key_the_aws_mappers_can_emit(everything: dict[str, Any]) -> None:
    wanted = {k for k in _can_emit() if not OPEN_ENDED.match(k)}
    missing = wanted - set(everything["prices"])
    assert sorted(missing - set(NOT_REFRESHED)) == [], (
        "a mapper emits a key no refresh rule produces: add a rule in "
        "finops_gate/catalogs/refresh/aws.py (and a fixture row), or list it in NOT_REFRESHED "
        "with the reason"
    )
    assert sorted(set(NOT_REFRESHED) - missing) == []  # the list only shrinks
    assert sorted(set(NOT_REFRESHED) - _can_emit()) == []  # nor names a key no mapper emits
    families = {m.group(0) for k in _can_emit() if (m := OPEN_ENDED.match(k))}
    produced = {m.group(0) for k in everything["prices"] if (m := OPEN_ENDED.match(k))}
    assert sorted(families - produced - set(FAMILIES_NOT_REFRESHED)) == []
    assert sorted(set(FAMILIES_NOT_REFRESHED) & produced) == []
    assert all(
        reason.strip() for reason in (*NOT_REFRESHED.values(), *FAMILIES_NOT_REFRESHED.values())
    )


def test_refreshed_units_match_the_shipped_catalog_so_a_team_layer_never_clashes(
    everything: dict[str, Any],
) -> None:
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))["prices"]
    clashes = {
        k: (e["unit"], shipped[k]["unit"])
        for k, e in everything["prices"].items()
        if k in shipped and shipped[k]["unit"] != e["unit"]
    }
    assert clashes == {}


def test_a_refreshed_folder_layers_over_the_shipped_catalog(
    api: FakePriceApi, tmp_path: Path
) -> None:
    assert _refresh(api, tmp_path, "--region", "eu-west-1", "--service", "AWSELB").exit_code == 0
    catalog = CatalogSet(dirs=(CatalogDir(tmp_path, "team"),)).price_catalog("aws")
    assert str(catalog.price("elb.application", "eu-west-1")) == "0.0252"
    assert str(catalog.price("elb.application", "us-east-1")) == "0.0225"  # shipped, untouched
    # shipped for us-east-1 only, not refreshed: never borrowed from us-east-1
    assert catalog.price("nat.gateway", "eu-west-1") is None


def test_prices_are_scaled_to_the_mappers_units(everything: dict[str, Any]) -> None:
    prices = _prices(everything)
    per_unit = {
        "lambda.requests": "0.2",  # $0.0000002 a request -> per 1M requests
        "sqs.standard.requests": "0.4",
        "sns.notifications.email": "2",  # per 100k notifications
        "kms.requests.symmetric": "0.03",  # per 10k requests
        "secretsmanager.api_requests": "0.05",
        "s3.standard.tier1_requests": "0.005",  # per 1k requests
        "s3.intelligent_tiering.monitoring": "0.0025",  # per 1k objects
        "rds.aurora.backtrack": "0.012",  # per 1M change records
        "dynamodb.wru": "0.000000625",  # the mapper's unit is one request unit
    }
    assert {k: prices[(k, "us-east-1")] for k in per_unit} == per_unit


def test_free_tiers_and_look_alike_rows_are_dropped(everything: dict[str, Any]) -> None:
    prices = _prices(everything)
    expected = {
        "dynamodb.storage": "0.25",  # not the first 25 GB free
        "dynamodb.wcu": "0.00065",
        "dynamodb.streams_rru": "0.0000002",
        "dynamodb.wru": "0.000000625",  # not the Standard-IA table class
        "sqs.standard.requests": "0.4",  # not the first 1M free, not the 100B+ band
        "kms.requests.symmetric": "0.03",
        "lambda.requests": "0.2",  # not Lambda@Edge
        "fargate.vcpu": "0.04048",  # not ARM, Spot or Windows
        "fargate.vcpu.arm64": "0.03238",
        "cloudwatch.metrics": "0.3",  # the first band
        "cloudwatch.logs.ingestion": "0.5",  # not Infrequent Access logs
        "s3.standard.storage": "0.023",  # the first 50 TB; not a Local Zone
        "s3.intelligent_tiering.storage.frequent": "0.023",
        "elasticache.node.redis.cache.m4.large": "0.156",  # not the reserved row
    }
    assert {k: prices[(k, "us-east-1")] for k in expected} == expected


def test_tiered_usage_types_give_one_key_per_band(everything: dict[str, Any]) -> None:
    prices = _prices(everything)
    assert [prices[(f"lambda.duration.arm64.tier{n}", "us-east-1")] for n in (1, 2, 3)] == [
        "0.0000133334",
        "0.0000120001",
        "0.0000106667",
    ]
    assert [
        prices[(f"vpc_endpoint.interface.data_processed.tier{n}", "us-east-1")] for n in (1, 2, 3)
    ] == ["0.01", "0.006", "0.004"]
    assert [prices[(f"redshift.backup_storage.tier{n}", "us-east-1")] for n in (1, 2, 3)] == [
        "0.023",
        "0.022",
        "0.021",
    ]


def test_more_bands_than_the_mappers_know_is_exit_2_and_writes_nothing(
    api: FakePriceApi, tmp_path: Path
) -> None:
    good = (OFFERS / "AWSLambda/current/us-east-1/index.csv").read_text(encoding="utf-8")
    extra = [line for line in good.splitlines() if '"Lambda-GB-Second","","us-east-1"' in line]
    fourth = extra[-1].replace('"15000000000","Inf"', '"99000000000","Inf"')
    api.faults.bodies[LAMBDA] = (good + fourth + "\n").encode()
    try:
        result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AWSLambda")
    finally:
        del api.faults.bodies[LAMBDA]
    assert result.exit_code == 2 and "4 price tiers" in result.stderr
    assert not (tmp_path / "aws").exists()


def test_region_prefixed_usage_types_are_read_and_outposts_dropped(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "eu-west-1", "--service", "AWSELB")
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("elb.application", "eu-west-1"): "0.0252",
        ("elb.application.lcu", "eu-west-1"): "0.008",
    }


@pytest.mark.parametrize(
    ("usage", "name"),
    [
        ("EUW1-LoadBalancerUsage", "LoadBalancerUsage"),
        ("EU-BoxUsage:m5.large", "BoxUsage:m5.large"),
        ("USE2-KMS-Keys", "KMS-Keys"),
        ("KMS-Keys", "KMS-Keys"),  # us-east-1: no prefix, and KMS is not a region code
        ("Lambda-Edge-Request", "Lambda-Edge-Request"),
        ("USE1-LAX1-BoxUsage:m5.large", "LAX1-BoxUsage:m5.large"),  # a Local Zone stays apart
        ("CW:AlarmMonitorUsage", "CW:AlarmMonitorUsage"),
    ],
)
def test_usage_name_strips_only_a_region_prefix(usage: str, name: str) -> None:
    assert usage_name(usage) == name


def test_route53_is_global_read_once_and_priced_everywhere(
    api: FakePriceApi, tmp_path: Path
) -> None:
    before = sum(1 for r in api.faults.requests if r == ROUTE53)
    result = _refresh(
        api,
        tmp_path,
        "--region",
        "us-east-1",
        "--region",
        "eu-west-1",
        "--service",
        "AmazonRoute53",
    )
    assert result.exit_code == 0, result.stderr
    assert sum(1 for r in api.faults.requests if r == ROUTE53) - before == 1
    doc = _doc(tmp_path)
    assert doc["prices"]["route53.hosted_zone"]["regions"] == {"*": "0.5"}
    assert doc["prices"]["route53.queries.geo.tier2"]["regions"] == {"*": "0.35"}


def test_cloudtrail_events_are_priced_per_100k_and_lake_rows_dropped(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AWSCloudTrail")
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("cloudtrail.management_events.additional", "us-east-1"): "2",
        ("cloudtrail.data_events", "us-east-1"): "0.1",
        ("cloudtrail.insight_events", "us-east-1"): "0.35",
    }  # not the free first copy, not CloudTrail Lake


def test_codebuild_minutes_are_keyed_by_environment_and_compute_type(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "CodeBuild")
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("codebuild.linux.general1.small", "us-east-1"): "0.005",
        ("codebuild.linux.general1.medium", "us-east-1"): "0.01",
        ("codebuild.linux.general1.large", "us-east-1"): "0.02",
        ("codebuild.windows.general1.large", "us-east-1"): "0.036",
        ("codebuild.arm.general1.large", "us-east-1"): "0.015",
    }  # Lambda compute is not read


def test_glue_takes_job_flex_and_crawler_dpu_hours_and_the_catalogs_paid_band(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AWSGlue")
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("glue.job.dpu_hours", "us-east-1"): "0.44",
        ("glue.job.flex.dpu_hours", "us-east-1"): "0.29",
        ("glue.crawler.dpu_hours", "us-east-1"): "0.44",
        ("glue.catalog.storage", "us-east-1"): "1",  # per object -> per 100k, not the free 1M
        ("glue.catalog.requests", "us-east-1"): "1",  # per request -> per 1M
    }  # not the Gen2 ETL rows, not interactive sessions


def test_flink_kpu_hours_running_storage_and_backups_are_read_and_outposts_dropped(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AmazonKinesisAnalytics")
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("kinesisanalytics.kpu", "us-east-1"): "0.11",
        ("kinesisanalytics.running_storage", "us-east-1"): "0.1",
        ("kinesisanalytics.backup", "us-east-1"): "0.023",
    }


def test_config_rule_evaluations_keep_their_three_bands_and_items_their_rate(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AWSConfig")
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("config.rule_evaluations.tier1", "us-east-1"): "0.001",
        ("config.rule_evaluations.tier2", "us-east-1"): "0.0008",
        ("config.rule_evaluations.tier3", "us-east-1"): "0.0005",
        ("config.configuration_items", "us-east-1"): "0.003",
        ("config.custom_configuration_items", "us-east-1"): "0.003",
    }  # not conformance-pack evaluations


def test_route53_resolver_rows_are_read_from_the_regional_route53_files(
    api: FakePriceApi, tmp_path: Path
) -> None:
    args = ("--region", "us-east-1", "--service", "AmazonRoute53Resolver")
    result = _refresh(api, tmp_path, *args)
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("route53resolver.endpoint", "us-east-1"): "0.125",
        ("route53resolver.queries.tier1", "us-east-1"): "0.4",
        ("route53resolver.queries.tier2", "us-east-1"): "0.2",
    }  # regional, never "*"; not DNS Firewall queries


def test_cloudformation_and_eventbridge_take_the_paid_band_and_their_own_event_types(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(
        api,
        tmp_path,
        "--region",
        "us-east-1",
        "--service",
        "AWSCloudFormation",
        "--service",
        "AWSEvents",
    )
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("cloudformation.handler_operations", "us-east-1"): "0.0009",  # not the free 1,000
        ("cloudformation.handler_duration", "us-east-1"): "0.00008",
        ("eventbridge.events.custom", "us-east-1"): "1",  # per 1M, not cross-account events
        ("eventbridge.events.partner", "us-east-1"): "1",
        ("eventbridge.schema_discovery", "us-east-1"): "0.1",  # not the free 5M
        ("eventbridge.archive.processing", "us-east-1"): "0.1",
        ("eventbridge.archive.storage", "us-east-1"): "0.023",
    }  # and not the Outposts row


def test_per_object_and_per_invocation_rates_are_scaled_to_per_million(
    everything: dict[str, Any],
) -> None:
    prices = _prices(everything)
    assert prices[("s3.inventory", "us-east-1")] == "0.0025"
    assert prices[("s3.storage_class_analysis", "us-east-1")] == "0.1"
    assert prices[("cloudfront.functions.invocations", "*")] == "0.1"  # not the free 2M
    assert prices[("cloudwatch.dashboard", "us-east-1")] == "3"
    assert prices[("ssm.managed_instance.advanced", "us-east-1")] == "0.00695"


def test_grafana_licences_are_priced_per_active_user(api: FakePriceApi, tmp_path: Path) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AmazonGrafana")
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("grafana.editor", "us-east-1"): "9",
        ("grafana.viewer", "us-east-1"): "5",
        ("grafana.enterprise_plugins", "us-east-1"): "45",
    }  # API requests are not read


def test_mwaa_reads_only_the_meta_database_storage(api: FakePriceApi, tmp_path: Path) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AmazonMWAA")
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {("mwaa.database_storage", "us-east-1"): "0.1"}


def test_route53_health_checks_take_the_paid_band_and_each_endpoint_kind_its_own_rate(
    everything: dict[str, Any],
) -> None:
    prices = _prices(everything)
    expected = {
        "route53.health_check.aws": "0.5",  # not the account's first 50 free
        "route53.health_check.non_aws": "0.75",
        "route53.health_check.optional.aws": "1",
        "route53.health_check.optional.non_aws": "2",
    }
    assert {k: prices[(k, "*")] for k in expected} == expected


def test_s3_refresh_reads_every_storage_class_and_request_tier(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AmazonS3")
    assert result.exit_code == 0, result.stderr
    prices = _prices(_doc(tmp_path))
    assert prices[("s3.standard.storage", "us-east-1")] == "0.023"
    assert prices[("s3.standard_ia.storage", "us-east-1")] == "0.0125"
    assert prices[("s3.glacier_deep_archive.storage", "us-east-1")] == "0.00099"
    assert prices[("s3.one_zone_ia.tier2_requests", "us-east-1")] == "0.001"
    assert all(k.startswith("s3.") for k, _ in prices)


def test_ebs_direct_api_sns_fifo_and_rds_extras_are_refreshed(everything: dict[str, Any]) -> None:
    prices = _prices(everything)
    expected = {
        "ebs.snapshot.api.list": "0.0006",  # per request -> per 1k requests
        "ebs.snapshot.api.get_block": "0.003",
        "ebs.snapshot.api.put_block": "0.006",
        "sns.fifo.payload": "0.017",  # F-Ingress-Tier1
        "sns.fifo.notifications": "0.01",  # F-DA-SQS, per 1M
        "sns.fifo.notification_payload": "0.001",  # F-Egress-SQS
        "rds.performance_insights.api": "0.01",  # PI_API, per 1,000
        "rds.extended_support.year1": "0.1",  # MySQL 5.7 and PostgreSQL 11 share the rate
        "rds.extended_support.year3": "0.2",
        # long-term retention is sold per family (PI_LTR:M5, per vCPU-month) and keyed per
        # class: every class of the family the file sells
        "rds.performance_insights.retention.db.m5.large": "0.125",
        "rds.performance_insights.retention.db.t3.large": "0.08",
        "rds.performance_insights.retention.db.r4.8xlarge": "0.15",
    }
    assert {k: prices[(k, "us-east-1")] for k in expected} == expected
    assert not any(".family." in k for k, _ in prices)


def test_reserved_no_upfront_rates_are_kept_under_the_keys_the_mappers_read(
    everything: dict[str, Any],
) -> None:
    prices = _prices(everything)
    reserved = {k: v for (k, _), v in prices.items() if ".reserved." in k}
    assert reserved == {
        "ec2.instance.m5.large.reserved.standard.1yr.no_upfront": "0.06",  # EC2: offering class
        "ec2.host.m5.reserved.1yr.no_upfront": "2.86",
        "ec2.host.m5.reserved.3yr.no_upfront": "1.95",
        "rds.instance.mysql.db.t3.large.single-az.reserved.1yr.no_upfront": "0.088",
        "rds.instance.mysql.db.t3.large.multi-az.reserved.1yr.no_upfront": "0.176",
        "rds.instance.aurora-mysql.db.r4.large.reserved.1yr.no_upfront": "0.2",
        "rds.instance.aurora.db.r4.large.reserved.1yr.no_upfront": "0.2",
        "elasticache.node.redis.cache.m6g.12xlarge.reserved.1yr.no_upfront": "3.5",
    }  # not all-upfront rows (their fee is elsewhere), not a reserved row without a term


def test_eks_refresh_reads_cluster_and_extended_support_hours_only(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AmazonEKS")
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("eks.cluster", "us-east-1"): "0.1",
        ("eks.cluster.extended_support", "us-east-1"): "0.6",
    }  # EKS's Fargate rows are read from AmazonECS, not twice


def test_vpc_refresh_reads_ipv4_endpoints_transit_gateway_vpn_client_vpn_and_mirroring(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AmazonVPC")
    assert result.exit_code == 0, result.stderr
    prices = _prices(_doc(tmp_path))
    assert {k for k, _ in prices} == {
        "vpc.public_ipv4",
        "vpc_endpoint.interface",
        "vpc_endpoint.interface.data_processed.tier1",
        "vpc_endpoint.interface.data_processed.tier2",
        "vpc_endpoint.interface.data_processed.tier3",
        "vpc_endpoint.gateway_load_balancer",
        "vpc_endpoint.gateway_load_balancer.data_processed",
        "tgw.attachment",
        "tgw.data_processed",
        "vpn.connection",
        "clientvpn.connection",
        "clientvpn.endpoint_association",
        "vpc.traffic_mirror.eni",
    }  # not the Local Zone's Client VPN row
    assert prices[("vpc.public_ipv4", "us-east-1")] == "0.005"


def test_a_usage_type_missing_from_the_file_is_named_not_silently_dropped(
    api: FakePriceApi, tmp_path: Path
) -> None:
    good = (OFFERS / "AWSLambda/current/us-east-1/index.csv").read_text(encoding="utf-8")
    kept = [line for line in good.splitlines() if "Lambda-Storage-GB-Second" not in line]
    api.faults.bodies[LAMBDA] = ("\n".join(kept) + "\n").encode()
    try:
        result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AWSLambda")
    finally:
        del api.faults.bodies[LAMBDA]
    assert result.exit_code == 0, result.stderr
    assert "lambda.ephemeral_storage (Lambda-Storage-GB-Second)" in result.stderr
    assert "lambda.ephemeral_storage" not in _doc(tmp_path)["prices"]


def test_a_complete_price_list_gives_no_notes(api: FakePriceApi, tmp_path: Path) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1")
    assert result.exit_code == 0, result.stderr
    assert "note:" not in result.stderr


def test_cloudfront_is_global_by_edge_location_group_and_tier(everything: dict[str, Any]) -> None:
    prices = _prices(everything)
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))["prices"]
    for key in (
        "cloudfront.us.data_out.tier1",
        "cloudfront.india.data_out.tier7",
        "cloudfront.europe.https_requests",  # per 10k requests
        "cloudfront.south_america.data_to_origin",
        "cloudfront.invalidations.tier1",  # the free first 1,000 paths are the mapper's tier 1
        "cloudfront.invalidations.tier2",
        "cloudfront.dedicated_ip_ssl",  # SSL-Cert-Custom, per certificate-month
        "cloudfront.realtime_log_lines",  # operation RealTimeLog, per line -> per 1M
        "cloudfront.encryption_requests",  # Field Level Encryption, per request -> per 10k
    ):
        assert prices[(key, "*")] == shipped[key]["regions"]["*"], key


EFS = "/offers/v1.0/aws/AmazonEFS/20261110000000/us-east-1/index.csv"
REDSHIFT = "/offers/v1.0/aws/AmazonRedshift/20261110000000/us-east-1/index.csv"


def _served(api: FakePriceApi, path: str, body: str, out: Path, service: str) -> Any:
    api.faults.bodies[path] = body.encode()
    try:
        return _refresh(api, out, "--region", "us-east-1", "--service", service)
    finally:
        del api.faults.bodies[path]


def test_efs_reads_and_writes_share_a_usage_type_told_apart_by_access_type(
    api: FakePriceApi, tmp_path: Path
) -> None:
    good = (OFFERS / "AmazonEFS/current/us-east-1/index.csv").read_text(encoding="utf-8")
    write = next(line for line in good.splitlines() if line.endswith('"us-east-1","Write"'))
    body = good.replace(write, write.replace('"0.0100000000"', '"0.0200000000"'))
    result = _served(api, EFS, body, tmp_path, "AmazonEFS")
    assert result.exit_code == 0, result.stderr
    prices = _prices(_doc(tmp_path))
    assert (prices[("efs.ia.read", "us-east-1")], prices[("efs.ia.write", "us-east-1")]) == (
        "0.01",
        "0.02",
    )


def test_a_header_spelling_attributes_in_camel_case_is_read_the_same(
    api: FakePriceApi, tmp_path: Path
) -> None:
    good = (OFFERS / "AmazonEFS/current/us-east-1/index.csv").read_text(encoding="utf-8")
    lines = good.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith('"SKU"'))
    lines[at] = (
        lines[at]
        .replace('"Product Family"', '"productFamily"')
        .replace('"Access Type"', '"accessType"')
        .replace('"usageType"', '"usagetype"')
    )
    result = _served(api, EFS, "\n".join(lines) + "\n", tmp_path, "AmazonEFS")
    assert result.exit_code == 0, result.stderr
    assert {k for k, _ in _prices(_doc(tmp_path))} == {
        "efs.standard.storage",
        "efs.standard_ia.storage",
        "efs.one_zone.storage",
        "efs.one_zone_ia.storage",
        "efs.ia.read",
        "efs.ia.write",
        "efs.provisioned_throughput",
    }


def test_opensearch_volumes_are_read_by_storage_media(everything: dict[str, Any]) -> None:
    prices = _prices(everything)
    assert {
        k: prices[(k, "us-east-1")]
        for k in (
            "opensearch.instance.c4.2xlarge",  # Instance Type c4.2xlarge.search
            "opensearch.storage.gp2",
            "opensearch.storage.io1",  # Storage Media PIOPS-Storage
            "opensearch.io1.iops",
            "opensearch.gp3.throughput",  # Storage Media GP3-ThroughPut-Storage
        )
    } == {
        "opensearch.instance.c4.2xlarge": "0.587",
        "opensearch.storage.gp2": "0.135",
        "opensearch.storage.io1": "0.169",
        "opensearch.io1.iops": "0.088",
        "opensearch.gp3.throughput": "0.064",
    }


def test_redshift_drops_the_free_concurrency_scaling_row(api: FakePriceApi, tmp_path: Path) -> None:
    good = (OFFERS / "AmazonRedshift/current/us-east-1/index.csv").read_text(encoding="utf-8")
    paid = next(line for line in good.splitlines() if '"CS:dc2.large"' in line)
    free = (
        paid.replace('"TESTSKUAMAZO0085"', '"TESTSKUAMAZOFREE"')
        .replace('"0.0000700000"', '"0.0000000000"')
        .replace('"us-east-1","No"', '"us-east-1","Yes"')
    )
    result = _served(api, REDSHIFT, good + free + "\n", tmp_path, "AmazonRedshift")
    assert result.exit_code == 0, result.stderr
    prices = _prices(_doc(tmp_path))
    assert prices[("redshift.concurrency_scaling.dc2.large", "us-east-1")] == "0.00007"
    assert prices[("redshift.managed_storage", "us-east-1")] == "0.024"
    assert prices[("redshift.backup_storage.tier3", "us-east-1")] == "0.021"


def test_two_prices_for_one_key_stop_the_refresh_at_the_row_and_write_nothing(
    api: FakePriceApi, tmp_path: Path
) -> None:
    good = (OFFERS / "AWSLambda/current/us-east-1/index.csv").read_text(encoding="utf-8")
    request = next(line for line in good.splitlines() if '"Request","' in line)
    other = request.replace('"0.0000002000"', '"0.0000009000"')
    assert other != request
    result = _served(api, LAMBDA, good + other + "\n", tmp_path, "AWSLambda")
    assert result.exit_code == 2
    assert "two prices for lambda.requests (0.0000002 and 0.0000009)" in result.stderr
    assert "the previous catalog is kept" in result.stderr
    assert not (tmp_path / "aws").exists()


@pytest.mark.parametrize("service", sorted(PREFIXES))
def test_each_service_writes_only_its_own_keys(
    api: FakePriceApi, tmp_path: Path, service: str
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", service)
    assert result.exit_code == 0, result.stderr
    keys = set(_doc(tmp_path)["prices"])
    assert keys and all(k.startswith(PREFIXES[service]) for k in keys), sorted(keys)
    # nor a key the hint table says no refresh writes (its unpriced reason names no refresh)
    assert sorted(k for k in keys if k.startswith(NOT_WRITTEN)) == []


def test_api_gateway_step_functions_ecr_ssm_and_private_ca(everything: dict[str, Any]) -> None:
    prices = _prices(everything)
    expected = {
        # per request -> per 1M, four bands; not a Local Zone's or another currency's row
        "apigateway.rest.requests.tier1": "3.5",
        "apigateway.rest.requests.tier2": "2.8",
        "apigateway.rest.requests.tier3": "2.38",
        "apigateway.rest.requests.tier4": "1.51",
        "apigatewayv2.http.requests.tier1": "1",
        "apigatewayv2.http.requests.tier2": "0.9",
        "apigatewayv2.websocket.messages.tier1": "1",
        "apigatewayv2.websocket.messages.tier2": "0.8",
        "apigatewayv2.websocket.connection_minutes": "0.25",
        "apigateway.cache.0.5": "0.02",  # by "Cache Memory Size Gb", as the mapper shows it
        "apigateway.cache.6.1": "0.2",
        "apigateway.cache.237": "3.8",
        "sfn.standard.transitions": "0.025",  # per 1k, not the free first 4,000
        "sfn.express.requests": "1",  # not the reserved-looking row
        "sfn.express.duration.tier1": "0.060012",  # per GB-second -> per GB-hour
        "sfn.express.duration.tier2": "0.029988",
        "sfn.express.duration.tier3": "0.016416",
        "ecr.storage": "0.1",
        "ssm.parameter.advanced": "0.050000036",  # an hourly rate -> a month of 730 hours
        "ssm.api.advanced": "0.05",
        "acmpca.authority.general_purpose": "400",
        "acmpca.authority.short_lived": "50",
        "acmpca.certificates.tier1": "0.75",
        "acmpca.certificates.tier2": "0.35",
        "acmpca.certificates.tier3": "0.001",
        "acm.private_certificate": "0.75",  # ACM's private certificate: the first band
        "acmpca.certificates.short_lived": "0.058",
    }
    assert {k: prices.get((k, "us-east-1")) for k in expected} == expected


def test_s3_glacier_transitions_select_tags_from_their_own_price_lists(
    everything: dict[str, Any],
) -> None:
    prices = _prices(everything)
    gfr, gda = "s3.glacier_flexible_retrieval", "s3.glacier_deep_archive"
    expected = {
        # AmazonGlacier
        f"{gfr}.retrieval_requests.standard": "0.03",
        f"{gfr}.retrieval_requests.expedited": "10",
        f"{gfr}.retrieval.standard": "0.01",
        f"{gfr}.retrieval.expedited": "0.03",
        f"{gfr}.select_scanned.standard": "0.008",
        f"{gfr}.select_returned.expedited": "0.03",
        f"{gfr}.select_scanned.bulk": "0.001",
        f"{gfr}.early_delete": "0.0036",
        # AmazonS3GlacierDeepArchive: its own Standard-Retrieval-Bytes, not a Local Zone's
        f"{gda}.retrieval_requests.standard": "0.1",
        f"{gda}.retrieval_requests.bulk": "0.025",
        f"{gda}.retrieval.standard": "0.02",
        f"{gda}.retrieval.bulk": "0.0025",
        f"{gda}.early_delete": "0.00099",
        # AmazonS3: transitions by operation, Select by group, tags per 10k tag-months
        f"{gfr}.lifecycle_transition": "0.03",
        f"{gda}.lifecycle_transition": "0.05",
        "s3.standard_ia.lifecycle_transition": "0.01",
        "s3.one_zone_ia.lifecycle_transition": "0.01",
        "s3.intelligent_tiering.lifecycle_transition": "0.01",
        "s3.standard.select_scanned": "0.002",
        "s3.standard.select_returned": "0.0007",
        "s3.one_zone_ia.select_returned": "0.01",
        "s3.intelligent_tiering.early_delete": "0.023",
        "s3.object_tags": "0.0065",
    }
    assert {k: prices.get((k, "us-east-1")) for k in expected} == expected


def test_vended_logs_replicated_writes_ebs_optimized_and_rds_cpu_credits(
    everything: dict[str, Any],
) -> None:
    prices = _prices(everything)
    vended = "cloudwatch.vended_logs"
    expected = {
        **{
            f"{vended}.cloudwatch_logs.tier{n}": p
            for n, p in zip((1, 2, 3, 4), ("0.5", "0.25", "0.1", "0.05"), strict=True)
        },
        **{
            f"{vended}.s3.tier{n}": p
            for n, p in zip((1, 2, 3, 4), ("0.25", "0.15", "0.075", "0.05"), strict=True)
        },
        f"{vended}.firehose.tier1": "0.25",
        f"{vended}.firehose.tier4": "0.05",
        f"{vended}.s3.parquet_conversion": "0.035",
        "dynamodb.replicated_wru": "0.00045625",  # per rWRU x 730: the mappers' unit
        "ec2.ebs_optimized.r3.xlarge": "0.02",
        "ec2.cpu_credits": "0.05",
        "ec2.cpu_credits.windows": "0.096",  # Windows T-unlimited credits are billed more
        "rds.cpu_credits": "0.075",  # MySQL's; not PostgreSQL's row, not db.t4g
        "rds.aurora.cpu_credits": "0.09",
        # per ACU-month, sold per engine; the key names none: Aurora MySQL's row
        "rds.performance_insights.retention.serverless": "0.375",
    }
    assert {k: prices.get((k, "us-east-1")) for k in expected} == expected


def test_origin_shield_requests_by_the_region_the_mapper_names(everything: dict[str, Any]) -> None:
    prices = _prices(everything)
    shield = {k: v for (k, _), v in prices.items() if k.startswith("cloudfront.origin_shield.")}
    assert shield == {
        "cloudfront.origin_shield.us-east-1": "0.0075",  # per request -> per 10k
        "cloudfront.origin_shield.sa-east-1": "0.016",
    }  # not Osaka: the mapper has no Origin Shield key there
    assert prices[("cloudfront.origin_shield.sa-east-1", "*")] == "0.016"  # a global price list


def test_every_origin_shield_region_of_the_mapper_has_its_location_name() -> None:
    assert sorted(SHIELD_LOCATIONS.values()) == sorted(SHIELD_GROUPS)


def test_oracle_cdb_is_priced_at_its_edition_rows_and_rds_custom_is_dropped(
    everything: dict[str, Any],
) -> None:
    prices = _prices(everything)
    key = "rds.instance.oracle-ee-{}byol.db.t3.large.single-az"
    assert prices[(key.format(""), "us-east-1")] == "0.136"  # not RDS Custom's 0.99
    assert prices[(key.format("cdb-"), "us-east-1")] == "0.136"
    assert prices[("rds.instance.oracle-se2-cdb.db.t3.large.single-az", "us-east-1")] == "0.272"


def test_docdb_refresh_reads_instances_by_class_volume_backup_and_credits(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AmazonDocDB")
    assert result.exit_code == 0, result.stderr
    assert {k: v for (k, _), v in _prices(_doc(tmp_path)).items()} == {
        "docdb.instance.db.t3.medium": "0.078",
        "docdb.instance.db.r5.4xlarge": "2.216",  # not the reserved row, not an Outposts one
        "docdb.instance.db.r5.4xlarge.io_optimized": "2.88",
        "docdb.storage": "0.1",
        "docdb.storage_io_optimized": "0.3",
        "docdb.io_requests": "0.2",  # $0.0000002 an I/O -> per 1M requests
        "docdb.backup_storage": "0.021",
        "docdb.cpu_credits.db.t3": "0.09",
        "docdb.cpu_credits.db.t4g": "0.09",
    }


def test_neptune_refresh_reads_instances_by_class_volume_backup_and_credits(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AmazonNeptune")
    assert result.exit_code == 0, result.stderr
    assert {k: v for (k, _), v in _prices(_doc(tmp_path)).items()} == {
        "neptune.instance.db.t3.medium": "0.098",
        "neptune.instance.db.r4.large": "0.348",  # not the reserved row
        "neptune.instance.db.t3.medium.io_optimized": "0.132",  # InstanceUsageIOOptimized:
        "neptune.storage": "0.1",
        "neptune.storage_io_optimized": "0.225",
        "neptune.io_requests": "0.2",  # $0.0000002 an I/O -> per 1M requests
        "neptune.backup_storage": "0.021",
        "neptune.cpu_credits.db.t3": "0.15",
        "neptune.cpu_credits.db.t4g": "0.15",
    }  # not the serverless capacity


def test_fsx_directory_and_hsm_rows_are_told_apart_by_their_attributes(
    everything: dict[str, Any],
) -> None:
    prices = _prices(everything)
    expected = {
        "fsx.windows.throughput.multi_az": "4.5",
        "fsx.windows.storage.hdd.single_az": "0.013",
        "fsx.windows.iops.multi_az": "0.024",
        "fsx.windows.backup_storage.single_az": "0.05",
        "fsx.openzfs.backup_storage": "0.05",  # not Lustre's backups
        "directoryservice.microsoft_ad.standard": "43.8",  # $0.06 a controller-hour x 730
        "directoryservice.microsoft_ad.enterprise.sharing": "13.14",
        "directoryservice.ad_connector.large": "109.5",
        "cloudhsm.hsm.hsm1.medium": "1.6",  # not another type's, nor classic CloudHSM's
        "wafv2.web_acl": "5",  # not the Shield Advanced row
        "wafv2.requests": "0.6",  # $0.0000006 a request -> per 1M
        "waf.rule": "1",
        "backup.efs.warm_storage": "0.05",
        "backup.efs.item_restore": "0.5",
    }
    assert {k: prices[(k, "us-east-1")] for k in expected} == expected
    # OpenZFS throughput and storage: the offer file does not tell the deployment type
    assert sorted(k for k, _ in prices if k.startswith("fsx.openzfs.")) == [
        "fsx.openzfs.backup_storage"
    ]
    # a Microsoft AD row with a Simple AD size, and data transfer, are no directory rate
    assert not [k for k, _ in prices if k.startswith("directoryservice.microsoft_ad.small")]


def test_an_unpriced_reason_names_a_refresh_only_for_keys_a_refresh_writes() -> None:
    # (catalogs/price.py names ``--service`` from the same table: never for a key it cannot write)
    assert [k for k in NOT_REFRESHED if service_for(k) is not None] == []
    assert [k for k in FAMILIES_NOT_REFRESHED if service_for(k + "x") is not None] == []


def test_direct_connect_ports_are_keyed_by_capacity_and_type_and_data_transfer_not_read(
    api: FakePriceApi, tmp_path: Path
) -> None:
    result = _refresh(api, tmp_path, "--region", "us-east-1", "--service", "AWSDirectConnect")
    assert result.exit_code == 0, result.stderr
    assert _prices(_doc(tmp_path)) == {
        ("dx.connection.dedicated.1g", "us-east-1"): "0.3",  # two locations, one rate
        ("dx.connection.dedicated.10g", "us-east-1"): "2.25",
        ("dx.connection.hosted.500m", "us-east-1"): "0.1",
    }


def test_client_vpn_and_traffic_mirroring_come_from_the_vpc_price_list(
    everything: dict[str, Any],
) -> None:
    prices = _prices(everything)
    assert {
        k: prices[(k, "us-east-1")]
        for k in (
            "clientvpn.connection",
            "clientvpn.endpoint_association",
            "vpc.traffic_mirror.eni",
        )
    } == {
        "clientvpn.connection": "0.05",
        "clientvpn.endpoint_association": "0.1",  # not the Local Zone's row
        "vpc.traffic_mirror.eni": "0.015",
    }
