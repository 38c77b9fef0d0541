"""Findings the Kubernetes estimate raises, so that a gap in it is never silent.

``kubernetes.missing_requests``: a changed workload has a container with neither a request nor
a limit (priced with the configured assumption). ``kubernetes.usage_unknown``: a DaemonSet or
Job whose cost needs usage that was not given. ``kubernetes.not_rendered``: a Helm chart or
kustomize overlay that could not be rendered.
"""

from __future__ import annotations

from collections.abc import Iterable

from finops_gate.model import (
    KUBERNETES,
    Action,
    CostDelta,
    Finding,
    Resource,
    Severity,
    Status,
    domain,
)


def findings(deltas: Iterable[CostDelta]) -> list[Finding]:
    """``kubernetes.missing_requests`` for changed workloads whose containers set neither a
    request nor a limit; ``kubernetes.usage_unknown`` and ``kubernetes.not_rendered`` so that a
    gap in the estimate is never silent."""
    out: list[Finding] = []
    for d in deltas:
        r = d.change.after
        # (the provider first: ``domain``'s own test, without its call for every cloud resource)
        if r is None or r.provider != "kubernetes" or domain(r) != KUBERNETES or d.after is None:
            continue
        if "not_rendered" in r.attributes:
            msg = f"not rendered, not priced: {r.attributes['not_rendered']}"
            out.append(_finding("kubernetes.not_rendered", msg, r))
            continue
        if d.change.action == Action.NOOP:
            continue
        # imported with the first manifest (start-up: a cloud-only run never loads it)
        from finops_gate.estimate.kubernetes import WORKLOADS

        if r.kind in WORKLOADS and "pod" in r.attributes:
            missing = d.after.missing_requests  # recorded by the estimate, not re-derived
            if missing:
                assumed = next(
                    (a.value for a in d.after.assumptions if a.key == "missing requests"), ""
                )
                # a side left unpriced (a bad quantity, count or assumption) assumed nothing
                said = f" (priced as {assumed} each)" if assumed else ""
                msg = "; ".join(missing) + said
                out.append(_finding("kubernetes.missing_requests", msg, r))
            if d.after.status == Status.USAGE_UNKNOWN and d.after.reason:
                out.append(_finding("kubernetes.usage_unknown", d.after.reason, r))
    return out


def _finding(policy: str, message: str, r: Resource) -> Finding:
    return Finding(policy, Severity.WARN, message, address=r.address, file=r.file, line=r.line)
