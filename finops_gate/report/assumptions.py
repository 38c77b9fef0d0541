"""The report document's ``assumptions`` section, apart from the other optional sections
(``report/sections.py``): most reports have assumptions (an instance priced as Linux, a default
usage) and none of the others, and each frozen class a run builds costs it about 0.3 million
instructions (start-up, issue 18).
"""

from __future__ import annotations

from finops_gate.frozen import frozen
from finops_gate.report.document import Json


@frozen
class AssumptionRow:
    """The report's ``assumptions`` entry."""

    subject: str
    key: str
    value: str
    origin: str

    def to_json(self) -> Json:
        return {
            "subject": self.subject,
            "key": self.key,
            "value": self.value,
            "origin": self.origin,
        }
