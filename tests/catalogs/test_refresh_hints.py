"""An AWS price missing in a region (the shipped aws catalog is whole for us-east-1 only) names
the refresh that fetches it; a key no catalog knows, and other clouds, do not."""

from __future__ import annotations

from finops_gate.catalogs.store import CatalogSet


def test_an_aws_key_priced_only_elsewhere_names_the_refresh_command() -> None:
    aws = CatalogSet().price_catalog("aws")
    assert "eu-west-1" in aws.regions  # a few golden unit prices: the region is "covered"
    assert aws.price("ec2.instance.m5.large", "eu-west-1") is None
    why = aws.missing_price("ec2.instance.m5.large", "eu-west-1")
    assert why.startswith("no price for ec2.instance.m5.large in eu-west-1 (aws ")
    assert "only in us-east-1" in why
    assert "`finops-gate pricing refresh aws --region eu-west-1 --out DIR`" in why


def test_a_key_no_catalog_knows_gets_no_refresh_hint() -> None:
    aws = CatalogSet().price_catalog("aws")
    why = aws.missing_price("ec2.instance.m5.notasize", "eu-west-1")
    assert "refresh" not in why


def test_other_clouds_name_the_missing_key_only() -> None:
    azure = CatalogSet().price_catalog("azure")
    why = azure.missing_price("vm.standard_d2s_v3.windows", "westeurope")
    assert why == f"no price for vm.standard_d2s_v3.windows in westeurope ({azure.label})"
