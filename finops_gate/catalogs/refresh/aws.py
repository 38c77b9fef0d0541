"""AWS: the Price List Bulk API (no credentials). offer index -> region index -> regional offer
file, read as CSV line by line (an EC2 regional file is hundreds of MB; memory stays bounded by
the rows kept), filtered to exactly the price keys the mappers in ``estimate/aws`` read.

Kept: on-demand USD rows only (Reserved, Spot and savings-plan rows are dropped). A row is
recognised by its usage type without the region prefix (``EUW1-LoadBalancerUsage`` ->
``LoadBalancerUsage``; prefixed twice, as Local Zones and Outposts rows are, it is not the
region's price) and, where one usage type serves several products, by its product family or
engine. Each rule gives the catalog key, the unit the mappers' lines use, and the factor from
AWS's unit to it (a request priced per request becomes per 1M requests). A tiered usage type
names one key per tier in ``StartingRange`` order; a single key takes the first paid tier (a
per-account free tier, such as DynamoDB's first 25 GB, is not the list price).

Usage types and attribute columns were checked against public code that reads the real offer
files (README "Where the refresh filters come from"); where one usage type carries several
prices the row's attributes tell them apart (EFS Infrequent Access reads/writes by "Access
Type", OpenSearch volumes by "Storage Media", Redshift by product family). A header that spells
an attribute another way (``productFamily`` for ``Product Family``) is read the same.

Services (``--service``) and what they price:
AmazonEC2 (instances, bare metal included, shared and dedicated, Linux, Windows (with SQL Server
Standard/Enterprise/Web), RHEL, RHEL with HA, SUSE and Ubuntu Pro; dedicated hosts, CPU credits,
EBS volumes, IOPS, throughput, snapshots and their direct APIs, NAT gateway), AmazonVPC (public
IPv4, endpoints, transit gateway, VPN), AmazonEKS, AWSELB (ALB/NLB/GWLB/CLB hours, LCUs, data),
AmazonECS (Fargate x86/ARM64, ephemeral storage), AWSLambda, AmazonDynamoDB, AmazonCloudWatch,
AmazonElastiCache, AmazonEFS, AmazonMSK, AmazonES (OpenSearch), AmazonRedshift, AmazonRDS (every
engine x Single-/Multi-AZ x licence, storage, IOPS, Aurora storage/I/O/serverless, extended
support, the Performance Insights API), AWSQueueService, AmazonSNS (with FIFO topics), awskms,
AWSSecretsManager, AmazonRoute53 (global: priced as ``*``; hosted zones, queries, health checks and
their optional features), AmazonRoute53Resolver (the regional rows of the Route 53 price list:
Resolver endpoint network-interface hours and queries), AmazonKinesis, AmazonS3, AmazonCloudFront
(global, kept as ``*``: data out by edge-location group and tier, data to origin, HTTP/HTTPS
requests, invalidations, field-level encryption requests, real-time log lines, dedicated-IP custom
SSL certificates, Origin Shield requests by the shield's region), AmazonGlacier and
AmazonS3GlacierDeepArchive (S3 Glacier Flexible Retrieval and Deep Archive retrievals, their
requests, Select and early deletes: the usage type names mean other things in each file),
AmazonApiGateway (REST/HTTP requests, WebSocket messages and minutes, caches by memory size),
AmazonStates (Step Functions), AmazonECR, AWSSystemsManager (advanced parameters, higher-throughput
API calls), AWSCertificateManager (AWS Private CA and its certificates), AWSCloudTrail (further
copies of management events, data events, Insights events), CodeBuild (on-demand build minutes by
environment and general1 compute type), AWSConfig (rule evaluations in their three bands,
configuration items recorded), AmazonFSx (Windows File Server throughput, storage, IOPS and backups
by Single-/Multi-AZ; OpenZFS backups), AWSDirectoryService (Simple AD, AD Connector, Managed
Microsoft AD per domain controller, directory sharing), CloudHSM (hsm1.medium HSM hours), awswaf
(WAF Classic and WAFv2 web ACLs, rules, requests), AWSBackup (EFS backups and restores),
AmazonDocDB and AmazonNeptune (instance hours by class, Standard and I/O-Optimized, cluster storage
(both), I/O, backup storage, CPU credits by burstable family), AmazonMQ (broker hours by engine,
instance type and Single-/Multi-AZ deployment; EFS and EBS storage), AWSDatabaseMigrationSvc (DMS
instances Single-/Multi-AZ, SSD storage), AWSNetworkFirewall (endpoint hours, traffic processed),
AWSTransfer (Transfer Family hours per protocol, data downloaded and uploaded),
AmazonKinesisFirehose (ingestion bands, format conversion, VPC delivery), AWSGlue (ETL job and
Flex DPU-hours, crawler DPU-hours, Data Catalog objects and requests beyond the free first
million), AmazonKinesisAnalytics (Managed Service for Apache Flink KPU-hours, running application
storage, durable backups), AWSDirectConnect (port hours by capacity and connection type),
AWSCloudFormation (third-party handler operations and their seconds beyond 30), AWSEvents
(EventBridge custom and partner events, schema discovery, archive processing and storage),
AmazonGrafana (editor, viewer and Enterprise plugins licences per active user), AmazonMWAA (meta
database storage).
AmazonVPC also: Client VPN connection and endpoint association hours, traffic-mirroring ENI
hours. Also: CloudWatch dashboards and vended logs by destination, CloudFront Functions
invocations, SSM advanced on-premises nodes, S3 Inventory, Storage Class Analysis, lifecycle
transitions, Select and object tags, DynamoDB on-demand replicated writes, the EBS-optimized fee
of older EC2 types, RDS and Aurora CPU credits.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from finops_gate.catalogs.refresh.http import Client
from finops_gate.catalogs.refresh.output import Priced
from finops_gate.errors import RefreshError

ENDPOINT = "https://pricing.us-east-1.amazonaws.com"
HEADER_ROWS = 5  # FormatVersion, Disclaimer, Publication Date, Version, OfferCode
GLOBAL = "*"  # a global service's prices hold in every region

Row = dict[str, str]
# the attribute columns the rules read, by the names the CSV header gives them; a header that
# spells one another way ("productFamily", "Access Type" vs "accessType") is read under these
COLUMNS = (
    "TermType",
    "PricePerUnit",
    "Currency",
    "StartingRange",
    "Product Family",
    "usageType",
    "operation",
    "Instance Type",
    "Operating System",
    "Tenancy",
    "License Model",
    "Pre Installed S/W",
    "CapacityStatus",
    "Volume API Name",
    "Database Engine",
    "Database Edition",
    "Deployment Option",
    "Deployment Model",
    "Volume Type",
    "Cache Engine",
    "Access Type",
    "Storage Media",
    "Storage Class",
    "Concurrency Scaling Free Usage",
    "LeaseContractLength",
    "PurchaseOption",
    "OfferingClass",
    "Unit",
    "Group",
    "Location",
    "Request Description",
    "Cache Memory Size Gb",
    "Broker Engine",
    "Availability Zone",
    "File System Type",
    "Storage Type",
    "Directory Type",
    "Directory Size",
    "Instance Family",
    "Capacity",
    "Connection Type",
    "Event Type",
)
_ONE = Decimal(1)
_K, _10K, _100K, _M = Decimal(1000), Decimal(10_000), Decimal(100_000), Decimal(1_000_000)
_REGION_CODE = re.compile(r"^(?:EU|[A-Z]{2,4}[0-9])$")


@dataclass(frozen=True, slots=True)
class Match:
    """What a price row is to the catalog: its key (the first tier's when tiered), the unit the
    mappers' lines use, the factor from AWS's unit, the keys of the further tiers, and other
    keys the same product is sold under (Aurora MySQL 1's engine name ``aurora``)."""

    key: str
    unit: str
    scale: Decimal = _ONE
    tiers: tuple[str, ...] = ()
    also: tuple[str, ...] = ()


Rule = Callable[[Row], Match | None]


def usage_name(usage: str) -> str:
    """The usage type without its region prefix (``USE2-KMS-Keys`` -> ``KMS-Keys``)."""
    head, sep, rest = usage.partition("-")
    return rest if sep and _REGION_CODE.match(head) else usage


def _name(row: Row) -> str:
    return usage_name(row.get("usageType", ""))


def _tiers(key: str, count: int) -> tuple[str, tuple[str, ...]]:
    return f"{key}.tier1", tuple(f"{key}.tier{n}" for n in range(2, count + 1))


def _by_name(table: Mapping[str, Match]) -> Rule:
    return lambda row: table.get(_name(row))


# (Operating System, Pre Installed S/W) -> the operating-system part of the key, as the EC2
# mapper builds it from an AMI's platform (estimate/aws/launch_template.py PLATFORMS); RHEL with
# SQL Server is not read: the mapper's ``rhel_sql`` does not say which SQL Server edition
_OS = {
    ("Linux", "NA"): "",
    ("Windows", "NA"): ".windows",
    ("Windows", "SQL Std"): ".windows_sql_standard",
    ("Windows", "SQL Ent"): ".windows_sql_enterprise",
    ("Windows", "SQL Web"): ".windows_sql_web",
    ("RHEL", "NA"): ".rhel",
    ("Red Hat Enterprise Linux with HA", "NA"): ".rhel_ha",
    ("SUSE", "NA"): ".suse",
    ("Ubuntu Pro", "NA"): ".ubuntu_pro",
}
_INSTANCE_FAMILIES = ("Compute Instance", "Compute Instance (bare metal)")
_TENANCY = {"Shared": "", "Dedicated": ".dedicated"}
_EBS_IOPS = {  # usage type -> key: io1 is "piops"; io2's tiers are usage types of their own
    "EBS:VolumeP-IOPS.piops": "ebs.io1.iops",
    "EBS:VolumeP-IOPS.gp3": "ebs.gp3.iops",
    "EBS:VolumeP-IOPS.io2": "ebs.io2.iops",
    "EBS:VolumeP-IOPS.io2.tier2": "ebs.io2.iops.tier2",
    "EBS:VolumeP-IOPS.io2.tier3": "ebs.io2.iops.tier3",
}
_EC2 = {
    "NatGateway-Hours": Match("nat.gateway", "hours"),
    "NatGateway-Bytes": Match("nat.data_processed", "GB"),
    "EBS:SnapshotUsage": Match("ebs.snapshot.storage", "GB"),
    "EBS:VolumeIOUsage": Match("ebs.standard.io_requests", "1M request", _M),
    "EBS:FastSnapshotRestore": Match("ebs.snapshot.fast_restore", "DSU-hours"),
    # EBS direct APIs (product family "EBS direct API Requests"), per request -> per 1k
    "EBS:directAPI.snapshot.List": Match("ebs.snapshot.api.list", "1k requests", _K),
    "EBS:directAPI.snapshot.Get": Match("ebs.snapshot.api.get_block", "1k SnapshotAPIUnits", _K),
    "EBS:directAPI.snapshot.Put": Match("ebs.snapshot.api.put_block", "1k SnapshotAPIUnits", _K),
}


def _instance(row: Row, name: str) -> Match | None:
    """An on-demand instance-hour row: shared or dedicated tenancy, one key per operating system
    (a licence the customer brings, Spot, capacity reservations and Local Zones are dropped)."""
    if (
        not name.startswith(("BoxUsage:", "DedicatedUsage:"))
        or row.get("CapacityStatus") != "Used"
        or row.get("License Model") != "No License required"
    ):
        return None
    software = row.get("Pre Installed S/W") or "NA"
    variant = _OS.get((row.get("Operating System", ""), software))
    tenancy = _TENANCY.get(row.get("Tenancy", ""))
    if variant is None or tenancy is None:
        return None
    return Match(f"ec2.instance.{row.get('Instance Type', '')}{tenancy}{variant}", "hours")


def _ec2(row: Row) -> Match | None:
    family, name = row.get("Product Family", ""), _name(row)
    if family in _INSTANCE_FAMILIES and name.startswith("EBSOptimized:"):
        # the hourly EBS-optimized fee of previous-generation types (EBSOptimized:r3.xlarge)
        itype = row.get("Instance Type", "")
        return Match(f"ec2.ebs_optimized.{itype}", "hours") if itype else None
    if family in _INSTANCE_FAMILIES:
        return _instance(row, name)
    if family == "Dedicated Host" and name.startswith("HostUsage:"):
        return Match(f"ec2.host.{name.removeprefix('HostUsage:')}", "hours")
    if family == "CPU Credits" and name == "CPUCredits:t3":
        if row.get("Operating System") in ("Linux", ""):
            return Match("ec2.cpu_credits", "vCPU-hours")
        if row.get("Operating System") == "Windows":  # billed more than Linux's
            return Match("ec2.cpu_credits.windows", "vCPU-hours")
        return None
    volume = row.get("Volume API Name", "")
    if family == "Storage" and name.startswith("EBS:VolumeUsage") and volume:
        return Match(f"ebs.{volume}.storage", "GB")
    if family == "System Operation" and name in _EBS_IOPS:
        return Match(_EBS_IOPS[name], "IOPS")
    if family == "Provisioned Throughput" and name.startswith("EBS:VolumeP-Throughput") and volume:
        return Match(f"ebs.{volume}.throughput", "Mbps")
    return _EC2.get(name)


_INTERFACE_DATA = _tiers("vpc_endpoint.interface.data_processed", 3)
_VPC = {
    "PublicIPv4:InUseAddress": Match("vpc.public_ipv4", "hours"),
    "VpcEndpoint-Hours": Match("vpc_endpoint.interface", "hours"),
    "VpcEndpoint-Bytes": Match(_INTERFACE_DATA[0], "GB", tiers=_INTERFACE_DATA[1]),
    "VpcEndpoint-GWLBE-Hours": Match("vpc_endpoint.gateway_load_balancer", "hours"),
    "VpcEndpoint-GWLBE-Bytes": Match("vpc_endpoint.gateway_load_balancer.data_processed", "GB"),
    "TransitGateway-Hours": Match("tgw.attachment", "hours"),
    "TransitGateway-Bytes": Match("tgw.data_processed", "GB"),
    "VPN-Usage-Hours:ipsec.1": Match("vpn.connection", "hours"),
    "ClientVPN-ConnectionHours": Match("clientvpn.connection", "connection-hours"),
    "ClientVPN-EndpointHours": Match("clientvpn.endpoint_association", "hours"),
    "ENI-Mirror": Match("vpc.traffic_mirror.eni", "hours"),
}

_EKS = {
    "AmazonEKS-Hours:perCluster": Match("eks.cluster", "hours"),
    "AmazonEKS-Hours:extendedSupport": Match("eks.cluster.extended_support", "hours"),
}

_LB = {
    "Load Balancer": "classic",
    "Load Balancer-Application": "application",
    "Load Balancer-Network": "network",
    "Load Balancer-Gateway": "gateway",
}


def _elb(row: Row) -> Match | None:
    kind, name = _LB.get(row.get("Product Family", "")), _name(row)
    if kind is None:
        return None
    if name == "LoadBalancerUsage":
        return Match(f"elb.{kind}", "hours")
    if name == "LCUUsage" and kind != "classic":
        return Match(f"elb.{kind}.lcu", "LCU-hours")
    if name == "DataProcessing-Bytes" and kind == "classic":
        return Match("elb.classic.data_processed", "GB")
    return None


_FARGATE = {
    "Fargate-vCPU-Hours:perCPU": Match("fargate.vcpu", "vCPU-hours"),
    "Fargate-GB-Hours": Match("fargate.memory_gb", "GB-hours"),
    "Fargate-ARM-vCPU-Hours:perCPU": Match("fargate.vcpu.arm64", "vCPU-hours"),
    "Fargate-ARM-GB-Hours": Match("fargate.memory_gb.arm64", "GB-hours"),
    "Fargate-EphemeralStorage-GB-Hours": Match("fargate.ephemeral_storage_gb", "GB-hours"),
}


def _lambda_table() -> dict[str, Match]:
    out = {
        "Request": Match("lambda.requests", "1M requests", _M),
        "Lambda-Storage-GB-Second": Match("lambda.ephemeral_storage", "GB-seconds"),
    }
    for suffix, arch in (("", "x86_64"), ("-ARM", "arm64")):
        first, more = _tiers(f"lambda.duration.{arch}", 3)
        out[f"Lambda-GB-Second{suffix}"] = Match(first, "GB-seconds", tiers=more)
        out[f"Lambda-Provisioned-Concurrency{suffix}"] = Match(
            f"lambda.provisioned_concurrency.{arch}", "GB-seconds"
        )
        out[f"Lambda-Provisioned-GB-Second{suffix}"] = Match(
            f"lambda.provisioned_duration.{arch}", "GB-seconds"
        )
    return out


_DYNAMODB = {
    "WriteCapacityUnit-Hrs": Match("dynamodb.wcu", "WCU-hours"),
    "ReadCapacityUnit-Hrs": Match("dynamodb.rcu", "RCU-hours"),
    "WriteRequestUnits": Match("dynamodb.wru", "WRUs"),
    "ReadRequestUnits": Match("dynamodb.rru", "RRUs"),
    "TimedStorage-ByteHrs": Match("dynamodb.storage", "GB"),
    "TimedPITRStorage-ByteHrs": Match("dynamodb.pitr_storage", "GB"),
    "TimedBackupStorage-ByteHrs": Match("dynamodb.backup_storage", "GB"),
    "RestoreDataSize-Bytes": Match("dynamodb.restore", "GB"),
    "Streams-Requests": Match("dynamodb.streams_rru", "sRRUs"),
    "ReplWriteCapacityUnit-Hrs": Match("dynamodb.replicated_wcu", "rWCU-hours"),
}
# on-demand replicated writes: no usage type of their own to go by; the product family and group
# tell them (the mappers hold the rate per 730 rWRUs: estimate/aws/dynamodb_table.py)
_ON_DEMAND = "Amazon DynamoDB PayPerRequest Throughput"
_REPLICATED_WRU = Match("dynamodb.replicated_wru", "rWRU", Decimal(730))


def _dynamodb(row: Row) -> Match | None:
    name = _name(row)
    if row.get("Product Family") == _ON_DEMAND and row.get("Group") == "DDB-ReplicatedWriteUnits":
        return None if name.startswith("IA-") else _REPLICATED_WRU  # not Standard-IA tables
    return _DYNAMODB.get(name)


_VENDED = {
    part: _tiers(f"cloudwatch.vended_logs.{part}", 4)
    for part in ("cloudwatch_logs", "s3", "firehose")
}
_CLOUDWATCH = {
    "DataProcessing-Bytes": Match("cloudwatch.logs.ingestion", "GB"),
    "TimedStorage-ByteHrs": Match("cloudwatch.logs.storage", "GB"),
    "DataScanned-Bytes": Match("cloudwatch.logs.insights_scanned", "GB"),
    "CW:MetricMonitorUsage": Match("cloudwatch.metrics", "metrics"),
    "CW:AlarmMonitorUsage": Match("cloudwatch.alarm.standard", "alarm metrics"),
    "CW:HighResAlarmMonitorUsage": Match("cloudwatch.alarm.high_resolution", "alarm metrics"),
    # a dashboard per month (the account's first three are free: not the list price)
    "DashboardsUsageHour": Match("cloudwatch.dashboard", "months"),
    # vended logs (flow logs...) by destination, four volume bands each (AWS's CloudWatch usage
    # types: VendedLog-Bytes to CloudWatch Logs, S3-Egress-Bytes to S3 and S3-Egress-InputBytes
    # for its Parquet conversion, FH-Egress-Bytes to Firehose; -CFLogs/-WAFLogs are others')
    **{
        usage: Match(_VENDED[part][0], "GB", tiers=_VENDED[part][1])
        for usage, part in (
            ("VendedLog-Bytes", "cloudwatch_logs"),
            ("S3-Egress-Bytes", "s3"),
            ("FH-Egress-Bytes", "firehose"),
        )
    },
    "S3-Egress-InputBytes": Match("cloudwatch.vended_logs.s3.parquet_conversion", "GB"),
}


def _elasticache(row: Row) -> Match | None:
    name = _name(row)
    if row.get("Product Family") == "Cache Instance" and name.startswith("NodeUsage:"):
        engine = row.get("Cache Engine", "").lower()
        node = row.get("Instance Type", "")
        if engine in ("redis", "memcached", "valkey") and node.startswith("cache."):
            return Match(f"elasticache.node.{engine}.{node}", "hours")
        return None
    if name == "TimedBackupStorage-ByteHrs":
        return Match("elasticache.backup_storage", "GB")
    return None


_EFS = {
    "TimedStorage-ByteHrs": Match("efs.standard.storage", "GB"),
    "IATimedStorage-ByteHrs": Match("efs.standard_ia.storage", "GB"),
    "TimedStorage-Z-ByteHrs": Match("efs.one_zone.storage", "GB"),
    "IATimedStorage-Z-ByteHrs": Match("efs.one_zone_ia.storage", "GB"),
    "ProvisionedTP-MiBpsHrs": Match("efs.provisioned_throughput", "MBps"),
}
# reads from and writes to Infrequent Access share one usage type, told apart by "Access Type"
_EFS_IA_ACCESS = {"Read": Match("efs.ia.read", "GB"), "Write": Match("efs.ia.write", "GB")}


def _efs(row: Row) -> Match | None:
    name = _name(row)
    if name == "IADataAccess-Bytes":
        return _EFS_IA_ACCESS.get(row.get("Access Type", ""))
    return _EFS.get(name)


def _msk(row: Row) -> Match | None:
    name = _name(row)
    if name == "Kafka.Storage.GP2":
        return Match("msk.storage", "GB")
    if name.startswith("Kafka.") and name.count(".") == 2:  # Kafka.m5.large: a broker
        return Match(f"msk.broker.kafka.{name.removeprefix('Kafka.')}", "hours")
    return None


# Amazon MQ: broker hours by engine, instance type and deployment option (a Multi-AZ rate is
# the whole active/standby pair or three-node cluster: estimate/aws/mq_broker.py), and storage
_MQ_AZ = {"Single-AZ": "single-az", "Multi-AZ": "multi-az"}
_MQ_TYPE = re.compile(r"(mq\.[a-z0-9]+\.[a-z0-9]+)")
_MQ_STORAGE = {
    "TimedStorage-ByteHrs": Match("mq.storage.activemq.efs", "GB"),
    "TimedStorage-EBS-ByteHrs": Match("mq.storage.activemq.ebs", "GB"),
    "TimedStorage-RabbitMQ-ByteHrs": Match("mq.storage.rabbitmq", "GB"),
}


def _mq(row: Row) -> Match | None:
    family, name = row.get("Product Family", ""), _name(row)
    if family == "Broker Storage":
        return _MQ_STORAGE.get(name)
    if family != "Broker Instances":
        return None
    if usage_name(name) != name:  # prefixed twice (USE1-OUT1-...): an Outposts rack's price
        return None
    engine = row.get("Broker Engine", "").lower()
    option = _MQ_AZ.get(row.get("Deployment Option", ""))
    found = _MQ_TYPE.search(row.get("Instance Type", "") or name)
    if engine not in ("activemq", "rabbitmq") or option is None or found is None:
        return None
    return Match(f"mq.instance.{engine}.{found.group(1)}.{option}", "hours")


# AWS DMS: replication instances by type and "Availability Zone" (Single / Multiple: the
# Multi-AZ rate covers the standby, estimate/aws/dms_replication_instance.py) and SSD storage
_DMS_AZ = {"Single": "single-az", "Multiple": "multi-az"}


def _dms(row: Row) -> Match | None:
    name = _name(row)
    az = _DMS_AZ.get(row.get("Availability Zone", ""))
    if az is None or usage_name(name) != name:  # prefixed twice: an Outposts rack's price
        return None
    itype, media = row.get("Instance Type", ""), row.get("Storage Media", "")
    family = row.get("Product Family")
    if itype and not media and family == "Database Migration Instance":
        return Match(f"dms.instance.{itype.removeprefix('dms.')}.{az}", "hours")
    if media == "SSD" and not itype and family == "Storage":
        return Match(f"dms.storage.gp2.{az}", "GB")
    return None  # (serverless capacity units and other families are other products)


# AWS Network Firewall: endpoint hours and traffic processed (usage types Endpoint-Hour and
# Traffic-GB-Processed, product family "AWS Firewall")
_NETWORK_FIREWALL = {
    "Endpoint-Hour": Match("networkfirewall.endpoint", "hours"),
    "Traffic-GB-Processed": Match("networkfirewall.data_processed", "GB"),
}


def _network_firewall(row: Row) -> Match | None:
    if row.get("Product Family") != "AWS Firewall":
        return None
    return _NETWORK_FIREWALL.get(_name(row))


# AWS Transfer Family: hours per protocol (usage type ProtocolHours, operation "<PROTOCOL>:S3":
# an EFS-backed server is billed the same) and data moved (the FTP:S3 rows: one rate for
# every protocol and storage)
_TRANSFER_DATA = {
    "DownloadBytes": Match("transfer.data_downloaded", "GB"),
    "UploadBytes": Match("transfer.data_uploaded", "GB"),
}


def _transfer(row: Row) -> Match | None:
    name, operation = _name(row), row.get("operation", "")
    if row.get("Product Family") != "AWS Transfer Family":
        return None
    if name == "ProtocolHours":
        protocol, _, storage = operation.partition(":")
        if storage != "S3" or not protocol.isalnum():
            return None
        return Match(f"transfer.protocol.{protocol.lower()}", "hours")
    return _TRANSFER_DATA.get(name) if operation == "FTP:S3" else None


# Amazon Data Firehose: Direct PUT / Kinesis Data Streams ingestion ("Event-by-Event Processing",
# three bands by StartingRange), and the format-conversion and VPC-delivery operations
_FIREHOSE_INGESTION = _tiers("firehose.ingestion", 3)
_FIREHOSE_OPERATIONS = {
    "DataFormatConversion": Match("firehose.format_conversion", "GB"),
    "VpcBandwidth": Match("firehose.vpc.data", "GB"),
    "RunVpcInstance": Match("firehose.vpc.az_hours", "hours"),
}


def _firehose(row: Row) -> Match | None:
    name = _name(row)
    if row.get("Product Family") != "Kinesis Firehose" or usage_name(name) != name:
        return None
    if row.get("Group") == "Event-by-Event Processing":
        return Match(_FIREHOSE_INGESTION[0], "GB", tiers=_FIREHOSE_INGESTION[1])
    return _FIREHOSE_OPERATIONS.get(row.get("operation", ""))


# "Storage Media" of an OpenSearch volume row -> the mapper's volume type
_OPENSEARCH_VOLUMES = {
    "GP2": "gp2",
    "GP3": "gp3",
    "PIOPS-Storage": "io1",
    "Magnetic": "standard",
}


def _opensearch(row: Row) -> Match | None:
    family, name = row.get("Product Family", ""), _name(row)
    if family == "Amazon OpenSearch Service Instance" and name.startswith("ESInstance"):
        itype = row.get("Instance Type", "")  # m5.large.search (older: .elasticsearch)
        base = itype.removesuffix(".search").removesuffix(".elasticsearch")
        return Match(f"opensearch.instance.{base}", "hours") if base else None
    if family != "Amazon OpenSearch Service Volume":
        return None
    media = row.get("Storage Media", "")
    if media == "GP3-ThroughPut-Storage":
        return Match("opensearch.gp3.throughput", "Mbps")
    if name == "ES:PIOPS":
        return Match("opensearch.io1.iops", "IOPS")
    volume = _OPENSEARCH_VOLUMES.get(media)
    if volume is not None and name.startswith("ES") and name.endswith("-Storage"):
        return Match(f"opensearch.storage.{volume}", "GB")
    return None


_REDSHIFT_BACKUP = _tiers("redshift.backup_storage", 3)


def _redshift(row: Row) -> Match | None:
    """By product family (the usage types of concurrency scaling, managed storage and snapshots
    carry the node type or vary by region; the families do not)."""
    family, node = row.get("Product Family", ""), row.get("Instance Type", "")
    if family == "Compute Instance" and _name(row).startswith("Node:") and node:
        return Match(f"redshift.node.{node}", "hours")
    if family == "Redshift Concurrency Scaling" and node:
        if row.get("Concurrency Scaling Free Usage", "No") != "No":
            return None  # the free daily credit, not the list price
        return Match(f"redshift.concurrency_scaling.{node}", "node-seconds")
    if family == "Redshift Managed Storage":
        return Match("redshift.managed_storage", "GB")
    if family == "Redshift Data Scan":
        return Match("redshift.spectrum", "TB")
    if family == "Storage Snapshot":
        return Match(_REDSHIFT_BACKUP[0], "GB", tiers=_REDSHIFT_BACKUP[1])
    return None


# (Database Engine, Database Edition, License Model) -> the mappers' engine token
_ENGINES = {
    ("MySQL", "", ""): "mysql",
    ("PostgreSQL", "", ""): "postgres",
    ("MariaDB", "", ""): "mariadb",
    ("Aurora MySQL", "", ""): "aurora-mysql",
    ("Aurora PostgreSQL", "", ""): "aurora-postgresql",
    ("Oracle", "Enterprise", "Bring your own license"): "oracle-ee-byol",
    ("Oracle", "Standard", "Bring your own license"): "oracle-se-byol",
    ("Oracle", "Standard One", "Bring your own license"): "oracle-se1-byol",
    ("Oracle", "Standard Two", "Bring your own license"): "oracle-se2-byol",
    ("Oracle", "Standard One", "License included"): "oracle-se1",
    ("Oracle", "Standard Two", "License included"): "oracle-se2",
    ("SQL Server", "Enterprise", "License included"): "sqlserver-ee",
    ("SQL Server", "Standard", "License included"): "sqlserver-se",
    ("SQL Server", "Express", "License included"): "sqlserver-ex",
    ("SQL Server", "Web", "License included"): "sqlserver-web",
}
# an Oracle container database (CDB) is sold at the rows of its edition and licence (those with
# no "Deployment Model"; RDS Custom rows have one): the mappers' CDB engine tokens
_CDB = {
    "oracle-ee-byol": "oracle-ee-cdb-byol",
    "oracle-se2-byol": "oracle-se2-cdb-byol",
    "oracle-se2": "oracle-se2-cdb",
}
_AURORA = {"Aurora MySQL": "aurora-mysql", "Aurora PostgreSQL": "aurora-postgresql"}
_OPEN_ENGINES = ("MySQL", "PostgreSQL", "MariaDB", "Aurora MySQL", "Aurora PostgreSQL")
_AZ = {"Single-AZ": "single-az", "Multi-AZ": "multi-az"}
_RDS_VOLUMES = {
    "General Purpose": "gp2",
    "General Purpose-GP3": "gp3",
    "Provisioned IOPS": "io1",
    "Provisioned IOPS-IO2": "io2",
    "Magnetic": "standard",
}
_RDS = {
    "RDS:ChargedBackupUsage": Match("rds.backup_storage", "GB"),
    "RDS:StorageIOUsage": Match("rds.standard.io_requests", "1M requests", _M),
    "Aurora:StorageUsage": Match("rds.aurora.storage", "GB"),
    "Aurora:IO-OptimizedStorageUsage": Match("rds.aurora.storage_io_optimized", "GB"),
    "Aurora:StorageIOUsage": Match("rds.aurora.io_requests", "1M requests", _M),
    "Aurora:BackupUsage": Match("rds.aurora.backup_storage", "GB"),
    "Aurora:BacktrackUsage": Match("rds.aurora.backtrack", "1M change-records", _M),
    "Aurora:SnapshotExportToS3": Match("rds.aurora.snapshot_export", "GB"),
    "PI_API": Match("rds.performance_insights.api", "1000 requests", _K),
}
# extended support: one rate per vCPU-hour for every RDS MySQL/PostgreSQL major version
# (ExtendedSupport:Yr1-Yr2:MySQL5.7, ...:PostgreSQL11); the mapper's key has no engine or version,
# so two different rates in one region stop the refresh rather than pick one
_EXTENDED = re.compile(r"^ExtendedSupport:(?P<year>Yr1-Yr2|Yr3):(?:MySQL|PostgreSQL)[0-9.]+$")
_SERVERLESS = {
    "Aurora:ServerlessUsage": "serverless_v1",
    "Aurora:ServerlessV2Usage": "serverless_v2",
    "Aurora:ServerlessV2IOOptimizedUsage": "serverless_v2_io_optimized",
}


# Performance Insights long-term retention per instance family: a key _per_class expands
_PI_FAMILY = "rds.performance_insights.retention.family."


def _rds(row: Row) -> Match | None:
    family, name = row.get("Product Family", ""), _name(row)
    db_engine = row.get("Database Engine", "")
    deployment = _AZ.get(row.get("Deployment Option", ""))
    if family == "Database Instance":
        if deployment is None or not name.startswith(("InstanceUsage:", "Multi-AZUsage:")):
            return None  # I/O-Optimized Aurora, Multi-AZ DB clusters, Outposts: other keys
        licence = row.get("License Model", "") if db_engine in ("Oracle", "SQL Server") else ""
        edition = row.get("Database Edition", "") if licence else ""
        engine = _ENGINES.get((db_engine, edition, licence))
        if engine is None or (db_engine == "Oracle" and row.get("Deployment Model")):
            return None
        klass = row.get("Instance Type", "")
        if engine == "aurora-mysql":  # engine "aurora" is Aurora MySQL 1, sold at its rates
            return Match(
                f"rds.instance.{engine}.{klass}", "hours", also=(f"rds.instance.aurora.{klass}",)
            )
        if engine.startswith("aurora"):
            return Match(f"rds.instance.{engine}.{klass}", "hours")
        cdb = (f"rds.instance.{_CDB[engine]}.{klass}.{deployment}",) if engine in _CDB else ()
        return Match(f"rds.instance.{engine}.{klass}.{deployment}", "hours", also=cdb)
    if family == "Database Storage" and deployment is not None:
        volume = _RDS_VOLUMES.get(row.get("Volume Type", ""))
        if volume is not None and db_engine in ("Any", "", *_OPEN_ENGINES):
            return Match(f"rds.storage.{volume}.{deployment}", "GB")
        return None
    if family == "Provisioned IOPS" and deployment is not None:
        if db_engine not in ("Any", "", *_OPEN_ENGINES):
            return None
        if name.endswith("GP3-PIOPS"):  # RDS:GP3-PIOPS, RDS:Multi-AZ-GP3-PIOPS
            return Match(f"rds.gp3.iops.{deployment}", "IOPS")
        if name.endswith(("RDS:PIOPS", "Multi-AZ-PIOPS")):
            return Match(f"rds.io1.iops.{deployment}", "IOPS")
        return None
    if family == "CPU Credits" and name == "CPUCredits:db.t3":
        # one rate per vCPU-hour for every burstable class; the mappers' keys name no engine or
        # class, so one engine of each kind is read (MySQL, Aurora MySQL): others would be a
        # second price for the same key
        if db_engine == "MySQL":
            return Match("rds.cpu_credits", "vCPU-hours")
        if db_engine == "Aurora MySQL":
            return Match("rds.aurora.cpu_credits", "vCPU-hours")
        return None
    if name == "PI_LTR_FMR:Serverless":
        # long-term retention of serverless Aurora, per ACU-month and sold per engine; the
        # mappers' key names none: Aurora MySQL's row is read (as for CPU credits)
        if db_engine == "Aurora MySQL":
            return Match("rds.performance_insights.retention.serverless", "ACUs")
        return None
    if name.startswith("PI_LTR:"):  # per instance family, per vCPU-month: see _per_class
        return Match(f"{_PI_FAMILY}{name.removeprefix('PI_LTR:').lower()}", "vCPU-month")
    if m := _EXTENDED.match(name):
        year = "year1" if m["year"] == "Yr1-Yr2" else "year3"
        return Match(f"rds.extended_support.{year}", "vCPU-hours")
    if name in _SERVERLESS:
        token = _AURORA.get(db_engine)
        return None if token is None else Match(f"rds.{token}.{_SERVERLESS[name]}", "ACU-hours")
    return _RDS.get(name)


# Amazon DocumentDB (instance-based clusters): the cluster volume (Standard, I/O-Optimized), its
# I/O, backup storage beyond the free allowance and burstable CPU credits by family; instance
# hours by class, Standard and I/O-Optimized (InstanceUsageIOOptimized:<class>), below
_DOCDB = {
    "StorageUsage": Match("docdb.storage", "GB"),
    "IO-OptimizedStorageUsage": Match("docdb.storage_io_optimized", "GB"),
    "StorageIOUsage": Match("docdb.io_requests", "1M requests", _M),
    "BackupUsage": Match("docdb.backup_storage", "GB"),
    "CPUCredits:db.t3": Match("docdb.cpu_credits.db.t3", "vCPU-hours"),
    "CPUCredits:db.t4g": Match("docdb.cpu_credits.db.t4g", "vCPU-hours"),
}


# Amazon Neptune: the same shape under its own keys, and the instance hours of an I/O-Optimized
# cluster (InstanceUsageIOOptimized:<class>)
_NEPTUNE = {
    "StorageUsage": Match("neptune.storage", "GB"),
    "IO-OptimizedStorageUsage": Match("neptune.storage_io_optimized", "GB"),
    "StorageIOUsage": Match("neptune.io_requests", "1M requests", _M),
    "BackupUsage": Match("neptune.backup_storage", "GB"),
    "CPUCredits:db.t3": Match("neptune.cpu_credits.db.t3", "vCPU-hours"),
    "CPUCredits:db.t4g": Match("neptune.cpu_credits.db.t4g", "vCPU-hours"),
}


def _cluster_db(prefix: str, table: Mapping[str, Match], *, io_optimized: bool = False) -> Rule:
    """DocumentDB and Neptune: instance hours by class (``InstanceUsage:<class>``, and
    ``InstanceUsageIOOptimized:<class>`` with ``io_optimized``), else the usage types of
    ``table``."""

    def rule(row: Row) -> Match | None:
        name = _name(row)
        if row.get("Product Family", "") == "Database Instance":
            klass = row.get("Instance Type", "")
            if not klass:
                return None
            if name == f"InstanceUsage:{klass}":
                return Match(f"{prefix}.instance.{klass}", "hours")
            if io_optimized and name == f"InstanceUsageIOOptimized:{klass}":
                return Match(f"{prefix}.instance.{klass}.io_optimized", "hours")
            return None
        return table.get(name)

    return rule


_SQS = {
    "Requests-Tier1": Match("sqs.standard.requests", "1M requests", _M),
    "Requests-FIFO-Tier1": Match("sqs.fifo.requests", "1M requests", _M),
}
_SNS = {
    "Requests-Tier1": Match("sns.requests", "1M requests", _M),
    "DeliveryAttempts-HTTP": Match("sns.notifications.http", "100k notifications", _100K),
    "DeliveryAttempts-SMTP": Match("sns.notifications.email", "100k notifications", _100K),
    "DeliveryAttempts-FIREHOSE": Match("sns.notifications.firehose", "1M notifications", _M),
    "DeliveryAttempts-APNS": Match("sns.notifications.mobile_push", "1M notifications", _M),
    "DeliveryAttempts-MACOS": Match("sns.notifications.macos", "1M notifications", _M),
    "F-Request-Tier1": Match("sns.fifo.requests", "1M requests", _M),
    "F-Ingress-Tier1": Match("sns.fifo.payload", "GB"),
    "F-DA-SQS": Match("sns.fifo.notifications", "1M notifications", _M),
    "F-Egress-SQS": Match("sns.fifo.notification_payload", "GB"),
}
_KMS = {
    "KMS-Keys": Match("kms.key", "months"),
    "KMS-Requests": Match("kms.requests.symmetric", "10k requests", _10K),
    "KMS-Requests-Asymmetric": Match("kms.requests.asymmetric", "10k requests", _10K),
    "KMS-Requests-Asymmetric-RSA_2048": Match("kms.requests.rsa_2048", "10k requests", _10K),
    "KMS-Requests-GenerateDatakeyPair-ECC": Match(
        "kms.requests.ecc_generate_data_key_pair", "10k requests", _10K
    ),
}
_SECRETS = {
    "AWSSecretsManager-Secrets": Match("secretsmanager.secret", "months"),
    "AWSSecretsManagerAPIRequest": Match("secretsmanager.api_requests", "10k requests", _10K),
}


def _route53_queries(kind: str) -> Match:
    first, more = _tiers(f"route53.queries.{kind}", 2)
    return Match(first, "1M queries", _M, more)


_ROUTE53 = {
    "HostedZone": Match("route53.hosted_zone", "months"),
    "DNS-Queries": _route53_queries("standard"),
    "LBR-Queries": _route53_queries("latency"),
    "Geo-Queries": _route53_queries("geo"),
    # health checks per month (an AWS endpoint's first 50 are an account's free tier: the
    # paid band is read) and their optional features per feature-month
    "Health-Check-AWS": Match("route53.health_check.aws", "months"),
    "Health-Check-Non-AWS": Match("route53.health_check.non_aws", "months"),
    "Health-Check-Option-AWS": Match("route53.health_check.optional.aws", "months"),
    "Health-Check-Option-Non-AWS": Match("route53.health_check.optional.non_aws", "months"),
}
# Route 53 Resolver: rows of the AmazonRoute53 price list's regional files (region-prefixed usage
# types; its global file holds hosted zones, queries and health checks), read as a service of its
# own (OFFER_CODES): network-interface hours of endpoints, queries through them in two bands
_RESOLVER_QUERIES = _tiers("route53resolver.queries", 2)
_ROUTE53_RESOLVER = {
    "ResolverNetworkInterface": Match("route53resolver.endpoint", "hours"),
    "DNS-Queries": Match(_RESOLVER_QUERIES[0], "1M queries", _M, _RESOLVER_QUERIES[1]),
}
_KINESIS = {
    "Storage-ShardHour": Match("kinesis.provisioned.shard", "hours"),
    "PutRequestPayloadUnits": Match("kinesis.provisioned.put_payload_units", "units"),
    "Extended-ShardHour": Match("kinesis.provisioned.extended_retention", "GB"),
    "EnhancedFanoutConsumerShardHour": Match(
        "kinesis.provisioned.efo_consumer_shard", "consumer-shard hour"
    ),
    "EnhancedFanoutDataRetrieval-Bytes": Match("kinesis.provisioned.efo_data_out", "GB"),
    "LongTermRetention-ByteHrs": Match("kinesis.provisioned.long_term_retention", "GB"),
    "LongTermRetrieval-Bytes": Match("kinesis.provisioned.long_term_retrieval", "GB"),
    "OnDemand-StreamHour": Match("kinesis.on_demand.stream", "hours"),
    "OnDemand-BilledIncomingBytes": Match("kinesis.on_demand.data_in", "GB"),
    "OnDemand-BilledOutgoingBytes": Match("kinesis.on_demand.data_out", "GB"),
    "OnDemand-BilledOutgoingEFOBytes": Match("kinesis.on_demand.efo_data_out", "GB"),
    "OnDemand-ExtendedRetention-ByteHrs": Match("kinesis.on_demand.extended_retention", "GB"),
    "OnDemand-LongTermRetention-ByteHrs": Match("kinesis.on_demand.long_term_retention", "GB"),
}

# S3 storage classes by usage type (the mappers read the first storage tier) and requests
_S3_CLASSES = {
    "": "standard",
    "SIA-": "standard_ia",
    "ZIA-": "one_zone_ia",
    "INT-": "intelligent_tiering",
    "GLACIER-": "glacier_flexible_retrieval",
    "GDA-": "glacier_deep_archive",
}
_S3 = {
    # Standard and Intelligent-Tiering frequent access: 50 TB / 450 TB / over 500 TB bands
    "TimedStorage-ByteHrs": Match(
        "s3.standard.storage",
        "GB",
        tiers=("s3.standard.storage.tier2", "s3.standard.storage.tier3"),
    ),
    "TimedStorage-SIA-ByteHrs": Match("s3.standard_ia.storage", "GB"),
    "TimedStorage-ZIA-ByteHrs": Match("s3.one_zone_ia.storage", "GB"),
    "TimedStorage-GlacierByteHrs": Match("s3.glacier_flexible_retrieval.storage", "GB"),
    "TimedStorage-GDA-ByteHrs": Match("s3.glacier_deep_archive.storage", "GB"),
    "TimedStorage-INT-FA-ByteHrs": Match(
        "s3.intelligent_tiering.storage.frequent",
        "GB",
        tiers=(
            "s3.intelligent_tiering.storage.frequent.tier2",
            "s3.intelligent_tiering.storage.frequent.tier3",
        ),
    ),
    "TimedStorage-INT-IA-ByteHrs": Match("s3.intelligent_tiering.storage.infrequent", "GB"),
    "TimedStorage-INT-AA-ByteHrs": Match("s3.intelligent_tiering.storage.archive", "GB"),
    "TimedStorage-INT-DAA-ByteHrs": Match("s3.intelligent_tiering.storage.deep_archive", "GB"),
    "Monitoring-Automation-INT": Match("s3.intelligent_tiering.monitoring", "1k objects", _K),
    "Retrieval-SIA": Match("s3.standard_ia.retrieval", "GB"),
    "Retrieval-ZIA": Match("s3.one_zone_ia.retrieval", "GB"),
    **{
        f"Requests-{prefix}Tier{n}": Match(f"s3.{cls}.tier{n}_requests", "1k requests", _K)
        for prefix, cls in _S3_CLASSES.items()
        for n in (1, 2)
    },
}

_S3_MORE = {
    # S3 Select by storage class (the usage types of AWS's S3 bill; Standard's carry a group)
    "Select-Scanned-SIA-Bytes": Match("s3.standard_ia.select_scanned", "GB"),
    "Select-Returned-SIA-Bytes": Match("s3.standard_ia.select_returned", "GB"),
    "Select-Scanned-ZIA-Bytes": Match("s3.one_zone_ia.select_scanned", "GB"),
    "Select-Returned-ZIA-Bytes": Match("s3.one_zone_ia.select_returned", "GB"),
    "Select-Scanned-INT-Bytes": Match("s3.intelligent_tiering.select_scanned", "GB"),
    "Select-Returned-INT-Bytes": Match("s3.intelligent_tiering.select_returned", "GB"),
    "EarlyDelete-INT": Match("s3.intelligent_tiering.early_delete", "GB"),
    "TagStorage-TagHrs": Match("s3.object_tags", "10k tags", _10K),  # per tag-month
    # S3 Inventory and Storage Class Analysis: per object listed / monitored -> per 1M
    "Inventory-ObjectsListed": Match("s3.inventory", "1M objects", _M),
    "StorageAnalytics-ObjCount": Match("s3.storage_class_analysis", "1M objects", _M),
}
_S3_SELECT_STANDARD = {
    ("Select-Scanned-Bytes", "S3-API-Select-Scanned"): Match("s3.standard.select_scanned", "GB"),
    ("Select-Returned-Bytes", "S3-API-Select-Returned"): Match("s3.standard.select_returned", "GB"),
}
# lifecycle transitions: one usage type per destination kind, told apart by operation; moving
# into Standard-IA, One Zone-IA or Intelligent-Tiering is one rate (Requests-Tier4, no operation)
_S3_TRANSITIONS = {
    ("Requests-Tier3", "S3-GlacierTransition"): Match(
        "s3.glacier_flexible_retrieval.lifecycle_transition", "1k requests", _K
    ),
    ("Requests-Tier3", "S3-GDATransition"): Match(
        "s3.glacier_deep_archive.lifecycle_transition", "1k requests", _K
    ),
    ("Requests-Tier4", ""): Match(
        "s3.standard_ia.lifecycle_transition",
        "1k requests",
        _K,
        also=("s3.one_zone_ia.lifecycle_transition", "s3.intelligent_tiering.lifecycle_transition"),
    ),
}


def _s3(row: Row) -> Match | None:
    name = _name(row)
    if name in ("Requests-Tier3", "Requests-Tier4"):
        return _S3_TRANSITIONS.get((name, row.get("operation", "")))
    if name in ("Select-Scanned-Bytes", "Select-Returned-Bytes"):
        return _S3_SELECT_STANDARD.get((name, row.get("Group", "")))
    return _S3.get(name) or _S3_MORE.get(name)


# S3 Glacier Flexible Retrieval's retrievals, Select and early deletes are in the AmazonGlacier
# price list, Deep Archive's in AmazonS3GlacierDeepArchive (the same usage type names mean
# different things in each: each is read from its own file)
_GFR = "s3.glacier_flexible_retrieval"
_GLACIER = {
    "Requests-Tier1": Match(f"{_GFR}.retrieval_requests.standard", "1k requests", _K),
    "Requests-Tier3": Match(f"{_GFR}.retrieval_requests.expedited", "1k requests", _K),
    "Standard-Retrieval-Bytes": Match(f"{_GFR}.retrieval.standard", "GB"),
    "Expedited-Retrieval-Bytes": Match(f"{_GFR}.retrieval.expedited", "GB"),
    "EarlyDelete-ByteHrs": Match(f"{_GFR}.early_delete", "GB"),
    **{
        f"{prefix}-Select-{what.title()}-Bytes": Match(f"{_GFR}.select_{what}.{speed}", "GB")
        for prefix, speed in (("Std", "standard"), ("Exp", "expedited"), ("Bulk", "bulk"))
        for what in ("scanned", "returned")
    },
}
_GDA = "s3.glacier_deep_archive"
_DEEP_ARCHIVE = {
    "Requests-GDA-Tier3": Match(f"{_GDA}.retrieval_requests.standard", "1k requests", _K),
    "Requests-GDA-Tier5": Match(f"{_GDA}.retrieval_requests.bulk", "1k requests", _K),
    "Standard-Retrieval-Bytes": Match(f"{_GDA}.retrieval.standard", "GB"),
    "Bulk-Retrieval-Bytes": Match(f"{_GDA}.retrieval.bulk", "GB"),
    "EarlyDelete-GDA": Match(f"{_GDA}.early_delete", "GB"),
}

# API Gateway: REST requests in four bands, HTTP API requests and WebSocket messages in two
_REST = _tiers("apigateway.rest.requests", 4)
_HTTP = _tiers("apigatewayv2.http.requests", 2)
_MESSAGES = _tiers("apigatewayv2.websocket.messages", 2)
_API_GATEWAY = {
    "ApiGatewayRequest": Match(_REST[0], "1M requests", _M, _REST[1]),
    "ApiGatewayHttpRequest": Match(_HTTP[0], "1M requests", _M, _HTTP[1]),
    "ApiGatewayMessage": Match(_MESSAGES[0], "1M messages", _M, _MESSAGES[1]),
    "ApiGatewayMinute": Match("apigatewayv2.websocket.connection_minutes", "1M minutes", _M),
}


def _api_gateway(row: Row) -> Match | None:
    if row.get("Product Family") == "Amazon API Gateway Cache":  # by its memory size
        try:
            size = Decimal(row.get("Cache Memory Size Gb", "").strip())
        except InvalidOperation:
            return None
        return Match(f"apigateway.cache.{format(size.normalize(), 'f')}", "hours")
    return _API_GATEWAY.get(_name(row))


# Step Functions: standard transitions; express requests and duration (per GB-second, three
# bands; the mappers count GB-hours)
_SFN_DURATION = _tiers("sfn.express.duration", 3)
_STEP_FUNCTIONS = {
    "StateTransition": Match("sfn.standard.transitions", "1K transitions", _K),
    "StepFunctions-Request": Match("sfn.express.requests", "1M requests", _M),
    "StepFunctions-GB-Second": Match(_SFN_DURATION[0], "GB-hours", Decimal(3600), _SFN_DURATION[1]),
}
_ECR = {"TimedStorage-ByteHrs": Match("ecr.storage", "GB")}
# Parameter Store: an advanced parameter is billed by the hour (the mappers hold a month)
_SSM = {
    "PS-Advanced-Param-Tier1": Match("ssm.parameter.advanced", "months", Decimal(730)),
    "PS-Param-Processed-Tier2": Match("ssm.api.advanced", "10k interactions", _10K),
    # on-premises and multicloud nodes in the advanced tier, per node-hour
    "MI-AdvInstances-Hrs": Match("ssm.managed_instance.advanced", "hours"),
}
# AWS Private CA (in the AWSCertificateManager price list); a private certificate of ACM is a
# general-purpose certificate of its CA at the first band's rate
_CERTIFICATES = _tiers("acmpca.certificates", 3)
_ACM = {
    "PaidPrivateCA": Match("acmpca.authority.general_purpose", "months"),
    "ShortLivedCertificatePrivateCA": Match("acmpca.authority.short_lived", "months"),
    "PrivateCertificatesIssued": Match(
        _CERTIFICATES[0], "requests", tiers=_CERTIFICATES[1], also=("acm.private_certificate",)
    ),
    "ShortLivedCertificatesIssued": Match("acmpca.certificates.short_lived", "requests"),
}
# CloudTrail trails: events delivered, per event -> per 100k (FreeEventsRecorded, the free first
# copy of management events, is not read)
_CLOUDTRAIL = {
    "PaidEventsRecorded": Match("cloudtrail.management_events.additional", "100k events", _100K),
    "DataEventsRecorded": Match("cloudtrail.data_events", "100k events", _100K),
    "InsightsEvents": Match("cloudtrail.insight_events", "100k events", _100K),
}
# CloudFormation: handler operations of third-party (non-AWS::, Alexa::, Custom::) resource types
# and their seconds beyond 30 (the account's free first 1,000 operations are a band not read)
_CLOUDFORMATION = {
    "Resource-Invocation-Count": Match("cloudformation.handler_operations", "operations"),
    "Resource-Processing-Time": Match("cloudformation.handler_duration", "seconds"),
}
# EventBridge (AWSEvents): events per 64 KB chunk by the column "Event Type" (custom and partner
# events; AWS service events are free), schema discovery per 8 KB chunk, per event -> per 1M;
# archives (product family "CloudWatch Events") per GB processed and per GB-month stored
_EVENTS = {
    ("Event-64K-Chunks", "Custom Event"): Match("eventbridge.events.custom", "1M events", _M),
    ("Event-64K-Chunks", "Partner Event"): Match("eventbridge.events.partner", "1M events", _M),
    ("Event-8K-Chunks", "Discovery Event"): Match("eventbridge.schema_discovery", "1M events", _M),
}
_EVENT_ARCHIVES = {
    "ArchivedEvents-Bytes": Match("eventbridge.archive.processing", "GB"),
    "TimedStorage-ByteHrs": Match("eventbridge.archive.storage", "GB"),
}


def _eventbridge(row: Row) -> Match | None:
    family = row.get("Product Family")
    if family == "CloudWatch Events":
        return _EVENT_ARCHIVES.get(_name(row))
    if family == "EventBridge":
        return _EVENTS.get((_name(row), row.get("Event Type", "")))
    return None


# Direct Connect port hours: the "Direct Connect" rows of a Region's file, one per location of
# the Region and port (``Capacity`` 1G, 10G, 500M...; ``Connection Type`` Dedicated or Hosted);
# the mapper's key has no location (the port rate is the Region's), so two rates in one Region
# stop the refresh rather than pick one. Data transfer out is not read (see the test's
# FAMILIES_NOT_REFRESHED): which file lists a source Region's rate to a location is not confirmed
_DX_CAPACITY = re.compile(r"^(\d+)\s*([MG])(?:bps)?$", re.IGNORECASE)


def _direct_connect(row: Row) -> Match | None:
    if row.get("Product Family") != "Direct Connect":
        return None
    found = _DX_CAPACITY.match(row.get("Capacity", "").strip())
    kind = row.get("Connection Type", "").strip().lower()
    if found is None or kind not in ("dedicated", "hosted"):
        return None
    return Match(f"dx.connection.{kind}.{found.group(1)}{found.group(2).lower()}", "hours")


# Amazon Managed Grafana: active-user licences per month (usage types as public code that reads
# the offer files matches them)
_GRAFANA = {
    "Grafana:EditorUser": Match("grafana.editor", "users"),
    "Grafana:ViewerUser": Match("grafana.viewer", "users"),
    "Grafana:EnterprisePluginsUser": Match("grafana.enterprise_plugins", "users"),
}
# Amazon MWAA: the meta database's storage per GB-month (environments, workers and schedulers are
# told apart by size and type attributes whose CSV columns are not confirmed: not read)
_MWAA = {"Airflow-StandardDatabaseStorage": Match("mwaa.database_storage", "GB")}

# CloudFront: usage types carry the edge-location group as their prefix (one primary prefix per
# group the mapper knows; CA-, ME- rows are other prefixes of a group and are not read twice)
_CF_GROUPS = {
    "US": "us",
    "EU": "europe",
    "ZA": "south_africa",
    "SA": "south_america",
    "JP": "japan",
    "AU": "australia",
    "AP": "asia_pacific",
    "IN": "india",
}


_FLE = "HTTPS Proxy requests with Field Level Encryption"
# Origin Shield requests are listed by the display name of the shield's AWS region ("Location");
# the mapper keys them by region code (estimate/aws/cloudfront_distribution.py SHIELD_GROUPS)
SHIELD_LOCATIONS = {
    "US East (N. Virginia)": "us-east-1",
    "US East (Ohio)": "us-east-2",
    "US West (Oregon)": "us-west-2",
    "EU (Frankfurt)": "eu-central-1",
    "EU (Ireland)": "eu-west-1",
    "EU (London)": "eu-west-2",
    "South America (Sao Paulo)": "sa-east-1",
    "Asia Pacific (Tokyo)": "ap-northeast-1",
    "Asia Pacific (Sydney)": "ap-southeast-2",
    "Asia Pacific (Singapore)": "ap-southeast-1",
    "Asia Pacific (Seoul)": "ap-northeast-2",
    "Asia Pacific (Mumbai)": "ap-south-1",
}


def _cloudfront(row: Row) -> Match | None:
    usage = row.get("usageType", "")
    if usage == "SSL-Cert-Custom":  # a dedicated-IP custom SSL certificate, per month
        return Match("cloudfront.dedicated_ip_ssl", "certificates")
    if row.get("operation") == "RealTimeLog":  # per log line
        return Match("cloudfront.realtime_log_lines", "1M lines", _M)
    if row.get("Request Description") == "Origin Shield Requests":
        code = SHIELD_LOCATIONS.get(row.get("Location", ""))
        if code is None:
            return None  # a region the mapper has no Origin Shield rate key for
        return Match(f"cloudfront.origin_shield.{code}", "10k requests", _10K)
    if row.get("Request Description") == _FLE:
        # the same rate at every edge location; the European row is read (one key, no group)
        if row.get("Location") != "Europe":
            return None
        return Match("cloudfront.encryption_requests", "10k requests", _10K)
    if usage == "Executions-CloudFrontFunctions":  # per invocation -> per 1M; not the free band
        return Match("cloudfront.functions.invocations", "1M invocations", _M)
    if usage == "Invalidations":
        return Match(
            "cloudfront.invalidations.tier1", "paths", tiers=("cloudfront.invalidations.tier2",)
        )
    head, _, name = usage.partition("-")
    group = _CF_GROUPS.get(head)
    if group is None:
        return None
    if name == "DataTransfer-Out-Bytes":
        first, more = _tiers(f"cloudfront.{group}.data_out", 7)
        return Match(first, "GB", tiers=more)
    if name == "DataTransfer-Out-OBytes":
        return Match(f"cloudfront.{group}.data_to_origin", "GB")
    if name == "Requests-Tier1":
        return Match(f"cloudfront.{group}.http_requests", "10k requests", _10K)
    if name == "Requests-Tier2-HTTPS":
        return Match(f"cloudfront.{group}.https_requests", "10k requests", _10K)
    return None


# AWS Config: rule evaluations in three bands (first 100K, next 400K, over 500K) and configuration
# items recorded (continuous recording; conformance-pack evaluations are another usage type)
_CONFIG_RULES = _tiers("config.rule_evaluations", 3)
_CONFIG = {
    "ConfigRuleEvaluations": Match(_CONFIG_RULES[0], "evaluations", tiers=_CONFIG_RULES[1]),
    "ConfigurationItemRecorded": Match("config.configuration_items", "records"),
    "CustomConfigItemRecorded": Match("config.custom_configuration_items", "records"),
}
# CodeBuild on-demand build minutes: Build-Min:<environment>:g1.<size> -> the mapper's
# codebuild.<environment>.general1.<size> (Lambda compute and other usage types are not read)
_CODEBUILD_ENVIRONMENTS = {
    "Linux": "linux",
    "LinuxGPU": "linux_gpu",
    "ARM": "arm",
    "Windows": "windows",
}
_BUILD_MINUTES = re.compile(r"^Build-Min:(?P<env>[A-Za-z]+):g1\.(?P<size>[0-9a-z]+)$")


def _codebuild(row: Row) -> Match | None:
    found = _BUILD_MINUTES.match(_name(row))
    env = _CODEBUILD_ENVIRONMENTS.get(found["env"]) if found else None
    if found is None or env is None:
        return None
    return Match(f"codebuild.{env}.general1.{found['size']}", "minutes")


# Amazon FSx: rows told apart by product family, "File System Type", "Deployment Option" and
# "Storage Type" (backups by their BackupUsage usage type); OpenZFS rates depend on the
# deployment type (SINGLE_AZ_1, _2, HA...), which the offer file's Single-/Multi-AZ option does
# not tell: only its backups are read (the rest: NOT_REFRESHED in the tests, with the reason)
_FSX_AZ = {"Single-AZ": "single_az", "Multi-AZ": "multi_az"}
_FSX_STORAGE = {"SSD": "ssd", "HDD": "hdd"}


def _fsx(row: Row) -> Match | None:
    family, system, name = (
        row.get("Product Family", ""),
        row.get("File System Type", ""),
        _name(row),
    )
    if family == "Storage" and "BackupUsage" in name:
        if system == "OpenZFS":
            return Match("fsx.openzfs.backup_storage", "GB")
        az = _FSX_AZ.get(row.get("Deployment Option", ""))
        return (
            Match(f"fsx.windows.backup_storage.{az}", "GB") if system == "Windows" and az else None
        )
    az = _FSX_AZ.get(row.get("Deployment Option", ""))
    if system != "Windows" or az is None:
        return None
    if family == "Provisioned Throughput":
        return Match(f"fsx.windows.throughput.{az}", "MBps")
    if family == "Provisioned IOPS":
        return Match(f"fsx.windows.iops.{az}", "IOPS")
    storage = _FSX_STORAGE.get(row.get("Storage Type", ""))
    if family == "Storage" and storage is not None:
        return Match(f"fsx.windows.storage.{storage}.{az}", "GB")
    return None


# AWS Directory Service: per domain controller-hour by "Directory Type" and "Directory Size"
# (a Microsoft AD's edition); the mappers hold a controller-month. Sharing a Microsoft AD is
# its own directory type, per shared account-hour
_DIRECTORY_TYPES = {
    "Simple AD": "simple_ad",
    "AD Connector": "ad_connector",
    "Microsoft AD": "microsoft_ad",
}
_DIRECTORY_SIZES = {
    "Small": "small",
    "Large": "large",
    "Standard": "standard",
    "Enterprise": "enterprise",
}
_MONTH = Decimal(730)


def _directory(row: Row) -> Match | None:
    if row.get("Product Family") != "AWS Directory Service":
        return None
    kind, size = row.get("Directory Type", ""), _DIRECTORY_SIZES.get(row.get("Directory Size", ""))
    if size is None:
        return None
    if kind == "Shared Microsoft AD" and size in ("standard", "enterprise"):
        return Match(f"directoryservice.microsoft_ad.{size}.sharing", "account-months", _MONTH)
    token = _DIRECTORY_TYPES.get(kind)
    if token is None or (token == "microsoft_ad") != (size in ("standard", "enterprise")):
        return None
    return Match(f"directoryservice.{token}.{size}", "controller-months", _MONTH)


# CloudHSM: the HSM-hour of the hsm1.medium type ("CloudHSMv2Usage"); other types carry usage
# types of their own and are not read
def _cloudhsm(row: Row) -> Match | None:
    if row.get("Instance Family") == "CloudHSM-v2" and _name(row) == "CloudHSMv2Usage":
        return Match("cloudhsm.hsm.hsm1.medium", "hours")
    return None


# AWS WAF: Classic and WAFv2 by usage type (the ShieldProtected- rows, free under Shield
# Advanced, keep that prefix and are not read); requests are priced per request
_WAF = {
    "WebACL": Match("waf.web_acl", "months"),
    "Rule": Match("waf.rule", "rules"),
    "Request": Match("waf.requests", "1M requests", _M),
    "WebACLV2": Match("wafv2.web_acl", "months"),
    "RuleV2": Match("wafv2.rule", "rules"),
    "RequestV2-Tier1": Match("wafv2.requests", "1M requests", _M),
}


# AWS Backup: EFS backups and restores (the other services' backups are read from their own
# price lists); EFS cold backup storage is not read: the public code that reads these files
# takes it from an early-deletion row, and no cold-storage usage type is confirmed
_BACKUP = {
    "WarmStorage-ByteHrs-EFS": Match("backup.efs.warm_storage", "GB"),
    "PartialRestore-Warm-EFS": Match("backup.efs.warm_restore", "GB"),
    "PartialRestore-Cold-EFS": Match("backup.efs.cold_restore", "GB"),
    "PartialRestore-Jobs-EFS": Match("backup.efs.item_restore", "requests"),
}


# AWS Glue: ETL job DPU-hours (operation Jobrun; Spark, streaming and Python shell jobs at one
# rate), Flex (FlexJobrun), crawlers (CrawlerRun); Data Catalog objects stored and requests,
# per object / request -> per 100k / 1M (the free first million of each is a band at $0: the
# paid band is read). The newer ``-Gen2`` usage types are not read
_GLUE = {
    "ETL-DPU-Hour": Match("glue.job.dpu_hours", "DPU-hours"),
    "ETL-Flex-DPU-Hour": Match("glue.job.flex.dpu_hours", "DPU-hours"),
    "Crawler-DPU-Hour": Match("glue.crawler.dpu_hours", "DPU-hours"),
    "Catalog-Storage": Match("glue.catalog.storage", "100k objects", _100K),
    "Catalog-Request": Match("glue.catalog.requests", "1M requests", _M),
}
# Managed Service for Apache Flink: KPU-hours of Flink (Java) applications, also the SQL
# applications' rate on the price page; running application storage and durable backups
_KINESIS_ANALYTICS = {
    "KPU-Hour-Java": Match("kinesisanalytics.kpu", "KPU-hours"),
    "RunningApplicationStorage": Match("kinesisanalytics.running_storage", "GB"),
    "DurableApplicationBackups": Match("kinesisanalytics.backup", "GB"),
}


# services recognised by usage type alone: what each usage type is
TABLES: dict[str, Mapping[str, Match]] = {
    "AmazonCloudWatch": _CLOUDWATCH,
    "AmazonECS": _FARGATE,
    "AmazonEKS": _EKS,
    "AmazonKinesis": _KINESIS,
    "AmazonRoute53": _ROUTE53,
    "AmazonRoute53Resolver": _ROUTE53_RESOLVER,
    "AmazonECR": _ECR,
    "AmazonGlacier": _GLACIER,
    "AmazonS3GlacierDeepArchive": _DEEP_ARCHIVE,
    "AmazonStates": _STEP_FUNCTIONS,
    "AWSCertificateManager": _ACM,
    "AWSCloudFormation": _CLOUDFORMATION,
    "AWSCloudTrail": _CLOUDTRAIL,
    "AWSConfig": _CONFIG,
    "AWSSystemsManager": _SSM,
    "AmazonSNS": _SNS,
    "AmazonVPC": _VPC,
    "AWSLambda": _lambda_table(),
    "AWSQueueService": _SQS,
    "AWSSecretsManager": _SECRETS,
    "awskms": _KMS,
    "awswaf": _WAF,
    "AWSBackup": _BACKUP,
    "AWSGlue": _GLUE,
    "AmazonKinesisAnalytics": _KINESIS_ANALYTICS,
    "AmazonGrafana": _GRAFANA,
    "AmazonMWAA": _MWAA,
}
RULES: dict[str, Rule] = {
    **{service: _by_name(table) for service, table in TABLES.items()},
    "AmazonApiGateway": _api_gateway,
    "CodeBuild": _codebuild,
    "AmazonCloudFront": _cloudfront,
    "AWSEvents": _eventbridge,
    "AmazonDocDB": _cluster_db("docdb", _DOCDB, io_optimized=True),
    "AmazonDynamoDB": _dynamodb,
    "AmazonFSx": _fsx,
    "AWSDirectoryService": _directory,
    "CloudHSM": _cloudhsm,
    "AmazonS3": _s3,
    "AmazonEFS": _efs,
    "AmazonEC2": _ec2,
    "AmazonES": _opensearch,
    "AmazonElastiCache": _elasticache,
    "AmazonMQ": _mq,
    "AWSDatabaseMigrationSvc": _dms,
    "AWSNetworkFirewall": _network_firewall,
    "AWSTransfer": _transfer,
    "AmazonKinesisFirehose": _firehose,
    "AWSDirectConnect": _direct_connect,
    "AmazonMSK": _msk,
    "AmazonNeptune": _cluster_db("neptune", _NEPTUNE, io_optimized=True),
    "AmazonRDS": _rds,
    "AmazonRedshift": _redshift,
    "AWSELB": _elb,
}
# usage types the rule functions look up by name, for the notes of ``unmatched``
EXTRA_TABLES: dict[str, Mapping[str, Match]] = {
    "AWSNetworkFirewall": _NETWORK_FIREWALL,
    "AmazonApiGateway": _API_GATEWAY,
    "AmazonDocDB": _DOCDB,
    "AmazonDynamoDB": _DYNAMODB,
    "AmazonNeptune": _NEPTUNE,
    "AmazonMQ": _MQ_STORAGE,
    "AmazonS3": {**_S3, **_S3_MORE},
    "AWSEvents": _EVENT_ARCHIVES,
}
# filters named apart from the price list they read (--service takes the filter's name)
OFFER_CODES = {"AmazonRoute53Resolver": "AmazonRoute53"}
# services whose prices do not depend on the region: read once (region "global"), kept as "*"
GLOBAL_SERVICES = frozenset({"AmazonCloudFront", "AmazonRoute53"})


def column(name: str) -> str:
    """A header name without case, spaces and punctuation (``Access Type`` -> ``accesstype``)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


_CANON = {column(name): name for name in COLUMNS}


def rows(
    lines: Iterator[str],
    where: str = "the price list",
    *,
    reserved: bool = False,
    counter: list[int] | None = None,
) -> Iterator[Row]:
    """The USD price rows of a regional CSV offer file (after its metadata rows and header):
    on-demand ones, and with ``reserved`` the no-upfront reserved ones; the others (most of
    the file: partial and all upfront terms, other currencies) are dropped before a row is
    built. ``where`` names the file in an error; ``counter[0]`` counts the records read."""
    header: list[str] | None = None
    kept = "nothing written, the previous catalog is kept"
    reader = csv.reader(lines)
    term = currency = option = -1
    meta = 0
    for record in reader:
        if not record:
            continue  # a blank line (a file ending in two newlines): no row
        meta += 1
        if meta <= HEADER_ROWS:
            continue
        if header is None:
            header = [_CANON.get(column(name), name) for name in record]
            if "PricePerUnit" not in header or "TermType" not in header:
                raise RefreshError(
                    f"{where}: not an AWS price list CSV (no PricePerUnit/TermType columns); "
                    f"{kept}; check --endpoint"
                )
            term = header.index("TermType")
            currency = header.index("Currency") if "Currency" in header else -1
            option = header.index("PurchaseOption") if "PurchaseOption" in header else -1
            continue
        if counter is not None:
            counter[0] += 1
        if len(record) != len(header):
            raise RefreshError(
                f"{where}: line {reader.line_num}: {len(record)} fields, {len(header)} in the "
                f"header: not a price list row; {kept}; run the command again, or report it "
                "if it persists"
            )
        if currency >= 0 and record[currency] != "USD":
            continue
        if record[term] != "OnDemand" and not (
            reserved
            and record[term] == "Reserved"
            and option >= 0
            and record[option] == "No Upfront"
        ):
            continue
        yield dict(zip(header, record, strict=True))
    if header is None:
        raise RefreshError(f"{where}: empty or truncated price list (no header); {kept}")


def regional(
    client: Client, endpoint: str, service: str, region: str, counter: list[int]
) -> tuple[list[Priced], str]:
    """The prices of one service in one region, and the file's publication date."""
    rule = RULES[service]
    index = client.json(f"{endpoint}/offers/v1.0/aws/index.json")
    offer = (index.get("offers") or {}).get(OFFER_CODES.get(service, service))
    if not isinstance(offer, dict) or "currentRegionIndexUrl" not in offer:
        raise RefreshError(f"aws: the offer index lists no {service}; check --service")
    region_index = client.json(endpoint + offer["currentRegionIndexUrl"])
    wanted = "global" if service in GLOBAL_SERVICES else region
    entry = (region_index.get("regions") or {}).get(wanted)
    if entry is None:
        raise RefreshError(
            f"aws {service}: region {wanted} is not in the region index; check the region name"
        )
    url = endpoint + str(entry["currentVersionUrl"]).removesuffix(".json") + ".csv"
    published = str(region_index.get("publicationDate", ""))[:10]
    # key -> (its match, price band -> price): one entry per key and band however many rows
    # repeat it, so memory follows the catalog written, not the file read
    found: dict[str, tuple[Match, dict[Decimal, Decimal]]] = {}
    where = f"aws {service} {region} ({url})"
    lines = client.lines(url, conditional=True)
    for row in rows(lines, where, reserved=service in RESERVABLE, counter=counter):
        if row.get("TermType") == "Reserved":
            match = _reserved(service, row, rule)
        elif row.get("TermType") == "OnDemand":
            match = rule(row)
        else:
            continue
        if match is None:
            continue
        try:
            price = Decimal(row["PricePerUnit"])
            start = Decimal(row.get("StartingRange") or 0)
        except InvalidOperation:
            raise RefreshError(
                f"aws {service} {region}: price {row['PricePerUnit']!r} for {match.key}; "
                "nothing written"
            ) from None
        if price < 0 or not price.is_finite():
            raise RefreshError(f"aws {service} {region}: negative price for {match.key}")
        other = found.setdefault(match.key, (match, {}))[1].setdefault(start, price)
        if other != price:  # the filter let an unwanted row through: stop at the first one
            both = " and ".join(format(p.normalize(), "f") for p in sorted((other, price)))
            raise RefreshError(
                f"aws {service} {region}: two prices for {match.key} ({both}); the filter let "
                "an unwanted row through; nothing written, the previous catalog is kept "
                "(report it: finops_gate/catalogs/refresh/aws.py)"
            )
    where = GLOBAL if service in GLOBAL_SERVICES else region
    priced = [p for key, got in sorted(found.items()) for p in _resolve(key, got, where)]
    return _per_class(priced), published


# reserved capacity: the no-upfront hourly rate of an instance, database, cache node or dedicated
# host, under the key the mappers read (estimate/aws/reserved.py): ``<on-demand key>.reserved.
# [<standard|convertible>.]<1yr|3yr>.no_upfront``; the offering class is in EC2 instance keys
# only. Partial and all upfront reservations carry an upfront fee no catalog key holds: not kept
RESERVABLE = frozenset({"AmazonEC2", "AmazonRDS", "AmazonElastiCache"})
_RESERVED_KEYS = ("ec2.instance.", "ec2.host.", "rds.instance.", "elasticache.node.")


def _reserved(service: str, row: Row, rule: Rule) -> Match | None:
    lease, offering = row.get("LeaseContractLength", ""), row.get("OfferingClass", "")
    if (
        service not in RESERVABLE
        or row.get("PurchaseOption") != "No Upfront"
        or row.get("Unit") not in ("Hrs", "Hours")
        or lease not in ("1yr", "3yr")
    ):
        return None
    match = rule(row)
    if match is None or not match.key.startswith(_RESERVED_KEYS):
        return None
    kind = ""
    if match.key.startswith("ec2.instance."):
        if offering not in ("standard", "convertible"):
            return None
        kind = f"{offering}."
    suffix = f".reserved.{kind}{lease}.no_upfront"
    return Match(match.key + suffix, match.unit, also=tuple(a + suffix for a in match.also))


_RDS_CLASS = re.compile(r"^rds\.instance\.[^.]+\.(?P<cls>db\.(?P<fam>[a-z0-9]+)\.[a-z0-9]+)")


def _per_class(priced: list[Priced]) -> list[Priced]:
    """Performance Insights long-term retention is sold per instance family (``PI_LTR:M5``) and
    the mappers key it per class: one key for every class of that family the same file sells."""
    families = {p.key.removeprefix(_PI_FAMILY): p for p in priced if p.key.startswith(_PI_FAMILY)}
    if not families:
        return priced
    out = [p for p in priced if not p.key.startswith(_PI_FAMILY)]
    classes = {m["cls"]: m["fam"] for p in out if (m := _RDS_CLASS.match(p.key))}
    for klass, fam in sorted(classes.items()):
        if (rate := families.get(fam)) is not None:
            key = f"rds.performance_insights.retention.{klass}"
            out.append(Priced(key, rate.region, rate.price, rate.unit))
    return out


def _resolve(key: str, got: tuple[Match, dict[Decimal, Decimal]], region: str) -> Iterator[Priced]:
    """The catalog prices of one key's rows: one per tier, or the first paid tier."""
    match, by_band = got
    bands = sorted(by_band)
    if match.tiers:
        names = (match.key, *match.tiers)
        if len(bands) > len(names):
            raise RefreshError(
                f"aws {region}: {key} has {len(bands)} price tiers, the mappers know "
                f"{len(names)}; nothing written (update the tiers in finops_gate/catalogs/"
                "refresh/aws.py)"
            )
        for name, band in zip(names, bands, strict=False):
            yield Priced(name, region, by_band[band] * match.scale, match.unit)
        for name in match.also:  # sold at the first band's rate
            yield Priced(name, region, by_band[bands[0]] * match.scale, match.unit)
        return
    paid = [band for band in bands if by_band[band] > 0]
    band = paid[0] if paid else bands[0]
    for name in (key, *match.also):
        yield Priced(name, region, by_band[band] * match.scale, match.unit)


def unmatched(service: str, keys: set[str]) -> list[str]:
    """The usage types of ``service`` no row was found for (``key (usage type)``): a product the
    region does not sell, or a usage type AWS renamed; either way those keys stay unpriced."""
    table = {**TABLES.get(service, {}), **EXTRA_TABLES.get(service, {})}
    return sorted(f"{m.key} ({name})" for name, m in table.items() if m.key not in keys)
