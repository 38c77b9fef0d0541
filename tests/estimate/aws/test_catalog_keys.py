"""Every price key the AWS mappers emit is in the catalog, and every catalog key is emitted.

Keys are collected by running every mapper over the per-type plan fixtures and, where they are
present beside the repository, over Infracost's AWS golden cases (plan JSON where cached, else
the .tf reader). Keys built from an attribute (an instance type, a DB class, a node type) are
checked by family. What is missing either way is listed below with its reason; an entry that is
no longer true fails, so the lists only shrink.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import date
from pathlib import Path

import pytest

from finops_gate.estimate.aws import REGISTRY, flow_log
from finops_gate.usage import UsageFile
from tests.conformance.oracle import cases, goldens_dir, plan_path, usage_settings
from tests.conformance.oracle import resources as golden_resources
from tests.estimate.aws.plan_fixture import FIXTURES, resources, usage_file

CATALOG = max((Path(__file__).resolve().parents[3] / "pricing" / "aws").glob("*.json"))
DAY = date(2025, 7, 7)  # a date when the extended-support rates apply to the fixtures' versions

# keys built from an attribute value: any value may be asked for, the catalog holds some
PARAMETRIC = re.compile(
    r"^(ec2\.instance|ec2\.host|rds\.instance|elasticache\.node|opensearch\.instance"
    r"|redshift\.node|redshift\.concurrency_scaling|apigateway\.cache|eks\.node"
    r"|cloudfront\.origin_shield|rds\.performance_insights\.retention|codebuild|dms\.instance"
    r"|dx\.connection|dx\.data_out|lightsail\.instance)\."
)

# emitted, not in the catalog (each line is unpriced with the key named, never $0)
NOT_IN_CATALOG = {
    "dx.sitelink": "no Direct Connect SiteLink rate in the reference data",
    "dx.sitelink.data": "no Direct Connect SiteLink rate in the reference data",
    "ebs.io2.iops.tier2": "the golden tables show only io2's first IOPS tier",
    "dms.storage.gp2.single-az": "the dms golden shows only Multi-AZ storage beyond the included",
    "ec2.cpu_credits.windows": "the reference data holds the Linux CPU credit rate only",
    "elb.gateway": "no Gateway Load Balancer row in the reference data",
    "fargate.ephemeral_storage_gb": "no Fargate ephemeral-storage row in the reference data",
    "fargate.memory_gb.arm64": "the reference data holds Linux/x86 Fargate rates only",
    "fargate.vcpu.arm64": "the reference data holds Linux/x86 Fargate rates only",
    "lambda.provisioned_concurrency.x86_64": "the golden tables show arm64 provisioned rates only",
    "docdb.storage_io_optimized": "no golden shows DocumentDB I/O-Optimized storage",
    "neptune.storage_io_optimized": "the Neptune golden prices an iopt1 cluster at Standard rates",
    "lambda.provisioned_duration.x86_64": "the golden tables show arm64 provisioned rates only",
    "fsx.openzfs.storage.ssd.multi_az_1": "the golden shows OpenZFS SINGLE_AZ_1 rates only",
    "fsx.openzfs.throughput.multi_az_1": "the golden shows OpenZFS SINGLE_AZ_1 rates only",
    "fsx.windows.backup_storage.single_az": "the golden shows Multi-AZ Windows rates only",
    "fsx.windows.iops.multi_az": "the golden shows no Windows provisioned-IOPS rate",
    "fsx.windows.storage.ssd.single_az": "the golden shows Multi-AZ Windows rates only",
    "fsx.windows.throughput.single_az": "the golden shows Multi-AZ Windows rates only",
    "glue.job.flex.dpu_hours": "no Glue Flex execution rate in the reference data",
    "grafana.enterprise_plugins": "no Grafana Enterprise plugins rate in the reference data",
    **{
        key: "no vended-log delivery rate in the reference data (its "
        "custom-log ingestion rate is another product)"
        for key in flow_log.PRICE_KEYS
    },
}

# in the catalog, emitted by no mapper yet
NOT_EMITTED = {
    "kms.requests.ecc_generate_data_key_pair": "ECC data-key-pair requests are not read",
    "kms.requests.rsa_generate_data_key_pair": "RSA data-key-pair requests are not read",
    "opensearch.gp3.throughput": "gp3 throughput above the baseline is not priced yet",
}


def _lines(kind: str, rs: list, usage: UsageFile) -> set[str]:
    return {key for key, _ in _pairs(kind, rs, usage)}


def _pairs(kind: str, rs: list, usage: UsageFile) -> set[tuple[str, str | None]]:
    """(price key, region) of every line the mappers emit for ``rs``."""
    pairs: set[tuple[str, str | None]] = set()
    for r in rs:
        if r.kind != kind and r.kind not in REGISTRY:
            continue
        found = usage.for_resource(r.address, r.kind)
        found = type(found)(found.values, found.origins, on=DAY)
        for line in REGISTRY[r.kind](r, found):
            # a fallback (the on-demand line of a reservation) is a key the mapper asks for too
            for asked in (line, line.fallback):
                if asked is not None and asked.price_key:
                    # a global-table replica's line is billed in the replica's region
                    pairs.add((asked.price_key, line.region or r.region))
    return pairs


@functools.cache
def emitted_pairs() -> frozenset[tuple[str, str | None]]:
    pairs: set[tuple[str, str | None]] = set()
    for path in FIXTURES.glob("*.json"):
        kind = path.name.removesuffix(".json")
        pairs |= _pairs(kind, resources(kind), usage_file(kind))
    root = goldens_dir()
    if root.is_dir():
        for case in cases(root):
            # both readers where a plan is cached: the keys must not depend on the machine
            modes = ("hcl", "plan") if plan_path(case).is_file() else ("hcl",)
            for mode in modes:
                usage = usage_settings(case).terraform_usage
                pairs |= _pairs("", golden_resources(case, mode), usage)
    return frozenset(pairs)


def emitted() -> frozenset[str]:
    return frozenset(key for key, _ in emitted_pairs())


def _catalog() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(CATALOG.read_text(encoding="utf-8"))["prices"]
    return data


def test_every_fixed_key_a_mapper_emits_is_in_the_catalog() -> None:
    catalog = _catalog()
    missing = sorted(k for k in emitted() if k not in catalog and not PARAMETRIC.match(k))
    assert missing == sorted(NOT_IN_CATALOG)


# asked for in a region the catalog covers, absent there (each line unpriced with the refresh hint)
NOT_IN_REGION = {
    ("ec2.cpu_credits", "eu-west-1"): "no eu-west-1 CPU-credit rate in the reference data (the "
    "Elastic Beanstalk golden, the one eu-west-1 EC2 source, leaves the credits out)",
    ("dynamodb.rcu", "us-west-1"): "the reference data holds only replicated writes for us-west-1",
    ("dynamodb.rru", "us-west-1"): "the reference data holds only replicated writes for us-west-1",
    ("dynamodb.storage", "us-west-1"): "the reference data holds only replicated writes there",
    ("dynamodb.pitr_storage", "us-west-1"): "the reference data holds only replicated writes there",
    **{
        (
            key,
            "eu-west-2",
        ): "the reference data holds only Neptune and Firehose rates for eu-west-2 (the S3 "
        "bucket of the Firehose golden asks there)"
        for key in (
            "s3.standard.storage",
            "s3.standard.tier1_requests",
            "s3.standard.tier2_requests",
        )
    },
}


def test_every_key_a_mapper_emits_is_priced_in_each_region_the_catalog_claims() -> None:
    """A catalog that covers a region (holds any price there) must hold there every key the
    mappers ask for in that region; a key it lacks everywhere is listed above instead."""
    catalog = _catalog()
    claimed = {r for entry in catalog.values() for r in entry["regions"]} - {"*"}  # type: ignore[attr-defined]
    missing = sorted(
        (key, region)
        for key, region in emitted_pairs()
        if region in claimed
        and key in catalog
        and region not in catalog[key]["regions"]  # type: ignore[operator]
        and "*" not in catalog[key]["regions"]  # type: ignore[operator]
    )
    assert [m for m in missing if m not in NOT_IN_REGION] == []
    if goldens_dir().is_dir():
        assert [gap for gap in NOT_IN_REGION if gap not in missing] == []  # no stale entry
        # every region the catalog holds is asked for (us-west-1: the replicas of the goldens)
        assert claimed <= {region for _, region in emitted_pairs()}


# emitted only when the goldens are read from cached plans (.conformance-cache): the .tf reader
# does not join a FIFO topic's subscriptions, so without the cache these keys are not emitted
PLAN_MODE_ONLY = frozenset({"sns.fifo.notification_payload", "sns.fifo.notifications"})


def test_every_catalog_key_is_emitted_by_some_mapper() -> None:
    if not goldens_dir().is_dir():
        pytest.skip("the golden cases exercise most keys; without them this list is not final")
    never = sorted(k for k in _catalog() if k not in emitted() and not PARAMETRIC.match(k))
    if not any(plan_path(case).is_file() for case in cases(goldens_dir())):
        never = [k for k in never if k not in PLAN_MODE_ONLY]
    assert never == sorted(NOT_EMITTED)


def _family(key: str) -> str | None:
    found = PARAMETRIC.match(key)
    return None if found is None else found.group(0)


def test_every_parametric_family_in_the_catalog_is_emitted() -> None:
    if not goldens_dir().is_dir():
        pytest.skip("the golden cases emit most families; without them this list is not final")
    families = {_family(k) for k in _catalog()} - {None}
    assert families <= {_family(k) for k in emitted()}
