"""aws_grafana_workspace: https://aws.amazon.com/grafana/pricing/ (active user licences).

Amazon Managed Grafana bills each workspace per active user per month: an editor or
administrator licence (usage ``editors_administrator_licenses``) and a viewer licence (usage
``viewer_licenses``). A user who does not sign in that month is not billed, so both lines
depend on usage (never a guessed head count). An ``aws_grafana_license_association`` of type
``ENTERPRISE`` on the workspace adds Enterprise plugins per active user (editors and viewers);
the free trial (``ENTERPRISE_FREE_TRIAL``) adds nothing. The association itself is in free.yml:
its cost is priced here, on the workspace the plan reader joins it to.
"""

from __future__ import annotations

from decimal import Decimal

from finops_gate.estimate.aws._common import related_list, usage_line
from finops_gate.estimate.usage import Usage
from finops_gate.model import CostLine, Resource

EDITORS = "editors_administrator_licenses"
VIEWERS = "viewer_licenses"
ENTERPRISE = "ENTERPRISE"


def cost_lines(resource: Resource, usage: Usage) -> list[CostLine]:
    editors = usage_line("Editor/administrator licenses", "users", "grafana.editor", usage, EDITORS)
    viewers = usage_line("Viewer licenses", "users", "grafana.viewer", usage, VIEWERS)
    lines = [editors, viewers]
    licences = related_list(resource, "licenses")
    if any(str(found.get("license_type", "")).upper() == ENTERPRISE for found in licences):
        lines.append(_plugins(editors.quantity, viewers.quantity))
    return lines


def _plugins(editors: Decimal | None, viewers: Decimal | None) -> CostLine:
    # every active user of an Enterprise workspace takes a plugins licence: known only when
    # usage gives both counts
    name = "Enterprise plugins licenses"
    if editors is None or viewers is None:
        return CostLine(name, "users", "grafana.enterprise_plugins", None, usage_key=EDITORS)
    return CostLine(name, "users", "grafana.enterprise_plugins", editors + viewers)
