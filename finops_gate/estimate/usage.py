"""Usage values for usage-based cost lines (the infracost-usage.yml shape).

``resource_usage`` is keyed by address and may use ``[*]`` (any index or key) and ``*`` globs;
it wins over ``resource_type_default_usage``. Values keep their origin so the report can list
every assumption it made.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any


@dataclass(frozen=True, slots=True)
class Usage:
    """Usage values that apply to one resource, each with where it came from."""

    values: Mapping[str, Any] = field(default_factory=dict)
    origins: Mapping[str, str] = field(default_factory=dict)
    # the run's price date: rates that change with the date (extended support) read it; None:
    # not known (a library caller that gave no catalogs), and such a rate is left unpriced
    on: date | None = field(default=None, compare=False)
    # top-level keys a mapper asked for: a given key nobody read is reported as ignored
    read: set[str] = field(default_factory=set, compare=False, repr=False)

    def number(self, key: str) -> Decimal | None:
        """The value at dotted ``key`` as a Decimal, or ``None`` when not given."""
        self.read.add(key.split(".")[0])
        if not self.values:
            return None
        value: Any = self.values
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        if isinstance(value, bool) or value is None:
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None

    def text(self, key: str) -> str | None:
        self.read.add(key.split(".")[0])
        value = self.values.get(key)
        return None if value is None else str(value)

    def origin(self, key: str) -> str | None:
        return self.origins.get(key.split(".")[0])


@functools.cache
def _address_pattern(pattern: str) -> re.Pattern[str]:
    # "[*]" matches any index or for_each key; other glob characters keep fnmatch meaning.
    parts = pattern.split("[*]")
    body = r"\[[^\]]*\]".join(
        fnmatch.translate(p).removeprefix("(?s:").removesuffix(")\\Z") for p in parts
    )
    return re.compile(rf"(?s:{body})\Z")


@dataclass(frozen=True, slots=True)
class UsageFile:
    by_type: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    by_address: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def for_resource(self, address: str, kind: str) -> Usage:
        values: dict[str, Any] = {}
        origins: dict[str, str] = {}
        for key, value in self.by_type.get(kind, {}).items():
            values[key] = value
            origins[key] = f"usage.terraform.resource_type_default_usage.{kind}"
        # exact address beats a wildcard; among wildcards the longest pattern wins
        if not self.by_address:
            return Usage(values, origins)
        matches = sorted(
            (p for p in self.by_address if p == address or _address_pattern(p).match(address)),
            key=lambda p: (p == address, len(p)),
        )
        for pattern in matches:
            for key, value in self.by_address[pattern].items():
                values[key] = value
                origins[key] = f"usage.terraform.resource_usage.{pattern}"
        return Usage(values, origins)
