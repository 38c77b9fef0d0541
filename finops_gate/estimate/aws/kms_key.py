"""aws_kms_key: https://aws.amazon.com/kms/pricing/ (customer managed keys and requests).

One key-month, plus requests from usage ``monthly_requests`` (per 10,000) at the rate of the
key spec (``customer_master_key_spec``, or ``key_spec`` on newer providers; symmetric by
default): symmetric and RSA_2048 keys at the standard rate, other RSA and ECC keys at the
asymmetric rate. HMAC keys (``HMAC_*``) are billed per request too, at a rate the shipped
catalog does not hold: their request line is unpriced, naming ``kms.requests.hmac``, never left
out. A key spec this mapper does not know is unpriced the same way.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly, text, unpriceable, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    spec = (
        text(resource, "customer_master_key_spec")
        or text(resource, "key_spec")
        or "SYMMETRIC_DEFAULT"
    )
    lines = [monthly("Customer master key", "months", "kms.key")]
    if spec == "SYMMETRIC_DEFAULT":
        key, label = "kms.requests.symmetric", "Requests"
    elif spec == "RSA_2048":
        key, label = "kms.requests.rsa_2048", "Requests (RSA 2048)"
    elif spec.startswith(("RSA_", "ECC_")):
        key, label = "kms.requests.asymmetric", "Requests (asymmetric)"
    elif spec.startswith("HMAC_"):
        key, label = "kms.requests.hmac", "Requests (HMAC)"
    else:
        why = f"key spec {spec[:40]!r} has request rates the catalog does not hold"
        return [*lines, unpriceable("Requests", "10k requests", why)]
    lines.append(usage_line(label, "10k requests", key, usage, "monthly_requests", Decimal(10_000)))
    return lines
