"""AWS mappers, one small module per resource kind (see each module for the price page it models).

``REGISTRY`` maps a Terraform resource type to its mapper; ``FREE`` lists the types that cost
nothing by themselves. Anything in neither is reported ``unsupported``, never as $0.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from finops_gate.estimate.aws import (
    acm_certificate,
    acmpca_certificate_authority,
    api_gateway,
    autoscaling_group,
    cloudfront_distribution,
    cloudwatch_log_group,
    cloudwatch_metric_alarm,
    dynamodb_table,
    ebs_snapshot,
    ebs_volume,
    ec2_host,
    ec2_instance,
    ecr_repository,
    ecs_service,
    efs_file_system,
    eip,
    eks_cluster,
    eks_node_group,
    elasticache,
    elb,
    flow_log,
    kinesis_stream,
    kms_key,
    lambda_function,
    lambda_provisioned_concurrency,
    load_balancer,
    msk_cluster,
    nat_gateway,
    opensearch_domain,
    rds_cluster,
    rds_cluster_instance,
    rds_instance,
    redshift_cluster,
    route53_record,
    route53_zone,
    s3_bucket,
    secretsmanager_secret,
    sfn_state_machine,
    sns_topic,
    sns_topic_subscription,
    sqs_queue,
    ssm_parameter,
    transit_gateway,
    vpc_endpoint,
    vpn_connection,
)
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

REGISTRY: dict[str, Callable[[Resource, Usage], Sequence[CostLine]]] = {
    "aws_acm_certificate": acm_certificate.cost_lines,
    "aws_acmpca_certificate_authority": acmpca_certificate_authority.cost_lines,
    "aws_alb": load_balancer.cost_lines,
    "aws_api_gateway_rest_api": api_gateway.rest_api_lines,
    "aws_api_gateway_stage": api_gateway.stage_lines,
    "aws_apigatewayv2_api": api_gateway.v2_api_lines,
    "aws_autoscaling_group": autoscaling_group.cost_lines,
    "aws_cloudfront_distribution": cloudfront_distribution.cost_lines,
    "aws_cloudwatch_log_group": cloudwatch_log_group.cost_lines,
    "aws_cloudwatch_metric_alarm": cloudwatch_metric_alarm.cost_lines,
    "aws_db_instance": rds_instance.cost_lines,
    "aws_dynamodb_table": dynamodb_table.cost_lines,
    "aws_dynamodb_table_replica": dynamodb_table.replica_lines,
    "aws_ebs_snapshot": ebs_snapshot.cost_lines,
    "aws_ebs_snapshot_copy": ebs_snapshot.cost_lines,
    "aws_ebs_volume": ebs_volume.cost_lines,
    "aws_ec2_host": ec2_host.cost_lines,
    "aws_ec2_transit_gateway_vpc_attachment": transit_gateway.cost_lines,
    "aws_ecr_repository": ecr_repository.cost_lines,
    "aws_ecs_service": ecs_service.cost_lines,
    "aws_efs_file_system": efs_file_system.cost_lines,
    "aws_eip": eip.cost_lines,
    "aws_eks_cluster": eks_cluster.cost_lines,
    "aws_eks_node_group": eks_node_group.cost_lines,
    "aws_elasticache_cluster": elasticache.cluster_lines,
    "aws_elasticache_replication_group": elasticache.replication_group_lines,
    "aws_elasticsearch_domain": opensearch_domain.cost_lines,
    "aws_elb": elb.cost_lines,
    "aws_flow_log": flow_log.cost_lines,
    "aws_instance": ec2_instance.cost_lines,
    "aws_kinesis_stream": kinesis_stream.cost_lines,
    "aws_kms_key": kms_key.cost_lines,
    "aws_lambda_function": lambda_function.cost_lines,
    "aws_lambda_provisioned_concurrency_config": lambda_provisioned_concurrency.cost_lines,
    "aws_lb": load_balancer.cost_lines,
    "aws_msk_cluster": msk_cluster.cost_lines,
    "aws_nat_gateway": nat_gateway.cost_lines,
    "aws_opensearch_domain": opensearch_domain.cost_lines,
    "aws_rds_cluster": rds_cluster.cost_lines,
    "aws_rds_cluster_instance": rds_cluster_instance.cost_lines,
    "aws_redshift_cluster": redshift_cluster.cost_lines,
    "aws_route53_record": route53_record.cost_lines,
    "aws_route53_zone": route53_zone.cost_lines,
    "aws_s3_bucket": s3_bucket.cost_lines,
    "aws_secretsmanager_secret": secretsmanager_secret.cost_lines,
    "aws_sfn_state_machine": sfn_state_machine.cost_lines,
    "aws_sns_topic": sns_topic.cost_lines,
    "aws_sns_topic_subscription": sns_topic_subscription.cost_lines,
    "aws_sqs_queue": sqs_queue.cost_lines,
    "aws_ssm_parameter": ssm_parameter.cost_lines,
    "aws_vpc_endpoint": vpc_endpoint.cost_lines,
    "aws_vpn_connection": vpn_connection.cost_lines,
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
