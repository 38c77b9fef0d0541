"""The report document's optional sections (``report/document.py``): per-project totals, unit
economics per ``finops:service``, assumptions (``report/assumptions.py``), the exchange rate of
a report in another currency, and the approvals a platform gave (added when publishing).

Kept apart so that a run whose report has none of them never builds these classes (start-up:
each frozen dataclass costs about a millisecond to create); ``Document`` imports them when a
report it reads or writes has the section.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from finops_gate.frozen import frozen
from finops_gate.report.assumptions import AssumptionRow
from finops_gate.report.document import Json, TotalsRow, _count, _str, _text

__all__ = ["ApprovalGiven", "AssumptionRow", "ExchangeRate", "ProjectRow", "ServiceRow"]


@frozen
class ProjectRow:
    """The report's ``projects`` entry: one project's totals."""

    name: str
    totals: TotalsRow

    def to_json(self) -> Json:
        return {"name": self.name, **self.totals.to_json(per_request=False)}

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> ProjectRow:
        return cls(_str(doc.get("name")), TotalsRow.from_json(doc))

    # the template reads a project like its totals
    @property
    def monthly_before(self) -> str | None:
        return self.totals.monthly_before

    @property
    def monthly_after(self) -> str | None:
        return self.totals.monthly_after

    @property
    def monthly_delta(self) -> str | None:
        return self.totals.monthly_delta


@frozen
class ServiceRow:
    """Unit economics of one ``finops:service``."""

    service: str
    requests_per_month: str
    monthly_before: str | None
    monthly_after: str | None
    per_request_before: str | None
    per_request_after: str | None
    per_1000_before: str | None
    per_1000_after: str | None
    not_counted: int = 0

    def to_json(self) -> Json:
        return {
            "service": self.service,
            "requests_per_month": self.requests_per_month,
            "monthly_before": self.monthly_before,
            "monthly_after": self.monthly_after,
            "per_request_before": self.per_request_before,
            "per_request_after": self.per_request_after,
            "per_1000_before": self.per_1000_before,
            "per_1000_after": self.per_1000_after,
            "not_counted": self.not_counted,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> ServiceRow:
        return cls(
            service=_str(doc.get("service")),
            requests_per_month=_str(doc.get("requests_per_month")),
            monthly_before=_text(doc.get("monthly_before")),
            monthly_after=_text(doc.get("monthly_after")),
            per_request_before=_text(doc.get("per_request_before")),
            per_request_after=_text(doc.get("per_request_after")),
            per_1000_before=_text(doc.get("per_1000_before")),
            per_1000_after=_text(doc.get("per_1000_after")),
            not_counted=_count(doc.get("not_counted")),
        )


@frozen
class ApprovalGiven:
    """An approval the platform gave for a head (added when publishing)."""

    login: str
    via: str
    head_sha: str

    def to_json(self) -> Json:
        return {"login": self.login, "via": self.via, "head_sha": self.head_sha}


@frozen
class ExchangeRate:
    """The reference rate a report in another currency was converted with."""

    to: str
    rate: str
    date: str | None
    source: str

    def to_json(self) -> Json:
        return {
            "from": "USD",
            "to": self.to,
            "rate": self.rate,
            "date": self.date,
            "source": self.source,
        }
