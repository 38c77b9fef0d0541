"""The frozen values that cross stage boundaries.

sources/   -> Resource          (one side of the change: base or head)
changes.py -> ResourceChange    (base and head matched by address)
estimate/  -> CostDelta         (both sides priced, line by line)
policies/  -> Finding           (+ Approval)
report/    -> Report            (the one object every output format renders)

Money is Decimal everywhere; ``None`` means "unknown", never zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from finops_gate.frozen import frozen

HOURS_PER_MONTH = Decimal(730)
CURRENCY = "USD"


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"
    DELETE = "delete"
    NOOP = "no-op"


class Status(StrEnum):
    PRICED = "priced"
    FREE = "free"
    USAGE_UNKNOWN = "usage_unknown"
    UNPRICED = "unpriced"
    UNSUPPORTED = "unsupported"
    # a model served by the team's own GPUs or pods (Ollama, vLLM...): no per-token price; its
    # cost is the infrastructure, which the Kubernetes/Terraform side prices
    SELF_HOSTED = "self_hosted"


class Severity(StrEnum):
    INFO = "info"
    WARN = "warn"
    FAIL = "fail"


class Verdict(StrEnum):
    PASS = "pass"
    WARN = "warn"
    APPROVAL_REQUIRED = "approval_required"
    FAIL = "fail"

    @property
    def blocks(self) -> bool:
        """Whether the gate is closed (exit 1, a failing status) under this verdict."""
        return self in (Verdict.FAIL, Verdict.APPROVAL_REQUIRED)


def decide_verdict(
    severities: Iterable[str], *, approval_required: bool, approved: bool
) -> Verdict:
    """THE verdict, for the policy engine and for a saved report alike: fail >
    approval_required > warn > pass; a valid approval clears approval_required only."""
    seen = set(severities)
    if Severity.FAIL in seen:
        return Verdict.FAIL
    if approval_required and not approved:
        return Verdict.APPROVAL_REQUIRED
    if Severity.WARN in seen:
        return Verdict.WARN
    return Verdict.PASS


@frozen
class Resource:
    """One priceable thing on one side of the change.

    ``attributes`` holds only known, non-sensitive values. ``unknown`` names the attribute
    paths (dotted, e.g. ``"instance_type"`` or ``"root_block_device.0.volume_size"``) whose
    value is known only after apply. ``tags`` are the effective tags/labels where the source
    can tell them (``None``: the resource kind takes no tags, or they cannot be read).
    """

    address: str
    source: str  # "terraform" | "kubernetes" | "models"
    kind: str  # "aws_instance", "Deployment", "llm_model", ...
    provider: str  # "aws" | "google" | "azurerm" | "kubernetes" | "llm"
    region: str | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)
    unknown: frozenset[str] = frozenset()
    tags: Mapping[str, str] | None = None
    unknown_tags: frozenset[str] = frozenset()
    file: str | None = None
    line: int | None = None
    project: str | None = None


# The pricing domains, decided from what a resource IS (provider and kind), never from which
# reader found it: cloud resource types (``aws_*``, ``azurerm_*``, ``google_*``, any other
# provider's type), Kubernetes API kinds, AI-model settings.
RESOURCE_TYPE = "resource_type"
KUBERNETES = "kubernetes"
LLM = "llm"


def domain(resource: Resource) -> str:
    """The domain of ``resource`` from its provider and kind alone: the estimate picks its
    pricer by it, and the policies and ``init`` that treat a domain differently ask the same
    question. The Terraform kubernetes provider's types (``kubernetes_deployment``) are
    resource types, not API kinds; a second IaC reader emitting ``aws_*`` types, or a second
    manifest reader emitting API kinds, is treated exactly like the first."""
    if resource.provider == "llm":
        return LLM
    if resource.provider == "kubernetes" and not resource.kind.startswith("kubernetes_"):
        return KUBERNETES
    return RESOURCE_TYPE


@frozen
class ResourceChange:
    """A resource matched across base and head; either side may be absent."""

    address: str
    action: Action
    before: Resource | None
    after: Resource | None

    @property
    def current(self) -> Resource:
        """The head side when it exists, else the base side."""
        side = self.after or self.before
        assert side is not None
        return side


@frozen
class CostLine:
    """What to price: a mapper says *what*, the catalog lookup says *how much*.

    ``quantity`` is the monthly quantity in ``unit``; ``None`` means it depends on usage that
    was not given (the line renders as "depends on usage: $P per unit").
    ``unknown_reason`` marks a line that cannot be priced at all (an attribute unknown until
    apply, a region the catalog lacks...). ``assumption`` is a default the quantity rests on,
    ``(key, value)`` (an autoscaled pool at its minimum), listed in the report's assumptions.
    ``fallback`` is the line priced instead when the catalog has no ``price_key`` (a reserved
    rate the catalog lacks: the on-demand line, an upper bound); ``note`` is said in the
    report's notes when the line is priced (why a fallback was taken). ``region`` is where the
    line is billed when that is not the resource's region (a DynamoDB global-table replica); a
    region the catalog lacks leaves the line unpriced, never priced at another region's rate.
    ``unit_price`` is a rate the usage file gives for what no catalog can hold (an SMS to the
    countries a team sends to, ``sms_notification_price``): used instead of a catalog lookup,
    and listed, as every usage value, among the report's assumptions.
    """

    name: str
    unit: str
    price_key: str
    quantity: Decimal | None
    usage_key: str | None = None
    unknown_reason: str | None = None
    assumption: tuple[str, str] | None = None
    fallback: CostLine | None = None
    note: str | None = None
    region: str | None = None
    unit_price: Decimal | None = None


@frozen
class PricedLine:
    """One cost line with its price looked up (``reason`` says why it has no cost)."""

    name: str
    unit: str
    monthly_quantity: Decimal | None
    unit_price: Decimal | None
    monthly_cost: Decimal | None
    usage_key: str | None = None
    reason: str | None = None  # why the line has no cost


@frozen
class SideCost:
    """One side of a resource, priced."""

    status: Status
    monthly: Decimal | None  # None when the side could not be priced; never a silent 0
    lines: tuple[PricedLine, ...] = ()
    reason: str | None = None
    per_request: Decimal | None = None
    per_request_worst: Decimal | None = None
    quantities: Mapping[str, str] = field(default_factory=dict)  # e.g. {"vCPU": "2", ...}
    catalog: tuple[str, str] | None = None  # (name, version) of the catalog consulted
    assumptions: tuple[Assumption, ...] = ()
    # containers the estimate priced with the missing-requests assumption (the Kubernetes
    # policy reports them; recorded here so that no later stage re-derives the pod's shape)
    missing_requests: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. usage keys given for this resource that nothing reads
    # what this side is, in its domain's words, as written (``{"model": "gpt-4o-mini"}`` for an
    # AI-model setting); the report shows each key as ``<key>_before``/``<key>_after``
    identity: Mapping[str, str | None] = field(default_factory=dict)


_COUNTED = (Status.PRICED, Status.FREE)
_NOT_PRICED = (Status.UNPRICED, Status.UNSUPPORTED)


@frozen
class CostDelta:
    """One changed resource with both sides priced (a side is None where it is absent)."""

    change: ResourceChange
    before: SideCost | None
    after: SideCost | None

    @property
    def status(self) -> Status:
        side = self.after if self.after is not None else self.before
        assert side is not None
        if side is self.after and self.before is not None and side.status in _COUNTED:
            before = self.before.status
            if before is Status.UNPRICED or before is Status.UNSUPPORTED:
                # a priced head over a base that could not be priced: what the change costs
                # is not known (the row is out of the totals), never "priced"
                return before
        return side.status

    @property
    def unpriced_side(self) -> SideCost | None:
        """The side that keeps the change's cost from being known: the head when it cannot
        be priced, else the base of a changed resource that could not be (``instance_type =
        data.x.value`` changed to a literal: the head alone is priced, the increase is not)."""
        after, before = self.after, self.before
        if after is not None and after.status in _NOT_PRICED:
            return after
        if (
            after is not None
            and before is not None
            and self.change.action in (Action.UPDATE, Action.REPLACE)
            and before.status in _NOT_PRICED
        ):
            return before
        return None

    @property
    def monthly_before(self) -> Decimal | None:
        return Decimal(0) if self.before is None else self.before.monthly

    @property
    def monthly_after(self) -> Decimal | None:
        return Decimal(0) if self.after is None else self.after.monthly

    @property
    def monthly_delta(self) -> Decimal | None:
        b, a = self.monthly_before, self.monthly_after
        if a is None or b is None:
            return None
        return a - b


@frozen
class Finding:
    """What one policy says about the change (or one resource of it)."""

    policy: str
    severity: Severity
    message: str
    address: str | None = None
    file: str | None = None
    line: int | None = None


@frozen
class Approval:
    """Whether the change needs a sign-off, why, who may give it and who gave it."""

    required: bool
    reasons: tuple[str, ...] = ()
    approvers: tuple[str, ...] = ()
    approved_by: tuple[str, ...] = ()


@frozen
class Assumption:
    """A value the estimate depends on, and where it came from."""

    subject: str  # address or glob the value applies to (``THIS_RESOURCE``: see there)
    key: str
    value: str
    origin: str  # "usage.terraform.resource_usage", "default", ...


# The subject of an assumption a priced side makes about whichever resource it prices (an
# instance billed as Linux since its AMI is unknown): one value shared by every resource of the
# same shape (a whole tree's thousands of instances), named by each resource's address in the
# report (``report.build.assumptions``), never shown as written.
THIS_RESOURCE = "\x00this resource"


@frozen
class Totals:
    """Monthly totals of a report (or of one project) before and after the change."""

    monthly_before: Decimal
    monthly_after: Decimal
    monthly_delta: Decimal
    delta_percent: Decimal | None
    unpriced: int = 0
    # the largest rise of a cost per request (a model switch), known without usage figures
    per_request_percent: Decimal | None = None


@frozen
class Project:
    """The totals of one project (a Terraform root, a manifest folder...)."""

    name: str
    totals: Totals


@frozen
class ServiceCost:
    """Unit economics of one ``finops:service``: monthly cost over its monthly requests."""

    service: str
    requests_per_month: Decimal
    monthly_before: Decimal
    monthly_after: Decimal
    not_counted: int = 0  # resources of the service whose cost is unknown (not in the sums)

    @property
    def per_request_before(self) -> Decimal:
        return self.monthly_before / self.requests_per_month

    @property
    def per_request_after(self) -> Decimal:
        return self.monthly_after / self.requests_per_month


@frozen
class CatalogUse:
    """One catalog file a report priced from: where it is, its date, sources and digest."""

    catalog: str
    version: str
    file: str  # pricing/aws/2026-11-01.json, or <team dir>/aws/<date>.json
    origin: str  # "shipped" or the team directory as given
    sha256: str
    sources: tuple[str, ...] = ()
    retrieved: str | None = None  # latest retrieval date among its sources
    price_date: str | None = None  # latest publication/effective date among its sources


@frozen
class CurrencyUse:
    """A report shown in another currency: the reference rate it was converted with (USD ->
    ``code``), and the totals in USD."""

    code: str
    per_usd: Decimal
    day: str | None  # the rate's date (YYYY-MM-DD)
    source: str
    totals_usd: Totals


@frozen
class Report:
    """The whole result of a check; every output format renders this object."""

    catalogs: Mapping[str, str]
    totals: Totals
    costs: tuple[CostDelta, ...]
    findings: tuple[Finding, ...] = ()
    verdict: Verdict = Verdict.PASS
    approval: Approval = Approval(required=False)
    assumptions: tuple[Assumption, ...] = ()
    projects: tuple[Project, ...] = ()
    notes: tuple[str, ...] = ()
    services: tuple[ServiceCost, ...] | None = None  # per finops:service (None: not evaluated)
    config: Mapping[str, Any] | None = None  # where the gate's config came from (app)
    catalog_files: tuple[CatalogUse, ...] = ()
    currency: CurrencyUse | None = None  # shown in another currency than USD: rate and USD sums
    as_of: str | None = None  # the price date (YYYY-MM-DD) the catalogs were chosen for


# API groups of Kubernetes' built-in kinds (core is ""): a kind outside them is a custom
# resource, dispatched and priced by group and kind, never mistaken for a built-in one
# Attribute of a head resource that moved (a Terraform ``moved`` block or a plan's
# ``previous_address``, a setting moved to another file, a renamed workload): its base address.
# Changes pair it with that base resource, and usage configured there keeps applying.
MOVED_FROM = "moved_from"
# a plan resource's arguments its code writes with a value the plan shows unknown as a whole (a
# frozenset of names; ``terraform_plan``), read by the mappers with the .tf reader's own
# unknown inputs (``estimate/aws/_common.unknown_in_code``); "_" names never come from a plan
WRITTEN_UNKNOWN = "__unknown_written__"
# beside the planned values of a related resource (sources/terraform_links.py): its arguments the
# plan shows unknown as a whole, written or computed by the provider (estimate/aws/_common.py
# ``related_unknown`` tells them apart by the argument)
UNKNOWN_ARGUMENTS = "__unknown_arguments__"
# Attribute of a Terraform module call whose resources the code under review does not hold (a
# registry or git module, which ``terraform init`` fetches; a local directory that is not
# there; a count unknown from the code): why. Its side is unpriced with that reason, never
# priced as the nothing the code shows.
UNREAD_MODULE = "__unread_module__"
# Attribute of a resource whose own configuration names no region: where the region it is
# priced in came from ("environment variable AWS_REGION", "pricing.default_region.aws").
REGION_FROM = "__region_from__"
# the ``to`` of the ``import`` block that brings a resource of the ``.tf`` code under Terraform:
# it is not created by the change; what it costs before is not in the code
IMPORTED = "__imported__"
# Attribute of an AI-model setting candidate: why its source takes it for one, from its shape
# ("value": it looks like a model name, "llm key", "llm block", "self-hosted"...). ``BY_KEY``:
# only its key names a model (``model: User`` in an ORM config): the pricing stage keeps it
# only when the catalog knows the name.
EVIDENCE = "evidence"
BY_KEY = "key"
# the end of a model site's ``model_from`` when the model is an expression the source scan
# cannot follow (a call, an attribute, a local variable): unknown, priced as unknown
COMPUTED = ", computed at run time"

KUBERNETES_BUILTIN_GROUPS = frozenset(
    {
        "",
        "apps",
        "batch",
        "extensions",
        "autoscaling",
        "policy",
        "networking.k8s.io",
        "rbac.authorization.k8s.io",
        "storage.k8s.io",
        "scheduling.k8s.io",
        "coordination.k8s.io",
        "discovery.k8s.io",
        "node.k8s.io",
        "admissionregistration.k8s.io",
        "apiextensions.k8s.io",
        "apiregistration.k8s.io",
        "certificates.k8s.io",
        "flowcontrol.apiserver.k8s.io",
        "events.k8s.io",
        "resource.k8s.io",
    }
)
