"""``tags.required``, ``tags.allowed_values``: mandatory ``finops:*`` tags on what a change touches.

Which Terraform types take tags is read from data (``finops_gate/data/taggable/``, generated from
the provider schemas); a type not listed is never flagged. Kubernetes objects all take labels.
What a resource is (``model.domain``: its provider and kind) decides, never which reader found it.
The effective tags come from the sources: AWS ``tags_all`` (or ``tags`` + provider
``default_tags``), GCP ``terraform_labels``, Azure ``tags``, Kubernetes pod-template labels.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from finops_gate.frozen import maker
from finops_gate.model import KUBERNETES, Action, CostDelta, Finding, Resource, Severity, domain
from finops_gate.policies.settings import AllowedValues, TagPolicy

_DATA = Path(__file__).resolve().parent.parent / "data" / "taggable"
_LISTS = {
    "aws": "aws-taggable-resource-types.txt",
    "azurerm": "azurerm-taggable-resource-types.txt",
    "google": "google-labelable-resource-types.txt",
}
_CHECKED = {Action.CREATE, Action.UPDATE, Action.REPLACE}
MAKE_FROM = 1000  # changes from which the findings are made by ``frozen.maker``
_POD_TEMPLATE_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"}
# a tag is a "label" where the platform calls it so
_NOUN = {"google": "label", "kubernetes": "label"}


@functools.cache
def taggable_types(provider: str) -> frozenset[str]:
    name = _LISTS.get(provider)
    if name is None:
        return frozenset()
    # one type name per line (no blank inside a name, tests/policies/test_tags.py): split in
    # C, not line by line (the aws list's 839 lines were 1.4M instructions of a small run)
    return frozenset((_DATA / name).read_text(encoding="utf-8").split())


def is_taggable(resource: Resource) -> bool:
    if domain(resource) == KUBERNETES:
        return resource.tags is not None
    return resource.kind in taggable_types(resource.provider)


def platform_key(key: str, provider: str, overrides: Mapping[str, Mapping[str, str]]) -> str:
    """The key as the platform spells it: GCP ``finops_team``, Kubernetes ``finops/team``."""
    mapped = (overrides.get(provider) or {}).get(key)
    if mapped is not None:
        return mapped
    if provider == "google":
        return key.lower().replace(":", "_")
    if provider == "kubernetes":
        return key.replace(":", "/", 1)
    return key


def checked_resources(deltas: Iterable[CostDelta], *, all_resources: bool) -> list[Resource]:
    """The head side of what the change creates, updates or replaces (plus untouched ones with
    ``all_resources``); deletes are never checked."""
    out = []
    for d in deltas:
        action = d.change.action
        if action in _CHECKED or (all_resources and action is Action.NOOP):
            side = d.change.after
            if side is not None and is_taggable(side):
                out.append(side)
    return out


def check(deltas: Iterable[CostDelta], policy: TagPolicy, *, all_resources: bool) -> list[Finding]:
    findings: list[Finding] = []
    keys: dict[str, tuple[tuple[str, ...], tuple[tuple[str, AllowedValues], ...]]] = {}
    # (``checked_resources`` inlined, ``is_taggable`` asked once per provider and type: this
    # runs for every resource of a large change; a Kubernetes object is asked itself)
    taggable: dict[tuple[str, str], bool] = {}
    new: Callable[..., Finding] = Finding
    if isinstance(deltas, list) and len(deltas) >= MAKE_FROM:
        new = maker(Finding)  # (a finding per resource of a large change: frozen.maker)
    for d in deltas:
        change = d.change
        action = change.action
        if action not in _CHECKED and not (all_resources and action is Action.NOOP):
            continue
        resource = change.after
        if resource is None:
            continue
        provider = resource.provider
        if provider == "kubernetes":
            if not is_taggable(resource):
                continue
        else:
            known = taggable.get((provider, resource.kind))
            if known is None:
                known = taggable[(provider, resource.kind)] = is_taggable(resource)
            if not known:
                continue
        found = keys.get(provider)
        if found is None:  # the keys as the platform spells them, once per platform
            found = keys[provider] = _platform_keys(provider, policy)
        if not found[1] and not resource.unknown_tags:
            # (``_check_resource`` where no key has allowed values and every tag is known, as
            # for most resources of a large change: at most the one finding of missing keys;
            # ``_missing_message``'s lookup and ``_finding`` inlined)
            tags = resource.tags or _NO_TAGS
            missing = [real for real in found[0] if real not in tags]
            if missing:
                message = _MESSAGES.get(("missing", provider, resource.kind, tuple(missing)))
                if message is None:
                    message = _missing_message(resource, missing)
                findings.append(
                    new(
                        "tags.required",
                        policy.on_missing,
                        message,
                        resource.address,
                        resource.file,
                        resource.line,
                    )
                )
            continue
        findings.extend(_check_resource(resource, policy, *found, new))
    return findings


def _platform_keys(
    provider: str, policy: TagPolicy
) -> tuple[tuple[str, ...], tuple[tuple[str, AllowedValues], ...]]:
    """The required keys and the keys with allowed values, as ``provider`` spells them."""
    return (
        tuple(platform_key(key, provider, policy.keys) for key in policy.required),
        tuple(
            (platform_key(key, provider, policy.keys), allowed)
            for key, allowed in policy.allowed.items()
        ),
    )


def _check_resource(
    resource: Resource,
    policy: TagPolicy,
    required: tuple[str, ...],
    allowed_values: tuple[tuple[str, AllowedValues], ...],
    new: Callable[..., Finding] = Finding,
) -> list[Finding]:
    """One ``tags.required`` finding per resource naming every missing key (and one for the
    keys only known after apply), so a big change reads as one line per resource."""
    tags = resource.tags or {}
    unknown = resource.unknown_tags
    noun = _NOUN.get(resource.provider, "tag")
    out: list[Finding] = []
    missing: list[str] = []
    pending: list[str] = []
    for real in required:
        if real in tags or real in unknown:
            continue
        (pending if "*" in unknown else missing).append(real)
    if pending and policy.on_unknown is not None:
        out.append(
            _finding(
                new,
                "tags.required",
                policy.on_unknown,
                resource,
                _pending_message(noun, pending, unknown),
            )
        )
    if missing:
        out.append(
            _finding(
                new,
                "tags.required",
                policy.on_missing,
                resource,
                _missing_message(resource, missing),
            )
        )
    for real, allowed in allowed_values:
        value = tags.get(real)
        if value is None or real in unknown or allowed.allows(value):
            continue
        out.append(
            _finding(
                new,
                "tags.allowed_values",
                policy.on_invalid,
                resource,
                sys.intern(f"{noun} {real} is {value!r}; {_allowed_text(value, allowed)}"),
            )
        )
    return out


def _pending_message(noun: str, pending: list[str], unknown: frozenset[str]) -> str:
    key = ("pending", noun, tuple(pending), unknown)
    found = _MESSAGES.get(key)
    if found is None:
        names = (
            f"{noun} {pending[0]} is" if len(pending) == 1 else f"{noun}s {', '.join(pending)} are"
        )
        one = len(pending) == 1
        found = _message(
            key,
            f"{names} not known until apply ({_behind(unknown)}); "
            f"set {'it' if one else 'them'} as a literal so the gate can check "
            f"{'it' if one else 'them'}",
        )
    return found


def _missing_message(resource: Resource, missing: list[str]) -> str:
    # what the message says besides the keys: the noun (the provider) and where to add them
    # (the provider; a Kubernetes kind)
    key = ("missing", resource.provider, resource.kind, tuple(missing))
    found = _MESSAGES.get(key)
    if found is None:
        noun = _NOUN.get(resource.provider, "tag")
        names = f"{noun} {missing[0]}" if len(missing) == 1 else f"{noun}s {', '.join(missing)}"
        fix = _fix(resource, missing[0])
        if len(missing) > 1:
            fix = fix.replace("add it to", "add them to")
        found = _message(key, f"missing {names}; {fix}")
    return found


def _message(key: tuple[Any, ...], message: str) -> str:
    """A finding's message, held once (a whole-tree check finds the same few messages on
    thousands of resources), made once per key (bounded: emptied when full)."""
    if len(_MESSAGES) >= 4096:
        _MESSAGES.clear()
    _MESSAGES[key] = message = sys.intern(message)
    return message


_MESSAGES: dict[tuple[Any, ...], str] = {}
_NO_TAGS: Mapping[str, str] = MappingProxyType({})


def _allowed_text(value: str, allowed: AllowedValues) -> str:
    literals = allowed.literals
    parts = list(literals) + [f"/{p.pattern}/" for p in allowed.patterns]
    text = f"allowed: {', '.join(parts)}"
    closest = closest_value(value, literals)
    return f"{text}; did you mean {closest!r}?" if closest is not None else text


def closest_value(value: str, choices: Iterable[str]) -> str | None:
    """The allowed literal nearest to ``value`` (case-insensitive; prod ~ production)."""
    options = list(choices)
    if not options:
        return None
    low = value.lower()
    for option in options:
        if option.lower() == low:
            return option
    prefixed = [o for o in options if low.startswith(o.lower()) or o.lower().startswith(low)]
    if prefixed:
        return max(prefixed, key=len)
    lowered = {o.lower(): o for o in options}
    import difflib  # only for a value that is not allowed (start-up)

    best = difflib.get_close_matches(low, list(lowered), n=1, cutoff=0.5)
    return lowered[best[0]] if best else None


def _behind(unknown: frozenset[str]) -> str:
    """What makes the tag set unknown: the sources mark references as ``*<reference>``."""
    refs = sorted(u[1:] for u in unknown if u.startswith("*") and len(u) > 1)
    if refs:
        return f"the provider's default_tags come from {', '.join(refs)}"
    return "the tags are computed"


def _fix(resource: Resource, key: str) -> str:
    if domain(resource) == KUBERNETES:
        where = (
            "spec.template.metadata.labels"
            if resource.kind in _POD_TEMPLATE_KINDS
            else "metadata.labels"
        )
        if resource.kind == "CronJob":
            where = "spec.jobTemplate.spec.template.metadata.labels"
        return f"add it to {where}"
    if resource.provider == "aws":
        return "add it to the resource's tags or to the provider's default_tags"
    if resource.provider == "google":
        return "add it to the resource's labels or to the provider's default_labels"
    return "add it to the resource's tags"


def _finding(
    new: Callable[..., Finding], policy: str, severity: Severity, resource: Resource, message: str
) -> Finding:
    # (positional, in the field order: a finding per resource of a large change)
    return new(policy, severity, message, resource.address, resource.file, resource.line)
