"""The typed report document: what every output renders and every publisher posts.

``report.json.document(report)`` builds it from a fresh ``Report``; ``Document.from_json`` reads a
saved report (``finops-gate comment report.json``, maybe a fork's artifact: validated against the
schema first, then read defensively here, once, so no renderer re-checks shapes);
``Document.to_json`` is the one way out to JSON (schema_version "1", byte for byte the contract in
DESIGN.md). Between those edges the renderers (``render``, ``sarif``, ``codequality``, ``chart``)
and ``publish/`` read these frozen values, never a dict.

Amounts stay the report's decimal strings (``"12.5"``; ``None`` = unknown, never ``"0"``): money
was rounded once when the document was made, and a saved report renders exactly as a fresh one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any

from finops_gate.frozen import frozen
from finops_gate.model import Verdict

if TYPE_CHECKING:  # the optional sections: imported where a report has them
    from finops_gate.report.assumptions import AssumptionRow
    from finops_gate.report.sections import (
        ApprovalGiven,
        ExchangeRate,
        ProjectRow,
        ServiceRow,
    )

Json = dict[str, Any]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _count(value: Any) -> int:
    number = _int(value)
    return number if number is not None and number >= 0 else 0


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in _list(value) if isinstance(item, Mapping)]


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(_str(item) for item in _list(value))


def _str_map(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): _str(v) for k, v in value.items()}


@frozen
class Line:
    """One priced line of a resource (``monthly_cost`` None: usage unknown or not priced)."""

    name: str
    unit: str
    monthly_quantity: str | None
    unit_price: str | None
    monthly_cost: str | None
    usage_key: str | None = None
    reason: str | None = None

    def to_json(self) -> Json:
        out: Json = {
            "name": self.name,
            "unit": self.unit,
            "monthly_quantity": self.monthly_quantity,
            "unit_price": self.unit_price,
            "monthly_cost": self.monthly_cost,
        }
        if self.usage_key:
            out["usage_key"] = self.usage_key
        if self.reason:
            out["reason"] = self.reason
        return out

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Line:
        return cls(
            _str(doc.get("name")),
            _str(doc.get("unit")),
            _text(doc.get("monthly_quantity")),
            _text(doc.get("unit_price")),
            _text(doc.get("monthly_cost")),
            _text(doc.get("usage_key")) or None,
            _text(doc.get("reason")) or None,
        )


# the resource fields a row knows by name; any other ``<key>_before``/``<key>_after`` pair of
# strings is an identity (``model_before``/``model_after``), any other key is kept as it came
_PAIRS = ("monthly", "per_request", "per_request_worst", "quantities", "lines")
_ROW_KEYS = frozenset(
    {
        "address",
        "source",
        "kind",
        "action",
        "status",
        "file",
        "line",
        "lines",
        "project",
        "region",
        "reason",
        "moved_from",
        "monthly_delta",
    }
    | {f"{p}_{side}" for p in _PAIRS for side in ("before", "after")}
)


@frozen
class ResourceRow:
    """One changed (or unchanged) resource: both sides' monthly and per-request figures."""

    address: str
    source: str
    kind: str
    action: str  # create | update | replace | delete | no-op
    status: str  # priced | free | usage_unknown | unpriced | unsupported | self_hosted
    file: str | None = None
    line: int | None = None
    monthly_before: str | None = None
    monthly_after: str | None = None
    monthly_delta: str | None = None
    per_request_before: str | None = None
    per_request_after: str | None = None
    lines: tuple[Line, ...] = ()
    project: str | None = None
    region: str | None = None
    reason: str | None = None
    per_request_worst: tuple[str | None, str | None] | None = None  # None: no cap on either side
    # what each side is, in its domain's words ({"model": ("gpt-4o-mini", "gpt-4o")})
    identity: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    moved_from: str | None = None  # the base address when the resource moved
    quantities: tuple[Mapping[str, str], Mapping[str, str]] | None = None  # (before, after)
    lines_before: tuple[Line, ...] | None = None  # the base side's lines when they differ
    extra: Mapping[str, Any] = field(default_factory=dict)  # fields of a newer version, kept

    @property
    def per_request_worst_before(self) -> str | None:
        return None if self.per_request_worst is None else self.per_request_worst[0]

    @property
    def per_request_worst_after(self) -> str | None:
        return None if self.per_request_worst is None else self.per_request_worst[1]

    @property
    def quantities_before(self) -> Mapping[str, str]:
        return {} if self.quantities is None else self.quantities[0]

    @property
    def quantities_after(self) -> Mapping[str, str]:
        return {} if self.quantities is None else self.quantities[1]

    def to_json(self) -> Json:
        out: Json = {
            "address": self.address,
            "source": self.source,
            "kind": self.kind,
            "action": self.action,
            "status": self.status,
            "file": self.file,
            "line": self.line,
            "monthly_before": self.monthly_before,
            "monthly_after": self.monthly_after,
            "monthly_delta": self.monthly_delta,
            "per_request_before": self.per_request_before,
            "per_request_after": self.per_request_after,
            "lines": [x.to_json() for x in self.lines],
            "project": self.project,
            "region": self.region,
            "reason": self.reason,
        }
        if self.per_request_worst is not None:
            out["per_request_worst_before"] = self.per_request_worst[0]
            out["per_request_worst_after"] = self.per_request_worst[1]
        for key, (before, after) in self.identity.items():
            out[f"{key}_before"] = before
            out[f"{key}_after"] = after
        if self.moved_from is not None:
            out["moved_from"] = self.moved_from
        if self.quantities is not None:
            out["quantities_before"] = dict(self.quantities[0])
            out["quantities_after"] = dict(self.quantities[1])
        if self.lines_before is not None:
            out["lines_before"] = [x.to_json() for x in self.lines_before]
        out.update(self.extra)
        return out

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> ResourceRow:
        worst = None
        if "per_request_worst_before" in doc or "per_request_worst_after" in doc:
            worst = (
                _text(doc.get("per_request_worst_before")),
                _text(doc.get("per_request_worst_after")),
            )
        quantities = None
        if "quantities_before" in doc or "quantities_after" in doc:
            quantities = (
                _str_map(doc.get("quantities_before")),
                _str_map(doc.get("quantities_after")),
            )
        lines_before = None
        if isinstance(doc.get("lines_before"), list):
            lines_before = tuple(Line.from_json(x) for x in _dicts(doc["lines_before"]))
        identity: dict[str, tuple[str | None, str | None]] = {}
        extra: dict[str, Any] = {}
        for key, value in doc.items():
            if key in _ROW_KEYS:
                continue
            stem, _, side = key.rpartition("_")
            pair = f"{stem}_after" if side == "before" else f"{stem}_before"
            if side in ("before", "after") and stem and pair in doc:
                if stem not in identity:
                    identity[stem] = (
                        _text(doc.get(f"{stem}_before")),
                        _text(doc.get(f"{stem}_after")),
                    )
                continue
            extra[key] = value
        return cls(
            address=_str(doc.get("address")),
            source=_str(doc.get("source")),
            kind=_str(doc.get("kind")),
            action=_str(doc.get("action")),
            status=_str(doc.get("status")),
            file=_text(doc.get("file")),
            line=_int(doc.get("line")),
            monthly_before=_text(doc.get("monthly_before")),
            monthly_after=_text(doc.get("monthly_after")),
            monthly_delta=_text(doc.get("monthly_delta")),
            per_request_before=_text(doc.get("per_request_before")),
            per_request_after=_text(doc.get("per_request_after")),
            lines=tuple(Line.from_json(x) for x in _dicts(doc.get("lines"))),
            project=_text(doc.get("project")),
            region=_text(doc.get("region")),
            reason=_text(doc.get("reason")),
            per_request_worst=worst,
            identity=identity,
            moved_from=_text(doc.get("moved_from")),
            quantities=quantities,
            lines_before=lines_before,
            extra=extra,
        )


