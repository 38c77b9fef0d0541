"""Terraform plan JSON (``terraform show -json tfplan``) -> ResourceChange.

A plan is already a diff: each entry of ``resource_changes`` carries ``before`` and ``after``.
Format reference: https://developer.hashicorp.com/terraform/internals/json-format

- ``format_version`` 1.x is read (unknown fields ignored); anything else is refused.
- Values unknown until apply (``after_unknown``) become ``Resource.unknown`` paths, never guesses.
- Sensitive values (``*_sensitive``) are dropped before anything else sees them.
- The region comes from the resource's own ``region`` argument (AWS provider 6) or from the
  provider configuration the resource uses (``provider_config_key``, aliases and modules included).
  Google: the resource's ``region`` / ``zone`` / ``location`` first (a zone gives its region).
  Azure: the resource's ``location``, normalised ("West Europe" -> ``westeurope``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from finops_gate.errors import InputError
from finops_gate.model import Action, Resource, ResourceChange

_HOW_TO = "run: terraform show -json tfplan > plan.json"

_ACTIONS: dict[tuple[str, ...], Action] = {
    ("create",): Action.CREATE,
    ("delete",): Action.DELETE,
    ("update",): Action.UPDATE,
    ("no-op",): Action.NOOP,
    ("delete", "create"): Action.REPLACE,
    ("create", "delete"): Action.REPLACE,
}
# "read" (data sources refreshed during apply) and "forget" (removed from state only) change no cost
_IGNORED_ACTIONS = {("read",), ("forget",)}

# provider type -> attribute that names the region on the provider block
_REGION_ARG = {"aws": "region", "google": "region", "google-beta": "region", "azurerm": "location"}


def load_plan(path: Path, display: str | None = None) -> list[ResourceChange]:
    """Read one plan file; ``display`` is how errors and the report name it."""
    name = display or str(path)
    data = _read_json(path, name)
    return plan_changes(data, display=name)


def _read_json(path: Path, name: str) -> dict[str, Any]:
    try:
        # one str in memory, not bytes + str: a plan can be tens of MB
        with path.open(encoding="utf-8") as handle:
            raw = handle.read()
    except UnicodeDecodeError:
        if _is_binary_plan(path):
            raise InputError(f"{name}: a binary plan file, not JSON; {_HOW_TO}") from None
        raise InputError(f"{name}: not UTF-8 JSON; {_HOW_TO}") from None
    except FileNotFoundError:
        raise InputError(f"{name}: file not found; {_HOW_TO}") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory; pass the plan JSON file with --plan") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    if not raw.strip():
        raise InputError(f"{name}: empty file; {_HOW_TO}")
    try:
        data = _decode_top_level(raw)
    except json.JSONDecodeError as exc:
        if raw.startswith("PK"):
            raise InputError(f"{name}: a binary plan file, not JSON; {_HOW_TO}") from None
        raise InputError(
            f"{name}: not valid JSON (line {exc.lineno} column {exc.colno}: {exc.msg}); "
            f"is it truncated? {_HOW_TO}"
        ) from None
    del raw
    if not isinstance(data, dict):
        raise InputError(f'{name}: not a Terraform plan (no "resource_changes"); {_HOW_TO}')
    return data


# Top-level keys the source reads; the rest (planned_values, prior_state... often most of the
# file) is decoded one value at a time and dropped at once, so it never sits in memory.
_KEEP = frozenset({"format_version", "resource_changes", "configuration", "variables"})
_WS = re.compile(r"[ \t\n\r]*")


def _decode_top_level(text: str) -> Any:
    """``json.loads`` for a plan document, keeping only the top-level values in ``_KEEP``
    (other keys map to ``None``, so their presence can still be checked)."""
    decoder = json.JSONDecoder()
    pos = _WS.match(text, 0).end()  # type: ignore[union-attr]
    if not text.startswith("{", pos):
        return json.loads(text)  # not an object: let json say what it is
    out: dict[str, Any] = {}
    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    if text.startswith("}", pos):
        return _end(text, pos + 1, out)
    while True:
        key, pos = decoder.raw_decode(text, pos)
        if not isinstance(key, str):
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes", text, pos
            )
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if not text.startswith(":", pos):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
        value, pos = decoder.raw_decode(text, pos)
        out[key] = value if key in _KEEP else None
        del value
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith("}", pos):
            return _end(text, pos + 1, out)
        if not text.startswith(",", pos):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]


def _end(text: str, pos: int, out: dict[str, Any]) -> dict[str, Any]:
    if _WS.match(text, pos).end() != len(text):  # type: ignore[union-attr]
        raise json.JSONDecodeError("Extra data", text, pos)
    return out


def _is_binary_plan(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"PK"  # terraform plan -out writes a zip archive


def plan_changes(data: Mapping[str, Any], *, display: str) -> list[ResourceChange]:
    """The changes of a parsed plan document."""
    _check_format(data, display)
    providers = _Providers(data)
    changes: list[ResourceChange] = []
    entries = data.get("resource_changes") or []
    if not isinstance(entries, list):
        raise InputError(f"{display}: resource_changes must be a list; {_HOW_TO}")
    for index, entry in enumerate(entries):
        change = _change(entry, index, display, providers)
        if change is not None:
            changes.append(change)
    return changes


def _check_format(data: Mapping[str, Any], display: str) -> None:
    if "resource_changes" not in data and "planned_values" not in data:
        hint = " (this looks like a state file)" if "values" in data else ""
        raise InputError(
            f'{display}: not a Terraform plan (no "resource_changes"){hint}; {_HOW_TO}'
        )
    version = data.get("format_version")
    if not isinstance(version, str) or not version:
        raise InputError(f"{display}: plan has no format_version; {_HOW_TO}")
    if version.split(".")[0] != "1":
        raise InputError(
            f"{display}: plan format_version {version} is not supported (supported: 1.x); "
            "upgrade finops-gate or produce the plan with Terraform 1.x"
        )


def _change(entry: Any, index: int, display: str, providers: _Providers) -> ResourceChange | None:
    where = f"{display}: resource_changes[{index}]"
    if not isinstance(entry, dict):
        raise InputError(f"{where} must be an object; {_HOW_TO}")
    if entry.get("mode", "managed") != "managed":
        return None  # data sources cost nothing
    address, kind = entry.get("address"), entry.get("type")
    change = entry.get("change")
    if not isinstance(address, str) or not isinstance(kind, str) or not isinstance(change, dict):
        raise InputError(f"{where} needs string 'address' and 'type' and an object 'change'")
    actions = change.get("actions")
    if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
        raise InputError(f"{where}.change.actions must be a list of strings ({address})")
    key = tuple(actions)
    if key in _IGNORED_ACTIONS:
        return None
    action = _ACTIONS.get(key)
    if action is None:
        raise InputError(f"{where}.change.actions {actions!r} is not a Terraform plan action")
    provider = _provider_type(entry.get("provider_name"), kind)
    config_key = providers.config_key(address, entry)

    def side(values_key: str, unknown_key: str | None, sensitive_key: str) -> Resource | None:
        values = change.get(values_key)
        if values is None:
            return None
        if not isinstance(values, dict):
            raise InputError(f"{where}.change.{values_key} must be an object or null ({address})")
        values = _redact(values, change.get(sensitive_key))
        unknown = frozenset(_true_paths(change.get(unknown_key))) if unknown_key else frozenset()
        region = _region(values, unknown, provider, providers, config_key)
        tags, unknown_tags = _tags(values, unknown, provider, providers, config_key)
        return Resource(
            address=address,
            source="terraform",
            kind=kind,
            provider=provider,
            region=region,
            attributes=values,
            unknown=unknown,
            tags=tags,
            unknown_tags=unknown_tags,
            file=display,
            line=None,
            project=display,
        )

    before = side("before", None, "before_sensitive")
    after = side("after", "after_unknown", "after_sensitive")
    if action is Action.DELETE:
        after = None
    elif action is Action.CREATE:
        before = None
    if before is None and after is None:
        return None
    if action is Action.NOOP and after is None:
        after = before
    if action is Action.NOOP and before is None:
        before = after
    return ResourceChange(address=address, action=action, before=before, after=after)


def _provider_type(provider_name: Any, kind: str) -> str:
    # "registry.terraform.io/hashicorp/aws" -> "aws"; fall back to the type prefix
    if isinstance(provider_name, str) and provider_name:
        return provider_name.rsplit("/", 1)[-1]
    return kind.split("_", 1)[0]


def _true_paths(mask: Any, prefix: str = "") -> list[str]:
    """Dotted paths where a *_unknown / *_sensitive mask is ``true``."""
    if mask is True:
        return [prefix] if prefix else [""]
    out: list[str] = []
    if isinstance(mask, dict):
        for key, sub in mask.items():
            if sub is not False and sub != {} and sub != []:
                out.extend(_true_paths(sub, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(mask, list):
        for i, sub in enumerate(mask):
            if sub is not False and sub != {} and sub != []:
                out.extend(_true_paths(sub, f"{prefix}.{i}" if prefix else str(i)))
    return out


def _redact(values: Any, mask: Any) -> Any:
    """``values`` without anything the sensitivity ``mask`` marks; copies only what it changes."""
    if mask is None or mask is False or mask == {} or mask == []:
        return values
    if mask is True:
        return _SENSITIVE
    if isinstance(values, dict) and isinstance(mask, dict):
        out = {}
        for key, value in values.items():
            red = _redact(value, mask.get(key))
            if red is not _SENSITIVE:
                out[key] = red
        return out
    if isinstance(values, list) and isinstance(mask, list):
        return [
            r
            for i, v in enumerate(values)
            if (r := _redact(v, mask[i] if i < len(mask) else None)) is not _SENSITIVE
        ]
    return values


_SENSITIVE = object()


class _Providers:
    """Provider configurations of the plan: region and default tags per config key."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        config = data.get("configuration") if isinstance(data.get("configuration"), dict) else {}
        assert isinstance(config, dict)
        self._config: dict[str, Any] = (
            config.get("provider_config") if isinstance(config.get("provider_config"), dict) else {}
        ) or {}
        variables = data.get("variables")
        self._variables: dict[str, Any] = variables if isinstance(variables, dict) else {}
        self._resource_keys: dict[str, str] = {}
        self._collect(config.get("root_module"), "")

    def _collect(self, module: Any, prefix: str) -> None:
        if not isinstance(module, dict):
            return
        for res in module.get("resources") or []:
            if isinstance(res, dict) and isinstance(res.get("address"), str):
                key = res.get("provider_config_key")
                if isinstance(key, str):
                    self._resource_keys[prefix + res["address"]] = key
        for name, call in (module.get("module_calls") or {}).items():
            if isinstance(call, dict):
                self._collect(call.get("module"), f"{prefix}module.{name}.")

    def config_key(self, address: str, entry: Mapping[str, Any]) -> str | None:
        # configuration addresses carry no count/for_each index: strip "[...]" parts
        bare = _strip_indexes(address)
        key = self._resource_keys.get(bare)
        if key is None and isinstance(entry.get("provider_name"), str):
            return None
        return key

    def _entry(self, key: str | None) -> dict[str, Any] | None:
        if key is None:
            return None
        entry = self._config.get(key)
        if entry is None and ":" in key:
            # older Terraform writes "module_name:aws"; the provider may be inherited from root
            entry = self._config.get(key.rsplit(":", 1)[-1])
        return entry if isinstance(entry, dict) else None

    def expression(self, key: str | None, arg: str) -> tuple[bool, Any]:
        """(known, value) of a provider argument; unknown when it references something unset."""
        entry = self._entry(key)
        if entry is None:
            return False, None
        expr = (entry.get("expressions") or {}).get(arg)
        if not isinstance(expr, dict):
            return True, None
        if "constant_value" in expr:
            return True, expr["constant_value"]
        for ref in expr.get("references") or []:
            if isinstance(ref, str) and ref.startswith("var."):
                var = self._variables.get(ref[4:].split(".")[0])
                if isinstance(var, dict) and "value" in var:
                    return True, var["value"]
        return False, None

    def default_tags_refs(self, key: str | None) -> tuple[dict[str, str], tuple[str, ...] | None]:
        """(default tags, None when all known, else the references behind the unknown part).

        ``tags = var.default_tags`` resolves from the plan's variables; an object written with
        references (``{"finops:team" = var.team}``) hides its keys from the plan JSON.
        """
        entry = self._entry(key)
        if entry is None:
            return {}, None
        blocks = (entry.get("expressions") or {}).get("default_tags")
        if not isinstance(blocks, list):
            return {}, None
        tags: dict[str, str] = {}
        refs: list[str] | None = None
        for block in blocks:
            expr = block.get("tags") if isinstance(block, dict) else None
            if not isinstance(expr, dict):
                continue
            value = expr.get("constant_value")
            named = [r for r in expr.get("references") or [] if isinstance(r, str)]
            if value is None and len(named) == 1 and named[0].startswith("var."):
                var = self._variables.get(named[0][4:])
                value = var.get("value") if isinstance(var, dict) else None
            if isinstance(value, dict):
                tags.update({str(k): str(v) for k, v in value.items()})
            else:
                refs = [*(refs or []), *named]
        return tags, None if refs is None else tuple(refs)


