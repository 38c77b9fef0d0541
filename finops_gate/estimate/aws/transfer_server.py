"""aws_transfer_server: https://aws.amazon.com/aws-transfer-family/pricing/.

- Each enabled protocol of ``protocols`` is billed per hour while the server exists (AWS's
  default, when ``protocols`` is left unset, is SFTP alone), one key per protocol
  (``transfer.protocol.<sftp|ftps|ftp|as2>``).
- Data downloaded and uploaded over the server, per GB, from usage
  ``monthly_data_downloaded_gb`` and ``monthly_data_uploaded_gb``.
"""

from __future__ import annotations

from finops_gate.estimate.aws._common import get, unknown_line, unknown_setting, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import HOURS_PER_MONTH, CostLine, Resource


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    data = [
        usage_line(
            "Data downloaded",
            "GB",
            "transfer.data_downloaded",
            usage,
            "monthly_data_downloaded_gb",
        ),
        usage_line(
            "Data uploaded", "GB", "transfer.data_uploaded", usage, "monthly_data_uploaded_gb"
        ),
    ]
    # protocols is computed: a plan shows it unknown when left unset (then SFTP, the default)
    if unknown_setting(resource, "protocols", computed=True):
        return [unknown_line("Protocols enabled", "hours", "protocols"), *data]
    given = get(resource, "protocols")
    protocols = given if isinstance(given, list) and given else ["SFTP"]
    if not all(isinstance(p, str) for p in protocols):
        return [unknown_line("Protocols enabled", "hours", "protocols"), *data]
    hours = [
        CostLine(
            f"{p.upper()} protocol enabled",
            "hours",
            f"transfer.protocol.{p.lower()}",
            HOURS_PER_MONTH,
        )
        for p in sorted(set(protocols))
    ]
    return [*hours, *data]
