"""models.unpinned is about AI-model call sites: an attribute of a cloud resource that happens to
be called ``unpinned`` is none (a plan is input the pull request controls)."""

from __future__ import annotations

import json
from pathlib import Path

from finops_gate.app import CheckRequest, check


def _plan(tmp_path: Path, kind: str) -> Path:
    plan = tmp_path / "plan.json"
    after = {"bucket": "b", "unpinned": "openai.OpenAI", "tags": {}}
    change = {"actions": ["create"], "before": None, "after": after, "after_unknown": {}}
    entry = {
        "address": f"{kind}.b",
        "mode": "managed",
        "type": kind,
        "name": "b",
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": change,
    }
    plan.write_text(json.dumps({"format_version": "1.2", "resource_changes": [entry]}))
    (tmp_path / ".finops-gate.yml").write_text(
        "version: 1\npolicies: {tags: {required: []}, pricing: {unpriced: fail}}\n"
    )
    return plan


def test_a_cloud_resource_attribute_named_unpinned_is_no_model_call_site(tmp_path: Path) -> None:
    report = check(CheckRequest(root=tmp_path, plans=(_plan(tmp_path, "aws_iam_role"),)))
    assert [f.policy for f in report.findings] == []


def test_it_does_not_hide_the_unpriced_finding_of_its_resource(tmp_path: Path) -> None:
    report = check(CheckRequest(root=tmp_path, plans=(_plan(tmp_path, "aws_no_such_thing"),)))
    assert [(f.policy, f.address) for f in report.findings] == [
        ("pricing.unpriced", "aws_no_such_thing.b")
    ]
    assert report.verdict == "fail"
