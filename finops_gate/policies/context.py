"""What the policies need besides the priced change: the platform's approval state and the date.

The core (``app.check``) builds a ``PolicyContext``; the GitHub and GitLab publishers fill in
``approvals`` from the platform (reviews, MR approvals) so the verdict can become ``pass`` once a
valid approval is present. Everything here is plain data: no platform client is imported.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from decimal import Decimal

from finops_gate.frozen import frozen
from finops_gate.model import Approval, Finding, ServiceCost, Verdict


@frozen
class ApprovalRecord:
    """One approval given on the platform.

    ``teams`` are the approver's teams/groups as the platform reports them (matched against
    ``policies.approval.approvers`` entries such as ``acme/platform-leads``). An approval is bound
    to the change it approved: ``head_sha`` is the commit it was given on, and
    ``approved_monthly_delta`` the monthly increase finops-gate showed at that commit (``None``
    when unknown). See ``approval.py`` for when a later push needs a new approval.
    """

    approver: str
    teams: tuple[str, ...] = ()
    head_sha: str | None = None
    approved_monthly_delta: Decimal | None = None


@frozen
class PolicyContext:
    """Inputs of the policies that are not in the change itself."""

    platform: str | None = None  # "github" | "gitlab" | None (local run)
    head_sha: str | None = None
    approvals: tuple[ApprovalRecord, ...] = ()
    today: date | None = None  # for exemption expiry; None: exemptions never expire
    all_resources: bool = False  # tags: also check resources the change does not touch
    # the currency the priced change is in (``--currency`` / ``report.currency``); config
    # amounts written in ``report.currency`` are multiplied by ``currency_factor`` into it
    currency: str | None = None
    currency_factor: Decimal = Decimal(1)


# a carrier, never compared: eq=False spares building __eq__/__hash__ at start-up
@frozen(eq=False)
class PolicyOutcome:
    """What ``policies.evaluate`` returns: the findings, the approval state and the verdict."""

    findings: tuple[Finding, ...]
    approval: Approval
    verdict: Verdict
    services: tuple[ServiceCost, ...] = ()
    notes: tuple[str, ...] = field(default=())
