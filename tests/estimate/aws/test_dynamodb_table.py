"""aws_dynamodb_table: provisioned capacity from the plan, on-demand from usage."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from finops_gate.catalogs.store import CatalogDir, CatalogSet
from finops_gate.estimate.aws import dynamodb_table
from finops_gate.estimate.terraform import price_side
from finops_gate.estimate.usage import Usage, UsageFile
from finops_gate.model import Resource, Status
from tests.catalogs.conftest import price_doc, write_catalog
from tests.estimate.aws.plan_fixture import CATALOGS, price, resource
from tests.sides import check_sides


def test_provisioned_capacity_unknown_until_apply_is_unpriced() -> None:
    side = price("aws_dynamodb_table", "aws_dynamodb_table.autoscaled")
    assert side.status is Status.UNPRICED
    assert "read_capacity is unknown until apply" in (side.reason or "")


def test_on_demand_table_without_usage_depends_on_usage() -> None:
    side = price("aws_dynamodb_table", "aws_dynamodb_table.events", usage=UsageFile())
    assert side.status is Status.USAGE_UNKNOWN and side.monthly is None


def test_us_east_1_table_is_unpriced_because_the_data_has_only_us_east_2() -> None:
    side = price("aws_dynamodb_table", "aws_dynamodb_table.orders", region="us-east-1")
    assert side.status is Status.UNPRICED
    assert "no price for dynamodb.wcu in us-east-1" in (side.reason or "")


# --- global tables: each replica bills in its own region ---------------------------------------


def _table(**attributes: object) -> Resource:
    base: dict[str, object] = {"billing_mode": "PROVISIONED", "write_capacity": 20}
    base["read_capacity"] = 30
    base.update(attributes)
    return Resource(
        "aws_dynamodb_table.t", "terraform", "aws_dynamodb_table", "aws", "us-east-2", base
    )


def _west_catalog(tmp_path: Path) -> CatalogSet:
    """A refreshed catalog that holds us-west-1's read and storage rates (the shipped one holds
    only its replicated-write rates there)."""
    team = tmp_path / "team"
    doc = price_doc("aws", "2026-11-20", {})
    for key, unit, rate in (
        ("dynamodb.rcu", "RCU-hours", "0.000145"),
        ("dynamodb.rru", "RRUs", "0.00000014"),
        ("dynamodb.storage", "GB", "0.28"),
    ):
        doc["prices"][key] = {"unit": unit, "source": "team", "regions": {"us-west-1": rate}}
    write_catalog(team, doc)
    return CatalogSet(as_of=date(2026, 12, 1), dirs=(CatalogDir(team, "team"),))


def _usage(**values: object) -> UsageFile:
    return UsageFile(by_address={"aws_dynamodb_table.t": values})


def test_a_provisioned_replica_bills_replicated_writes_reads_and_storage_in_its_region(
    tmp_path: Path,
) -> None:
    table = _table(replica=[{"region_name": "us-west-1", "point_in_time_recovery": False}])
    side = price_side(table, _usage(storage_gb=100), _west_catalog(tmp_path))
    assert side.status is Status.PRICED
    home = 20 * 730 * Decimal("0.00065") + 30 * 730 * Decimal("0.00013") + 100 * Decimal("0.25")
    west = 20 * 730 * Decimal("0.000725") + 30 * 730 * Decimal("0.000145") + 100 * Decimal("0.28")
    assert side.monthly == home + west
    names = [line.name for line in side.lines]
    assert "Global table (us-west-1) / Replicated write capacity unit (rWCU)" in names
    assert "Global table (us-west-1) / Data storage" in names


def test_a_replica_region_the_catalog_lacks_is_unpriced_never_priced_at_the_tables_rates() -> None:
    table = _table(replica=[{"region_name": "us-west-1"}])
    side = price_side(table, _usage(storage_gb=100), CATALOGS)
    assert side.status is Status.UNPRICED and side.monthly is None
    reason = side.reason or ""
    assert "no price for dynamodb.rcu in us-west-1" in reason
    assert "pricing refresh aws --service AmazonDynamoDB --region us-west-1" in reason
    # the replicated writes the catalog does hold for us-west-1 are priced at its own rate
    rwcu = next(line for line in side.lines if "rWCU" in line.name)
    assert rwcu.unit_price == Decimal("0.000725")

    far = price_side(_table(replica=[{"region_name": "ap-south-2"}]), UsageFile(), CATALOGS)
    assert far.status is Status.UNPRICED
    assert "region ap-south-2 is not in" in (far.reason or "")
    assert "pricing refresh aws --region ap-south-2" in (far.reason or "")


def test_on_demand_replicas_bill_every_write_as_replicated_writes_and_their_own_reads(
    tmp_path: Path,
) -> None:
    table = _table(billing_mode="PAY_PER_REQUEST", replica=[{"region_name": "us-west-1"}])
    usage = _usage(
        monthly_write_request_units=3_000_000,
        monthly_read_request_units=8_000_000,
        storage_gb=10,
        replicas={"us-west-1": {"monthly_read_request_units": 2_000_000}},
    )
    side = price_side(table, usage, _west_catalog(tmp_path))
    assert side.status is Status.PRICED
    lines = {line.name: line for line in side.lines}
    rwru = lines["Global table (us-west-1) / Replicated write request unit (rWRU)"]
    # $0.000509 per 730 rWRUs: about $0.70 per million replicated writes in us-west-1
    assert rwru.monthly_cost is not None
    assert abs(rwru.monthly_cost - Decimal("2.0925")) < Decimal("0.01")
    reads = lines["Global table (us-west-1) / Read request unit (RRU)"]
    assert reads.monthly_quantity == 2_000_000 and reads.unit_price == Decimal("0.00000014")
    assert not side.notes  # the replicas key was read, not ignored

    without = price_side(table, _usage(storage_gb=10), _west_catalog(tmp_path))
    west_reads = next(
        line for line in without.lines if line.name.endswith("(RRU)") and "us-west-1" in line.name
    )
    assert west_reads.monthly_cost is None and west_reads.usage_key == (
        "replicas.us-west-1.monthly_read_request_units"
    )


def test_a_replica_in_the_tables_own_region_is_not_billed_twice_and_is_said() -> None:
    alone = price_side(_table(), _usage(storage_gb=5), CATALOGS)
    same = price_side(
        _table(replica=[{"region_name": "us-east-2"}]), _usage(storage_gb=5), CATALOGS
    )
    assert same.status is Status.PRICED and same.monthly == alone.monthly
    assert any("us-east-2 is in the table's own region" in n for n in same.notes)


def test_a_replica_region_known_only_after_apply_is_unpriced() -> None:
    table = replace(_table(replica=[{}]), unknown=frozenset({"replica.0.region_name"}))
    side = price_side(table, UsageFile(), CATALOGS)
    assert side.status is Status.UNPRICED
    assert "replica.0.region_name is unknown until apply" in (side.reason or "")


@pytest.mark.parametrize(
    ("replicas", "said"),
    [
        ({"eu-west-9": {"monthly_read_request_units": 5}}, "replicas names eu-west-9"),
        ("us-west-1", "replicas must map each replica region"),
        ({"us-west-1": {"monthly_read_request_units": -5}}, "must be a number of at least 0"),
        ({"us-west-1": {"monthly_read_request_units": "lots"}}, "must be a number of at least 0"),
        ({"us-west-1": 7}, "must be a number of at least 0"),
        (
            {"us-west-1": {"monthly_read_request_unit": 5}},
            "gives monthly_read_request_unit, which nothing reads; did you mean",
        ),
    ],
)
def test_bad_replica_usage_leaves_the_table_unpriced_naming_the_key(
    tmp_path: Path, replicas: object, said: str
) -> None:
    table = _table(billing_mode="PAY_PER_REQUEST", replica=[{"region_name": "us-west-1"}])
    usage = _usage(monthly_write_request_units=10, storage_gb=1, replicas=replicas)
    side = price_side(table, usage, _west_catalog(tmp_path))
    assert side.status is Status.UNPRICED and side.monthly is None
    assert said in (side.reason or "")


# --- aws_dynamodb_table_replica, table classes ---------------------------------------------------


def test_a_replica_resource_bills_the_tables_capacity_in_its_own_region(tmp_path: Path) -> None:
    usage = UsageFile(by_address={"aws_dynamodb_table_replica.orders_west": {"storage_gb": 100}})
    replica = resource("aws_dynamodb_table_replica", "aws_dynamodb_table_replica.orders_west")
    assert replica.region == "us-west-1"  # its provider's (an alias), not the table's
    side = price_side(replica, usage, _west_catalog(tmp_path))
    # point_in_time_recovery = true: PITR storage depends on usage, at a rate us-west-1 lacks
    assert "dynamodb.pitr_storage in us-west-1" in (side.reason or "")
    lines = {line.name: line for line in side.lines}
    assert lines["Replicated write capacity unit (rWCU)"].monthly_quantity == 20 * 730
    assert lines["Read capacity unit (RCU)"].monthly_cost == 30 * 730 * Decimal("0.000145")
    assert lines["Data storage"].monthly_cost == 100 * Decimal("0.28")


def test_an_on_demand_replica_reads_its_own_usage(tmp_path: Path) -> None:
    usage = UsageFile(
        by_address={
            "aws_dynamodb_table_replica.events_west": {
                "monthly_write_request_units": 3_000_000,
                "monthly_read_request_units": 1_000_000,
                "storage_gb": 10,
            }
        }
    )
    replica = resource("aws_dynamodb_table_replica", "aws_dynamodb_table_replica.events_west")
    side = price_side(replica, usage, _west_catalog(tmp_path))
    assert side.status is Status.PRICED
    expected = Decimal(3_000_000) / 730 * Decimal("0.000509")
    expected += 1_000_000 * Decimal("0.00000014") + 10 * Decimal("0.28")
    assert side.monthly == expected


def test_a_replica_of_a_table_outside_the_plan_is_unpriced_naming_it() -> None:
    kind = "aws_dynamodb_table_replica"
    replica = Resource(f"{kind}.r", "terraform", kind, "aws", "us-west-1", {})
    side = price_side(replica, UsageFile(), CATALOGS)
    assert side.status is Status.UNPRICED and "global_table_arn" in (side.reason or "")


def test_the_infrequent_access_class_has_rates_of_its_own_never_the_standard_ones(
    tmp_path: Path,
) -> None:
    table = _table(table_class="STANDARD_INFREQUENT_ACCESS")
    side = price_side(table, _usage(storage_gb=100), CATALOGS)
    assert side.status is Status.UNPRICED and side.monthly is None
    assert "dynamodb.wcu.standard_ia" in (side.reason or "")
    assert "dynamodb.storage.standard_ia" in (side.reason or "")
    team = tmp_path / "team"
    doc = price_doc("aws", "2026-11-20", {})
    for key, unit, rate in (
        ("dynamodb.wcu.standard_ia", "WCU-hours", "0.00081"),
        ("dynamodb.rcu.standard_ia", "RCU-hours", "0.00016"),
        ("dynamodb.storage.standard_ia", "GB", "0.10"),
    ):
        doc["prices"][key] = {"unit": unit, "source": "team", "regions": {"us-east-2": rate}}
    write_catalog(team, doc)
    refreshed = CatalogSet(as_of=date(2026, 12, 1), dirs=(CatalogDir(team, "team"),))
    priced = price_side(table, _usage(storage_gb=100), refreshed)
    assert priced.status is Status.PRICED
    expected = 20 * 730 * Decimal("0.00081") + 30 * 730 * Decimal("0.00016") + 10
    assert priced.monthly == expected
    odd = price_side(_table(table_class="ARCHIVE"), _usage(storage_gb=1), CATALOGS)
    assert odd.status is Status.UNPRICED and "table class 'ARCHIVE'" in (odd.reason or "")


# --- global secondary indexes: provisioned capacity of their own -------------------------------

_GSI_TF = """
provider "aws" { region = "us-east-2" }
resource "aws_dynamodb_table" "orders" {
  name           = "orders"
  billing_mode   = "PROVISIONED"
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"
  attribute {
    name = "id"
    type = "S"
  }
  global_secondary_index {
    name            = "by_customer"
    hash_key        = "id"
    projection_type = "ALL"
    read_capacity   = 10
    write_capacity  = 10
  }
  global_secondary_index {
    name            = "by_status"
    hash_key        = "id"
    projection_type = "KEYS_ONLY"
    read_capacity   = 4
    write_capacity  = 2
  }
}
resource "aws_appautoscaling_target" "by_customer_writes" {
  min_capacity       = 30
  max_capacity       = 100
  resource_id        = "table/${aws_dynamodb_table.orders.name}/index/by_customer"
  scalable_dimension = "dynamodb:index:WriteCapacityUnits"
  service_namespace  = "dynamodb"
}
"""


def test_each_global_secondary_index_bills_its_own_provisioned_capacity(tmp_path: Path) -> None:
    # AWS bills an index's provisioned capacity as a table's; it was left out (the table alone)
    report = check_sides(tmp_path, {}, {"main.tf": _GSI_TF})
    row = next(r for r in report["resources"] if r["address"] == "aws_dynamodb_table.orders")
    lines = {x["name"]: Decimal(x["monthly_quantity"] or "-1") for x in row["lines"]}
    assert lines["Write capacity unit (WCU)"] == 5 * 730
    index = "Global secondary index (by_customer) / "
    # its own autoscaling target's minimum, not the index's 10
    assert lines[index + "Write capacity unit (WCU, autoscaling minimum)"] == 30 * 730
    assert lines[index + "Read capacity unit (RCU)"] == 10 * 730
    assert lines["Global secondary index (by_status) / Write capacity unit (WCU)"] == 2 * 730
    assert lines["Global secondary index (by_status) / Read capacity unit (RCU)"] == 4 * 730
    wcu, rcu = Decimal("0.00065"), Decimal("0.00013")
    expected = 730 * ((5 + 30 + 2) * wcu + (5 + 10 + 4) * rcu)  # $19.3596, was $4.27
    assert Decimal(row["monthly_after"]) == expected.quantize(Decimal("0.01"))


def test_an_index_targets_capacity_usage_is_read_for_that_index_only(tmp_path: Path) -> None:
    usage = {"resource_usage": {"aws_appautoscaling_target.by_customer_writes": {"capacity": 50}}}
    config = yaml.safe_dump({"version": 1, "usage": {"terraform": usage}})
    report = check_sides(tmp_path, {}, {"main.tf": _GSI_TF, ".finops-gate.yml": config})
    row = next(r for r in report["resources"] if r["address"] == "aws_dynamodb_table.orders")
    lines = {x["name"]: Decimal(x["monthly_quantity"] or "-1") for x in row["lines"]}
    assert lines[
        "Global secondary index (by_customer) / Write capacity unit (WCU, autoscaling)"
    ] == (50 * 730)
    assert lines["Global secondary index (by_status) / Write capacity unit (WCU)"] == 2 * 730
    assert lines["Write capacity unit (WCU)"] == 5 * 730
    assert not [n for n in report["notes"] if "ignored" in n]


def test_an_index_capacity_known_only_after_apply_is_unpriced(tmp_path: Path) -> None:
    tf = _GSI_TF.replace("read_capacity   = 4", "read_capacity   = var.reads")
    tf = 'variable "reads" { type = number }\n' + tf
    report = check_sides(tmp_path, {}, {"main.tf": tf})
    row = next(r for r in report["resources"] if r["address"] == "aws_dynamodb_table.orders")
    assert row["status"] == "unpriced"
    assert "global_secondary_index.1.read_capacity is unknown until apply" in row["reason"]


# --- settings the code writes but does not tell -----------------------------------------------

_TABLE_TF = """
provider "aws" {{ region = "us-east-2" }}
data "aws_ssm_parameter" "x" {{ name = "x" }}
resource "aws_dynamodb_table" "t" {{
  name     = "t"
  hash_key = "id"
{body}
}}
"""


def _table_row(tmp_path: Path, body: str) -> dict[str, object]:
    report = check_sides(tmp_path, {}, {"main.tf": _TABLE_TF.format(body=body)})
    (row,) = [r for r in report["resources"] if r["address"] == "aws_dynamodb_table.t"]
    return row


def test_a_billing_mode_the_code_does_not_tell_is_named_not_the_capacity(tmp_path: Path) -> None:
    # it was "write_capacity is unknown until apply": the table is on demand or provisioned
    row = _table_row(tmp_path, "  billing_mode = data.aws_ssm_parameter.x.value")
    assert row["status"] == "unpriced"
    assert "billing_mode is unknown until apply" in str(row["reason"])
    assert "write_capacity" not in str(row["reason"])


def test_a_provisioned_table_without_capacity_says_it_is_not_set(tmp_path: Path) -> None:
    row = _table_row(tmp_path, "")
    assert row["status"] == "unpriced"
    assert "read_capacity is not set" in str(row["reason"])
    assert "unknown until apply" not in str(row["reason"])


def test_pitr_and_streams_switches_the_code_does_not_tell_are_never_off(tmp_path: Path) -> None:
    # with usage pitr_backup_storage_gb given, an unknown switch dropped the PITR line unseen
    row = _table_row(
        tmp_path,
        '  billing_mode = "PAY_PER_REQUEST"\n'
        "  point_in_time_recovery { enabled = data.aws_ssm_parameter.x.value }\n"
        "  stream_enabled = data.aws_ssm_parameter.x.value",
    )
    assert row["status"] == "unpriced"
    assert "point_in_time_recovery.0.enabled is unknown until apply" in str(row["reason"])
    assert "stream_enabled is unknown until apply" in str(row["reason"])


def test_each_replica_of_a_provisioned_table_bills_its_secondary_indexes_too() -> None:
    # every replica holds the table's global secondary indexes with the same write capacity
    # (https://aws.amazon.com/dynamodb/pricing/, global tables): they were left out of replicas
    table = Resource(
        "aws_dynamodb_table.t",
        "terraform",
        "aws_dynamodb_table",
        "aws",
        "us-east-2",
        {
            "read_capacity": 10,
            "write_capacity": 5,
            "global_secondary_index": [{"name": "gi", "read_capacity": 4, "write_capacity": 2}],
            "replica": [{"region_name": "us-west-1"}],
        },
    )
    lines = dynamodb_table.cost_lines(table, Usage())
    replica = [line for line in lines if line.region == "us-west-1"]
    by_name = {line.name: (line.price_key, line.quantity) for line in replica}
    assert by_name[
        "Global table (us-west-1) / Global secondary index (gi) / Replicated write capacity unit"
        " (rWCU)"
    ] == ("dynamodb.replicated_wcu", 2 * 730)
    assert by_name[
        "Global table (us-west-1) / Global secondary index (gi) / Read capacity unit (RCU)"
    ] == ("dynamodb.rcu", 4 * 730)
