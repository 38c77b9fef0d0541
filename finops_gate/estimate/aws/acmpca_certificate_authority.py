"""aws_acmpca_certificate_authority: https://aws.amazon.com/private-ca/pricing/.

One CA-month (general-purpose, or short-lived certificate mode by ``usage_mode``) plus the
certificates issued, from usage ``monthly_requests``: general-purpose tiered at 1,000 and
10,000 per month, short-lived at one rate.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import monthly, text, tiers
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

GENERAL = [
    ("Certificates (first 1K)", "acmpca.certificates.tier1", Decimal(1000)),
    ("Certificates (next 9K)", "acmpca.certificates.tier2", Decimal(9000)),
    ("Certificates (over 10K)", "acmpca.certificates.tier3", None),
]
SHORT_LIVED = [("Certificates (short-lived)", "acmpca.certificates.short_lived", None)]


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    short = text(resource, "usage_mode") == "SHORT_LIVED_CERTIFICATE"
    authority = monthly(
        "Private certificate authority" + (" (short-lived certificate mode)" if short else ""),
        "months",
        "acmpca.authority.short_lived" if short else "acmpca.authority.general_purpose",
    )
    requests = usage.number("monthly_requests")
    return [
        authority,
        *tiers(requests, SHORT_LIVED if short else GENERAL, "requests", "monthly_requests"),
    ]