_INDEX = re.compile(r'\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]')


def _strip_indexes(address: str) -> str:
    """``module.a["x"].aws_instance.b[0]`` -> ``module.a.aws_instance.b``."""
    return _INDEX.sub("", address) if "[" in address else address


def _region(
    values: Mapping[str, Any],
    unknown: frozenset[str],
    provider: str,
    providers: _Providers,
    key: str | None,
) -> str | None:
    own = values.get("region")
    if isinstance(own, str) and own and provider == "aws":
        return own
    if provider == "azurerm":
        return azure_location(values.get("location"))
    if provider in ("google", "google-beta"):
        return _google_region(values, providers, key)
    # a "region" argument unknown until apply (S3 buckets compute it) defaults to the provider's
    arg = _REGION_ARG.get(provider)
    if arg is None:
        return None
    known, value = providers.expression(key, arg)
    return value if known and isinstance(value, str) and value else None


def azure_location(value: Any) -> str | None:
    """Azure's display name or ARM name as the ARM region name: "West Europe" -> westeurope."""
    if not isinstance(value, str) or not value.strip():
        return None
    return "".join(value.split()).lower()


_ZONE = re.compile(r"^([a-z]+-[a-z]+\d+)-[a-z]$")


def _google_region(values: Mapping[str, Any], providers: _Providers, key: str | None) -> str | None:
    """A google resource's region: its own ``region``, ``zone`` or ``location`` (a zone gives its
    region; a GCS multi- or dual-region such as ``US`` or ``NAM4`` stays itself, lowercased), else
    the provider block's ``region`` or ``zone`` (aliases included)."""
    for arg in ("region", "zone", "location"):
        own = values.get(arg)
        if isinstance(own, str) and own:
            return _google_location(own)
    for arg in ("region", "zone"):
        known, value = providers.expression(key, arg)
        if known and isinstance(value, str) and value:
            return _google_location(value)
    return None


