"""The policies from the command line, on example plans: verdicts, exit codes, output sections."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from finops_gate.app import CheckRequest, check
from finops_gate.cli import main
from finops_gate.model import Report
from finops_gate.policies import ApprovalRecord, PolicyContext
from tests.conftest import EXAMPLES, ROOT

PLAN = EXAMPLES / "terraform-plan" / "plan.json"
POLICIES = EXAMPLES / "policies"
REPORT_SCHEMA = ROOT / "finops_gate" / "schema" / "report.schema.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "policy.yml"
    path.write_text("version: 1\n" + body, encoding="utf-8")
    return path


def report(*args: str) -> tuple[int, dict[str, Any]]:
    code, out, err = run(*args, "--format", "json")
    assert err == ""
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads(REPORT_SCHEMA.read_text(encoding="utf-8")))
    return code, doc


def plan_file(tmp_path: Path, changes: list[dict[str, Any]], provider: dict[str, Any]) -> Path:
    doc = {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "variables": {"owner": {"value": "web"}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {
                "aws": {
                    "name": "aws",
                    "expressions": {"region": {"constant_value": "us-east-1"}, **provider},
                }
            },
            "root_module": {
                "resources": [
                    {"address": c["address"], "provider_config_key": "aws"} for c in changes
                ]
            },
        },
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def instance(address: str, actions: list[str], after: dict[str, Any], **unknown: bool) -> Any:
    values = {"instance_type": "t3.micro", **after}
    return {
        "address": address,
        "mode": "managed",
        "type": "aws_instance",
        "name": address.split(".")[-1],
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {
            "actions": actions,
            "before": values if actions == ["no-op"] else None,
            "after": values,
            "after_unknown": unknown,
        },
    }


def test_the_policies_example_fails_on_a_missing_tag_and_lists_the_approval(
    tmp_path: Path,
) -> None:
    code, doc = report("check", str(POLICIES), "--plan", str(PLAN))
    assert code == 1 and doc["verdict"] == "fail"
    failing = [f for f in doc["findings"] if f["severity"] == "fail"]
    assert [(f["policy"], f["address"]) for f in failing] == [("tags.required", "aws_eip.egress")]
    assert doc["approval"]["required"] is True and doc["approval"]["approved_by"] == []
    assert doc["approval"]["reasons"][0] == "monthly increase $639.99 > $500.00"
    assert doc["services"][0]["service"] == "checkout"
    assert doc["services"][0]["per_1000_after"] == "0.47286669"


def test_the_table_groups_findings_by_policy_and_names_the_approvers() -> None:
    code, out, _ = run("check", str(POLICIES), "--plan", str(PLAN))
    assert code == 1
    assert "Approval required from: alice, acme/platform-leads, bob" in out
    assert "Unit economics (finops:service):" in out
    policies = [line.split()[1] for line in out.splitlines() if line.startswith("  [")]
    assert policies == sorted(policies) and "budget.monthly:" in policies
    assert out.rstrip().endswith("Verdict: FAIL")


def test_the_markdown_comment_has_findings_approval_and_unit_economics() -> None:
    code, out, _ = run("check", str(POLICIES), "--plan", str(PLAN), "--format", "markdown")
    assert code == 1
    assert "#### Findings" in out and "**tags.required** (2)" in out
    assert "Approval required from: <code>alice</code>" in out
    assert "| <code>checkout</code> | 2,000,000 |" in out


def test_without_a_config_missing_tags_only_warn_and_exit_0() -> None:
    code, doc = report("check", str(EXAMPLES / "terraform-plan"), "--plan", str(PLAN))
    assert code == 0 and doc["verdict"] == "warn"
    assert {f["policy"] for f in doc["findings"]} == {"tags.required", "pricing.unpriced"}


def test_an_approval_threshold_alone_blocks_with_exit_1(tmp_path: Path) -> None:
    cfg = config(tmp_path, "policies: {tags: {required: []}, approval: {monthly_increase: 500}}\n")
    code, doc = report("check", str(tmp_path), "--plan", str(PLAN), "--config", str(cfg))
    assert code == 1 and doc["verdict"] == "approval_required"


def test_unpriced_fail_blocks_the_example(tmp_path: Path) -> None:
    cfg = config(tmp_path, "policies: {tags: {required: []}, pricing: {unpriced: fail}}\n")
    code, doc = report("check", str(tmp_path), "--plan", str(PLAN), "--config", str(cfg))
    assert code == 1 and doc["verdict"] == "fail"
    assert sorted(f["address"] for f in doc["findings"]) == [
        "aws_instance.dr_replica",
        'aws_sagemaker_endpoint.ranker["eu"]',
    ]


def test_all_resources_reports_untouched_untagged_resources(tmp_path: Path) -> None:
    plan = plan_file(
        tmp_path,
        [instance("aws_instance.old", ["no-op"], {"tags": {}, "tags_all": {}})],
        {},
    )
    cfg = config(tmp_path, "policies: {tags: {required: ['finops:team'], on_missing: fail}}\n")
    code, _ = report("check", str(tmp_path), "--plan", str(plan), "--config", str(cfg))
    assert code == 0
    code, doc = report(
        "check", str(tmp_path), "--plan", str(plan), "--config", str(cfg), "--all-resources"
    )
    assert code == 1 and doc["findings"][0]["address"] == "aws_instance.old"


def test_unknown_tags_all_uses_tags_and_known_default_tags(tmp_path: Path) -> None:
    plan = plan_file(
        tmp_path,
        [
            instance(
                "aws_instance.web", ["create"], {"tags": {"finops:service": "api"}}, tags_all=True
            )
        ],
        {"default_tags": [{"tags": {"constant_value": {"finops:team": "web"}}}]},
    )
    cfg = config(
        tmp_path,
        "policies: {tags: {required: ['finops:team', 'finops:service', 'finops:environment'], "
        "on_missing: fail}}\n",
    )
    code, doc = report("check", str(tmp_path), "--plan", str(plan), "--config", str(cfg))
    assert code == 1
    assert [f["message"].split(";")[0] for f in doc["findings"]] == [
        "missing tag finops:environment"
    ]


def test_default_tags_written_with_references_make_a_missing_key_unknown_naming_them(
    tmp_path: Path,
) -> None:
    plan = plan_file(
        tmp_path,
        [
            instance(
                "aws_instance.web", ["create"], {"tags": {"finops:service": "api"}}, tags_all=True
            )
        ],
        {"default_tags": [{"tags": {"references": ["var.owner", "local.tags"]}}]},
    )
    body = "policies: {tags: {required: ['finops:team'], on_missing: fail, on_unknown: %s}}\n"
    for mode, code_wanted, verdict in (
        ("warn", 0, "warn"),
        ("fail", 1, "fail"),
        ("pass", 0, "pass"),
    ):
        cfg = config(tmp_path, body % mode)
        code, doc = report("check", str(tmp_path), "--plan", str(plan), "--config", str(cfg))
        assert (code, doc["verdict"]) == (code_wanted, verdict)
    warned = report("check", str(tmp_path), "--plan", str(plan), "--config", str(cfg))
    assert warned[1]["findings"] == []  # on_unknown: pass (the last mode) reports nothing
    cfg = config(tmp_path, body % "warn")
    message = report("check", str(tmp_path), "--plan", str(plan), "--config", str(cfg))[1][
        "findings"
    ][0]["message"]
    assert "default_tags come from local.tags, var.owner" in message


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (
            "policies: {tags: {allowed_values: {env: [{regex: '[a-'}]}}}",
            "allowed_values.env[0].regex",
        ),
        ("policies: {budgets: [{name: x, scope: {t: a}, monthly_limit: -1}]}", "monthly_limit"),
        ("policies: {quotas: {}}", "unknown key 'policies.quotas'"),
        (
            "exemptions: [{policy: tags.nope, address: '*', reason: r, expires: 2030-01-01}]",
            "unknown policy 'tags.nope'",
        ),
    ],
)
def test_bad_policy_config_exits_2_naming_the_key(tmp_path: Path, body: str, fragment: str) -> None:
    cfg = config(tmp_path, body + "\n")
    code, out, err = run("check", str(tmp_path), "--plan", str(PLAN), "--config", str(cfg))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "policy.yml" in err and fragment in err and "Traceback" not in err


def test_the_base_config_applies_and_a_changed_one_takes_effect_after_merge(
    tmp_path: Path,
) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    base.mkdir()
    head.mkdir()
    (base / ".finops-gate.yml").write_text(
        "version: 1\npolicies: {tags: {on_missing: fail}}\n", encoding="utf-8"
    )
    (head / ".finops-gate.yml").write_text(
        "version: 1\npolicies: {tags: {required: []}}\n", encoding="utf-8"
    )
    code, doc = report("check", "--base", str(base), "--head", str(head), "--plan", str(PLAN))
    assert code == 1 and doc["verdict"] == "fail"
    assert any("take effect after merge" in n for n in doc["notes"])


def test_default_tags_given_as_one_variable_resolve_from_the_plan_variables(
    tmp_path: Path,
) -> None:
    plan = plan_file(
        tmp_path,
        [instance("aws_instance.web", ["create"], {"tags": {}}, tags_all=True)],
        {"default_tags": [{"tags": {"references": ["var.defaults"]}}]},
    )
    doc_plan = json.loads(plan.read_text(encoding="utf-8"))
    doc_plan["variables"]["defaults"] = {"value": {"finops:team": "web"}}
    plan.write_text(json.dumps(doc_plan), encoding="utf-8")
    cfg = config(tmp_path, "policies: {tags: {required: ['finops:team'], on_missing: fail}}\n")
    code, doc = report("check", str(tmp_path), "--plan", str(plan), "--config", str(cfg))
    assert (code, doc["verdict"], doc["findings"]) == (0, "pass", [])


def test_a_hostile_tag_value_is_inert_in_the_comment(tmp_path: Path) -> None:
    hostile = "<img src=x> @acme/admins [x](http://evil)"
    plan = plan_file(
        tmp_path,
        [
            instance(
                "aws_instance.web",
                ["create"],
                {"tags": {"env": hostile}, "tags_all": {"env": hostile}},
            )
        ],
        {},
    )
    cfg = config(tmp_path, "policies: {tags: {required: [], allowed_values: {env: [prod]}}}\n")
    code, out, _ = run(
        "check", str(tmp_path), "--plan", str(plan), "--config", str(cfg), "--format", "markdown"
    )
    assert code == 0 and "tags.allowed_values" in out
    assert "<img" not in out and "@acme" not in out and "](http" not in out


def test_a_valid_approval_from_the_platform_lets_the_change_pass(tmp_path: Path) -> None:
    cfg = config(
        tmp_path,
        "policies: {tags: {required: []}, pricing: {unpriced: warn},\n"
        "  approval: {monthly_increase: 500, approvers: {github: [alice]}}}\n",
    )

    def check_with(*approvals: ApprovalRecord) -> Report:
        context = PolicyContext(platform="github", head_sha="new", approvals=approvals)
        request = CheckRequest(
            root=tmp_path, plans=(PLAN,), config=cfg, options={"policy_context": context}
        )
        return check(request)

    assert check_with().verdict == "approval_required"
    approved = check_with(ApprovalRecord("alice", head_sha="new"))
    assert (approved.verdict, approved.approval.approved_by) == ("warn", ("alice",))
    within = check_with(ApprovalRecord("alice", head_sha="old", approved_monthly_delta=D("600")))
    assert within.verdict == "warn"
    stale = check_with(ApprovalRecord("alice", head_sha="old", approved_monthly_delta=D("450")))
    assert stale.verdict == "approval_required"
    assert "a new approval is needed" in stale.approval.reasons[-1]
    assert check_with(ApprovalRecord("mallory", head_sha="new")).verdict == "approval_required"


def test_an_invalid_config_in_the_change_is_reported_before_merge(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    base.mkdir()
    head.mkdir()
    (base / ".finops-gate.yml").write_text("version: 1\n", encoding="utf-8")
    (head / ".finops-gate.yml").write_text(
        "version: 1\npolicies: {tags: {allowed_values: {env: [{regex: '('}]}}}\n",
        encoding="utf-8",
    )
    code, doc = report("check", "--base", str(base), "--head", str(head), "--plan", str(PLAN))
    assert code == 0
    assert any(
        "will not load after merge" in n and "allowed_values.env[0].regex" in n
        for n in doc["notes"]
    )


def test_policies_example_comment_and_table_snapshots(
    snapshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime

    from finops_gate.report import render
    from finops_gate.report.json import to_json

    context = PolicyContext(today=datetime.date(2026, 11, 23))
    monkeypatch.chdir(ROOT)  # relative paths: no absolute path in the snapshots
    request = CheckRequest(
        root=Path("examples/policies"),
        plans=(Path("examples/terraform-plan/plan.json"),),
        options={"policy_context": context},
    )
    doc = json.loads(json.dumps(to_json(check(request))))
    snapshot.assert_match(render.markdown(doc), "policies_comment.md")
    snapshot.assert_match(render.table(doc), "policies_table.txt")
