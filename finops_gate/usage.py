"""Usage values, and the ONE lookup of usage by address (ground floor: config, sources and
estimate all look down at it).

Every domain keys usage by address: Terraform ``usage.terraform.resource_usage`` (the
infracost-usage.yml shape), Kubernetes ``usage.kubernetes.workloads``, AI models
``usage.models.sites``. A key is an exact address or a glob (``*``, ``?``, ``[abc]`` as in
fnmatch; ``[*]`` is any index or for_each key). The one precedence rule, in ``matching``:
**an exact address beats every glob, and among globs the longest pattern wins** (each more
specific entry overrides the keys of the less specific ones). Values keep their origin so the
report can list every assumption it made.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Mapping
from dataclasses import field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from finops_gate.frozen import frozen


@frozen
class Usage:
    """Usage values that apply to one resource, each with where it came from."""

    values: Mapping[str, Any] = field(default_factory=dict)
    origins: Mapping[str, str] = field(default_factory=dict)
    # the run's price date: rates that change with the date (extended support) read it; None:
    # not known (a library caller that gave no catalogs), and such a rate is left unpriced
    on: date | None = field(default=None, compare=False)
    # top-level keys a mapper asked for: a given key nobody read is reported as ignored
    read: set[str] = field(default_factory=set, compare=False, repr=False)
    # the dotted keys asked for (``standard.storage_gb``): a key nested in a given map that no
    # mapper asked for (``standard.storag_gb``) is reported as ignored, as a top-level one is
    read_paths: set[str] = field(default_factory=set, compare=False, repr=False)
    # dotted keys asked for as a number whose given value is none (a word, a map, true): read
    # as not given, so the report says the value is ignored rather than "depends on usage"
    # alone; keys also asked for as text (a word is their answer) are left out
    not_numbers: set[str] = field(default_factory=set, compare=False, repr=False)
    read_as_text: set[str] = field(default_factory=set, compare=False, repr=False)

    def number(self, key: str) -> Decimal | None:
        """The value at dotted ``key`` as a Decimal, or ``None`` when not given."""
        if not self.values:
            # nothing given (most resources): nothing can be ignored either, so there is no
            # read key to record (a mapper asks dozens of keys; this is on the plan's hot path)
            return None
        top, dotted, _ = key.partition(".")
        self.read.add(top)
        if dotted:
            self.read_paths.add(key)
        value: Any = self.values
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        if value is None:
            return None
        if isinstance(value, bool):
            self.not_numbers.add(key)
            return None
        try:
            found = Decimal(str(value))
        except InvalidOperation:
            self.not_numbers.add(key)
            return None
        # a word ("sNaN" the schema does not see inside a nested value): no quantity to take
        if found.is_nan():
            self.not_numbers.add(key)
            return None
        return found

    def text(self, key: str) -> str | None:
        if not self.values:
            return None  # (as ``number``: nothing given, nothing to record)
        self.read.add(key.split(".")[0])
        self.read_as_text.add(key)
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


def matches(pattern: str, address: str) -> bool:
    """Whether a usage key applies to ``address`` (exactly, or as a glob)."""
    return pattern == address or _address_pattern(pattern).match(address) is not None


def matching(entries: Mapping[str, Any], address: str) -> list[str]:
    """The keys of ``entries`` that apply to ``address``, least specific first: globs by
    length, then the exact address (apply them in this order; later ones win)."""
    if not entries:
        return []
    return sorted(
        (p for p in entries if matches(p, address)),
        key=lambda p: (p == address, len(p)),
    )


def merged(
    entries: Mapping[str, Mapping[str, Any]],
    address: str,
    origin: str,
    *,
    moved_from: str | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The values of every entry matching ``address`` merged by precedence, and for each value
    its config key (``origin`` with ``{pattern}`` filled in).

    A resource that moved (``moved_from``: its base address) keeps the entry written for its
    old address, as the most specific one, until an entry names its new address: a move never
    makes configured usage silently vanish (and fake a saving). The origin says so."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    patterns = matching(entries, address)
    carried = moved_from is not None and address not in entries and moved_from in entries
    for pattern in [*patterns, moved_from] if carried else patterns:
        assert pattern is not None
        entry = entries[pattern]
        where = origin.format(pattern=pattern)
        if pattern == moved_from and carried:
            where += f", set for {moved_from} before it moved"
        for key, value in entry.items() if isinstance(entry, Mapping) else ():
            values[key], origins[key] = value, where
    return values, origins


# price date -> the usage of a resource when none is configured
_NONE: dict[date | None, Usage] = {}


@frozen
class UsageFile:
    """The usage a config gives, by resource type and by address (exact or glob)."""

    by_type: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    by_address: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def for_resource(
        self, address: str, kind: str, *, moved_from: str | None = None, on: date | None = None
    ) -> Usage:
        """The usage that applies to one resource (``on``: the run's price date)."""
        if not self.by_type and not self.by_address:
            # no usage configured (most runs): nothing to match, and one value per price date
            # (a Usage with no values records nothing: ``number`` and ``text``)
            found = _NONE.get(on)
            if found is None:
                found = _NONE[on] = Usage(on=on)
            return found
        values: dict[str, Any] = {}
        origins: dict[str, str] = {}
        for key, value in self.by_type.get(kind, {}).items():
            values[key] = value
            origins[key] = f"usage.terraform.resource_type_default_usage.{kind}"
        by_address, where = merged(
            self.by_address,
            address,
            "usage.terraform.resource_usage.{pattern}",
            moved_from=moved_from,
        )
        values.update(by_address)
        origins.update(where)
        return Usage(values, origins, on=on)
