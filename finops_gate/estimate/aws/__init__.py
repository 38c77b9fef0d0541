"""AWS mappers, one small module per resource kind (see each module for the price page it models).

``REGISTRY`` maps a Terraform resource type to its mapper; ``FREE`` lists the types that cost
nothing by themselves. Anything in neither is reported ``unsupported``, never as $0.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

Mapper = Callable[[Resource, Usage], Sequence[CostLine]]

# Each mapper's module is imported by its first resource, not with this package: a plan of
# a few types loads their modules alone (start-up). One small function per mapper, with a static
# import (tests/test_layers.py reads them; nothing is imported by name).


def _acm_certificate(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import acm_certificate

    return acm_certificate.cost_lines(resource, usage)


def _acmpca_certificate_authority(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import acmpca_certificate_authority

    return acmpca_certificate_authority.cost_lines(resource, usage)


def _api_gateway_rest_api(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import api_gateway

    return api_gateway.rest_api_lines(resource, usage)


def _api_gateway_stage(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import api_gateway

    return api_gateway.stage_lines(resource, usage)


def _api_gateway_v2_api(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import api_gateway

    return api_gateway.v2_api_lines(resource, usage)


def _autoscaling_group(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import autoscaling_group

    return autoscaling_group.cost_lines(resource, usage)


def _backup_vault(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import backup_vault

    return backup_vault.cost_lines(resource, usage)


def _cloudfront_distribution(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import cloudfront_distribution

    return cloudfront_distribution.cost_lines(resource, usage)


def _cloudtrail(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import cloudtrail

    return cloudtrail.cost_lines(resource, usage)


def _cloudhsm_v2_hsm(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import cloudhsm

    return cloudhsm.cost_lines(resource, usage)


def _cloudwatch_log_group(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import cloudwatch_log_group

    return cloudwatch_log_group.cost_lines(resource, usage)


def _cloudwatch_metric_alarm(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import cloudwatch_metric_alarm

    return cloudwatch_metric_alarm.cost_lines(resource, usage)


def _docdb_cluster(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import docdb

    return docdb.cluster_lines(resource, usage)


def _docdb_cluster_instance(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import docdb

    return docdb.instance_lines(resource, usage)


def _docdb_cluster_snapshot(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import docdb

    return docdb.snapshot_lines(resource, usage)


def _codebuild_project(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import codebuild_project

    return codebuild_project.cost_lines(resource, usage)


def _config_configuration_recorder(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import config_configuration_recorder

    return config_configuration_recorder.cost_lines(resource, usage)


def _config_rule(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import config_rule

    return config_rule.cost_lines(resource, usage)


def _dms_replication_instance(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import dms_replication_instance

    return dms_replication_instance.cost_lines(resource, usage)


def _directory_service_directory(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import directory_service

    return directory_service.cost_lines(resource, usage)


def _dynamodb_table(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import dynamodb_table

    return dynamodb_table.cost_lines(resource, usage)


def _dynamodb_table_replica(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import dynamodb_table

    return dynamodb_table.replica_lines(resource, usage)


def _ebs_snapshot(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import ebs_snapshot

    return ebs_snapshot.cost_lines(resource, usage)


def _ebs_volume(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import ebs_volume

    return ebs_volume.cost_lines(resource, usage)


def _ec2_host(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import ec2_host

    return ec2_host.cost_lines(resource, usage)


def _ec2_instance(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import ec2_instance

    return ec2_instance.cost_lines(resource, usage)


def _ecr_repository(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import ecr_repository

    return ecr_repository.cost_lines(resource, usage)


def _ecs_service(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import ecs_service

    return ecs_service.cost_lines(resource, usage)


def _efs_file_system(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import efs_file_system

    return efs_file_system.cost_lines(resource, usage)


def _eip(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import eip

    return eip.cost_lines(resource, usage)


def _eks_cluster(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import eks_cluster

    return eks_cluster.cost_lines(resource, usage)


def _eks_fargate_profile(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import eks_fargate_profile

    return eks_fargate_profile.cost_lines(resource, usage)


def _eks_node_group(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import eks_node_group

    return eks_node_group.cost_lines(resource, usage)


def _elasticache_cluster(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import elasticache

    return elasticache.cluster_lines(resource, usage)


def _elasticache_replication_group(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import elasticache

    return elasticache.replication_group_lines(resource, usage)


def _elb(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import elb

    return elb.cost_lines(resource, usage)


def _flow_log(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import flow_log

    return flow_log.cost_lines(resource, usage)


def _fsx_openzfs_file_system(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import fsx

    return fsx.openzfs_lines(resource, usage)


def _fsx_windows_file_system(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import fsx

    return fsx.windows_lines(resource, usage)


def _glue_catalog_database(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import glue

    return glue.catalog_database_lines(resource, usage)


def _glue_crawler(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import glue

    return glue.crawler_lines(resource, usage)


def _glue_job(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import glue

    return glue.job_lines(resource, usage)


def _globalaccelerator_accelerator(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import global_accelerator

    return global_accelerator.cost_lines(resource, usage)


def _globalaccelerator_endpoint_group(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import global_accelerator_endpoint_group

    return global_accelerator_endpoint_group.cost_lines(resource, usage)


def _kinesis_analytics_application(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import kinesis_analytics

    return kinesis_analytics.sql_application_lines(resource, usage)


def _kinesisanalyticsv2_application(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import kinesis_analytics

    return kinesis_analytics.application_lines(resource, usage)


def _kinesisanalyticsv2_application_snapshot(
    resource: Resource, usage: Usage
) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import kinesis_analytics

    return kinesis_analytics.snapshot_lines(resource, usage)


def _kinesis_stream(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import kinesis_stream

    return kinesis_stream.cost_lines(resource, usage)


def _kinesis_firehose_delivery_stream(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import kinesis_firehose_delivery_stream

    return kinesis_firehose_delivery_stream.cost_lines(resource, usage)


def _kms_key(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import kms_key

    return kms_key.cost_lines(resource, usage)


def _lambda_function(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import lambda_function

    return lambda_function.cost_lines(resource, usage)


def _lambda_provisioned_concurrency(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import lambda_provisioned_concurrency

    return lambda_provisioned_concurrency.cost_lines(resource, usage)


def _load_balancer(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import load_balancer

    return load_balancer.cost_lines(resource, usage)


def _mq_broker(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import mq_broker

    return mq_broker.cost_lines(resource, usage)


def _msk_cluster(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import msk_cluster

    return msk_cluster.cost_lines(resource, usage)


def _nat_gateway(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import nat_gateway

    return nat_gateway.cost_lines(resource, usage)


def _neptune_cluster(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import neptune

    return neptune.cluster_lines(resource, usage)


def _neptune_cluster_instance(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import neptune

    return neptune.instance_lines(resource, usage)


def _neptune_cluster_snapshot(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import neptune

    return neptune.snapshot_lines(resource, usage)


def _networkfirewall_firewall(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import networkfirewall_firewall

    return networkfirewall_firewall.cost_lines(resource, usage)


def _opensearch_domain(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import opensearch_domain

    return opensearch_domain.cost_lines(resource, usage)


def _rds_cluster(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import rds_cluster

    return rds_cluster.cost_lines(resource, usage)


def _rds_cluster_instance(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import rds_cluster_instance

    return rds_cluster_instance.cost_lines(resource, usage)


def _rds_instance(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import rds_instance

    return rds_instance.cost_lines(resource, usage)


def _redshift_cluster(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import redshift_cluster

    return redshift_cluster.cost_lines(resource, usage)


def _route53_health_check(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import route53_health_check

    return route53_health_check.cost_lines(resource, usage)


def _route53_record(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import route53_record

    return route53_record.cost_lines(resource, usage)


def _route53_resolver_endpoint(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import route53_resolver_endpoint

    return route53_resolver_endpoint.cost_lines(resource, usage)


def _route53_zone(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import route53_zone

    return route53_zone.cost_lines(resource, usage)


def _s3_bucket(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import s3_bucket

    return s3_bucket.cost_lines(resource, usage)


def _secretsmanager_secret(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import secretsmanager_secret

    return secretsmanager_secret.cost_lines(resource, usage)


def _sfn_state_machine(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import sfn_state_machine

    return sfn_state_machine.cost_lines(resource, usage)


def _sns_topic(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import sns_topic

    return sns_topic.cost_lines(resource, usage)


def _sns_topic_subscription(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import sns_topic_subscription

    return sns_topic_subscription.cost_lines(resource, usage)


def _sqs_queue(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import sqs_queue

    return sqs_queue.cost_lines(resource, usage)


def _ssm_parameter(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import ssm_parameter

    return ssm_parameter.cost_lines(resource, usage)


def _client_vpn_endpoint(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import client_vpn

    return client_vpn.endpoint_lines(resource, usage)


def _client_vpn_network_association(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import client_vpn

    return client_vpn.association_lines(resource, usage)


def _dx_virtual_interface(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import dx_virtual_interface

    return dx_virtual_interface.cost_lines(resource, usage)


def _dx_connection(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import dx_connection

    return dx_connection.cost_lines(resource, usage)


def _dx_gateway_association(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import dx_gateway_association

    return dx_gateway_association.cost_lines(resource, usage)


def _traffic_mirror_session(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import traffic_mirror_session

    return traffic_mirror_session.cost_lines(resource, usage)


def _transit_gateway_peering(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import transit_gateway

    return transit_gateway.peering_lines(resource, usage)


def _transit_gateway(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import transit_gateway

    return transit_gateway.cost_lines(resource, usage)


def _transfer_server(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import transfer_server

    return transfer_server.cost_lines(resource, usage)


def _vpc_endpoint(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import vpc_endpoint

    return vpc_endpoint.cost_lines(resource, usage)


def _vpn_connection(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import vpn_connection

    return vpn_connection.cost_lines(resource, usage)


def _waf_web_acl(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import waf

    return waf.classic_lines(resource, usage)


def _wafv2_web_acl(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import waf

    return waf.v2_lines(resource, usage)


def _cloudformation_stack(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import cloudformation_stack

    return cloudformation_stack.cost_lines(resource, usage)


def _cloudfront_function(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import cloudfront_function

    return cloudfront_function.cost_lines(resource, usage)


def _cloudwatch_dashboard(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import cloudwatch_dashboard

    return cloudwatch_dashboard.cost_lines(resource, usage)


def _cloudwatch_event_bus(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import cloudwatch_event_bus

    return cloudwatch_event_bus.cost_lines(resource, usage)


def _kms_external_key(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import kms_external_key

    return kms_external_key.cost_lines(resource, usage)


def _s3_bucket_analytics_configuration(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import s3_bucket_analytics_configuration

    return s3_bucket_analytics_configuration.cost_lines(resource, usage)


def _s3_bucket_inventory(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import s3_bucket_inventory

    return s3_bucket_inventory.cost_lines(resource, usage)


def _ssm_activation(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import ssm_activation

    return ssm_activation.cost_lines(resource, usage)


def _grafana_workspace(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import grafana_workspace

    return grafana_workspace.cost_lines(resource, usage)


def _lightsail_instance(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import lightsail_instance

    return lightsail_instance.cost_lines(resource, usage)


def _mwaa_environment(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import mwaa_environment

    return mwaa_environment.cost_lines(resource, usage)


def _elastic_beanstalk_environment(resource: Resource, usage: Usage) -> Sequence[CostLine]:
    from finops_gate.estimate.aws import elastic_beanstalk_environment

    return elastic_beanstalk_environment.cost_lines(resource, usage)


REGISTRY: dict[str, Mapper] = {
    "aws_acm_certificate": _acm_certificate,
    "aws_acmpca_certificate_authority": _acmpca_certificate_authority,
    "aws_alb": _load_balancer,
    "aws_api_gateway_rest_api": _api_gateway_rest_api,
    "aws_api_gateway_stage": _api_gateway_stage,
    "aws_apigatewayv2_api": _api_gateway_v2_api,
    "aws_autoscaling_group": _autoscaling_group,
    "aws_backup_vault": _backup_vault,
    "aws_cloudformation_stack": _cloudformation_stack,
    "aws_cloudformation_stack_set": _cloudformation_stack,
    "aws_cloudfront_distribution": _cloudfront_distribution,
    "aws_cloudfront_function": _cloudfront_function,
    "aws_cloudhsm_v2_hsm": _cloudhsm_v2_hsm,
    "aws_cloudtrail": _cloudtrail,
    "aws_cloudwatch_dashboard": _cloudwatch_dashboard,
    "aws_cloudwatch_event_bus": _cloudwatch_event_bus,
    "aws_cloudwatch_log_group": _cloudwatch_log_group,
    "aws_cloudwatch_metric_alarm": _cloudwatch_metric_alarm,
    "aws_codebuild_project": _codebuild_project,
    "aws_config_config_rule": _config_rule,
    "aws_config_configuration_recorder": _config_configuration_recorder,
    "aws_config_organization_custom_rule": _config_rule,
    "aws_config_organization_managed_rule": _config_rule,
    "aws_db_instance": _rds_instance,
    "aws_directory_service_directory": _directory_service_directory,
    "aws_dms_replication_instance": _dms_replication_instance,
    "aws_docdb_cluster": _docdb_cluster,
    "aws_docdb_cluster_instance": _docdb_cluster_instance,
    "aws_docdb_cluster_snapshot": _docdb_cluster_snapshot,
    "aws_dx_connection": _dx_connection,
    "aws_dx_gateway_association": _dx_gateway_association,
    "aws_dx_private_virtual_interface": _dx_virtual_interface,
    "aws_dx_transit_virtual_interface": _dx_virtual_interface,
    "aws_dynamodb_table": _dynamodb_table,
    "aws_dynamodb_table_replica": _dynamodb_table_replica,
    "aws_ebs_snapshot": _ebs_snapshot,
    "aws_ebs_snapshot_copy": _ebs_snapshot,
    "aws_ebs_volume": _ebs_volume,
    "aws_ec2_client_vpn_endpoint": _client_vpn_endpoint,
    "aws_ec2_client_vpn_network_association": _client_vpn_network_association,
    "aws_ec2_host": _ec2_host,
    "aws_ec2_traffic_mirror_session": _traffic_mirror_session,
    "aws_ec2_transit_gateway_peering_attachment": _transit_gateway_peering,
    "aws_ec2_transit_gateway_vpc_attachment": _transit_gateway,
    "aws_ecr_repository": _ecr_repository,
    "aws_ecs_service": _ecs_service,
    "aws_efs_file_system": _efs_file_system,
    "aws_eip": _eip,
    "aws_eks_cluster": _eks_cluster,
    "aws_eks_fargate_profile": _eks_fargate_profile,
    "aws_eks_node_group": _eks_node_group,
    "aws_elastic_beanstalk_environment": _elastic_beanstalk_environment,
    "aws_elasticache_cluster": _elasticache_cluster,
    "aws_elasticache_replication_group": _elasticache_replication_group,
    "aws_elasticsearch_domain": _opensearch_domain,
    "aws_elb": _elb,
    "aws_flow_log": _flow_log,
    "aws_fsx_openzfs_file_system": _fsx_openzfs_file_system,
    "aws_fsx_windows_file_system": _fsx_windows_file_system,
    "aws_globalaccelerator_accelerator": _globalaccelerator_accelerator,
    "aws_globalaccelerator_endpoint_group": _globalaccelerator_endpoint_group,
    "aws_grafana_workspace": _grafana_workspace,
    "aws_instance": _ec2_instance,
    "aws_glue_catalog_database": _glue_catalog_database,
    "aws_glue_crawler": _glue_crawler,
    "aws_glue_job": _glue_job,
    "aws_kinesis_analytics_application": _kinesis_analytics_application,
    "aws_kinesis_firehose_delivery_stream": _kinesis_firehose_delivery_stream,
    "aws_kinesisanalyticsv2_application": _kinesisanalyticsv2_application,
    "aws_kinesisanalyticsv2_application_snapshot": _kinesisanalyticsv2_application_snapshot,
    "aws_kinesis_stream": _kinesis_stream,
    "aws_kms_external_key": _kms_external_key,
    "aws_kms_key": _kms_key,
    "aws_lambda_function": _lambda_function,
    "aws_lambda_provisioned_concurrency_config": _lambda_provisioned_concurrency,
    "aws_lb": _load_balancer,
    "aws_lightsail_instance": _lightsail_instance,
    "aws_mq_broker": _mq_broker,
    "aws_msk_cluster": _msk_cluster,
    "aws_mwaa_environment": _mwaa_environment,
    "aws_nat_gateway": _nat_gateway,
    "aws_neptune_cluster": _neptune_cluster,
    "aws_neptune_cluster_instance": _neptune_cluster_instance,
    "aws_neptune_cluster_snapshot": _neptune_cluster_snapshot,
    "aws_networkfirewall_firewall": _networkfirewall_firewall,
    "aws_opensearch_domain": _opensearch_domain,
    "aws_rds_cluster": _rds_cluster,
    "aws_rds_cluster_instance": _rds_cluster_instance,
    "aws_redshift_cluster": _redshift_cluster,
    "aws_route53_health_check": _route53_health_check,
    "aws_route53_record": _route53_record,
    "aws_route53_resolver_endpoint": _route53_resolver_endpoint,
    "aws_route53_zone": _route53_zone,
    "aws_s3_bucket": _s3_bucket,
    "aws_s3_bucket_analytics_configuration": _s3_bucket_analytics_configuration,
    "aws_s3_bucket_inventory": _s3_bucket_inventory,
    "aws_secretsmanager_secret": _secretsmanager_secret,
    "aws_sfn_state_machine": _sfn_state_machine,
    "aws_sns_topic": _sns_topic,
    "aws_sns_topic_subscription": _sns_topic_subscription,
    "aws_sqs_queue": _sqs_queue,
    "aws_ssm_activation": _ssm_activation,
    "aws_ssm_parameter": _ssm_parameter,
    "aws_transfer_server": _transfer_server,
    "aws_vpc_endpoint": _vpc_endpoint,
    "aws_vpn_connection": _vpn_connection,
    "aws_waf_web_acl": _waf_web_acl,
    "aws_wafv2_web_acl": _wafv2_web_acl,
}

# Types that cost nothing by themselves (configuration, wiring, access control), each with why:
# reviewed data in free.yml. A type that costs money with usage (Route 53 records, SNS
# subscriptions, ...) is never here.
# Read on first use (``FREE_WHY``/``FREE`` as module attributes): a run whose types all have
# mappers never parses it (start-up).


@functools.cache
def _free_why() -> dict[str, str]:
    from finops_gate.estimate import free_list

    return free_list.read(Path(__file__).with_name("free.yml"))


def __getattr__(name: str) -> Any:
    if name == "FREE_WHY":
        return _free_why()
    if name == "FREE":
        return _free()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _free() -> frozenset[str]:
    return frozenset(_free_why())