def _google_location(value: str) -> str:
    value = value.strip().lower()
    zone = _ZONE.match(value)
    return zone.group(1) if zone else value


def _tags(
    values: Mapping[str, Any],
    unknown: frozenset[str],
    provider: str,
    providers: _Providers,
    key: str | None,
) -> tuple[dict[str, str] | None, frozenset[str]]:
    """Effective tags (AWS ``tags_all`` / ``tags`` + default_tags, GCP labels, Azure tags)."""
    if provider == "aws":
        if isinstance(values.get("tags_all"), dict) and "tags_all" not in unknown:
            tags_all = {str(k): str(v) for k, v in values["tags_all"].items() if v is not None}
            pending = {p.split(".", 1)[1] for p in unknown if p.startswith("tags_all.")}
            return tags_all, frozenset(pending)
        defaults, refs = providers.default_tags_refs(key)
        defaults_known = refs is None
        own = values.get("tags") if isinstance(values.get("tags"), dict) else {}
        assert isinstance(own, dict)
        tags = {**defaults, **{str(k): str(v) for k, v in own.items() if v is not None}}
        pending = {p.split(".", 1)[1] for p in unknown if p.startswith("tags.")}
        if "tags" in unknown or not defaults_known:
            pending.add("*")
            # "*<reference>": what the unknown keys come from, for the tag policy's message
            pending.update(f"*{r}" for r in refs or ())
        if "tags" not in values and "tags_all" not in values and "tags" not in unknown:
            return (tags or None), frozenset(pending)
        return tags, frozenset(pending)
    # GCP: terraform_labels (labels + provider default_labels) or effective_labels (also those
    # set outside Terraform); Azure: tags
    for attr in ("terraform_labels", "effective_labels", "labels", "tags"):
        if isinstance(values.get(attr), dict):
            pending = {p.split(".", 1)[1] for p in unknown if p.startswith(attr + ".")}
            return {str(k): str(v) for k, v in values[attr].items()}, frozenset(pending)
        if attr in unknown:
            if not _labels_follow(unknown, provider, providers, key, attr):
                return {}, frozenset({"*"})
            labels = values.get("labels")
            own = labels if isinstance(labels, dict) else {}
            return {str(k): str(v) for k, v in own.items()}, frozenset()
    return None, frozenset()


def _labels_follow(
    unknown: frozenset[str], provider: str, providers: _Providers, key: str | None, attr: str
) -> bool:
    """True when a google resource's computed ``terraform_labels``/``effective_labels`` (unknown
    in a plan that creates it) equal its known ``labels``: the provider sets no default_labels."""
    if provider not in ("google", "google-beta") or attr not in (
        "terraform_labels",
        "effective_labels",
    ):
        return False
    known, defaults = providers.expression(key, "default_labels")
    labels_unknown = any(p == "labels" or p.startswith("labels.") for p in unknown)
    return known and not defaults and not labels_unknown
