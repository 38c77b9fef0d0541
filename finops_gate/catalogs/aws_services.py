"""Which AWS Price List service (``finops-gate pricing refresh aws --service``) writes which
catalog keys, by key prefix: what the refresh rules produce (``catalogs/refresh/aws.py``, each
service checked to write only its own prefixes), and what an unpriced reason names as the fix
for a rate the shipped catalog does not hold (``catalogs/price.py``)."""

from __future__ import annotations

KEY_PREFIXES: dict[str, tuple[str, ...]] = {
    "AmazonEC2": ("ec2.", "ebs.", "nat."),
    "AmazonVPC": ("vpc.", "vpc_endpoint.", "tgw.", "vpn.", "clientvpn."),
    "AmazonEKS": ("eks.cluster",),
    "AWSELB": ("elb.",),
    "AmazonECS": ("fargate.",),
    "AWSLambda": ("lambda.",),
    "AmazonDynamoDB": ("dynamodb.",),
    "AmazonDocDB": ("docdb.",),
    "AmazonCloudWatch": ("cloudwatch.",),
    "AmazonElastiCache": ("elasticache.",),
    "AmazonEFS": ("efs.",),
    "AmazonMSK": ("msk.",),
    "AmazonNeptune": ("neptune.",),
    "AmazonMQ": ("mq.",),
    "AWSDatabaseMigrationSvc": ("dms.",),
    "AWSNetworkFirewall": ("networkfirewall.",),
    "AWSTransfer": ("transfer.",),
    "AmazonKinesisFirehose": ("firehose.",),
    "AmazonES": ("opensearch.",),
    "AmazonRedshift": ("redshift.",),
    "AmazonRDS": ("rds.",),
    "AWSQueueService": ("sqs.",),
    "AmazonSNS": ("sns.",),
    "awskms": ("kms.",),
    "AWSSecretsManager": ("secretsmanager.",),
    "AmazonRoute53": ("route53.",),
    "AmazonKinesis": ("kinesis.",),
    "AmazonS3": ("s3.",),
    "AmazonGlacier": ("s3.glacier_flexible_retrieval.",),
    "AmazonS3GlacierDeepArchive": ("s3.glacier_deep_archive.",),
    "AmazonCloudFront": ("cloudfront.",),
    "AmazonApiGateway": ("apigateway.", "apigatewayv2."),
    "AmazonStates": ("sfn.",),
    "AmazonECR": ("ecr.",),
    "AWSSystemsManager": ("ssm.",),
    "AWSCertificateManager": ("acmpca.", "acm."),
    "AWSCloudTrail": ("cloudtrail.",),
    "CodeBuild": ("codebuild.",),
    "AWSConfig": ("config.",),
    "AmazonRoute53Resolver": ("route53resolver.",),
    "AmazonFSx": ("fsx.",),
    "AWSDirectoryService": ("directoryservice.",),
    "CloudHSM": ("cloudhsm.",),
    "awswaf": ("waf.", "wafv2."),
    "AWSBackup": ("backup.",),
    "AWSGlue": ("glue.",),
    "AmazonKinesisAnalytics": ("kinesisanalytics.",),
    "AWSDirectConnect": ("dx.",),
    "AWSCloudFormation": ("cloudformation.",),
    "AWSEvents": ("eventbridge.",),
    "AmazonGrafana": ("grafana.",),
    "AmazonMWAA": ("mwaa.",),
}


# keys under a service's prefix that its refresh does not write (the offer rows do not tell
# them apart: tests/pricing/test_refresh_aws_services.py NOT_REFRESHED gives each reason)
NOT_WRITTEN = (
    "fsx.openzfs.iops.",
    "fsx.openzfs.storage.",
    "fsx.openzfs.throughput.",
    "backup.efs.cold_storage",
    "dx.data_out.",
    "dx.sitelink",
    "mwaa.environment.",
    "mwaa.worker.",
    "mwaa.scheduler.",
    # no refresh rule reads these rows (the mappers' lines stay unpriced, naming the key)
    "rds.extended_support.serverless.",
    "cloudwatch.database_insights.",
    "kms.requests.hmac",
    "ebs.snapshot.archive_storage",
    "efs.elastic_throughput.",
)


def service_for(key: str) -> str | None:
    """The service whose refresh writes ``key`` (the longest prefix that matches: a Glacier
    retrieval key is AmazonGlacier's, not AmazonS3's), or None when no refresh writes it."""
    if key.startswith(NOT_WRITTEN):
        return None
    best: tuple[int, str] | None = None
    for service, prefixes in KEY_PREFIXES.items():
        for prefix in prefixes:
            if key.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), service)
    return None if best is None else best[1]
