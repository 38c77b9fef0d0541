"""A count or size the code sets to a value it does not tell is unknown, never AWS's default.

AWS's defaults (one Redshift node, one OpenSearch data node, a 0.5 GB API Gateway cache) apply
when the attribute is not set; a module input with no value was priced at them, stated as priced.
"""

from __future__ import annotations

from pathlib import Path

from tests.sides import check_sides

_TF = """
provider "aws" { region = "us-east-1" }
variable "nodes" { type = number }
variable "cache" { type = string }
resource "aws_redshift_cluster" "dw" {
  cluster_identifier = "dw"
  node_type          = "ra3.4xlarge"
  number_of_nodes    = var.nodes
}
resource "aws_redshift_cluster" "single" {
  cluster_identifier = "single"
  node_type          = "ra3.4xlarge"
}
resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  cluster_config {
    instance_type  = "c4.2xlarge.search"
    instance_count = var.nodes
  }
  ebs_options {
    ebs_enabled = true
    volume_size = 100
    volume_type = "gp2"
  }
}
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = "abc"
  deployment_id         = "def"
  stage_name            = "prod"
  cache_cluster_enabled = true
  cache_cluster_size    = var.cache
}
"""


def test_counts_and_sizes_known_only_after_apply_are_unpriced_naming_them(tmp_path: Path) -> None:
    report = check_sides(tmp_path, {}, {"main.tf": _TF})
    rows = {r["address"]: r for r in report["resources"]}
    for address, path in (
        ("aws_redshift_cluster.dw", "number_of_nodes"),
        ("aws_opensearch_domain.search", "cluster_config.0.instance_count"),
        ("aws_api_gateway_stage.prod", "cache_cluster_size"),
    ):
        row = rows[address]
        assert row["status"] == "unpriced" and row["monthly_after"] is None, address
        assert f"{path} is unknown until apply" in row["reason"], address
    # not set: AWS's default of one node, priced
    single = rows["aws_redshift_cluster.single"]
    assert single["status"] == "priced" and single["lines"][0]["monthly_quantity"] == "730"


def test_a_multi_az_the_code_does_not_tell_is_unpriced_not_single_az(tmp_path: Path) -> None:
    # modules pass multi_az in; priced Single-AZ it was half the cost of a Multi-AZ deployment
    tf = """
provider "aws" { region = "us-east-1" }
variable "ha" { type = bool }
resource "aws_db_instance" "db" {
  engine            = "mysql"
  engine_version    = "8.4.3"
  instance_class    = "db.t3.large"
  allocated_storage = 20
  multi_az          = var.ha
}
"""
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    row = next(r for r in report["resources"] if r["address"] == "aws_db_instance.db")
    assert row["status"] == "unpriced" and row["monthly_after"] is None
    assert "multi_az is unknown until apply" in row["reason"]


def test_a_switch_the_code_does_not_tell_is_unpriced_never_off(tmp_path: Path) -> None:
    # dedicated masters and a stage cache switched on by a module input: read as off, three
    # master nodes (or the cache) were left out of a total stated as priced
    tf = """
provider "aws" { region = "us-east-1" }
variable "ha" { type = bool }
resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  cluster_config {
    instance_type            = "c4.2xlarge.search"
    instance_count           = 2
    dedicated_master_enabled = var.ha
    dedicated_master_type    = "c4.2xlarge.search"
  }
}
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = "abc"
  deployment_id         = "def"
  stage_name            = "prod"
  cache_cluster_enabled = var.ha
}
"""
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    rows = {r["address"]: r for r in report["resources"]}
    search = rows["aws_opensearch_domain.search"]
    assert search["status"] == "unpriced"
    assert "cluster_config.0.dedicated_master_enabled is unknown until apply" in search["reason"]
    assert search["lines"][0]["monthly_quantity"] == "1460"  # the data nodes are still shown
    stage = rows["aws_api_gateway_stage.prod"]
    assert stage["status"] == "unpriced"
    assert "cache_cluster_enabled is unknown until apply" in stage["reason"]


def test_a_kind_the_code_does_not_tell_is_unpriced_never_the_default_kind(tmp_path: Path) -> None:
    # an endpoint type from a module input was read as the free Gateway default: priced $0 for
    # what may be an interface endpoint billed per subnet-hour; a load balancer type as an ALB
    tf = """
provider "aws" { region = "us-east-1" }
variable "kind" { type = string }
resource "aws_vpc_endpoint" "ep" {
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.us-east-1.execute-api"
  vpc_endpoint_type = var.kind
  subnet_ids        = ["subnet-1", "subnet-2"]
}
resource "aws_lb" "lb" {
  name               = "lb"
  load_balancer_type = var.kind
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-1"
  service_name = "com.amazonaws.us-east-1.s3"
}
"""
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    rows = {r["address"]: r for r in report["resources"]}
    for address, path in (
        ("aws_vpc_endpoint.ep", "vpc_endpoint_type"),
        ("aws_lb.lb", "load_balancer_type"),
    ):
        assert rows[address]["status"] == "unpriced", address
        assert f"{path} is unknown until apply" in rows[address]["reason"], address
    # not set: the Gateway default, which costs nothing
    assert rows["aws_vpc_endpoint.s3"]["monthly_after"] == "0"


def test_an_instance_tenancy_the_code_does_not_tell_is_unpriced_not_shared(tmp_path: Path) -> None:
    tf = """
provider "aws" { region = "us-east-1" }
variable "tenancy" { type = string }
resource "aws_instance" "vm" {
  ami           = "ami-123"
  instance_type = "m5.large"
  tenancy       = var.tenancy
}
"""
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    row = next(r for r in report["resources"] if r["address"] == "aws_instance.vm")
    assert row["status"] == "unpriced" and "tenancy is unknown until apply" in row["reason"]
