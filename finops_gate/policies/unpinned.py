"""``models.unpinned``: a call to a known LLM client that sets no model relies on the library's
default, which a version bump can change (the seed case: a wrapper library moves its default from
``gpt-4o-mini`` to ``gpt-4-turbo``, tests pass, the bill grows tenfold).

Every such call site the change creates, updates or replaces is a finding (``warn`` by default;
``policies.models.unpinned: fail | pass``). When the site changed because the tree's lock or
requirements file bumped the client library, the finding says so. These sites are not also
``pricing.unpriced`` findings: this one says more.
"""

from __future__ import annotations

from collections.abc import Iterable

from finops_gate.model import LLM, Action, CostDelta, Finding, Resource, Severity, domain

POLICY = "models.unpinned"
_CHECKED = {Action.CREATE, Action.UPDATE, Action.REPLACE}


def check(deltas: Iterable[CostDelta], severity: Severity | None) -> list[Finding]:
    out: list[Finding] = []
    if severity is None:
        return out
    for d in deltas:
        after = d.change.after
        if d.change.action not in _CHECKED or after is None:
            continue
        client = after.attributes.get("unpinned")
        if not client or not _site(after):
            continue
        message = f"{client} is called without a model: it uses the library's default model"
        bump = _bump(d)
        if bump:
            message += f"; this change bumps {bump}, which can change that default"
        out.append(
            Finding(
                POLICY,
                severity,
                message + "; pass the model explicitly",
                address=d.change.address,
                file=after.file,
                line=after.line,
            )
        )
    return out


def addresses(deltas: Iterable[CostDelta]) -> set[str]:
    """The unpinned sites: their unknown price is this policy's finding, not pricing.unpriced."""
    return {
        d.change.address
        for d in deltas
        if (after := d.change.after) is not None
        and after.attributes.get("unpinned")
        and _site(after)
    }


def _site(resource: Resource) -> bool:
    """An AI-model call site: a cloud resource's attribute named ``unpinned`` is not one (nor
    does it hide the resource from pricing.unpriced). Asked after the attribute, which most
    resources lack."""
    return domain(resource) == LLM


def _bump(d: CostDelta) -> str | None:
    before, after = d.change.before, d.change.after
    if before is None or after is None:
        return None
    package = after.attributes.get("package")
    old, new = before.attributes.get("package_version"), after.attributes.get("package_version")
    if package and old != new and (old or new):
        return f"{package} {old or '(unpinned)'} -> {new or '(unpinned)'}"
    return None
