"""``.finops-gate.yml`` -> Settings, validated against the JSON Schema shipped in the package.

An absent config file means the defaults; a present one that does not validate is a
ConfigError naming the file and the key path (exit 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from finops_gate.catalogs.store import CatalogSet
from finops_gate.errors import ConfigError
from finops_gate.frozen import frozen
from finops_gate.usage import UsageFile

if TYPE_CHECKING:
    from finops_gate.config_schema import SchemaError

CONFIG_NAME = ".finops-gate.yml"


@frozen
class Settings:
    """The validated configuration. ``raw`` is the dict as written (defaults not filled in)."""

    raw: Mapping[str, Any] = field(default_factory=lambda: {"version": 1})
    path: str | None = None  # display name of the file it came from; None: defaults
    terraform_usage: UsageFile = field(init=False, compare=False, repr=False)
    # the catalogs this run prices from; by default the shipped ones in force on pricing.as_of
    # (or the newest). app.py replaces it with the date and team directories of the run.
    catalogs: CatalogSet = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    # the cloud region variables of the environment the run was given (AWS_REGION, ...): the
    # .tf reader takes a region from them where a provider sets none, as plans do
    environment: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.catalogs is None:
            object.__setattr__(
                self, "catalogs", CatalogSet(as_of=self.as_of, pins=self.catalog_pins)
            )
        usage = self.section("usage", "terraform")
        object.__setattr__(
            self,
            "terraform_usage",
            UsageFile(
                by_type=usage.get("resource_type_default_usage") or {},
                by_address=usage.get("resource_usage") or {},
            ),
        )

    def section(self, *keys: str) -> dict[str, Any]:
        """The mapping at ``keys`` (e.g. ``section("usage", "models")``), ``{}`` when absent."""
        node: Any = self.raw
        for key in keys:
            if not isinstance(node, Mapping):
                return {}
            node = node.get(key)
        return dict(node) if isinstance(node, Mapping) else {}

    @property
    def catalog_pins(self) -> dict[str, str]:
        return self.section("pricing", "catalogs")

    @property
    def as_of(self) -> date | None:
        """``pricing.as_of``: the price date the config pins for reproducible reruns."""
        pinned = self.section("pricing").get("as_of")
        return date.fromisoformat(pinned) if isinstance(pinned, str) else None

    @property
    def catalog_dirs(self) -> list[str]:
        """``pricing.catalog_dirs``: a team's catalog directories, relative to the repository."""
        return [str(d) for d in self.section("pricing").get("catalog_dirs") or []]

    def with_catalogs(self, catalogs: CatalogSet) -> Settings:
        return replace(self, catalogs=catalogs)

    def with_environment(self, environment: Mapping[str, str]) -> Settings:
        return replace(self, environment=dict(environment))


def _key_path(error: SchemaError) -> str:
    path = ".".join(str(p) for p in error.path)
    if error.keyword == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})), key=str)
        unknown = ".".join(str(p) for p in (path, extra[0] if extra else "") if p)
        return f"unknown key {unknown!r}"
    return f"{path or '(top level)'}: {error.message}"


def parse_settings(text: str, *, display: str) -> Settings:
    """Parse and validate config text; ``display`` names the file in errors."""
    import yaml

    from finops_gate.yaml_strict import YamlProblem, load_strict

    try:
        data = load_strict(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise ConfigError(f"{display}{where}: not valid YAML ({problem}); fix the syntax") from None
    except YamlProblem as exc:
        where = f":{exc.line}" if exc.line else ""
        raise ConfigError(f"{display}{where}: {exc}; fix the config") from None
    except (RecursionError, ValueError, OverflowError) as exc:  # e.g. an integer of 5,000 digits
        raise ConfigError(f"{display}: a value cannot be read ({str(exc)[:80]}); fix it") from None
    if data is None:
        data = {"version": 1}
    if not isinstance(data, dict):
        raise ConfigError(f"{display}: expected a mapping with 'version: 1' at the top level")
    from finops_gate.config_schema import errors as schema_errors

    # by key path, as jsonschema's errors were (list indexes in their order)
    errors = sorted(
        schema_errors(data),
        key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in e.path],
    )
    if errors:
        raise ConfigError(f"{display}: {_key_path(errors[0])} (see the README's config reference)")
    as_of = (data.get("pricing") or {}).get("as_of")
    try:
        if as_of is not None:
            date.fromisoformat(as_of)
    except ValueError:
        raise ConfigError(f"{display}: pricing.as_of: {as_of!r} is not a calendar date") from None
    return Settings(raw=data, path=display)


def load_settings(path: Path | None, *, display: str | None = None) -> Settings:
    """Load ``path``; ``None`` or a missing default file gives the defaults."""
    if path is None:
        return Settings()
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{name}: config file not found; check the --config path") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{name}: not UTF-8 text; save the config as UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read ({exc.strerror})") from None
    return parse_settings(text, display=name)
