"""The report as SARIF 2.1.0, for code scanning (GitHub's upload-sarif and any SARIF viewer).

One result per finding: the rule is the policy id, the level follows the finding's severity, and
the location is the finding's file and line where the report knows them. Every string is taken
from the report as data: SARIF viewers render ``message.text`` as plain text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from finops_gate import __version__
from finops_gate.report.document import Document, FindingRow

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFO_URI = "https://github.com/finops-gate/finops-gate"
LEVELS = {"fail": "error", "warn": "warning", "info": "note"}

# What each stable policy id checks, shown as the rule's description in code-scanning views.
RULES = {
    "tags.required": "Mandatory finops:* tags are set on every taggable resource",
    "tags.allowed_values": "finops:* tag values are among the allowed values",
    "budget.monthly": "The monthly cost of a budget's scope stays within its limit",
    "approval.threshold": "A cost increase above the approval threshold is approved by a lead",
    "pricing.unpriced": "Every changed resource can be priced from the catalogs",
    "kubernetes.missing_requests": "Kubernetes containers declare CPU and memory requests",
    "kubernetes.not_rendered": "Helm charts and kustomizations can be rendered",
    "kubernetes.usage_unknown": "Kubernetes usage that drives cost is known",
    "models.unpinned": "LLM client calls name their model instead of relying on a library default",
}


def to_sarif(doc: Document | Mapping[str, Any]) -> dict[str, Any]:
    """A SARIF log with one run for a finops-gate report."""
    doc = Document.of(doc)
    rule_ids = sorted({f.policy for f in doc.findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    rules = [_rule(rule_id) for rule_id in rule_ids]
    results = [_result(f, index) for f in doc.findings]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "finops-gate",
                "version": doc.generator.rpartition(" ")[2] or __version__,
                "informationUri": INFO_URI,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The checked root"}}},
        "results": results,
        "properties": {
            "verdict": str(doc.verdict),
            "totals": doc.totals.to_json(),
            "catalogs": dict(doc.catalogs),
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(rule_id: str) -> dict[str, Any]:
    text = RULES.get(rule_id, f"finops-gate policy {rule_id}")
    return {
        "id": rule_id,
        "name": rule_id.replace(".", "_"),
        "shortDescription": {"text": text},
        "helpUri": f"{INFO_URI}#policies",
    }


def _result(finding: FindingRow, index: dict[str, int]) -> dict[str, Any]:
    rule_id = finding.policy
    address = _text(finding.address)
    message = finding.message
    text = f"{address}: {message}" if address else message
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": index[rule_id],
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": text or rule_id},
        # stable across runs for the same policy, resource and message: viewers de-duplicate
        "partialFingerprints": {
            "finopsGateFinding/v1": hashlib.sha256(
                "\0".join((rule_id, address, message)).encode("utf-8")
            ).hexdigest()
        },
    }
    file = finding.file
    if file:
        physical: dict[str, Any] = {
            "artifactLocation": {"uri": _uri(file), "uriBaseId": "%SRCROOT%"}
        }
        line = finding.line
        if line is not None and line >= 1:
            physical["region"] = {"startLine": line}
        location: dict[str, Any] = {"physicalLocation": physical}
        if address:
            location["logicalLocations"] = [{"fullyQualifiedName": address}]
        result["locations"] = [location]
    elif address:
        result["locations"] = [{"logicalLocations": [{"fullyQualifiedName": address}]}]
    return result


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _uri(path: str) -> str:
    """A relative URI reference: forward slashes, percent-encoding what a URI cannot hold."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/").lstrip("/"), safe="/-._~")
