"""A price missing in a region names the refresh that fetches it: AWS (the shipped catalog is
whole for us-east-1 only) says where it has the key; Azure and GCP (whole for Linux VMs and
machine types, most other keys for a few regions) say to refresh if the region sells it. A key no
catalog knows gets no hint."""

from __future__ import annotations

from finops_gate.catalogs.store import CatalogSet


def test_an_aws_key_priced_only_elsewhere_names_the_refresh_command() -> None:
    aws = CatalogSet().price_catalog("aws")
    assert "eu-west-1" in aws.regions  # a few golden unit prices: the region is "covered"
    assert aws.price("ec2.instance.m5.large", "eu-west-1") is None
    why = aws.missing_price("ec2.instance.m5.large", "eu-west-1")
    assert why.startswith("no price for ec2.instance.m5.large in eu-west-1 (aws ")
    assert "only in us-east-1" in why
    assert (
        "`finops-gate pricing refresh aws --service AmazonEC2 --region eu-west-1 --out DIR`" in why
    )


def test_a_key_no_catalog_knows_gets_no_refresh_hint() -> None:
    aws = CatalogSet().price_catalog("aws")
    why = aws.missing_price("ec2.instance.m5.notasize", "eu-west-1")
    assert "refresh" not in why


def test_azure_and_gcp_keys_missing_in_a_region_name_their_refresh() -> None:
    azure = CatalogSet().price_catalog("azure")
    assert azure.price("aks.uptime_sla", "eastus") is not None
    assert azure.price("aks.uptime_sla", "westeurope") is None
    why = azure.missing_price("aks.uptime_sla", "westeurope")
    assert why.startswith(f"no price for aks.uptime_sla in westeurope ({azure.label}); ")
    assert "`finops-gate pricing refresh azure --region westeurope --out DIR`" in why
    assert "only in" not in why  # the regions holding it are in files not read
    gcp = CatalogSet().price_catalog("gcp")
    why = gcp.missing_price("compute.instance.e2-standard-2", "me-central2")
    assert "`finops-gate pricing refresh gcp --region me-central2 --out DIR`" in why
    assert "refresh" not in azure.missing_price("vm.no_such_size.linux", "westeurope")
