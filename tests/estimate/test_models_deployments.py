"""Terraform resources that deploy a model billed per token (an Azure OpenAI deployment, a
Bedrock agent) are priced per request like a model setting, so a switch in them is gated."""

from __future__ import annotations

from pathlib import Path

import pytest

from finops_gate.estimate import engine, models
from tests.sides import check_sides

AZURE = """provider "azurerm" {
  features {}
}
resource "azurerm_cognitive_deployment" "chat" {
  name                 = "chat"
  cognitive_account_id = "x"
  model {
    format  = "OpenAI"
    name    = "MODEL"
    version = "1"
  }
  sku {
    name = "SKU"
  }
}
"""
BEDROCK = """provider "aws" {
  region = "us-east-1"
}
resource "aws_bedrockagent_agent" "a" {
  agent_name              = "a"
  agent_resource_role_arn = "arn:aws:iam::1:role/a"
  foundation_model        = "MODEL"
}
"""


@pytest.mark.parametrize(
    ("text", "before", "after", "percent"),
    [
        (AZURE.replace("SKU", "GlobalStandard"), "gpt-4o-mini", "gpt-4-turbo", "5455.6"),
        (BEDROCK, "anthropic.claude-3-haiku-20240307-v1:0",
         "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-opus-20240229-v1:0",
         "5900.0"),
    ],
)  # fmt: skip
def test_a_model_switch_in_a_terraform_deployment_is_priced_per_request(
    tmp_path: Path, text: str, before: str, after: str, percent: str
) -> None:
    doc = check_sides(
        tmp_path,
        {"main.tf": text.replace("MODEL", before)},
        {"main.tf": text.replace("MODEL", after)},
    )
    (row,) = doc["resources"]
    assert row["status"] == "usage_unknown"
    assert row["per_request_before"] is not None and row["per_request_after"] is not None
    findings = [f for f in doc["findings"] if f["policy"] == "approval.threshold"]
    assert len(findings) == 1 and f"+{percent.rstrip('0').rstrip('.')}%" in findings[0]["message"]
    assert doc["verdict"] == "warn"


def test_a_provisioned_azure_deployment_is_unpriced_not_per_token(tmp_path: Path) -> None:
    text = AZURE.replace("MODEL", "gpt-4o")
    doc = check_sides(
        tmp_path,
        {"main.tf": text.replace("SKU", "Standard")},
        {"main.tf": text.replace("SKU", "ProvisionedManaged")},
    )
    (row,) = doc["resources"]
    assert (row["status"], row["per_request_after"]) == ("unpriced", None)
    assert "provisioned throughput" in row["reason"]
    assert doc["verdict"] == "warn"


def test_the_engine_knows_the_deployment_kinds_of_the_model_pricer() -> None:
    assert engine._DEPLOYMENTS == models.DEPLOYMENT_KINDS
