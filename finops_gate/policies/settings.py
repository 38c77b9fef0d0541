"""``policies:``, ``exemptions:`` and ``usage.services`` of the config -> typed policy settings.

The JSON Schema checks shapes; this module checks what a schema cannot (a regex that does not
compile, a limit below zero, an exemption for a policy that does not exist) and raises a
ConfigError naming the file and the key path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from finops_gate.config import Settings
from finops_gate.errors import ConfigError
from finops_gate.frozen import frozen
from finops_gate.model import Severity

if TYPE_CHECKING:  # each beside its policy, imported by a config that has one (start-up)
    from finops_gate.policies.budgets import Budget
    from finops_gate.policies.exemptions import Exemption

POLICY_IDS = (
    "tags.required",
    "tags.allowed_values",
    "budget.monthly",
    "approval.threshold",
    "pricing.unpriced",
    "kubernetes.missing_requests",
    "models.unpinned",
)
DEFAULT_REQUIRED = ("finops:team", "finops:service", "finops:environment", "finops:cost-center")
PLATFORMS = ("aws", "azurerm", "google", "kubernetes")


@frozen
class AllowedValues:
    """Literal values, and regexes that must match the whole value (``dev`` != ``development``).

    The value matched is head-controlled (a label in the pull request), so the regexes run on
    RE2, whose matching time is linear in the value: no pattern can make the gate hang."""

    literals: tuple[str, ...] = ()
    patterns: tuple[Any, ...] = ()  # compiled by linear_regex

    def allows(self, value: str) -> bool:
        return value in self.literals or any(p.fullmatch(value) is not None for p in self.patterns)


def linear_regex(pattern: str) -> Any:
    """``pattern`` compiled for RE2 (linear time); ValueError saying why it cannot be."""
    import re2

    try:
        re.compile(pattern)  # the Python syntax the docs describe must hold too
        return re2.compile(pattern)
    except (re.error, re2.error) as exc:
        detail = str(exc).strip() or type(exc).__name__
        raise ValueError(
            f"regex does not compile ({detail}); backreferences and lookaround are not "
            "supported (patterns run in linear time)"
        ) from None


@frozen
class TagPolicy:
    """``policies.tags``: required keys, allowed values, severities and key mappings."""

    required: tuple[str, ...] = DEFAULT_REQUIRED
    allowed: Mapping[str, AllowedValues] = field(default_factory=dict)
    on_missing: Severity = Severity.WARN
    on_invalid: Severity = Severity.WARN
    on_unknown: Severity | None = Severity.WARN  # None: "pass", an unknown key is not reported
    keys: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # platform -> overrides


@frozen
class ApprovalPolicy:
    """``policies.approval``: the thresholds that need a sign-off and who may give it."""

    monthly_increase: Decimal | None = None
    percent_increase: Decimal | None = None
    # the percent threshold counts only from this monthly increase up (USD): a $2 change on a
    # $1 base is not "+200%" worth a sign-off, and from a $0 base the percent is infinite
    percent_min_increase: Decimal = Decimal(10)
    margin_percent: Decimal = Decimal(10)  # an approval covers up to this much more...
    margin_monthly: Decimal = Decimal(0)  # ...or this many USD more, whichever is larger
    approvers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # a changed resource whose head cannot be priced: "require" (default) an approval with the
    # reason "cost unknown", or "ignore" it (it is still listed as unpriced)
    on_unknown_cost: str = "require"
    currency: str = "USD"  # the amounts above are in report.currency
    # percent increase of a site's cost per request (a model switch) that needs a sign-off
    per_request_percent_increase: Decimal | None = None

    @property
    def configured(self) -> bool:
        return (
            self.monthly_increase is not None
            or self.percent_increase is not None
            or self.per_request_percent_increase is not None
        )


@frozen
class PolicySettings:
    """The ``policies`` section of the config, read and checked once per run."""

    tags: TagPolicy = TagPolicy()
    budgets: tuple[Budget, ...] = ()
    approval: ApprovalPolicy = ApprovalPolicy()
    unpriced: Severity = Severity.WARN
    unpinned: Severity | None = Severity.WARN  # models.unpinned; None: "pass"
    exemptions: tuple[Exemption, ...] = ()
    services: Mapping[str, Decimal] = field(default_factory=dict)  # service -> requests/month


class _Reader:
    def __init__(
        self, settings: Settings, currency: str | None = None, factor: Decimal = Decimal(1)
    ) -> None:
        self.file = settings.path or ".finops-gate.yml"
        written_in = str(settings.section("report").get("currency") or "USD").upper()
        self.currency = (currency or written_in).upper()
        self.factor = factor  # config amounts (in written_in) -> self.currency

    def amount(self, value: Any, path: str, *, positive: bool = False) -> Decimal:
        """A money amount of the config, in the currency the change is priced in."""
        return self.money(value, path, positive=positive) * self.factor

    def error(self, path: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.file}: {path}: {problem} (see the README's policy reference)")

    def money(self, value: Any, path: str, *, positive: bool = False) -> Decimal:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise self.error(path, f"{value!r} is not a number") from None
        if not amount.is_finite() or amount < 0 or (positive and amount == 0):
            raise self.error(path, f"{value!r} must be a number {'>' if positive else '>='} 0")
        return amount

    def severity(self, value: Any, path: str, *, allow_pass: bool = False) -> Severity | None:
        if allow_pass and value == "pass":
            return None
        if value in ("warn", "fail"):
            return Severity(value)
        choices = "warn, fail" + (" or pass" if allow_pass else "")
        raise self.error(path, f"{value!r} is not one of {choices}")


def load(
    settings: Settings, *, currency: str | None = None, factor: Decimal = Decimal(1)
) -> PolicySettings:
    """Typed policy settings; ConfigError naming the key for what the schema cannot catch.
    Money amounts are restated in ``currency`` (``factor`` per unit of ``report.currency``)."""
    r = _Reader(settings, currency, factor)
    policies = settings.section("policies")
    services = {
        str(name): r.money(
            (spec or {}).get("requests_per_month"),
            f"usage.services.{name}.requests_per_month",
            positive=True,
        )
        for name, spec in settings.section("usage", "services").items()
    }
    unpriced = settings.section("policies", "pricing").get("unpriced", "warn")
    return PolicySettings(
        tags=_tags(r, settings.section("policies", "tags")),
        budgets=tuple(_budget(r, b, i) for i, b in enumerate(policies.get("budgets") or [])),
        approval=_approval(r, settings.section("policies", "approval")),
        unpriced=r.severity(unpriced, "policies.pricing.unpriced") or Severity.WARN,
        unpinned=r.severity(
            settings.section("policies", "models").get("unpinned", "warn"),
            "policies.models.unpinned",
            allow_pass=True,
        ),
        exemptions=tuple(
            _exemption(r, e, i) for i, e in enumerate(settings.raw.get("exemptions") or [])
        ),
        services=services,
    )


def _tags(r: _Reader, raw: Mapping[str, Any]) -> TagPolicy:
    allowed: dict[str, AllowedValues] = {}
    for key, values in (raw.get("allowed_values") or {}).items():
        literals: list[str] = []
        patterns: list[re.Pattern[str]] = []
        for i, item in enumerate(values or []):
            if isinstance(item, Mapping):
                try:
                    patterns.append(linear_regex(str(item["regex"])))
                except ValueError as exc:
                    path = f"policies.tags.allowed_values.{key}[{i}].regex"
                    raise r.error(path, str(exc)) from None
            else:
                literals.append(str(item))
        allowed[str(key)] = AllowedValues(tuple(literals), tuple(patterns))
    on_missing = r.severity(raw.get("on_missing", "warn"), "policies.tags.on_missing")
    assert on_missing is not None
    on_invalid = r.severity(raw.get("on_invalid", on_missing.value), "policies.tags.on_invalid")
    return TagPolicy(
        required=tuple(str(k) for k in raw.get("required", DEFAULT_REQUIRED)),
        allowed=allowed,
        on_missing=on_missing,
        on_invalid=on_invalid or on_missing,
        on_unknown=r.severity(
            raw.get("on_unknown", "warn"), "policies.tags.on_unknown", allow_pass=True
        ),
        keys={
            str(p): {str(k): str(v) for k, v in (m or {}).items()}
            for p, m in (raw.get("keys") or {}).items()
        },
    )


def _budget(r: _Reader, raw: Mapping[str, Any], i: int) -> Budget:
    from finops_gate.policies.budgets import Budget

    where = f"policies.budgets[{i}]"
    warn = r.money(raw.get("warn_at_percent", 80), f"{where}.warn_at_percent")
    fail = r.money(raw.get("fail_at_percent", 100), f"{where}.fail_at_percent")
    if warn > fail:
        raise r.error(f"{where}.warn_at_percent", "must not be above fail_at_percent")
    return Budget(
        name=str(raw.get("name")),
        scope={str(k): str(v) for k, v in (raw.get("scope") or {}).items()},
        monthly_limit=r.amount(raw.get("monthly_limit"), f"{where}.monthly_limit", positive=True),
        warn_at_percent=warn,
        fail_at_percent=fail,
        current_spend=r.amount(raw.get("current_spend", 0), f"{where}.current_spend"),
        currency=r.currency,
    )


def _approval(r: _Reader, raw: Mapping[str, Any]) -> ApprovalPolicy:
    def opt(key: str) -> Decimal | None:
        value = raw.get(key)
        return None if value is None else r.money(value, f"policies.approval.{key}")

    def amount(key: str, default: Decimal | None) -> Decimal | None:
        value = raw.get(key)
        return default if value is None else r.amount(value, f"policies.approval.{key}")

    return ApprovalPolicy(
        monthly_increase=amount("monthly_increase", None),
        percent_increase=opt("percent_increase"),
        # 0 is a real setting (any increase counts): only an absent key takes the default
        percent_min_increase=amount("percent_min_increase", Decimal(10) * r.factor) or Decimal(0),
        margin_percent=Decimal(10) if (m := opt("margin_percent")) is None else m,
        margin_monthly=amount("margin_monthly", Decimal(0)) or Decimal(0),
        per_request_percent_increase=opt("per_request_percent_increase"),
        approvers={  # "@alice", "@acme/leads" (CODEOWNERS style) name alice and acme/leads
            str(p): tuple(n for a in names or [] if (n := str(a).strip().removeprefix("@")))
            for p, names in (raw.get("approvers") or {}).items()
        },
        on_unknown_cost=str(raw.get("on_unknown_cost", "require")),
        currency=r.currency,
    )


def _exemption(r: _Reader, raw: Mapping[str, Any], i: int) -> Exemption:
    from finops_gate.policies.exemptions import Exemption

    where = f"exemptions[{i}]"
    policy = str(raw.get("policy"))
    if policy not in POLICY_IDS:
        known = ", ".join(POLICY_IDS)
        raise r.error(f"{where}.policy", f"unknown policy {policy!r}; one of {known}")
    expires = raw.get("expires")
    if isinstance(expires, str):
        try:
            expires = date.fromisoformat(expires)
        except ValueError:
            raise r.error(f"{where}.expires", f"{expires!r} is not a date (YYYY-MM-DD)") from None
    elif not isinstance(expires, date):  # a number or a boolean must not mean "never expires"
        raise r.error(f"{where}.expires", f"{expires!r} is not a date (YYYY-MM-DD)")
    return Exemption(
        policy=policy,
        address=str(raw.get("address", "*")),
        reason=str(raw.get("reason")),
        expires=expires if isinstance(expires, date) else None,
    )
