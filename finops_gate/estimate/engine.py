"""Price every change: each side goes to the pricer of its domain, chosen by what the resource
IS (its provider and kind), never by which reader found it.

Domains (``REGISTRY``):

``resource_type``  cloud resource types (``aws_*``, ``azurerm_*``, ``google_*``; every other
                   provider's type is listed as unsupported there): the mapper registry of
                   ``estimate/terraform.py``. A second IaC reader (CloudFormation, Pulumi) that
                   emits the same types and attribute names prices through the same mappers.
``kubernetes``     Kubernetes API kinds (``Deployment``, ``PersistentVolumeClaim``, custom kinds).
                   The Terraform provider's own types (``kubernetes_deployment``) are resource
                   types, not API kinds.
``llm``            AI-model settings (``llm_model``), priced per request and per month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from finops_gate.config import Settings
from finops_gate.estimate import kubernetes, models, terraform
from finops_gate.model import CostDelta, Resource, ResourceChange, SideCost, Status

Pricer = Callable[[Resource, Settings], SideCost]


def _price_resource_type(resource: Resource, settings: Settings) -> SideCost:
    return terraform.price_side(resource, settings.terraform_usage, settings.catalogs)


REGISTRY: dict[str, Pricer] = {
    "kubernetes": kubernetes.price_side,
    "llm": models.price_side,
    "resource_type": _price_resource_type,
}


def domain(resource: Resource) -> str:
    """The ``REGISTRY`` key that prices ``resource``, from its provider and kind alone."""
    if resource.provider == "llm":
        return "llm"
    if resource.provider == "kubernetes" and not resource.kind.startswith("kubernetes_"):
        return "kubernetes"
    return "resource_type"


# No single resource costs this much a month (or per request): a larger figure comes from an
# absurd size or count in the input, and is refused rather than totalled.
ABSURD = Decimal(10) ** 10


def price_side(resource: Resource, settings: Settings) -> SideCost:
    return _bounded(REGISTRY[domain(resource)](resource, settings))


def _bounded(side: SideCost) -> SideCost:
    for what, value in (("a month", side.monthly), ("per request", side.per_request_worst),
                        ("per request", side.per_request)):  # fmt: skip
        if value is not None and abs(value) > ABSURD:
            amount = f"${value:.3e}" if value.is_finite() else "an infinite amount"
            why = (
                f"{amount} {what} is beyond what any resource costs: a size or count in the "
                "input is absurd; fix it"
            )
            return SideCost(
                Status.UNPRICED, None, reason=why, catalog=side.catalog, notes=side.notes
            )
    return side


def price_changes(changes: Iterable[ResourceChange], settings: Settings) -> list[CostDelta]:
    """Both sides of each change priced; a no-op prices once and reuses it."""
    out: list[CostDelta] = []
    for change in changes:
        before = None if change.before is None else price_side(change.before, settings)
        if change.after is None:
            after = None
        elif change.after is change.before:
            after = before
        else:
            after = price_side(change.after, settings)
        out.append(CostDelta(change=change, before=before, after=after))
    return out
