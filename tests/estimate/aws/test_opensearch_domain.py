"""aws_opensearch_domain / aws_elasticsearch_domain: nodes, per-node EBS storage, gp3 extras."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from finops_gate.estimate.aws import opensearch_domain
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import Usage, UsageFile
from finops_gate.model import Resource, SideCost, Status
from tests.estimate.aws.plan_fixture import CATALOGS


def _domain(ebs: dict[str, Any], nodes: int = 2) -> SideCost:
    attributes = {
        "cluster_config": [{"instance_type": "c4.2xlarge.elasticsearch", "instance_count": nodes}],
        "ebs_options": [{"ebs_enabled": True, **ebs}],
    }
    resource = Resource(
        "aws_elasticsearch_domain.d",
        "terraform",
        "aws_elasticsearch_domain",
        "aws",
        "us-east-1",
        attributes,
    )
    return price_side(resource, UsageFile(), CATALOGS)


def test_ebs_storage_is_billed_for_every_data_node() -> None:
    side = _domain({"volume_type": "gp2", "volume_size": 100}, nodes=3)
    storage = next(x for x in side.lines if x.name.startswith("Storage"))
    assert storage.monthly_quantity == Decimal(300)


def test_gp3_within_the_least_baseline_adds_nothing_and_above_it_is_unpriced() -> None:
    within = _domain({"volume_type": "gp3", "volume_size": 150, "throughput": 125, "iops": 3000})
    assert within.status is Status.PRICED
    above = _domain({"volume_type": "gp3", "volume_size": 150, "throughput": 200})
    assert above.status is Status.UNPRICED and above.monthly is None
    assert "gp3 baseline" in (above.reason or "")


def test_a_dedicated_master_count_left_unset_is_said_as_an_assumption() -> None:
    # three masters were priced for an unset dedicated_master_count without a word
    domain = Resource(
        "aws_opensearch_domain.d",
        "terraform",
        "aws_opensearch_domain",
        "aws",
        "us-east-1",
        {
            "cluster_config": [
                {
                    "instance_type": "c4.2xlarge.search",
                    "dedicated_master_enabled": True,
                    "dedicated_master_type": "c4.8xlarge.search",
                }
            ]
        },
    )
    _, master = opensearch_domain.cost_lines(domain, Usage())
    assert master.quantity == 3 * 730
    assert master.assumption == ("cluster_config.0.dedicated_master_count", "3 (not set)")
