"""``pricing refresh aws`` for Amazon MQ and the other services priced beside it, against the
loopback fake (real-shaped rows in ``tests/fixtures/price-apis/aws``, look-alikes included)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from finops_gate.catalogs.refresh.output import read_whole
from tests.pricing.fake_price_apis import FakePriceApi
from tests.pricing.test_refresh_aws_services import _no_wait, _refresh, api

__all__ = ["_no_wait", "api"]  # the fixtures, shared with the other AWS refresh tests


def _refreshed(api: FakePriceApi, out: Path, service: str) -> dict[str, Any]:
    result = _refresh(api, out, "--region", "us-east-1", "--service", service)
    assert result.exit_code == 0, result.stderr
    (path,) = sorted((out / "aws").glob("*.json"))
    doc = read_whole(path)
    return {k: e["regions"]["us-east-1"] for k, e in doc["prices"].items()}


def test_mq_brokers_by_engine_type_and_deployment_and_storage_by_kind(
    api: FakePriceApi, tmp_path: Path
) -> None:
    assert _refreshed(api, tmp_path, "AmazonMQ") == {
        "mq.instance.activemq.mq.t2.micro.single-az": "0.03",
        "mq.instance.activemq.mq.m5.large.single-az": "0.288",
        # the Multi-AZ rate is the whole active/standby pair (twice the single rate)
        "mq.instance.activemq.mq.m5.large.multi-az": "0.576",
        "mq.instance.rabbitmq.mq.m5.xlarge.single-az": "0.576",
        # a row without an instance-type column: the type is read from the usage type
        "mq.instance.rabbitmq.mq.m5.xlarge.multi-az": "1.728",
        "mq.storage.activemq.efs": "0.3",
        "mq.storage.activemq.ebs": "0.1",
        "mq.storage.rabbitmq": "0.1",
    }  # not the Outposts rack's broker (0.40), not data transfer


def test_dms_instances_by_type_and_availability_zone_and_ssd_storage(
    api: FakePriceApi, tmp_path: Path
) -> None:
    assert _refreshed(api, tmp_path, "AWSDatabaseMigrationSvc") == {
        "dms.instance.t2.micro.single-az": "0.018",
        "dms.instance.t2.micro.multi-az": "0.036",
        "dms.instance.c5.large.single-az": "0.154",  # an instance type written with "dms."
        "dms.storage.gp2.single-az": "0.115",
        "dms.storage.gp2.multi-az": "0.23",
    }  # not the Outposts rack's instance, not DMS Serverless


def test_network_firewall_endpoint_hours_and_traffic(api: FakePriceApi, tmp_path: Path) -> None:
    assert _refreshed(api, tmp_path, "AWSNetworkFirewall") == {
        "networkfirewall.endpoint": "0.395",
        "networkfirewall.data_processed": "0.065",
    }  # not a Local Zone's endpoint, not advanced inspection


def test_transfer_family_hours_per_protocol_and_data_moved(
    api: FakePriceApi, tmp_path: Path
) -> None:
    assert _refreshed(api, tmp_path, "AWSTransfer") == {
        "transfer.protocol.sftp": "0.3",  # the S3 row; an EFS-backed server costs the same
        "transfer.protocol.ftps": "0.3",
        "transfer.protocol.ftp": "0.3",
        "transfer.data_downloaded": "0.04",
        "transfer.data_uploaded": "0.04",
    }  # not an SFTP connector's transfer


def test_firehose_ingestion_bands_conversion_and_vpc_delivery(
    api: FakePriceApi, tmp_path: Path
) -> None:
    assert _refreshed(api, tmp_path, "AmazonKinesisFirehose") == {
        "firehose.ingestion.tier1": "0.029",
        "firehose.ingestion.tier2": "0.025",
        "firehose.ingestion.tier3": "0.02",
        "firehose.format_conversion": "0.018",
        "firehose.vpc.data": "0.01",
        "firehose.vpc.az_hours": "0.01",
    }  # not vended logs (another source), not a Local Zone's row
