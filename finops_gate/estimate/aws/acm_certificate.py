"""aws_acm_certificate: https://aws.amazon.com/certificate-manager/pricing/.

Public certificates are free. A private certificate (``certificate_authority_arn`` set) is one
certificate issued this month, at the first-tier rate of AWS Private CA (general-purpose mode);
the CA itself is priced on aws_acmpca_certificate_authority.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import is_unknown, monthly, text, unknown_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    if text(resource, "certificate_authority_arn"):
        return [monthly("Private certificate", "requests", "acm.private_certificate")]
    if is_unknown(resource, "certificate_authority_arn"):
        return [unknown_line("Private certificate", "requests", "certificate_authority_arn")]
    return []