@frozen
class TotalsRow:
    """Sums over what could be priced; ``not_counted`` resources are outside them."""

    monthly_before: str | None
    monthly_after: str | None
    monthly_delta: str | None
    delta_percent: str | None
    not_counted: int = 0
    per_request_increase_percent: str | None = None

    def to_json(self, *, per_request: bool = True) -> Json:
        out: Json = {
            "monthly_before": self.monthly_before,
            "monthly_after": self.monthly_after,
            "monthly_delta": self.monthly_delta,
            "delta_percent": self.delta_percent,
            "not_counted": self.not_counted,
        }
        if per_request and self.per_request_increase_percent is not None:
            out["per_request_increase_percent"] = self.per_request_increase_percent
        return out

    @classmethod
    def from_json(cls, doc: Any) -> TotalsRow:
        doc = doc if isinstance(doc, Mapping) else {}
        return cls(
            _text(doc.get("monthly_before")),
            _text(doc.get("monthly_after")),
            _text(doc.get("monthly_delta")),
            _text(doc.get("delta_percent")),
            _count(doc.get("not_counted")),
            _text(doc.get("per_request_increase_percent")),
        )


@frozen
class FindingRow:
    """The report's ``findings`` entry."""

    policy: str
    severity: str  # info | warn | fail
    address: str | None
    message: str
    file: str | None = None
    line: int | None = None

    def to_json(self) -> Json:
        return {
            "policy": self.policy,
            "severity": self.severity,
            "address": self.address,
            "message": self.message,
            "file": self.file,
            "line": self.line,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> FindingRow:
        return cls(
            _str(doc.get("policy")),
            _str(doc.get("severity")),
            _text(doc.get("address")),
            _str(doc.get("message")),
            _text(doc.get("file")),
            _int(doc.get("line")),
        )


@frozen
class ApprovalRow:
    """The report's ``approval`` field."""

    required: bool = False
    reasons: tuple[str, ...] = ()
    approvers: tuple[str, ...] = ()
    approved_by: tuple[str, ...] = ()
    # set by publishing: who approved which head, and why other approvals did not count
    approvals: tuple[ApprovalGiven, ...] | None = None
    notes: tuple[str, ...] | None = None

    def to_json(self) -> Json:
        out: Json = {
            "required": self.required,
            "reasons": list(self.reasons),
            "approvers": list(self.approvers),
            "approved_by": list(self.approved_by),
        }
        if self.approvals is not None:
            out["approvals"] = [a.to_json() for a in self.approvals]
        if self.notes is not None:
            out["notes"] = list(self.notes)
        return out

    @classmethod
    def from_json(cls, doc: Any) -> ApprovalRow:
        doc = doc if isinstance(doc, Mapping) else {}
        approvals = None
        if isinstance(doc.get("approvals"), list):
            from finops_gate.report.sections import ApprovalGiven

            approvals = tuple(
                ApprovalGiven(_str(a.get("login")), _str(a.get("via")), _str(a.get("head_sha")))
                for a in _dicts(doc["approvals"])
            )
        return cls(
            required=doc.get("required") is True,
            reasons=_texts(doc.get("reasons")),
            approvers=_texts(doc.get("approvers")),
            approved_by=_texts(doc.get("approved_by")),
            approvals=approvals,
            notes=_texts(doc["notes"]) if isinstance(doc.get("notes"), list) else None,
        )


@frozen
class CatalogFileRow:
    """The report's ``catalog_files`` entry: one catalog file priced from."""

    catalog: str
    version: str
    file: str
    origin: str
    sha256: str
    sources: tuple[str, ...] = ()
    retrieved: str | None = None
    price_date: str | None = None

    def to_json(self) -> Json:
        return {
            "catalog": self.catalog,
            "version": self.version,
            "file": self.file,
            "origin": self.origin,
            "sha256": self.sha256,
            "sources": list(self.sources),
            "retrieved": self.retrieved,
            "price_date": self.price_date,
        }


_TOP_KEYS = frozenset(
    {
        "schema_version",
        "generator",
        "currency",
        "hours_per_month",
        "catalogs",
        "as_of",
        "catalog_files",
        "totals",
        "resources",
        "findings",
        "verdict",
        "approval",
        "assumptions",
        "notes",
        "projects",
        "services",
        "config",
        "exchange_rate",
        "totals_usd",
    }
)


@frozen
class Document:
    """The whole report as rendered and published (module docstring)."""

    totals: TotalsRow
    # a tuple, or for a large fresh report rows made when read (``report.json.Rows``)
    resources: Sequence[ResourceRow] = ()
    # a tuple, or for a large fresh report rows made when read (``report.json.FindingRows``)
    findings: Sequence[FindingRow] = ()
    verdict: Verdict = Verdict.PASS
    approval: ApprovalRow = ApprovalRow()
    schema_version: str = "1"
    generator: str = ""
    currency: str = "USD"
    hours_per_month: int = 730
    catalogs: Mapping[str, str] = field(default_factory=dict)
    as_of: str | None = None
    catalog_files: tuple[CatalogFileRow, ...] = ()
    assumptions: tuple[AssumptionRow, ...] = ()
    notes: tuple[str, ...] = ()
    projects: tuple[ProjectRow, ...] | None = None  # None: one project (not listed)
    services: tuple[ServiceRow, ...] | None = None  # None: not evaluated
    config: Mapping[str, Any] | None = None  # where the gate's config came from
    exchange_rate: ExchangeRate | None = None  # a report in another currency than USD
    totals_usd: TotalsRow | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)  # fields of a newer version, kept

    def to_json(self) -> Json:
        """The JSON report (schema_version "1"), key for key."""
        doc: Json = {
            "schema_version": self.schema_version,
            "generator": self.generator,
            "currency": self.currency,
            "hours_per_month": self.hours_per_month,
            "catalogs": dict(self.catalogs),
            "as_of": self.as_of,
            "catalog_files": [c.to_json() for c in self.catalog_files],
            "totals": self.totals.to_json(),
            "resources": [r.to_json() for r in self.resources],
            "findings": [f.to_json() for f in self.findings],
            "verdict": str(self.verdict),
            "approval": self.approval.to_json(),
            "assumptions": [a.to_json() for a in self.assumptions],
            "notes": list(self.notes),
        }
        if self.projects is not None:
            doc["projects"] = [p.to_json() for p in self.projects]
        if self.services is not None:
            doc["services"] = [s.to_json() for s in self.services]
        if self.config is not None:
            doc["config"] = dict(self.config)
        if self.exchange_rate is not None:
            doc["exchange_rate"] = self.exchange_rate.to_json()
        if self.totals_usd is not None:
            doc["totals_usd"] = self.totals_usd.to_json(per_request=False)
        doc.update(self.extra)
        return doc

    @classmethod
    def of(cls, doc: Document | Mapping[str, Any]) -> Document:
        """``doc`` itself, or the document a JSON mapping holds (``from_json``)."""
        return doc if isinstance(doc, Document) else cls.from_json(doc)

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Document:
        """A JSON report read defensively: a value of the wrong shape is left out (a saved report
        is validated against the schema first; the schema leaves room a hostile one could use)."""
        from finops_gate.report.assumptions import AssumptionRow
        from finops_gate.report.sections import (
            ExchangeRate,
            ProjectRow,
            ServiceRow,
        )

        verdict = doc.get("verdict")
        fx = doc.get("exchange_rate")
        return cls(
            totals=TotalsRow.from_json(doc.get("totals")),
            resources=tuple(ResourceRow.from_json(r) for r in _dicts(doc.get("resources"))),
            findings=tuple(FindingRow.from_json(f) for f in _dicts(doc.get("findings"))),
            # an unreadable verdict fails closed
            verdict=Verdict(verdict) if verdict in tuple(Verdict) else Verdict.FAIL,
            approval=ApprovalRow.from_json(doc.get("approval")),
            schema_version=str(doc.get("schema_version", "1")),
            generator=_str(doc.get("generator")),
            currency=str(doc.get("currency", "USD")),
            hours_per_month=_int(doc.get("hours_per_month")) or 730,
            catalogs=_str_map(doc.get("catalogs")),
            as_of=_text(doc.get("as_of")),
            catalog_files=tuple(
                CatalogFileRow(
                    _str(c.get("catalog")),
                    _str(c.get("version")),
                    _str(c.get("file")),
                    _str(c.get("origin")),
                    _str(c.get("sha256")),
                    _texts(c.get("sources")),
                    _text(c.get("retrieved")),
                    _text(c.get("price_date")),
                )
                for c in _dicts(doc.get("catalog_files"))
            ),
            assumptions=tuple(
                AssumptionRow(
                    _str(a.get("subject")),
                    _str(a.get("key")),
                    _str(a.get("value")),
                    _str(a.get("origin")),
                )
                for a in _dicts(doc.get("assumptions"))
            ),
            notes=_texts(doc.get("notes")),
            projects=_rows(doc, "projects", ProjectRow.from_json),
            services=_rows(doc, "services", ServiceRow.from_json),
            config=dict(doc["config"]) if isinstance(doc.get("config"), Mapping) else None,
            exchange_rate=(
                ExchangeRate(
                    _str(fx.get("to")),
                    _str(fx.get("rate")),
                    _text(fx.get("date")),
                    _str(fx.get("source")),
                )
                if isinstance(fx, Mapping)
                else None
            ),
            totals_usd=(
                TotalsRow.from_json(doc["totals_usd"])
                if isinstance(doc.get("totals_usd"), Mapping)
                else None
            ),
            extra={k: v for k, v in doc.items() if k not in _TOP_KEYS},
        )


def _rows(doc: Mapping[str, Any], key: str, read: Any) -> tuple[Any, ...] | None:
    value = doc.get(key)
    if not isinstance(value, list):
        return None
    return tuple(read(item) for item in _dicts(value))


def changed(doc: Document) -> Iterable[ResourceRow]:
    """The resources the change touches (no-ops left out)."""
    return (r for r in doc.resources if r.action != "no-op")
