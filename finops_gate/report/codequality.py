"""The report as a GitLab Code Quality report (``--format codequality``), so findings show in the
merge request widget and the changes view.

One issue per finding, in the subset of the Code Climate format GitLab reads: ``description``,
``check_name`` (the policy id), ``fingerprint``, ``severity`` and ``location`` (``path`` and
``lines.begin``). The fingerprint is a digest of the policy, the address and the message, so the
same finding has the same fingerprint in every run and GitLab can tell new findings from fixed
ones between the base and the head. A finding without a file of its own points at the file of the
resource it is about, else at the config that holds the policy. Strings are data: GitLab renders
``description`` as plain text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from finops_gate.report.document import Document, FindingRow

CONFIG_PATH = ".finops-gate.yml"
SEVERITIES = {"fail": "critical", "warn": "major", "info": "info"}


def to_codequality(doc: Document | Mapping[str, Any]) -> list[dict[str, Any]]:
    """The Code Quality issues of a finops-gate report."""
    doc = Document.of(doc)
    files = {r.address: r.file for r in doc.resources if r.file}
    issues: dict[str, dict[str, Any]] = {}
    for finding in doc.findings:
        issue = _issue(finding, files)
        issues.setdefault(issue["fingerprint"], issue)  # GitLab keys issues by fingerprint
    return list(issues.values())


def _issue(finding: FindingRow, files: Mapping[str, str | None]) -> dict[str, Any]:
    policy = _text(finding.policy) or "finops-gate"
    address = _text(finding.address)
    message = _text(finding.message)
    path = finding.file or files.get(address) or CONFIG_PATH
    line = finding.line
    begin = line if line is not None and line >= 1 else 1
    digest = hashlib.sha256("\0".join((policy, address, message)).encode("utf-8")).hexdigest()
    return {
        "type": "issue",
        "description": f"{address}: {message}" if address else message or policy,
        "check_name": policy,
        "categories": ["Performance"] if policy.startswith(("budget", "approval")) else ["Style"],
        "fingerprint": digest,
        "severity": SEVERITIES.get(_text(finding.severity), "minor"),
        "location": {"path": _path(str(path)), "lines": {"begin": begin}},
    }


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _path(path: str) -> str:
    """Relative to the repository root, with forward slashes (what GitLab links to)."""
    return path.replace("\\", "/").lstrip("/") or CONFIG_PATH
